"""The evaluation harness: matching rules, figures, gold/mention checking, floors."""

from __future__ import annotations

import io
import itertools
import json
import random
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from comity.errors import GoldError, InputError
from comity.eval import (
    DateVerdict,
    document_texts,
    FloorChange,
    FloorsError,
    GoldRow,
    apply_floor_changes,
    date_verdict,
    evaluate,
    evidence_overlap,
    floor_changes,
    gate_failures,
    gold_sets,
    is_compatible,
    load_gold,
    load_mentions,
    main,
    max_weight_matching,
    raise_floors,
    render,
    score_gold_set,
)

DOC = "d1"


def gold(gold_id: str = "g1", **overrides: Any) -> GoldRow:
    fields = {
        "doc_id": DOC, "gold_id": gold_id, "source": ("PRK",), "target": ("CUB",),
        "symmetric": False, "cameo_root": ("05",), "date": None, "date_alt": (),
        "required": True, "cluster": None, "evidence": "the leader praised the island",
    }  # fmt: skip
    fields.update(overrides)
    return GoldRow(**fields)


def actor(country: str | None) -> dict[str, Any]:
    return {"text": country or "someone", "code": country, "country": country}


def mention(mention_id: str = "m1", source: str | None = "PRK", target: str | None = "CUB", **overrides: Any) -> dict[str, Any]:
    fields = {
        "mention_id": mention_id, "event_id": f"e-{mention_id}", "doc_id": DOC, "section": "body",
        "source": actor(source), "target": actor(target), "cameo": "051", "date": None,
        "factuality": "asserted", "evidence": {"start": 0, "end": 10, "text": "the leader praised the island"},
    }  # fmt: skip
    fields.update(overrides)
    return fields


def evidence(text: str) -> dict[str, Any]:
    return {"start": 0, "end": len(text), "text": text}


# ----------------------------------------------------------------- compatibility


COMPATIBILITY = [
    ("same direction", gold(), mention(), True),
    ("reversed, not symmetric", gold(), mention(source="CUB", target="PRK"), False),
    ("reversed, symmetric", gold(symmetric=True), mention(source="CUB", target="PRK"), True),
    ("wrong target country", gold(), mention(target="CHN"), False),
    ("null in gold list, no target actor", gold(target=("CUB", None)), mention() | {"target": None}, True),
    ("null in gold list, actor without country", gold(target=("CUB", None)), mention(target=None), True),
    ("gold needs a country, mention has none", gold(), mention() | {"target": None}, False),
    ("second listed country", gold(target=("CUB", "VNM")), mention(target="VNM"), True),
    ("CAMEO root among roots", gold(cameo_root=("01", "05")), mention(cameo="0511"), True),
    ("CAMEO root not listed", gold(cameo_root=("05",)), mention(cameo="190"), False),
    ("root 10 is not root 01", gold(cameo_root=("01",)), mention(cameo="10"), False),
]


@pytest.mark.parametrize(("row", "found", "expected"), [c[1:] for c in COMPATIBILITY], ids=[c[0] for c in COMPATIBILITY])
def test_compatibility(row: GoldRow, found: dict[str, Any], expected: bool) -> None:
    assert is_compatible(row, found) is expected


# ----------------------------------------------------------------- counting


SCENARIOS = [
    # name, gold rows, mentions, (tp, fp, fn), leaked
    ("one hit", [gold()], [mention()], (1, 0, 1 - 1), 0),
    ("unmatched mention is a false positive", [gold()], [mention(), mention("m2", target="USA")], (1, 1, 0), 0),
    ("nothing found", [gold()], [], (0, 0, 1), 0),
    ("optional row neither rewarded nor punished", [gold(), gold("g2", target=("CHN",), required=False)],
     [mention("m2", target="CHN")], (0, 0, 1), 0),
    ("comment section leaks and is not counted", [gold()], [mention(section="comment")], (0, 0, 1), 1),
    ("caption leaks even when negated", [gold()], [mention(section="caption", factuality="negated")], (0, 0, 1), 1),
    ("future factuality is not counted", [gold()], [mention(factuality="future")], (0, 0, 1), 0),
    ("reported factuality is counted", [gold()], [mention(factuality="reported")], (1, 0, 0), 0),
    ("headline counts", [gold()], [mention(section="headline")], (1, 0, 0), 0),
    ("one mention cannot satisfy two rows", [gold(), gold("g2")], [mention()], (1, 0, 1), 0),
    ("documents without gold are ignored", [gold()], [mention(), mention("m9", doc_id="other", section="comment")],
     (1, 0, 0), 0),
]  # fmt: skip


