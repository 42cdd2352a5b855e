"""Part-of-speech tags and lemmas from HanTa, the layer under zitat's parser.

HanTa (the Hanover Tagger, Christian Wartena; PyPI `HanTa`, LGPL-3.0, used unmodified as a library)
ships a German model trained on the TIGER treebank (`morphmodel_ger.pgz`, inside the wheel: nothing
is downloaded). On the held-out news with gold words it tags STTS 97.4 % and, through the map below,
UPOS 96.3 % — against 88.4 / 89.4 % for the bundled Stanza tagger, which learnt from 1,900 sentences
(`python -m extractor.model.evaluate --gold-words`, models/de/README.md).

What this module gives the parser: the STTS tag spelt as the bundled models' treebank (UD German
GSD) spells it, the UPOS that GSD gives that tag (and a few words whose UPOS GSD decides against
their tag's usual one: „alles“ is a determiner, „dpa“ a proper noun), and HanTa's
lemma. Stanza's morphology (UFeats, `Mood=Sub` among them) stays: HanTa does not give mood.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from extractor.words.people import first_name_gender

MODEL = "morphmodel_ger.pgz"

#: HanTa's tag spellings that differ from STTS as GSD writes it: ADJ(A) → ADJA and VV(FIN) → VVFIN
#: are renamed by dropping the brackets; NNA (nominalised adjectives) and NNI (nominalised
#: infinitives) are plain nouns in STTS; PROAV is GSD's PAV.
_RENAME = {"PROAV": "PAV", "NNA": "NN", "NNI": "NN", "UNKNOWN": "XY", "EMPTY": "XY", "END": "XY"}

#: STTS → UPOS as UD German GSD converts them (the most frequent UPOS of each tag in the training
#: part of the treebank; tags GSD lacks follow their siblings).
STTS_UPOS = {
    "$(": "PUNCT",
    "$,": "PUNCT",
    "$.": "PUNCT",
    "ADJA": "ADJ",
    "ADJD": "ADJ",
    "ADV": "ADV",
    "APPO": "ADP",
    "APPR": "ADP",
    "APPRART": "ADP",
    "APZR": "ADP",
    "ART": "DET",
    "CARD": "NUM",
    "FM": "X",
    "ITJ": "INTJ",
    "KOKOM": "ADP",
    "KON": "CCONJ",
    "KOUI": "ADP",
    "KOUS": "SCONJ",
    "NE": "PROPN",
    "NN": "NOUN",
    "PAV": "ADV",
    "PDAT": "DET",
    "PDS": "PRON",
    "PIAT": "DET",
    "PIDAT": "DET",
    "PIS": "PRON",
    "PPER": "PRON",
    "PPOSAT": "DET",
    "PPOSS": "PRON",
    "PRELAT": "PRON",
    "PRELS": "PRON",
    "PRF": "PRON",
    "PTKA": "ADV",
    "PTKANT": "PART",
    "PTKNEG": "PART",
    "PTKVZ": "ADP",
    "PTKZU": "PART",
    "PWAT": "DET",
    "PWAV": "ADV",
    "PWS": "PRON",
    "TRUNC": "NOUN",
    "VAFIN": "AUX",
    "VAIMP": "AUX",
    "VAINF": "AUX",
    "VAPP": "AUX",
    "VMFIN": "AUX",
    "VMINF": "AUX",
    "VMPP": "AUX",
    "VVFIN": "VERB",
    "VVIMP": "VERB",
    "VVINF": "VERB",
    "VVIZU": "VERB",
    "VVPP": "VERB",
    "XY": "X",
}

_AGENCIES = "dpa ap afp rtr reuters ddp kna epd sid ots".split()

#: (STTS, lower-cased word) → UPOS where GSD's convention differs from the tag's usual UPOS. Written
#: for zitat from the conventions GSD's training part shows; each entry is a closed-class word or a
#: news agency, never a content word learnt from the test text. GSD also makes weekdays and months
#: PROPN; here they stay nouns, as the Stanza tagger mostly tagged them (64 of 79 held-out), so the
#: quote rules never take „Montag“ for a name (held-out UPOS 96.5 → 96.0, LAS 74.1 → 74.0).
WORD_UPOS: dict[tuple[str, str], str] = {
    **{(t, w): "PROPN" for w in _AGENCIES for t in ("XY", "NE", "NN", "FM", "ADJD")},
    **{(t, "--"): "PUNCT" for t in ("XY", "FM", "$(")},
    **{
        ("PIS", w): "DET"
        for w in "alle alles allem allen aller andere anderen anderem anderer anderes eine einen einem einer jeden jeder meisten mehr viel viele".split()
    },
    **{("ADJA", w): "DET" for w in "andere anderen anderem anderer anderes".split()},
    **{("PDS", w): "DET" for w in "dies diese dieser diesem diesen".split()},
    **{("PTKVZ", w): "ADV" for w in "ein hin heraus hinzu wieder fest zusammen zurück dazu fort hervor".split()},
    ("KOKOM", "wie"): "CCONJ",
    ("KON", "denn"): "SCONJ",
}

#: Tags whose lemma is the word itself when HanTa's lemma differs from it only in case („SPD“, not
#: HanTa's „Spd“).
_NAME_TAGS = frozenset({"NE", "FM", "XY"})


#: Words whose analyses HanTa keeps in memory between sentences (see _Memo): a few MB.
MEMO_WORDS = 100_000
_MEMO: dict[tuple, list] = {}


@lru_cache(maxsize=1)
def tagger() -> Any:
    """HanTa's German model, loaded once per process (0.1 s) from the installed package."""
    from HanTa.HanoverTagger import HanoverTagger

    class _Memo(HanoverTagger):  # type: ignore[misc]
        """HanTa's tagger with its word analyses remembered: HanTa keeps the analyses of its training
        words, but works out every other word's (a name, a compound) anew each time it occurs."""

        def _tag_word(self, word, cutoff=5, casesensitive=True, conditional=False):
            key = (word, cutoff, casesensitive, conditional)
            hit = _MEMO.get(key)
            if hit is None:
                if len(_MEMO) >= MEMO_WORDS:
                    _MEMO.clear()
                hit = _MEMO[key] = super()._tag_word(word, cutoff, casesensitive, conditional)
            return hit

    return _Memo(MODEL)


