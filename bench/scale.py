"""Throughput and scale, in one run, on articles generated from our own templates.

    .venv/bin/python bench/scale.py [--articles 10000] [--seed 7] [--no-dask] [--no-plain] [--workdir DIR]

Reports, on the same texts (bench/article_templates.py: varied lengths, about
30% event-bearing sentences):

- spaCy's full parse alone (`nlp.pipe` over the texts);
- comity end to end in this process (ingest from JSON Lines, every stage
  through place, no store), with and without the prefilter, as articles/s and
  words/s and as a ratio to spaCy alone; the share of sentences the prefilter
  sends to parse. The contenders run in turn on each chunk of 50 articles, so a
  change of load on the machine during the run weighs on all of them alike;
- 1 against 2 worker processes (`comity.runner.WorkerPool`, both pools warm,
  in turn on each of 8 partitions), and 1 against 2
  workers of a Dask local cluster (`comity.distributed`, coding and linking,
  Parquet out), each with the peak memory of its workers.

Nothing coded is kept, so memory stays flat however many articles. Models and knowledge are loaded, in every process, before its timing starts:
start-up is reported apart. Figures are ratios within this run, never absolute
targets; the targets the issue sets are comity ≥ 1.5 × spaCy alone and 2
workers ≥ 1.7 × one.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from article_templates import Article, generate  # noqa: E402

from comity.api import build_pipeline  # noqa: E402
from comity.config import Config  # noqa: E402
from comity.ingest import document_from_text, iter_inputs  # noqa: E402
from comity.model import Document  # noqa: E402
from comity.runner import WARM_UP_TEXT, WorkerPool, code_documents, peak_memory_mb  # noqa: E402
from comity.stages.parse import load_nlp, masked_text  # noqa: E402
from comity.stages.prefilter import _sentences_by_section, load_splitter  # noqa: E402

PARTITIONS = 8
#: Articles per chunk of the in-process comparison, whose contenders run in turn on each chunk.
CHUNK = 50


def write_partitions(articles: list[Article], folder: Path, partitions: int = PARTITIONS) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(partitions):
        path = folder / f"part-{index:04d}.jsonl"
        path.write_text("".join(json.dumps(a.record()) + "\n" for a in articles[index::partitions]), encoding="utf-8")
        paths.append(path)
    return paths


def streamed(paths: list[Path]) -> Iterator[Document]:
    return (d for d in iter_inputs(paths, Config()) if isinstance(d, Document))


def timed(label: str, run: Callable[[], object], articles: int, words: int) -> float:
    start = time.perf_counter()
    run()
    seconds = time.perf_counter() - start
    report(label, seconds, articles, words)
    return seconds


def report(label: str, seconds: float, articles: int, words: int) -> None:
    print(f"{label:<40} {articles / seconds:8.1f} articles/s {words / seconds:9.0f} words/s ({seconds:7.1f} s)")


def drain(items: Iterable[object]) -> int:
    """Consume an iterator without keeping what it yields (memory stays flat); the count."""
    return sum(1 for _ in items)


@dataclass
class Interleaved:
    """Seconds of each contender summed over chunks run one after the other: a change of load
    on the machine during the run weighs on every contender alike, so their ratios hold."""

    seconds: dict[str, float] = field(default_factory=dict)

    def run(self, label: str, work: Callable[[], object]) -> None:
        started = time.perf_counter()
        work()
        self.seconds[label] = self.seconds.get(label, 0.0) + time.perf_counter() - started


def local_section(chunks: list[Path], words: int, plain: bool) -> dict[str, float]:
    nlp = load_nlp()
    pipelines = {"comity": build_pipeline(Config())}
    if plain:
        pipelines["plain"] = build_pipeline(Config(prefilter=False))
    started = time.perf_counter()
    for pipeline in pipelines.values():
        pipeline(document_from_text(WARM_UP_TEXT, "warm-up"))
    print(f"start-up in this process (models, knowledge, gazetteer): {time.perf_counter() - started:.1f} s")
    clock, tally = Interleaved(), Counter()
    for number, chunk in enumerate(chunks, 1):
        texts = [d.text for d in streamed([chunk])]
        clock.run("spacy", lambda: drain(nlp.pipe(texts, batch_size=64)))
        if plain:
            clock.run("plain", lambda: drain(pipelines["plain"].pipe(streamed([chunk]))))
        clock.run("comity", lambda: tally.update(_counts(pipelines["comity"].pipe(streamed([chunk])))))
        if number % 10 == 0 or number == len(chunks):
            print(f"  {number}/{len(chunks)} chunks, {tally['articles']} articles", file=sys.stderr, flush=True)
    count = tally["articles"]
    report("spaCy full parse alone", clock.seconds["spacy"], count, words)
    if plain:
        report("comity end to end, no prefilter", clock.seconds["plain"], count, words)
    report("comity end to end", clock.seconds["comity"], count, words)
    share = tally["candidates"] / tally["sentences"]
    print(f"prefilter: {share:.0%} of sentences parsed; {tally['mentions']} mentions")
    return {"spacy_s": clock.seconds["spacy"], "plain_s": clock.seconds.get("plain", 0.0),
            "comity_s": clock.seconds["comity"], "share": share}


def _counts(docs: Iterable[Document]) -> Iterator[str]:
    """Tally keys of each coded document: articles, its candidate and all its coded sentences, mentions."""
    splitter = load_splitter()
    for doc in docs:
        yield "articles"
        yield from ["mentions"] * len(doc.event_mentions)
        yield from ["candidates"] * len(doc.candidate_spans or [])
        sentences = sum(len(found) for _, found in _sentences_by_section(doc, splitter(masked_text(doc))))
        yield from ["sentences"] * sentences


def worker_section(partitions: list[Path], words: int) -> dict[int, float]:
    """1 against 2 worker processes, both pools warm, run in turn on each partition."""
    clock, count = Interleaved(), 0
    with WorkerPool(Config(), 1) as one, WorkerPool(Config(), 2) as two:
        pools = {1: one, 2: two}
        for workers, pool in pools.items():
            started = time.perf_counter()
            pool.warm()
            print(f"start-up of {workers} worker process(es): {time.perf_counter() - started:.1f} s")
        for partition in partitions:
            for workers, pool in pools.items():
                clock.run(f"{workers}", lambda: drain(code_documents(streamed([partition]), Config(), pool=pool)))
            count += drain(streamed([partition]))
        for workers, pool in pools.items():
            report(f"comity, {workers} worker process(es)", clock.seconds[f"{workers}"], count, words)
            print(f"peak memory per worker ({workers} worker(s)): {pool.peak_memory_mb():.0f} MB")
    return {workers: clock.seconds[f"{workers}"] for workers in (1, 2)}


def dask_section(paths: list[Path], words: int, workers: int, out: Path) -> tuple[float, float]:
    from comity.distributed import code_with_client, dask_client

    count = drain(streamed(paths))
    config = Config()
    key = json.dumps(config.resolved(), sort_keys=True)
    with dask_client(None, workers) as client:
        started = time.perf_counter()
        client.run(_warm_dask_worker, key)
        print(f"start-up of {workers} Dask worker(s): {time.perf_counter() - started:.1f} s")
        seconds = timed(f"Dask local cluster, {workers} worker(s)", lambda: code_with_client(client, paths, out, config), count, words)
        memory = max(client.run(peak_memory_mb).values())
    print(f"peak memory per Dask worker: {memory:.0f} MB")
    return seconds, memory


def _warm_dask_worker(config_key: str) -> None:
    from comity.runner import _pipeline_for

    _pipeline_for(config_key)(document_from_text(WARM_UP_TEXT, "warm-up"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask local cluster")
    parser.add_argument("--no-plain", action="store_true", help="skip comity without the prefilter")
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="comity-scale-"))
    articles = generate(args.articles, args.seed)
    paths = write_partitions(articles, workdir / "in")
    chunks = write_partitions(articles, workdir / "chunks", max(1, len(articles) // CHUNK))
    words = sum(len(a.text.split()) for a in articles)
    event_share = sum(a.event_sentences for a in articles) / sum(a.sentences for a in articles)
    print(f"{len(articles)} articles, {words} words, {event_share:.0%} of sentences written as events; in {workdir}")

    local = local_section(chunks, words, plain=not args.no_plain)
    print(f"comity / spaCy alone: {local['spacy_s'] / local['comity_s']:.2f}×")
    if not args.no_plain:
        print(f"without prefilter {local['spacy_s'] / local['plain_s']:.2f}×; prefilter speed-up {local['plain_s'] / local['comity_s']:.2f}×")
    workers = worker_section(paths, words)
    print(f"2 workers / 1 worker: {workers[1] / workers[2]:.2f}×")
    if not args.no_dask:
        dask_one, _ = dask_section(paths, words, 1, workdir / "dask-1")
        dask_two, _ = dask_section(paths, words, 2, workdir / "dask-2")
        print(f"Dask 2 workers / 1 worker: {dask_one / dask_two:.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
