from __future__ import annotations

from pathlib import Path

import pytest

from comity.errors import KnowledgeError
from comity.knowledge.cameo import Codebook


@pytest.fixture(scope="module")
def codebook() -> Codebook:
    return Codebook.default()


def test_every_root_is_present_with_its_codes(codebook: Codebook) -> None:
    roots = {f"{n:02d}" for n in range(1, 21)}
    assert roots <= {entry.code for entry in codebook}
    for root in roots:
        children = [e for e in codebook if e.root == root and len(e.code) >= 3]
        assert children, f"root {root} has no three-digit codes"


def test_entry_facts(codebook: Codebook) -> None:
    visit = codebook.entry("042")
    assert (visit.name, visit.root, visit.goldstein, visit.quad_class, visit.plover) == (
        "Make a visit", "04", 1.9, 1, "CONSULT",
    )  # fmt: skip
    assert visit.plover_mode == "visit"
    assert codebook.entry("051").plover == "SUPPORT"
    assert codebook.entry("190").quad_class == 4
    assert codebook.entry("190").goldstein == -10.0


def test_plover_falls_back_to_the_nearest_listed_ancestor(codebook: Codebook) -> None:
    assert codebook.entry("0213").plover == "REQUEST"  # appeals: PLOVER REQUEST
    assert codebook.entry("010").plover is None  # PLOVER has no public-statement type
    assert codebook.entry("1823").plover == "ASSAULT"


def test_quad_classes_follow_the_roots(codebook: Codebook) -> None:
    expected = {"01": 1, "05": 1, "06": 2, "08": 2, "10": 3, "14": 3, "15": 4, "20": 4}
    for root, quad in expected.items():
        assert codebook.entry(root).quad_class == quad


def test_unknown_code_is_a_knowledge_error(codebook: Codebook) -> None:
    with pytest.raises(KnowledgeError, match="'999'"):
        codebook.entry("999")


def test_malformed_file_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "codebook.tsv"
    header = "code\troot\tname\tgoldstein\tquad_class\tplover\tplover_mode\tplover_context\n"
    bad.write_text(header + "042\t04\tMake a visit\tnot-a-number\t1\tCONSULT\tvisit\t\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"codebook.tsv:2"):
        Codebook.from_file(bad)
