"""Terms of event patterns: words, noun phrases, synonym sets and prepositional phrases."""

from __future__ import annotations

from pathlib import Path

import pytest

from comity.errors import KnowledgeError
from comity.knowledge.pattern_terms import Phrase, PrepTerm, merged_synsets, parse_prep, parse_term, read_own_synsets

SETS = {
    "&SHIPS": (("frigate",), ("patrol", "boat")),
    "&FLEET": (("&SHIPS",), ("barge",)),
}


def test_a_word_a_phrase_and_alternatives() -> None:
    term = parse_term(["Aid", "arms shipment"], SETS, "x:1", "object")
    assert set(term.phrases) == {Phrase(frozenset({"aid"})), Phrase(frozenset({"shipment"}), (frozenset({"arms"}),))}
    assert term.heads == {"aid", "shipment"}


def test_a_synonym_set_expands_to_its_members_and_nested_sets() -> None:
    term = parse_term("&FLEET", SETS, "x:1", "object")
    assert set(term.phrases) == {Phrase(frozenset({"frigate", "barge"})), Phrase(frozenset({"boat"}), (frozenset({"patrol"}),))}


def test_a_set_as_a_modifier_stands_for_the_heads_of_its_members() -> None:
    term = parse_term("&SHIPS attack", SETS, "x:1", "after")
    assert term.phrases == (Phrase(frozenset({"attack"}), (frozenset({"frigate", "boat"}),)),)


def test_prepositional_phrases() -> None:
    assert parse_prep(["to", "in &SHIPS"], SETS, "x:1") == (PrepTerm("to"), PrepTerm("in", parse_term("&SHIPS", SETS, "x:1", "prep")))


@pytest.mark.parametrize(("value", "message"), [
    ("&NAVY", "unknown synonym set '&NAVY'"),
    (True, "quote the words on, off, yes and no"),
    ([], "must be a word, a phrase or a list of them"),
])
def test_bad_terms_say_what_to_do(value, message: str) -> None:
    with pytest.raises(KnowledgeError, match=rf"x:1: .*{message}"):
        parse_term(value, SETS, "x:1", "object")


def test_a_set_that_contains_itself_is_refused() -> None:
    with pytest.raises(KnowledgeError, match="contains itself"):
        parse_term("&LOOP", {"&LOOP": (("&LOOP",),)}, "x:1", "object")


def test_our_synonym_sets_extend_the_broad_layers_sets_of_the_same_name(tmp_path: Path) -> None:
    path = tmp_path / "synsets.yaml"
    path.write_text('ships: [corvette, "gun boat"]\nenvoy: [ambassador]\n', encoding="utf-8")
    ours = read_own_synsets(path)
    assert ours == {"&SHIPS": (("corvette",), ("gun", "boat")), "&ENVOY": (("ambassador",),)}
    assert merged_synsets(SETS, ours)["&SHIPS"] == (("frigate",), ("patrol", "boat"), ("corvette",), ("gun", "boat"))
