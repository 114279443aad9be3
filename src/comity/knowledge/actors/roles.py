"""Dated roles: which are held on a date, which leads, what a person is coded without one."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from comity.knowledge.actors.records import ActorEntry, Role
from comity.knowledge.actors.words import name_key


#: When several roles are held at once, the code of the first sector in this order wins.
SECTOR_PRIORITY = ("GOV", "MIL", "LEG", "JUD", "PTY", "COP", "SPY", "MED", "ELI")


def held_roles(roles: Sequence[Role], on: date | None, ranked: bool = True) -> list[Role]:
    """Roles held on a date, the leading one first (PETRARCH entries: the first listed wins)."""
    if on is None:
        held = [r for r in roles if r.end is None]
    else:
        held = [r for r in roles if r.held_on(on)]
    return sorted(held, key=_role_rank) if ranked else held


def _role_rank(role: Role) -> tuple[int, int]:
    sector = role.code[3:6]
    rank = SECTOR_PRIORITY.index(sector) if sector in SECTOR_PRIORITY else len(SECTOR_PRIORITY)
    return (0 if role.leader else 1, rank)


def code_without_role(entry: ActorEntry, on: date | None) -> tuple[str | None, str | None]:
    country = entry.actor.country
    past = [r for r in entry.roles if r.end is not None and (on is None or r.end <= on)]
    if entry.actor.code:
        return entry.actor.code, None
    if past and country and entry.actor.kind == "person":
        last = max(past, key=lambda r: r.end or date.min)
        return f"{country}ELI", f"former {last.title}" if last.title else None
    return country, None


def role_matches(role: Role, noun_key: tuple[str, ...]) -> bool:
    if noun_key in {("leader",), ("supreme", "leader"), ("top", "leader")}:
        return role.leader
    title = name_key(role.title)
    if len(title) < len(noun_key) or title[: len(noun_key)] != noun_key:
        return False
    # "president" names "president of the State Affairs Commission" but not "vice president…".
    return True


def code_parts(code: str) -> set[str]:
    """The three-letter parts of a CAMEO code: "PSEREBHMS" -> {"PSE", "REB", "HMS"}."""
    return set(ordered_parts(code))


def ordered_parts(code: str) -> list[str]:
    return [code[i : i + 3] for i in range(0, len(code), 3)]
