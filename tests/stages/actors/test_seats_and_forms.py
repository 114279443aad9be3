"""Seats of power stand for their governments, names take the forms the world writes them in,
and a demonym before a role noun is that country's actor."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        ("The Kremlin rejected the note.", "The Kremlin", "RUSGOV"),
        ("The White House rejected the note.", "White House", "USAGOV"),
        ("Whitehall rejected the note.", "Whitehall", "GBRGOV"),
        ("Downing Street rejected the note.", "Downing Street", "GBRGOV"),
        ("The Quai d'Orsay rejected the note.", "Quai d'Orsay", "FRAGOV"),
        ("The Elysee rejected the note.", "Elysee", "FRAGOV"),
        ("The Pentagon rejected the note.", "The Pentagon", "USAMIL"),
        ("Foggy Bottom rejected the note.", "Foggy Bottom", "USAGOV"),
        ("The Blue House rejected the note.", "Blue House", "KORGOV"),
        ("Zhongnanhai rejected the note.", "Zhongnanhai", "CHNGOV"),
        ("The Casa Rosada rejected the note.", "Casa Rosada", "ARGGOV"),
        ("Capitol Hill rejected the note.", "Capitol Hill", "USALEG"),
        ("The Knesset rejected the note.", "The Knesset", "ISRLEG"),
    ],
)
def test_a_seat_of_power_acting_is_its_government(article, mention, text: str, name: str, code: str) -> None:
    assert mention(article(text, published="2021-04-20"), name).code == code


def test_a_seat_named_as_a_place_is_no_actor(article) -> None:
    doc = article("The guests dined at the Kremlin and slept in Whitehall.", published="2021-04-20")
    assert not [m for m in doc.actor_mentions if m.text in {"Kremlin", "the Kremlin", "Whitehall"}]


def test_dprk_style_lower_case_korea(article, mention) -> None:
    doc = article("The south Korean puppets must stop provoking north Korea.", published="2021-04-20")
    assert mention(doc, "south Korean puppets").code == "KORGOV"
    assert mention(doc, "north Korea").code == "PRK"


@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        ("Japanese officials met the delegation.", "Japanese officials", "JPNGOV"),
        ("Iranian gunboats fired on the tanker.", "Iranian gunboats", "IRNMIL"),
        ("Greek warships sailed north.", "Greek warships", "GRCMIL"),
        ("Soviet diplomats left the city.", "Soviet diplomats", "SUNGOV"),
        ("West German officials met the delegation.", "West German officials", "DEUGOV"),
        ("East German officials met the delegation.", "East German officials", "DDRGOV"),
        ("U.S. officials met the delegation.", "U.S. officials", "USAGOV"),  # across the full stop of "U.S."
    ],
)
def test_a_demonym_before_a_role_noun_is_that_country_s_actor(article, mention, text: str, name: str, code: str) -> None:
    found = mention(article(text, published="1987-03-02"), name)
    assert (found.code, found.country) == (code, code[:3])


def test_the_soviet_union_is_a_state_with_its_own_country(article, mention) -> None:
    doc = article("Soviet Deputy Foreign Minister Vladimir Petrovsky met the delegation.", published="1987-04-08")
    assert mention(doc, "Soviet Deputy Foreign Minister Vladimir Petrovsky").country == "SUN"
