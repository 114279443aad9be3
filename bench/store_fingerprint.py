"""Print a sha256 of what a store holds after incremental coding and linking, to prove a change to the store keeps it.

    .venv/bin/python bench/store_fingerprint.py
    PYTHONPATH=/tmp/before/src .venv/bin/python bench/store_fingerprint.py   # another checkout (git archive)

Two stores are built, each in several runs so that every run relinks into
blocks an earlier one linked:

- demo: the demo articles coded a few files at a time (each run codes the
  files so far plus the next ones), then a full relink;
- generated: 1,000 generated documents (bench/store_bench.py's generator),
  linked, then ten chunks of 50 saved and relinked one at a time, one of them
  re-saving ten documents already linked with new mentions.

For each store the digest covers every event record and every mention record
with the event it is stored under, sorted; run ids and times are left out. The
same digests before and after a change mean the same events and links.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from store_bench import CHUNK, Generator  # noqa: E402

from comity import api  # noqa: E402
from comity.config import DATA_DIR  # noqa: E402
from comity.store import Store  # noqa: E402

DEMO_RUNS = 4


def digest(db: Path) -> str:
    with Store(db, read_only=True) as store:
        events = sorted(json.dumps(e, sort_keys=True) for e in store.event_records())
        mentions = sorted(json.dumps(m, sort_keys=True) for m in store.mention_records())
    return hashlib.sha256("\n".join(events + ["--"] + mentions).encode()).hexdigest()


def demo_store(workdir: Path) -> Path:
    """The demo articles coded a few at a time into one store, then relinked in full."""
    texts = sorted((DATA_DIR / "demo").glob("*.txt"))
    db = workdir / "demo.duckdb"
    folder = workdir / "demo"
    folder.mkdir()
    step = -(-len(texts) // DEMO_RUNS)
    for start in range(0, len(texts), step):
        for text in texts[start:start + step]:
            shutil.copy(text, folder / text.name)
            sidecar = text.with_suffix(".meta.json")
            if sidecar.exists():
                shutil.copy(sidecar, folder / sidecar.name)
        api.code([folder], db=db)
    with Store(db) as store:
        api.relink(store, full=True)
    return db


def generated_store(workdir: Path) -> Path:
    """1,000 generated documents, then chunks of 50 relinked one at a time, one chunk re-saving old documents."""
    db = workdir / "generated.duckdb"
    generator = Generator(seed=7)
    with Store(db) as store:
        store.save_documents(generator.documents(1000, current=True), "fill", "bench")
        api.relink(store)
        for chunk in range(10):
            coded = generator.documents(CHUNK, current=True)
            if chunk == 5:  # ten documents re-coded: their ids taken by new codings
                generator.next_number = 100
                coded += generator.documents(10, current=True)
                generator.next_number = 1000 + (chunk + 1) * CHUNK
            store.save_documents(coded, "bench", "bench")
            api.relink(store)
    return db


def main() -> int:
    workdir = Path(tempfile.mkdtemp(prefix="comity-store-fingerprint-"))
    try:
        for name, build in (("demo", demo_store), ("generated", generated_store)):
            print(f"{name}: {digest(build(workdir))}", flush=True)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
