import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class QuoteMode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    QUOTE_MODE_UNSPECIFIED: _ClassVar[QuoteMode]
    QUOTE_MODE_SPEECH: _ClassVar[QuoteMode]
    QUOTE_MODE_THOUGHT: _ClassVar[QuoteMode]
    QUOTE_MODE_WRITING: _ClassVar[QuoteMode]

class QuoteKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    QUOTE_KIND_UNSPECIFIED: _ClassVar[QuoteKind]
    QUOTE_KIND_DIRECT: _ClassVar[QuoteKind]
    QUOTE_KIND_INDIRECT: _ClassVar[QuoteKind]
    QUOTE_KIND_MIXED: _ClassVar[QuoteKind]

class StanceLabel(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    STANCE_LABEL_UNSPECIFIED: _ClassVar[StanceLabel]
    STANCE_LABEL_HAWKISH: _ClassVar[StanceLabel]
    STANCE_LABEL_NEUTRAL: _ClassVar[StanceLabel]
    STANCE_LABEL_CONCILIATORY: _ClassVar[StanceLabel]

class JobState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    JOB_STATE_UNSPECIFIED: _ClassVar[JobState]
    JOB_STATE_QUEUED: _ClassVar[JobState]
    JOB_STATE_STARTED: _ClassVar[JobState]
    JOB_STATE_FINISHED: _ClassVar[JobState]
    JOB_STATE_FAILED: _ClassVar[JobState]
    JOB_STATE_DEFERRED: _ClassVar[JobState]
    JOB_STATE_SCHEDULED: _ClassVar[JobState]

class SpeakerSort(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SPEAKER_SORT_UNSPECIFIED: _ClassVar[SpeakerSort]
    SPEAKER_SORT_NEWEST: _ClassVar[SpeakerSort]
    SPEAKER_SORT_HAWKISH: _ClassVar[SpeakerSort]
    SPEAKER_SORT_CONCILIATORY: _ClassVar[SpeakerSort]
    SPEAKER_SORT_REPEATED: _ClassVar[SpeakerSort]

class Interval(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    INTERVAL_UNSPECIFIED: _ClassVar[Interval]
    INTERVAL_DAY: _ClassVar[Interval]
    INTERVAL_WEEK: _ClassVar[Interval]
    INTERVAL_MONTH: _ClassVar[Interval]
QUOTE_MODE_UNSPECIFIED: QuoteMode
QUOTE_MODE_SPEECH: QuoteMode
QUOTE_MODE_THOUGHT: QuoteMode
QUOTE_MODE_WRITING: QuoteMode
QUOTE_KIND_UNSPECIFIED: QuoteKind
QUOTE_KIND_DIRECT: QuoteKind
QUOTE_KIND_INDIRECT: QuoteKind
QUOTE_KIND_MIXED: QuoteKind
STANCE_LABEL_UNSPECIFIED: StanceLabel
STANCE_LABEL_HAWKISH: StanceLabel
STANCE_LABEL_NEUTRAL: StanceLabel
STANCE_LABEL_CONCILIATORY: StanceLabel
JOB_STATE_UNSPECIFIED: JobState
JOB_STATE_QUEUED: JobState
JOB_STATE_STARTED: JobState
JOB_STATE_FINISHED: JobState
JOB_STATE_FAILED: JobState
JOB_STATE_DEFERRED: JobState
JOB_STATE_SCHEDULED: JobState
SPEAKER_SORT_UNSPECIFIED: SpeakerSort
SPEAKER_SORT_NEWEST: SpeakerSort
SPEAKER_SORT_HAWKISH: SpeakerSort
SPEAKER_SORT_CONCILIATORY: SpeakerSort
SPEAKER_SORT_REPEATED: SpeakerSort
INTERVAL_UNSPECIFIED: Interval
INTERVAL_DAY: Interval
INTERVAL_WEEK: Interval
INTERVAL_MONTH: Interval

class Span(_message.Message):
    __slots__ = ("text", "start", "end")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    START_FIELD_NUMBER: _ClassVar[int]
    END_FIELD_NUMBER: _ClassVar[int]
    text: str
    start: int
    end: int
    def __init__(self, text: _Optional[str] = ..., start: _Optional[int] = ..., end: _Optional[int] = ...) -> None: ...

class Evidence(_message.Message):
    __slots__ = ("text", "start", "end", "weight", "note")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    START_FIELD_NUMBER: _ClassVar[int]
    END_FIELD_NUMBER: _ClassVar[int]
    WEIGHT_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    text: str
    start: int
    end: int
    weight: float
    note: str
    def __init__(self, text: _Optional[str] = ..., start: _Optional[int] = ..., end: _Optional[int] = ..., weight: _Optional[float] = ..., note: _Optional[str] = ...) -> None: ...

class Stance(_message.Message):
    __slots__ = ("label", "score", "evidence")
    LABEL_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_FIELD_NUMBER: _ClassVar[int]
    label: StanceLabel
    score: float
    evidence: _containers.RepeatedCompositeFieldContainer[Evidence]
    def __init__(self, label: _Optional[_Union[StanceLabel, str]] = ..., score: _Optional[float] = ..., evidence: _Optional[_Iterable[_Union[Evidence, _Mapping]]] = ...) -> None: ...

class Quote(_message.Message):
    __slots__ = ("text", "start", "end", "kind", "cue", "speaker", "speaker_mention", "speaker_role", "confidence", "stance", "mode")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    START_FIELD_NUMBER: _ClassVar[int]
    END_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    CUE_FIELD_NUMBER: _ClassVar[int]
    SPEAKER_FIELD_NUMBER: _ClassVar[int]
    SPEAKER_MENTION_FIELD_NUMBER: _ClassVar[int]
    SPEAKER_ROLE_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    STANCE_FIELD_NUMBER: _ClassVar[int]
    MODE_FIELD_NUMBER: _ClassVar[int]
    text: str
    start: int
    end: int
    kind: QuoteKind
    cue: Span
    speaker: str
    speaker_mention: Span
    speaker_role: str
    confidence: float
    stance: Stance
    mode: QuoteMode
    def __init__(self, text: _Optional[str] = ..., start: _Optional[int] = ..., end: _Optional[int] = ..., kind: _Optional[_Union[QuoteKind, str]] = ..., cue: _Optional[_Union[Span, _Mapping]] = ..., speaker: _Optional[str] = ..., speaker_mention: _Optional[_Union[Span, _Mapping]] = ..., speaker_role: _Optional[str] = ..., confidence: _Optional[float] = ..., stance: _Optional[_Union[Stance, _Mapping]] = ..., mode: _Optional[_Union[QuoteMode, str]] = ...) -> None: ...

class StoredQuote(_message.Message):
    __slots__ = ("quote_id", "doc_id", "doc_name", "quote", "published", "statement_id", "article_id")
    QUOTE_ID_FIELD_NUMBER: _ClassVar[int]
    DOC_ID_FIELD_NUMBER: _ClassVar[int]
    DOC_NAME_FIELD_NUMBER: _ClassVar[int]
    QUOTE_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_FIELD_NUMBER: _ClassVar[int]
    STATEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    ARTICLE_ID_FIELD_NUMBER: _ClassVar[int]
    quote_id: str
    doc_id: str
    doc_name: str
    quote: Quote
    published: _timestamp_pb2.Timestamp
    statement_id: str
    article_id: str
    def __init__(self, quote_id: _Optional[str] = ..., doc_id: _Optional[str] = ..., doc_name: _Optional[str] = ..., quote: _Optional[_Union[Quote, _Mapping]] = ..., published: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., statement_id: _Optional[str] = ..., article_id: _Optional[str] = ...) -> None: ...

class ArticleMetadata(_message.Message):
    __slots__ = ("title", "url", "outlet", "published", "author", "language")
    TITLE_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    OUTLET_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_FIELD_NUMBER: _ClassVar[int]
    AUTHOR_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    title: str
    url: str
    outlet: str
    published: str
    author: str
    language: str
    def __init__(self, title: _Optional[str] = ..., url: _Optional[str] = ..., outlet: _Optional[str] = ..., published: _Optional[str] = ..., author: _Optional[str] = ..., language: _Optional[str] = ...) -> None: ...

class ArticleRef(_message.Message):
    __slots__ = ("article_id", "doc_id", "metadata", "quote_id", "text", "start", "end", "speaker_role", "doc_name")
    ARTICLE_ID_FIELD_NUMBER: _ClassVar[int]
    DOC_ID_FIELD_NUMBER: _ClassVar[int]
    METADATA_FIELD_NUMBER: _ClassVar[int]
    QUOTE_ID_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    START_FIELD_NUMBER: _ClassVar[int]
    END_FIELD_NUMBER: _ClassVar[int]
    SPEAKER_ROLE_FIELD_NUMBER: _ClassVar[int]
    DOC_NAME_FIELD_NUMBER: _ClassVar[int]
    article_id: str
    doc_id: str
    metadata: ArticleMetadata
    quote_id: str
    text: str
    start: int
    end: int
    speaker_role: str
    doc_name: str
    def __init__(self, article_id: _Optional[str] = ..., doc_id: _Optional[str] = ..., metadata: _Optional[_Union[ArticleMetadata, _Mapping]] = ..., quote_id: _Optional[str] = ..., text: _Optional[str] = ..., start: _Optional[int] = ..., end: _Optional[int] = ..., speaker_role: _Optional[str] = ..., doc_name: _Optional[str] = ...) -> None: ...

class Statement(_message.Message):
    __slots__ = ("statement_id", "speaker", "text", "stance", "mode", "kind", "count", "first_seen", "articles")
    STATEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SPEAKER_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    STANCE_FIELD_NUMBER: _ClassVar[int]
    MODE_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    FIRST_SEEN_FIELD_NUMBER: _ClassVar[int]
    ARTICLES_FIELD_NUMBER: _ClassVar[int]
    statement_id: str
    speaker: str
    text: str
    stance: Stance
    mode: QuoteMode
    kind: QuoteKind
    count: int
    first_seen: ArticleRef
    articles: _containers.RepeatedCompositeFieldContainer[ArticleRef]
    def __init__(self, statement_id: _Optional[str] = ..., speaker: _Optional[str] = ..., text: _Optional[str] = ..., stance: _Optional[_Union[Stance, _Mapping]] = ..., mode: _Optional[_Union[QuoteMode, str]] = ..., kind: _Optional[_Union[QuoteKind, str]] = ..., count: _Optional[int] = ..., first_seen: _Optional[_Union[ArticleRef, _Mapping]] = ..., articles: _Optional[_Iterable[_Union[ArticleRef, _Mapping]]] = ...) -> None: ...

class ExtractRequest(_message.Message):
    __slots__ = ("text", "doc_name", "with_stance")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    DOC_NAME_FIELD_NUMBER: _ClassVar[int]
    WITH_STANCE_FIELD_NUMBER: _ClassVar[int]
    text: str
    doc_name: str
    with_stance: bool
    def __init__(self, text: _Optional[str] = ..., doc_name: _Optional[str] = ..., with_stance: _Optional[bool] = ...) -> None: ...

class ExtractResponse(_message.Message):
    __slots__ = ("quotes", "model_version")
    QUOTES_FIELD_NUMBER: _ClassVar[int]
    MODEL_VERSION_FIELD_NUMBER: _ClassVar[int]
    quotes: _containers.RepeatedCompositeFieldContainer[Quote]
    model_version: str
    def __init__(self, quotes: _Optional[_Iterable[_Union[Quote, _Mapping]]] = ..., model_version: _Optional[str] = ...) -> None: ...

class ExtractBatchRequest(_message.Message):
    __slots__ = ("id", "text", "doc_name", "with_stance")
    ID_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    DOC_NAME_FIELD_NUMBER: _ClassVar[int]
    WITH_STANCE_FIELD_NUMBER: _ClassVar[int]
    id: str
    text: str
    doc_name: str
    with_stance: bool
    def __init__(self, id: _Optional[str] = ..., text: _Optional[str] = ..., doc_name: _Optional[str] = ..., with_stance: _Optional[bool] = ...) -> None: ...

class ItemError(_message.Message):
    __slots__ = ("code", "message", "field")
    CODE_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    FIELD_FIELD_NUMBER: _ClassVar[int]
    code: int
    message: str
    field: str
    def __init__(self, code: _Optional[int] = ..., message: _Optional[str] = ..., field: _Optional[str] = ...) -> None: ...

class ExtractBatchResponse(_message.Message):
    __slots__ = ("id", "quotes", "error", "model_version")
    ID_FIELD_NUMBER: _ClassVar[int]
    QUOTES_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    MODEL_VERSION_FIELD_NUMBER: _ClassVar[int]
    id: str
    quotes: _containers.RepeatedCompositeFieldContainer[Quote]
    error: ItemError
    model_version: str
    def __init__(self, id: _Optional[str] = ..., quotes: _Optional[_Iterable[_Union[Quote, _Mapping]]] = ..., error: _Optional[_Union[ItemError, _Mapping]] = ..., model_version: _Optional[str] = ...) -> None: ...

class GetModelVersionRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetModelVersionResponse(_message.Message):
    __slots__ = ("model_version",)
    MODEL_VERSION_FIELD_NUMBER: _ClassVar[int]
    model_version: str
    def __init__(self, model_version: _Optional[str] = ...) -> None: ...

class JobStatus(_message.Message):
    __slots__ = ("job_id", "doc_id", "state", "quote_count", "error", "cached", "article_id")
    JOB_ID_FIELD_NUMBER: _ClassVar[int]
    DOC_ID_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    QUOTE_COUNT_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    CACHED_FIELD_NUMBER: _ClassVar[int]
    ARTICLE_ID_FIELD_NUMBER: _ClassVar[int]
    job_id: str
    doc_id: str
    state: JobState
    quote_count: int
    error: str
    cached: bool
    article_id: str
    def __init__(self, job_id: _Optional[str] = ..., doc_id: _Optional[str] = ..., state: _Optional[_Union[JobState, str]] = ..., quote_count: _Optional[int] = ..., error: _Optional[str] = ..., cached: _Optional[bool] = ..., article_id: _Optional[str] = ...) -> None: ...

class SubmitDocumentRequest(_message.Message):
    __slots__ = ("text", "doc_name", "metadata")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    DOC_NAME_FIELD_NUMBER: _ClassVar[int]
    METADATA_FIELD_NUMBER: _ClassVar[int]
    text: str
    doc_name: str
    metadata: ArticleMetadata
    def __init__(self, text: _Optional[str] = ..., doc_name: _Optional[str] = ..., metadata: _Optional[_Union[ArticleMetadata, _Mapping]] = ...) -> None: ...

class SubmitDocumentResponse(_message.Message):
    __slots__ = ("job_id", "doc_id", "cached", "state", "article_id")
    JOB_ID_FIELD_NUMBER: _ClassVar[int]
    DOC_ID_FIELD_NUMBER: _ClassVar[int]
    CACHED_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    ARTICLE_ID_FIELD_NUMBER: _ClassVar[int]
    job_id: str
    doc_id: str
    cached: bool
    state: JobState
    article_id: str
    def __init__(self, job_id: _Optional[str] = ..., doc_id: _Optional[str] = ..., cached: _Optional[bool] = ..., state: _Optional[_Union[JobState, str]] = ..., article_id: _Optional[str] = ...) -> None: ...

class StatementFilter(_message.Message):
    __slots__ = ("words", "stance", "min_score", "max_score", "published_from", "published_to", "outlet", "mode")
    WORDS_FIELD_NUMBER: _ClassVar[int]
    STANCE_FIELD_NUMBER: _ClassVar[int]
    MIN_SCORE_FIELD_NUMBER: _ClassVar[int]
    MAX_SCORE_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_FROM_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_TO_FIELD_NUMBER: _ClassVar[int]
    OUTLET_FIELD_NUMBER: _ClassVar[int]
    MODE_FIELD_NUMBER: _ClassVar[int]
    words: str
    stance: StanceLabel
    min_score: float
    max_score: float
    published_from: str
    published_to: str
    outlet: str
    mode: QuoteMode
    def __init__(self, words: _Optional[str] = ..., stance: _Optional[_Union[StanceLabel, str]] = ..., min_score: _Optional[float] = ..., max_score: _Optional[float] = ..., published_from: _Optional[str] = ..., published_to: _Optional[str] = ..., outlet: _Optional[str] = ..., mode: _Optional[_Union[QuoteMode, str]] = ...) -> None: ...

class SearchStatementsRequest(_message.Message):
    __slots__ = ("speaker", "filter", "sort", "limit", "offset")
    SPEAKER_FIELD_NUMBER: _ClassVar[int]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    SORT_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    OFFSET_FIELD_NUMBER: _ClassVar[int]
    speaker: str
    filter: StatementFilter
    sort: SpeakerSort
    limit: int
    offset: int
    def __init__(self, speaker: _Optional[str] = ..., filter: _Optional[_Union[StatementFilter, _Mapping]] = ..., sort: _Optional[_Union[SpeakerSort, str]] = ..., limit: _Optional[int] = ..., offset: _Optional[int] = ...) -> None: ...

class SearchStatementsResponse(_message.Message):
    __slots__ = ("speaker", "statements", "total")
    SPEAKER_FIELD_NUMBER: _ClassVar[int]
    STATEMENTS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    speaker: str
    statements: _containers.RepeatedCompositeFieldContainer[Statement]
    total: int
    def __init__(self, speaker: _Optional[str] = ..., statements: _Optional[_Iterable[_Union[Statement, _Mapping]]] = ..., total: _Optional[int] = ...) -> None: ...

class SpeakerTimelineRequest(_message.Message):
    __slots__ = ("name", "interval", "to")
    NAME_FIELD_NUMBER: _ClassVar[int]
    INTERVAL_FIELD_NUMBER: _ClassVar[int]
    FROM_FIELD_NUMBER: _ClassVar[int]
    TO_FIELD_NUMBER: _ClassVar[int]
    name: str
    interval: Interval
    to: str
    def __init__(self, name: _Optional[str] = ..., interval: _Optional[_Union[Interval, str]] = ..., to: _Optional[str] = ..., **kwargs) -> None: ...

class TimelineBucket(_message.Message):
    __slots__ = ("start", "statements", "mean_stance", "hawkish", "neutral", "conciliatory")
    START_FIELD_NUMBER: _ClassVar[int]
    STATEMENTS_FIELD_NUMBER: _ClassVar[int]
    MEAN_STANCE_FIELD_NUMBER: _ClassVar[int]
    HAWKISH_FIELD_NUMBER: _ClassVar[int]
    NEUTRAL_FIELD_NUMBER: _ClassVar[int]
    CONCILIATORY_FIELD_NUMBER: _ClassVar[int]
    start: str
    statements: int
    mean_stance: float
    hawkish: int
    neutral: int
    conciliatory: int
    def __init__(self, start: _Optional[str] = ..., statements: _Optional[int] = ..., mean_stance: _Optional[float] = ..., hawkish: _Optional[int] = ..., neutral: _Optional[int] = ..., conciliatory: _Optional[int] = ...) -> None: ...

class SpeakerTimelineResponse(_message.Message):
    __slots__ = ("speaker", "buckets")
    SPEAKER_FIELD_NUMBER: _ClassVar[int]
    BUCKETS_FIELD_NUMBER: _ClassVar[int]
    speaker: str
    buckets: _containers.RepeatedCompositeFieldContainer[TimelineBucket]
    def __init__(self, speaker: _Optional[str] = ..., buckets: _Optional[_Iterable[_Union[TimelineBucket, _Mapping]]] = ...) -> None: ...

class GetArticleRequest(_message.Message):
    __slots__ = ("article_id",)
    ARTICLE_ID_FIELD_NUMBER: _ClassVar[int]
    article_id: str
    def __init__(self, article_id: _Optional[str] = ...) -> None: ...

class GetArticleResponse(_message.Message):
    __slots__ = ("article_id", "doc_id", "doc_name", "metadata", "text", "quotes")
    ARTICLE_ID_FIELD_NUMBER: _ClassVar[int]
    DOC_ID_FIELD_NUMBER: _ClassVar[int]
    DOC_NAME_FIELD_NUMBER: _ClassVar[int]
    METADATA_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    QUOTES_FIELD_NUMBER: _ClassVar[int]
    article_id: str
    doc_id: str
    doc_name: str
    metadata: ArticleMetadata
    text: str
    quotes: _containers.RepeatedCompositeFieldContainer[StoredQuote]
    def __init__(self, article_id: _Optional[str] = ..., doc_id: _Optional[str] = ..., doc_name: _Optional[str] = ..., metadata: _Optional[_Union[ArticleMetadata, _Mapping]] = ..., text: _Optional[str] = ..., quotes: _Optional[_Iterable[_Union[StoredQuote, _Mapping]]] = ...) -> None: ...

class GetJobRequest(_message.Message):
    __slots__ = ("job_id",)
    JOB_ID_FIELD_NUMBER: _ClassVar[int]
    job_id: str
    def __init__(self, job_id: _Optional[str] = ...) -> None: ...

class GetJobResponse(_message.Message):
    __slots__ = ("job",)
    JOB_FIELD_NUMBER: _ClassVar[int]
    job: JobStatus
    def __init__(self, job: _Optional[_Union[JobStatus, _Mapping]] = ...) -> None: ...

class QuotesBySpeakerRequest(_message.Message):
    __slots__ = ("name", "sort", "limit", "offset", "stance", "mode", "filter")
    NAME_FIELD_NUMBER: _ClassVar[int]
    SORT_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    OFFSET_FIELD_NUMBER: _ClassVar[int]
    STANCE_FIELD_NUMBER: _ClassVar[int]
    MODE_FIELD_NUMBER: _ClassVar[int]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    name: str
    sort: SpeakerSort
    limit: int
    offset: int
    stance: StanceLabel
    mode: QuoteMode
    filter: StatementFilter
    def __init__(self, name: _Optional[str] = ..., sort: _Optional[_Union[SpeakerSort, str]] = ..., limit: _Optional[int] = ..., offset: _Optional[int] = ..., stance: _Optional[_Union[StanceLabel, str]] = ..., mode: _Optional[_Union[QuoteMode, str]] = ..., filter: _Optional[_Union[StatementFilter, _Mapping]] = ...) -> None: ...

class QuotesBySpeakerResponse(_message.Message):
    __slots__ = ("speaker", "quotes", "total", "statements")
    SPEAKER_FIELD_NUMBER: _ClassVar[int]
    QUOTES_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    STATEMENTS_FIELD_NUMBER: _ClassVar[int]
    speaker: str
    quotes: _containers.RepeatedCompositeFieldContainer[StoredQuote]
    total: int
    statements: _containers.RepeatedCompositeFieldContainer[Statement]
    def __init__(self, speaker: _Optional[str] = ..., quotes: _Optional[_Iterable[_Union[StoredQuote, _Mapping]]] = ..., total: _Optional[int] = ..., statements: _Optional[_Iterable[_Union[Statement, _Mapping]]] = ...) -> None: ...

class ListSpeakersRequest(_message.Message):
    __slots__ = ("limit", "offset")
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    OFFSET_FIELD_NUMBER: _ClassVar[int]
    limit: int
    offset: int
    def __init__(self, limit: _Optional[int] = ..., offset: _Optional[int] = ...) -> None: ...

class SpeakerCount(_message.Message):
    __slots__ = ("speaker", "quote_count", "aliases", "roles")
    SPEAKER_FIELD_NUMBER: _ClassVar[int]
    QUOTE_COUNT_FIELD_NUMBER: _ClassVar[int]
    ALIASES_FIELD_NUMBER: _ClassVar[int]
    ROLES_FIELD_NUMBER: _ClassVar[int]
    speaker: str
    quote_count: int
    aliases: _containers.RepeatedScalarFieldContainer[str]
    roles: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, speaker: _Optional[str] = ..., quote_count: _Optional[int] = ..., aliases: _Optional[_Iterable[str]] = ..., roles: _Optional[_Iterable[str]] = ...) -> None: ...

class ListSpeakersResponse(_message.Message):
    __slots__ = ("speakers",)
    SPEAKERS_FIELD_NUMBER: _ClassVar[int]
    speakers: _containers.RepeatedCompositeFieldContainer[SpeakerCount]
    def __init__(self, speakers: _Optional[_Iterable[_Union[SpeakerCount, _Mapping]]] = ...) -> None: ...

class GetDocumentQuotesRequest(_message.Message):
    __slots__ = ("doc_id",)
    DOC_ID_FIELD_NUMBER: _ClassVar[int]
    doc_id: str
    def __init__(self, doc_id: _Optional[str] = ...) -> None: ...

class GetDocumentQuotesResponse(_message.Message):
    __slots__ = ("quotes",)
    QUOTES_FIELD_NUMBER: _ClassVar[int]
    quotes: _containers.RepeatedCompositeFieldContainer[StoredQuote]
    def __init__(self, quotes: _Optional[_Iterable[_Union[StoredQuote, _Mapping]]] = ...) -> None: ...
