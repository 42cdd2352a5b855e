"""The stance scorer, specified on German news sentences.

Every behaviour is checked twice: with the German Stanza parse (from models/de or $ZITAT_MODEL_DIR;
token rules only when no model is installed) and with the token-window rules alone, because the
scorer must stay right when the parse is weak or missing.
"""

from __future__ import annotations

import hashlib
from importlib import resources

import pytest

import stance
from extractor.types import Quote
from stance.lexicon import Lexicon, data_rows, default_lexicon, stem
from stance.scorer import CONCILIATORY_AT, HAWKISH_AT, LEXICON_VERSION, Scorer


@pytest.fixture(scope="module", params=["parse", "tokens"])
def scorer(request) -> Scorer:
    if request.param == "tokens":
        return Scorer()
    return Scorer(parse=request.getfixturevalue("statement_parse"))


def label(scorer: Scorer, text: str) -> str:
    return scorer.score_text(text).label


def notes(scorer: Scorer, text: str) -> str:
    return " | ".join(f"{e.text}: {e.note}" for e in scorer.score_text(text).evidence)


# --- threats and force are hawkish -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Der Präsident drohte Nordkorea mit der vollständigen Vernichtung.",
        "Teheran stellte Washington ein Ultimatum.",
        "Wir werden mit aller Härte zurückschlagen.",
        "Die Armee hat Truppen an die Grenze verlegt und ist in höchster Alarmbereitschaft.",
        "Wir werden Israel von der Landkarte tilgen.",
        "Die Regierung kündigte weitere Sanktionen gegen Moskau an.",
    ],
)
def test_threats_and_force_are_hawkish(scorer, text):
    assert label(scorer, text) == "hawkish", notes(scorer, text)


def test_compounds_match_by_their_head(scorer):
    """Militärschläge, Vergeltungsschlag, Atomwaffen: no compound is listed, the head decides."""
    for text in (
        "Die USA erwägen Militärschläge.",
        "Iran kündigte einen Vergeltungsschlag an.",
        "Russland verlegt Atomwaffen nach Belarus.",
    ):
        st = scorer.score_text(text)
        assert st.label == "hawkish", notes(scorer, text)


def test_a_proposal_is_not_a_strike(scorer):
    """ "Vorschlag" ends in "schlag", but a particle in front derives a new word."""
    assert label(scorer, "Der Vorschlag der Kommission liegt seit Montag vor.") == "neutral"


# --- talks and restraint are conciliatory ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Wir sind jederzeit zu Gesprächen ohne Vorbedingungen bereit.",
        "Beide Seiten müssen an den Verhandlungstisch zurückkehren.",
        "Die Regierung setzt auf Diplomatie und Deeskalation.",
        "Der Kanzler rief alle Seiten zur Zurückhaltung auf.",
        "Es gilt jetzt, einen kühlen Kopf zu bewahren.",
        "Die Waffenruhe muss eingehalten werden.",
    ],
)
def test_talk_offers_and_restraint_are_conciliatory(scorer, text):
    assert label(scorer, text) == "conciliatory", notes(scorer, text)


# --- negation and reversal flip ----------------------------------------------------------------------


def test_keinen_krieg_is_conciliatory(scorer):
    text = "Man strebe grundsätzlich keinen Krieg mit Russland an."
    st = scorer.score_text(text)
    assert st.label == "conciliatory", notes(scorer, text)
    krieg = next(e for e in st.evidence if e.text == "Krieg")
    assert krieg.weight < 0 and "negated" in krieg.note


def test_the_same_cue_without_negation_is_hawkish(scorer):
    assert label(scorer, "Man strebe einen Krieg mit Russland an.") == "hawkish"


@pytest.mark.parametrize(
    "text",
    [
        "Deutschland werde sich nicht an einem Militäreinsatz beteiligen.",
        "Wir werden unter keinen Umständen angreifen.",
        "Eine militärische Lösung wird es nicht geben.",
        "Ziel ist es, eine weitere Eskalation zu verhindern.",
        "Die Sanktionen sollen gelockert werden.",
    ],
)
def test_negated_or_prevented_force_is_conciliatory(scorer, text):
    assert label(scorer, text) == "conciliatory", notes(scorer, text)


