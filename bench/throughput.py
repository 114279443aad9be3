"""End-to-end throughput against spaCy's full parse alone, on the same texts, in one interleaved run.

    .venv/bin/python bench/throughput.py [CORPUS] [--articles N] [--repeat N] [--no-plain]
        [--without-broad-layer | --compare-broad-layer] [--workdir DIR]

CORPUS is one of bench/corpora.py: `samples` (the demo articles and the seeds,
political news, repeated `--repeat` times, 20 by default), `generated`,
`reuters-political`, `reuters-business` or `reuters` (a fixed sample of
`--articles` stories, 1,000 by default). The texts are cut into chunks of 50
articles, and on each chunk the contenders run in turn, so a change of load on
the machine weighs on all of them alike:

- spaCy's full parse alone: the model as `spacy.load` gives it (not comity's
  `load_nlp`, whose attribute rules are faster), `nlp.pipe` over the raw texts,
  with comity's batch size, nothing kept;
- comity in memory: ingest from JSON Lines and every stage (stage by stage over
  the chunk, each stage's time kept), nothing kept;
- comity without the prefilter (unless `--no-plain`), the same way;
- with `--compare-broad-layer`, comity without the broad layer (PETRARCH2's verb
  dictionary), the same way: what the layer costs (`--without-broad-layer`
  instead codes every contender without it);
- comity into the store: `comity.api.code` on the chunk file into one store that
  grows over the run (saving and linking included).

Then, outside the timed contenders, on the same chunks: the time of saving
the coded documents and of linking them (`Store.save_documents`, `api.relink`,
into another store), and the time of each spaCy component over what comity's
parse stage parses. Printed: articles/s and words/s, the ratios to spaCy alone,
the share of sentences the prefilter sends to the parse, the prefilter's
speed-up, the share of coding time per stage, and the share of the parse per
spaCy component; with the load average before and after.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpora import CORPORA, Interleaved, corpus_records, drain, load_average, report, streamed, words_of, write_chunks  # noqa: E402

from comity import api  # noqa: E402
from comity.api import build_pipeline  # noqa: E402
from comity.config import Config  # noqa: E402
from comity.ingest import document_from_text  # noqa: E402
from comity.model import Document  # noqa: E402
from comity.pipeline import FIELDS, Pipeline  # noqa: E402
from comity.runner import WARM_UP_TEXT  # noqa: E402
from comity.stages.parse import masked_text, parsed_text  # noqa: E402
from comity.stages.prefilter import _sentences_by_section, load_splitter  # noqa: E402
from comity.store import Store  # noqa: E402

#: Articles per chunk; the contenders run in turn on each.
CHUNK = 50


def coded_stage_by_stage(pipeline: Pipeline, chunk: Path, clock: Interleaved, prefix: str) -> list[Document]:
    """Ingest and code a chunk one stage at a time over all its documents, timing each stage."""
    started = time.perf_counter()
    docs = list(streamed([chunk]))
    clock.add(f"{prefix}:ingest", time.perf_counter() - started)
    for stage in pipeline.stages:
        started = time.perf_counter()
        docs = list(Pipeline([stage], provided=FIELDS).pipe(docs))
        clock.add(f"{prefix}:{stage.name}", time.perf_counter() - started)
    return docs


def parse_components(pipeline: Pipeline, docs: list[Document], clock: Interleaved) -> None:
    """Time each spaCy component over the texts the parse stage parses (as its `pipe` would)."""
    stage = next(s for s in pipeline.stages if s.name == "parse")
    nlp = stage.nlp
    started = time.perf_counter()
    parsed = [nlp.make_doc(parsed_text(doc)) for doc in docs]
    clock.add("tokenizer", time.perf_counter() - started)
    for name, component in nlp.pipeline:
        started = time.perf_counter()
        if hasattr(component, "pipe"):
            parsed = list(component.pipe(parsed, batch_size=Config().batch_size))
        else:
            parsed = [component(doc) for doc in parsed]
        clock.add(name, time.perf_counter() - started)


def saved_and_linked(docs: list[Document], store: Store, clock: Interleaved) -> None:
    for doc in docs:
        doc.parsed = None
    started = time.perf_counter()
    store.save_documents([(doc, api.mentions_of(doc)) for doc in docs], "bench", "bench")
    clock.add("store save", time.perf_counter() - started)
    started = time.perf_counter()
    api.relink(store)
    clock.add("relink", time.perf_counter() - started)


def sentence_counts(docs: list[Document]) -> Counter:
    """Candidate sentences (those parsed) and all coded sentences, as the prefilter splits them."""
    splitter = load_splitter()
    tally: Counter = Counter()
    for doc in docs:
        tally["candidates"] += len(doc.candidate_spans or [])
        tally["sentences"] += sum(len(found) for _, found in _sentences_by_section(doc, splitter(masked_text(doc))))
        tally["mentions"] += len(doc.event_mentions)
    return tally


def run(chunks: list[Path], workdir: Path, config: Config, plain: bool, broad: bool) -> tuple[Interleaved, Interleaved, Counter]:
    """The contenders in turn on each chunk; then, untimed as contenders, the stages' own parts."""
    import spacy

    nlp = spacy.load(config.spacy_model)
    pipelines = {"comity": build_pipeline(config)}
    if plain:
        pipelines["plain"] = build_pipeline(dataclasses.replace(config, prefilter=False))
    if broad:
        pipelines["narrow"] = build_pipeline(dataclasses.replace(config, broad_layer=False))
    started = time.perf_counter()
    for pipeline in pipelines.values():
        pipeline(document_from_text(WARM_UP_TEXT, "warm-up"))
    print(f"start-up in this process (models, knowledge, gazetteer): {time.perf_counter() - started:.1f} s")
    contenders, parts, tally = Interleaved(), Interleaved(), Counter()
    with Store(workdir / "parts.duckdb") as parts_store:
        for number, chunk in enumerate(chunks, 1):
            texts = [doc.text for doc in streamed([chunk])]
            contenders.run("spacy", lambda: drain(nlp.pipe(texts, batch_size=Config().batch_size)))
            coded = contenders.run("comity", lambda: coded_stage_by_stage(pipelines["comity"], chunk, parts, "comity"))
            for other in ("plain", "narrow"):
                if other in pipelines:
                    contenders.run(other, lambda: drain(coded_stage_by_stage(pipelines[other], chunk, parts, other)))
            contenders.run("store", lambda: api.code([chunk], db=workdir / "store.duckdb", config=config))
            tally.update(sentence_counts(coded))
            parse_components(pipelines["comity"], coded, parts)
            saved_and_linked(coded, parts_store, parts)
            if number % 10 == 0 or number == len(chunks):
                print(f"  {number}/{len(chunks)} chunks", file=sys.stderr, flush=True)
    return contenders, parts, tally


