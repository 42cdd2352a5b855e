"""Stance, round 3 of issue 13: word families of force and of talks that had no entry, and the rules
that compose them (negated shifters, "keine Alternative zu", reported refusals, off-topic talks).
Every sentence is composed for its test, never taken from a gold file; each is checked with the
German parse and with token rules alone."""

from __future__ import annotations

import pytest
from test_stance import scorer  # noqa: F401 - the same two scorers: with the parse and with tokens only

from stance.lexicon import default_lexicon
from stance.scorer import Scorer
from stance.tokens import tokenize


def explain(scorer: Scorer, text: str, cue: str | None = None) -> str:
    return scorer.score_text(text, cue=cue).explain()


def check(scorer: Scorer, text: str, expected: str, cue: str | None = None) -> None:
    assert scorer.score_text(text, cue=cue).label == expected, explain(scorer, text, cue)


# --- military action, extermination, passivity refused -------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Unsere Truppen werden die Hafenstadt zurückerobern.", "hawkish"),
        ("Die Armee muss die Stellungen der Rebellen stürmen.", "hawkish"),
        ("Wir werden die Milizen neutralisieren.", "hawkish"),
        ("Die Extremisten müssen ausgerottet werden.", "hawkish"),
        ("Die Regierung will die Armut ausrotten.", "neutral"),
        ("Die Firma will neue Märkte erobern.", "neutral"),
        ("Die Fans stürmten nach dem Abpfiff den Platz.", "neutral"),
        ("Die Soldaten brauchen mehr Munition.", "hawkish"),
    ],
)
def test_military_action_and_extermination(scorer, text, expected):
    """Verbs of conquest, storming, "neutralising" and extermination are topics of force: a position
    where demanded or announced; exterminating poverty is a metaphor (civil_object)."""
    check(scorer, text, expected)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Wir werden nicht tatenlos zusehen, wie unsere Nachbarn angegriffen werden.", "hawkish"),
        ("Auf jede Provokation werden wir hart reagieren.", "hawkish"),
        ("Wir werden nicht militärisch reagieren.", "conciliatory"),
        ("Die Drahtzieher müssen zur Verantwortung gezogen werden.", "hawkish"),
        ("Wir werden die Täter erwischen.", "hawkish"),
        ("Die Polizei erwischte den Dieb am Bahnhof.", "neutral"),
    ],
)
def test_resolve_responses_and_punishment(scorer, text, expected):
    """ "nicht tatenlos zusehen" and "hart reagieren" announce a response; "erwischen" is the
    speaker's act only in the own voice (like "bestrafen")."""
    check(scorer, text, expected)


def test_the_negation_inside_an_idiom_negates_no_position(scorer):
    """ "nicht ... zulassen" is one idiom: its "nicht" does not also negate the position word "darf"
    and turn the rest of the sentence around."""
    check(scorer, "Die Regierung darf nicht zulassen, dass die Miliz aufrüstet.", "hawkish")


# --- coercion by diplomacy -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Die Außenminister wollen den Atomstreit vor den UN-Sicherheitsrat bringen.", "hawkish"),
        ("Der Botschafter sprach vor dem Sicherheitsrat.", "neutral"),
        ("Aus Protest werden wir unseren Botschafter zurückrufen.", "hawkish"),
    ],
)
def test_referral_to_the_security_council_and_recalling_an_ambassador(scorer, text, expected):
    check(scorer, text, expected)


# --- disarmament, treaties on arms, bringing troops home -------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Wir setzen uns für eine atomwaffenfreie Zone ein.", "conciliatory"),
        ("Wir unterstützen den Atomwaffensperrvertrag.", "conciliatory"),
        ("Die Rüstungsexporte müssen deutlich eingeschränkt werden.", "conciliatory"),
        ("Wir wollen unsere Soldaten nach Hause holen.", "conciliatory"),
    ],
)
def test_disarmament_treaties_and_withdrawal(scorer, text, expected):
    """ "atomwaffenfrei" and the non-proliferation treaty name nuclear weapons without being any
    ("Atom*" no longer makes them hawkish); restricting arms exports and bringing troops home
    reverse what they govern."""
    check(scorer, text, expected)


# --- talks: the way of negotiation, coexistence, calm, priority --------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Der Streit lässt sich nur auf dem Verhandlungsweg lösen.", "conciliatory"),
        ("Wir fordern eine friedliche Koexistenz der Völker.", "conciliatory"),
        ("Diplomatie hat Vorrang.", "conciliatory"),
        ("Der einzige Weg ist der Dialog.", "conciliatory"),
        ("Wir sind auf dem Weg nach Bagdad.", "neutral"),
        ("Wir rufen alle Seiten zur Ruhe auf.", "conciliatory"),
        ("Wir wollen mehr Dialog.", "conciliatory"),
        ("Die Waffenruhe muss verlängert werden.", "conciliatory"),
        ("Es ist Zeit für Verhandlungen.", "conciliatory"),
        ("Es ist an der Zeit, die Truppen abzuziehen.", "conciliatory"),
        ("Es gibt zur Zeit keine Gespräche.", "neutral"),
    ],
)
def test_ways_of_talks_and_calls_for_calm(scorer, text, expected):
    """ "lösen" solves a problem, not the talks that are its way ("auf dem Verhandlungsweg lösen" is no
    rejection of talks); "Vorrang", "der einzige Weg", "es ist Zeit für/zu" take a position."""
    check(scorer, text, expected)


