"""The cue-coverage measure (extractor.cue_coverage) on cue words composed for the test."""

import pytest

from extractor.cue_coverage import known


@pytest.mark.parametrize(
    "words",
    [["sagte"], ["forderte", "auf"], ["kündigt", "an"], ["zufolge"], ["Angaben"], ["betonten"]],
)
def test_cue_verbs_particle_verbs_and_attribution_words_are_known(words):
    assert known(words)


@pytest.mark.parametrize("words", [["Tisch"], ["lief"], ["grün"]])
def test_other_words_are_not(words):
    assert not known(words)
