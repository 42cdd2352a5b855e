"""The library API: `extract(text) -> list[Quote]`.

Data flows one way: text → parse (extractor.parsing) → quotes (extractor.quotes) → speakers resolved
(extractor.resolve). An `Extractor` owns one Stanza pipeline; Stanza is not thread-safe, so calls are
serialised by a lock (scale with processes, not threads).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from extractor import markup
from extractor.document import Sentence
from extractor.ner import NerTagger
from extractor.nlp import ModelConfig
from extractor.types import Analysis, Quote
from foundation import defaults
from foundation.errors import InvalidDocument, ZitatError

T = TypeVar("T")


def validate_text(text: object) -> str:
    """Return the text if it can be processed as a document, else raise InvalidDocument."""
    if not isinstance(text, str):
        raise InvalidDocument(f"document must be text, got {type(text).__name__}")
    if not text.strip():
        raise InvalidDocument("document is empty")
    size = len(text.encode("utf-8", errors="surrogatepass"))
    if size > defaults.MAX_DOCUMENT_BYTES:
        raise InvalidDocument(
            f"document is {size} bytes; the limit is {defaults.MAX_DOCUMENT_BYTES} bytes "
            f"({defaults.MAX_DOCUMENT_BYTES // (1024 * 1024)} MiB)"
        )
    if not any(ch.isprintable() and not ch.isspace() for ch in text):
        # Nothing visible: zero-width, other format and control characters besides whitespace.
        raise InvalidDocument("document is empty: it has no visible characters")
    if "\x00" in text:
        raise InvalidDocument("document contains NUL bytes: binary data is not text")
    return text


class Extractor:
    """Finds every quote in German documents with one Stanza pipeline, loaded on first use."""

    def __init__(self, config: ModelConfig | None = None) -> None:
        self.config = config or ModelConfig.from_settings()
        self._lock = threading.Lock()
        self._parser = None

    @property
    def model_version(self) -> str:
        return self.config.version

    @property
    def parser(self):
        """The loaded Parser (loading it on first use): tokenizer, speech screen, tagger and parser."""
        from extractor.parsing import Parser

        if self._parser is None:
            self._parser = Parser(self.config)
        return self._parser

    @property
    def ner(self) -> NerTagger:
        """The parser's named-entity tagger (extractor.parsing: every parse is annotated with it)."""
        return self.parser.ner

    def load(self) -> Extractor:
        """Load the models now rather than on the first document (servers do this at start-up)."""
        with self._lock:
            _ = self.parser
        return self

    def extract(self, text: str) -> list[Quote]:
        return self.extract_many([text])[0]

    def extract_many(self, texts: list[str], stop: Callable[[], bool] | None = None) -> list[list[Quote]]:
        """Extract from several documents; the parser batches their sentences together.

        `stop` (optional) is asked between pieces of work; once it answers True, the model is freed
        and Cancelled is raised, so a caller that went away costs at most one piece more.
        """
        return [a.quotes for a in self.analyse_many(texts, stop)]

    def analyse_many(self, texts: list[str], stop: Callable[[], bool] | None = None) -> list[Analysis]:
        """Like extract_many, with each document's parse kept beside its quotes: later stages (the
        stance scorer) read the same parse instead of parsing again."""
        from extractor.quotes import find_quotes

        for text in texts:
            validate_text(text)
        masked, docs = self._parse(texts, stop)
        return [Analysis(m.restore(find_quotes(doc)), doc.sentences) for m, doc in zip(masked, docs)]

    def parse_sentences(self, texts: list[str]) -> list[list[Sentence]]:
        """The parsed sentences of each text (offsets into it), for callers that have statements
        rather than articles (the stance scorer's command and its evaluation)."""
        return [doc.sentences for doc in self._parse(texts)[1]]

    def _parse(self, texts: list[str], stop: Callable[[], bool] | None = None) -> tuple[list[markup.Masked], list]:
        """The texts masked (HTML and data runs: see extractor.markup) and parsed together. A masked
        text is as long as its original, so the parse's offsets are the original's too."""
        masked = [markup.mask(text) for text in texts]
        with self._lock:
            return masked, self.parser.parse_many([m.text for m in masked], stop=stop)

    def extract_each(self, texts: list[str]) -> list[list[Quote] | Exception]:
        """extract_many, but a document that cannot be processed gets its exception in place of its
        quotes instead of failing the others (see `extract_each`)."""
        return extract_each(self.extract_many, texts)


def statement_parser(source: str | None = None, threads: int | None = None) -> Callable[[list[str]], list]:
    """How to parse bare statements for the stance scorer (`zitat stance`, the stance gold): the
    extractor's parser reading every sentence, as a quote's own sentence is read in an article."""
    return Extractor(ModelConfig.from_settings(source, threads, full_parse=True)).parse_sentences


def extract_each(extract_many: Callable[[list[str]], list[list[T]]], texts: list[str]) -> list[list[T] | Exception]:
    """Each document's quotes, or the exception it raised, with the valid documents extracted in one
    batch (faster than one by one): an invalid document gets its InvalidDocument, and if the batch
    breaks, each document is tried on its own so that only the culprit gets the error. Other zitat
    errors (a missing model, a deadline) concern every document and are raised."""
    results: list[list[T] | Exception] = []
    for text in texts:
        try:
            validate_text(text)
            results.append([])
        except InvalidDocument as e:
            results.append(e)
    good = [i for i, r in enumerate(results) if not isinstance(r, Exception)]
    try:
        for i, quotes in zip(good, extract_many([texts[i] for i in good]) if good else []):
            results[i] = quotes
    except ZitatError:
        raise
    except Exception:  # noqa: BLE001 - find the document that broke the batch
        for i in good:
            try:
                results[i] = extract_many([texts[i]])[0]
            except ZitatError:
                raise
            except Exception as e:  # noqa: BLE001 - reported per document by the caller
                results[i] = e
    return results


_default: Extractor | None = None
_default_lock = threading.Lock()


def extract(text: str) -> list[Quote]:
    """Every quote in `text`, with the process-wide default Extractor (bundled models unless configured)."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Extractor()
    return _default.extract(text)
