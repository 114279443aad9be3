"""A yield its doer says will not come is a refusal; an act alleged in a charge is the charge."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def coded(code_article, counted_dyads):
    return lambda text: counted_dyads(code_article(text, "1987-06-02"))


def test_saying_one_will_not_lift_sanctions_refuses_to_ease_them(coded) -> None:
    assert ("1244", "USA", "JPN") in coded("Shultz said the U.S. would not lift the sanctions on Japan until Tokyo changed its policies.")


def test_refusing_to_withdraw_is_a_refusal_to_de_escalate(coded) -> None:
    assert ("1246", "IRQ", "IRN") in coded("Iraq refused to withdraw its troops from Iran.")


def test_a_yield_not_done_or_said_of_another_is_no_refusal(coded) -> None:
    found = coded("Japan has not lifted the ban on U.S. beef. Iran said Iraq would not withdraw its troops. "
                  "Iraq failed to release the prisoners.")
    assert not [f for f in found if f[0].startswith("12")]


def test_an_act_alleged_in_a_charge_is_the_charge_against_its_doer(coded) -> None:
    found = coded("The U.S. imposed duties on Japanese computers, alleging that Japan had violated the bilateral pact.")
    assert ("112", "USA", "JPN") in found
    assert not [f for f in found if f[1] == "JPN"]
