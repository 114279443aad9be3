"""The bundled demo corpus, the held-out unseen articles (two sets) and their gold are well-formed.

These check the data, not the coder: sidecars parse and name their file, every gold row
points at a real article and quotes it verbatim, dates and CAMEO roots are valid, and the
traps (comments, navigation) carry no gold.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
DEMO_DIR = REPO / "src" / "comity" / "data" / "demo"
UNSEEN_DIR = REPO / "tests" / "fixtures" / "unseen"
UNSEEN2_DIR = REPO / "tests" / "fixtures" / "unseen2"
DEV2_DIR = REPO / "tests" / "fixtures" / "dev2"
GOLD_DIR = REPO / "tests" / "gold"
GOLD_FILES = {
    "demo": (GOLD_DIR / "demo.jsonl", DEMO_DIR),
    "unseen": (GOLD_DIR / "unseen.jsonl", UNSEEN_DIR),
    "unseen2": (GOLD_DIR / "unseen2.jsonl", UNSEEN2_DIR),
    "dev2": (GOLD_DIR / "dev2.jsonl", DEV2_DIR),
}
HELD_OUT = ("unseen", "unseen2")
SIDECARS = sorted([*DEMO_DIR.glob("*.meta.json"), *UNSEEN_DIR.glob("*.meta.json"), *UNSEEN2_DIR.glob("*.meta.json"), *DEV2_DIR.glob("*.meta.json")])
ARTICLES = sorted([*DEMO_DIR.glob("*.txt"), *UNSEEN_DIR.glob("*.txt")])

SIDECAR_SUFFIX = ".meta.json"
SIDECAR_KEYS = {"doc_id", "url", "outlet", "title", "published", "language"}
GOLD_KEYS = {
    "doc_id", "gold_id", "source", "target", "symmetric", "cameo_root", "date", "required", "cluster", "evidence",
}
ISO3 = re.compile(r"[A-Z]{3}")
ISO_CUT_DATE = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?")
# Lines after which a page holds no article text: a comment counter or a site-navigation heading.
TRAILER_LINE = re.compile(r"^(?:\d+ comments|More from .+|Related articles|Related|Read more|Comments \(\d+\))$", re.MULTILINE)
# Articles whose metadata must be found in the text, and the cue that carries it.
TEXT_ONLY_METADATA = {
    "01_singapore_summit_meridian": re.compile(r"^June 13, 2018$", re.MULTILINE),
    "04_kim_letter_yonhap": re.compile(r"^SEOUL, Dec\. 30 \(Yonhap\) --", re.MULTILINE),
    "09_unga_resolution_byline": re.compile(r"^By Jane Doe \| Published: 2022-03-02 14:05$", re.MULTILINE),
}


def articles(directory: Path) -> dict[str, Path]:
    return {path.stem: path for path in sorted(directory.glob("*.txt"))}


def read_gold(name: str) -> list[dict[str, Any]]:
    path, _ = GOLD_FILES[name]
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def parse_cut_date(value: str) -> dt.date:
    """An ISO 8601 date cut to year, month or day; raises ValueError when it is not one."""
    match = ISO_CUT_DATE.fullmatch(value)
    if match is None:
        raise ValueError(f"{value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    return dt.date(int(match["year"]), int(match["month"] or 1), int(match["day"] or 1))


def accepted_dates(row: dict[str, Any]) -> list[str]:
    return [row["date"], *row.get("date_alt", [])] if row["date"] is not None else []


def word_count(text: str) -> int:
    trailer = TRAILER_LINE.search(text)
    return len(text[: trailer.start() if trailer else len(text)].split())


# --- articles and sidecars ------------------------------------------------------------------


def test_demo_has_ten_articles_and_exactly_the_text_only_ones_lack_a_sidecar():
    demo = articles(DEMO_DIR)
    assert len(demo) == 10
    without_sidecar = {stem for stem, path in demo.items() if not path.with_name(stem + SIDECAR_SUFFIX).exists()}
    assert without_sidecar == set(TEXT_ONLY_METADATA)


@pytest.mark.parametrize("stem", sorted(TEXT_ONLY_METADATA))
def test_text_only_article_carries_its_metadata_cue(stem: str):
    text = (DEMO_DIR / f"{stem}.txt").read_text(encoding="utf-8")
    assert TEXT_ONLY_METADATA[stem].search(text), f"{stem}: its dateline, date line or byline is gone"


def test_every_unseen_article_has_a_sidecar():
    unseen = articles(UNSEEN_DIR)
    assert len(unseen) == 4
    assert all(path.with_name(stem + SIDECAR_SUFFIX).exists() for stem, path in unseen.items())


@pytest.mark.parametrize("sidecar", SIDECARS, ids=lambda p: p.name)
def test_sidecar_parses_and_names_its_article(sidecar: Path):
    meta = json.loads(sidecar.read_text(encoding="utf-8"))
    stem = sidecar.name.removesuffix(SIDECAR_SUFFIX)
    assert set(meta) == SIDECAR_KEYS
    assert meta["doc_id"] == stem
    assert sidecar.with_name(stem + ".txt").exists()
    assert meta["language"] == "en"
    assert re.match(r"https://[a-z0-9.-]*example\.org/", meta["url"]), "demo URLs must be fake example.org addresses"
    dt.datetime.fromisoformat(meta["published"])
    assert meta["title"] == sidecar.with_name(stem + ".txt").read_text(encoding="utf-8").splitlines()[0]


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_article_is_short_wire_copy(path: Path):
    assert 150 <= word_count(path.read_text(encoding="utf-8")) <= 450


def test_readme_lists_every_demo_article():
    readme = (REPO / "docs" / "demo-corpus.md").read_text(encoding="utf-8")
    assert all(f"`{path.name}`" in readme for path in articles(DEMO_DIR).values())


def test_unseen2_has_one_article_without_a_sidecar_whose_metadata_the_text_must_give():
    unseen2 = articles(UNSEEN2_DIR)
    assert len(unseen2) == 5
    assert [stem for stem, path in unseen2.items() if not path.with_name(stem + SIDECAR_SUFFIX).exists()] == [
        "v5_germany_expels_russian_diplomats"
    ]


@pytest.mark.parametrize("directory", [UNSEEN_DIR, UNSEEN2_DIR], ids=lambda p: p.name)
def test_unseen_articles_are_not_bundled_with_the_package(directory: Path):
    bundled = {path.read_text(encoding="utf-8") for path in (REPO / "src").rglob("*.txt")}
    assert not bundled & {path.read_text(encoding="utf-8") for path in articles(directory).values()}


# --- gold -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(GOLD_FILES))
def test_gold_rows_have_the_interchange_fields(name: str):
    rows = read_gold(name)
    assert rows
    for row in rows:
        assert GOLD_KEYS <= set(row) <= GOLD_KEYS | {"date_alt"}, row["gold_id"]
        for side in ("source", "target"):
            assert row[side], f"{row['gold_id']}: empty {side} list"
            assert all(code is None or ISO3.fullmatch(code) for code in row[side]), row["gold_id"]
        assert isinstance(row["symmetric"], bool) and isinstance(row["required"], bool)
        assert row["cluster"] is None or (isinstance(row["cluster"], str) and row["cluster"])
    gold_ids = [row["gold_id"] for row in rows]
    assert len(gold_ids) == len(set(gold_ids))


@pytest.mark.parametrize("name", sorted(GOLD_FILES))
def test_gold_rows_point_at_their_own_set_and_quote_it_verbatim(name: str):
    _, directory = GOLD_FILES[name]
    texts = {stem: path.read_text(encoding="utf-8") for stem, path in articles(directory).items()}
    for row in read_gold(name):
        assert row["doc_id"] in texts, f"{row['gold_id']}: no article {row['doc_id']} in {directory}"
        assert row["evidence"], f"{row['gold_id']}: empty evidence"
        assert row["evidence"] in texts[row["doc_id"]], f"{row['gold_id']}: evidence not verbatim in the article"


@pytest.mark.parametrize("name", sorted(GOLD_FILES))
def test_every_article_has_required_gold(name: str):
    _, directory = GOLD_FILES[name]
    covered = {row["doc_id"] for row in read_gold(name) if row["required"]}
    assert covered == set(articles(directory))


@pytest.mark.parametrize("name", sorted(GOLD_FILES))
def test_no_gold_in_comments_or_navigation(name: str):
    _, directory = GOLD_FILES[name]
    texts = {stem: path.read_text(encoding="utf-8") for stem, path in articles(directory).items()}
    for row in read_gold(name):
        text = texts[row["doc_id"]]
        trailer = TRAILER_LINE.search(text)
        if trailer is not None:
            where = text.index(row["evidence"])
            assert where < trailer.start(), f"{row['gold_id']}: evidence after {trailer.group()!r}"


@pytest.mark.parametrize("name", sorted(GOLD_FILES))
def test_gold_dates_are_iso_cut_to_a_precision(name: str):
    for row in read_gold(name):
        if row["date"] is None:
            assert "date_alt" not in row, f"{row['gold_id']}: date_alt without a date"
        for value in accepted_dates(row):
            parse_cut_date(value)
        assert len(set(accepted_dates(row))) == len(accepted_dates(row)), f"{row['gold_id']}: repeated date"


def test_parse_cut_date_rejects_impossible_dates():
    with pytest.raises(ValueError):
        parse_cut_date("2018-02-30")
    with pytest.raises(ValueError):
        parse_cut_date("2018-6-12")
    assert parse_cut_date("2018-06") == dt.date(2018, 6, 1)


@pytest.mark.parametrize("name", sorted(GOLD_FILES))
def test_cameo_roots_exist_in_the_codebook(name: str, shared_dir: Path):
    with (shared_dir / "data" / "cameo" / "CAMEO_codebook_merged.csv").open(encoding="utf-8") as handle:
        roots = {record["root"] for record in csv.DictReader(handle)}
    assert roots == {f"{number:02d}" for number in range(1, 21)}
    for row in read_gold(name):
        assert row["cameo_root"] and set(row["cameo_root"]) <= roots, row["gold_id"]
        assert len(set(row["cameo_root"])) == len(row["cameo_root"]), row["gold_id"]


def test_several_clusters_span_documents_and_their_dates_agree():
    rows = read_gold("demo") + read_gold("unseen")
    by_cluster: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        if row["cluster"] is not None:
            by_cluster[row["cluster"]].append(row)
    spanning = [cluster for cluster, members in by_cluster.items() if len({m["doc_id"] for m in members}) > 1]
    assert len(spanning) >= 2
    for cluster, members in by_cluster.items():
        dated = [accepted_dates(m) for m in members if m["date"] is not None]
        for first in dated:
            for second in dated:
                assert any(a.startswith(b) or b.startswith(a) for a in first for b in second), (
                    f"cluster {cluster}: dates {first} and {second} cannot be one event"
                )


@pytest.mark.parametrize("held_out", HELD_OUT)
def test_clusters_do_not_cross_from_demo_into_a_held_out_set(held_out: str):
    demo = {row["cluster"] for row in read_gold("demo")} - {None}
    unseen = {row["cluster"] for row in read_gold(held_out)} - {None}
    assert not demo & unseen
