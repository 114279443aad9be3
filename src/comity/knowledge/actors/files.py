"""Actor and agent files: comity YAML, the generated state table, PETRARCH/Phoenix dictionaries."""

from __future__ import annotations

import csv, yaml
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from comity.config import DATA_DIR
from comity.errors import KnowledgeError
from comity.knowledge.actors.records import ActorEntry, Role, unique
from comity.knowledge.actors.table import is_actor_table, read_actor_table, read_agent_table
from comity.model import Actor


ACTORS_DIR = DATA_DIR / "actors"


DEFAULT_ACTOR_FILES = ("states.tsv", "states.yaml", "organizations.yaml", "people.yaml", "people_world.yaml")


DEFAULT_AGENT_FILES = ("agents.yaml",)


#: The field's dictionaries as bundled tables (scripts/convert_phoenix.py), behind ours. The
#: Phoenix organisations and agent nouns beside them are read only when given (`--actors`,
#: `--agents`): see comity/knowledge/phoenix.py.
BUNDLED_ACTOR_FILES = ("phoenix/actors.tsv",)
BUNDLED_AGENT_FILES: tuple[str, ...] = ()


#: libyaml's parser when PyYAML was built with it (about ten times faster), else PyYAML's own.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """A YAML loader that records each mapping's line as "__line__" and leaves dates as
    text, so a bad date is reported with its file and line rather than by PyYAML.
    Node marks carry line numbers with libyaml's parser too."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_actor_file(path: Path) -> list[ActorEntry]:
    """Actors from a comity YAML or TSV file, or a PETRARCH/Phoenix dictionary."""
    if not path.is_file():
        raise KnowledgeError(f"{path}: actor file not found")
    if path.suffix in {".yaml", ".yml"}:
        return _read_actor_yaml(path)
    if path.suffix == ".tsv":
        return read_actor_table(path) if is_actor_table(path) else _read_states_tsv(path)
    from comity.knowledge.petrarch_dicts import entries_from_petrarch

    return entries_from_petrarch([path], set(iso3_codes()))


def load_yaml(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        raise KnowledgeError(f"{where}: not valid YAML: {' '.join(str(exc).split())}") from exc


def _read_actor_yaml(path: Path) -> list[ActorEntry]:
    data = load_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("actors"), list):
        raise KnowledgeError(f"{path}:1: expected a mapping with a list under 'actors:'")
    return [_entry_from_mapping(item, path) for item in data["actors"]]


def _entry_from_mapping(item: Any, path: Path) -> ActorEntry:
    line = item.get("__line__", 0) if isinstance(item, dict) else 0
    where = f"{path}:{line}"
    if not isinstance(item, dict) or not item.get("id"):
        raise KnowledgeError(f"{where}: an actor needs at least an 'id'")
    actor_id = str(item["id"])
    kind = str(item.get("kind") or actor_id.split(":", 1)[0])
    name = str(item.get("name") or "")
    country = item.get("country")
    code = item.get("code")
    if kind == "state" and not code:
        code = country or actor_id.split(":", 1)[-1]
        country = country or code
    actor = Actor(actor_id=actor_id, name=name, kind=kind, country=country, code=code)
    return ActorEntry(
        actor=actor,
        names=unique([name, *_strings(item, "names", where)]),
        abbreviations=_strings(item, "abbreviations", where),
        demonyms=_strings(item, "demonyms", where),
        metonyms=_strings(item, "metonyms", where),
        surnames=_strings(item, "surnames", where),
        roles=tuple(_role_from(r, where, country) for r in item.get("roles") or ()),
        gender=item.get("gender"),
        agent=item.get("agent"),
        origin=where,
        wire=bool(item.get("wire", False)),
        since=_as_date(item.get("since"), where),
        until=_as_date(item.get("until"), where),
    )


