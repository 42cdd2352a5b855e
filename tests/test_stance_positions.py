"""Stance reads positions, not topics (issue 13): one test per pattern that went wrong on real news,
each on a sentence written for the test. Checked with the German parse and with token rules alone."""

from __future__ import annotations

from importlib import resources

import pytest
from test_stance import scorer  # noqa: F401 - the same two scorers: with the parse and with tokens only

from extractor.types import Quote
from stance.lexicon import Lexicon, default_lexicon
from stance.positions import DESCRIBED, TOPIC
from stance.scorer import TOPIC_ALONE, Params, Scorer, combine


def explain(scorer: Scorer, text: str) -> str:
    return scorer.score_text(text).explain()


# --- who acts: describing or condemning another party's violence is neutral ----------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Der Kanzler kritisierte die Sprache eines aggressiven Angriffskriegs.",
        "Die Aggression hat aufgehört.",
        "Bei dem Angriff auf das Dorf starben zwanzig Menschen.",
        "Zehn Soldaten wurden bei dem Anschlag getötet.",
        "Im zweiten Durchgang lief der Angriff der Gastgeber deutlich besser.",
    ],
)
def test_describing_violence_takes_no_position(scorer, text):
    """No cue is framed by a position or is the speaker's act: each is a topic or a description, and
    topics count nothing alone (TOPIC_ALONE is 0)."""
    doc = scorer.parse_all([text])[0]
    readings = scorer.read(text, 0, doc)
    assert readings and all(r.status.status in (TOPIC, DESCRIBED) for r in readings), readings
    st = scorer.score_text(text)
    assert st.label == "neutral" and st.described and all(e.weight == 0 for e in st.described)


def test_the_speakers_own_demand_carries_the_stance(scorer):
    text = "Wir fordern einen sofortigen Abzug aller Truppen."
    assert scorer.score_text(text).label == "conciliatory", explain(scorer, text)
    text = "Wir fordern härtere Sanktionen gegen das Regime."
    assert scorer.score_text(text).label == "hawkish", explain(scorer, text)


# --- refusing talks is a hard line ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Wir sind nicht bereit, mit dieser Regierung zu verhandeln.",
        "Es gibt keinen Raum für Gespräche und Diplomatie.",
    ],
)
def test_refusing_talks_is_hawkish(scorer, text):
    assert scorer.score_text(text).label == "hawkish", explain(scorer, text)


# --- shifters --------------------------------------------------------------------------------------------


def test_nichts_anderes_als_is_no_negation(scorer):
    text = "Das ist nichts anderes als eine weitere Eskalation."
    st = scorer.score_text(text)
    assert st.label != "conciliatory", st.explain()
    assert not any("negated" in e.note for e in st.evidence + st.described)


def test_entspannung_statt_eskalation_is_conciliatory(scorer):
    text = "Wir brauchen eine Politik der Entspannung statt weiterer Eskalation und Truppenaufmärsche."
    st = scorer.score_text(text)
    assert st.label == "conciliatory", st.explain()
    eskalation = next(e for e in st.evidence if e.text == "Eskalation")
    assert eskalation.weight < 0 and "statt" in eskalation.note


def test_dass_die_waffen_schweigen_is_conciliatory(scorer):
    text = "Wir wollen, dass die Waffen endlich schweigen."
    assert scorer.score_text(text).label == "conciliatory", explain(scorer, text)


def test_ruling_out_arms_deliveries_is_conciliatory(scorer):
    text = "Waffenlieferungen in das Kriegsgebiet kommen für uns nicht infrage."
    assert scorer.score_text(text).label == "conciliatory", explain(scorer, text)


def test_renouncing_force_is_conciliatory(scorer):
    text = "Man werde vorerst auf den Einsatz schwerer Artillerie verzichten."
    assert scorer.score_text(text).label == "conciliatory", explain(scorer, text)


# --- compounds are read by head and modifier --------------------------------------------------------------


def test_a_ceasefire_is_not_a_weapon(scorer):
    lex = default_lexicon()
    assert lex.lookup("Waffenstillstand", True).entry.category == "peace"
    assert lex.lookup("Waffenstillstandsverhandlungen", True).entry.category == "talks"
    text = "Wir fordern einen Waffenstillstand."
    st = scorer.score_text(text)
    assert st.label == "conciliatory" and all(e.weight < 0 for e in st.evidence), st.explain()