@pytest.mark.parametrize(
    ("rows", "found", "expected", "leaked"), [s[1:] for s in SCENARIOS], ids=[s[0] for s in SCENARIOS]
)
def test_counting(rows: list[GoldRow], found: list[dict[str, Any]], expected: tuple[int, int, int], leaked: int) -> None:
    report = evaluate(rows, found)
    assert (report.counts.tp, report.counts.fp, report.counts.fn) == expected
    assert len(report.leaked) == leaked


def test_figures_follow_the_counts() -> None:
    rows = [gold("g1"), gold("g2", target=("CHN",)), gold("g3", target=("VNM",))]
    found = [mention("m1"), mention("m2", target="CHN"), mention("m3", target="USA")]
    report = evaluate(rows, found)
    tp, fp, fn = report.counts.tp, report.counts.fp, report.counts.fn
    assert (tp, fp, fn) == (2, 1, 1)
    assert report.counts.precision == pytest.approx(tp / (tp + fp))
    assert report.counts.recall == pytest.approx(tp / (tp + fn))
    assert report.counts.f1 == pytest.approx(2 * tp / (2 * tp + fp + fn))
    assert [row.gold_id for row in report.missed] == ["g3"]
    assert [(fp.mention_id, fp.target_country) for fp in report.false_positives] == [("m3", "USA")]


def test_empty_output_scores_zero_not_an_error() -> None:
    figures = evaluate([gold()], []).figures()
    assert figures["precision"] == figures["recall"] == figures["f1"] == 0.0


def test_required_row_wins_over_an_optional_row_with_closer_evidence() -> None:
    rows = [
        gold("req", evidence="something else entirely"),
        gold("opt", required=False, evidence="the leader praised the island"),
    ]
    report = evaluate(rows, [mention()])
    assert [(m.gold_id, m.mention_id) for m in report.matches] == [("req", "m1")]
    assert report.counts.tp == 1


def test_optional_match_is_not_a_false_positive_when_a_second_mention_exists() -> None:
    rows = [gold("req"), gold("opt", required=False)]
    report = evaluate(rows, [mention("m1"), mention("m2")])
    assert (report.counts.tp, report.counts.fp, report.counts.fn) == (1, 0, 0)
    assert report.documents[0].optional_matched == 1


def test_evidence_overlap_decides_which_mention_goes_to_which_row() -> None:
    rows = [
        gold("visit", evidence="Diaz-Canel visited Pyongyang in November"),
        gold("message", evidence="Kim sent a message of congratulations on Monday"),
    ]
    found = [
        mention("m-msg", evidence=evidence("On Monday Kim sent a message of congratulations")),
        mention("m-visit", evidence=evidence("In November Diaz-Canel visited Pyongyang")),
    ]
    report = evaluate(rows, found)
    assert {(m.gold_id, m.mention_id) for m in report.matches} == {("visit", "m-visit"), ("message", "m-msg")}


def test_right_date_breaks_a_tie_in_evidence_overlap() -> None:
    rows = [gold("monday", date="2021-04-19"), gold("march", date="2021-03")]
    found = [mention("m-march", date="2021-03"), mention("m-monday", date="2021-04-19")]
    report = evaluate(rows, found)
    assert {(m.gold_id, m.mention_id) for m in report.matches} == {("monday", "m-monday"), ("march", "m-march")}
    assert report.dates.right == 2


def test_matching_maximises_required_matches_where_greedy_would_not() -> None:
    # m1 fits both rows and overlaps g1 best; greedy by weight would give g1 to m1 and leave g2 empty.
    rows = [gold("g1", target=("CUB", "CHN")), gold("g2", target=("CUB",), evidence="unrelated words")]
    found = [mention("m1"), mention("m2", target="CHN", evidence=evidence("nothing shared"))]
    report = evaluate(rows, found)
    assert report.counts.tp == 2
    assert {(m.gold_id, m.mention_id) for m in report.matches} == {("g1", "m2"), ("g2", "m1")}


