"""The broad layer ships as our own data: the files in data/patterns/broad are what
scripts/convert_petrarch_verbs.py makes of ../shared's CAMEO.2.0.txt, with its license."""

from __future__ import annotations

import json
from pathlib import Path

from comity.knowledge.broad_layer import broad_layer_files
from comity.knowledge.event_patterns import BROAD_LAYER, BROAD_PATTERNS, PatternSet
from comity.knowledge.pattern_terms import OWN_SYNSETS

SHIPPED = BROAD_PATTERNS.parent


def test_the_shipped_layer_is_what_the_converter_makes_of_the_dictionary(shared_dir: Path) -> None:
    made = broad_layer_files(shared_dir / "data" / "petrarch" / "CAMEO.2.0.txt", own_synsets=OWN_SYNSETS)
    for name, content in made.items():
        assert (SHIPPED / name).read_text(encoding="utf-8") == content, f"{name} differs: run scripts/convert_petrarch_verbs.py"


def test_the_license_travels_with_the_converted_data() -> None:
    text = (SHIPPED / "LICENSE").read_text(encoding="utf-8")
    assert "CAMEO.2.0.txt" in text and "The MIT License (MIT)" in text and "Open Event Data Alliance" in text


def test_every_pattern_names_where_it_comes_from_and_a_generic_one_codes_only_between_political_actors() -> None:
    patterns = PatternSet.broad()
    assert len(patterns) > 4000
    assert all(p.pattern_id.startswith("CAMEO.2.0.txt:") and p.layer == BROAD_LAYER and p.need_target for p in patterns.patterns)
    assert all(p.political == (not p.after and not p.before) for p in patterns.patterns)


def test_nothing_is_dropped_silently() -> None:
    rows = (SHIPPED / "dropped.tsv").read_text(encoding="utf-8").splitlines()
    assert rows[0] == "where\twhy"
    assert all(row.startswith("CAMEO.2.0.txt:") and "\t" in row for row in rows[1:])
    assert any("is not in the CAMEO codebook" in row for row in rows)


def test_the_synonym_sets_of_the_dictionary_ship_with_it() -> None:
    sets = json.loads((SHIPPED / "synsets.json").read_text(encoding="utf-8"))
    assert "machine gun" in sets["&WEAPON"] and "truce" in sets["&CEASEFIRE"]