def test_breaking_off_talks_is_hawkish(scorer):
    """A reverser flips conciliatory cues too."""
    text = "Die Regierung hat die Gespräche abgebrochen."
    assert label(scorer, text) == "hawkish", notes(scorer, text)


def test_nicht_nur_is_no_negation(scorer):
    text = "Wir drohen nicht nur mit Sanktionen, sondern auch mit Krieg."
    assert label(scorer, text) == "hawkish", notes(scorer, text)


# --- conditional threats -----------------------------------------------------------------------------


def test_conditional_threat_is_hawkish_and_its_trigger_weighs_less(scorer):
    text = "Sollte Iran angreifen, werden wir mit einem Vergeltungsschlag antworten."
    st = scorer.score_text(text)
    assert st.label == "hawkish"
    by_text = {e.text: e for e in st.evidence}
    assert "conditional threat" in by_text["Vergeltungsschlag"].note
    assert "condition" in by_text["angreifen"].note
    assert by_text["angreifen"].weight < by_text["Vergeltungsschlag"].weight


def test_falls_clause_after_the_threat(scorer):
    text = "Er sei bereit, Militärschläge auszuführen, falls amerikanische Einrichtungen angegriffen werden sollten."
    st = scorer.score_text(text)
    assert st.label == "hawkish", notes(scorer, text)
    assert any("conditional threat" in e.note for e in st.evidence)


def test_ultimatum_marker(scorer):
    text = "Andernfalls würden die USA mit Waffengewalt reagieren."
    st = scorer.score_text(text)
    assert st.label == "hawkish" and any("ultimatum" in e.note for e in st.evidence)


# --- intensity -----------------------------------------------------------------------------------------


def test_intensifier_raises_magnitude(scorer):
    plain = scorer.score_text("Wir drohen mit Sanktionen.")
    strong = scorer.score_text("Wir drohen mit sehr harten Sanktionen.")
    assert plain.label == strong.label == "hawkish"
    assert strong.score > plain.score
    assert any("intensified" in e.note for e in strong.evidence)


def test_intensifier_works_for_conciliatory_cues(scorer):
    plain = scorer.score_text("Er forderte einen Waffenstillstand.")
    strong = scorer.score_text("Er forderte einen sofortigen Waffenstillstand.")
    assert strong.score < plain.score < 0


# --- neutral reporting ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Der Minister reiste am Dienstag nach Brüssel.",
        "Die Wirtschaft wuchs im dritten Quartal um zwei Prozent.",
        "Das Bundesamt veröffentlichte neue Zahlen zur Inflation.",
        "Friedrich Merz sprach am Montag in Berlin.",
        "Die Lage ist ernst.",
    ],
)
def test_neutral_reporting_is_neutral(scorer, text):
    st = scorer.score_text(text)
    assert st.label == "neutral" and st.evidence == [], notes(scorer, text)


def test_empty_text_is_neutral(scorer):
    assert scorer.score_text("").label == "neutral"
    assert scorer.score_text("   ").evidence == []


# --- evidence and offsets ------------------------------------------------------------------------------

DOCUMENT = (
    'Washington/Teheran. Man strebe "grundsätzlich" keinen Krieg mit dem Iran an, beteuerte '
    "Pompeo. Er sei bereit, „schnelle und starke“ Militärschläge auszuführen, falls Amerikaner "
    "angegriffen werden sollten. Innerhalb der Nato werde darüber beraten, „wie man darauf reagiert, "
    "ohne weiter zu eskalieren“."
)


@pytest.mark.parametrize(
    "quote",
    [
        'Man strebe "grundsätzlich" keinen Krieg mit dem Iran an',
        "Er sei bereit, „schnelle und starke“ Militärschläge auszuführen, falls Amerikaner angegriffen werden sollten",
        "wie man darauf reagiert, ohne weiter zu eskalieren",
    ],
)
def test_evidence_offsets_point_into_the_document(scorer, quote):
    start = DOCUMENT.index(quote)
    st = scorer.score_text(quote, offset=start)
    assert st.evidence
    for e in st.evidence:
        assert DOCUMENT[e.start : e.end] == e.text
        assert e.weight != 0 and e.note


