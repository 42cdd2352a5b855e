"""Shared fixtures. The real Extractor is loaded once per session: Stanza takes seconds to load."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def extractor():
    """The real extractor.api.Extractor with the bundled models (or $ZITAT_MODELS / $ZITAT_MODEL_DIR),
    loaded. One torch thread: forked workers and parallel test processes share two cores."""
    from extractor.api import Extractor
    from extractor.nlp import ModelConfig

    return Extractor(ModelConfig.from_env(threads=1)).load()
