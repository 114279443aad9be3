"""A PETRARCH verb dictionary compiled into comity pattern records: each element of the format
becomes the key our YAML patterns use, on a dictionary of our own writing."""

from __future__ import annotations

from pathlib import Path

import pytest

from comity.errors import KnowledgeError
from comity.knowledge.cameo import Codebook
from comity.knowledge.event_patterns import NO_EVENT, USER_LAYER
from comity.knowledge.petrarch_verbs import parse_verb_dictionary
from comity.knowledge.verb_dictionary import DEFAULT_TARGET, compile_dictionary, read_user_patterns, verbs_named

DICTIONARY = """\
&SHIPS
+FRIGATE
+PATROL_BOAT

---  HAIL   [051]  ---
HAIL
LAUD
EXTOL [052]
+SING_OUT [050]
RE_+HAIL
SNUB [---]
- * {BRAVE CREW}                [053]    # LAUD
- &SHIPS * (TO +)               [042:043]
- $ * (WITH {FLEET COMMAND}) +  [045]
- * (BEFORE COURT)              [:173]
- * ^ DECISION (OF $)           [---]
- NEVER_*_AGAIN                 [012]
- * FROM $ TO +                 [061]
- * UP SUPPORT                  [051]
- * STORM                       [999]
- + BEEN * (BY $)               [110]
"""


@pytest.fixture(scope="module")
def plain() -> dict[int, dict]:
    compiled = compile_dictionary(parse_verb_dictionary(DICTIONARY, Path("ours.verbs.txt")), Codebook.default())
    return {int(origin.rsplit(":", 1)[1]): record for record, origin in compiled.records}


@pytest.fixture(scope="module")
def records() -> dict[int, dict]:
    compiled = compile_dictionary(parse_verb_dictionary(DICTIONARY, Path("ours.verbs.txt")), Codebook.default(), widened=True)
    return {int(origin.rsplit(":", 1)[1]): record for record, origin in compiled.records}


def test_the_block_code_codes_its_plain_verbs_and_own_codes_their_verbs(plain) -> None:
    assert plain[5] == {"id": "ours.verbs.txt:HAIL:5", "verb": ["hail", "laud"], "source": ["subject"], "target": list(DEFAULT_TARGET),
                        "mutual": True, "need_target": True, "cameo": "051"}  # fmt: skip
    assert (plain[8]["verb"], plain[8]["cameo"]) == (["extol"], "052")
    assert 11 not in plain  # SNUB [---]: the verb alone codes nothing


def test_multi_word_verbs_are_their_verb_word_with_particles_or_preceding_words(plain) -> None:
    assert (plain[9]["verb"], plain[9]["particle"], plain[9]["cameo"]) == (["sing"], ["out"], "050")
    assert (plain[10]["verb"], plain[10]["preceded_by"], plain[10]["cameo"]) == (["hail"], ["re"], "051")


def test_a_widened_dictionary_codes_no_verb_alone_but_multi_word_verbs_with_their_own_code(records) -> None:
    assert sorted(line for line in records if line < 12) == [9]


def test_pattern_elements_become_keys(records) -> None:
    assert records[12]["after"] == ["brave crew"] and records[12]["verb"] == ["laud"]  # the comment names its verb
    assert records[13]["before"] == ["&SHIPS"] and records[13]["prep"] == ["to"] and records[13]["target"] == ["prep:to"]
    assert (records[13]["cameo"], records[13]["reverse"]) == ("042", "043")
    assert records[14]["source"] == ["subject"] and records[14]["prep"] == ["with fleet command"] and records[14]["target"] == ["object"]
    assert records[17]["preceded_by"] == ["never"] and records[17]["followed_by"] == ["again"]
    assert records[18]["prep"] == ["from", "to"] and records[18]["source"] == ["prep:from"] and records[18]["target"] == ["prep:to"]
    assert records[19]["particle"] == ["up"] and records[19]["after"] == ["support"]


def test_a_reverse_only_code_swaps_the_sides_and_the_null_code_is_no_event(records) -> None:
    assert records[15]["cameo"] == "173" and records[15]["source"] == list(DEFAULT_TARGET) and records[15]["target"] == ["subject"]
    assert records[16]["cameo"] == NO_EVENT and records[16]["source"] == ["prep:of"]


def test_a_passive_pattern_takes_the_agent_as_the_other_side(records) -> None:
    assert records[21]["target"] == ["object"] and records[21]["source"] == ["prep:by"]


def test_a_code_the_codebook_lacks_is_no_event_and_reported() -> None:
    compiled = compile_dictionary(parse_verb_dictionary(DICTIONARY, Path("ours.verbs.txt")), Codebook.default())
    by_line = {int(origin.rsplit(":", 1)[1]): record for record, origin in compiled.records}
    assert by_line[20]["cameo"] == NO_EVENT
    assert compiled.problems == ["ours.verbs.txt:20: code [999] is not in the CAMEO codebook; the phrase codes no event"]


def test_without_verbs_from_comments_a_pattern_is_for_every_verb_of_its_block() -> None:
    compiled = compile_dictionary(parse_verb_dictionary(DICTIONARY, Path("ours.verbs.txt")), Codebook.default())
    first_pattern = next(record for record, origin in compiled.records if origin.endswith(":12"))
    assert first_pattern["verb"] == ["extol", "hail", "laud", "snub"]


def test_comments_name_verbs_in_any_form() -> None:
    block = parse_verb_dictionary("---  CARRY  [---]  ---\n+CARRY_OUT {+CARRIED_OUT}\nHURRY\nRUSH\n", Path("x")).blocks[0]
    assert [v.words for v in verbs_named("CARRIED_OUT , HURRIES <ab 2005>", block.verbs)] == [("CARRY", "OUT"), ("HURRY",)]
    assert verbs_named("OY 14 Mar 2006", block.verbs) == []


def test_user_dictionaries_are_patterns_of_the_user_layer_with_their_own_synonym_sets(tmp_path: Path) -> None:
    path = tmp_path / "mine.verbs.txt"
    path.write_text(DICTIONARY, encoding="utf-8")
    patterns = read_user_patterns([path])
    assert {p.layer for p in patterns.patterns} == {USER_LAYER}
    ships = next(p for p in patterns.patterns if p.pattern_id == "mine.verbs.txt:HAIL:13")
    assert ships.before[0].heads == {"frigate", "boat"}
    assert patterns.problems == [f"{path}:20: code [999] is not in the CAMEO codebook; the phrase codes no event"]
    path.write_text(DICTIONARY + "- * &UNDEFINED [051]\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="mine.verbs.txt:22: unknown synonym set '&UNDEFINED'"):
        read_user_patterns([path])