def test_score_takes_a_quote_and_uses_its_document_offsets(scorer):
    text = "Militärschläge"
    start = DOCUMENT.index(text)
    q = Quote(
        text=text,
        start=start,
        end=start + len(text),
        kind="direct",
        cue=None,
        speaker="Pompeo",
        speaker_mention=None,
        speaker_role=None,
        confidence=1.0,
    )
    assert scorer.score(q).label == "neutral"  # a bare topic word: no position taken
    st = scorer.score(q, DOCUMENT)  # within its sentence: "Er sei bereit, ... Militärschläge auszuführen"
    assert st.label == "hawkish", st.explain()
    assert [(e.start, e.end) for e in st.evidence] == [(start, start + len(text))]


def test_a_documents_quotes_scored_together_score_as_they_do_one_by_one(scorer):
    texts = [
        "Wir werden mit aller Härte zurückschlagen.",
        "",
        "Wir setzen auf Gespräche und Deeskalation.",
        "Einen Krieg wollen wir nicht, aber wir sind bereit.",
    ]
    quotes, start = [], 0
    for text in texts:
        quotes.append(
            Quote(
                text=text,
                start=start,
                end=start + len(text),
                kind="direct",
                cue=None,
                speaker="Pompeo",
                speaker_mention=None,
                speaker_role=None,
                confidence=1.0,
            )
        )
        start += len(text) + 1
    assert scorer.score_many(quotes) == [scorer.score(q) for q in quotes]
    assert [s.label for s in scorer.score_many(quotes)][:3] == ["hawkish", "neutral", "conciliatory"]


def test_score_is_bounded_and_labels_follow_the_thresholds(scorer):
    for text in (
        "Wir drohen mit Krieg, Vernichtung, Vergeltung und totaler Zerstörung.",
        "Diplomatie, Dialog, Deeskalation, Verhandlungen und Frieden.",
        "Der Minister reiste nach Brüssel.",
    ):
        st = scorer.score_text(text)
        assert -1.0 <= st.score <= 1.0
        expected = (
            "hawkish" if st.score >= HAWKISH_AT else "conciliatory" if st.score <= -CONCILIATORY_AT else "neutral"
        )
        assert st.label == expected
        assert st.to_dict()["label"] == st.label


def test_module_level_score():
    q = Quote(
        text="Wir wollen keinen Krieg.",
        start=10,
        end=34,
        kind="direct",
        cue=None,
        speaker=None,
        speaker_mention=None,
        speaker_role=None,
        confidence=1.0,
    )
    st = stance.score(q)
    assert st.label == "conciliatory"
    assert all(e.start >= 10 for e in st.evidence)


# --- lexicon -------------------------------------------------------------------------------------------


def test_lexicon_version_is_the_hash_of_the_data_files():
    h = hashlib.sha256()
    for name in ("lexicon.tsv", "modifiers.tsv", "roles.tsv", "acts.tsv", "sides.tsv"):
        h.update((resources.files("stance") / "data" / name).read_bytes())
    assert LEXICON_VERSION.startswith(h.hexdigest()[:12])


