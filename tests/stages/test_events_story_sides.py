"""The story's two sides fill a doer the sentence leaves unplaced."""

from __future__ import annotations

import pytest

#: A story of two sides from an outlet that gives no home and under no dateline.
RIFT = ("Egypt accused Turkey of meddling in Libya. Turkey rejected the charge and criticised Egypt on "
        "Sunday. Cairo said Ankara had lied. Egypt and Turkey have no ambassadors in each other's capitals. ")


@pytest.fixture(scope="module")
def coded(code_article, counted_dyads):
    def code(text: str) -> list[tuple[str, str | None, str | None, str]]:
        doc = code_article(text, "2020-01-16")
        return [(m.cameo, m.source and m.source.country, m.target and m.target.country, m.rule) for m in doc.event_mentions if m.counts_as_event]

    return code


def test_an_unplaced_ministry_acting_on_one_side_is_the_other_side_s(coded) -> None:
    found = coded(RIFT + "The Foreign Ministry summoned the Turkish charge d'affaires on Monday.")
    summons = [f for f in found if f[0].startswith("11") and f[2] == "TUR" and "summon" in f[3]]
    assert [(f[1], f[3].endswith("+source:story-side")) for f in summons] == [("EGY", True)]


def test_a_ministry_acting_on_a_third_state_takes_no_side(coded) -> None:
    found = coded(RIFT + "The Foreign Ministry summoned the Greek ambassador on Monday.")
    assert not [f for f in found if f[2] == "GRC" and "summon" in f[3] and f[1] is not None]


def test_a_named_doer_is_not_replaced_by_the_story_s_side() -> None:
    from comity.model import Argument
    from comity.stages.events.records import Participant
    from comity.stages.events.story import institution_side
    from comity.stages.parse import load_nlp

    sides = {"EGY": Argument("Egypt", "EGY", "EGY", "state:EGY"), "TUR": Argument("Turkey", "TUR", "TUR", "state:TUR")}
    turkish = [Participant(Argument("Turkey", "TUR", "TUR", "state:TUR"), "state:TUR")]
    nlp = load_nlp()
    spokesman = nlp("A military spokesman threatened Turkey.")[1:3].root
    envoy = nlp("The envoy threatened Turkey.")[1]
    assert [(p.argument.code) for p in institution_side(sides, [spokesman], turkish)] == ["EGYMIL"]
    assert institution_side(sides, [envoy], turkish) == []
    assert institution_side({"EGY": sides["EGY"]}, [spokesman], turkish) == []


def test_a_charge_d_affaires_written_without_its_accent_is_an_envoy(coded) -> None:
    found = coded("Egypt summoned the Turkish charge d'affaires on Monday. Greece expelled Turkey's charge d’affaires.")
    assert {(f[0], f[1], f[2]) for f in found} >= {("110", "EGY", "TUR"), ("174", "GRC", "TUR")}


def test_a_call_for_talks_in_a_two_sided_story_is_a_call_to_the_other_side(coded) -> None:
    found = coded(RIFT + "Turkey called for dialogue to solve the dispute on Monday.")
    assert [(f[1], f[2]) for f in found if f[0] == "026"] == [("TUR", "EGY")]
