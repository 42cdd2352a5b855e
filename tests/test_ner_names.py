"""The NER's name-list features (extractor.ner) and the list's build (extractor.model.names), on
sentences and name lists composed for these tests."""

from __future__ import annotations

import shutil

import pytest

from extractor.model.names import build, faker_names, is_latin_word
from extractor.ner import CLUSTER_FILE, MODEL_FILE, NAMES_FILE, NerTagger, features, load_names, write_clusters
from foundation import defaults

NAMES = {"Anna": "FN", "Kowalczyk": "L", "Lear": "L", "Koch": "LN", "Haus": "N", "Berlin": "FP"}


@pytest.fixture()
def names(tmp_path):
    write_clusters(tmp_path / NAMES_FILE, NAMES)
    return load_names(tmp_path / NAMES_FILE)


def test_without_a_name_list_the_features_are_the_old_ones():
    words = "Die Ministerin Anna Kowalczyk verlässt Lear .".split()
    old = features(words)
    assert features(words, None, None) == old
    assert not any(k.endswith("names") or k in ("first+last", "lone_last") for f in old for k in f)


def test_a_first_name_then_a_surname_and_a_lone_surname(names):
    words = "Die Ministerin Anna Kowalczyk verlässt Lear .".split()
    f = features(words, None, names)
    assert f[2]["names"] == "FN" and f[2]["+1:names"] == "L"
    assert f[3]["names"] == "L" and f[3]["first+last"] is True and f[3]["-1:names"] == "FN"
    assert "lone_last" not in f[3]  # it follows a first name
    assert f[5]["names"] == "L" and f[5]["lone_last"] is True  # „verlässt Lear“
    assert "names" not in f[4] and f[4]["+1:names"] == "L" and f[4]["-1:names"] == "L"
    assert "names" not in f[0] and "names" not in f[6]


def test_a_surname_that_is_also_a_common_noun_is_no_lone_surname(names):
    f = features("Der Koch lobte das Haus in Berlin .".split(), None, names)
    assert f[1]["names"] == "LN" and "lone_last" not in f[1] and "first+last" not in f[1]
    assert f[4]["names"] == "N" and f[6]["names"] == "FP"
    # a surname after a gender-guesser first name that Faker lacks counts as after a first name too
    g = features("Sie traf Lea-Sophie Lear .".split(), None, names)
    assert g[3]["first+last"] is True


def test_a_model_reads_only_the_flags_it_was_trained_with(tmp_path):
    write_clusters(tmp_path / NAMES_FILE, NAMES)
    kept = load_names(tmp_path / NAMES_FILE, keep="FL")
    assert dict(kept) == {"Anna": "F", "Kowalczyk": "L", "Lear": "L", "Koch": "L", "Berlin": "F"}
    assert kept.get("Haus") is None and dict(load_names(tmp_path / NAMES_FILE)) == NAMES


def test_the_old_model_tags_with_or_without_a_name_list(tmp_path):
    for name in (MODEL_FILE, CLUSTER_FILE):
        shutil.copyfile(defaults.BUNDLED_MODEL_DIR / name, tmp_path / name)
    sentence = "Bundeskanzler Olaf Scholz traf am Montag in Paris den Präsidenten Emmanuel Macron .".split()
    without = NerTagger.load(tmp_path)
    assert without.names is None
    write_clusters(tmp_path / NAMES_FILE, {"Scholz": "L", "Macron": "L", "Olaf": "F", "Paris": "FLNP"})
    with_names = NerTagger.load(tmp_path)
    assert with_names.names is not None and with_names.names.get("Scholz") == "L"
    # a model trained without the list does not know its features, so it tags as before
    assert with_names.tag(sentence) == without.tag(sentence)


def test_only_single_latin_words_are_listed():
    assert is_latin_word("Nguyễn") and is_latin_word("O'Brien") and is_latin_word("Müller-Lüdenscheid")
    assert not is_latin_word("Иванов") and not is_latin_word("山田") and not is_latin_word("van der Berg")
    assert not is_latin_word("a") and not is_latin_word("berg") and not is_latin_word("Jean-")


def test_faker_gives_first_and_last_names(tmp_path):
    pytest.importorskip("faker")
    table = faker_names()
    assert "F" in table["Anna"] and "L" in table["Kowalczyk"] and "L" in table["Müller"]
    assert all(is_latin_word(w) and set(flags) <= set("FL") for w, flags in table.items())
    built = build(tmp_path / NAMES_FILE, flags="L")
    assert dict(load_names(tmp_path / NAMES_FILE)) == built and set(built.values()) == {"L"}
