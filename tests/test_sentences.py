"""Sentence-boundary repair (extractor.sentences), on token lists as Stanza's tokenizer gives them."""

from __future__ import annotations

import re

from extractor.sentences import Tok, repair


def toks(text: str, cuts: list[str]) -> list[list[Tok]]:
    """Tokenise by whitespace and punctuation, and start a new sentence at each token in `cuts` order."""
    tokens = [
        Tok(m.group(), m.start(), m.end(), (m.group(),))
        for m in re.finditer(r"\d+\.\d+\.\d+|\w+(?:-\w+)*|[^\w\s]", text)
    ]
    out, cur, pending = [], [], list(cuts)
    for t in tokens:
        if pending and t.text == pending[0] and cur:
            out.append(cur)
            cur = []
            pending.pop(0)
        cur.append(t)
    out.append(cur)
    return out


def as_text(text: str, sents: list[list[Tok]]) -> list[str]:
    return [text[s[0].start : s[-1].end] for s in sents]


def test_never_between_closing_mark_and_the_cue_after_it():
    text = "„Die Lage ist ernst.“ , sagte er."
    assert as_text(text, repair(toks(text, ["“"]), text)) == [text]


def test_never_before_a_closing_mark():
    text = "„Die Lage ist ernst.“ Dann ging er."
    sents = repair(toks(text, ["“", "Dann"]), text)
    assert as_text(text, sents) == ["„Die Lage ist ernst.“", "Dann ging er."]


def test_abbreviations_and_dates_do_not_end_sentences():
    text = "Das sagte Dr. Müller am 19. Februar in Berlin."
    assert as_text(text, repair(toks(text, ["Müller", "Februar"]), text)) == [text]


def test_a_line_break_always_ends_a_sentence():
    text = "Update\nDie Sorge vor einem Atomkrieg wächst."
    assert as_text(text, repair(toks(text, []), text)) == ["Update", "Die Sorge vor einem Atomkrieg wächst."]


def test_a_sentence_never_ends_on_a_bare_word_within_a_line():
    text = "Das Treffen schließt an ein Gespräch mit General Jana Berg in Rom an, hieß es. Dann ging er."
    sents = repair(toks(text, ["Jana", "Dann"]), text)
    assert as_text(text, sents) == [text[: text.index(" Dann")], "Dann ging er."]


def test_a_lower_case_start_continues_the_sentence():
    text = "Die Lage sei ernst. sagte er."
    assert as_text(text, repair(toks(text, ["sagte"]), text)) == [text]


def test_an_over_long_run_of_words_becomes_bounded_sentences_cut_after_a_comma():
    from extractor.sentences import Tok, bound

    toks, pos = [], 0
    for i in range(40):
        for text in (f"Wort{i}", "," if i % 7 == 6 else "und"):
            toks.append(Tok(text, pos, pos + len(text), (text,)))
            pos += len(text) + 1
    pieces = bound([toks, toks[:5]], max_words=20)
    assert [t for piece in pieces for t in piece] == toks + toks[:5]  # nothing lost, order kept
    assert all(len(p) <= 20 for p in pieces)
    assert all(p[-1].text == "," for p in pieces[:3])  # cut after the last comma of each piece's second half
    assert pieces[-1] == toks[:5]  # a short sentence stays as it is


def test_a_dateline_is_a_sentence_of_its_own():
    text = "Kiew (dpa) - Der Bürgermeister sagte, die Stadt sei vorbereitet."
    assert as_text(text, repair(toks(text, []), text)) == ["Kiew (dpa) -", text[len("Kiew (dpa) - ") :]]


def test_a_dateline_keeps_its_own_full_stop():
    text = "HAMBURG, 3. Mai (AP). Der Senat beschloss am Dienstag den neuen Haushalt."
    assert as_text(text, repair(toks(text, []), text)) == [
        "HAMBURG, 3. Mai (AP).",
        text[len("HAMBURG, 3. Mai (AP). ") :],
    ]
