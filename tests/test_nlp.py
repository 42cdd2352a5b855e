"""Loading Stanza offline (extractor.nlp): bundled by default, official on request, never a download."""

from __future__ import annotations

import pytest

from extractor.nlp import BUNDLED_FILES, ModelConfig, build_pipeline
from foundation import defaults
from foundation.errors import ModelNotAvailable


def test_bundled_models_are_the_default_and_complete(monkeypatch):
    monkeypatch.delenv(defaults.ENV_MODELS, raising=False)
    monkeypatch.delenv(defaults.ENV_MODEL_DIR, raising=False)
    config = ModelConfig.from_settings()
    assert config.source == "bundled"
    assert all((config.model_dir / f).exists() for f in BUNDLED_FILES.values())
    assert config.version.startswith("zitat-de-")


def test_official_models_are_chosen_by_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv(defaults.ENV_MODELS, "official")
    monkeypatch.setenv(defaults.ENV_STANZA_DIR, str(tmp_path))
    config = ModelConfig.from_settings()
    assert config.source == "official" and config.model_dir == tmp_path
    with pytest.raises(ModelNotAvailable, match="zitat models download"):
        build_pipeline(config, ["tokenize"])  # nothing there, and nothing is fetched


def test_an_unknown_model_source_is_refused(monkeypatch):
    monkeypatch.setenv(defaults.ENV_MODELS, "huggingface")
    with pytest.raises(ModelNotAvailable, match="unknown model source"):
        ModelConfig.from_settings()


def test_thread_count_comes_from_zitat_threads(monkeypatch):
    monkeypatch.setenv("ZITAT_THREADS", "1")
    assert ModelConfig.from_settings().threads == 1