def test_an_arms_export_stop_is_conciliatory(scorer):
    text = "Die Partei fordert einen Rüstungsexportstopp."
    st = scorer.score_text(text)
    assert st.label == "conciliatory", st.explain()
    assert "Stopp" in st.evidence[0].note


# --- threats: who threatens ------------------------------------------------------------------------------


def test_sanctions_that_loom_are_no_threat_by_the_speaker(scorer):
    text = "Russland drohen neue Sanktionen."
    st = scorer.score_text(text)
    assert not any(e.text == "drohen" for e in st.evidence), st.explain()
    assert any(e.text == "drohen" and "looms" in e.note for e in st.described)
    assert combine(scorer.read(text, 0, scorer.parse_all([text])[0]), Params(topic_alone=0.0)).label == "neutral"


def test_threatening_with_sanctions_is_hawkish(scorer):
    text = "Wir drohen Russland mit neuen Sanktionen."
    assert scorer.score_text(text).label == "hawkish", explain(scorer, text)


def test_another_partys_threat_is_reported(scorer):
    """A threat or a punishment said of another party, with no first-person word or "man" in its
    clause, reports what that party does (positions.OWN_VOICE_ACTS)."""
    for text in ("Die EU droht Russland mit neuen Sanktionen.", "Moskau weist zwei deutsche Diplomaten aus."):
        st = scorer.score_text(text)
        assert st.label == "neutral" and any("another party" in e.note for e in st.described), explain(scorer, text)
    for text in ("Man droht Russland mit neuen Sanktionen.", "Wir werden die Verantwortlichen bestrafen."):
        assert scorer.score_text(text).label == "hawkish", explain(scorer, text)


def test_warning_of_ones_own_retaliation_is_a_threat(scorer):
    text = "Der Minister warnte die Nachbarn vor sofortiger Vergeltung."
    st = scorer.score_text(text)
    assert st.label == "hawkish", st.explain()
    assert any("warning of one's own response" in e.note for e in st.evidence)


def test_warning_against_a_war_is_conciliatory(scorer):
    text = "Die Bischöfe warnten eindringlich vor einem neuen Krieg."
    assert scorer.score_text(text).label == "conciliatory", explain(scorer, text)


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("Wir warnen jeden davor, uns anzugreifen.", None),
        ("Die Regierung warnte vor einem Angriff auf unser Land.", None),
        ("Kanada warnt die Nachbarn davor, gegen Kanada Aggressionen zu verüben.", "Kanada"),
    ],
)
def test_a_warning_against_attacking_the_speakers_side_deters(scorer, text, speaker):
    """Deterrence is hawkish (guideline): the attack warned against is aimed at the speaker's own
    side, a first-person object or the speaker named; cautioning others against force stays
    conciliatory (the test above)."""
    st = scorer.score_text(text, speaker=speaker)
    assert st.label == "hawkish", st.explain()
    assert any("deterrence" in e.note for e in st.evidence)


def test_a_warning_against_attacking_a_third_party_is_conciliatory(scorer):
    text = "Der Generalsekretär warnte davor, das Nachbarland anzugreifen."
    assert scorer.score_text(text, speaker="Generalsekretär").label == "conciliatory", explain(scorer, text)


# --- the whole statement: a quote is scored within its frame ----------------------------------------------

DOCUMENT = "Der Minister sprach in Berlin. Dies bedeute jedoch nicht, dass wir den Krieg suchen, sagte er."
FRAGMENT = "dass wir den Krieg suchen"


def test_a_fragment_is_scored_within_its_sentence(scorer):
    start = DOCUMENT.index(FRAGMENT)
    alone = scorer.score_text(FRAGMENT, offset=start)
    assert alone.label == "hawkish", alone.explain()  # cut from its frame it reads as wanting war
    framed = scorer.score_in(DOCUMENT, start, start + len(FRAGMENT))
    assert framed.label == "conciliatory", framed.explain()
    for e in framed.evidence:  # only the quote's own words count, at document offsets
        assert DOCUMENT[e.start : e.end] == e.text and start <= e.start and e.end <= start + len(FRAGMENT)
    q = Quote(
        text=FRAGMENT,
        start=start,
        end=start + len(FRAGMENT),
        kind="indirect",
        cue=None,
        speaker="Minister",
        speaker_mention=None,
        speaker_role=None,
        confidence=1.0,
    )
    assert scorer.score(q, DOCUMENT) == framed
    assert scorer.score_many([q], DOCUMENT) == [framed]
    assert scorer.score(q) == alone  # without the document: as before


