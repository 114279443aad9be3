"""How the bundled Phoenix actors join comity's own (`people.yaml`, `organizations.yaml`...): ours
win on every conflict, so a curated fact is never overridden by the broad dictionary.

- **A state** of theirs is ours: its aliases join our state's names, demonyms and metonyms;
  our names and code stay.
- **The same actor** (they share a name with one of ours and are both people, or both bodies
  with the same code): one actor, ours. Their other spellings join ours as variants; of their
  dated codes only those over dates none of our roles covers are kept; their undated code
  is dropped (ours says who the actor is outside its roles).
- **Different actors sharing a name** (another person of the same name, a body coded
  otherwise): the name stays ours only; theirs keeps its other names, or is dropped when
  none is left.
- **A name one of ours has in any form** (name, abbreviation, demonym, metonym, surname)
  names our actor only, whatever entry of theirs also lists it.
- Theirs stay marked `broad` (as read): a surname of theirs refers back to a person the
  text named in full, and never names one first; ours joined by theirs are ours, not broad.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace

from comity.knowledge.actors.records import ActorEntry, Role, unique
from comity.knowledge.actors.words import name_key


def merged_with_ours(ours: Sequence[ActorEntry], theirs: Iterable[ActorEntry]) -> list[ActorEntry]:
    """Our entries, extended by theirs where the rules above allow, then theirs that stand alone."""
    by_id: dict[str, ActorEntry] = {}
    for entry in ours:  # one entry per actor: states.tsv and states.yaml both hold a state
        by_id[entry.actor_id] = by_id[entry.actor_id].merged(entry) if entry.actor_id in by_id else entry
    owner = _name_owners(by_id.values())
    alone: list[ActorEntry] = []
    for entry in theirs:
        if entry.actor_id in by_id:
            by_id[entry.actor_id] = _joined_state(by_id[entry.actor_id], entry, owner)
            continue
        same = _same_actor(entry, owner, by_id)
        if same is not None:
            by_id[same.actor_id] = _joined(same, entry, owner)
            continue
        kept = _without_our_names(entry, owner)
        if kept is not None:
            alone.append(kept)
    return [*by_id.values(), *alone]


def _name_owners(ours: Iterable[ActorEntry]) -> dict[tuple[str, ...], str]:
    owner: dict[tuple[str, ...], str] = {}
    for entry in ours:
        for name in (*entry.names, *entry.abbreviations, *entry.demonyms, *entry.metonyms, *entry.surnames):
            owner.setdefault(name_key(name), entry.actor_id)
    return owner


def _owned(name: str, owner: dict[tuple[str, ...], str]) -> str | None:
    """Our actor a name is, as written or with a leading "the" ("The White House")."""
    key = name_key(name)
    return owner.get(key) or (owner.get(key[1:]) if key[:1] == ("the",) else None)


def _free(names: Iterable[str], owner: dict[tuple[str, ...], str]) -> tuple[str, ...]:
    """The names none of our actors has in any form."""
    return tuple(n for n in names if _owned(n, owner) is None)


def _joined_state(ours: ActorEntry, theirs: ActorEntry, owner: dict[tuple[str, ...], str]) -> ActorEntry:
    return replace(
        ours,
        broad=ours.broad and theirs.broad,
        names=unique(ours.names + _free(theirs.names, owner)),
        demonyms=unique(ours.demonyms + _free(theirs.demonyms, owner)),
        metonyms=unique(ours.metonyms + _free(theirs.metonyms, owner)),
    )


def _same_actor(entry: ActorEntry, owner: dict[tuple[str, ...], str], by_id: dict[str, ActorEntry]) -> ActorEntry | None:
    """Our actor that theirs is, when they share a name and agree on what it is."""
    for name in entry.names:
        actor_id = _owned(name, owner)
        if actor_id is None:
            continue
        ours = by_id[actor_id]
        if ours.actor.kind == "person" and entry.actor.kind == "person":
            return ours
        if ours.actor.kind != "person" and entry.actor.kind != "person" and ours.actor.code == entry.actor.code:
            return ours
    return None


def _joined(ours: ActorEntry, theirs: ActorEntry, owner: dict[tuple[str, ...], str]) -> ActorEntry:
    return replace(
        ours,
        broad=ours.broad and theirs.broad,
        names=unique(ours.names + _free(theirs.names, owner)),
        roles=ours.roles + tuple(_roles_outside(theirs.roles, ours.roles)),
    )


def _roles_outside(theirs: Iterable[Role], ours: Sequence[Role]) -> Iterator[Role]:
    for role in theirs:
        if not any(_overlap(role, mine) for mine in ours):
            yield role


def _overlap(a: Role, b: Role) -> bool:
    starts_before_b_ends = b.end is None or a.start is None or a.start < b.end
    ends_after_b_starts = a.end is None or b.start is None or b.start < a.end
    return starts_before_b_ends and ends_after_b_starts


def _without_our_names(entry: ActorEntry, owner: dict[tuple[str, ...], str]) -> ActorEntry | None:
    names = _free(entry.names, owner)
    if not names:
        return None
    if names == entry.names:
        return entry
    return replace(entry, actor=replace(entry.actor, name=names[0]), names=names)
