"""A position word frames only its own clause and the clauses it takes as complement (issue 13): a
word of will or demand in one clause does not make a topic of another clause a position. Sentences
written for the test; checked with the German parse and with token rules alone."""

from __future__ import annotations

import pytest
from test_stance import scorer  # noqa: F401 - the same two scorers: with the parse and with tokens only

from stance.positions import FRAMED
from stance.scorer import Scorer


def readings(scorer: Scorer, text: str):
    return scorer.read(text, 0, scorer.parse_all([text])[0])


@pytest.mark.parametrize(
    "text",
    [
        # another party's purpose clause ("um ... zu") is no part of the speaker's position (in the own
        # voice it is: tests/test_stance_coverage.py)
        "Die Regierung will die Vereinten Nationen reformieren, um sie gegen Atomwaffen zu wappnen.",
        # adverbial clauses: condition, concession, purpose
        "Wir müssen die Steuern senken, wenn die Armee weiter angreift.",
        "Der Minister will die Renten erhöhen, obwohl die Rebellen mit Anschlägen drohen.",
        "Wir fordern mehr Geld für die Schulen, damit die Kinder nicht an den Krieg denken müssen.",
        # a main clause of its own after the comma
        "Er will das Gesetz ändern, die Armee greift derweil weiter an.",
        "Die Regierung will mehr Lehrer einstellen, und im Süden gehen die Kämpfe weiter.",
    ],
)
def test_a_position_word_of_another_clause_frames_nothing(scorer, text):
    rs = readings(scorer, text)
    assert not any(r.status.status == FRAMED for r in rs), rs
    assert scorer.score_text(text).label == "neutral", scorer.score_text(text).explain()


@pytest.mark.parametrize(
    "text",
    [
        "Wir fordern, dass Russland seine Truppen abzieht.",  # a dass-clause is the demand's content
        "Die Regierung ist bereit, mit den Rebellen zu verhandeln.",  # a zu-infinitive complement
        "Unsere Forderung ist klar: Die Waffen müssen schweigen.",  # the clause after a colon
        "Wir wollen, dass endlich verhandelt wird.",
        "Wir wollen keinen Krieg, sondern Verhandlungen.",  # the conjunct shares the frame
    ],
)
def test_a_position_word_frames_its_clausal_complement(scorer, text):
    st = scorer.score_text(text)
    assert st.label == "conciliatory", st.explain()
    assert any("position" in e.note for e in st.evidence), st.explain()


def test_an_inserted_clause_does_not_cut_the_frame(scorer):
    """ "wie befürchtet" is inserted into the announcement; the clause after it resumes it."""
    text = "Wir werden, wie angekündigt, mit neuen Sanktionen reagieren."
    st = scorer.score_text(text)
    assert st.label == "hawkish", st.explain()


def test_the_contrast_clause_of_another_party_is_not_the_speakers_will(statement_parse):
    """ "Wir wollen Frieden, aber die Rebellen greifen weiter an": the attack is the rebels' (its
    clause has a subject of its own), the will is for peace."""
    s = Scorer(parse=statement_parse)
    text = "Wir wollen Frieden, aber die Rebellen greifen weiter an."
    st = s.score_text(text)
    assert st.label == "conciliatory", st.explain()
    assert not any(e.text.startswith("greif") for e in st.evidence), st.explain()


def test_a_determiner_negation_does_not_negate_the_will(statement_parse):
    """ "keinen" negates its noun phrase only, even where the parse hangs "wollen" on the noun."""
    st = Scorer(parse=statement_parse).score_text("Wir wollen keinen Krieg, sondern Verhandlungen.")
    assert not any("negated by 'keinen'" in e.note and e.text == "Verhandlungen" for e in st.evidence)


def test_a_particle_of_another_verb_makes_no_position_word(scorer):
    """ "greift ... weiter an": "an" belongs to "greift"; "weiter" + "an" is no "anweisen" (order)."""
    st = scorer.score_text("Er will das Gesetz ändern, die Armee greift derweil weiter an.")
    assert not any("position 'weiter'" in e.note for e in st.evidence + st.described), st.explain()


def test_the_frame_of_a_quote_in_its_document_is_clause_scoped(scorer):
    """In its document the quote is read within its sentence: a will of the reporter's clause in
    another clause does not frame the quoted clause, a demand whose complement it is does."""
    doc = "Der Minister will die Renten erhöhen, während „die Kämpfe im Norden weitergehen“."
    at = doc.index("die Kämpfe")
    st = scorer.score_in(doc, at, doc.index("“", at))
    assert st.label == "neutral", st.explain()
    doc = "Die Regierung fordert, „dass alle Truppen abgezogen werden und die Waffen schweigen“."
    at = doc.index("dass")
    st = scorer.score_in(doc, at, doc.index("“", at))
    assert st.label == "conciliatory", st.explain()


def test_talks_refused_outright_are_a_hard_line(scorer):
    """ "Es wird keine Gespräche geben" refuses: no forecast, counted in full, not at the future's
    strength."""
    st = scorer.score_text("Mit dieser Regierung wird es keine Gespräche geben.")
    assert st.label == "hawkish", st.explain()
    assert any("refused outright" in e.note for e in st.evidence), st.explain()


def test_a_sentence_opened_by_werden_announces_nothing(scorer):
    """Verb-first "Werden ..." is a condition or a question, not the future of an announcement."""
    st = scorer.score_text("Werden die Täter nicht mit derselben Härte verfolgt wie andere, leidet das Vertrauen.")
    assert not any("future" in e.note for e in st.evidence), st.explain()
    assert st.label == "neutral", st.explain()


def test_a_duty_is_a_position(scorer):
    st = scorer.score_text("Es ist unsere Pflicht, das Land zu verteidigen.")
    assert any("position 'Pflicht'" in e.note for e in st.evidence), st.explain()
