"""Stance, rules version 14 (issue 13): what a rejection takes as its complement, dismissals, yielding
refused, and the speaker named as the agent. Every sentence is composed for its test from German
usage, never taken from a gold file; each is checked with the German parse and with token rules alone
(the `scorer` fixture of test_stance)."""

from __future__ import annotations

import pytest
from test_stance import scorer  # noqa: F401 - the same two scorers: with the parse and with tokens only

from stance.scorer import Scorer


def check(scorer: Scorer, text: str, expected: str, speaker: str | None = None) -> None:
    st = scorer.score_text(text, speaker=speaker)
    assert st.label == expected, st.explain()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Wir müssen verhindern, dass der Konflikt weiter eskaliert.", "conciliatory"),
        ("Wir warnen davor, die Truppen abzuziehen.", "hawkish"),
        ("Ich warne davor, jetzt die Sanktionen zu lockern.", "hawkish"),
        ("Es wäre ein Fehler, jetzt die Truppen abzuziehen.", "hawkish"),
        ("Es ist falsch, Waffen in Krisengebiete zu liefern.", "conciliatory"),
        ("Wir halten es für falsch, die Sanktionen zu verschärfen.", "conciliatory"),
    ],
)
def test_rejection_takes_its_complement(scorer, text, expected):
    """A rejection ("verhindern", "warnen … davor", "wäre ein Fehler", "für falsch halten") rejects the
    "dass" clause or zu-infinitive that completes it: before, the scope stopped at the comma and the
    clause after it read as if nothing rejected it ("verhindern, dass ... eskaliert" was hawkish)."""
    check(scorer, text, expected)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Es ist unrealistisch zu erwarten, dass wir die Angriffe einstellen.", "hawkish"),
        ("Es ist nicht realistisch zu erwarten, dass die Armee das Feuer einstellt.", "hawkish"),
        ("Es wäre naiv zu glauben, dass Verhandlungen mit diesem Regime etwas bringen.", "hawkish"),
        ("Es wäre naiv, auf eine Waffenruhe zu hoffen.", "hawkish"),
        ("Es ist ein Irrglaube, dass man mit Zugeständnissen Frieden erreicht.", "hawkish"),
        ("Ein Rückzug der Truppen wäre jetzt verantwortungslos.", "hawkish"),
        ("Die Illusion eines schnellen Sieges hat viele getäuscht.", "neutral"),
    ],
)
def test_dismissals(scorer, text, expected):
    """Calling something unrealistic, naive, an illusion or a false belief, or irresponsible rejects
    it: dismissing talks, a ceasefire or a withdrawal is a hard line. "Illusion" rejects only as a
    predicate ("ist eine Illusion"); "die Illusion eines Sieges" names one."""
    check(scorer, text, expected)


@pytest.mark.parametrize(
    "text, speaker, expected",
    [
        ("Die Rebellen drohten mit weiteren Angriffen.", "ein Rebellensprecher", "hawkish"),
        ("Die Rebellen drohten mit weiteren Angriffen.", None, "neutral"),
        ("Die Rebellen drohten mit weiteren Angriffen.", "der Innenminister", "neutral"),
        ("Die Taliban würden ausländische Soldaten töten.", "ein Talibanführer", "hawkish"),
        ("Die Taliban würden ausländische Soldaten töten.", None, "neutral"),
    ],
)
def test_speaker_named_as_agent(scorer, text, speaker, expected):
    """The speaker's own threat said in the third person ("die Rebellen drohten ...", said by their
    spokesman) is the speaker's, like "wir drohen"; said by someone else it is reported. A speaker's
    compound names their side ("Talibanführer": the Taliban); a title ("Minister") names no side."""
    check(scorer, text, expected, speaker)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Man würde jeden Angriff mit aller Härte beantworten.", "hawkish"),
        ("Wir würden niemals Atomwaffen einsetzen.", "conciliatory"),
        ("Die Regierung würde gern verhandeln, sagen Beobachter.", "neutral"),
    ],
)
def test_own_conditional(scorer, text, expected):
    """ "würde(n)" in the own voice says what the speaker would do (or, reported, will do): a position
    at the word's strength; said of another party it stays a hypothesis."""
    check(scorer, text, expected)


def test_speaker_words(scorer):
    """mark_speaker flags the speaker's name and the front of a speaker's compound, not titles."""
    from stance.lexicon import default_lexicon
    from stance.positions import mark_speaker
    from stance.tokens import analyze

    toks = analyze("Gaddafi und die Regierung drohten.")
    mark_speaker(toks, "Muammar al-Gaddafi", default_lexicon())
    assert [t.text for t in toks if t.speaker] == ["Gaddafi"]
    toks = analyze("Die Regierung und der Minister drohten.")
    mark_speaker(toks, "ein Regierungssprecher", default_lexicon())
    assert [t.text for t in toks if t.speaker] == ["Regierung"]
    toks = analyze("Der Minister drohte.")
    mark_speaker(toks, "der Minister", default_lexicon())
    assert not any(t.speaker for t in toks)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Es wird schwer werden, das Vertrauen der Nachbarn zurückzugewinnen.", "neutral"),
        ("Es wird nicht leicht sein, die Waffenruhe zu sichern.", "neutral"),
        ("Wir werden die Verhandlungen fortsetzen.", "conciliatory"),
        ("Wir werden nicht nachgeben.", "hawkish"),
    ],
)
def test_forecasts_of_difficulty(scorer, text, expected):
    """ "es wird schwer / nicht leicht ..." forecasts how hard something will be: no announcement, and
    the negation of "leicht" negates the forecast, not the ceasefire; the future in the own voice
    still announces."""
    check(scorer, text, expected)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Wir werden uns nicht erpressen lassen.", "hawkish"),
        ("Wir lassen uns von niemandem einschüchtern.", "hawkish"),
        ("Die Regierung lässt sich nicht unter Druck setzen.", "hawkish"),
        ("Wir werden niemanden erpressen.", "conciliatory"),
        ("Ein Militäreinsatz ist die einzige Option.", "hawkish"),
        ("Verhandlungen sind die beste Option.", "conciliatory"),
    ],
)
def test_yielding_refused_negative_pronouns_and_the_only_option(scorer, text, expected):
    """Refusing to be coerced („lassen uns nicht erpressen“) is a hard line, not a rejection of
    coercion; „niemanden“/„niemandem“ negate like „niemand“; „die einzige / beste Option“ takes a
    position on what it names, like „der einzige Weg“ (composed sentences, issue 13)."""
    check(scorer, text, expected)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Die Eskalationsspirale muss endlich durchbrochen werden.", "conciliatory"),
        ("Ein Gefangenenaustausch wäre ein erster Schritt.", "conciliatory"),
        ("Wer uns angreift, wird es bereuen.", "hawkish"),
        ("Die NATO müsse ihre Ostflanke dringend stärken.", "hawkish"),
        ("Die Nationalmannschaft hat ihren Angriff verstärkt.", "neutral"),
        ("Der Stürmer kämpfte in der zweiten Halbzeit um jeden Ball.", "neutral"),
        ("Wir werden unsere Angriffe verstärken.", "hawkish"),
    ],
)
def test_spirals_broken_steps_endorsed_deterrence_and_sport(scorer, text, expected):
    """Breaking a spiral ends it („durchbrechen“ reverses like „beenden“); „ein erster / wichtiger
    Schritt“ endorses what it names; „wird es bereuen“ is a threat; an alliance's flank is military;
    a team's attack and a striker's fight are sport (composed probes, issue 13)."""
    check(scorer, text, expected)