def test_the_cue_frames_a_reported_clause(scorer):
    text = "die Gespräche mit der Gegenseite sofort wieder aufzunehmen"
    assert scorer.score_text(text).label != "conciliatory" or scorer.score_text(text).evidence
    st = scorer.score_text(text, cue="forderte")
    assert st.label == "conciliatory", st.explain()
    assert any("cue 'forderte'" in e.note for e in st.evidence)


# --- conditions and irrealis weaken as the data files say --------------------------------------------------


def test_the_irrealis_factor_comes_from_modifiers_tsv(tmp_path):
    text = "Wir würden sofort mit Vergeltung antworten."
    data = resources.files("stance") / "data"
    mods = (data / "modifiers.tsv").read_text(encoding="utf-8")
    assert "würden\tirrealis\t0.8\t" in mods
    changed = tmp_path / "modifiers.tsv"
    changed.write_text(mods.replace("würden\tirrealis\t0.8\t", "würden\tirrealis\t0.4\t"), encoding="utf-8")

    def weight(lex: Lexicon) -> float:
        st = Scorer(lexicon=lex).score_text(text)
        return next(e.weight for e in st.evidence if e.text == "Vergeltung")

    default = weight(Lexicon.load(data / "lexicon.tsv", data / "modifiers.tsv"))
    halved = weight(Lexicon.load(data / "lexicon.tsv", changed))
    assert halved == pytest.approx(default / 2)


# --- explanations ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Wir fordern einen Waffenstillstand.",
        "Wir werden mit aller Härte zurückschlagen.",
        "Waffenlieferungen kommen nicht infrage.",
    ],
)
def test_every_polar_label_names_its_words_and_rule(scorer, text):
    st = scorer.score_text(text)
    assert st.label != "neutral"
    line = st.explain()
    assert line.startswith(st.label)
    for e in st.evidence:
        assert e.text in line and e.note
        assert any(k in e.note for k in ("position", "act", "topic", "cue"))
    assert st.to_dict()["explanation"] == line


def test_the_cli_prints_the_score_and_its_explanation(capsys, restore_cli_logging):
    from zitat.cli import main

    assert main(["stance", "--no-parse", "Wir", "fordern", "einen", "Waffenstillstand."]) == 0
    out = capsys.readouterr().out
    assert out.startswith("conciliatory -") and "Waffenstillstand" in out and "position 'fordern'" in out
    assert main(["stance", "--no-parse", "--json", "Die Aggression hat aufgehört."]) == 0
    import json

    d = json.loads(capsys.readouterr().out)
    assert d["label"] == "neutral" and d["evidence"] == [] and d["described"][0]["text"] == "Aggression"


def test_the_cli_takes_the_speaker(capsys, restore_cli_logging):
    """`--speaker` says who said it: the rebels' threat is a description said by anyone else and the
    speaker's own position said by their spokesman (as scored inside an extraction)."""
    from zitat.cli import main

    text = ["Die", "Rebellen", "drohten", "mit", "weiteren", "Angriffen."]
    assert main(["stance", "--no-parse", *text]) == 0
    assert capsys.readouterr().out.startswith("neutral")
    assert main(["stance", "--no-parse", "--speaker", "ein Rebellensprecher", *text]) == 0
    assert capsys.readouterr().out.startswith("hawkish")


# --- topic words decide nothing alone; acts and positions do ---------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Der Krieg dauert nun schon drei Jahre.",
        "Die Waffen stammen aus alten Beständen der Armee.",
        "Das Militär hat neue Drohnen vorgestellt.",
        "Die Verhandlungen gingen am Abend zu Ende.",
        "Die Gespräche bleiben bislang ergebnislos.",
        "Die Verhandlungen finden in Genf statt.",
        "Der Angriff der Gäste wurde in der Nachspielzeit belohnt.",
    ],
)
def test_topic_words_alone_are_neutral(scorer, text):
    assert TOPIC_ALONE == 0
    st = scorer.score_text(text)
    assert st.label == "neutral" and not st.evidence, st.explain()


