"""worker.aliases: how speaker names are normalised and which aliases a canonical name gets."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from worker.aliases import aliases_for, normalise, surname


@pytest.mark.parametrize(
    "a, b",
    [
        ("Pompeo", "pompeo"),
        ("Pompéo", "Pompeo"),
        ("US-Außenminister", "us-aussenminister"),
        ("Recep Tayyip Erdoğan", "recep tayyip erdogan"),
        ("Mike  Pompeo\n", "mike pompeo"),
        ("US\u2011Außenminister", "US-Außenminister"),
        ("„Politico“", "politico"),
        ("Ἀθῆναι", "αθηναι"),
    ],
)
def test_normalise_equates(a: str, b: str) -> None:
    assert normalise(a) == normalise(b)


@given(st.text(max_size=60))
def test_normalise_is_idempotent(text: str) -> None:
    assert normalise(normalise(text)) == normalise(text)


@pytest.mark.parametrize(
    "name, last",
    [
        ("Mike Pompeo", "Pompeo"),
        ("Ursula von der Leyen", "von der Leyen"),
        ("Pompeo", "Pompeo"),
        ("Abbas Araghtschi", "Araghtschi"),
        ("Frank-Walter Steinmeier", "Steinmeier"),
    ],
)
def test_surname(name: str, last: str) -> None:
    assert surname(name) == last


def test_aliases_of_a_person_with_role_and_mention() -> None:
    canonical, weak = aliases_for("Mike Pompeo", "US-Außenminister", "US-Außenminister Pompeo")
    assert canonical == "Mike Pompeo"
    assert weak == {"Pompeo", "US-Außenminister Pompeo", "US-Außenminister Mike Pompeo"}


def test_pronouns_and_role_echoes_are_no_aliases() -> None:
    assert aliases_for("Jen Psaki", None, "sie")[1] == {"Psaki"}
    assert aliases_for("Reuters", "Reuters", "Reuters")[1] == set()
    assert aliases_for("Mike Pompeo", "Pompeo", None)[1] == {"Pompeo"}
