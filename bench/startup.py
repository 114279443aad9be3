"""Start-up: the wall time of coding one small file, against loading spaCy's model alone, in one run.

    .venv/bin/python bench/startup.py [--rounds N] [--before OTHER_CHECKOUT/src]

Each round runs, one after the other in fresh processes (so a change of load
on the machine weighs on both alike):

- the reference: `python -c "import spacy; spacy.load(MODEL)"`;
- comity: `comity code small.txt --db X --out DIR` on a three-sentence text of
  our own, into a new store each time;
- the same start-up phase by phase (below).

The compiled knowledge cache and Python's bytecode cache are warmed first (a
run before the timed rounds), so this is the cost "after the first run".
Printed: the median wall time of each and their ratio, then the median
breakdown of a comity start-up into its phases, timed in a child process that
goes through them in the order the command does (each phase pays only for what
the phases before it left undone), and the load average before and after.
With PYTHONPATH naming another checkout's `src`, the same script times that
checkout (a before/after).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpora import load_average  # noqa: E402

from comity.config import SPACY_MODEL  # noqa: E402

SMALL_TEXT = (
    "Greece accused Turkey on Tuesday of sending warships into disputed waters.\n"
    "The Turkish foreign minister rejected the charge and called for talks with Athens.\n"
    "Officials in Ankara said the navy would stay in port.\n"
)

#: The phases of one start-up, in the order `comity code` meets them; run in a child process.
PHASES = r'''
import json, sys, time
timings = []
started = last = time.perf_counter()
def phase(name):
    global last
    now = time.perf_counter()
    timings.append((name, now - last))
    last = now
import comity.cli
phase("import the command line (typer)")
import importlib
api = importlib.import_module("comity.api")
importlib.import_module("comity.store").Store
phase("import the store")
import spacy
phase("import spacy")
from comity.config import Config
from comity.stages.parse import load_nlp
config = Config()
load_nlp(config.spacy_model)
phase("load the spaCy model")
from comity.knowledge.actors import ActorKnowledge
ActorKnowledge.load()
phase("actor knowledge (cache)")
api.event_patterns(config)
phase("event patterns (cache)")
from comity.knowledge.gazetteer import Gazetteer
Gazetteer.default()
phase("gazetteer (cache)")
pipeline = api.build_pipeline(config)
phase("the rest of build_pipeline (prefilter)")
from comity.ingest import document_from_text
list(pipeline.pipe([document_from_text(sys.argv[1], doc_id="warm")]))
phase("code the document (stages' first use)")
api.code([sys.argv[2]], db=sys.argv[3], out=sys.argv[4], config=config)
phase("code into the store, link, write outputs")
print(json.dumps({"phases": timings, "total": time.perf_counter() - started}))
'''


#: What the `comity` script runs (before it had `run`, the app itself: so an older checkout can be timed
#: with PYTHONPATH pointing at its sources).
SCRIPT = "import comity.cli as cli; getattr(cli, 'run', cli.app)()"


def comity_command(folder: Path, small: Path, run: str) -> list[str]:
    return [sys.executable, "-c", SCRIPT, "code", str(small),
            "--db", str(folder / f"run{run}.duckdb"), "--out", str(folder / f"out{run}")]


def child_environment(folder: Path, name: str, sources: Path | None = None) -> dict[str, str]:
    """As a user's install runs: compiled bytecode written by the first run and read after it
    (kept under `folder`, whatever PYTHONDONTWRITEBYTECODE says here), and a knowledge cache
    of its own for each checkout timed; `sources`: another checkout's `src` to import from."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    env["COMITY_CACHE_DIR"] = str(folder / f"knowledge-{name}")
    if sources is not None:
        env["PYTHONPATH"] = str(sources)
    return env


def reference_command() -> list[str]:
    return [sys.executable, "-c", f"import spacy; spacy.load({SPACY_MODEL!r})"]


def wall(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return time.perf_counter() - started


def breakdown(folder: Path, small: Path, run: str, env: dict[str, str]) -> dict:
    done = subprocess.run([sys.executable, "-c", PHASES, SMALL_TEXT, str(small), str(folder / f"phases{run}.duckdb"),
                           str(folder / f"phases-out{run}")], capture_output=True, text=True, env=env)
    if done.returncode:
        raise SystemExit(f"the phase breakdown failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--before", type=Path, help="the `src` folder of another checkout, timed in the same rounds")
    args = parser.parse_args()
    load_average("before")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        small = folder / "small.txt"
        small.write_text(SMALL_TEXT, encoding="utf-8")
        checkouts = {"now": child_environment(folder, "now")}
        if args.before:
            checkouts["before"] = child_environment(folder, "before", args.before.resolve())
        reference: list[float] = []
        walls: dict[str, list[float]] = {name: [] for name in checkouts}
        phases: dict[str, list[dict]] = {name: [] for name in checkouts}
        for name, env in checkouts.items():
            wall(comity_command(folder, small, f"{name}-warm"), env)  # fills the knowledge and bytecode caches
        for run in range(args.rounds):
            reference.append(wall(reference_command(), checkouts["now"]))
            for name, env in checkouts.items():
                walls[name].append(wall(comity_command(folder, small, f"{name}{run}"), env))
                phases[name].append(breakdown(folder, small, f"{name}{run}", env))
    ref = statistics.median(reference)
    print(f"spaCy alone (import spacy; spacy.load)  median {ref:5.2f} s wall over {args.rounds} rounds")
    for name in checkouts:
        own = statistics.median(walls[name])
        print(f"comity code small.txt --db --out ({name:>6}) median {own:5.2f} s wall ({own / ref:.2f} x spaCy alone)")
    for name in checkouts:
        total = statistics.median(p["total"] for p in phases[name])
        print(f"{name}: a start-up phase by phase (medians; {total:.2f} s in all, in-process, without the exit):")
        for i, (phase, _) in enumerate(phases[name][0]["phases"]):
            seconds = statistics.median(p["phases"][i][1] for p in phases[name])
            print(f"  {phase:<42} {seconds:5.2f} s  {seconds / total:4.0%}")
    load_average("after")
    return 0


if __name__ == "__main__":
    sys.exit(main())
