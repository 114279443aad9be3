"""The senses in which event words name no event: data file, loader and its errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from comity.errors import KnowledgeError
from comity.knowledge.senses import NonEventSenses


def test_the_bundled_file_lists_market_and_figurative_senses() -> None:
    senses = NonEventSenses.default()
    hit = {word for sense in senses.for_lemma("hit") for word in sense.words.get("object", ())}
    assert {"record", "high"} <= hit and "target" not in hit  # "struck targets in Gaza" is an attack
    assert any("price" in sense.words.get("modifier", ()) for sense in senses.for_lemma("war"))
    assert senses.for_lemma("negotiate") == []


def test_an_entry_needs_a_lemma_and_a_dependent(tmp_path: Path) -> None:
    path = tmp_path / "senses.yaml"
    path.write_text("senses:\n  - lemma: hit\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="entry 1: give at least one of object, modifier, adverb, subject"):
        NonEventSenses.from_file(path)
    path.write_text("senses:\n  - lemma: march\n    adverb: [on]\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="'adverb' must be a word or a list of words"):
        NonEventSenses.from_file(path)
    path.write_text("senses:\n  - lemma: march\n    doer: [army]\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="unknown keys \\['doer'\\]"):
        NonEventSenses.from_file(path)
