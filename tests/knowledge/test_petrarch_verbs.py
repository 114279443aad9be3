"""The PETRARCH verb dictionary reader: each element of the format on a dictionary of our own
writing, bad lines with their file and line, then the real dictionaries in ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

from comity.errors import KnowledgeError
from comity.knowledge.petrarch_verbs import Code, Marker, PrepPhrase, Words, parse_verb_dictionary, read_verb_dictionary

DICTIONARY = """\
# a comment line
<!-- a comment
     over two lines -->
&SHIPS_
+FRIGATE
+PATROL_BOAT      # a phrase
+GUN BOAT

&VESSELS
+&SHIPS
+BARGE

---  HAIL   [051]  ---
HAIL
LAUD {LAUDS LAUDED LAUDING}  # irregular forms
EXTOL [052]
+SING_OUT {+SANG_OUT +SUNG_OUT} [050]
RE_+HAIL
SNUB [---]
- * {BRAVE CREW}                [053]
- &VESSELS * (TO +)             [042:043]
- $ * (WITH {FLEET COMMAND}) +  [045]
- * (BEFORE COURT)              [:173]
- * ^ DECISION (OF $)           [---]
- % *                           [050:050]
- NEVER_*_AGAIN                 [012]
- * FROM $ TO +                 [061]

