"""A name-span pass over the tagger's output: proper names the compact tagger took for common nouns.

The tagger, trained on ~2,000 sentences, tags many surnames NOUN or even ADV („Pompeo habe …“). A
word is retagged PROPN when it follows a known first name („Jens Stoltenberg“), when it follows an
outlet or organisation noun („die Nachrichtenagentur Fars“), or when it was recognised as a surname
elsewhere in the same document.
"""

from __future__ import annotations

from extractor.document import Document, Word
from extractor.words.people import NOT_SPEAKER_WORDS, TEMPORAL, first_name_gender

#: Heads of outlet/organisation nouns whose next capitalised word is their name (matched as suffix).
OUTLET_SUFFIXES = (
    "agentur",
    "zeitung",
    "seite",
    "portal",
    "magazin",
    "sender",
    "institut",
    "gruppe",
    "miliz",
    "partei",
    "blatt",
    "sender",
    "netzwerk",
    "dienst",
    "organisation",
    "konzern",
)


def _capitalised_word(w: Word) -> bool:
    t = w.text
    return (
        t[:1].isupper()
        and t.isalpha() is not False
        and t.lower() not in NOT_SPEAKER_WORDS
        and w.lemma.lower() not in TEMPORAL
        and w.upos not in ("VERB", "AUX", "DET", "PRON", "PUNCT", "ADP")
    )


def repair_names(doc: Document) -> None:
    surnames: set[str] = set()
    for s in doc.sentences:
        ws = s.words
        for i, w in enumerate(ws[:-1]):
            nxt = ws[i + 1]
            if not _capitalised_word(nxt):
                continue
            if first_name_gender(w.text) and w.text[:1].isupper() and w.upos in ("PROPN", "NOUN", "X", "ADJ"):
                w.upos = "PROPN"
                nxt.upos = "PROPN"
                surnames.add(nxt.text)
            elif w.upos == "NOUN" and w.text.lower().endswith(OUTLET_SUFFIXES) and nxt.upos != "PROPN":
                nxt.upos = "PROPN"
        for i in range(1, len(ws) - 2):  # „Karine Jean-Pierre“: a two-part name goes on across a hyphen
            a, dash, b = ws[i], ws[i + 1], ws[i + 2]
            if (
                a.upos == "PROPN"
                and ws[i - 1].upos == "PROPN"
                and dash.text == "-"
                and dash.start == a.end
                and b.start == dash.end
                and b.text[:1].isupper()
            ):
                b.upos = "PROPN"
    if not surnames:
        return
    for s in doc.sentences:
        for w in s.words:
            if w.text in surnames:
                w.upos = "PROPN"
