"""Scoring predicted quotes against a gold file, with the referee's matching rules.

The rules are those of the project's referee (shared/eval/score.py), so users can measure zitat on
their own gold sets: a prediction matches a gold quote of the same document when their overlap covers
at least half of each; optional gold quotes count neither way; a speaker is right when it equals the
gold speaker or one of its alternatives after lower-casing and dropping articles and punctuation, or
ends with a gold person's name („Nato-Generalsekretär Jens Stoltenberg“ for „Jens Stoltenberg“).
"""

from __future__ import annotations

import re

from foundation.german import ARTICLES, LSAQUO, QUOTATION_MARKS, RSAQUO

KINDS = ("direct", "indirect", "mixed")
#: What a speaker's name loses before comparison: exactly the referee's characters (shared/eval/score.py),
#: which are every quotation mark but › and ‹, and punctuation.
_NAME_NOISE = re.compile("[" + re.escape("".join(sorted(QUOTATION_MARKS - {RSAQUO, LSAQUO}))) + "(),.:;]")


def norm(name: str | None) -> str:
    if not name:
        return ""
    words = _NAME_NOISE.sub(" ", name).lower().split()
    while words and words[0] in ARTICLES:
        words = words[1:]
    return " ".join(words)


def _looks_like_person(name: str) -> bool:
    parts = name.split()
    return len(parts) >= 2 and all(p[:1].isupper() for p in parts)


def speaker_ok(pred: str | None, gold: dict) -> bool:
    p = norm(pred)
    wanted = [norm(a) for a in gold.get("speaker_alternatives") or []]
    if gold["speaker"] is None:
        return p == "" or p in wanted
    g = norm(gold["speaker"])
    if p == g or p in wanted:
        return True
    return _looks_like_person(gold["speaker"]) and p.endswith(" " + g)


def stance_label(row: dict) -> str | None:
    s = row.get("stance")
    return s.get("label") if isinstance(s, dict) else s


def _overlap(a: dict, b: dict) -> int:
    return max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))


def match(gold: list[dict], pred: list[dict]) -> dict[int, int]:
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if p["doc"] != g["doc"]:
                continue
            o = _overlap(g, p)
            glen, plen = g["end"] - g["start"], max(1, p["end"] - p["start"])
            if o >= 0.5 * glen and o >= 0.5 * plen:
                pairs.append((o / max(glen, plen), gi, pi))
    pairs.sort(reverse=True)
    used_g, used_p, out = set(), set(), {}
    for _, gi, pi in pairs:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out[gi] = pi
    return out


def _f1(p: float, r: float) -> float:
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def score(gold: list[dict], pred: list[dict]) -> dict:
    """Quote, attribution and stance metrics, plus the errors under "errors"."""
    docs = {g["doc"] for g in gold}
    pred = [p for p in pred if p.get("doc") in docs]
    m = match(gold, pred)
    matched = set(m.values())
    tp = [gi for gi in m if gold[gi]["required"]]
    optional_hits = {pi for gi, pi in m.items() if not gold[gi]["required"]}
    fn = [gi for gi, g in enumerate(gold) if g["required"] and gi not in m]
    n_pred = len(pred) - len(optional_hits)
    prec = len(tp) / n_pred if n_pred else 0.0
    rec = len(tp) / (len(tp) + len(fn)) if tp or fn else 0.0
    spk_ok = [gi for gi in tp if speaker_ok(pred[m[gi]].get("speaker"), gold[gi])]
    attr_p = len(spk_ok) / n_pred if n_pred else 0.0
    attr_r = len(spk_ok) / (len(tp) + len(fn)) if tp or fn else 0.0
    polar = [gi for gi in m if gold[gi]["stance"] in ("hawkish", "conciliatory")]
    stance_ok = [gi for gi in polar if stance_label(pred[m[gi]]) == gold[gi]["stance"]]
    by_kind = {}
    for kind in KINDS:
        req = [gi for gi, g in enumerate(gold) if g["required"] and g["kind"] == kind]
        by_kind[kind] = round(sum(gi in m for gi in req) / len(req), 3) if req else None
    return {
        "gold_required": len(tp) + len(fn),
        "predicted": len(pred),
        "quote_precision": round(prec, 3),
        "quote_recall": round(rec, 3),
        "quote_f1": round(_f1(prec, rec), 3),
        "recall_by_kind": by_kind,
        "speaker_accuracy": round(len(spk_ok) / len(tp), 3) if tp else 0.0,
        "attribution_f1": round(_f1(attr_p, attr_r), 3),
        "stance_accuracy": round(len(stance_ok) / len(polar), 3) if polar else None,
        "stance_scored": len(polar),
        "errors": {
            "missed": [gold[gi] for gi in fn],
            "spurious": [pred[pi] for pi in range(len(pred)) if pi not in matched],
            "wrong_speaker": [(gold[gi], pred[m[gi]].get("speaker")) for gi in tp if gi not in spk_ok],
            "wrong_stance": [(gold[gi], stance_label(pred[m[gi]])) for gi in polar if gi not in stance_ok],
        },
    }
