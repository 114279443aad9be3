"""Person actors re-coded at the event date: who held which office on the day of the event."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from functools import cache
from typing import Any

from comity.errors import ComityError
from comity.model import Argument, EventDate


def date_for_roles(date: EventDate | None) -> dt.date | None:
    """A day to look up who held which office: the middle of the event's period."""
    if date is None or date.value is None or date.precision is None:
        return None
    try:
        if date.precision == "day":
            return dt.date.fromisoformat(date.value)
        if date.precision == "month":
            return dt.date(int(date.value[:4]), int(date.value[5:7]), 15)
        return dt.date(int(date.value[:4]), 7, 1)
    except ValueError:
        return None


def recode_at(argument: Argument | None, day: dt.date, knowledge: Any) -> Argument | None:
    """The argument with the code its person actor had on `day` (unchanged when unknown)."""
    if argument is None or not argument.actor_id or not argument.actor_id.startswith("person:"):
        return argument
    try:
        code, role = knowledge.code_at(argument.actor_id, day)
        named = _names_person(argument.text, knowledge.variants(argument.actor_id))
    except (ComityError, KeyError):
        return argument  # an actor the knowledge does not hold keeps the code it was given
    if role is None and not named and argument.code:
        # Found through an office ("the last American president"), not a name: whoever held
        # it then is not known to be this person, so keep the office and drop the identity.
        return replace(argument, actor_id=None, code=argument.code)
    return argument if code is None else replace(argument, code=code, country=knowledge.country_for(argument.actor_id, code))


def _names_person(text: str, variants: list[str]) -> bool:
    from comity.knowledge.actors import name_key

    words = set(name_key(text))
    return any(set(name_key(variant)) <= words for variant in variants if name_key(variant))


@cache
def default_actor_knowledge() -> Any:
    from comity.knowledge.actors import ActorKnowledge

    return ActorKnowledge.default()
