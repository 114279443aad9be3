"""Who holds the talks a sentence names only by a noun, and a state's own institutions under a dateline."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def coded(code_article, counted_dyads):
    def code(text: str, published: str = "1987-03-03") -> tuple[list[tuple[str, str | None, str | None]], dict[str, str | None]]:
        doc = code_article(text, published)
        return counted_dyads(doc), {a.text: a.code for a in doc.actor_mentions}

    return code


def test_one_here_for_talks_holds_them(coded) -> None:
    events, _ = coded("Belgian Trade Minister Herman De Croo, here for talks with U.S. officials, said the bill was bad.")
    assert ("040", "BEL", "USA") in events


def test_one_who_arrives_for_talks_holds_them(coded) -> None:
    events, _ = coded("Chinese Premier Zhao Ziyang arrived in Bonn for talks with West German leaders.")
    assert [e for e in events if e[0].startswith("04") and e[1] == "CHN"]


def test_talks_in_a_clause_without_a_doer_are_the_speaker_s(coded) -> None:
    events, _ = coded("Canadian Prime Minister Brian Mulroney said progress was being made in trade talks with the United States.")
    assert ("040", "CAN", "USA") in events


def test_an_attack_in_a_clause_without_a_doer_is_not_the_speaker_s(coded) -> None:
    events, _ = coded("The Iraqi army said two soldiers were killed in an attack near Basra.")
    assert not [e for e in events if e[1] == "IRQ" and e[0].startswith(("18", "19"))]


def test_a_state_s_administration_and_legislators_are_the_dateline_s(coded) -> None:
    _, actors = coded("WASHINGTON, March 3 - Administration officials met Belgian Trade Minister Herman De Croo. "
                      "Congressmen said Belgium and the United States should talk.")
    assert actors["Administration officials"] == "USAGOV"
    assert actors["Congressmen"] == "USALEG"


def test_talks_beside_a_verb_of_saying_are_no_theme_of_what_is_said(coded) -> None:
    events, _ = coded("Belgian Trade Minister Herman De Croo, here for talks with U.S. officials, said the bill "
                      "would cause more retaliation.")
    assert ("040", "BEL", "USA") in events

