"""The verb forms of German reported speech: Konjunktiv I and II, reportative „sollen“.

The speech screen reads them from bare words to decide which sentences may continue a report; the
quote stage (extractor.quotes.konjunktiv, .continuation) reads them from the tagged sentence.
"""

from __future__ import annotations

from collections.abc import Sequence

#: Forms of „sein“ that only the Konjunktiv I has.
SEIN_SUBJUNCTIVE = frozenset({"sei", "seien", "seiest", "seiet"})
#: Konjunktiv II forms that newsrooms use for reported speech when Konjunktiv I looks indicative.
KONJUNKTIV_II = frozenset(
    {
        "wäre",
        "wären",
        "hätte",
        "hätten",
        "würde",
        "würden",
        "könnte",
        "könnten",
        "müsste",
        "müssten",
        "dürfte",
        "dürften",
        "sollte",
        "sollten",
        "wollte",
    }
)
#: Forms that carry on a report but do not open one: Konjunktiv II as the stand-in for a Konjunktiv I
#: that would look indicative („sie hätten“ for „sie haben“), the strong Konjunktiv II forms („käme“,
#: „gäbe“, „läge“), and reportative „sollen“ („Er soll das Geld genommen haben“: so it is said). Not
#: the modal Konjunktiv II („müssten“, „könnte“, „dürfte“): the reporter's own conjecture as often.
REPORTIVE = frozenset(
    """wäre wären hätte hätten würde würden gäbe gäben käme kämen läge lägen stünde
 stünden ginge gingen bliebe blieben befände befänden wüsste wüssten soll sollen""".split()
)
REPORTATIVE_SOLLEN = frozenset({"soll", "sollen"})
PERFECT_AUXILIARIES = frozenset({"haben", "sein"})
#: A sentence in the Konjunktiv continues a report at most this many sentences after it.
MAX_SENTENCE_GAP = 3


def reportative_perfect(words: Sequence[str]) -> bool:
    """„Er soll das Geld genommen haben“: present „sollen“ with a perfect infinitive reports a claim
    by itself (nobody plans a past); read from the words alone, so the screen can use it too."""
    lower = [w.lower() for w in words]
    return any(w in REPORTATIVE_SOLLEN for w in lower) and any(
        w in PERFECT_AUXILIARIES and i > 0 and lower[i - 1] not in ("zu",) for i, w in enumerate(lower) if i > 1
    )
