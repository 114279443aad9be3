"""End-to-end throughput against spaCy's parse alone, on the same texts, in the same process.

    .venv/bin/python bench/throughput.py [PATH ...] [--repeat N]

PATH defaults to the bundled demo corpus (and ../shared/samples/seeds when
present). --without-broad-layer codes with comity's own patterns alone, to weigh
what the broad layer (PETRARCH2's verb dictionary) costs. Texts are repeated N times (default 20) with a varying doc_id so
nothing is skipped as already coded. Prints articles/s and words/s for the
full comity pipeline (ingest through place, without the store) and for
`nlp.pipe` over the raw texts, their ratio, and the process's peak memory.
"""

from __future__ import annotations

import argparse
import dataclasses
import resource
import sys
import time
from pathlib import Path

from comity.api import DEMO_DIR, build_pipeline
from comity.config import Config
from comity.ingest import iter_inputs
from comity.model import Document
from comity.stages.parse import load_nlp

SHARED_SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "samples" / "seeds"


def load_documents(paths: list[Path], repeat: int) -> list[Document]:
    originals = [d for d in iter_inputs(paths, Config()) if isinstance(d, Document)]
    return [
        dataclasses.replace(doc, doc_id=f"{doc.doc_id}-{i}")
        for i in range(repeat)
        for doc in originals
    ]


def fresh(docs: list[Document]) -> list[Document]:
    return [dataclasses.replace(d, sections=[], sentences=[], actor_mentions=[], event_mentions=[], stages_run=[])
            for d in docs]


def timed(label: str, run, docs: list[Document], clock=time.perf_counter) -> float:
    words = sum(len(d.text.split()) for d in docs)
    start = clock()
    run(docs)
    seconds = clock() - start
    print(f"{label:<28} {len(docs) / seconds:8.1f} articles/s {words / seconds:10.0f} words/s  ({seconds:.2f} s)")
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--without-broad-layer", action="store_true", help="code with comity's own patterns alone (Config.broad_layer off)")
    parser.add_argument("--compare-broad-layer", action="store_true", help="time comity with and without the broad layer, alternately")
    args = parser.parse_args(argv)
    paths = args.paths or [DEMO_DIR] + ([SHARED_SEEDS] if SHARED_SEEDS.is_dir() else [])
    docs = load_documents(paths, args.repeat)
    if args.compare_broad_layer:
        return compare_broad_layer(docs)
    pipeline = build_pipeline(Config(broad_layer=not args.without_broad_layer))
    nlp = load_nlp()
    warm = fresh(docs[:5])
    list(pipeline.pipe(warm))  # load models and knowledge outside the timing
    spacy_seconds = timed("spaCy full parse alone", lambda ds: list(nlp.pipe(d.text for d in ds)), docs)
    comity_seconds = timed("comity end to end", lambda ds: list(pipeline.pipe(ds)), fresh(docs))
    print(f"comity / spaCy-alone throughput ratio: {spacy_seconds / comity_seconds:.2f}")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS of this process): {peak_mb:.0f} MB; {len(docs)} articles")
    return 0


def compare_broad_layer(docs: list[Document], rounds: int = 5) -> int:
    """comity with and without the broad layer, timed alternately (the median of `rounds`
    each) in CPU time of this process, so other work on the machine does not weigh, against
    spaCy's parse alone: what the layer costs in throughput."""
    pipelines = {"with the broad layer": build_pipeline(Config()), "without it": build_pipeline(Config(broad_layer=False))}
    for pipeline in pipelines.values():
        list(pipeline.pipe(fresh(docs[:5])))
    nlp = load_nlp()
    spacy_seconds = timed("spaCy full parse alone (CPU)", lambda ds: list(nlp.pipe(d.text for d in ds)), docs, time.process_time)
    seconds: dict[str, list[float]] = {label: [] for label in pipelines}
    for _ in range(rounds):
        for label, pipeline in pipelines.items():
            seconds[label].append(timed(f"comity, {label} (CPU)", lambda ds, p=pipeline: list(p.pipe(ds)), fresh(docs), time.process_time))
    median = {label: sorted(found)[len(found) // 2] for label, found in seconds.items()}
    for label, value in median.items():
        print(f"comity / spaCy-alone throughput ratio, {label}: {spacy_seconds / value:.2f} (median of {rounds})")
    with_layer, without = median["with the broad layer"], median["without it"]
    print(f"the broad layer costs {100 * (1 - without / with_layer):.1f}% of comity's throughput")
    return 0


if __name__ == "__main__":
    sys.exit(main())
