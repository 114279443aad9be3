"""The rules by which the bundled dictionaries join our own knowledge: ours win."""

from __future__ import annotations

from datetime import date

from comity.knowledge.actors.bundled import merged_with_ours
from comity.knowledge.actors.records import ActorEntry, Role
from comity.model import Actor


def ours(actor_id: str, kind: str, code: str | None, names: tuple[str, ...], **more) -> ActorEntry:
    return ActorEntry(Actor(actor_id, names[0], kind, (code or "")[:3] or None, code), names=names, **more)


def theirs(actor_id: str, kind: str, code: str | None, names: tuple[str, ...], **more) -> ActorEntry:
    return ActorEntry(Actor(actor_id, names[0], kind, (code or "")[:3] or None, code), names=names, broad=True, **more)


def by_id(entries: list[ActorEntry]) -> dict[str, ActorEntry]:
    return {e.actor_id: e for e in entries}


def test_a_state_of_theirs_adds_its_aliases_to_ours_and_keeps_our_name_and_code() -> None:
    arnor = ours("state:ARN", "state", "ARN", ("Arnor",), demonyms=("Arnorian",))
    merged = by_id(merged_with_ours([arnor], [theirs("state:ARN", "state", "ARN", ("Arnorr", "Arnorian"), metonyms=("Fornost",))]))
    assert merged["state:ARN"].names == ("Arnor", "Arnorr")  # "Arnorian" is already ours, as a demonym
    assert merged["state:ARN"].metonyms == ("Fornost",) and merged["state:ARN"].actor.name == "Arnor"
    assert not merged["state:ARN"].broad


def test_the_same_person_is_ours_with_their_spellings_and_only_their_dates_ours_leave_open() -> None:
    mine = ours("person:isildur", "person", None, ("Isildur Elendilson",), roles=(Role("king", "ARNGOV", date(1920, 1, 1), date(1930, 1, 1)),))
    dictionary = theirs("person:phoenix-isildur", "person", "ARNELI", ("Isildur Elendilson", "King Isildur"),
                        roles=(Role("", "ARNMIL", date(1925, 1, 1), date(1926, 1, 1)), Role("", "ARNELI", date(1931, 1, 1), None)))
    merged = by_id(merged_with_ours([mine], [dictionary]))
    assert set(merged) == {"person:isildur"}  # one actor, ours
    person = merged["person:isildur"]
    assert person.names == ("Isildur Elendilson", "King Isildur")
    assert [r.code for r in person.roles] == ["ARNGOV", "ARNELI"]  # their 1925 code overlaps our reign: dropped
    assert person.actor.code is None  # their undated code is not ours


def test_another_actor_sharing_a_name_loses_that_name_only() -> None:
    rangers = ours("org:rangers", "org", "ARNREB", ("Rangers",))
    club = theirs("org:phoenix-rangers", "org", "MNCARN", ("Rangers", "Rangers Football Club"))
    merged = by_id(merged_with_ours([rangers], [club]))
    assert merged["org:rangers"].names == ("Rangers",)
    assert merged["org:phoenix-rangers"].names == ("Rangers Football Club",)
    assert merged["org:phoenix-rangers"].broad


def test_a_dictionary_entry_with_only_our_names_is_dropped_and_the_takes_no_name() -> None:
    seat = ours("state:ARN", "state", "ARN", ("Arnor",), metonyms=("White Tower",))
    merged = by_id(merged_with_ours([seat], [theirs("org:phoenix-tower", "org", "ARNGOV", ("The White Tower",))]))
    assert set(merged) == {"state:ARN"}  # "The White Tower" is our seat with its article


def test_our_duplicates_are_one_actor_before_theirs_join() -> None:
    table = ours("state:ARN", "state", "ARN", ("Arnor",))
    curated = ActorEntry(Actor("state:ARN", "", "state", "ARN", "ARN"), names=("Kingdom of Arnor",))
    merged = by_id(merged_with_ours([table, curated], [theirs("state:ARN", "state", "ARN", ("Arnorr",))]))
    assert merged["state:ARN"].names == ("Arnor", "Kingdom of Arnor", "Arnorr")
