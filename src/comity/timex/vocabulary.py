"""The time vocabulary in `comity/data/time/` (months, weekdays, number words, relative-day and
vague phrases, calendar eras, same-time clauses), read lazily and checked line by line."""

from __future__ import annotations

from functools import cache

from comity.config import DATA_DIR
from comity.errors import KnowledgeError

TIME_DATA = DATA_DIR / "time"


@cache
def table_rows(name: str, columns: int) -> tuple[tuple[str, ...], ...]:
    path = TIME_DATA / name
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise KnowledgeError(f"time vocabulary {path} cannot be read ({exc}); reinstall comity") from exc
    rows = []
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = tuple(cell.strip() for cell in line.split("\t"))
        if len(cells) != columns:
            raise KnowledgeError(
                f"{path}:{number}: expected {columns} tab-separated columns, got {len(cells)}"
            )
        rows.append(cells)
    return tuple(rows)


@cache
def months() -> dict[str, int]:
    return {form.casefold(): int(number) for form, number in table_rows("months.tsv", 2)}


@cache
def weekdays() -> dict[str, int]:
    return {form.casefold(): int(number) for form, number in table_rows("weekdays.tsv", 2)}


@cache
def number_words() -> dict[str, int]:
    return {word.casefold(): int(value) for word, value in table_rows("numbers.tsv", 2)}


@cache
def relative_days() -> dict[str, int]:
    return {phrase_key(phrase): int(offset) for phrase, offset in table_rows("relative_days.tsv", 2)}


@cache
def vague_phrases() -> dict[str, str]:
    return {phrase_key(phrase): basis for phrase, basis in table_rows("vague.tsv", 2)}


@cache
def same_time_words() -> dict[str, frozenset[str]]:
    """Role ("subordinator", "measure", "background") → words of an adverbial clause that does or does not date its main clause."""
    words: dict[str, set[str]] = {}
    for word, role in table_rows("same_time_clauses.tsv", 2):
        words.setdefault(role, set()).add(word.casefold())
    return {role: frozenset(found) for role, found in words.items()}


@cache
def eras() -> dict[tuple[str, str], str]:
    """(form, position) → calendar."""
    return {(phrase_key(form), position): cal for cal, form, position in table_rows("eras.tsv", 3)}


def phrase_key(phrase: str) -> str:
    return " ".join(phrase.casefold().split())


@cache
def era_forms() -> tuple[tuple[str, str], ...]:
    return tuple((form, position) for _, form, position in table_rows("eras.tsv", 3))
