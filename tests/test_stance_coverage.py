"""Stance, round 4 of issue 13 (rules version 13): generalisation. Word families written from German
usage along the guideline's categories (force, retaliation, arming, sanctions, a hard line; talks,
ceasefire, arms control, reconciliation, mediation), position words of demand and necessity, and the
speaker's own purpose clause ("Wir wollen reden, um den Frieden zu sichern") in the frame of the
position word. Every sentence is composed for its test, never taken from a gold file; each is checked
with the German parse and with token rules alone."""

from __future__ import annotations

import pytest
from test_stance import scorer  # noqa: F401 - the same two scorers: with the parse and with tokens only

from stance.lexicon import default_lexicon
from stance.scorer import Scorer


def explain(scorer: Scorer, text: str, cue: str | None = None) -> str:
    return scorer.score_text(text, cue=cue).explain()


def check(scorer: Scorer, text: str, expected: str, cue: str | None = None) -> None:
    assert scorer.score_text(text, cue=cue).label == expected, explain(scorer, text, cue)


# --- conciliatory families ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Wir fordern eine Kampfpause, damit die Verletzten geborgen werden können.", "conciliatory"),
        ("Beide Seiten müssen sich auf eine Gefechtspause einigen.", "conciliatory"),
        ("Wir brauchen einen neuen Rüstungskontrollvertrag.", "conciliatory"),
        ("Der Versöhnungsprozess muss weitergehen.", "conciliatory"),
        ("Wir setzen auf die Denuklearisierung der Halbinsel.", "conciliatory"),
        ("Wir sind bereit, die Vermittlerrolle zu übernehmen.", "conciliatory"),
        ("Wir wollen eine Truppenreduktion an der Grenze.", "conciliatory"),
        ("Wir fordern den sofortigen Ausstieg der Truppen aus Afghanistan.", "conciliatory"),
        ("Der Konflikt ist militärisch nicht zu lösen.", "conciliatory"),
        ("Wir setzen uns für die Ächtung von Streubomben ein.", "conciliatory"),
        ("Wir fordern ein Atomtestmoratorium.", "conciliatory"),
        ("Wir brauchen eine neue Annäherungspolitik.", "conciliatory"),
    ],
)
def test_conciliatory_families(scorer, text, expected):
    """Pauses in fighting are no combat ("Kampf*"), arms control no armament ("Rüstungs*"); a
    reconciliation, denuclearisation, a mediator, a reduction or an exit from a mission, a ban and a
    moratorium on weapons, a military option ruled out."""
    check(scorer, text, expected)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Die Regierung verweigert jedes Gespräch mit der Opposition.", "hawkish"),
        ("Wir verweigern neuen Sanktionen unsere Zustimmung.", "conciliatory"),
        ("Die Gesprächsverweigerung muss ein Ende haben.", "conciliatory"),
    ],
)
def test_refusal(scorer, text, expected):
    """ "verweigern" and "Verweigerung" reject what they govern: talks refused are a hard line,
    sanctions refused are not; ending a refusal of talks opens them."""
    check(scorer, text, expected)


# --- hawkish families ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Wir müssen jetzt losschlagen.", "hawkish"),
        ("Die Armee muss weiter vorrücken.", "hawkish"),
        ("Wir fordern eine Truppenverstärkung an der Ostgrenze.", "hawkish"),
        ("Das Parlament muss das nächste Sanktionspaket beschließen.", "hawkish"),
        ("Wir werden die Terroristen zurückdrängen.", "hawkish"),
        ("Die Regierung will die Inflation zurückdrängen.", "neutral"),
        ("Die Armee muss einsatzbereit sein.", "hawkish"),
        ("Unsere Souveränität ist nicht verhandelbar.", "hawkish"),
        ("Dieser Anschlag darf nicht ungestraft bleiben.", "hawkish"),
        ("Wir werden mit eiserner Faust regieren.", "hawkish"),
        ("Wir fordern ein Aufrüstungsprogramm für die Marine.", "hawkish"),
        ("Das ist unsere letzte Warnung an das Regime.", "hawkish"),
    ],
)
def test_hawkish_families(scorer, text, expected):
    """Striking first, advancing, troops sent and reinforced, sanctions packages, pushing back an
    armed party (not the inflation: civil_object), readiness, a hard line, punishment demanded."""
    check(scorer, text, expected)


@pytest.mark.parametrize(
    "text",
    [
        "Die beiden Ketten liefern sich einen Preiskrieg.",
        "Wir wollen keinen Rosenkrieg um die Kinder.",
        "Die Vermögenswerte des Konzerns sind gestiegen.",
    ],
)
def test_off_topic_wars_stay_neutral(scorer, text):
    """A price war, a divorce: no war between states or armed groups."""
    check(scorer, text, "neutral")


