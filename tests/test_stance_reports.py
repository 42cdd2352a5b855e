"""Stance: who takes a position, continued (issue 13). Reports, forecasts, homonyms and metaphors in the
words of force stay neutral; the speaker's own demands, threats and evaluations count. Every sentence
is composed for its test; each is checked with the German parse and with token rules alone."""

from __future__ import annotations

import pytest
from test_stance import scorer  # noqa: F401 - the same two scorers: with the parse and with tokens only

from stance.lexicon import default_lexicon
from stance.positions import cue_position
from stance.scorer import Scorer


def explain(scorer: Scorer, text: str, cue: str | None = None) -> str:
    return scorer.score_text(text, cue=cue).explain()


def check(scorer: Scorer, text: str, expected: str, cue: str | None = None) -> None:
    assert scorer.score_text(text, cue=cue).label == expected, explain(scorer, text, cue)


# --- words that only look like position words ------------------------------------------------------------


def test_a_short_form_is_no_position_word_by_its_stem():
    """ "war" (was) and "warnen" share the stem "war": a stem of three letters frames only a word that
    begins like the position word."""
    lex = default_lexicon()
    assert cue_position("war", lex) is None
    assert cue_position("warnte", lex) is not None and cue_position("forderte", lex) is not None


def test_the_cue_war_frames_nothing(scorer):
    check(scorer, "ein offener Dialog mit den Nachbarn", "neutral", cue="war")
    check(scorer, "ein offener Dialog mit den Nachbarn", "conciliatory", cue="forderte")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Die Angreifer wollten das Gebäude mit Raketen beschießen.", "neutral"),
        ("Die Gruppe plante einen Angriff auf die Kaserne.", "neutral"),
        ("Früher musste das Parlament über jeden Militäreinsatz abstimmen.", "neutral"),
        ("Wir wollen die Truppen an der Grenze verstärken.", "hawkish"),
        ("Die Regierung plant, die Truppen an der Grenze zu verstärken.", "hawkish"),
    ],
)
def test_past_will_and_plans_report(scorer, text, expected):
    """ "wollte", "plante", "musste": what someone wanted, planned or had to do is reported, no position
    taken now (modifiers.tsv, not_position)."""
    check(scorer, text, expected)


def test_a_used_thing_is_no_need(scorer):
    """ "gebraucht" is the participle of "gebrauchen" (use) as much as of "brauchen" (need)."""
    check(scorer, "Die Armee hat die alten Panzer im Manöver gebraucht.", "neutral")
    check(scorer, "Wir brauchen mehr Panzer.", "hawkish")


def test_a_target_is_no_aim(scorer):
    """ "Ziel" takes a position as an aim ("Ziel ist es", "unser Ziel"), not as a target."""
    check(scorer, "Das Ziel des Luftangriffs war ein Munitionslager.", "neutral")
    check(scorer, "Unser Ziel ist ein dauerhafter Waffenstillstand.", "conciliatory")
    check(scorer, "Ziel ist es, die Gespräche wieder aufzunehmen.", "conciliatory")


def test_a_separable_verb_is_read_with_its_particle(scorer):
    """ "rief ... hervor" (caused) is no "rief" (appealed); "rief ... auf" still is."""
    check(scorer, "Die Luftangriffe riefen in der Region große Empörung hervor.", "neutral")
    check(scorer, "Er rief beide Seiten zu Verhandlungen auf.", "conciliatory")


# --- a forecast or a passive announces nothing -----------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Es wird in der kommenden Woche weitere Gespräche geben.", "neutral"),
        ("Es werde noch in diesem Jahr neue Verhandlungen geben.", "neutral"),
        ("Wir werden weitere Gespräche führen.", "conciliatory"),
    ],
)
def test_es_wird_geben_forecasts(scorer, text, expected):
    check(scorer, text, expected)


