"""Who can be a source: a noun that names a state, feeling, act or quantity never is (issue 12:
„Reaktion“, „Aussage“ and „Freitagabend“ were once taken for speakers). Sentences written for the test."""

from __future__ import annotations

import pytest

from extractor.words.sources import can_name_a_source


@pytest.mark.parametrize(
    "noun",
    ["Gefahr", "Unmut", "Aufklärungsquote", "Reaktionen", "Haltung", "Absage", "Begründung", "Zuversicht"],
)
def test_abstract_nouns_name_no_source(noun):
    assert not can_name_a_source(noun)


@pytest.mark.parametrize(
    "noun",
    [
        "Regierung",
        "US-Regierung",
        "Regierungspartei",
        "Zeitung",
        "Mitteilungen",
        "Staatsanwaltschaft",
        "Opposition",
        "Sprecherin",
        "Experten",
        "Verteidigungsministerium",
        "Polizei",
        "Feuerwehr",
    ],
)
def test_people_institutions_media_and_documents_can_be_sources(noun):
    assert can_name_a_source(noun)


@pytest.mark.slow
def test_an_abstract_subject_is_never_the_speaker(extractor):
    text = (
        "Die Gefahr eines Flächenbrands sei gewachsen, warnte der Außenminister. Die Absage des Gipfels "
        "wurde als Signal gewertet: „Wir lassen uns nicht erpressen.“ Die Reaktionen der Opposition fielen "
        "scharf aus: „Das ist ein Wortbruch.“ Die Sprecherin der Regierung sagte, man prüfe den Vorschlag."
    )
    quotes = {q.text: q for q in extractor.extract(text)}
    assert quotes["Die Gefahr eines Flächenbrands sei gewachsen"].speaker == "Außenminister"
    assert quotes["man prüfe den Vorschlag"].speaker == "Sprecherin der Regierung"
    for said in ("Wir lassen uns nicht erpressen.", "Das ist ein Wortbruch."):
        mention = quotes[said].speaker_mention
        assert mention is None or not any(w in mention.text for w in ("Absage", "Reaktionen"))


def test_a_fronted_object_taken_for_a_second_subject_is_not_the_speaker(extractor):
    """The parse gives „bezeichnete“ two subjects when its object comes first; the one that can speak
    is the speaker."""
    (q,) = extractor.extract("Eine Verschiebung der Wahl bezeichnete der Diplomat Karl Brenner als fatal.")
    assert q.speaker == "Karl Brenner" and q.cue.text == "bezeichnete"


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, speaker",
    [
        (
            "Die Staatschefs von Deutschland, Frankreich und Großbritannien erklärten, man sei besorgt.",
            "Staatschefs von Deutschland, Frankreich und Großbritannien",
        ),
        (
            "Die Außenminister der USA und Kanadas forderten, die Gespräche müssten weitergehen.",
            "Außenminister der USA und Kanadas",
        ),
        ("Die Chefs der SPD und der Union sagten, man sei sich einig.", "Chefs der SPD und der Union"),
        # an apposition is no enumeration, and two phrases with articles are two sources
        ("Der Sprecher von Siemens, Hans Müller, sagte, die Zahlen seien gut.", "Hans Müller"),
        ("Ein Sprecher von Siemens und die Gewerkschaft erklärten, man habe sich geeinigt.", "Sprecher von Siemens"),
    ],
)
def test_an_enumeration_in_a_complement_belongs_to_the_source(extractor, text, speaker):
    """Issue 11: „Staatschefs von Deutschland, Frankreich und Großbritannien“ was cut after the first name."""
    quote = extractor.extract(text)[0]
    assert quote.speaker == speaker
    assert quote.speaker_mention is not None and quote.speaker_mention.text.endswith(speaker)
