"""The token layer the rules work on: our own tokens and clauses, with the extractor's parse attached.

Why our own tokens: a weak tokenizer glues punctuation to words ("sei,", "„schnelle") and evidence
offsets must be exact, so tokens come from a regular expression over the text and the parse's lemma,
POS and dependency head are attached to those tokens whose span the parser tokenized identically.

The parse is read, never made here: stance imports no parser. A parsed sentence is anything with
`.words`, each word with `id`, `text`, `lemma`, `upos`, `head` (0: root), `deprel` and the `start`/`end`
of its surface token (several words share one: „im“ → in + dem) — extractor.document.Sentence is one.
Offsets are the document's; `shift` is where the scored text starts in it.

Why commas for clauses: German sets a comma before every subordinate and infinitive clause, so
punctuation is a parser-independent clause boundary; every scope rule stays inside one clause.

Each sentence's parse is checked (`tree_ok`): most of its tokens must align with ours, exactly one
root, and closed-class words must carry their obvious tags (der/die/das DET or PRON, und CCONJ, nicht
PART or ADV, dass SCONJ, punctuation PUNCT). Rules use the tree only where this check passes and fall
back to token windows elsewhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

WORD_RE = re.compile(r"\w+(?:[-‐‑]\w+)*|[^\w\s]")
CLAUSE_PUNCT = {",", ";", ":", ".", "!", "?", "(", ")", "–", "—", "-", "[", "]"}
SENTENCE_PUNCT = {".", "!", "?", ";"}
#: Deprels that open a new clause: scopes computed on the tree do not descend into them.
CLAUSAL_DEPRELS = {"ccomp", "advcl", "acl:relcl", "parataxis", "csubj", "list", "discourse"}
CLOSED_CLASS = {
    **{
        w: {"DET", "PRON"}
        for w in ("der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines")
    },
    **{w: {"CCONJ"} for w in ("und", "oder", "sondern")},
    **{w: {"SCONJ"} for w in ("dass", "weil", "falls", "ob", "obwohl")},
    **{w: {"ADP"} for w in ("mit", "von", "gegen", "für", "bei", "nach", "über", "unter")},
    **{w: {"PRON"} for w in ("ich", "wir", "er", "es", "uns", "man", "mich", "ihn")},
    **{
        w: {"AUX", "VERB"}
        for w in (
            "ist",
            "sind",
            "sei",
            "seien",
            "war",
            "hat",
            "haben",
            "habe",
            "wird",
            "werden",
            "werde",
            "würde",
            "würden",
        )
    },
    "zu": {"PART", "ADP"},
    "nicht": {"PART", "ADV"},
    ",": {"PUNCT"},
    ".": {"PUNCT"},
}
#: Tags a compact tagger gives a capitalised sentence-initial noun as often as a real adverb or
#: adjective ("Gewalt ist keine Lösung": ADV): there the word stays of unknown class.
UNSURE_INITIAL = {"ADV", "ADJ", "X"}
MIN_ALIGNED = 0.9
MIN_CLOSED_OK = 0.8
MIN_CASE_AGREEMENT = 0.85


class ParsedWord(Protocol):
    """A word of a parsed sentence, as the module docstring describes (extractor.document.Word is one)."""

    @property
    def id(self) -> int: ...

    @property
    def text(self) -> str: ...

    @property
    def lemma(self) -> str | None: ...

    @property
    def upos(self) -> str | None: ...

    @property
    def head(self) -> int: ...  # 0: root

    @property
    def deprel(self) -> str | None: ...

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


@dataclass
class Token:
    i: int
    text: str
    start: int  # local offsets in the scored text
    end: int
    sent: int = 0
    clause: int = 0
    lemma: str | None = None
    upos: str | None = None
    head: int | None = None  # token index of the syntactic head (None: root or not aligned)
    deprel: str | None = None
    particle: str | None = None  # separable verb particle attached by the parse ("droht ... an")
    tree_ok: bool = False
    children: list[int] = field(default_factory=list)
    #: names the quote's speaker or the speaker's side as an agent (stance.positions.mark_speaker)
    speaker: bool = False
    #: names the speaker or the speaker's side anywhere, as agent or not ("davor warnen, Russland
    #: anzugreifen", said by Russia's government): whom a warning protects (stance.rules, deterrence)
    side: bool = False

    #: a word, not punctuation (set from `text`: read for every token by every rule)
    word: bool = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.word = self.text[0].isalnum()

    @property
    def low(self) -> str:
        return self.text.lower()

    @property
    def is_noun(self) -> bool:
        return self.noun_flag is not False

    def noun(self, toks: list[Token] | None = None) -> bool | None:
        """Whether this is a noun: German capitalisation, which is more reliable than any tagger,
        except for the first word of a sentence, where a sane parse decides (else None: unknown)."""
        return self.noun_flag

    noun_flag: bool | None = None  # set by tokenize()


def tokenize(text: str) -> list[Token]:
    toks = [Token(i, m.group(), m.start(), m.end()) for i, m in enumerate(WORD_RE.finditer(text))]
    listing = _enumeration_commas(toks)
    sent = clause = 0
    initial = True
    for t in toks:
        t.sent, t.clause = sent, clause
        if t.word:
            t.noun_flag = (None if initial else True) if t.text[0].isupper() else False
            initial = False
        if t.text in CLAUSE_PUNCT and t.i not in listing:
            clause += 1
        if t.text in SENTENCE_PUNCT:
            sent += 1
            initial = True
    return toks


#: Words that close an enumeration of names or nouns ("Frankreich, Großbritannien und Deutschland").
ENUMERATION_END = {"und", "oder", "sowie"}


def _enumeration_commas(toks: list[Token]) -> set[int]:
    """The commas that separate the items of an enumeration of capitalised words, not clauses:
    "Gespräche mit Frankreich, Großbritannien und Deutschland" (each item one or two capitalised
    words, the last one after "und"/"oder"/"sowie"). "Wir fordern von Russland, Truppen abzuziehen"
    is no enumeration: no "und" closes it."""
    out: set[int] = set()
    k = 0
    while k < len(toks):
        if toks[k].text != "," or k == 0 or not _capitalised(toks[k - 1]):
            k += 1
            continue
        commas, j = [k], k + 1
        while True:
            n = 0
            while j < len(toks) and _capitalised(toks[j]) and n < 2:
                j, n = j + 1, n + 1
            if n == 0 or j >= len(toks):
                break
            if toks[j].text == ",":
                commas.append(j)
                j += 1
                continue
            if toks[j].low in ENUMERATION_END and j + 1 < len(toks) and _capitalised(toks[j + 1]):
                out.update(commas)
            break
        k = commas[-1] + 1
    return out


def _capitalised(t: Token) -> bool:
    return t.word and t.text[0].isupper()


def analyze(text: str, sentences=None, shift: int = 0) -> list[Token]:
    """Tokens of `text` with the parsed `sentences` (or none) attached; `shift` is the document
    offset of text[0] (the sentences' offsets are the document's)."""
    toks = tokenize(text)
    if sentences:
        _attach(toks, sentences, shift)
    return toks


def _surface_tokens(sentence, shift: int) -> list[tuple[int, int, list]]:
    """(start, end, words) per surface token of a parsed sentence, in local offsets: the words of one
    token („im“ → in + dem) share its offsets."""
    out: list[tuple[int, int, list]] = []
    for w in sentence.words:
        start, end = w.start - shift, w.end - shift
        if out and (out[-1][0], out[-1][1]) == (start, end):
            out[-1][2].append(w)
        else:
            out.append((start, end, [w]))
    return out


def _attach(toks: list[Token], sentences, shift: int = 0) -> None:
    by_span = {(t.start, t.end): t for t in toks}
    hyphenated = [t for t in toks if "-" in t.text]
    for sentence in sentences:
        surface = _surface_tokens(sentence, shift)
        word_tok: dict[int, Token] = {}  # parse word id -> our token
        rep: dict[int, ParsedWord] = {}  # our token index -> the parse word that speaks for it
        for start, end, words in surface:
            t = by_span.get((start, end))
            if t is None:  # "US-Stellungen" tokenized as US / - / Stellungen: the last part is the head
                t = next((h for h in hyphenated if h.start <= start and end <= h.end), None)
            if t is None:
                continue
            stext = t.text if (t.start, t.end) == (start, end) else t.text[start - t.start : end - t.start]
            for w in words:
                word_tok.setdefault(w.id, t)
                if t.i not in rep or (t.text != stext and stext.isalnum()):
                    rep[t.i] = w
        covered = [t for t in toks if t.word and surface and surface[0][0] <= t.start < surface[-1][1]]
        for i, w in rep.items():
            t = toks[i]
            t.lemma, t.upos, t.deprel = w.lemma, w.upos, w.deprel
            if t.lemma and w.text != t.text and t.text.endswith(w.text):
                t.lemma = t.text[: len(t.text) - len(w.text)] + t.lemma  # "US-" + "Stellung"
            head = word_tok.get(w.head) if w.head else None
            t.head = head.i if head is not None and head is not t else None
            if w.deprel == "compound:prt" and head is not None:
                head.particle = w.text.lower()
        ok = _sane(sentence, covered, set(rep))
        for t in covered:
            t.tree_ok = ok and t.i in rep
            if t.tree_ok and t.noun_flag is None and t.upos not in UNSURE_INITIAL:
                t.noun_flag = t.upos in ("NOUN", "PROPN")
    for t in toks:
        if t.head is not None and t.tree_ok:
            toks[t.head].children.append(t.i)


def _sane(sentence, covered: list[Token], aligned: set[int]) -> bool:
    """Whether this sentence's tree is worth trusting (see the module docstring)."""
    if not covered:
        return False
    if sum(t.i in aligned for t in covered) / len(covered) < MIN_ALIGNED:
        return False
    words = sentence.words
    if sum(1 for w in words if w.head == 0) != 1:
        return False
    checked = [(w.text.lower(), w.upos) for w in words if w.text.lower() in CLOSED_CLASS]
    if len(checked) >= 2:
        good = sum(upos in CLOSED_CLASS[text] for text, upos in checked)
        if good / len(checked) < MIN_CLOSED_OK:
            return False
    # German capitalises exactly its nouns: a tagger that disagrees has not learnt much.
    inner = [t for t in covered if t.noun_flag is not None and t.upos]
    if inner:
        agree = sum((t.upos in ("NOUN", "PROPN")) == t.noun_flag for t in inner if t.upos != "PUNCT")
        if agree / max(1, sum(t.upos != "PUNCT" for t in inner)) < MIN_CASE_AGREEMENT:
            return False
    return any(w.upos in ("VERB", "AUX") for w in words)


def subtree(toks: list[Token], i: int, *, skip_top=frozenset()) -> set[int]:
    """Token i and its descendants, not descending into clausal dependents (a reliable tree marks
    clause boundaries itself, commas inside enumerations and parentheticals do not matter), nor into
    i's own children whose deprel is in `skip_top` (its subject, its coordinated siblings)."""
    out, stack = set(), [i]
    while stack:
        j = stack.pop()
        if j in out:
            continue
        out.add(j)
        for c in toks[j].children:
            d = toks[c].deprel or ""
            if d in CLAUSAL_DEPRELS or (j == i and d in skip_top):
                continue
            stack.append(c)
    return out
