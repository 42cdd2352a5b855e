"""The benchmark corpus: synthetic articles are whole seed paragraphs, at the lengths asked for."""

from __future__ import annotations

from bench.corpus import corpus, seed_articles, synthetic


def test_synthetic_articles_are_made_of_seed_paragraphs():
    paragraphs = {p.strip() for a in seed_articles() for p in a.text.split("\n") if p.strip()}
    for article in synthetic(4, 2):
        assert all(p in paragraphs for p in article.text.split("\n\n"))


def test_lengths_scale_and_every_set_holds_the_same_amount_of_text():
    mean = sum(len(a.text) for a in seed_articles()) / len(seed_articles())
    sizes = {m: sum(len(a.text) for a in corpus(m, 16)) for m in (1, 4, 16)}
    assert [len(corpus(m, 16)) for m in (1, 4, 16)] == [16, 4, 1]
    for m, size in sizes.items():
        assert 16 * mean <= size <= 16 * mean * 1.3, m


def test_articles_of_one_length_differ():
    texts = [a.text for a in synthetic(1, 8)]
    assert len(set(texts)) == 8
