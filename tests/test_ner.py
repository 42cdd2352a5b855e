"""extractor.ner: the bundled German NER model on sentences composed for these tests."""

from __future__ import annotations

import pytest

from extractor.ner import ClusterTable, Entity, NerTagger, features, load_clusters, spans, write_clusters
from foundation import defaults


@pytest.fixture(scope="module")
def ner() -> NerTagger:
    return NerTagger.load(defaults.BUNDLED_MODEL_DIR)


def _found(ner: NerTagger, sentence: str) -> set[tuple[str, str]]:
    words = sentence.split()
    return {(" ".join(words[e.start : e.end]), e.label) for e in ner.entities(words)}


def test_bio_tags_become_entities():
    assert spans(["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-ORG"]) == [
        Entity(0, 2, "PER"),
        Entity(3, 4, "LOC"),
        Entity(4, 5, "LOC"),
        Entity(5, 6, "ORG"),
    ]
    assert spans([]) == [] and spans(["O", "O"]) == []


def test_features_are_the_same_for_training_and_use():
    words = ["Die", "Ministerin", "Anna", "Berg", "sagte", "das", "."]
    assert features(words, {"Berg": "1010"}) == features(list(words), {"Berg": "1010"})
    assert features(words)[2]["first"] is True  # „Anna“ is a known first name


def test_features_name_heads_quotes_and_double_first_names():
    words = ["Bundesinnenministerin", "Lea-Sophie", "Berg", "lobte", "den", "„", "Stadtanzeiger", "“", "."]
    f = features(words)
    assert f[0]["head_person"] is True  # ends in „ministerin“
    assert f[1]["-1:head_person"] is True and f[2]["-2:head_person"] is True
    assert f[1]["first"] is True  # both parts are first names
    assert f[2]["after_first"] is True
    assert [x["quote"] for x in f] == ["out", "out", "out", "out", "out", "q", "in", "q", "out"]
    assert "head_org" not in features(["Tag"])[0]  # short heads („AG“) match whole words only


def test_the_cluster_table_is_a_mapping_read_from_its_file(tmp_path):
    table = {"Merkel": "101000", "Ärzte": "1111", "Arzt": "110", "ab": "1", "abc": "10", "Zürich": "1010000"}
    write_clusters(tmp_path / "c.tsv.gz", {**table, "leer": "", "a\tb": "1"})
    loaded = load_clusters(tmp_path / "c.tsv.gz")
    assert dict(loaded) == table and len(loaded) == len(table)
    assert loaded.get("Merkel") == "101000" and loaded.get("merkel") is None and "Zürich" in loaded
    assert ClusterTable(b"").get("a") is None and ClusterTable(b"a\t1\n\nb\t10").get("b") == "10"


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "Bundeskanzler Olaf Scholz traf am Montag in Paris den französischen Präsidenten Emmanuel Macron .",
            {("Olaf Scholz", "PER"), ("Paris", "LOC"), ("Emmanuel Macron", "PER")},
        ),
        (
            "Die Sprecherin des Auswärtigen Amtes , Maria Weber , sagte in Berlin , die Gespräche gingen weiter .",
            {("Maria Weber", "PER"), ("Berlin", "LOC")},
        ),
        ("Der Siemens-Konzern und die Deutsche Bahn wollen in Hamburg gemeinsam bauen .", {("Hamburg", "LOC")}),
    ],
)
def test_people_and_places_are_found(ner: NerTagger, sentence: str, expected: set[tuple[str, str]]):
    assert expected <= _found(ner, sentence)


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "Bundeskanzlerin Angela Merkel sprach am Dienstag mit Vertretern der Gewerkschaften .",
            {("Angela Merkel", "PER")},
        ),
        ("Ein Sprecher der Deutschen Bahn sagte , die Züge führen wieder nach Plan .", {("Deutschen Bahn", "ORG")}),
        ("Im Streit um die Löhne hat die Deutsche Bahn ein neues Angebot vorgelegt .", {("Deutsche Bahn", "ORG")}),
    ],
)
def test_a_title_before_a_name_and_a_company(ner: NerTagger, sentence: str, expected: set[tuple[str, str]]):
    assert expected <= _found(ner, sentence)


def test_ordinary_nouns_are_no_entities(ner: NerTagger):
    found = _found(ner, "Am Freitagabend kam die Reaktion der Regierung nach einer kurzen Mitteilung .")
    assert not {text for text, _ in found} & {"Freitagabend", "Reaktion", "Mitteilung"}


def test_a_missing_model_is_a_clear_error(tmp_path):
    from foundation.errors import ModelNotAvailable

    with pytest.raises(ModelNotAvailable, match="extractor.model.ner"):
        NerTagger.load(tmp_path)


def test_a_document_is_annotated_in_place(ner: NerTagger):
    from extractor.document import Sentence, Word
    from extractor.ner import annotate, entity_label, entity_tag

    texts = ["Die", "Ministerin", "Anna", "Berg", "sagte", "das", "."]
    tags = ["ART", "NN", "NE", "NE", "VVFIN", "PDS", "$."]  # the parser's XPOS, which annotate passes on
    words = [Word(i + 1, t, t, "X", x, {}, 0, "dep", 0, 0) for i, (t, x) in enumerate(zip(texts, tags))]
    annotate([Sentence(0, words, 0, 0, 0), Sentence(1, [], 0, 0, 0)], ner)
    assert [entity_label(w) for w in words[2:4]] == ["PER", "PER"]
    assert entity_tag(words[0]) == "O" and entity_label(words[4]) is None
    assert entity_tag(Word(1, "Berg", "Berg", "X", "", {}, 0, "dep", 0, 0)) == "O"  # never annotated


def test_a_model_trained_with_tags_reads_the_words_stts_tags():
    """The part-of-speech features: the word's tag, its neighbours' (±2), the pairs around it."""
    words = ["Gestern", "sprach", "Anna", "Wagner", "in", "Kiel", "."]
    tags = ["ADV", "VVFIN", "NE", "NE", "APPR", "NE", "$."]
    f = features(words, tags=tags)
    assert f[3]["pos"] == "NE" and f[3]["-2:pos"] == "VVFIN" and f[3]["+2:pos"] == "NE"
    assert f[3]["-1:pos|pos"] == "NE|NE" and f[3]["pos|+1:pos"] == "NE|APPR" and f[3]["NE+NE"] is True
    assert "NE+NE" not in f[2] and "-2:pos" not in f[1]
    assert not any(k.endswith("pos") or "pos|" in k for k in features(words)[3])  # no tags, no such features


def test_the_bundled_model_reads_tags_and_finds_them_itself_when_none_are_given(ner: NerTagger):
    """The parser's tags are passed on by `annotate`; a caller without them gets HanTa's, so the model
    never meets a sentence without the features it was trained with. The tag decides an unknown
    capitalised word after a verb: a proper noun (NE) is a person, a common noun (NN) is not."""
    from extractor.ner import pos_tags

    assert ner.reads_tags
    words = "Gestern sprach Wagner über die Lage .".split()
    tags = pos_tags(words)
    assert tags[2] == "NE" and ner.tag(words) == ner.tag(words, tags)
    assert ner.tag(words, tags)[2] == "B-PER"
    assert ner.tag(words, [*tags[:2], "NN", *tags[3:]])[2] == "O"
    assert ner.tag(words, ["", *tags[1:]]) == ner.tag(words)  # a missing tag: HanTa tags the sentence