@pytest.mark.parametrize(
    "text",
    [
        "Die Regierung muss jetzt hart durchgreifen.",
        "Die Polizei greift hart durch.",
        "Wir werden mit aller Härte gegen die Täter vorgehen.",
        "Die Verantwortlichen müssen zur Rechenschaft gezogen werden.",
        "Die EU verhängt neue Sanktionen gegen das Land.",
        "Die Sanktionen müssen verschärft werden.",
        "Die Nato will zusätzliche Truppen entsenden.",
        "Wir brauchen mehr Polizei auf den Straßen.",
        "Die Verteidigungsausgaben müssen deutlich erhöht werden.",
        "Die Armee wird die Diplomaten des Landes ausweisen.",
        "Das werden wir nicht länger hinnehmen.",
    ],
)
def test_demands_for_force_and_crackdowns_are_hawkish(scorer, text):
    assert scorer.score_text(text).label == "hawkish", explain(scorer, text)


@pytest.mark.parametrize(
    "text",
    [
        "Beide Seiten nahmen am Montag die Verhandlungen wieder auf.",
        "Wir bieten Gespräche ohne Vorbedingungen an.",
        "Die Waffenruhe wird von beiden Seiten eingehalten.",
        "Die Regierung will die Truppen bis zum Sommer abziehen.",
        "Die Sanktionen sollten gelockert werden.",
        "Wir setzen auf eine diplomatische Lösung.",
        "Die Rebellen sollen die Waffen niederlegen.",
        "Es ist Zeit für Versöhnung.",
        "Wir brauchen Abrüstung statt Aufrüstung.",
    ],
)
def test_talks_ceasefire_and_withdrawal_are_conciliatory(scorer, text):
    assert scorer.score_text(text).label == "conciliatory", explain(scorer, text)


def test_a_separable_verb_composes_over_its_particle(scorer):
    """ "nahm ... auf" is "aufnehmen": it makes "Verhandlungen" an act, where "nahm" alone would not."""
    st = scorer.score_text("Die Regierung nahm die Verhandlungen mit den Rebellen auf.")
    assert st.label == "conciliatory", st.explain()
    assert any("aufnehmen" in e.note or "'nahm'" in e.note for e in st.evidence), st.explain()
    assert scorer.score_text("Die Regierung nahm an den Verhandlungen teil.").label == "neutral"


def test_hearsay_reports_what_others_say_happened(scorer):
    for text in (
        "Bei dem Angriff sollen zwei Raketenwerfer zerstört worden sein.",
        "Angeblich will die Armee die Offensive ausweiten.",
    ):
        st = scorer.score_text(text)
        assert st.label == "neutral" and not st.evidence, st.explain()


def test_an_accusation_cue_makes_the_quote_a_description(scorer):
    text = "heimlich aufzurüsten und Truppen an die Grenze zu verlegen"
    assert scorer.score_text(text, cue="forderte").label == "hawkish"
    st = scorer.score_text(text, cue="wirft vor")
    assert st.label == "neutral" and any("accuses" in e.note for e in st.described), st.explain()


def test_an_article_after_a_comma_opens_no_relative_clause(scorer):
    text = "Das Land müsse das Recht haben, gegen die Angriffe der Milizen militärisch vorzugehen."
    assert scorer.score_text(text).label == "hawkish", explain(scorer, text)
    text = "Die Armee, die die Angriffe verübt hat, muss abziehen."  # "die die": a relative clause
    st = scorer.score_text(text)
    assert not any(e.text == "Angriffe" for e in st.evidence), st.explain()


def test_a_warning_with_an_infinitive_is_an_admonition(scorer):
    text = "Er warnte die Allianz, sich nicht in eine Militärmission verwickeln zu lassen."
    assert scorer.score_text(text).label == "conciliatory", explain(scorer, text)
    text = "Er warnte, dass die Rebellen bald angreifen könnten."
    assert scorer.score_text(text).label == "neutral", explain(scorer, text)


def test_a_threatened_consequence_counts_as_a_threat(scorer):
    text = "Andernfalls würden wir mit Waffengewalt antworten."
    st = scorer.score_text(text)
    assert st.label == "hawkish" and any("threatened consequence" in e.note for e in st.evidence), st.explain()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Druck ist nötig, aber das hat nichts mit Sanktionen zu tun.", "conciliatory"),
        ("Wir wollen die Krise ohne Blutvergießen beenden.", "conciliatory"),
        ("Ein Rückzug wäre ein wichtiger Beitrag zum Frieden.", "conciliatory"),
        ("Wir haben die Fähigkeit, uns zu verteidigen.", "hawkish"),
    ],
)
def test_dissociation_bloodshed_contribution_and_capability(scorer, text, expected):
    assert scorer.score_text(text).label == expected, explain(scorer, text)