def test_an_offer_in_the_cue_frames_the_quote(scorer):
    check(scorer, "zwischen den Parteien zu vermitteln", "conciliatory", cue="bot an")
    check(scorer, "Washington bot an, zwischen den Parteien zu vermitteln.", "conciliatory")


def test_a_warning_noun_in_the_cue_frames_an_infinitive(scorer):
    check(scorer, "auf jeden zu schießen, der die Sperrzone betritt", "hawkish", cue="eine Warnung")


# --- yielding refused, rejection by evaluation, ends and failures ------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Wir werden vor Moskau nicht einknicken.", "hawkish"),
        ("Es darf kein Nachgeben gegenüber den Erpressern geben.", "hawkish"),
        ("Wir werden vor dem Terror niemals kapitulieren.", "hawkish"),
        ("Mit Geiselnehmern wird nicht verhandelt.", "hawkish"),
        ("Gewalt ist kein Mittel der Politik.", "conciliatory"),
        ("Krieg ist nie eine Lösung.", "conciliatory"),
        ("Ein Einmarsch wäre ein schwerer Fehler.", "conciliatory"),
        ("Die Gewalt muss endlich ein Ende haben.", "conciliatory"),
        ("Die Friedensgespräche sind gescheitert.", "neutral"),
        ("Die Friedensgespräche dürfen nicht scheitern.", "conciliatory"),
    ],
)
def test_yielding_refused_and_rejection_by_evaluation(scorer, text, expected):
    """Refusing to yield is a hard line; "X ist kein Mittel / nie eine Lösung / wäre ein Fehler"
    rules X out; "ein Ende haben" ends what precedes it; a failure is an event (no act), and a
    failure refused turns around once, not twice."""
    check(scorer, text, expected)


# --- negated shifters, "keine Alternative zu", negated existential future ----------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Der Einsatz von Bodentruppen ist nicht ausgeschlossen.", "hawkish"),
        ("Es gibt keine Alternative zu Verhandlungen.", "conciliatory"),
        ("Es gibt keine Alternative zu einem harten Vorgehen gegen die Milizen.", "hawkish"),
        ("Eine Alternative zum Militäreinsatz gibt es nicht.", "hawkish"),
        ("Verhandlungen mit den Entführern wird es nicht geben.", "hawkish"),
        ("Es wird keinen Krieg geben.", "conciliatory"),
        ("Es wird weitere Gespräche geben.", "neutral"),
    ],
)
def test_negated_shifters_alternatives_and_refusals(scorer, text, expected):
    """A negated shifter passes the negation on to what it governs ("nicht ausgeschlossen" restores
    the troops, its subject); "keine Alternative zu X" demands X; "es wird keine ... geben" refuses
    or assures, where "es wird ... geben" only forecasts."""
    check(scorer, text, expected)


# --- reports and off-topic uses stay neutral ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Einige Polizisten weigerten sich, auf die Menge zu schießen.", "neutral"),
        ("Die Beamten hätten den Angriff verhindert.", "neutral"),
        ("Wir haben den Krieg verhindert.", "conciliatory"),
        ("Er lehnte Gespräche mit den Entführern ab.", "hawkish"),
    ],
)
def test_another_partys_past_refusal_by_deeds_is_reported(scorer, text, expected):
    """A refusal by deeds ("weigern", "verhindern") in the past, said of another party, reports what
    happened; in the own voice it is a position, and "ablehnen" (a refusal in words) reports the
    position of the one who refused, who is mostly the speaker."""
    check(scorer, text, expected)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Die Gewerkschaft fordert neue Verhandlungen mit den Arbeitgebern.", "neutral"),
        ("Die Lokführergewerkschaft ruft zu Gesprächen auf.", "neutral"),
        ("Die Regierung fordert neue Verhandlungen mit den Rebellen.", "conciliatory"),
        ("Wir wollen verhindern, dass Kriminelle an Waffen kommen.", "neutral"),
        ("Der Minister will sich gegen die Vorwürfe wehren.", "neutral"),
    ],
)
def test_labour_talks_and_criminals_weapons_are_off_topic(scorer, text, expected):
    """Talks of unions and employers, weapons of criminals (modifiers.tsv, off_topic) and defending
    oneself against accusations (civil_object) are no position toward force."""
    check(scorer, text, expected)


