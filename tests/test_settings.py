"""foundation.settings: the one settings object, and the README's table generated from it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from foundation import defaults
from foundation.settings import Settings, SettingsError, current, markdown_table

README = Path(__file__).resolve().parent.parent / "README.md"


def test_the_readme_table_is_the_generated_one():
    """Edit foundation/settings.py, then paste `python -m foundation.settings` into the README."""
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- settings-table:[^>]*-->\n(.*?)<!-- /settings-table -->", text, re.S)
    assert found, "README.md lost its settings-table markers"
    assert found.group(1) == markdown_table()


def test_every_variable_the_code_names_is_a_setting():
    names = {v for k, v in vars(defaults).items() if k.startswith("ENV_")}
    table = markdown_table()
    assert names and all(f"`{n}`" in table for n in names)


def test_unset_and_empty_variables_take_the_defaults():
    s = Settings.from_env({defaults.ENV_REDIS_URL: "", defaults.ENV_THREADS: "  "})
    assert s == Settings()
    assert s.models == "bundled" and s.model_path == defaults.BUNDLED_MODEL_DIR and s.redis_url is None


def test_values_are_parsed_once_into_types():
    s = Settings.from_env(
        {
            defaults.ENV_THREADS: "3",
            defaults.ENV_FULL_PARSE: "yes",
            defaults.ENV_EXTRACTOR_RETRY_SECONDS: "2.5",
            defaults.ENV_DATA_DIR: "~/z",
            defaults.ENV_MODELS: "official",
            defaults.ENV_STANZA_DIR: "/srv/stanza",
        }
    )
    assert (s.threads, s.full_parse, s.extractor_retry_seconds) == (3, True, 2.5)
    assert s.data_dir == Path("~/z").expanduser() and s.model_path == Path("/srv/stanza")


@pytest.mark.parametrize(
    "name, value",
    [
        (defaults.ENV_THREADS, "many"),
        (defaults.ENV_THREADS, "0"),
        (defaults.ENV_FULL_PARSE, "maybe"),
        (defaults.ENV_EXTRACTOR_RETRY_SECONDS, "-1"),
        (defaults.ENV_EXTRACTOR_RETRY_SECONDS, "nan"),
        (defaults.ENV_LOG_FORMAT, "xml"),
    ],
)
def test_a_bad_value_is_refused_naming_its_variable(name, value):
    with pytest.raises(SettingsError, match=name):
        Settings.from_env({name: value})


def test_current_reads_again_only_when_a_variable_changed(monkeypatch):
    monkeypatch.delenv(defaults.ENV_REDIS_URL, raising=False)
    first = current()
    assert current() is first  # read once
    monkeypatch.setenv(defaults.ENV_REDIS_URL, "redis://127.0.0.1:1/0")
    assert current() is not first and current().redis_url == "redis://127.0.0.1:1/0"


def test_a_bad_setting_is_a_clear_cli_error(monkeypatch, capsys, restore_cli_logging):
    from zitat.cli import main

    monkeypatch.setenv(defaults.ENV_LOG_FORMAT, "xml")
    assert main(["speakers"]) == 2
    err = capsys.readouterr().err
    assert "ZITAT_LOG_FORMAT must be json or console" in err and "Traceback" not in err
