"""Reading gold files and mention files, each row checked against its format; a bad row raises an
error naming its file and line (docs/evaluation.md describes both formats)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import date as Date
from pathlib import Path
from typing import Any

from comity.errors import ComityError, GoldError, InputError
from comity.eval.records import GoldRow
from comity.model import CODED_SECTIONS, COUNTED_FACTUALITIES, Factuality

#: The sections a mention may name in the interchange format.
SECTIONS = frozenset({"headline", "body", "comment", "boilerplate", "caption"})
COUNTED_SECTIONS = frozenset(str(kind) for kind in CODED_SECTIONS)
#: Sections the coder should never code; a mention from one of them is "leaked".
LEAKED_SECTIONS = SECTIONS - COUNTED_SECTIONS
FACTUALITIES = frozenset(str(kind) for kind in Factuality)
COUNTED_FACTUALITY_VALUES = frozenset(str(kind) for kind in COUNTED_FACTUALITIES)

# Matched with fullmatch; [0-9], not \d, which also accepts other scripts' digits.
_ISO_CUT = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")
_COUNTRY = re.compile(r"[A-Z]{3}")
_CAMEO_ROOT = re.compile(r"[0-9]{2}")
_CAMEO = re.compile(r"[0-9]{2,4}")


_GOLD_REQUIRED = ("doc_id", "gold_id", "source", "target", "cameo_root", "required", "evidence")
_MENTION_REQUIRED = (
    "mention_id", "event_id", "doc_id", "section", "source", "target",
    "cameo", "date", "factuality", "evidence",
)  # fmt: skip


def _read_json_lines(path: Path, error: type[ComityError]) -> Iterable[tuple[int, Any]]:
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise error(f"{path}: cannot read it ({exc})") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as exc:
            raise error(f"{path}:{number}: not valid JSON ({exc.msg} at column {exc.colno})") from exc


def _check_iso_cut(value: Any) -> str | None:
    """Return why `value` is not an ISO date cut to its precision, or None when it is."""
    if not isinstance(value, str) or not _ISO_CUT.fullmatch(value):
        return f'{value!r} is not an ISO date cut to its precision ("2021-04-19", "2021-04", "2021")'
    year, month, day = (int(part) for part in (value + "-01-01").split("-")[:3])
    try:
        Date(year, month, day)
    except ValueError:
        return f"{value!r} is not a real date"
    return None


def _gold_countries(value: Any, name: str) -> tuple[str | None, ...]:
    valid = isinstance(value, list) and value and all(
        item is None or (isinstance(item, str) and _COUNTRY.fullmatch(item)) for item in value
    )
    if not valid:
        raise ValueError(
            f'"{name}" must be a non-empty list of ISO3 codes or null, like ["PRK"] or ["CUB", null]; got {value!r}'
        )
    return tuple(value)


def _gold_roots(value: Any) -> tuple[str, ...]:
    valid = isinstance(value, list) and value and all(
        isinstance(item, str) and _CAMEO_ROOT.fullmatch(item) for item in value
    )
    if not valid:
        raise ValueError(
            f'"cameo_root" must be a non-empty list of two-digit strings, like ["05", "01"]; got {value!r}'
        )
    return tuple(value)


def _gold_date(value: Any, name: str) -> str | None:
    if value is None:
        return None
    problem = _check_iso_cut(value)
    if problem:
        raise ValueError(f'"{name}": {problem}')
    return value


def _gold_flag(record: dict[str, Any], name: str, default: bool | None = None) -> bool:
    value = record.get(name, default)
    if not isinstance(value, bool):
        raise ValueError(f'"{name}" must be true or false; got {value!r}')
    return value


def _gold_text(record: dict[str, Any], name: str, nullable: bool = False) -> str | None:
    value = record.get(name)
    if nullable and value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f'"{name}" must be a non-empty string; got {value!r}')
    return value


def _gold_row(record: Any, origin: str) -> GoldRow:
    if not isinstance(record, dict):
        raise ValueError(f"a gold row must be a JSON object; got {type(record).__name__}")
    missing = [name for name in _GOLD_REQUIRED if name not in record]
    if missing:
        raise ValueError(f"missing field(s) {', '.join(missing)}")
    date_alt = record.get("date_alt") or []
    if not isinstance(date_alt, list):
        raise ValueError(f'"date_alt" must be a list of ISO dates; got {date_alt!r}')
    return GoldRow(
        doc_id=_gold_text(record, "doc_id"),
        gold_id=_gold_text(record, "gold_id"),
        source=_gold_countries(record["source"], "source"),
        target=_gold_countries(record["target"], "target"),
        symmetric=_gold_flag(record, "symmetric", default=False),
        cameo_root=_gold_roots(record["cameo_root"]),
        date=_gold_date(record.get("date"), "date"),
        date_alt=tuple(_gold_date(alt, "date_alt") for alt in date_alt),
        required=_gold_flag(record, "required"),
        cluster=_gold_text(record, "cluster", nullable=True),
        evidence=_gold_text(record, "evidence"),
        origin=origin,
    )


def load_gold(path: str | Path) -> list[GoldRow]:
    """Read and check a gold file; a bad row raises GoldError naming its file and line."""
    rows: list[GoldRow] = []
    seen: dict[str, str] = {}
    for number, record in _read_json_lines(Path(path), GoldError):
        origin = f"{path}:{number}"
        try:
            row = _gold_row(record, origin)
        except ValueError as exc:
            raise GoldError(f"{origin}: {exc}") from None
        if row.gold_id in seen:
            raise GoldError(
                f"{origin}: gold_id {row.gold_id!r} is already used at {seen[row.gold_id]}; gold ids must be unique"
            )
        seen[row.gold_id] = origin
        rows.append(row)
    if not rows:
        raise GoldError(f"{path}: no gold rows; a gold file holds one JSON object per line")
    return rows


def _mention_actor_problem(actor: Any) -> str | None:
    if actor is None:
        return None
    if not isinstance(actor, dict) or "country" not in actor:
        return 'must be null or an object with a "country" (ISO3 or null)'
    country = actor["country"]
    if country is not None and not (isinstance(country, str) and _COUNTRY.fullmatch(country)):
        return f"has country {country!r}, which is not an ISO3 code or null"
    return None


def _mention_problem(mention: Any) -> str | None:
    """Why a mention dict does not follow the interchange format, or None when it does."""
    if not isinstance(mention, dict):
        return f"a mention must be a JSON object; got {type(mention).__name__}"
    missing = [name for name in _MENTION_REQUIRED if name not in mention]
    if missing:
        return f"missing field(s) {', '.join(missing)}"
    for name in ("mention_id", "event_id", "doc_id"):
        if not isinstance(mention[name], str) or not mention[name]:
            return f'"{name}" must be a non-empty string; got {mention[name]!r}'
    if mention["section"] not in SECTIONS:
        return f'"section" must be one of {", ".join(sorted(SECTIONS))}; got {mention["section"]!r}'
    if mention["factuality"] not in FACTUALITIES:
        return f'"factuality" must be one of {", ".join(sorted(FACTUALITIES))}; got {mention["factuality"]!r}'
    if not isinstance(mention["cameo"], str) or not _CAMEO.fullmatch(mention["cameo"]):
        return f'"cameo" must be a CAMEO code as a string, leading zero kept ("051"); got {mention["cameo"]!r}'
    for name in ("source", "target"):
        problem = _mention_actor_problem(mention[name])
        if problem:
            return f'"{name}" {problem}'
    if mention["date"] is not None and (problem := _check_iso_cut(mention["date"])):
        return f'"date": {problem}'
    evidence = mention["evidence"]
    if not isinstance(evidence, dict) or not isinstance(evidence.get("text"), str):
        return '"evidence" must be an object with a "text" string'
    return None


def check_mention(mention: Any, where: str) -> None:
    """Raise InputError, saying `where`, if a mention dict breaks the interchange format."""
    problem = _mention_problem(mention)
    if problem:
        raise InputError(f"{where}: {problem} (see docs/evaluation.md for the mention format)")


def load_mentions(path: str | Path) -> list[dict[str, Any]]:
    """Read a mentions.jsonl in the interchange format, checking the fields scoring uses."""
    mentions = []
    for number, record in _read_json_lines(Path(path), InputError):
        check_mention(record, f"{path}:{number}")
        mentions.append(record)
    return mentions
