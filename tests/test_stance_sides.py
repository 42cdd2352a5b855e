"""The speaker's side (stance.sides): the country a speaker belongs to, read from the words that
describe them, makes a warning against attacking that country deterrence (hawkish), while the same
warning from anyone else cautions against force (conciliatory). Sentences composed for the test."""

from __future__ import annotations

import pytest
from test_stance import scorer  # noqa: F401 - the same two scorers: with the parse and with tokens only

from extractor.types import Quote
from stance.sides import descriptions, side_words, sides_of


@pytest.mark.parametrize(
    "words, side",
    [
        ("der kanadische Premierminister Paul Berger", {"Kanada"}),
        ("Polens Außenministerin", {"Polen"}),
        ("US-Verteidigungsminister", {"USA"}),
        ("die türkische Regierung", {"Türkei"}),
        ("der Kanada-Experte Paul Berger", set()),  # a subject of expertise, no side
        ("Paul Berger (Grüne)", set()),
        ("", set()),
    ],
)
def test_sides_of_reads_adjectives_genitives_and_abbreviations(words, side):
    assert sides_of(words) == side


def test_side_words_name_the_country_in_a_text():
    assert {"usa", "us", "amerika"} <= side_words({"USA"})
    assert "kanada" in side_words({"Kanada"}) and "usa" not in side_words({"Kanada"})


def test_descriptions_are_the_words_before_the_name_in_its_sentence():
    doc = "Der kanadische Premierminister Paul Berger reiste ab. Berger sprach lange. Danach kam Berger."
    assert descriptions(doc, "Paul Berger").split()[:4] == ["Der", "kanadische", "Premierminister", "Paul"]
    assert "reiste" not in descriptions(doc, "Paul Berger")


DOCUMENT = (
    "Der kanadische Premierminister Paul Berger sprach am Montag in Ottawa. "
    "Berger warnte die Nachbarn davor, Kanada anzugreifen. "
    "Die Generalsekretärin Ana Ruiz warnte davor, Kanada anzugreifen."
)


def _quote(document: str, nth: int, speaker: str) -> Quote:
    text = "Kanada anzugreifen"
    start = -1
    for _ in range(nth + 1):
        start = document.index(text, start + 1)
    return Quote(text, start, start + len(text), "indirect", None, speaker, None, None, 1.0)


def test_a_warning_against_attacking_the_speakers_country_deters(scorer):
    """The quote names the speaker only as „Berger“; the article described him as Canadian before."""
    own, other = scorer.score_many([_quote(DOCUMENT, 0, "Paul Berger"), _quote(DOCUMENT, 1, "Ana Ruiz")], DOCUMENT)
    assert own.label == "hawkish", own.explain()
    assert any("deterrence" in e.note for e in own.evidence)
    assert other.label == "conciliatory", other.explain()
