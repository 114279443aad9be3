"""The bundled Phoenix tables: what the conversion keeps and drops (on dictionary lines of our
own writing), that the shipped tables are exactly its output, and that they load fast enough
to stay in the default knowledge (a ratio, not a timing: bench/knowledge_load.py reports it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from comity.knowledge.actors import ActorKnowledge
from comity.knowledge.actors.files import ACTORS_DIR
from comity.knowledge.actors.table import read_actor_table
from comity.knowledge.phoenix import (
    ACTOR_TABLE,
    AGENT_TABLE,
    ORGANIZATION_TABLE,
    PHOENIX_DIR,
    Sources,
    Vocabulary,
    convert,
    convert_actors,
    excluded_docs,
)

REPO = Path(__file__).resolve().parents[2]

DICTIONARY = """\
ARNOR_  [ARN]
+ARNORIAN_
+FORNOST_
+ANNUMINAS_
+THE_NORTH_KINGDOM_
+ARNORR_
ISILDUR_ELENDILSON_
+ISILDUR_
+KING_ISILDUR_
    [ARNGOV 19200101-19300101]
    [ARNELI]
FORCE_  [ARNMIL]
ARNOR_MOTOR_COMPANY_  [MNCARN]
SECRETARY_OF_STATE_  [ARNGOV]
ARNORIAN_RANGERS_  [ARNREB]
ANGMAR_WASTES_  [ARNANG]
"""


@pytest.fixture
def vocabulary() -> Vocabulary:
    return Vocabulary(
        ordinary=frozenset({"force", "secretary", "state", "king"}),
        adjectives=frozenset({"arnorian"}),
        common_surnames=frozenset(),
        places={("fornost",): ("city", "ARN", True), ("annuminas",): ("city", "ARN", False),
                ("arnor",): ("country", "ARN", False)},
        country_names={"ARN": [("arnor",)]},
        territories=frozenset({"ARN"}),
    )


@pytest.fixture
def converted(tmp_path: Path, vocabulary: Vocabulary, monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    monkeypatch.setattr("comity.knowledge.phoenix.iso3_codes", lambda: ("ARN",))
    path = tmp_path / "arnor.actors.txt"
    path.write_text(DICTIONARY, encoding="utf-8")
    return {e.actor.name: e for e in convert_actors([path], vocabulary)}


def test_a_states_aliases_are_sorted_into_names_demonyms_and_its_capital(converted) -> None:
    arnor = converted["Arnor"]
    assert arnor.actor_id == "state:ARN"
    assert set(arnor.names) == {"Arnor", "Arnorr"}  # a spelling of the country's name stays
    assert arnor.demonyms == ("Arnorian",)
    assert arnor.metonyms == ("Fornost",)  # the capital; Annuminas, another city, is a place
    assert "The North Kingdom" not in arnor.names  # no form of the country's own names


def test_a_person_keeps_dated_codes_and_takes_one_word_aliases_as_surnames(converted) -> None:
    isildur = converted["Isildur Elendilson"]
    assert (isildur.actor.kind, isildur.actor.code, isildur.actor.country) == ("person", "ARNELI", "ARN")
    assert [(r.code, r.start.year, r.end.year) for r in isildur.roles] == [("ARNGOV", 1920, 1930)]
    assert "Isildur" in isildur.surnames and "Isildur" not in isildur.names
    assert "King Isildur" in isildur.names


def test_ordinary_words_generic_bodies_and_regions(converted) -> None:
    assert "Force" not in converted  # an ordinary English word
    assert "Secretary of State" not in converted  # a body any country has
    assert converted["Arnor Motor Company"].agent == "BUS"  # a business
    assert converted["Arnorian Rangers"].agent == "REB"
    assert converted["Angmar Wastes"].actor.kind == "place"  # a region: ARNANG names no sector


def test_the_bundled_tables_are_the_conversion_of_the_shared_dictionaries(shared_dir: Path, tmp_path: Path) -> None:
    phoenix, corpus = shared_dir / "data" / "phoenix", shared_dir / "corpora" / "reuters21578.jsonl"
    if not phoenix.is_dir() or not corpus.is_file():
        pytest.skip("../shared/data/phoenix or ../shared/corpora/reuters21578.jsonl is absent")
    convert(Sources(phoenix, corpus, excluded_docs(sorted((REPO / "tests" / "gold").glob("*.jsonl")))), tmp_path)
    for name in (ACTOR_TABLE, ORGANIZATION_TABLE, AGENT_TABLE):
        assert (tmp_path / name).read_text(encoding="utf-8") == (PHOENIX_DIR / name).read_text(encoding="utf-8"), (
            f"{name} differs from the conversion: run scripts/convert_phoenix.py")


def test_the_bundled_tables_read_well_and_keep_the_license_beside_them() -> None:
    entries = read_actor_table(PHOENIX_DIR / ACTOR_TABLE, broad=True)
    assert len(entries) > 20000 and all(e.broad for e in entries)
    for entry in entries:
        assert all(r.start is None or r.end is None or r.start < r.end for r in entry.roles), entry.actor_id
        assert entry.actor.kind != "person" or entry.roles or entry.actor.code, entry.actor_id
    assert "MIT License" in (PHOENIX_DIR / "LICENSE-phoenix.txt").read_text(encoding="utf-8")


def test_the_default_knowledge_knows_the_dictionaries_people_with_their_dates() -> None:
    kb = ActorKnowledge.default()
    [match] = kb.match_names("Ramiz Alia")  # Albania's leader, known to the dictionaries alone
    actor_id = match.forms[0].actor_id
    assert kb.code_at(actor_id, __import__("datetime").date(1987, 3, 2))[0] == "ALBGOV"
    assert kb.is_broad(actor_id)
    assert ACTORS_DIR / "phoenix" == PHOENIX_DIR