def test_a_disavowal_that_names_nothing_of_force_is_neutral(scorer):
    text = "Das Unternehmen habe keine Pläne, ein neues Werk in Asien zu bauen."
    st = scorer.score_text(text)
    assert st.label == "neutral" and not st.evidence, st.explain()
    assert scorer.score_text("Man strebe keinen Krieg mit dem Nachbarland an.").label == "conciliatory"


def test_a_quote_cut_from_a_relative_clause_describes(scorer):
    text = "die die Raketen auf das Nachbarland abfeuern sollte"
    st = scorer.score_text(text)
    assert st.label == "neutral" and not st.evidence, st.explain()
    assert scorer.score_text("die Raketen sollten abgezogen werden").label == "conciliatory"


@pytest.mark.parametrize(
    "text",
    [
        "Die Gewerkschaft droht mit einem unbefristeten Streik.",
        "Die Verteidigung des Angeklagten kündigte Berufung an.",
        "Die Mannschaft muss ihre Abwehr verstärken.",
        "Die Partei fordert härtere Strafen für Raser.",
        "Die Feuerwehr brachte den Brand am Abend unter Kontrolle.",
        "Der Sturm zerstörte zahlreiche Häuser.",
    ],
)
def test_everyday_news_in_the_words_of_force_stays_neutral(scorer, text):
    assert scorer.score_text(text).label == "neutral", explain(scorer, text)


# --- political news sentences, composed: reports stay neutral, positions count ---------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Bei den Luftangriffen kamen mindestens 30 Menschen ums Leben.", "neutral"),
        ("Die Armee meldete, sie habe drei Stellungen der Rebellen zerstört.", "neutral"),
        ("Israel flog in der Nacht erneut Angriffe auf den Gazastreifen.", "neutral"),
        ("Der UN-Sicherheitsrat berät am Dienstag über die Lage in Syrien.", "neutral"),
        ("Die Außenminister treffen sich nächste Woche in Genf.", "neutral"),
        ("Der Präsident verurteilte den Anschlag als feige Tat.", "neutral"),
        ("Russland wirft der Ukraine vor, Zivilisten anzugreifen.", "neutral"),
        ("Die Regierung bestreitet, Waffen an die Rebellen geliefert zu haben.", "neutral"),
        ("Die Taliban bekannten sich zu dem Anschlag.", "neutral"),
        ("Nach dem Ende des Krieges kehrten viele Flüchtlinge zurück.", "neutral"),
        ("Wir werden auf jeden Angriff mit voller Härte reagieren.", "hawkish"),
        ("Die Regierung muss die Sanktionen gegen Russland verschärfen.", "hawkish"),
        ("Deutschland sollte mehr Waffen an die Ukraine liefern.", "hawkish"),
        ("Wir fordern die sofortige Ausweisung des Botschafters.", "hawkish"),
        ("Die Täter müssen mit aller Härte bestraft werden.", "hawkish"),
        ("Wir werden keinen Millimeter zurückweichen.", "hawkish"),
        ("Verhandlungen mit Terroristen lehnen wir ab.", "hawkish"),
        ("Wir sind bereit, notfalls militärisch einzugreifen.", "hawkish"),
        ("Der Iran wird für diesen Angriff teuer bezahlen.", "hawkish"),
        ("Wir rufen alle Seiten zur Zurückhaltung auf.", "conciliatory"),
        ("Die Waffen müssen endlich schweigen.", "conciliatory"),
        ("Wir setzen uns für eine Verhandlungslösung ein.", "conciliatory"),
        ("Die Bundesregierung will die Rüstungsexporte nach Saudi-Arabien stoppen.", "conciliatory"),
        ("Die Sanktionen sollten schrittweise aufgehoben werden.", "conciliatory"),
        ("Beide Seiten vereinbarten eine Waffenruhe.", "conciliatory"),
        ("Es gibt keine militärische Lösung dieses Konflikts.", "conciliatory"),
        ("Wir müssen den Dialog mit Moskau fortsetzen.", "conciliatory"),
        ("Die Bundeswehr soll aus Afghanistan abgezogen werden.", "conciliatory"),
        ("Wir strecken die Hand zur Versöhnung aus.", "conciliatory"),
    ],
)
def test_political_news_sentences(scorer, text, expected):
    assert scorer.score_text(text).label == expected, explain(scorer, text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Die Regierung kündigte an, die Truppen bis Jahresende abzuziehen.", "conciliatory"),
        ("Er forderte die Nato auf, ihre Truppen an der Ostgrenze zu verstärken.", "hawkish"),
        ("Der Minister sagte, man werde auf Provokationen nicht reagieren.", "conciliatory"),
        ("Man werde jeden Angriff entschieden zurückschlagen, sagte der General.", "hawkish"),
        ("Die Opposition fordert ein Ende der Militäreinsätze.", "conciliatory"),
        ("Das Land habe das Recht, sich gegen Angriffe zu verteidigen.", "hawkish"),
        ("Es dürfe keine weitere Eskalation geben.", "conciliatory"),
        ("Der Sprecher betonte, die Tür für Gespräche bleibe offen.", "conciliatory"),
        ("Wir werden alle notwendigen Maßnahmen ergreifen, um unser Land zu schützen.", "hawkish"),
        ("Eine militärische Intervention komme nicht in Betracht.", "conciliatory"),
        ("Die USA verstärken ihren Druck auf den Iran.", "hawkish"),
        ("Der Gipfel endete ohne Einigung.", "neutral"),
        ("Die Zahl der Toten stieg auf 120.", "neutral"),
        ("Der Anschlag richtete sich gegen eine Polizeistation.", "neutral"),
        ("Die Gespräche wurden nach drei Stunden ergebnislos abgebrochen.", "neutral"),
        ("Hunderte Menschen demonstrierten gegen den Krieg.", "neutral"),
        ("Die Armee bestätigte den Tod von vier Soldaten.", "neutral"),
        ("Wir verurteilen diese feige Tat auf das Schärfste.", "neutral"),
        ("Laut Polizei wurde niemand verletzt.", "neutral"),
        ("Der Konzern will keine Waffen mehr produzieren.", "conciliatory"),
    ],
)
def test_reported_statements_and_idioms(scorer, text, expected):
    """Announcements with a zu-infinitive, a claimed right, "die Tür bleibt offen", "alle notwendigen
    Maßnahmen", "ohne Einigung" (a negation) against "ohne ... zu eskalieren" (a rejection)."""
    assert scorer.score_text(text).label == expected, explain(scorer, text)


