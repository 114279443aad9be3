"""The Dask engine on a local cluster of two worker processes gives what one process gives."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from comity.api import DEMO_DIR, code_paths
from comity.config import Config
from comity.distributed import code_on_dask, input_partitions, read_records
from comity.errors import InputError
from comity.ingest import iter_inputs
from comity.model import Document

pytest.importorskip("distributed", reason="the Dask engine needs dask and distributed")


def article_records() -> list[dict[str, str]]:
    records = []
    for doc in iter_inputs([DEMO_DIR], Config()):
        assert isinstance(doc, Document)
        record = {"doc_id": doc.doc_id, "text": doc.text}
        for name in ("title", "outlet", "published"):
            found = getattr(doc.meta, name)
            if found is not None and found.basis == "sidecar":
                record[name] = found.value
        records.append(record)
    return records


def partitioned_input(folder: Path) -> Path:
    """The demo articles as two JSON Lines partitions, one Parquet partition and a bad line."""
    folder.mkdir()
    records = article_records()
    for index in range(2):
        lines = [json.dumps(r) for r in records[index:-3:2]]
        if index == 1:
            lines.append('{"doc_id": "broken", "text": ')
        (folder / f"part-{index}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    pq.write_table(pa.Table.from_pylist(records[-3:]), folder / "part-2.parquet")
    return folder


def test_a_local_cluster_codes_and_links_as_one_process_does(tmp_path: Path) -> None:
    inputs = partitioned_input(tmp_path / "in")
    reference = tmp_path / "all.jsonl"  # the same articles as one JSON Lines file, for the local engine
    reference.write_text("".join(json.dumps(r) + "\n" for r in article_records()), encoding="utf-8")

    summary = code_on_dask([inputs], tmp_path / "out", workers=2)

    local = code_paths([reference])
    assert summary.partitions == 3 and summary.coded == len(article_records())
    assert [("part-1.jsonl:" in origin, code) for origin, code, _ in summary.failed] == [(True, "bad_json")]
    dask_mentions = read_records(tmp_path / "out" / "mentions")
    assert summary.mentions == len(local) > 0
    pairs = sorted((m["mention_id"], m["event_id"]) for m in dask_mentions)
    assert pairs == sorted((m["mention_id"], m["event_id"]) for m in local), "same mentions, linked alike"
    events = read_records(tmp_path / "out" / "events")
    assert summary.events == len(events) > 0
    assert sorted(i for e in events for i in e["mention_ids"]) == sorted(
        m["mention_id"] for m in local if m["section"] in ("headline", "body") and m["factuality"] in ("asserted", "reported")
    )
    parts = sorted(p.name for p in (tmp_path / "out" / "documents").glob("*.parquet"))
    assert parts == ["part-00000.parquet", "part-00001.parquet", "part-00002.parquet"]


def test_only_partition_files_are_accepted(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a partition", encoding="utf-8")
    with pytest.raises(InputError, match=".jsonl or .parquet"):
        input_partitions([tmp_path / "notes.txt"])
    with pytest.raises(InputError, match="no .jsonl or .parquet"):
        input_partitions([tmp_path])


def test_the_command_asks_for_an_output_folder_and_a_known_engine(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from comity.cli import app

    no_out = CliRunner().invoke(app, ["code", str(tmp_path), "--engine", "dask"])
    assert no_out.exit_code == 2 and "--out DIR" in no_out.output
    unknown = CliRunner().invoke(app, ["code", str(tmp_path), "--engine", "spark"])
    assert unknown.exit_code == 2 and "local or dask" in unknown.output


def test_partitions_of_one_name_in_different_folders_give_their_ids_distinct_stems(tmp_path):
    from comity.distributed import _renamed_ids, partition_id_stems, read_partition

    parts = [tmp_path / "2019" / "articles.jsonl", tmp_path / "2020" / "articles.jsonl", tmp_path / "2020" / "other.jsonl"]
    for part in parts:
        part.parent.mkdir(exist_ok=True)
        part.write_text('{"text": "Cuba spoke."}\n{"doc_id": "given", "text": "Peru spoke."}\n')
    stems = partition_id_stems(parts)
    assert stems == ["2019/articles", "2020/articles", None]
    ids = [[d.doc_id for d in _renamed_ids(read_partition(p, Config()), p.stem, s)] for p, s in zip(parts, stems)]
    assert ids == [["2019/articles-L1", "given"], ["2020/articles-L1", "given"], ["other-L1", "given"]]
