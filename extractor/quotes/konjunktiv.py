"""Konjunktiv I — the mood of German reported speech — from the tagger or, failing that, a rule.

The compact tagger rarely predicts Mood=Sub (the training data has few cases), so a finite verb also
counts as Konjunktiv I when its form is the infinitive minus the final -n („habe“ ← haben, „werde“ ←
werden, „könne“ ← können, „gebe“ ← geben), which for a 3rd-person subject can only be the subjunctive
(indicative: hat, wird, kann, gibt), or when it is a form of „sein“ that only the subjunctive has.
A first-person subject („ich habe“) is excluded: there the same form is indicative.
"""
from __future__ import annotations

from extractor.document import Sentence, Word

SEIN_SUBJUNCTIVE = frozenset({"sei", "seien", "seiest", "seiet"})
FIRST_PERSON = frozenset({"ich"})
FINITE_XPOS = frozenset({"VVFIN", "VAFIN", "VMFIN"})
#: Konjunktiv II forms that newsrooms use for reported speech when Konjunktiv I looks indicative.
KONJUNKTIV_II = frozenset({"wäre", "wären", "hätte", "hätten", "würde", "würden", "könnte", "könnten",
                           "müsste", "müssten", "dürfte", "dürften", "sollte", "sollten", "wollte"})
#: Forms that carry on a report but do not open one: Konjunktiv II as the stand-in for a Konjunktiv I
#: that would look indicative („sie hätten“ for „sie haben“), the strong Konjunktiv II forms („käme“,
#: „gäbe“, „läge“), and reportative „sollen“ („Er soll das Geld genommen haben“: so it is said). Not
#: the modal Konjunktiv II („müssten“, „könnte“, „dürfte“): the reporter's own conjecture as often.
REPORTIVE = frozenset("""wäre wären hätte hätten würde würden gäbe gäben käme kämen läge lägen stünde
 stünden ginge gingen bliebe blieben befände befänden wüsste wüssten soll sollen""".split())


def _is_finite(w: Word) -> bool:
    return w.xpos in FINITE_XPOS or w.feats.get("VerbForm") == "Fin" or w.upos in ("VERB", "AUX")


def is_konjunktiv_i(w: Word, s: Sentence) -> bool:
    if w.upos not in ("VERB", "AUX") and w.text.lower() not in SEIN_SUBJUNCTIVE:
        return False
    t = w.text.lower()
    if t in SEIN_SUBJUNCTIVE:
        return True
    if w.feats.get("Mood") == "Sub" and t not in KONJUNKTIV_II:
        return True
    lemma = w.lemma.lower()
    if not (_is_finite(w) and lemma.endswith("en") and t == lemma[:-1] and t.endswith("e")):
        return False
    if w.feats.get("VerbForm") in ("Part", "Inf"):
        return False
    # „ich habe“ is indicative; look at the words right around the verb for the subject
    near = s.words[max(0, w.id - 3): w.id + 2]
    return not any(x.text.lower() in FIRST_PERSON for x in near)


def konjunktiv_i_words(s: Sentence) -> list[Word]:
    return [w for w in s.words if is_konjunktiv_i(w, s)]


def reportive_words(s: Sentence) -> list[Word]:
    """Finite verbs that continue a report without opening one (see REPORTIVE)."""
    return [w for w in s.words if w.text.lower() in REPORTIVE and w.upos in ("VERB", "AUX")]


REPORTATIVE_SOLLEN = frozenset({"soll", "sollen"})
PERFECT_AUXILIARIES = frozenset({"haben", "sein"})


def reportative_perfect(words: list[str]) -> bool:
    """„Er soll das Geld genommen haben“: present „sollen“ with a perfect infinitive reports a claim
    by itself (nobody plans a past); read from the words alone, so the screen can use it too."""
    lower = [w.lower() for w in words]
    return any(w in REPORTATIVE_SOLLEN for w in lower) and any(
        w in PERFECT_AUXILIARIES and i > 0 and lower[i - 1] not in ("zu",) for i, w in enumerate(lower)
        if i > 1)
