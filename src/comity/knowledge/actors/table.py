"""The actor table: comity's tab-separated format for long generated lists of actors (the bundled
Phoenix dictionaries), one actor a line, read many times faster than YAML::

    id  kind  name  country  code  agent  names  demonyms  metonyms  surnames  roles

`names` (other than the canonical `name`), `demonyms`, `metonyms` and `surnames` are
"|"-separated; `roles`
are "|"-separated "CODE START END" with dates YYYY-MM-DD and "-" for an open end (START
inclusive, END exclusive, as in people.yaml); `code` is the code outside every dated role.
Empty cells hold nothing. Lines starting with "#" are comments. The agent table beside it
has three columns: a noun form, its agent code, its canonical noun.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from comity.errors import KnowledgeError
from comity.knowledge.actors.records import ActorEntry, Role
from comity.model import Actor

ACTOR_COLUMNS = ("id", "kind", "name", "country", "code", "agent", "names", "demonyms", "metonyms", "surnames", "roles")
AGENT_COLUMNS = ("noun", "code", "canonical")
_LIST = "|"
_OPEN = "-"


def is_actor_table(path: Path) -> bool:
    """Whether a .tsv file is an actor table (its header starts with "id", "kind")."""
    with path.open(encoding="utf-8") as lines:
        header = next((line for line in lines if line.strip() and not line.startswith("#")), "")
    return header.split("\t")[:2] == ["id", "kind"]


def read_actor_table(path: Path, broad: bool = False) -> list[ActorEntry]:
    """The table's actors; `broad` marks them as the bundled dictionaries' (see `bundled`)."""
    return [_entry(cells, f"{path}:{number}", broad) for number, cells in _rows(path, ACTOR_COLUMNS)]


def read_agent_table(path: Path) -> list[tuple[str, str, str]]:
    return [(noun, code, canonical) for _, (noun, code, canonical) in _rows(path, AGENT_COLUMNS)]


def _rows(path: Path, columns: tuple[str, ...]) -> Iterable[tuple[int, list[str]]]:
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.rstrip("\n").split("\t")
            if len(cells) != len(columns):
                raise KnowledgeError(f"{path}:{number}: expected {len(columns)} tab-separated columns, got {len(cells)}")
            if cells[0] != columns[0]:
                yield number, cells


def _entry(cells: list[str], where: str, broad: bool) -> ActorEntry:
    actor_id, kind, name, country, code, agent, names, demonyms, metonyms, surnames, roles = cells
    actor = Actor(actor_id, name, kind, country or None, code or None)
    return ActorEntry(
        actor=actor,
        names=(name, *_split(names)),
        demonyms=_split(demonyms),
        metonyms=_split(metonyms),
        surnames=_split(surnames),
        roles=tuple(_role(raw, where) for raw in _split(roles)),
        agent=agent or None,
        origin=where,
        broad=broad,
    )


def _split(cell: str) -> tuple[str, ...]:
    return tuple(cell.split(_LIST)) if cell else ()


def _role(raw: str, where: str) -> Role:
    try:
        code, start, end = raw.split(" ")
        return Role("", code, _day(start), _day(end))
    except ValueError:
        raise KnowledgeError(f"{where}: a role is 'CODE START END' with dates YYYY-MM-DD or '-', not {raw!r}") from None


def _day(text: str) -> date | None:
    return None if text == _OPEN else date.fromisoformat(text)


def actor_row(entry: ActorEntry) -> str:
    """One line of the table for an entry."""
    actor = entry.actor
    roles = [f"{r.code} {_written(r.start)} {_written(r.end)}" for r in entry.roles]
    cells = [actor.actor_id, actor.kind, actor.name, actor.country or "", actor.code or "", entry.agent or "",
             _LIST.join(n for n in entry.names if n != actor.name), _LIST.join(entry.demonyms),
             _LIST.join(entry.metonyms), _LIST.join(entry.surnames), _LIST.join(roles)]
    return "\t".join(cells)


def _written(day: date | None) -> str:
    return _OPEN if day is None else day.isoformat()


def write_table(path: Path, header: Iterable[str], columns: tuple[str, ...], rows: Iterable[str]) -> None:
    """A table file: "#" comment lines, the column names, then the rows."""
    lines = [f"# {line}".rstrip() for line in header] + ["\t".join(columns), *rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
