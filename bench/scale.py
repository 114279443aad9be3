"""Throughput and scale, in one run, on articles generated from our own templates.

    .venv/bin/python bench/scale.py [--articles 10000] [--seed 7] [--no-dask] [--workdir DIR]

Reports, on the same texts (bench/article_templates.py: varied lengths, about
30% event-bearing sentences):

- spaCy's full parse alone (`nlp.pipe` over the texts);
- comity end to end in this process (ingest done, every stage through place,
  no store), with and without the prefilter, as articles/s and words/s and as
  a ratio to spaCy alone; the share of sentences the prefilter sends to parse;
- 1 against 2 worker processes (`comity.runner.WorkerPool`), and 1 against 2
  workers of a Dask local cluster (`comity.distributed`, coding and linking,
  Parquet out), each with the peak memory of its workers.

Models and knowledge are loaded, in every process, before its timing starts:
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
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from article_templates import Article, generate  # noqa: E402

from comity.api import build_pipeline  # noqa: E402
from comity.config import Config  # noqa: E402
from comity.ingest import document_from_text, iter_inputs  # noqa: E402
from comity.model import Document  # noqa: E402
from comity.runner import WARM_UP_TEXT, WorkerPool, code_documents, peak_memory_mb  # noqa: E402
from comity.stages.parse import load_nlp  # noqa: E402
from comity.stages.parse import masked_text  # noqa: E402
from comity.stages.prefilter import _sentences_by_section, load_splitter  # noqa: E402

PARTITIONS = 8


def write_partitions(articles: list[Article], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(PARTITIONS):
        path = folder / f"part-{index:02d}.jsonl"
        path.write_text("".join(json.dumps(a.record()) + "\n" for a in articles[index::PARTITIONS]), encoding="utf-8")
        paths.append(path)
    return paths


def ingested(paths: list[Path]) -> list[Document]:
    return [d for d in iter_inputs(paths, Config()) if isinstance(d, Document)]


def timed(label: str, run: Callable[[], object], articles: int, words: int) -> float:
    start = time.perf_counter()
    run()
    seconds = time.perf_counter() - start
    print(f"{label:<40} {articles / seconds:8.1f} articles/s {words / seconds:9.0f} words/s ({seconds:7.1f} s)")
    return seconds


def candidate_share(docs: list[Document]) -> float:
    """Sentences the prefilter sends to parse, over all sentences of the coded sections."""
    total = sum(len(sentences) for d in docs for _, sentences in _sentences_by_section(d, load_splitter()(masked_text(d))))
    return sum(len(d.candidate_spans or []) for d in docs) / total


def local_section(paths: list[Path], words: int) -> dict[str, float]:
    docs = ingested(paths)
    count = len(docs)
    nlp = load_nlp()
    plain, filtered = build_pipeline(Config(prefilter=False)), build_pipeline(Config())
    started = time.perf_counter()
    for pipeline in (plain, filtered):
        pipeline(document_from_text(WARM_UP_TEXT, "warm-up"))
    print(f"start-up in this process (models, knowledge, gazetteer): {time.perf_counter() - started:.1f} s")
    spacy_s = timed("spaCy full parse alone", lambda: list(nlp.pipe((d.text for d in docs), batch_size=64)), count, words)
    plain_s = timed("comity end to end, no prefilter", lambda: list(plain.pipe(ingested(paths))), count, words)
    coded: list[Document] = []
    comity_s = timed("comity end to end", lambda: coded.extend(filtered.pipe(ingested(paths))), count, words)
    share = candidate_share(coded)
    print(f"prefilter: {share:.0%} of sentences parsed; {sum(len(d.event_mentions) for d in coded)} mentions")
    return {"spacy_s": spacy_s, "plain_s": plain_s, "comity_s": comity_s, "share": share}


def worker_section(paths: list[Path], words: int, workers: int) -> tuple[float, float]:
    count = len(ingested(paths))
    with WorkerPool(Config(), workers) as pool:
        started = time.perf_counter()
        pool.warm()
        print(f"start-up of {workers} worker process(es): {time.perf_counter() - started:.1f} s")
        seconds = timed(f"comity, {workers} worker process(es)", lambda: list(code_documents(ingested(paths), Config(), pool=pool)), count, words)
        memory = pool.peak_memory_mb()
    print(f"peak memory per worker: {memory:.0f} MB")
    return seconds, memory


def dask_section(paths: list[Path], words: int, workers: int, out: Path) -> tuple[float, float]:
    from comity.distributed import code_with_client, dask_client

    count = len(ingested(paths))
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
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="comity-scale-"))
    articles = generate(args.articles, args.seed)
    paths = write_partitions(articles, workdir / "in")
    words = sum(len(a.text.split()) for a in articles)
    event_share = sum(a.event_sentences for a in articles) / sum(a.sentences for a in articles)
    print(f"{len(articles)} articles, {words} words, {event_share:.0%} of sentences written as events; in {workdir}")

    local = local_section(paths, words)
    print(f"comity / spaCy alone: {local['spacy_s'] / local['comity_s']:.2f}× "
          f"(without prefilter {local['spacy_s'] / local['plain_s']:.2f}×; prefilter speed-up {local['plain_s'] / local['comity_s']:.2f}×)")
    one, _ = worker_section(paths, words, 1)
    two, _ = worker_section(paths, words, 2)
    print(f"2 workers / 1 worker: {one / two:.2f}×")
    if not args.no_dask:
        dask_one, _ = dask_section(paths, words, 1, workdir / "dask-1")
        dask_two, _ = dask_section(paths, words, 2, workdir / "dask-2")
        print(f"Dask 2 workers / 1 worker: {dask_one / dask_two:.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
