"""`comity eval --why`: each loss named by the stage where it happened, on an article of our own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from comity import api
from comity.cli import app
from comity.eval import load_gold
from comity.loss_trace import DATE, FALSE_POSITIVE, MISSED, locate, loss_table
from comity.model import Span

ARTICLE = """Greece and Turkey trade words over the Aegean

ATHENS, March 3, 1987 - Greece accused Turkey on Monday of violating its airspace over the Aegean Sea.

Greek officials said Athens would not attack Turkey.

The Greek foreign minister praised the Italian government on Monday for its restraint.

Prime Minister Andreas Papandreou appealed for calm, officials said.


Ankara's answer came quickly.
"""


def row(gold_id: str, evidence: str, source: list, target: list, roots: list, date: str | None = None) -> dict:
    return {"doc_id": "aegean", "gold_id": gold_id, "source": source, "target": target, "cameo_root": roots,
            "date": date, "required": True, "cluster": gold_id, "evidence": evidence}


@pytest.fixture(scope="module")
def traced(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("articles")
    (folder / "aegean.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "aegean.meta.json").write_text(json.dumps({"published": "1987-03-03", "outlet": "Aegean Wire"}))
    gold_file = folder.parent / "gold.jsonl"
    rows = [
        row("accuse-wrong-date", "Greece accused Turkey on Monday of violating its airspace", ["GRC"], ["TUR"], ["11"], "1987-02-01"),
        row("negated-attack", "Athens would not attack Turkey", ["GRC"], ["TUR"], ["19"]),
        row("praise-wrong-country", "The Greek foreign minister praised the Italian government", ["GRC"], ["FRA"], ["05"]),
        row("no-target", "appealed for calm", ["GRC"], ["TUR"], ["02"]),
        row("no-such-trigger", "praised the Italian government on Monday for its restraint", ["GRC"], ["TUR"], ["12"]),
        row("never-parsed", "Ankara's answer came quickly", ["TUR"], ["GRC"], ["12"]),
    ]
    gold_file.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    gold = load_gold(gold_file)
    report, losses = api.trace_gold(gold, [folder])
    return gold_file, folder, {loss.ref: loss for loss in losses}, losses


def test_a_negated_event_is_lost_to_factuality(traced) -> None:
    _, _, by_ref, _ = traced
    assert (by_ref["negated-attack"].kind, by_ref["negated-attack"].cause) == (MISSED, "factuality")
    assert "negated" in by_ref["negated-attack"].detail


def test_a_right_family_with_another_country_is_a_wrong_country(traced) -> None:
    _, _, by_ref, _ = traced
    loss = by_ref["praise-wrong-country"]
    assert (loss.kind, loss.cause) == (MISSED, "wrong country")
    assert "ITA" in loss.detail and "FRA" in loss.detail


def test_a_sentence_without_a_trigger_of_the_family_says_so(traced) -> None:
    _, _, by_ref, _ = traced
    assert (by_ref["no-such-trigger"].kind, by_ref["no-such-trigger"].cause) == (MISSED, "no trigger")
    assert "praise" in by_ref["no-such-trigger"].detail


def test_a_sentence_the_prefilter_passed_over_is_a_prefilter_loss(traced) -> None:
    _, _, by_ref, _ = traced
    assert (by_ref["never-parsed"].kind, by_ref["never-parsed"].cause) == (MISSED, "prefilter")


def test_a_mention_without_its_target_is_a_target_empty_loss(traced) -> None:
    _, _, by_ref, _ = traced
    assert (by_ref["no-target"].kind, by_ref["no-target"].cause) == (MISSED, "target empty")


def test_a_matched_row_with_another_date_is_a_date_loss(traced) -> None:
    _, _, by_ref, _ = traced
    loss = by_ref["accuse-wrong-date"]
    assert (loss.kind, loss.cause) == (DATE, "date:wrong")
    assert "1987-03-02" in loss.detail and "gold 1987-02-01" in loss.detail


def test_unmatched_mentions_in_gold_sentences_are_wrong_actors(traced) -> None:
    _, _, _, losses = traced
    false_positives = {loss.evidence.split()[1]: loss for loss in losses if loss.kind == FALSE_POSITIVE}
    assert false_positives["Greek"].cause == "wrong actor"
    assert "ITAGOV" in false_positives["Greek"].detail and "gold GRC -> FRA" in false_positives["Greek"].detail
    assert {loss.cause for loss in false_positives.values()} == {"wrong actor"}


def test_the_loss_table_counts_by_kind_then_cause(traced) -> None:
    _, _, _, losses = traced
    table = loss_table(losses)
    assert [kind for kind, _, _ in table] == sorted((k for k, _, _ in table), key=[MISSED, FALSE_POSITIVE, DATE].index)
    assert sum(n for _, _, n in table) == len(losses)


def test_locate_ignores_how_whitespace_was_written() -> None:
    text = "Greece  accused\nTurkey today."
    assert locate("Greece accused Turkey", text) == Span(0, 22)
    assert locate("Turkey accused Greece", text) is None


def test_the_cli_prints_the_loss_table_and_the_json_carries_the_losses(traced) -> None:
    gold_file, folder, _, _ = traced
    result = CliRunner().invoke(app, ["eval", str(gold_file), "--docs", str(folder), "--why"])
    assert result.exit_code == 0, result.output
    assert "Where events were lost" in result.output and "factuality" in result.output
    as_json = CliRunner().invoke(app, ["eval", str(gold_file), "--docs", str(folder), "--why", "--json"])
    assert {loss["cause"] for loss in json.loads(as_json.output)["losses"]} >= {"factuality", "wrong country"}


def test_why_needs_documents_to_code(tmp_path: Path) -> None:
    gold_file = tmp_path / "gold.jsonl"
    gold_file.write_text(json.dumps(row("g", "x", ["GRC"], ["TUR"], ["11"])) + "\n")
    mentions = tmp_path / "mentions.jsonl"
    mentions.write_text("")
    result = CliRunner().invoke(app, ["eval", str(gold_file), "--mentions", str(mentions), "--why"])
    assert result.exit_code == 2
    assert "--why needs --docs" in result.output