def test_werden_with_a_participle_is_a_passive():
    """Without a parse, "werden" ending its clause with a past participle is a passive, no future."""
    s = Scorer()
    text = "Nun werden die Angriffe der Rebellen verfolgt"
    assert not any("future" in e.note for e in s.score_text(text).evidence), s.score_text(text).explain()
    assert s.score_text("Wir werden zurückschlagen.").label == "hawkish"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Wenn die Verhandlungen scheitern, wird es einen neuen Krieg geben.", "neutral"),
        ("Wenn der Waffenstillstand scheitert, werden die Kämpfe wieder aufflammen.", "neutral"),
        ("Wenn die Rebellen angreifen, werden wir mit Gewalt antworten.", "hawkish"),
        ("Andernfalls würden die USA mit Waffengewalt reagieren.", "hawkish"),
    ],
)
def test_a_conditional_consequence_threatens_only_in_the_speakers_voice(scorer, text, expected):
    """The consequence of a condition is a threat where the speaker's side acts in it ("wir", "man",
    positions._own_voice) or after "andernfalls"/"sonst"; said of others it forecasts or warns."""
    check(scorer, text, expected)


# --- crimes, terror and metaphors -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Wir müssen Anschläge auf Bahnhöfe verhindern.",
        "Die Polizei warnt vor Anschlägen in der Weihnachtszeit.",
        "Die Terroristen wollen weitere Anschläge verüben.",
        "Der Mord an dem Journalisten muss aufgeklärt werden.",
    ],
)
def test_terror_and_murder_are_always_another_partys(scorer, text):
    """Preventing or warning of an attack is police work, not de-escalation; nobody in the news
    advocates a terror attack of their own (lexicon category crime, role description)."""
    check(scorer, text, "neutral")


def test_preventing_a_war_is_still_conciliatory(scorer):
    check(scorer, "Wir müssen einen Krieg verhindern.", "conciliatory")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Die Regierung will die Armut im Land bekämpfen.", "neutral"),
        ("Wir werden die Korruption mit aller Kraft bekämpfen.", "neutral"),
        ("Die Feuerwehr kämpfte die ganze Nacht gegen die Flammen.", "neutral"),
        ("Die Mannschaft will bis zuletzt um den Klassenerhalt kämpfen.", "neutral"),
        ("Wir werden die Terroristen mit aller Kraft bekämpfen.", "hawkish"),
    ],
)
def test_a_fight_against_no_armed_party_is_a_metaphor(scorer, text, expected):
    """Fighting poverty, fire or for a title is no force (modifiers.tsv, civil_object)."""
    check(scorer, text, expected)


# --- homonyms of force words ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Tausende Soldaten kämpfen an der Front.",
        "Die Reisenden warteten stundenlang auf ihre Flüge.",
        "Die Demonstrierenden zogen mit Plakaten zum Parlament.",
        "Dutzende Panzer rollten durch die Hauptstadt.",
    ],
)
def test_numbers_and_participles_end_nothing(scorer, text):
    """ "Tausende", "Reisende", "Demonstrierenden" are no compounds of "Ende": a head "Ende" counts only
    after a cue whose end it names ("Kriegsende")."""
    check(scorer, text, "neutral")


def test_the_end_of_a_war_is_still_read():
    lex = default_lexicon()
    for word in ("Tausende", "Dutzenden", "Reisenden", "Demonstrierenden"):
        assert lex.lookup(word, True) is None, word
    assert lex.lookup("Kriegsende", True) is not None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Wir fordern ein rasches Kriegsende.", "conciliatory"),
        ("Zehntausende Menschen fordern ein Ende der Gewalt.", "conciliatory"),
    ],
)
def test_ending_a_war_is_conciliatory(scorer, text, expected):
    check(scorer, text, expected)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Die Fahrgäste mussten sich an der Grenze ausweisen.", "neutral"),
        ("Die Stadt will das Gelände als Gewerbegebiet ausweisen.", "neutral"),
        ("Er gilt als ausgewiesener Kenner der Region.", "neutral"),
        ("Die ausgewiesenen Diplomaten verließen am Morgen das Land.", "neutral"),
        ("Bewaffnete Gruppen kontrollieren den Norden des Landes.", "neutral"),
        ("Wir werden die Spione ausweisen.", "hawkish"),
    ],
)
def test_ausweisen_and_attributive_participles(scorer, text, expected):
    """ "sich ausweisen" shows papers, "als ... ausweisen" designates; a participle before its noun
    ("die ausgewiesenen Diplomaten", "bewaffnete Gruppen") describes what was done."""
    check(scorer, text, expected)


