"""Readers for the PETRARCH/TABARI/Phoenix dictionary formats, so a PETRARCH user keeps
their curated knowledge. comity reads these files from a path the user gives; it ships none.

Actor files::

    CUBA_  [CUB]                      # a primary name and its code
    +CUBAN_                           # an alternate name of the actor above
    RAUL_CASTRO_  # comment
        [CUBGOV >060731]              # a code from a date on ("<" before a date)
        [CUBELI]                      # the code outside every dated range
    SAM_GAMGEE [HOB]
        [HOBGOV 20121109-20130119]    # a date range, YYMMDD or YYYYMMDD
    <!-- comments, possibly over several lines -->

Underscores are spaces; a trailing underscore (a whole-word mark in TABARI) is dropped,
and names without it are matched as whole words too. A primary name with no code before
the next primary is grouped with the next actor that has one (as "U.N._" before the
UN Secretary-General entries in Phoenix). The null code "---" marks a name not to code
(for the dates it covers) and is skipped; so is TABARI's discard code "###" where a line
still carries it. Any other code is kept as written, "+++" included: PETRARCH has no
special meaning for it and codes the actor "+++" (its validation suite expects exactly
that of an actor TABARI used to discard).

Agent files::

    !PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON     # a substitution set
    POLICE!PERSON!  [~COP]                        # one agent per member of the set
    POLICE {} [~COP]                              # {}: no plural; {X} an irregular plural
    HUMAN_RIGHTS_BODY  [NGO~]                     # "~" after: a prefix agent
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from comity.errors import KnowledgeError
from comity.knowledge.actors import ActorEntry, Role, name_key, noun_forms
from comity.model import Actor

NULL_CODES = frozenset({"---", "###"})
_CODE = re.compile(r"\[([^\]}]*)[\]}]")  # "[~ENV}" occurs in Phoenix and is read as "[~ENV]"
_SUBSTITUTION = re.compile(r"^(![A-Z]+!)\s*=\s*(.+)$")
_RESTRICTION = re.compile(
    r"^(?P<code>\S+)\s*(?:(?P<op>[<>])\s*(?P<when>\d+)|(?P<start>\d+)\s*-\s*(?P<end>\d+))?$"
)


@dataclass(frozen=True, slots=True)
class DatedCode:
    """A code valid from `start` (inclusive) to `end` (exclusive); None: open."""

    code: str
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True, slots=True)
class PetrarchActor:
    names: tuple[str, ...]  # the primary name first, underscores as spaces
    codes: tuple[DatedCode, ...]
    path: Path
    line: int


@dataclass(frozen=True, slots=True)
class PetrarchAgent:
    noun: str
    code: str  # "GOV" for "[~GOV]"
    prefix: bool  # True for "[NGO~]": the agent code goes before the country
    line: int


@dataclass(slots=True)
class AgentDictionary:
    agents: list[PetrarchAgent] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ActorDictionary:
    actors: list[PetrarchActor] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # "file:line: what was skipped"


# ---------------------------------------------------------------- lines


def _content_lines(path: Path) -> Iterator[tuple[int, str]]:
    """(line number, text) with comments removed and blank lines skipped."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise KnowledgeError(f"{path}: cannot read dictionary: {exc}") from exc
    in_comment = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw
        if in_comment or line.lstrip().startswith("<!"):
            in_comment = "-->" not in line
            line = line.split("-->", 1)[1] if "-->" in line else ""
        line = line.split("#", 1)[0].rstrip()
        if line.strip():
            yield number, line


def _clean_name(raw: str) -> str:
    return " ".join(raw.replace("_", " ").split())


# ---------------------------------------------------------------- actors


def read_actors(path: Path) -> ActorDictionary:
    """Every actor of a PETRARCH/Phoenix actor dictionary."""
    result = ActorDictionary()
    block = _Block()
    for number, line in _content_lines(path):
        stripped = line.strip()
        if stripped.startswith("+"):
            block.names.append(_clean_name(stripped[1:]))
        elif stripped.startswith("["):
            block.add_codes(stripped, path, number, result.problems)
        else:
            if block.coded:
                block.flush_into(result, path)
                block = _Block()
            if not block.names:
                block.line = number
            head, _, rest = stripped.partition("[")
            block.names.append(_clean_name(head))
            if rest:
                block.add_codes("[" + rest, path, number, result.problems)
    if block.coded:
        block.flush_into(result, path)
    elif block.names:
        result.problems.append(f"{path}:{block.line}: names without a code at the end of the file: {block.names[:3]}")
    return result