def test_per_document_breakdown() -> None:
    rows = [gold("a1"), gold("b1", doc_id="d2"), gold("b2", doc_id="d2", target=("CHN",))]
    found = [mention("m1", section="boilerplate"), mention("m2", doc_id="d2"), mention("m3", doc_id="d2", factuality="hypothetical")]
    documents = {doc.doc_id: doc for doc in evaluate(rows, found).documents}
    assert (documents["d1"].tp, documents["d1"].fn, documents["d1"].leaked) == (0, 1, 1)
    assert (documents["d2"].required, documents["d2"].tp, documents["d2"].fn, documents["d2"].not_counted) == (2, 1, 1, 1)


# ----------------------------------------------------------------- dates

DATES = [
    # gold date, date_alt, mention date, verdict
    ("2021-04-19", (), "2021-04-19", DateVerdict.RIGHT),
    ("2021-04-19", ("2021-04-20",), "2021-04-20", DateVerdict.RIGHT),
    ("2021-04-19", ("2021-04",), "2021-04", DateVerdict.RIGHT),
    ("2018-11", (), "2018-11-05", DateVerdict.RIGHT),
    ("1960", (), "1960-07", DateVerdict.RIGHT),
    ("2021-04-19", (), "2021", DateVerdict.COARSE),
    ("2021-04-19", (), "2021-04", DateVerdict.COARSE),
    ("2021-04-19", (), None, DateVerdict.MISSING),
    ("2021-04-19", (), "2021-04-20", DateVerdict.WRONG),
    ("2021-04-19", ("2021-04",), "2021-04-05", DateVerdict.WRONG),
    ("2018-11", (), "2018-12-01", DateVerdict.WRONG),
    ("2021-04-19", (), "2020", DateVerdict.WRONG),
    (None, (), "1999", None),
]


@pytest.mark.parametrize(("gold_date", "alt", "found", "verdict"), DATES)
def test_date_verdict(gold_date: str | None, alt: tuple[str, ...], found: str | None, verdict: DateVerdict | None) -> None:
    assert date_verdict(gold(date=gold_date, date_alt=alt), found) == verdict


def test_dated_figures_count_a_match_only_when_its_date_is_right() -> None:
    rows = [
        gold("right", target=("CUB",), date="2021-04-19"),
        gold("coarse", target=("CHN",), date="2021-04-19"),
        gold("undated", target=("VNM",), date=None),
        gold("opt", target=("LAO",), date="2021-04-19", required=False),
    ]
    found = [
        mention("m1", date="2021-04-19"),
        mention("m2", target="CHN", date="2021"),
        mention("m3", target="VNM", date="1999"),
        mention("m4", target="LAO", date=None),
    ]
    report = evaluate(rows, found)
    assert (report.counts.tp, report.counts.fp, report.counts.fn) == (3, 0, 0)
    # the coarse match becomes one false positive and one false negative
    assert (report.dated.tp, report.dated.fp, report.dated.fn) == (2, 1, 1)
    # verdicts cover every matched dated row, optional ones too
    assert (report.dates.right, report.dates.coarse, report.dates.missing, report.dates.wrong) == (1, 1, 1, 0)


# ----------------------------------------------------------------- clusters


def test_cluster_pairs_across_documents() -> None:
    rows = [
        gold("a", cluster="visit"),
        gold("b", doc_id="d2", cluster="visit"),
        gold("c", doc_id="d2", target=("CHN",), cluster="visit"),
        gold("d", doc_id="d3", cluster="talks"),
        gold("e", doc_id="d3", target=("CHN",), cluster=None),
    ]
    found = [
        mention("m1", event_id="E1"),
        mention("m2", doc_id="d2", event_id="E1"),
        mention("m3", doc_id="d2", target="CHN", event_id="E2"),
        mention("m4", doc_id="d3", event_id="E2"),
        mention("m5", doc_id="d3", target="CHN", event_id="E1"),
    ]
    clusters = evaluate(rows, found).clusters
    # visit: a-b joined, a-c and b-c split; visit vs talks: a-d, b-d apart, c-d wrongly joined; e has no cluster
    assert (clusters.joined, clusters.split) == (1, 2)
    assert (clusters.kept_apart, clusters.wrongly_joined) == (2, 1)
    assert clusters.wrongly_joined_pairs == [("c", "d")]
    assert clusters.join_rate == pytest.approx(1 / 3)


