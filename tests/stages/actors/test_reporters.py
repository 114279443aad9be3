"""News media carrying a report are reporters, not actors of it; a medium acted upon stays an actor."""

from __future__ import annotations

import pytest

from comity.stages.events import EventStage


@pytest.mark.parametrize(
    ("text", "medium"),
    [
        ("An official told Reuters that Chile had cut its tariffs.", "Reuters"),
        ("Chile has cut its tariffs, KCNA said.", "KCNA"),
        ("According to Xinhua, Chile has cut its tariffs.", "Xinhua"),
        ("The official Kuwaiti news agency reported that Chile had cut its tariffs.", "official Kuwaiti news agency"),
        ("Chile cut its tariffs, the minister was quoted by Tehran radio as saying.", "Tehran radio"),
        ("The minister said in an interview with Reuters that Chile had cut its tariffs.", "Reuters"),
        ("Chile cut its tariffs, a report monitored by the BBC said.", "BBC"),
        ("Officials told Reuters sales to Chile were cut.", "Reuters"),  # parsed as "Reuters sales"
        ("Chile cut its tariffs, the envoy told the Kuwaiti news agency KUNA.", "Kuwaiti news agency KUNA"),
    ],
)
def test_a_medium_carrying_a_report_is_its_reporter(article, mention, text: str, medium: str) -> None:
    found = mention(article(text, published="2021-04-20"), medium)
    assert found.rule == "reporter" and found.is_reporter
    assert found.code and "MED" in found.code  # still known for what it is


def test_a_medium_acted_upon_or_a_journalist_speaking_stays_an_actor(article, mention) -> None:
    raided = article("Police raided the offices of the Korean Central News Agency on Monday.", published="2021-04-20")
    assert mention(raided, "Korean Central News Agency").rule == "name"
    journalist = article("A Cuban journalist said the talks had failed.", published="2021-04-20")
    assert mention(journalist, "Cuban journalist").rule == "demonym+agent"


def test_it_after_a_report_refers_to_the_actor_not_the_reporter(article, mention) -> None:
    doc = article("Chile will cut its tariffs, KCNA said. It would also open its ports.", published="2021-04-20")
    assert mention(doc, "It").actor_id == "state:CHL"


def test_no_event_takes_a_reporter_as_participant(article) -> None:
    doc = EventStage()(article("Chile warned Peru on Monday, an official told Reuters.", published="2021-04-20"))
    participants = {a.text for e in doc.event_mentions for a in (e.source, e.target) if a is not None}
    assert "Reuters" not in participants
    assert {"Chile", "Peru"} <= participants  # the report itself is coded with its own actors


def test_it_with_only_the_reporter_before_is_the_reporter_still(article, mention) -> None:
    doc = article("Kim Jong Un praised the Cuban leader, the Korean Central News Agency said. It gave no date.",
                  published="2021-04-20")
    it = mention(doc, "It")
    assert (it.actor_id, it.is_reporter) == ("org:prk-kcna", True)