def test_an_enumeration_of_names_is_one_clause():
    """Commas between the items of "Frankreich, Polen und Deutschland" are no clause boundaries, so
    a verb after the enumeration still acts on the talks before it."""
    toks = tokenize("Die Gespräche mit Frankreich, Polen und Deutschland wollen wir fortsetzen.")
    assert len({t.clause for t in toks if t.word}) == 1
    toks = tokenize("Wir fordern von Russland, Truppen abzuziehen.")
    assert len({t.clause for t in toks if t.word}) == 2


def test_the_off_topic_words_match_compounds():
    lex = default_lexicon()
    assert lex.off_topic("Lokführergewerkschaften", "talks") is not None
    assert lex.off_topic("Tarifstreit", "talks") is not None
    assert lex.off_topic("Gewerkschaft", "force") is None
    assert lex.off_topic("Regierung", "talks") is None


@pytest.mark.parametrize(
    "text",
    [
        "Wir brauchen Schutz vor der Bedrohung durch die Erderwärmung.",
        "Der Klimawandel ist eine Bedrohung, und wir müssen handeln.",
    ],
)
def test_threats_of_climate_and_nature_are_off_topic(scorer, text):
    check(scorer, text, "neutral")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Wir fordern einen Friedensvorschlag.", "conciliatory"),
        ("Wir unterstützen den Kompromissvorschlag.", "conciliatory"),
        ("Der Vorschlag der Kommission liegt vor.", "neutral"),
    ],
)
def test_a_proposal_is_what_it_proposes(scorer, text, expected):
    """ "Vorschlag" is no strike ("Schlag") and says nothing by itself; its modifier decides."""
    check(scorer, text, expected)


def test_a_threat_noun_in_the_cue_frames_an_infinitive(scorer):
    check(scorer, "die Grenze zu schließen und die Armee zu mobilisieren", "hawkish", cue="die Drohung")


@pytest.mark.parametrize(
    "text",
    [
        "Es besteht die Gefahr, dass die Stadt angegriffen wird.",
        "Ich fürchte, dass die Botschaft bombardiert wird.",
    ],
)
def test_werden_after_a_participle_ending_its_clause_is_a_passive(scorer, text):
    """In a subordinate clause the auxiliary comes last: "dass ... angegriffen wird" is a passive, no
    announcement (the parse and the token rules agree)."""
    check(scorer, text, "neutral")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Wir müssen den Extremismus bekämpfen.", "neutral"),
        ("Wir müssen die Radikalisierung junger Menschen bekämpfen.", "neutral"),
        ("Wir müssen die Terroristen bekämpfen.", "hawkish"),
    ],
)
def test_fighting_an_ideology_is_no_force(scorer, text, expected):
    """Extremism, radicalisation, hatred are fought by society (civil_object), like racism; an armed
    party is fought by force."""
    check(scorer, text, expected)


@pytest.mark.parametrize(
    "text",
    [
        "Die Milizen müssen ihre Waffen abgeben.",
        "Wir fordern die Entwaffnung aller Milizen.",
        "Die Kämpfer sollen demobilisiert werden.",
    ],
)
def test_disarming_armed_groups_is_conciliatory(scorer, text):
    check(scorer, text, "conciliatory")


def test_a_fighter_is_no_fight(scorer):
    """ "Kämpfer" and "Kampf" share a stem; the entry spelt like the word wins, and a fighter is a
    person (no fight by himself)."""
    assert default_lexicon().lookup("Kämpfer", True).entry.category == "person"
    check(scorer, "Die Kämpfer sollen demobilisiert werden.", "conciliatory")
    check(scorer, "Wir werden den Kampf fortsetzen.", "hawkish")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Der heiße Draht ist nützlich, um Fehleinschätzungen und Fehlkalkulationen zu vermeiden.", "conciliatory"),
        ("Es wäre sinnvoll, die Truppen an der Grenze zu verstärken.", "hawkish"),
        ("Die Gespräche waren hilfreich.", "conciliatory"),
    ],
)
def test_endorsements_and_avoided_miscalculation(scorer, text, expected):
    """ "nützlich", "hilfreich", "sinnvoll" endorse what the sentence names; a miscalculation is what
    escalates by mistake, avoiding it a position for restraint."""
    check(scorer, text, expected)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Wir fordern die Freilassung der Kriegsgefangenen.", "conciliatory"),
        ("Wir fordern den Atomausstieg.", "neutral"),
        ("Die Militärjunta muss abtreten.", "neutral"),
        ("Der Verein will den Kampfsport fördern.", "neutral"),
        ("Wir brauchen mehr Kriegsschiffe.", "hawkish"),
    ],
)
def test_compounds_whose_head_is_no_act_of_war(scorer, text, expected):
    """A person, an institution, a sport or nuclear energy as the head of a compound blocks the
    modifier of war ("Kriegsgefangene" are people, "Militärjunta" a government, "Atomausstieg" energy
    policy); a warship stays a weapon."""
    check(scorer, text, expected)
