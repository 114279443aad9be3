"""Words whose reading decides the act: "critical of", an adjective after a name, trade figures, attending, a house's debate."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def coded(code_article, counted_dyads):
    return lambda text: counted_dyads(code_article(text, "1987-03-16"))


def test_being_critical_of_a_state_criticises_it(coded) -> None:
    assert ("111", "JPN", "USA") in coded("Japan was highly critical of the U.S. decision.")


def test_an_adjective_after_a_name_is_said_of_that_name(coded) -> None:
    found = coded("Canadian Prime Minister Brian Mulroney, sharply critical of protectionist sentiment in the U.S., "
                  "said an accord would create jobs.")
    assert ("111", "CAN", "USA") in found


def test_a_critical_issue_criticises_no_one(coded) -> None:
    assert not [f for f in coded("The critical issue for Japan and the United States is trade.") if f[0].startswith("11")]


def test_trade_figures_are_no_economic_cooperation(coded) -> None:
    found = coded("The Soviet Union exported 500 mln dlrs worth of goods to the United States in 1986 and imported "
                  "1.5 billion dlrs worth, Frolov said. Japan agreed to import more U.S. beef.")
    assert not [f for f in found if f[0] == "061"]
    assert [f for f in found if f[1] == "JPN"], "a policy to import is no trade figure"


def test_attending_a_body_s_meeting_meets_with_that_body(coded) -> None:
    assert ("040", "SUN", None) in coded("Moscow is attending an ADB meeting for the first time.")
    assert ("040", "JPN", None) in coded("Japan attended the OPEC conference in Vienna.")


def test_opening_a_debate_in_a_house_is_no_negotiation(coded) -> None:
    found = coded("Opening a debate on free trade in the House of Commons, Canadian Prime Minister Brian Mulroney "
                  "said an accord would create jobs.")
    assert not [f for f in found if f[0].startswith("04")]
