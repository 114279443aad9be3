"""comity now against another checkout of comity and spaCy's full parse alone, taking turns in one run.

    .venv/bin/python bench/versus.py CORPUS --before OTHER_CHECKOUT/src [--articles N] [--chunk N]

A before/after of a speed change on a shared machine: two runs of
`throughput.py`, one per checkout, minutes apart, differ by more than the change
(other processes come and go). Here each contender is a process of its own, warmed
up once (model, knowledge, a first document): spaCy's model as `spacy.load` gives
it, comity's pipeline from this checkout, and comity's pipeline from
`--before` (its sources put first on the path). On each chunk of `--chunk`
articles they code in turn, one at a time, each timing its own work (reading the
chunk's JSON Lines and every stage, in memory, nothing kept; for spaCy, `nlp.pipe`
over the texts with comity's batch size); the sums give ratios that a change of
load weighs on alike. Printed: articles/s, the ratios to spaCy alone and now /
before, the mentions each coded, and the load average before and after.
CORPUS is one of bench/corpora.py (the held-out stories are never coded).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpora import CORPORA, Interleaved, corpus_records, load_average, report, words_of, write_chunks  # noqa: E402

#: The worker each contender runs: warm up, say "ready", then time each chunk path read from stdin.
WORKER = r'''
import json, sys, time
from pathlib import Path
from comity.config import Config
config = Config()
if sys.argv[1] == "spacy":
    import spacy
    nlp = spacy.load(config.spacy_model)
    list(nlp.pipe(["A first text, to warm the model up."]))
else:
    from comity.api import build_pipeline
    from comity.ingest import document_from_text, iter_inputs
    from comity.model import Document
    from comity.runner import WARM_UP_TEXT
    pipeline = build_pipeline(config)
    pipeline(document_from_text(WARM_UP_TEXT, "warm-up"))
print("ready", flush=True)
for line in sys.stdin:
    path = Path(line.strip())
    if sys.argv[1] == "spacy":
        texts = [json.loads(record)["text"] for record in path.read_text(encoding="utf-8").splitlines()]
        started = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=config.batch_size):
            pass
        mentions = 0
    else:
        started = time.perf_counter()
        docs = [d for d in iter_inputs([path], config) if isinstance(d, Document)]
        mentions = sum(len(doc.event_mentions) for doc in pipeline.pipe(docs))
    print(json.dumps({"seconds": time.perf_counter() - started, "mentions": mentions}), flush=True)
'''


class Contender:
    def __init__(self, label: str, mode: str, sources: Path | None, cache: Path):
        env = dict(os.environ)
        env["COMITY_CACHE_DIR"] = str(cache)  # its own knowledge cache: checkouts do not evict each other's
        if sources is not None:
            env["PYTHONPATH"] = os.pathsep.join([str(sources), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
        self.label = label
        self.process = subprocess.Popen([sys.executable, "-c", WORKER, mode], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
        self.mentions = 0

    def wait_ready(self) -> None:
        line = self.process.stdout.readline()
        if line.strip() != "ready":
            raise SystemExit(f"{self.label}: the worker did not start (said {line!r})")

    def code(self, chunk: Path) -> float:
        self.process.stdin.write(f"{chunk}\n")
        self.process.stdin.flush()
        answer = json.loads(self.process.stdout.readline())
        self.mentions += answer["mentions"]
        return answer["seconds"]

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", choices=CORPORA)
    parser.add_argument("--before", type=Path, required=True, help="another checkout's src folder")
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--chunk", type=int, default=25)
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="comity-versus-"))
    records = corpus_records(args.corpus, args.articles)
    chunks = write_chunks(records, workdir / "chunks", args.chunk)
    words = words_of(records)
    print(f"{args.corpus}: {len(records)} articles, {words} words, in chunks of {args.chunk}; before = {args.before}")
    here = Path(__file__).resolve().parents[1] / "src"
    contenders = [
        Contender("spacy", "spacy", None, workdir / "cache-spacy"),
        Contender("now", "comity", here, workdir / "cache-now"),
        Contender("before", "comity", args.before.resolve(), workdir / "cache-before"),
    ]
    for contender in contenders:
        contender.wait_ready()
    load_average("at the start")
    clock = Interleaved()
    for chunk in chunks:
        for contender in contenders:
            clock.add(contender.label, contender.code(chunk))
    load_average("at the end")
    for contender in contenders:
        contender.close()
    seconds = clock.seconds
    report("spaCy full parse alone", seconds["spacy"], len(records), words)
    report("comity now, in memory", seconds["now"], len(records), words)
    report("comity before, in memory", seconds["before"], len(records), words)
    print(f"comity now / spaCy alone: {seconds['spacy'] / seconds['now']:.2f}×; "
          f"before / spaCy alone: {seconds['spacy'] / seconds['before']:.2f}×; "
          f"now / before: {seconds['before'] / seconds['now']:.2f}×")
    print(f"mentions: now {contenders[1].mentions}, before {contenders[2].mentions}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
