"""Loading Stanza offline: the bundled compact German models, or Stanza's official ones.

Nothing here downloads at run time. The bundled models live in `models/de/` (or $ZITAT_MODEL_DIR);
with ZITAT_MODELS=official the models fetched earlier by `zitat models download` are used instead.
Two pipelines are built from the same models: a tokenizer (tokenize+mwt) whose sentence split zitat
corrects (extractor.sentences), and a tagger/parser that runs on the corrected, pre-tokenized sentences.
"""

from __future__ import annotations

import json
import logging
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from foundation.errors import ModelNotAvailable
from foundation.settings import Settings
from foundation.settings import current as current_settings

BUNDLED_FILES = {
    "tokenize": "tokenize.pt",
    "mwt": "mwt.pt",
    "pos": "pos.pt",
    "lemma": "lemma.pt",
    "depparse": "depparse.pt",
}
#: The parser's word vectors (a Stanza pretrain file), when it was trained with them.
PRETRAIN_FILE = "pretrain.pt"
SOURCES = ("bundled", "official")
#: Bumped when the extractor's code changes what it finds from the same models (the lemma layer, the
#: quote rules): part of the model version, so cached documents are not served stale. 2: lemmas from
#: the dictionary + simplemma (extractor.parsing.lemma_of). 3: abstract nouns are never sources.
#: 4: contractions expanded from the MWT dictionary only. 5: HanTa's part-of-speech tags and lemmas
#: under the parser (extractor.hanta_tags). 6: the quote and source rules of issue 12 (speech acts,
#: back references, whole source phrases, the NER model) and no sentence end on a bare word. 7: a
#: medium is not located by a place phrase, a dateline is a sentence of its own, „laut eigener Aussage“.
EXTRACTION_REVISION = 7


@dataclass(frozen=True)
class ModelConfig:
    source: str  # "bundled" | "official"
    model_dir: Path  # bundled: the folder with the *.pt files; official: the stanza resources dir
    threads: int | None = None  # torch threads; None leaves torch's default
    #: Parse every sentence instead of only those that can carry speech (extractor.selection): slower,
    #: the same quotes by design; kept to check that claim and for users who want every parse.
    full_parse: bool = False

    @classmethod
    def from_settings(
        cls,
        source: str | None = None,
        threads: int | None = None,
        full_parse: bool | None = None,
        *,
        settings: Settings | None = None,
    ) -> ModelConfig:
        """The configured models (foundation.settings); arguments given here win over the settings."""
        settings = settings or current_settings()
        source = source or settings.models
        full_parse = settings.full_parse if full_parse is None else full_parse
        threads = threads if threads is not None else settings.threads
        if source not in SOURCES:
            raise ModelNotAvailable(f"unknown model source {source!r}: choose one of {', '.join(SOURCES)}")
        path = settings.model_dir if source == "bundled" else settings.stanza_dir
        return cls(source, path, threads, full_parse)

    @property
    def version(self) -> str:
        """Identifies the model and parse mode in caches: a change must not serve stale results."""
        if self.source == "official":
            version = "official-de"
        else:
            card = self.model_dir / "VERSION"
            version = card.read_text().strip() if card.exists() else "bundled-unversioned"
        return f"{version}+x{EXTRACTION_REVISION}" + ("+full-parse" if self.full_parse else "")


def _quiet_stanza() -> None:
    logging.getLogger("stanza").setLevel(logging.ERROR)  # "unsupported language: de" is expected here


def _empty_resources_dir() -> str:
    """Stanza wants a resources.json even when every model path is given: an empty one will do."""
    d = Path(tempfile.gettempdir()) / "zitat-stanza-resources"
    d.mkdir(parents=True, exist_ok=True)
    (d / "resources.json").write_text(json.dumps({}))
    return str(d)


def _bundled_paths(model_dir: Path, processors: list[str]) -> dict[str, str]:
    missing = [BUNDLED_FILES[p] for p in processors if not (model_dir / BUNDLED_FILES[p]).exists()]
    if missing:
        raise ModelNotAvailable(
            f"bundled German models missing in {model_dir}: {', '.join(missing)} "
            "(train them with `python -m extractor.model.train`, or set ZITAT_MODEL_DIR)"
        )
    return {f"{p}_model_path": str(model_dir / BUNDLED_FILES[p]) for p in processors}


#: Words per tagger/parser batch. Stanza pads every sentence of a batch to the longest one and the
#: parser's biaffine scores grow with the square of that length; at Stanza's default (5,000) one long
#: sentence makes a whole batch pay for it. 500 tagged and parsed the seeds' 300 sentences in one call
#: ~40 % faster, with identical output (no difference on one long article).
BATCH_WORDS = 500
#: Text chunks per tokenizer batch (Stanza's default: 32); 128 tokenized long articles a third faster.
TOKENIZE_BATCH = 128


def build_pipeline(
    config: ModelConfig,
    processors: list[str],
    *,
    pretokenized: bool = False,
    batch_words: int | None = BATCH_WORDS,
    lemma_dict_only: bool = False,
    mwt_dict_only: bool = False,
):
    """One stanza.Pipeline over `processors`, offline (download_method=None); `batch_words=None` keeps
    Stanza's own batch sizes (the benchmark's baseline).

    `mwt_dict_only` expands contractions („im“, „zum“, „beim“) from the MWT model's dictionary only:
    German contractions are a closed class the dictionary holds, and on 600 news articles every one
    of the 24 tokens where the seq2seq expander disagreed with it was its error („Um“ → „Un dem“,
    „Team“ → „Tea dem“); tokenizing took a quarter less time."""
    import stanza
    import torch

    _quiet_stanza()
    if config.threads:
        torch.set_num_threads(config.threads)
    kwargs: dict[str, Any] = dict(
        lang="de",
        processors=",".join(processors),
        download_method=None,
        use_gpu=False,
        logging_level="ERROR",
        tokenize_pretokenized=pretokenized,
        lemma_dict_only=lemma_dict_only,
    )
    if "mwt" in processors:
        kwargs["mwt_dict_only"] = mwt_dict_only
    if batch_words:
        kwargs.update(pos_batch_size=batch_words, depparse_batch_size=batch_words, tokenize_batch_size=TOKENIZE_BATCH)
    if config.source == "bundled":
        kwargs.update(dir=_empty_resources_dir(), allow_unknown_language=True)
        kwargs.update(_bundled_paths(config.model_dir, processors))
        # The bundled tagger was trained without pretrained word vectors; the parser reads the word
        # vectors that lie beside it, if any (it was trained with them: extractor.model.wordvec).
        # A parser trained without them ignores them.
        pretrain = config.model_dir / PRETRAIN_FILE
        if "pos" in processors:
            kwargs["pos_pretrain_path"] = None
        if "depparse" in processors:
            kwargs["depparse_pretrain_path"] = str(pretrain) if pretrain.exists() else None
    else:
        if not (config.model_dir / "de").is_dir():
            raise ModelNotAvailable(
                f"official Stanza German models not found in {config.model_dir}: "
                "run `zitat models download` on a machine with internet access"
            )
        kwargs.update(dir=str(config.model_dir))
    try:
        return stanza.Pipeline(**kwargs)
    except (OSError, ValueError, KeyError, RuntimeError) as e:
        raise ModelNotAvailable(f"could not load Stanza models from {config.model_dir}: {e}") from e


def download_official(target: Path | None = None) -> Path:
    """Fetch Stanza's official German models (needs internet; never called at run time)."""
    import stanza

    target = target or current_settings().stanza_dir
    stanza.download("de", model_dir=str(target), processors="tokenize,mwt,pos,lemma,depparse")
    return target