# --- position words --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Wir pochen auf sofortige Verhandlungen.", "conciliatory"),
        ("Die Opposition beharrt auf dem Abzug der Truppen.", "conciliatory"),
        ("Wir werden eine Waffenruhe einfordern.", "conciliatory"),
        ("Er ermahnte beide Seiten zum Dialog.", "conciliatory"),
        ("In dieser Lage ist Besonnenheit geboten.", "conciliatory"),
        ("Das Gebot der Stunde ist Diplomatie.", "conciliatory"),
        ("Diplomatie ist unabdingbar.", "conciliatory"),
        ("Wir sind gewillt, mit allen Seiten zu verhandeln.", "conciliatory"),
        ("Unser Vorschlag sind direkte Gespräche.", "conciliatory"),
        ("Das Angebot wurde ihm gestern angeboten.", "neutral"),
    ],
)
def test_position_words(scorer, text, expected):
    """Demand ("pochen auf", "beharren auf", "einfordern", "ermahnen"), necessity ("geboten",
    "Gebot", "unabdingbar"), readiness ("gewillt") and a proposal frame the topic they govern;
    "angeboten" is no "geboten"."""
    check(scorer, text, expected)


# --- the speaker's own purpose -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Wir wollen mit allen Seiten sprechen, um den Frieden zu sichern.", "conciliatory"),
        ("Wir wollen den Haushalt erhöhen, um neue Panzer anzuschaffen.", "hawkish"),
        ("Die Regierung will den Haushalt erhöhen, um neue Panzer anzuschaffen.", "neutral"),
        ("Die Regierung will mit allen Seiten sprechen, um den Frieden zu sichern.", "neutral"),
    ],
)
def test_own_purpose_is_framed(scorer, text, expected):
    """An "um ... zu" clause states the aim of the action it is attached to: in the speaker's own
    voice it is the speaker's position and the position word frames it; another party's aim is
    reported, not taken."""
    check(scorer, text, expected)


def test_round4_entries_are_in_the_lexicon():
    lex = default_lexicon()
    for word, category in [
        ("Kampfpause", "peace"),
        ("Rüstungskontrollvertrag", "disarmament"),
        ("Versöhnungsprozess", "settlement"),
        ("Truppenentsendung", "military"),
        ("Sanktionsliste", "sanction"),
        ("Wiederbewaffnung", "weapon"),
        ("Preiskrieg", "neutral"),
    ]:
        hit = lex.lookup(word, True)
        assert hit is not None and hit.entry.category == category, (word, hit)


# --- fewer false hawks: metaphors, determination, homonyms --------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Wir sind entschlossen, die Reformen umzusetzen.",
        "Der Trainer war unerbittlich mit seinen Spielern.",
        "Die Mannschaft zeigte eine kompromisslose Abwehrarbeit.",
        "Die Lage an der Grenze bereitet der Armee große Sorgen.",
        "Der Verein will den Titel verteidigen.",
        "Das Unternehmen will den Markt angreifen.",
        "Wir müssen härter gegen Steuerhinterziehung vorgehen.",
    ],
)
def test_no_force_without_an_armed_party(scorer, text):
    """Determination is a topic (a position only where it frames force), an uncompromising manner a
    hard line only in the own voice (positions.OWN_VOICE_ACTS); defending a title, attacking a market, a crackdown on
    tax evasion are metaphors (modifiers.tsv civil_object, now for verbs of force, defence and
    crackdown too); "bereitet" (causes) is no "bereit"."""
    check(scorer, text, "neutral")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Wir sind entschlossen, jeden Angriff zurückzuschlagen.", "hawkish"),
        ("Auf jeden Angriff folgt eine entschlossene Reaktion.", "hawkish"),
        ("Die Armee muss die Hauptstadt verteidigen.", "hawkish"),
        ("Er forderte die Ausweisung der russischen Diplomaten.", "hawkish"),
        ("Er plädierte für einen sofortigen Rückzug der Truppen.", "conciliatory"),
        ("Ein Rückzug kommt für uns nicht in Frage.", "hawkish"),
    ],
)
def test_force_still_counts(scorer, text, expected):
    """Retaliation and defence against an armed party still count, and so does a resolute response
    ("eine entschlossene Reaktion", like "eine entschlossene Antwort"); diplomats are persons (their
    expulsion is no talks); a withdrawal reverses what it governs, like "Abzug"."""
    check(scorer, text, expected)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Die Luftangriffe sind legitim.", "hawkish"),
        ("Der Militäreinsatz ist gerechtfertigt.", "hawkish"),
        ("Wir stehen hinter dem Militäreinsatz.", "hawkish"),
        ("Die Regierung hält an den Sanktionen fest.", "hawkish"),
        ("Die Armee hat das Recht, zurückzuschießen.", "hawkish"),
        ("Die einzige Lösung sind Verhandlungen.", "conciliatory"),
        ("Die legitime Regierung kontrolliert die Armee.", "neutral"),
        ("Die Truppen standen am Morgen vor der Stadt.", "neutral"),
    ],
)
def test_endorsement_and_support(scorer, text, expected):
    """Predicative endorsement ("ist legitim", "ist gerechtfertigt"), support ("hinter X stehen"),
    keeping ("an X festhalten") and "die einzige Lösung" frame what they name; the attributive form
    ("die legitime Regierung") describes its noun, "stehen" without "hinter" supports nothing."""
    check(scorer, text, expected)