def _strings(item: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = item.get(key) or ()
    if isinstance(value, str) or not all(isinstance(v, str) for v in value):
        raise KnowledgeError(f"{where}: '{key}' must be a list of names")
    return tuple(value)


def _role_from(raw: Any, where: str, country: str | None) -> Role:
    """A role as a mapping {title, code, start, end, leader} or a list
    [title, code, start, end] with an optional fifth item "leader"."""
    if isinstance(raw, list) and 2 <= len(raw) <= 5:
        raw = dict(zip(("title", "code", "start", "end"), raw)) | {"leader": "leader" in raw[4:]}
    if not isinstance(raw, dict) or "code" not in raw:
        raise KnowledgeError(f"{where}: a role is [title, code, start, end] or a mapping with 'title' and 'code'")
    code = str(raw["code"])
    if code.startswith("~") and country:  # "~GOV": the agent code of the actor's own country
        code = country + code[1:]
    return Role(
        title=str(raw.get("title") or ""),
        code=code,
        start=_as_date(raw.get("start"), where),
        end=_as_date(raw.get("end"), where),
        leader=bool(raw.get("leader", False)),
    )


def _as_date(value: Any, where: str) -> date | None:
    """A date from YYYY-MM-DD, or YYYY-MM / YYYY meaning the first day of that month or year."""
    if value is None or isinstance(value, date):
        return value
    text = str(value)
    padded = {4: "-01-01", 7: "-01"}.get(len(text), "")
    try:
        return date.fromisoformat(text + padded)
    except ValueError:
        raise KnowledgeError(f"{where}: {value!r} is not a date (write YYYY-MM-DD, YYYY-MM or YYYY)") from None


def _read_states_tsv(path: Path) -> list[ActorEntry]:
    """The generated state table: iso3, name, other names and capital ("|"-separated)."""
    entries = []
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.reader((line for line in handle), delimiter="\t")
        for line_no, row in enumerate(rows, start=1):
            if not row or row[0].startswith("#") or row[0] == "iso3":
                continue
            if len(row) != 4:
                raise KnowledgeError(f"{path}:{line_no}: expected 4 tab-separated columns, got {len(row)}")
            iso3, name, others, capitals = row
            actor = Actor(f"state:{iso3}", name, "state", iso3, iso3)
            entries.append(
                ActorEntry(
                    actor=actor,
                    names=unique([name, *others.split("|")]),
                    metonyms=unique(capitals.split("|")),
                    origin=f"{path}:{line_no}",
                )
            )
    return entries


def read_agent_file(path: Path) -> list[tuple[str, str, str]]:
    """(noun form, agent code, canonical noun) rows from a comity YAML agent file or a
    PETRARCH agents dictionary."""
    if not path.is_file():
        raise KnowledgeError(f"{path}: agent file not found")
    if path.suffix == ".tsv":
        return read_agent_table(path)
    if path.suffix not in {".yaml", ".yml"}:
        from comity.knowledge.petrarch_dicts import read_agents

        return [petrarch_agent_row(a) for a in read_agents(path).agents]
    data = load_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("agents"), dict):
        raise KnowledgeError(f"{path}:1: expected a mapping with 'agents:' (code -> list of nouns)")
    rows = []
    for code, nouns in data["agents"].items():
        if code == "__line__":
            continue
        if not isinstance(nouns, list):
            raise KnowledgeError(f"{path}: agents.{code} must be a list of nouns")
        for noun in nouns:
            rows += [(form, str(code), str(noun).split("|")[0]) for form in noun_forms(str(noun))]
    for honorific in data.get("honorifics") or ():
        rows.append((str(honorific), "", str(honorific)))
    return rows


def read_deed_file(path: Path) -> list[tuple[str, str]]:
    """(noun form, agent code) rows from the 'deeds:' of a comity YAML agent file: what a
    country does or owns, so a demonym before it is that country acting ("Russian shelling").
    The key "country" stands for no agent code ("Cuban exports" -> CUB)."""
    if path.suffix not in {".yaml", ".yml"}:
        return []
    deeds = (load_yaml(path) or {}).get("deeds") or {}
    if not isinstance(deeds, dict):
        raise KnowledgeError(f"{path}: 'deeds:' must map an agent code (or 'country') to a list of nouns")
    rows = []
    for code, nouns in deeds.items():
        if code == "__line__":
            continue
        if not isinstance(nouns, list):
            raise KnowledgeError(f"{path}:{deeds.get('__line__', 0)}: deeds.{code} must be a list of nouns")
        agent = "" if code == "country" else str(code)
        rows += [(form, agent) for noun in nouns for form in noun_forms(str(noun))]
    return rows


def petrarch_agent_row(agent: Any) -> tuple[str, str, str]:  # agent: petrarch_dicts.PetrarchAgent
    """(noun, code, noun); a prefix agent keeps its "~" after the code ("NGO~")."""
    return agent.noun, agent.code + "~" if agent.prefix else agent.code, agent.noun


def noun_forms(noun: str) -> list[str]:
    """A noun and its regular plural ("delegation" -> "delegations", "spokesman" -> "spokesmen")."""
    if "|" in noun:  # "person|people": plural given
        return noun.split("|")
    head, _, last = noun.rpartition(" ")
    prefix = f"{head} " if head else ""
    if last.endswith("man"):
        plural = last[:-3] + "men"
    elif last.endswith("y") and last[-2:-1] not in set("aeiou"):
        plural = last[:-1] + "ies"
    elif last.endswith(("s", "sh", "ch", "x")):
        plural = last + "es"
    else:
        plural = last + "s"
    return [noun, prefix + plural]


@cache
def iso3_codes() -> tuple[str, ...]:
    return tuple(
        e.actor.code or "" for e in _read_states_tsv(ACTORS_DIR / "states.tsv")
    )