# --- threats named by a noun ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Die Drohungen aus Pjöngjang haben zugenommen.", "neutral"),
        ("Das Ultimatum läuft am Montag aus.", "neutral"),
        ("Teheran stellte Washington ein Ultimatum.", "hawkish"),
        ("Wir richten ein Ultimatum an die Rebellen.", "hawkish"),
    ],
)
def test_a_threat_noun_is_made_only_by_a_verb(scorer, text, expected):
    """ "Drohung", "Ultimatum" name threats (lexicon category threat_noun, a topic); "ein Ultimatum
    stellen" makes one (acts.tsv)."""
    check(scorer, text, expected)


# --- general vocabulary, round 2 --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Wir werden es ihnen heimzahlen.", "hawkish"),
        ("Wir müssen den Schleusern endlich das Handwerk legen.", "hawkish"),
        ("Wir werden den Aggressor in die Schranken weisen.", "hawkish"),
        ("Die Regierung fährt einen harten Kurs gegen die Separatisten.", "hawkish"),
        ("Wir bleiben in dieser Frage kompromisslos.", "hawkish"),
        ("Wir werden uns dem Terror niemals beugen.", "hawkish"),
        ("Die Opposition rief die Bevölkerung zum bewaffneten Widerstand auf.", "hawkish"),
        ("Wir sind bereit, zu den Waffen zu greifen.", "hawkish"),
        ("Die Regierung will die Wehrpflicht wieder einführen.", "hawkish"),
        ("Der Präsident verhängte das Kriegsrecht.", "hawkish"),
        ("Die Generäle bezeichneten den Luftangriff als Verteidigungsmaßnahme.", "hawkish"),
        ("Wir lassen uns nicht provozieren.", "conciliatory"),
        ("Wir fordern eine Aussöhnung der beiden Völker.", "conciliatory"),
        ("Wir wollen alle Parteien an einen Tisch bringen.", "conciliatory"),
        ("Beide Staaten streben eine Entmilitarisierung der Grenzregion an.", "conciliatory"),
        ("Wir setzen uns für die Nichtverbreitung von Atomwaffen ein.", "conciliatory"),
        ("Wir wollen die Hilfslieferungen für die Flüchtlinge verdoppeln.", "conciliatory"),
        ("Wir setzen auf Nichteinmischung.", "conciliatory"),
        ("Die Gespräche mit Moskau waren konstruktiv.", "conciliatory"),
        ("Es gab Fortschritte bei den Verhandlungen über eine Waffenruhe.", "conciliatory"),
        ("Die Jäger machen im Herbst Jagd auf Wildschweine.", "neutral"),
        ("Die Mannschaft ging mit großem Kampfgeist in die zweite Halbzeit.", "neutral"),
    ],
)
def test_general_political_vocabulary(scorer, text, expected):
    check(scorer, text, expected)


# --- the speaker's voice alone is no position -------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Wir sprachen gestern über die Verhandlungen in Genf.", "neutral"),
        ("Ich habe das Atomabkommen damals im Parlament erklärt.", "neutral"),
        ("Wir wollen die Verhandlungen in Genf fortsetzen.", "conciliatory"),
    ],
)
def test_speaking_in_the_first_person_takes_no_position_by_itself(scorer, text, expected):
    """ "wir", "ich" mark the speaker's voice (modifiers.tsv, own_voice: a consequence said so is a
    threat), but a topic needs a position word: talking about talks is no call for them."""
    check(scorer, text, expected)


# --- more general vocabulary and forms --------------------------------------------------------------------