def test_quotes_are_scored_on_the_parse_the_extractor_made(extractor):
    """One parse per process: the worker's pipeline scores each quote on the extractor's parse of the
    article, within the quote's sentence, and evidence offsets point into the article."""
    from worker.extraction import Pipeline

    article = (
        "Die Regierung in Berlin äußerte sich am Montag. Der Minister sagte, man werde mit aller "
        "Härte zurückschlagen. „Wir sind jederzeit zu Gesprächen bereit“, sagte die Sprecherin."
    )
    analysis = extractor.analyse_many([article])[0]
    assert analysis.sentences and any(s.parsed for s in analysis.sentences)
    scored = Pipeline(extractor).process(article)
    assert [q for q, _ in scored] == analysis.quotes
    labels = {q.text[:12]: st.label for q, st in scored}
    assert labels == {"man werde mi": "hawkish", "Wir sind jed": "conciliatory"}, labels
    for q, st in scored:
        for e in st.evidence:
            assert article[e.start : e.end] == e.text and q.start <= e.start and e.end <= q.end


def test_a_statement_parsed_alone_keeps_its_tree_at_any_document_offset(statement_parse):
    """score_text parses a bare statement on its own; its evidence is placed at `offset` in the
    document, while the parse is read in the statement's own offsets."""
    from stance.tokens import analyze

    text = "Die Regierung wird nicht mit Sanktionen drohen."
    scorer = Scorer(parse=statement_parse)
    parsed = scorer.parse_all([text])[0]
    assert all(t.tree_ok for t in analyze(text, parsed) if t.word)
    here, there = scorer.score_text(text), scorer.score_text(text, offset=1000)
    assert here.label == there.label and here.score == there.score
    assert [(e.start + 1000, e.end + 1000) for e in here.evidence] == [(e.start, e.end) for e in there.evidence]
    assert [e.note for e in here.evidence] == [e.note for e in there.evidence]