######## TRANSFORMATIONS ##########
~ a (a b HAIL) SAY = a b 051
"""


@pytest.fixture(scope="module")
def dictionary():
    return parse_verb_dictionary(DICTIONARY, Path("ours.verbs.txt"))


def test_synonym_sets_hold_words_phrases_and_other_sets(dictionary) -> None:
    assert dictionary.synsets["&SHIPS"] == (("FRIGATE",), ("PATROL", "BOAT"), ("GUN", "BOAT"))
    assert dictionary.synsets["&VESSELS"] == (("&SHIPS",), ("BARGE",))


def test_a_verb_block_has_its_code_verbs_and_their_own_codes(dictionary) -> None:
    (block,) = dictionary.blocks
    assert (block.meaning, block.code) == ("HAIL", Code("051", "051", None))
    verbs = {verb.words: verb for verb in block.verbs}
    assert list(verbs) == [("HAIL",), ("LAUD",), ("EXTOL",), ("SING", "OUT"), ("RE", "HAIL"), ("SNUB",)]
    assert verbs["LAUD",].forms == ("LAUDS", "LAUDED", "LAUDING") and verbs["LAUD",].code is None
    assert verbs["EXTOL",].code == Code("052", "052", None)
    assert (verbs["SING", "OUT"].head, verbs["SING", "OUT"].lemma, verbs["SING", "OUT"].forms) == (0, "SING", ("+SANG_OUT", "+SUNG_OUT"))
    assert (verbs["RE", "HAIL"].head, verbs["RE", "HAIL"].lemma) == (1, "HAIL")
    assert verbs["SNUB",].code is not None and verbs["SNUB",].code.is_null


def test_patterns_read_every_element(dictionary) -> None:
    patterns = {p.line: p for p in dictionary.blocks[0].patterns}
    assert patterns[20].after == (Words(("BRAVE", "CREW")),)
    assert patterns[21].before == (Words(("&VESSELS",)),)
    assert patterns[21].after == (PrepPhrase("TO", (Marker("+"),)),)
    assert patterns[21].code == Code("042:043", "042", "043")
    assert patterns[22].before == (Marker("$"),)
    assert patterns[22].after == (PrepPhrase("WITH", (Words(("FLEET", "COMMAND")),)), Marker("+"))
    assert patterns[23].code == Code(":173", None, "173")
    assert patterns[24].after == (Marker("^"), Words(("DECISION",)), PrepPhrase("OF", (Marker("$"),)))
    assert patterns[24].code.is_null
    assert patterns[25].before == (Marker("%"),) and patterns[25].code == Code("050:050", "050", "050")
    assert (patterns[26].joined_before, patterns[26].joined_after) == (("NEVER",), ("AGAIN",))
    assert patterns[27].after == (Words(("FROM",)), Marker("$"), Words(("TO",)), Marker("+"))


def test_transformations_are_read_and_kept(dictionary) -> None:
    assert [(t.text, t.line) for t in dictionary.transformations] == [("a (a b HAIL) SAY = a b 051", 30)]


@pytest.mark.parametrize(("line", "message"), [
    ("- * (TO BORDER [042]", "'\\(' without its closing '\\)'"),
    ("- * TO BORDER) [042]", "'\\)' without its opening bracket"),
    ("- * {BRAVE CREW [042]", "without its closing"),
    ("- * (TO (BORDER)) [042]", "cannot hold another '\\('"),
    ("- * () [042]", "empty prepositional phrase"),
    ("- * BORDER", "ends with its code in brackets"),
    ("- BORDER [042]", "exactly one '\\*'"),
    ("- * * BORDER [042]", "exactly one '\\*'"),
    ("- * BORDER []", "an empty code"),
    ("+SING_+OUT", "one verb word"),
    ("~ a (a b HAIL) SAY", "needs '='"),
])
def test_bad_lines_raise_with_file_and_line(line: str, message: str) -> None:
    text = f"---  HAIL  [051]  ---\nHAIL\n{line}\n"
    with pytest.raises(KnowledgeError, match=rf"ours.verbs.txt:3: .*{message}"):
        parse_verb_dictionary(text, Path("ours.verbs.txt"))


def test_a_pattern_or_verb_outside_a_block_is_a_bad_line() -> None:
    with pytest.raises(KnowledgeError, match="ours.verbs.txt:1: a pattern outside a verb block"):
        parse_verb_dictionary("- * BORDER [042]\n", Path("ours.verbs.txt"))
    with pytest.raises(KnowledgeError, match=r"ours.verbs.txt:3: a verb outside a verb block \(after synonym set &SHIPS\)"):
        parse_verb_dictionary("&SHIPS\n+FRIGATE\nHAIL\n", Path("ours.verbs.txt"))


def test_not_strict_skips_bad_lines_and_lists_them() -> None:
    text = "---  HAIL  [051]  ---\nHAIL\n- * (TO BORDER [042]\n- * CREW [053]\n"
    dictionary = parse_verb_dictionary(text, Path("ours.verbs.txt"), strict=False)
    assert [p.line for p in dictionary.blocks[0].patterns] == [4]
    assert dictionary.problems == ["ours.verbs.txt:3: '(' without its closing ')'"]


def test_tabari_comments_and_discard_codes() -> None:
    text = "---  HAIL  [051]  ---\nHAIL {HAILS};tony 3/9/91\n- * CREW  [###]  # discard\n"
    dictionary = parse_verb_dictionary(text, Path("ours.verbs.txt"))
    assert dictionary.blocks[0].verbs[0].forms == ("HAILS",)
    assert dictionary.blocks[0].patterns[0].code.text == "###"


@pytest.mark.parametrize(("name", "blocks", "patterns", "problems"), [
    ("CAMEO.2.0.txt", 397, 4666, 2),
    ("PETR.Validate.verbs.txt", 261, 474, 0),
    ("PETR.Validate.verbs.2.0.txt", 69, 452, 1),  # line 453: a pattern without its "- "
])
def test_the_field_dictionaries_read(shared_dir: Path, name: str, blocks: int, patterns: int, problems: int) -> None:
    dictionary = read_verb_dictionary(shared_dir / "data" / "petrarch" / name, strict=False)
    assert (len(dictionary.blocks), sum(len(b.patterns) for b in dictionary.blocks), len(dictionary.problems)) == (blocks, patterns, problems)
    assert "&WEAPON" in dictionary.synsets or name != "CAMEO.2.0.txt"
