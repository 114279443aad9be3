"""Calendar eras (Juche, Minguo, Buddhist, Hijri) to Gregorian years, and the year a date's year
slot names; the writer's own Gregorian gloss wins over the arithmetic."""

from __future__ import annotations

import re
from dataclasses import dataclass

from comity.errors import KnowledgeError
from comity.timex.vocabulary import eras, phrase_key

_HIJRI_YEAR_DAYS = 10631 / 30  # mean year of the tabular Islamic calendar
_GREGORIAN_YEAR_DAYS = 365.2425
_HIJRI_EPOCH = 622 + 199 / 365  # 1 Muharram 1 AH = 19 July 622 (proleptic Gregorian)


#: Era numbers a news text can plausibly use; outside them a match is taken for something else.
_ERA_RANGES = {
    "juche": range(1, 300),
    "minguo": range(1, 300),
    "buddhist": range(2000, 3000),
    "hijri": range(1, 2000),
}


def _era_year(calendar_name: str, number: int) -> tuple[int, bool]:
    """Gregorian year of an era year, and whether it is approximate."""
    if calendar_name in ("juche", "minguo"):
        return number + 1911, False
    if calendar_name == "buddhist":
        return number - 543, False
    if calendar_name == "hijri":
        start = _HIJRI_EPOCH + (number - 1) * _HIJRI_YEAR_DAYS / _GREGORIAN_YEAR_DAYS
        return int(start + _HIJRI_YEAR_DAYS / _GREGORIAN_YEAR_DAYS / 2), True
    raise KnowledgeError(f"eras.tsv names calendar {calendar_name!r}, which comity cannot convert")


@dataclass(slots=True, frozen=True)
class _Year:
    year: int
    basis: str
    kind: str
    approximate: bool = False


def slot_year(match: re.Match[str]) -> _Year | None:
    """The year a date's year slot names: a Gregorian year or an era year (None: no year, or no era year)."""
    groups = match.groupdict()
    if groups.get("year"):
        return _Year(int(groups["year"]), "explicit", "absolute")
    if groups.get("era_b") or groups.get("era_a") or groups.get("era_ord"):
        return era_reading(groups)
    return None


def era_reading(groups: dict[str, str | None]) -> _Year | None:
    if groups.get("era_ord"):
        calendar_name, number = "minguo", int(groups["era_ord"] or 0)
    elif groups.get("era_b"):
        calendar_name = eras()[(phrase_key(groups["era_b"] or ""), "before")]
        number = int(groups["era_nb"] or 0)
    else:
        calendar_name = eras()[(phrase_key(groups["era_a"] or ""), "after")]
        number = int(groups["era_na"] or 0)
    if number not in _ERA_RANGES.get(calendar_name, range(0)):
        return None
    year, approximate = _era_year(calendar_name, number)
    stated = groups.get("greg")
    if stated and int(stated) != year:
        # The writer's own Gregorian gloss wins over our arithmetic; say so.
        return _Year(int(stated), f"{calendar_name}:mismatch", "calendar", approximate)
    return _Year(year, calendar_name, "calendar", approximate)