def test_lexicon_is_a_general_vocabulary_of_reasonable_size():
    """Word families, not a list of every form seen: a few hundred rows (round 3 of issue 13 added
    whole families of force and talks, hence the bound of 700)."""
    rows = [
        line
        for line in (resources.files("stance") / "data" / "lexicon.tsv").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert 150 <= len(rows) <= 700
    for line in rows:
        pattern, weight, category, note = line.split("\t")
        assert -1 <= float(weight) <= 1 and category and note


def test_a_changed_lexicon_changes_the_score(tmp_path):
    lex = tmp_path / "lexicon.tsv"
    lex.write_text("Grenzzwischenfall\t0.5\tthreat\ttest entry\n", encoding="utf-8")
    mods = resources.files("stance") / "data" / "modifiers.tsv"
    custom = Lexicon.load(lex, mods)
    s = Scorer(lexicon=custom)
    assert s.score_text("Wir fordern einen Grenzzwischenfall.").label == "hawkish"
    assert Scorer().score_text("Wir fordern einen Grenzzwischenfall.").label == "neutral"


def test_stemming_folds_inflection_and_umlauts():
    assert stem("Militärschläge") == stem("Militärschlag")
    assert stem("drohte") == stem("drohen") == stem("gedroht")
    assert stem("auszulöschen") == stem("auslöschen")


def test_capitalised_entries_match_nouns_only():
    """ "Drohne" and "drohen" share a stem; case keeps the drone from being a threat."""
    lex = default_lexicon()
    assert lex.lookup("Drohne", True).entry.category == "weapon"
    assert lex.lookup("drohen", False).entry.category == "threat"
    assert lex.lookup("gegen", False) is None  # not "Gegner"


# --- the tree where it is sane, the token windows where it is not --------------------------------------

PARENTHETICAL = "Die Regierung wird nicht, wie von vielen befürchtet, mit Sanktionen drohen."
#: (lemma, upos, head, deprel) per token: a correct UD analysis of PARENTHETICAL.
PARENTHETICAL_TREE = [
    ("der", "DET", 2, "det"),
    ("Regierung", "NOUN", 13, "nsubj"),
    ("werden", "AUX", 13, "aux"),
    ("nicht", "PART", 13, "advmod"),
    (",", "PUNCT", 9, "punct"),
    ("wie", "SCONJ", 9, "mark"),
    ("von", "ADP", 8, "case"),
    ("viel", "PRON", 9, "obl"),
    ("befürchten", "VERB", 13, "advcl"),
    (",", "PUNCT", 9, "punct"),
    ("mit", "ADP", 12, "case"),
    ("Sanktion", "NOUN", 13, "obl"),
    ("drohen", "VERB", 0, "root"),
    (".", "PUNCT", 13, "punct"),
]


def hand_parse(text: str, analysis):
    """A parse callable (texts -> sentences per text) from a hand-written analysis of `text`, in the
    extractor's own document types."""
    import re

    from extractor.document import Sentence, Word

    def parse(texts: list[str]):
        (t,) = texts
        assert t == text
        spans = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\w+|[^\w\s]", t)]
        words = [
            Word(id=i + 1, text=w, lemma=lemma, upos=upos, xpos="", feats={}, head=head, deprel=rel, start=s, end=e)
            for i, ((s, e, w), (lemma, upos, head, rel)) in enumerate(zip(spans, analysis))
        ]
        return [[Sentence(index=0, words=words, start=spans[0][0], end=spans[-1][1], paragraph=0)]]

    return parse


def test_negation_follows_the_tree_across_a_parenthetical():
    """The token window stops at the comma; the tree knows "nicht" belongs to "drohen". Without the
    tree the negation still reaches the announcement ("wird nicht"), which frames the threat."""
    st = Scorer(parse=hand_parse(PARENTHETICAL, PARENTHETICAL_TREE)).score_text(PARENTHETICAL)
    assert st.label == "conciliatory"
    assert all("negated by 'nicht'" in e.note for e in st.evidence)
    tokens_only = Scorer().score_text(PARENTHETICAL)
    assert tokens_only.label == "conciliatory"
    assert all("negated by 'nicht'" in e.note for e in tokens_only.evidence)


def test_a_nonsense_parse_is_ignored():
    """A parser that tags everything NOUN and hangs it on the first word fails the sanity check, so
    the token windows decide, as if there were no parse."""
    junk = [
        (w, "NOUN", 0 if i == 0 else 1, "root" if i == 0 else "conj")
        for i, w in enumerate("Die Regierung wird nicht , wie von vielen befürchtet , mit Sanktionen drohen .".split())
    ]
    with_junk = Scorer(parse=hand_parse(PARENTHETICAL, junk)).score_text(PARENTHETICAL)
    without = Scorer().score_text(PARENTHETICAL)
    assert with_junk == without


# --- discourse -----------------------------------------------------------------------------------------


def test_what_follows_aber_counts_more(scorer):
    text = "Die Nato setzt auf Abschreckung, aber auch auf Dialog mit Moskau."
    assert label(scorer, text) == "conciliatory", notes(scorer, text)
    text = "Die Nato setzt auf Dialog mit Moskau, aber auch auf Abschreckung."
    assert scorer.score_text(text).score > 0, notes(scorer, text)


def test_military_words_in_a_title_are_no_military_act(scorer):
    text = "Der Vorsitzende des Generalstabs der Streitkräfte sprach am Montag in Washington."
    assert label(scorer, text) == "neutral", notes(scorer, text)


def test_polysemous_words_are_not_matched_as_compound_heads(scorer):
    for text in (
        "Der Wahlkampf geht in die heiße Phase.",
        "Der Arbeitsvertrag wurde verlängert.",
        "Eine Kaltfront bringt Regen.",
        "Der Suezkanal ist wieder frei.",
    ):
        assert label(scorer, text) == "neutral", notes(scorer, text)


# --- rejection and ruling out --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Er lehnte Verhandlungen mit den Taliban kategorisch ab.", "hawkish"),
        ("Eine Waffenruhe kommt für uns nicht in Frage.", "hawkish"),
        ("Wir schließen einen Militärschlag ausdrücklich nicht aus.", "hawkish"),
        ("Wir lehnen jede Form von Gewalt ab.", "conciliatory"),
        ("Niemand hat ein Interesse an einem Krieg.", "conciliatory"),
        ("Er plädierte für eine politische Lösung des Konflikts.", "conciliatory"),
        ("Der Papst warnte vor einem neuen Krieg.", "conciliatory"),
        ("Sie hat eindringlich vor einer Eskalation gewarnt.", "conciliatory"),
    ],
)
def test_rejecting_or_ruling_out_flips_what_is_rejected(scorer, text, expected):
    assert label(scorer, text) == expected, notes(scorer, text)