def test_unmatched_rows_take_no_part_in_cluster_pairs() -> None:
    rows = [gold("a", cluster="x"), gold("b", target=("CHN",), cluster="x")]
    clusters = evaluate(rows, [mention("m1")]).clusters
    assert (clusters.joined, clusters.split, clusters.kept_apart, clusters.wrongly_joined) == (0, 0, 0, 0)


# ----------------------------------------------------------------- the assignment routine


def brute_force_best(weights: dict[tuple[int, int], int], n_rows: int, n_cols: int) -> int:
    best = 0
    for chosen in itertools.product(range(n_cols + 1), repeat=n_rows):  # n_cols stands for "unmatched"
        cols = [c for c in chosen if c < n_cols]
        if len(cols) == len(set(cols)):
            best = max(best, sum(weights.get((r, c), 0) for r, c in enumerate(chosen)))
    return best


@pytest.mark.parametrize("seed", range(40))
def test_assignment_is_optimal_and_one_to_one(seed: int) -> None:
    rng = random.Random(seed)
    n_rows, n_cols = rng.randint(0, 5), rng.randint(0, 5)
    weights = {(r, c): rng.randint(1, 30) for r in range(n_rows) for c in range(n_cols) if rng.random() < 0.5}
    pairs = max_weight_matching(weights, n_rows, n_cols)
    assert len({r for r, _ in pairs}) == len({c for _, c in pairs}) == len(pairs)
    assert all(pair in weights for pair in pairs)
    assert sum(weights[pair] for pair in pairs) == brute_force_best(weights, n_rows, n_cols)


def test_evidence_overlap_is_token_jaccard() -> None:
    assert evidence_overlap("Kim met Xi", "kim MET xi.") == 1.0
    assert evidence_overlap("a b c d", "c d e f") == pytest.approx(2 / 6)
    assert evidence_overlap("", "") == 0.0


# ----------------------------------------------------------------- loading gold


GOOD_ROW = {
    "doc_id": "d1", "gold_id": "g1", "source": ["PRK"], "target": ["CUB", None], "symmetric": False,
    "cameo_root": ["05"], "date": "2021-04-19", "date_alt": ["2021-04"], "required": True,
    "cluster": None, "evidence": "Kim congratulated Diaz-Canel",
}  # fmt: skip

BAD_ROWS = [
    ("missing doc_id", {k: v for k, v in GOOD_ROW.items() if k != "doc_id"}, "doc_id"),
    ("lowercase country", GOOD_ROW | {"source": ["prk"]}, "source"),
    ("country as a string", GOOD_ROW | {"target": "CUB"}, "target"),
    ("empty country list", GOOD_ROW | {"source": []}, "source"),
    ("three-digit root", GOOD_ROW | {"cameo_root": ["051"]}, "cameo_root"),
    ("root as a number", GOOD_ROW | {"cameo_root": [5]}, "cameo_root"),
    ("timestamp date", GOOD_ROW | {"date": "2021-04-19T10:00"}, "date"),
    ("impossible date", GOOD_ROW | {"date": "2021-02-30"}, "date"),
    ("bad date_alt", GOOD_ROW | {"date_alt": ["April 2021"]}, "date_alt"),
    ("required as a string", GOOD_ROW | {"required": "yes"}, "required"),
    ("symmetric as a number", GOOD_ROW | {"symmetric": 1}, "symmetric"),
    ("empty evidence", GOOD_ROW | {"evidence": ""}, "evidence"),
    ("not an object", ["d1", "g1"], "JSON object"),
]


@pytest.mark.parametrize(("record", "named"), [b[1:] for b in BAD_ROWS], ids=[b[0] for b in BAD_ROWS])
def test_malformed_gold_row_names_file_line_and_field(tmp_path: Path, record: Any, named: str) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(GOOD_ROW | {"gold_id": "g0"}) + "\n\n" + json.dumps(record) + "\n")
    with pytest.raises(GoldError) as raised:
        load_gold(path)
    assert f"{path}:3:" in str(raised.value)
    assert named in str(raised.value)


