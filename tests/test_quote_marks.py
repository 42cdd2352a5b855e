"""Quotation marks are paired the way German newsrooms use them (extractor.marks)."""

from extractor.marks import closing_mark_offsets, find_quote_marks


def contents(text: str) -> list[str]:
    return [text[q.content_start : q.content_end] for q in find_quote_marks(text)]


def test_german_low_high_quotes():
    assert contents("„Die Lage ist ernst“, sagte Stoltenberg.") == ["Die Lage ist ernst"]


def test_guillemets_german_and_swiss_order():
    assert contents("Er warnte: »Kein Amerikaner wäre sicher.«") == ["Kein Amerikaner wäre sicher."]
    assert contents("«Wir prüfen den Dialog», sagte ein Sprecher.") == ["Wir prüfen den Dialog"]


def test_ascii_and_english_quotes():
    assert contents('Man strebe "grundsätzlich" keinen Krieg an.') == ["grundsätzlich"]
    assert contents("Sie nannte es “a big mistake”.") == ["a big mistake"]


def test_nested_single_quotes_are_inside_the_outer_quote():
    text = "Er sagte: „Das nennen sie ‚Verteidigung‘, es ist Krieg.“"
    marks = find_quote_marks(text)
    assert [(text[q.content_start : q.content_end], q.depth) for q in marks] == [
        ("Das nennen sie ‚Verteidigung‘, es ist Krieg.", 0),
        ("Verteidigung", 1),
    ]


def test_mismatched_low_quote_closed_by_ascii_quote():
    text = 'Die Beziehung sei nützlich, „um Fehltritte zu vermeiden", sagte er.'
    assert contents(text) == ["um Fehltritte zu vermeiden"]


def test_apostrophes_are_not_quotation_marks():
    assert contents("„Geht’s noch?“, fragte sie.") == ["Geht’s noch?"]


def test_an_unclosed_quote_ends_at_the_paragraph():
    text = "Er sagte: „Wir kommen wieder\nDer nächste Absatz."
    (q,) = find_quote_marks(text)
    assert text[q.content_start : q.content_end] == "Wir kommen wieder"
    assert not q.closed


def test_multi_sentence_quotation_is_one_quote():
    text = "„Russland ist der Aggressor. Russland führt Krieg.“, sagte er."
    assert contents(text) == ["Russland ist der Aggressor. Russland führt Krieg."]


def test_closing_mark_offsets_name_only_closing_marks():
    text = "„Ja“, sagte er."
    assert closing_mark_offsets(text) == {3}


def test_a_thousand_unbalanced_marks_stay_linear_and_in_bounds():
    text = "„" * 1000 + " Text " + "“" * 3
    marks = find_quote_marks(text)
    assert all(0 <= q.content_start <= q.content_end <= len(text) for q in marks)


def test_a_doubled_opening_mark_opens_one_quotation():
    text = "Er sagte: „„Wir kommen wieder.“"
    (q,) = find_quote_marks(text)
    assert text[q.content_start : q.content_end] == "Wir kommen wieder." and q.depth == 0 and q.closed
