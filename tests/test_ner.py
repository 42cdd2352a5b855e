"""extractor.ner: the bundled German NER model on sentences composed for these tests."""
from __future__ import annotations

import pytest

from extractor.ner import Entity, NerTagger, features, spans
from foundation import defaults


@pytest.fixture(scope="module")
def ner() -> NerTagger:
    return NerTagger.load(defaults.BUNDLED_MODEL_DIR)


def _found(ner: NerTagger, sentence: str) -> set[tuple[str, str]]:
    words = sentence.split()
    return {(" ".join(words[e.start:e.end]), e.label) for e in ner.entities(words)}


def test_bio_tags_become_entities():
    assert spans(["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-ORG"]) == [
        Entity(0, 2, "PER"), Entity(3, 4, "LOC"), Entity(4, 5, "LOC"), Entity(5, 6, "ORG")]
    assert spans([]) == [] and spans(["O", "O"]) == []


def test_features_are_the_same_for_training_and_use():
    words = ["Die", "Ministerin", "Anna", "Berg", "sagte", "das", "."]
    assert features(words, {"Berg": "1010"}) == features(list(words), {"Berg": "1010"})
    assert features(words)[2]["first"] is True  # „Anna“ is a known first name


@pytest.mark.parametrize("sentence, expected", [
    ("Bundeskanzler Olaf Scholz traf am Montag in Paris den französischen Präsidenten Emmanuel Macron .",
     {("Olaf Scholz", "PER"), ("Paris", "LOC"), ("Emmanuel Macron", "PER")}),
    ("Die Sprecherin des Auswärtigen Amtes , Maria Weber , sagte in Berlin , die Gespräche gingen weiter .",
     {("Maria Weber", "PER"), ("Berlin", "LOC")}),
    ("Der Siemens-Konzern und die Deutsche Bahn wollen in Hamburg gemeinsam bauen .",
     {("Hamburg", "LOC")}),
])
def test_people_and_places_are_found(ner: NerTagger, sentence: str, expected: set[tuple[str, str]]):
    assert expected <= _found(ner, sentence)


def test_ordinary_nouns_are_no_entities(ner: NerTagger):
    found = _found(ner, "Am Freitagabend kam die Reaktion der Regierung nach einer kurzen Mitteilung .")
    assert not {text for text, _ in found} & {"Freitagabend", "Reaktion", "Mitteilung"}


def test_a_missing_model_is_a_clear_error(tmp_path):
    from foundation.errors import ModelNotAvailable

    with pytest.raises(ModelNotAvailable, match="extractor.model.ner"):
        NerTagger.load(tmp_path)