def print_results(contenders: Interleaved, parts: Interleaved, tally: Counter, articles: int, words: int) -> None:
    seconds = contenders.seconds
    report("spaCy full parse alone", seconds["spacy"], articles, words)
    report("comity in memory", seconds["comity"], articles, words)
    if "plain" in seconds:
        report("comity in memory, no prefilter", seconds["plain"], articles, words)
    report("comity into the store", seconds["store"], articles, words)
    print(f"prefilter: {tally['candidates'] / tally['sentences']:.0%} of sentences parsed "
          f"({tally['candidates']} of {tally['sentences']}); {tally['mentions']} mentions")
    print(f"comity in memory / spaCy alone: {seconds['spacy'] / seconds['comity']:.2f}×")
    print(f"comity into the store / spaCy alone: {seconds['spacy'] / seconds['store']:.2f}×")
    if "plain" in seconds:
        print(f"prefilter speed-up (no prefilter / prefilter): {seconds['plain'] / seconds['comity']:.2f}×")
    if "narrow" in seconds:
        report("comity in memory, no broad layer", seconds["narrow"], articles, words)
        print(f"the broad layer costs {100 * (1 - seconds['narrow'] / seconds['comity']):.1f}% of comity's throughput")
    storing = ("store save", "relink")
    coding = {k.removeprefix("comity:"): v for k, v in parts.seconds.items() if k.startswith("comity:") or k in storing}
    print("time share while coding (stages in memory, then saving and linking): " + shares(coding))
    components = {k: v for k, v in parts.seconds.items() if ":" not in k and k not in storing}
    print("inside comity's parse (spaCy components): " + shares(components))


def shares(seconds: dict[str, float]) -> str:
    total = sum(seconds.values())
    return ", ".join(f"{name} {value / total:.0%}" for name, value in sorted(seconds.items(), key=lambda kv: -kv[1]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default="samples", choices=CORPORA)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=20, help="rounds of the samples corpus")
    parser.add_argument("--no-plain", action="store_true", help="skip comity without the prefilter")
    layer = parser.add_mutually_exclusive_group()
    layer.add_argument("--without-broad-layer", action="store_true", help="code with comity's own patterns alone (Config.broad_layer off)")
    layer.add_argument("--compare-broad-layer", action="store_true", help="also time comity without the broad layer, interleaved")
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="comity-throughput-"))
    records = corpus_records(args.corpus, args.articles, args.repeat)
    chunks = write_chunks(records, workdir / "chunks", CHUNK)
    words = words_of(records)
    print(f"{args.corpus}: {len(records)} articles, {words} words, in chunks of {CHUNK}; in {workdir}")
    load_average("at the start")
    config = Config(broad_layer=not args.without_broad_layer)
    contenders, parts, tally = run(chunks, workdir, config, plain=not args.no_plain, broad=args.compare_broad_layer)
    load_average("at the end")
    print_results(contenders, parts, tally, len(records), words)
    return 0


if __name__ == "__main__":
    sys.exit(main())
