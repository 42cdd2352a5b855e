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
