"""German word classes that more than one package reads: quotation marks above all, and the closed
word classes (articles, relative pronouns, prepositions) that the extractor and the stance scorer
both look for.

They live here, below every package, because each stage once kept its own copy and the copies
drifted: one stage's quotation marks lacked ‚‘›‹”, so a quotation the mark finder paired was no
quotation to the speaker finder. A module that deliberately reads fewer builds its set from these
and says why.
"""

from __future__ import annotations

LOW_DOUBLE, LOW_SINGLE = "\u201e", "\u201a"  # „ ‚
LEFT_DOUBLE, RIGHT_DOUBLE = "\u201c", "\u201d"  # “ ”
LEFT_SINGLE, RIGHT_SINGLE = "\u2018", "\u2019"  # ‘ ’
RAQUO, LAQUO = "\u00bb", "\u00ab"  # » «
RSAQUO, LSAQUO = "\u203a", "\u2039"  # › ‹
ASCII_DOUBLE, ASCII_SINGLE = '"', "'"

#: (opening, closing) of every style German text prints quotations in.
QUOTATION_PAIRS: tuple[tuple[str, str], ...] = (
    (LOW_DOUBLE, LEFT_DOUBLE),  # German „…“
    (LOW_SINGLE, LEFT_SINGLE),  # German ‚…‘, the quotation inside a quotation
    (LOW_DOUBLE, RIGHT_DOUBLE),  # „…” as word processors often print it
    (LOW_SINGLE, RIGHT_SINGLE),  # ‚…’ likewise
    (RAQUO, LAQUO),  # German »…«
    (RSAQUO, LSAQUO),  # German ›…‹
    (LAQUO, RAQUO),  # Swiss and French «…»
    (LSAQUO, RSAQUO),  # Swiss ‹…›
    (LEFT_DOUBLE, RIGHT_DOUBLE),  # English “…”
    (LEFT_SINGLE, RIGHT_SINGLE),  # English ‘…’
    (ASCII_DOUBLE, ASCII_DOUBLE),  # typewriter "…"
    (ASCII_SINGLE, ASCII_SINGLE),  # typewriter '…'
)
OPENING_MARKS = frozenset(opening for opening, _ in QUOTATION_PAIRS)
CLOSING_MARKS = frozenset(closing for _, closing in QUOTATION_PAIRS)
QUOTATION_MARKS = OPENING_MARKS | CLOSING_MARKS
SINGLE_MARKS = frozenset({LOW_SINGLE, LEFT_SINGLE, RIGHT_SINGLE, RSAQUO, LSAQUO, ASCII_SINGLE})
DOUBLE_MARKS = QUOTATION_MARKS - SINGLE_MARKS

#: Definite and indefinite articles, every case.
ARTICLES = frozenset("der die das den dem des ein eine einer einem einen eines".split())
#: Relative pronouns, every case: „…, die in Berlin war“, „…, welchen er nannte“.
RELATIVE_PRONOUNS = frozenset("der die das dem den denen deren dessen welcher welche welches welchem welchen".split())
#: Conjunctions that open an adverbial clause (time, cause, condition, concession, purpose, result):
#: „…, weil …“, „…, um … zu“. Not „wobei“: its clause comments on the one before and, in
#: Konjunktiv, carries a report on like a main clause.
ADVERBIAL_SUBORDINATORS = frozenset(
    "als wenn weil da während nachdem obwohl obgleich bevor seit seitdem um damit sodass zumal falls".split()
)
#: Words that open a content clause: „dass“, „ob“ and the question words of an indirect question.
COMPLEMENT_OPENERS = frozenset("dass ob wie warum weshalb weswegen wer was wann wo wonach womit wofür".split())
#: Prepositions, with their contractions („im“, „zum“, „beim“).
PREPOSITIONS = frozenset(
    """gegenüber laut zufolge gemäß nach vor bei mit von seit während wegen trotz angesichts aus in im am
 an auf für über unter zwischen durch gegen ohne um zu zum zur beim vom""".split()
)
