"""The parser's tree search: the best single-rooted tree over the arc scores, found fast when it is plain.

Stanza's biaffine parser scores every (word, head) arc and then searches for the best tree with
exactly one root (Chu-Liu-Edmonds after reweighting the root arcs). Its cycle finder is Python that
calls numpy once per word, and the reweighting makes the first guess cyclic for every sentence, so on
German news the search cost a sixth of zitat's CPU time.

When each word's best-scoring head already forms a tree with one root, that tree is the best of all
single-rooted trees (it is the best of all head assignments), so it is the answer without a search;
only the other sentences go to Stanza's search. The trees are the same either way
(tests/test_tree_search.py); `use_fast_search` installs this on one pipeline's parser only, so
Stanza's pipeline as it comes (the benchmark's baseline) keeps its own.
"""

from __future__ import annotations

from typing import Any

import numpy as np


def plain_tree(scores: np.ndarray) -> np.ndarray | None:
    """Each word's best head (row 0 is the root, column 0 the root arc), or None unless those heads
    form one tree with exactly one word on the root."""
    n = len(scores)
    best = scores[1:].copy()
    best[np.arange(n - 1), np.arange(1, n)] = -np.inf  # no word heads itself
    heads = [0, *best.argmax(axis=1).tolist()]
    if heads.count(0) != 2:  # the root's own slot and one word
        return None
    tree = np.array(heads)
    return None if cycles(tree) else tree


def cycles(tree: np.ndarray) -> list[np.ndarray]:
    """The cycles of a head assignment (tree[i] is the head of i, tree[0] == 0), each as a mask.

    Every node has exactly one head, so a walk up from each node either reaches a node already
    settled or comes back to its own path: that loop is a cycle. Linear, where Stanza's Tarjan search
    calls numpy once per node."""
    heads = tree.tolist()
    state = [0] * len(heads)  # 0 unseen, 1 on the current path, 2 settled
    state[0] = 2
    found = []
    for start in range(1, len(heads)):
        path, node = [], start
        while state[node] == 0:
            state[node] = 1
            path.append(node)
            node = heads[node]
        if state[node] == 1:
            mask = np.zeros(len(heads), dtype=bool)
            mask[path[path.index(node) :]] = True
            found.append(mask)
        for member in path:
            state[member] = 2
    return found


def chu_liu_edmonds(scores: np.ndarray) -> np.ndarray:
    """Stanza's `chuliu_edmonds` (the same contraction steps, its own helpers) with `cycles` as the
    cycle finder. `scores` is changed in place, as there."""
    from stanza.models.common.chuliu_edmonds import expand_contracted_tree, prepare_scores, process_cycle

    stack = []
    prepare_scores(scores)
    tree = np.argmax(scores, axis=1)
    found = cycles(tree)
    while found:
        subscores, *contraction = process_cycle(tree, found.pop(), scores)
        stack.append((tree, contraction))
        scores = subscores
        prepare_scores(scores)
        tree = np.argmax(scores, axis=1)
        found = cycles(tree)
    while stack:
        outer, contraction = stack.pop()
        tree = expand_contracted_tree(outer, tree, *contraction)
    return tree


def best_tree(scores: np.ndarray) -> np.ndarray:
    """The best single-rooted tree: the plain one where there is one, else the search after Stanza's
    reweighting of the root arcs (`chuliu_edmonds_one_root`), so that one root wins."""
    tree = plain_tree(scores)
    if tree is not None:
        return tree
    scores = scores.astype(np.float64)  # a copy: the search writes into it
    scores[:, 0] += scores[np.isfinite(scores)].min() * scores.shape[0]
    return chu_liu_edmonds(scores)


def decode(vocab, batch_size: int, preds: list, sentlens: list[int], resolve_head_constraints: bool = False):
    """Stanza's GraphParser.decode_graph_predictions (stanza 1.15), with `best_tree` as the search."""
    from stanza.models.common.vocab import VOCAB_PREFIX_SIZE
    from stanza.models.depparse.head_constraints import resolve_head_constraint_violations

    head_seqs, deprel_seqs = [], []
    for i, length in enumerate(sentlens):
        scores = preds[0][i][:length, :length]
        labels = preds[1][i]
        tree = best_tree(scores)
        if resolve_head_constraints:
            label_log_probs = preds[2][i][:length, :length, :]
            tree, raw_label_ids = resolve_head_constraint_violations(scores, label_log_probs, tree, vocab)
            deprels = vocab.unmap([r + VOCAB_PREFIX_SIZE for r in raw_label_ids])
        else:
            deprels = vocab.unmap([labels[j + 1][h] for j, h in enumerate(tree[1:])])
        head_seqs.append(tree[1:])
        deprel_seqs.append(deprels)
    return [[[head_seqs[i][j], deprel_seqs[i][j]] for j in range(sentlens[i] - 1)] for i in range(batch_size)]


def use_fast_search(pipeline: Any) -> None:
    """Give this pipeline's graph parser `decode` (an attribute of its model object, so other
    pipelines in the process keep Stanza's). A parser of another kind is left as it is."""
    processor = pipeline.processors.get("depparse")
    model = getattr(getattr(processor, "trainer", None), "model", None)
    if model is not None and hasattr(model, "decode_graph_predictions"):
        model.decode_graph_predictions = decode