def test_nis_nouns_stem_alike_in_all_numbers():
    from stance.lexicon import stem

    assert stem("Zugeständnisse") == stem("Zugeständnis") == stem("Zugeständnissen")
    assert stem("Bündnisses") == stem("Bündnis")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Wir werden keine Zugeständnisse machen.", "hawkish"),
        ("Die Regierung ist zu Zugeständnissen bereit.", "conciliatory"),
        ("Die Atomwaffen müssen abgeschafft werden.", "conciliatory"),
        ("Gewalt ist keine Lösung.", "conciliatory"),
        ("Für uns ist Krieg keine Lösung.", "conciliatory"),
        ("Das Regime muss gestürzt werden.", "hawkish"),
        ("Wir müssen die Terroristen jagen, wo immer sie sich verstecken.", "hawkish"),
        ("Die Polizei jagt die Täter.", "neutral"),
    ],
)
def test_concessions_abolition_and_regime_change(scorer, text, expected):
    """ "keine Zugeständnisse" (plural of a -nis noun) is a hard line; "abschaffen" ends what it governs;
    "X ist keine Lösung" rules X out; overthrowing a regime and hunting down are positions where
    demanded. "Gewalt" opening the sentence is read as the noun although the tagger may call it an
    adverb (tokens.UNSURE_INITIAL)."""
    check(scorer, text, expected)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Beide Länder verbindet eine starke Partnerschaft.", "neutral"),
        ("In der Stadt gibt es seit Montag eine stärkere Militärpräsenz.", "neutral"),
        ("Die Nato stärkt ihre Truppen im Baltikum.", "hawkish"),
        ("Wir wollen den Dialog mit unseren Nachbarn vertiefen.", "conciliatory"),
        ("Die Regierung will den Friedensprozess vorantreiben.", "conciliatory"),
        ("Beide Seiten bemühen sich um eine Waffenruhe.", "conciliatory"),
        ("Wir arbeiten auf einen Waffenstillstand hin.", "conciliatory"),
        ("Es waren fruchtbare Gespräche.", "conciliatory"),
        ("Wir müssen einen Interessenkonflikt vermeiden.", "neutral"),
        ("Beide Seiten wollen den Tarifkonflikt beenden.", "neutral"),
        ("Wir drohen mit sehr harten Sanktionen.", "hawkish"),
    ],
)
def test_act_verbs_not_adjectives_and_positions_on_talks(scorer, text, expected):
    """An act verb is no adjective of its stem ("starke", "stärkere" are no "stärken"); deepening
    cooperation, pushing a peace process, striving for and working towards a ceasefire, praising talks
    are positions; wage disputes and conflicts of interest are off-topic; what a threat threatens with
    counts with it."""
    check(scorer, text, expected)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Mit Terroristen verhandeln wir nicht.", "hawkish"),
        ("Wir haben keine Atomwaffen.", "neutral"),
        ("Wir werden diese Provokation nicht unbeantwortet lassen.", "hawkish"),
        ("Wir behalten uns militärische Schritte vor.", "hawkish"),
        ("Wir sind offen für Gespräche.", "conciliatory"),
        ("Der Außenminister lud beide Seiten zu Gesprächen nach Berlin ein.", "conciliatory"),
        ("Die Feindseligkeiten müssen sofort eingestellt werden.", "conciliatory"),
        ("Eine Lösung kann nur am Verhandlungstisch gefunden werden.", "conciliatory"),
        ("Wir fordern den Abbau aller Atomwaffen.", "conciliatory"),
    ],
)
def test_refusals_reservations_invitations(scorer, text, expected):
    """Talks refused in the speaker's own voice are a hard line, force denied in it is no position; "nicht
    unbeantwortet lassen" announces a response; "sich ... vorbehalten" reserves force; "offen für"
    and an invitation ("lud ... ein") offer talks; hostilities ceased is a ceasefire; a reversing noun
    reverses its attribute ("Abbau aller Atomwaffen"), not what follows it in the clause ("eine Lösung
    kann nur am Verhandlungstisch ...")."""
    check(scorer, text, expected)


def test_determination_has_no_direction(scorer):
    """ "Entschlossenheit" is determination for peace as for war: no direction of its own."""
    check(scorer, "Wir setzen uns mit aller Entschlossenheit für Verhandlungen ein.", "conciliatory")
    check(scorer, "Mit großer Entschlossenheit haben die Helfer die Flut bewältigt.", "neutral")
