"""The fast tree search gives Stanza's trees: the plain case, the searched case, and random scores."""

import numpy as np
import pytest
from stanza.models.common.chuliu_edmonds import chuliu_edmonds_one_root

from extractor import tree_search


def _scores(heads: list[int], noise: float = 0.0, seed: int = 0) -> np.ndarray:
    """Log-probability-like arc scores that prefer `heads` (heads[0] is the root's own slot)."""
    n = len(heads)
    rng = np.random.default_rng(seed)
    scores = rng.normal(scale=noise, size=(n, n)).astype(np.float32) - 5
    for dep, head in enumerate(heads[1:], start=1):
        scores[dep, head] = 0
    return scores


def test_plain_tree_is_taken_as_it_is():
    # „Der Minister sagte, er komme.“ as heads: Der→Minister, Minister→sagte, sagte→root, ...
    heads = [0, 2, 3, 0, 3, 6, 3, 3]
    assert tree_search.plain_tree(_scores(heads)).tolist() == heads
    assert tree_search.best_tree(_scores(heads)).tolist() == heads


def test_two_roots_or_a_cycle_are_not_plain():
    assert tree_search.plain_tree(_scores([0, 0, 0, 2])) is None  # two words on the root
    assert tree_search.plain_tree(_scores([0, 0, 3, 2])) is None  # 2 and 3 head each other


def test_cycles_are_found_with_their_members():
    found = tree_search.cycles(np.array([0, 0, 3, 4, 2, 1]))
    assert [np.flatnonzero(c).tolist() for c in found] == [[2, 3, 4]]


@pytest.mark.parametrize("seed", range(5))
def test_searched_trees_match_stanza(seed):
    rng = np.random.default_rng(seed)
    for _ in range(300):
        n = int(rng.integers(2, 45))
        scores = rng.normal(size=(n, n)).astype(np.float32)
        expected = chuliu_edmonds_one_root(scores)
        got = tree_search.best_tree(scores)
        assert got.tolist() == expected.tolist()
        assert (got[1:] == 0).sum() == 1


def test_input_scores_are_left_alone():
    scores = np.random.default_rng(1).normal(size=(9, 9)).astype(np.float32)
    before = scores.copy()
    tree_search.best_tree(scores)
    assert np.array_equal(scores, before)


def test_the_extractors_parser_gives_stanzas_trees(extractor):
    from extractor.nlp import build_pipeline

    words = [
        "Die Ministerin sagte am Montag in Berlin , die Gespräche seien trotz der Drohungen nicht gescheitert .".split(),
        "Nach Angaben der Polizei wurden bei dem Angriff , der am Abend begann , drei Menschen verletzt .".split(),
        "Er kündigte an , dass er im Herbst zurücktreten werde , falls die Partei dem Vertrag zustimme .".split(),
    ]
    ours = extractor.parser.tagger(words)
    stock = build_pipeline(
        extractor.config, ["tokenize", "pos", "lemma", "depparse"], pretokenized=True, lemma_dict_only=True
    )
    assert stock.processors["depparse"].trainer.model.decode_graph_predictions is not tree_search.decode
    theirs = stock(words)
    heads = [[(w.head, w.deprel) for w in s.words] for s in ours.sentences]
    assert heads == [[(w.head, w.deprel) for w in s.words] for s in theirs.sentences]