def test_gold_errors_for_bad_json_duplicates_and_empty_files(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(GOOD_ROW) + "\n{not json\n")
    with pytest.raises(GoldError, match=rf"{path}:2: not valid JSON"):
        load_gold(path)
    path.write_text(json.dumps(GOOD_ROW) + "\n" + json.dumps(GOOD_ROW) + "\n")
    with pytest.raises(GoldError, match=rf"{path}:2: gold_id 'g1' is already used at {path}:1"):
        load_gold(path)
    path.write_text("\n")
    with pytest.raises(GoldError, match="no gold rows"):
        load_gold(path)


def test_optional_gold_fields_take_defaults(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    minimal = {k: GOOD_ROW[k] for k in ("doc_id", "gold_id", "source", "target", "cameo_root", "required", "evidence")}
    path.write_text(json.dumps(minimal) + "\n")
    (row,) = load_gold(path)
    assert (row.symmetric, row.date, row.date_alt, row.cluster) == (False, None, (), None)
    assert row.target == ("CUB", None)
    assert row.origin == f"{path}:1"


def test_seeds_dev_gold_parses(shared_dir: Path) -> None:
    path = shared_dir / "gold" / "seeds-dev.jsonl"
    raw = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = load_gold(path)
    assert len(rows) == len(raw) == 18
    assert sum(row.required for row in rows) == sum(r["required"] for r in raw) == 11
    assert {row.doc_id for row in rows} == {r["doc_id"] for r in raw}
    assert len({row.doc_id for row in rows}) == 2
    assert [row.gold_id for row in rows] == [r["gold_id"] for r in raw]
    assert [row.date for row in rows] == [r["date"] for r in raw]
    assert sum(row.symmetric for row in rows) == sum(r["symmetric"] for r in raw)
    assert all(row.evidence for row in rows)


def test_seeds_dev_gold_scores_perfectly_against_mentions_built_from_it(shared_dir: Path) -> None:
    rows = load_gold(shared_dir / "gold" / "seeds-dev.jsonl")
    found = [
        mention(
            f"m-{row.gold_id}", doc_id=row.doc_id, source=row.source[0], target=row.target[0],
            cameo=row.cameo_root[0] + "0", date=row.date, event_id=row.cluster or f"e-{row.gold_id}",
            evidence=evidence(row.evidence),
        )  # fmt: skip
        for row in rows
    ]
    report = evaluate(rows, found)
    required = sum(row.required for row in rows)
    assert (report.counts.tp, report.counts.fp, report.counts.fn) == (required, 0, 0)
    assert report.dated.f1 == 1.0
    assert report.clusters.split == report.clusters.wrongly_joined == 0


# ----------------------------------------------------------------- loading mentions

BAD_MENTIONS = [
    ("missing cameo", {k: v for k, v in mention().items() if k != "cameo"}, "cameo"),
    ("numeric cameo", mention(cameo=51), "cameo"),
    ("unknown section", mention(section="sidebar"), "section"),
    ("unknown factuality", mention(factuality="rumoured"), "factuality"),
    ("country not ISO3", mention(source="North Korea"), "source"),
    ("actor without country key", mention() | {"target": {"text": "Cuba"}}, "target"),
    ("date with time", mention(date="2021-04-19T10:00:00"), "date"),
    ("date with a trailing newline", mention(date="2021\n"), "date"),
    ("cameo in another script's digits", mention(cameo="\u0665\u0661"), "cameo"),
    ("evidence without text", mention(evidence={"start": 0, "end": 3}), "evidence"),
]


@pytest.mark.parametrize(("record", "named"), [b[1:] for b in BAD_MENTIONS], ids=[b[0] for b in BAD_MENTIONS])
def test_malformed_mention_names_line_and_field(tmp_path: Path, record: dict[str, Any], named: str) -> None:
    path = tmp_path / "mentions.jsonl"
    path.write_text(json.dumps(mention("m0")) + "\n" + json.dumps(record) + "\n")
    with pytest.raises(InputError) as raised:
        load_mentions(path)
    assert f"{path}:2:" in str(raised.value)
    assert named in str(raised.value)


def test_mentions_round_trip_and_extra_fields_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "mentions.jsonl"
    records = [mention("m1", plover="CONSULT"), mention("m2", target="CHN")]
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    assert load_mentions(path) == records


def test_evaluate_rejects_malformed_mention_dicts() -> None:
    with pytest.raises(InputError, match="mention #2"):
        evaluate([gold()], [mention(), mention("m2", section="sidebar")])


# ----------------------------------------------------------------- output


def test_report_dict_is_json_and_agrees_with_figures() -> None:
    rows = [gold(date="2021-04-19", cluster="c"), gold("g2", target=("CHN",))]
    report = evaluate(rows, [mention(date="2021"), mention("m2", target="USA", section="comment")])
    data = json.loads(json.dumps(report.to_dict()))
    assert data["figures"]["recall"] == report.counts.recall == 0.5
    assert data["dates"]["coarse"] == 1
    assert data["matches"][0]["date_verdict"] == "coarse"
    assert [row["gold_id"] for row in data["missed"]] == ["g2"]
    assert data["leaked"][0]["mention_id"] == "m2"


def test_render_shows_figures_and_errors() -> None:
    from rich.console import Console

    report = evaluate([gold(), gold("g2", target=("CHN",))], [mention(), mention("m9", target="USA")])
    console = Console(file=io.StringIO(), width=200, color_system=None)
    console.print(render(report))
    text = console.file.getvalue()
    assert f"{report.counts.precision:.3f}" in text
    assert "g2" in text and "m9" in text and "USA" in text


# ----------------------------------------------------------------- floors


def test_gate_failures_name_figure_value_and_floor() -> None:
    figures = {"recall": 0.25, "precision": 0.9, "leaked": 2}
    failures = gate_failures(figures, {"recall": 0.3, "precision": 0.9, "leaked_max": 0, "recal": 0.1})
    assert failures == [
        "leaked = 2 is above its ceiling 0",
        "recal: no figure named 'recal'; known: leaked, precision, recall",
        "recall = 0.25 is below its floor 0.3",
    ]


def test_raise_floors_raises_and_rounds_down(tmp_path: Path) -> None:
    path = tmp_path / "floors.json"
    path.write_text(json.dumps({"seeds-dev": {"recall": 0.1, "precision": 0.0, "leaked_max": 3}}))
    changes = raise_floors(path, {"seeds-dev": {"recall": 0.29, "precision": 0.4567, "leaked": 1}})
    assert json.loads(path.read_text()) == {"seeds-dev": {"recall": 0.29, "precision": 0.45, "leaked_max": 1}}
    assert {str(change) for change in changes} == {
        "seeds-dev.recall: 0.1 -> 0.29", "seeds-dev.precision: 0.0 -> 0.45", "seeds-dev.leaked_max: 3 -> 1",
    }  # fmt: skip


def test_raise_floors_refuses_to_lower_and_leaves_the_file_alone(tmp_path: Path) -> None:
    path = tmp_path / "floors.json"
    original = json.dumps({"demo": {"recall": 0.5, "f1": 0.2, "leaked_max": 0}})
    path.write_text(original)
    current = {"demo": {"recall": 0.4, "f1": 0.3, "leaked": 2}}
    with pytest.raises(FloorsError) as raised:
        raise_floors(path, current)
    assert "demo.recall: 0.5 -> 0.4" in str(raised.value)
    assert "demo.leaked_max: 0 -> 2" in str(raised.value)
    assert "--allow-lower" in str(raised.value)
    assert path.read_text() == original
    raise_floors(path, current, allow_lower=True)
    assert json.loads(path.read_text()) == {"demo": {"recall": 0.4, "f1": 0.3, "leaked_max": 2}}


def test_new_gold_set_gets_default_floors_and_unscored_sets_stay() -> None:
    floors = {"old": {"recall": 0.7}}
    changes = floor_changes(floors, {"new": {"precision": 0.5, "recall": 0.25, "f1": 0.3333, "dated_f1": 0.1, "leaked": 0}})
    updated = apply_floor_changes(floors, changes, allow_lower=False)
    assert updated == {
        "old": {"recall": 0.7},
        "new": {"precision": 0.5, "recall": 0.25, "f1": 0.33, "dated_f1": 0.1, "leaked_max": 0},
    }


def test_floor_change_direction() -> None:
    assert FloorChange("s", "recall", 0.5, 0.4).loosens
    assert not FloorChange("s", "recall", 0.4, 0.5).loosens
    assert FloorChange("s", "leaked_max", 0, 1).loosens
    assert not FloorChange("s", "leaked_max", 2, 1).loosens


# ----------------------------------------------------------------- the raise-floors script


def fake_api(monkeypatch: pytest.MonkeyPatch, found: list[dict[str, Any]]) -> list[list[Path]]:
    """Stand in for comity.api so the script runs without the coder; returns the calls made."""
    calls: list[list[Path]] = []

    def code_paths(paths: list[Path], doc_ids: set[str] | None = None) -> list[dict[str, Any]]:
        calls.append(list(paths))
        return [m for m in found if doc_ids is None or m["doc_id"] in doc_ids]

    monkeypatch.setitem(sys.modules, "comity.api", types.SimpleNamespace(code_paths=code_paths))
    return calls


def demo_repo(tmp_path: Path, floors: dict[str, Any]) -> Path:
    repo = tmp_path / "repo"
    (repo / "tests" / "gold").mkdir(parents=True)
    (repo / "tests" / "gold" / "demo.jsonl").write_text(
        json.dumps(GOOD_ROW | {"target": ["CUB"]}) + "\n" + json.dumps(GOOD_ROW | {"gold_id": "g2", "target": ["CHN"]}) + "\n"
    )
    (repo / "tests" / "eval_floors.json").write_text(json.dumps(floors))
    return repo


def test_empty_coder_output_passes_zero_floors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = demo_repo(tmp_path, {})
    calls = fake_api(monkeypatch, [])
    (demo,) = [s for s in gold_sets(repo, None) if s.name == "demo"]
    figures = score_gold_set(demo).figures()
    assert calls == [[repo / "src" / "comity" / "data" / "demo"]]
    assert gate_failures(figures, {"recall": 0.0, "precision": 0.0, "dated_f1": 0.0, "leaked_max": 0}) == []
    assert gate_failures(figures, {"recall": 0.01}) == ["recall = 0 is below its floor 0.01"]


def test_raise_floors_script(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    repo = demo_repo(tmp_path, {"demo": {"recall": 0.0, "precision": 0.0, "leaked_max": 0}})
    monkeypatch.setenv("COMITY_SHARED", str(tmp_path / "absent"))
    fake_api(monkeypatch, [mention(doc_id="d1", evidence=evidence("Kim congratulated Diaz-Canel"))])
    assert main(["raise-floors", "--repo", str(repo)]) == 0
    floors_path = repo / "tests" / "eval_floors.json"
    assert json.loads(floors_path.read_text()) == {"demo": {"recall": 0.5, "precision": 1.0, "leaked_max": 0}}
    assert "demo.recall: 0.0 -> 0.5" in capsys.readouterr().out

    fake_api(monkeypatch, [])
    assert main(["raise-floors", "--repo", str(repo)]) == 1
    assert "refusing to lower" in capsys.readouterr().err
    assert json.loads(floors_path.read_text())["demo"]["recall"] == 0.5
    assert main(["raise-floors", "--repo", str(repo), "--allow-lower"]) == 0
    assert json.loads(floors_path.read_text())["demo"] == {"recall": 0.0, "precision": 0.0, "leaked_max": 0}


def test_worked_example_in_docs_evaluation_md() -> None:
    rows = [
        gold("g1", date="2021-04-19", evidence="Kim congratulated Diaz-Canel"),
        gold("g2", target=("CHN",), cameo_root=("01",)),
        gold("g3", required=False, evidence="NK leader congratulates Cuban president"),
    ]
    found = [
        mention("m1", cameo="051", date="2021", evidence=evidence("Kim congratulated Diaz-Canel on Monday")),
        mention("m2", cameo="050", section="headline", evidence=evidence("NK leader congratulates Cuban president")),
        mention("m3", target="USA", cameo="010", factuality="reported"),
        mention("m4", target="CHN", cameo="010", section="comment"),
        mention("m5", target="CHN", cameo="010", factuality="future"),
    ]
    report = evaluate(rows, found)
    assert {(m.gold_id, m.mention_id) for m in report.matches} == {("g1", "m1"), ("g3", "m2")}
    assert (report.counts.tp, report.counts.fp, report.counts.fn) == (1, 1, 1)
    assert (report.counts.precision, report.counts.recall, report.counts.f1) == (0.5, 0.5, 0.5)
    assert (report.dated.tp, report.dated.fp, report.dated.fn) == (0, 2, 2)
    assert report.dates.coarse == 1
    assert [b.mention_id for b in report.leaked] == ["m4"]
    assert report.documents[0].not_counted == 1


@pytest.mark.parametrize("seed", range(25))
def test_every_required_row_and_counted_mention_is_accounted_for_once(seed: int) -> None:
    rng = random.Random(seed)
    countries = ["PRK", "CUB", "CHN", None]
    rows = [
        gold(f"g{i}", doc_id=rng.choice(["d1", "d2"]), source=(rng.choice(countries),),
             target=tuple({rng.choice(countries) for _ in range(2)}), symmetric=rng.random() < 0.3,
             cameo_root=(rng.choice(["01", "04", "05"]),), required=rng.random() < 0.6)  # fmt: skip
        for i in range(rng.randint(1, 6))
    ]
    found = [
        mention(f"m{i}", doc_id=rng.choice(["d1", "d2", "d3"]), source=rng.choice(countries),
                target=rng.choice(countries), cameo=rng.choice(["010", "042", "051"]),
                section=rng.choice(["body", "headline", "comment"]),
                factuality=rng.choice(["asserted", "reported", "future"]))  # fmt: skip
        for i in range(rng.randint(0, 8))
    ]
    report = evaluate(rows, found)
    gold_docs = {row.doc_id for row in rows}
    counted = [m for m in found if m["doc_id"] in gold_docs and m["section"] != "comment" and m["factuality"] != "future"]
    optional_matched = sum(doc.optional_matched for doc in report.documents)
    assert report.counts.tp + report.counts.fn == sum(row.required for row in rows)
    assert report.counts.tp + report.counts.fp + optional_matched == len(counted)
    assert len(report.leaked) == sum(m["doc_id"] in gold_docs and m["section"] == "comment" for m in found)
    assert report.ignored_mentions == sum(m["doc_id"] not in gold_docs for m in found)
    assert all(is_compatible(next(r for r in rows if r.gold_id == m.gold_id),
                             next(f for f in found if f["mention_id"] == m.mention_id)) for m in report.matches)  # fmt: skip


def test_every_gate_figure_is_documented() -> None:
    docs = (Path(__file__).resolve().parents[1] / "docs" / "evaluation.md").read_text(encoding="utf-8")
    undocumented = [name for name in evaluate([gold()], []).figures() if f"`{name}`" not in docs]
    assert undocumented == []


def test_raise_floors_script_reports_bad_gold_without_writing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = demo_repo(tmp_path, {"demo": {"recall": 0.0}})
    gold_path = repo / "tests" / "gold" / "demo.jsonl"
    gold_path.write_text(json.dumps(GOOD_ROW | {"cameo_root": ["5"]}) + "\n")
    fake_api(monkeypatch, [])
    floors = tmp_path / "floors.json"
    floors.write_text('{"demo": {"recall": 0.0}}')
    assert main(["raise-floors", "--repo", str(repo), "--shared", str(tmp_path), "--floors", str(floors)]) == 1
    assert f"error: {gold_path}:1:" in capsys.readouterr().err
    assert floors.read_text() == '{"demo": {"recall": 0.0}}'


def test_a_gold_set_codes_only_the_documents_its_gold_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = demo_repo(tmp_path, {})
    asked: list[set[str] | None] = []

    def code_paths(paths: list[Path], doc_ids: set[str] | None = None) -> list[dict[str, Any]]:
        asked.append(doc_ids)
        return []

    monkeypatch.setitem(sys.modules, "comity.api", types.SimpleNamespace(code_paths=code_paths))
    (demo,) = [s for s in gold_sets(repo, None) if s.name == "demo"]
    score_gold_set(demo)
    assert asked == [{GOOD_ROW["doc_id"]}]


def test_document_texts_reads_folders_and_corpora_by_doc_id(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a1.txt").write_text("Arnor met Gondor.", encoding="utf-8")
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"doc_id": "w-7", "text": "Rohan protested."}) + "\n\n", encoding="utf-8")
    assert document_texts([folder, corpus]) == {"a1": "Arnor met Gondor.", "w-7": "Rohan protested."}
