"""Contractions are expanded from the MWT dictionary: „im“ is „in dem“, and words that only look like
a contraction stay whole (the seq2seq expander made „Um“ at a sentence start „Un dem“)."""

import pytest


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Die Ministerin sprach im Bundestag zum Haushalt.", ["in", "dem", "zu", "dem"]),
        ("Um 12 Uhr begann die Sitzung beim Gericht.", ["Um", "12", "bei", "dem"]),
        ("Um weitere Angriffe zu verhindern, zog die Armee ab.", ["Um", "weitere"]),
        ("Er fuhr zur Grenze und ins Lager.", ["zu", "der", "in", "das"]),
    ],
)
def test_contractions_expand_and_lookalikes_stay_whole(extractor, text, expected):
    words = [w for s in extractor.parser.tokenize(text) for tok in s for w in tok.words]
    positions = iter(range(len(words)))
    # the expected words occur in this order
    for want in expected:
        assert any(words[i] == want for i in positions), (want, words)