def forget() -> None:
    """Empty the remembered analyses (a benchmark's cold start)."""
    _MEMO.clear()
    _hanta_lemma.cache_clear()


def stts(hanta_tag: str) -> str:
    """HanTa's tag as STTS, spelt as GSD spells it („VV(FIN)“ → „VVFIN“, „PROAV“ → „PAV“)."""
    if hanta_tag in _RENAME:
        return _RENAME[hanta_tag]
    return hanta_tag if hanta_tag == "$(" else hanta_tag.replace("(", "").replace(")", "")


def upos(tag: str, word: str) -> str:
    """The UPOS of a word tagged `tag` (STTS) under GSD's conventions."""
    return WORD_UPOS.get((tag, word.lower())) or STTS_UPOS.get(tag, "X")


def tag_sentence(words: list[str]) -> list[tuple[str, str, str]]:
    """(UPOS, STTS, HanTa's own tag) of each word of one sentence (words after contraction
    expansion: „in dem“, not „im“)."""
    if not words:
        return []
    own: list[str] = tagger().tag_sent(words, taglevel=0)
    if _first_name_read_as_imperative(words, own):
        own = ["NE", *own[1:]]
    return [(upos(stts(h), word), stts(h), h) for word, h in zip(words, own)]


#: Words after a sentence-opening imperative („Lesen Sie …“, „Stell dir vor“): no name follows.
_ADDRESSED = frozenset("sie ihr du dir dich euch wir uns mal doch bitte".split())


def _first_name_read_as_imperative(words: list[str], own: list[str]) -> bool:
    """„Henk Jaap Meijer, Laborleiter …, erklärte“: HanTa reads an unfamiliar first name opening a
    sentence as an imperative, which news hardly ever opens with; a known first name followed by a
    capitalised word that addresses nobody is a name."""
    return (
        len(words) > 1
        and own[0] == "VV(IMP)"
        and words[1][:1].isupper()
        and words[1].lower() not in _ADDRESSED
        and first_name_gender(words[0]) is not None
    )


@lru_cache(maxsize=MEMO_WORDS)
def _hanta_lemma(lower: str, hanta_tag: str) -> str:
    return tagger().analyze(lower, pos=hanta_tag, taglevel=1)[0]


def lemma(word: str, hanta_tag: str) -> str:
    """HanTa's lemma of a word under its tag; a name keeps its own spelling („SPD“, not „Spd“)."""
    found = _hanta_lemma(word.lower(), hanta_tag) or word
    if stts(hanta_tag) in _NAME_TAGS and found.lower() == word.lower():
        return word
    return found


def retag(doc: Any) -> list[list[str]]:
    """Overwrite the UPOS and XPOS of every word of a Stanza Document with HanTa's; Stanza's UFeats
    stay. Returns HanTa's own tags, sentence by sentence, for `lemmas`."""
    out: list[list[str]] = []
    for sentence in doc.sentences:
        words = sentence.words
        tags = tag_sentence([w.text for w in words])
        for w, (u, x, _) in zip(words, tags):
            w.upos, w.xpos = u, x
        out.append([h for _, _, h in tags])
    return out


#: The verb form each STTS verb tag states (UD's VerbForm): what a tagged-only sentence knows of its
#: verbs without Stanza's morphology (extractor.parsing.Parser._analyse).
_VERB_FORMS = {"FIN": "Fin", "IMP": "Fin", "INF": "Inf", "IZU": "Inf", "PP": "Part"}


def verb_feats(tag: str) -> str | None:
    """UFeats for a word tagged `tag` (STTS) from the tag alone: „VerbForm=Fin“ for VVFIN, None for a
    tag that states no form."""
    if tag[:2] not in ("VV", "VA", "VM"):
        return None
    form = _VERB_FORMS.get(tag[2:])
    return f"VerbForm={form}" if form else None


def lemmas(doc: Any, hanta_tags: list[list[str]]) -> list[list[str | None]]:
    """HanTa's lemma of each word the lemmatizer's dictionary left as it is (None for the others:
    their dictionary lemma stands, extractor.parsing.lemma_of)."""
    return [
        [lemma(w.text, h) if (w.lemma or w.text) == w.text else None for w, h in zip(sentence.words, tags)]
        for sentence, tags in zip(doc.sentences, hanta_tags)
    ]