# --- acceptance on the seed gold -----------------------------------------------------------------------


def _gold_path():
    from pathlib import Path

    here = Path(__file__).resolve().parent.parent
    for base in (here / "shared", here.parent / "shared", Path("/work/shared")):
        if (base / "gold" / "seed_quotes.jsonl").exists():
            return base / "gold" / "seed_quotes.jsonl"
    return None


#: Seed-gold quotes whose polar label the stance guideline calls neutral (stance/data/seed_conflicts.tsv:
#: descriptions, accusations, statements of fact): reported to the lead (README, Stance).
SEED_CONFLICTS = {(r[0], int(r[1])): r[3] for r in data_rows("seed_conflicts.tsv")}


def _seed_rows():
    import json

    path = _gold_path()
    if path is None:
        pytest.skip("shared/gold/seed_quotes.jsonl not found")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if r["stance"] in ("hawkish", "conciliatory")]


def _conflict(r) -> bool:
    return any(r["doc"].startswith(d) and r["start"] == s for d, s in SEED_CONFLICTS)


def test_seed_gold_polar_accuracy(scorer):
    """The seed gold's polar quotes, each with its gold cue (as `stance.tune` reads them). Since topic
    words decide nothing alone (issue 13), the quotes the guideline calls neutral (SEED_CONFLICTS)
    are no longer polar; on the others the scorer keeps >= 0.75 (parse: 28/34)."""
    polar = _seed_rows()
    assert len([r for r in polar if _conflict(r)]) == len(SEED_CONFLICTS)
    rest = [r for r in polar if not _conflict(r)]
    right = [r for r in rest if scorer.score_text(r["quote"], offset=r["start"], cue=r.get("cue")).label == r["stance"]]
    assert len(right) / len(rest) >= 0.75


def test_hyphenated_compounds_split_by_the_tokenizer_keep_the_tree():
    """The German models split "Nato-Staaten" into Nato / - / Staaten; the last part speaks for
    the whole word, so the sentence still counts as sanely parsed."""
    from stance.tokens import analyze

    text = "Die Nato-Staaten drohen nicht mit Sanktionen."
    tree = [
        ("der", "DET", 4, "det"),
        ("Nato", "PROPN", 4, "compound"),
        ("-", "PUNCT", 2, "punct"),
        ("Staat", "NOUN", 5, "nsubj"),
        ("drohen", "VERB", 0, "root"),
        ("nicht", "PART", 5, "advmod"),
        ("mit", "ADP", 8, "case"),
        ("Sanktion", "NOUN", 5, "obl"),
        (".", "PUNCT", 5, "punct"),
    ]
    parse = hand_parse(text, tree)
    toks = {t.text: t for t in analyze(text, parse([text])[0])}
    assert all(t.tree_ok for t in toks.values() if t.word)
    assert toks["Nato-Staaten"].lemma == "Nato-Staat"
    assert toks["Nato-Staaten"].head == toks["drohen"].i
    st = Scorer(parse=parse).score_text(text)
    assert st.label == "conciliatory" and all("negated" in e.note for e in st.evidence)
