"""A yield its doer says will not come is a refusal; a relative clause's gap is its object."""

from __future__ import annotations

import pytest

from comity.api import build_pipeline
from comity.ingest import document_from_text
from comity.model import Found


@pytest.fixture(scope="module")
def coded():
    pipeline = build_pipeline()

    def code(text: str) -> list[tuple[str, str | None, str | None]]:
        doc = document_from_text("Headline\n\n" + text, "t")
        doc.meta.published = Found("1987-06-02", "test")
        return [(m.cameo, m.source and m.source.country, m.target and m.target.country) for m in pipeline(doc).event_mentions if m.counts_as_event]

    return code


def test_saying_one_will_not_lift_sanctions_refuses_to_ease_them(coded) -> None:
    assert ("1244", "USA", "JPN") in coded("Shultz said the U.S. would not lift the sanctions on Japan until Tokyo changed its policies.")


def test_refusing_to_withdraw_is_a_refusal_to_de_escalate(coded) -> None:
    assert ("1246", "IRQ", "IRN") in coded("Iraq refused to withdraw its troops from Iran.")


def test_a_yield_not_done_or_said_of_another_is_no_refusal(coded) -> None:
    found = coded("Japan has not lifted the ban on U.S. beef. Iran said Iraq would not withdraw its troops. "
                  "Iraq failed to release the prisoners.")
    assert not [f for f in found if f[0].startswith("12")]


def test_the_noun_a_relative_clause_leaves_as_its_object_is_the_object(coded) -> None:
    found = coded("Japan protested against the sanctions which President Reagan imposed on Japanese goods. "
                  "He cited an agreement that had been reached between the United States and Japan.")
    assert ("163", "USA", "JPN") in found
    assert ("057", "USA", "JPN") in found


def test_a_relative_pronoun_that_is_the_doer_leaves_no_gap(coded) -> None:
    assert not [f for f in coded("Iran, the country that protested loudly, was angry.") if f[0].startswith(("16", "05"))]


def test_an_act_alleged_in_a_charge_is_the_charge_against_its_doer(coded) -> None:
    found = coded("The U.S. imposed duties on Japanese computers, alleging that Japan had violated the bilateral pact.")
    assert ("112", "USA", "JPN") in found
    assert not [f for f in found if f[1] == "JPN"]


def test_a_time_noun_a_relative_clause_modifies_is_no_object(coded) -> None:
    from comity.stages.events.triggers import _objects
    from comity.stages.parse import load_nlp

    nlp = load_nlp()
    for sentence, verb in (("They recalled the day the ambassador was expelled.", "expelled"),
                           ("They recalled the day Iran expelled the ambassador.", "expelled"),
                           ("Officials recalled the year the envoy visited.", "visited")):
        trigger = next(t for t in nlp(sentence) if t.lower_ == verb)
        assert not {"day", "year"} & {t.lower_ for t in _objects(trigger)}, sentence
