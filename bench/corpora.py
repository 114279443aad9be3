"""What the benchmarks code and how they time it: corpora as JSON Lines records, interleaved clocks.

Corpora, each a list of JSON Lines records as `comity code` reads them:

- `samples`: the bundled demo articles and ../shared/samples/seeds, political news,
  repeated with a varying doc_id so nothing is skipped as already coded;
- `generated`: articles from our own templates (bench/article_templates.py);
- `reuters-political`, `reuters-business`, `reuters`: Reuters-21578 stories from
  ../shared/corpora, a fixed sample (or all), business stories being those whose
  topics are all economic (bench/false_alarms.py), political the rest. The held-out
  stories of the accuracy gate (tests/gold/real-heldout*.jsonl) are never coded here.
"""

from __future__ import annotations

import dataclasses
import json
import os
import random
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from article_templates import generate
from false_alarms import POLITICAL_TOPICS

from comity.api import DEMO_DIR
from comity.config import Config
from comity.ingest import iter_inputs
from comity.model import Document

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
REUTERS = SHARED / "corpora" / "reuters21578.jsonl"
SEEDS = SHARED / "samples" / "seeds"
HELD_OUT_GOLD = (REPO / "tests" / "gold" / "real-heldout.jsonl", REPO / "tests" / "gold" / "real-heldout2.jsonl")
CORPORA = ("samples", "generated", "reuters-political", "reuters-business", "reuters")
SAMPLE_SEED = 14


def corpus_records(name: str, articles: int | None, repeat: int = 20, seed: int = SAMPLE_SEED) -> list[dict[str, Any]]:
    """The records of a corpus: `articles` of them (None: all; for samples, `repeat` rounds)."""
    if name == "samples":
        return sample_records(repeat)
    if name == "generated":
        return [article.record() for article in generate(articles or 1000, seed)]
    stories = reuters_records(name.removeprefix("reuters").lstrip("-") or None)
    if articles is None or articles >= len(stories):
        return stories
    return sorted(random.Random(seed).sample(stories, articles), key=lambda r: int(r["doc_id"].split("-")[1]))


def sample_records(repeat: int) -> list[dict[str, Any]]:
    paths = [DEMO_DIR] + ([SEEDS] if SEEDS.is_dir() else [])
    originals = [d for d in iter_inputs(paths, Config()) if isinstance(d, Document)]
    return [{**_metadata(doc), "doc_id": f"{doc.doc_id}-{i}", "text": doc.text} for i in range(repeat) for doc in originals]


def _metadata(doc: Document) -> dict[str, str]:
    found = {"title": doc.meta.title, "published": doc.meta.published, "outlet": doc.meta.outlet}
    return {key: str(value.value) for key, value in found.items() if value is not None and value.value}


def reuters_records(kind: str | None) -> list[dict[str, Any]]:
    """Reuters stories but the held-out ones; kind "political", "business" or None (all)."""
    if not REUTERS.is_file():
        raise SystemExit(f"{REUTERS} not found: the Reuters corpus lives in ../shared/corpora")
    held_out = held_out_ids()
    records = []
    with REUTERS.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record["doc_id"] in held_out:
                continue
            if kind is None or (kind == "business") == is_business(record):
                records.append({key: record[key] for key in ("doc_id", "title", "text", "published", "outlet") if record.get(key)})
    return records


def held_out_ids() -> set[str]:
    """The doc_ids of the held-out gold sets (only the ids are read: the stories are never coded here)."""
    found: set[str] = set()
    for gold in (g for g in HELD_OUT_GOLD if g.is_file()):
        with gold.open(encoding="utf-8") as lines:
            found |= {json.loads(line)["doc_id"] for line in lines if line.strip()}
    return found


def is_business(record: dict[str, Any]) -> bool:
    topics = set(record.get("topics") or [])
    return bool(topics) and not topics & POLITICAL_TOPICS


def words_of(records: Iterable[dict[str, Any]]) -> int:
    return sum(len(record["text"].split()) for record in records)


def write_parts(records: list[dict[str, Any]], folder: Path, parts: int) -> list[Path]:
    """The records dealt round-robin into `parts` JSON Lines files (part-0000.jsonl…)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(parts):
        path = folder / f"part-{index:04d}.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records[index::parts]), encoding="utf-8")
        paths.append(path)
    return paths


def write_chunks(records: list[dict[str, Any]], folder: Path, size: int) -> list[Path]:
    """The records in order, `size` to a JSON Lines file."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index, start in enumerate(range(0, len(records), size)):
        path = folder / f"chunk-{index:05d}.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records[start:start + size]), encoding="utf-8")
        paths.append(path)
    return paths


def streamed(paths: list[Path]) -> Iterator[Document]:
    return (d for d in iter_inputs(paths, Config()) if isinstance(d, Document))


def fresh(doc: Document) -> Document:
    return dataclasses.replace(doc, sections=[], sentences=[], actor_mentions=[], event_mentions=[], stages_run=[])


def drain(items: Iterable[object]) -> int:
    """Consume an iterator without keeping what it yields (memory stays flat); the count."""
    return sum(1 for _ in items)


def report(label: str, seconds: float, articles: int, words: int) -> None:
    print(f"{label:<40} {articles / seconds:8.1f} articles/s {words / seconds:9.0f} words/s ({seconds:7.1f} s)")


def load_average(moment: str) -> None:
    """How busy the machine is: the 1, 5 and 15 minute load averages (2 cores: 2.0 is full)."""
    one, five, fifteen = os.getloadavg()
    print(f"load average {moment}: {one:.2f} {five:.2f} {fifteen:.2f} ({os.cpu_count()} cores)", flush=True)


@dataclass
class Interleaved:
    """Seconds of each contender summed over chunks run one after the other: a change of load
    on the machine during the run weighs on every contender alike, so their ratios hold."""

    seconds: dict[str, float] = field(default_factory=dict)

    def run(self, label: str, work: Callable[[], object]) -> object:
        started = time.perf_counter()
        result = work()
        self.add(label, time.perf_counter() - started)
        return result

    def add(self, label: str, seconds: float) -> None:
        self.seconds[label] = self.seconds.get(label, 0.0) + seconds