@dataclass(slots=True)
class _Block:
    """The lines of one actor: names until a code, then its codes."""

    names: list[str] = field(default_factory=list)
    codes: list[DatedCode] = field(default_factory=list)
    coded: bool = False  # a code mark was seen, even a null or unreadable one
    line: int = 0

    def add_codes(self, text: str, path: Path, line: int, problems: list[str]) -> None:
        for raw in _CODE.findall(text):
            self.coded = True
            parsed = _dated_code(raw.strip())
            if parsed is None:
                problems.append(f"{path}:{line}: cannot read code restriction [{raw}]")
            elif parsed.code not in NULL_CODES:
                self.codes.append(parsed)

    def flush_into(self, result: ActorDictionary, path: Path) -> None:
        if self.names and self.codes:
            result.actors.append(PetrarchActor(tuple(self.names), tuple(self.codes), path, self.line))


def _dated_code(raw: str) -> DatedCode | None:
    match = _RESTRICTION.match(raw)
    if not match:
        return None
    code = match["code"].upper()
    try:
        if match["op"] == ">":
            return DatedCode(code, start=parse_date(match["when"]))
        if match["op"] == "<":
            return DatedCode(code, end=parse_date(match["when"]))
        if match["start"]:
            return DatedCode(code, parse_date(match["start"]), parse_date(match["end"]) + timedelta(days=1))
    except ValueError:
        return None
    return DatedCode(code)


def parse_date(text: str) -> date:
    """YYYYMMDD, or YYMMDD with years 00-29 read as 20xx and 30-99 as 19xx."""
    if len(text) == 8:
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    if len(text) == 6:
        year = int(text[:2])
        return date(year + (2000 if year < 30 else 1900), int(text[2:4]), int(text[4:]))
    raise ValueError(f"date {text!r} is neither YYMMDD nor YYYYMMDD")


def entries_from_petrarch(paths: Sequence[Path], known_states: Iterable[str]) -> list[ActorEntry]:
    """comity actor entries from PETRARCH actor dictionaries."""
    states = frozenset(known_states)
    seen: dict[str, int] = {}
    entries = []
    for path in paths:
        for actor in read_actors(Path(path)).actors:
            entries.append(_entry(actor, states, seen))
    return entries


def _entry(actor: PetrarchActor, states: frozenset[str], seen: dict[str, int]) -> ActorEntry:
    slug = "-".join(name_key(actor.names[0])) or f"line{actor.line}"
    seen[slug] = seen.get(slug, 0) + 1
    actor_id = f"petrarch:{slug}" if seen[slug] == 1 else f"petrarch:{slug}#{seen[slug]}"
    fixed = next((c.code for c in actor.codes if c.start is None and c.end is None), None)
    dated = [c for c in actor.codes if c.start is not None or c.end is not None]
    any_code = fixed or actor.codes[0].code
    country = any_code[:3] if any_code[:3] in states else None
    kind = _kind(any_code, bool(dated), states)
    roles = tuple(Role("", c.code, c.start, c.end) for c in dated)
    record = Actor(actor_id, actor.names[0].title(), kind, country, fixed if fixed or not dated else None)
    return ActorEntry(record, names=actor.names, roles=roles, origin=f"petrarch:{actor.path}:{actor.line}")


def _kind(code: str, dated: bool, states: frozenset[str]) -> str:
    if code.startswith("IGO"):
        return "igo"
    if dated:
        return "person"
    if code in states:
        return "state"
    return "org"


# ---------------------------------------------------------------- agents


def read_agents(path: Path) -> AgentDictionary:
    """Every agent noun of a PETRARCH agents dictionary, substitutions and plurals expanded."""
    substitutions: dict[str, list[str]] = {}
    result = AgentDictionary()
    for number, line in _content_lines(path):
        stripped = line.strip()
        subst = _SUBSTITUTION.match(stripped)
        if subst:
            substitutions[subst[1]] = [_clean_name(v).lower() for v in subst[2].split(",") if v.strip()]
        elif not _CODE.search(stripped):
            result.problems.append(f"{path}:{number}: an agent line needs a code such as [~GOV]: {stripped!r}")
        else:
            result.agents += _agent_line(stripped, number, substitutions)
    return result


def _agent_line(line: str, number: int, substitutions: dict[str, list[str]]) -> list[PetrarchAgent]:
    raw_code = _CODE.findall(line)[-1].replace(" ", "")
    prefix = raw_code.endswith("~") and not raw_code.startswith("~")
    code = raw_code.strip("~")
    head = line.split("[", 1)[0]
    noun_part, brace, braces = head.partition("{")
    plurals = [_clean_name(p).lower() for p in braces.split("}")[0].split() if p.strip("_ ")] if brace else None
    agents = []
    for noun in _expanded(noun_part, substitutions):
        forms = [noun] + (plurals if plurals is not None else noun_forms(noun)[1:])
        agents += [PetrarchAgent(form, code, prefix, number) for form in dict.fromkeys(forms) if form]
    return agents


def _expanded(noun: str, substitutions: dict[str, list[str]]) -> list[str]:
    marker = re.search(r"![A-Z]+!", noun)
    if marker is None:
        return [_clean_name(noun).lower()]
    values = substitutions.get(marker.group(), [])
    return [
        expanded
        for value in values
        for expanded in _expanded(noun[: marker.start()] + value + noun[marker.end() :], substitutions)
    ]
