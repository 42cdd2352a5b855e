"""Shared fixtures. The real Extractor is loaded once per session: Stanza takes seconds to load."""
from __future__ import annotations

import pytest

from zitat import defaults

QUICK_MODELS = defaults.REPO_ROOT / "build" / "quickmodels"


@pytest.fixture(scope="session")
def extractor():
    """The real extractor.api.Extractor, loaded.

    Models: $ZITAT_MODELS / $ZITAT_MODEL_DIR if set, else models/de, else build/quickmodels (a barely
    trained model with the same files: good for plumbing, not for quality) while models/de is empty.
    One torch thread: the tests share the machine with training jobs.
    """
    from extractor.api import Extractor
    from extractor.nlp import BUNDLED_FILES, ModelConfig

    config = ModelConfig.from_env(threads=1)
    complete = all((config.model_dir / name).exists() for name in BUNDLED_FILES.values())
    if config.source == "bundled" and not defaults.env(defaults.ENV_MODEL_DIR) and not complete \
            and QUICK_MODELS.is_dir():
        config = ModelConfig("bundled", QUICK_MODELS, threads=1)
    return Extractor(config).load()
