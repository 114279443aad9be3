"""Web app latency as the store grows: the dyad page and the overview at 1k, 20k and 200k articles, then
a bounded load test (20 concurrent clients on 127.0.0.1), against a real `comity serve` process.

    .venv/bin/python bench/web_bench.py --out bench/results/web-<date>.txt
    PYTHONPATH=/tmp/before/src .venv/bin/python bench/web_bench.py ...   # another checkout, same stores

Stores are generated, not coded: documents of our own template sentences with four event mentions
each, linked into events of one to three mentions, dyads drawn with a skew like real news (a few
pairs of states carry most events), dates over 2000-2024. They are written through the store's own
API (`save_documents`, `apply_links`), so each comity version lays them out its own way. Figures
are latencies in milliseconds on this machine, and ratios between sizes within one run.
"""

from __future__ import annotations

import argparse
import http.client
import os
import hashlib
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import httpx

from comity.ingest import document_from_text
from comity.model import Found, Section, SectionKind, Span
from comity.store import Store

COUNTRIES = ["USA", "CHN", "RUS", "GBR", "FRA", "DEU", "JPN", "KOR", "PRK", "IRN", "ISR", "PSE", "SYR", "TUR",
             "IND", "PAK", "AFG", "IRQ", "SAU", "EGY", "UKR", "POL", "CUB", "VEN", "BRA", "MEX", "CAN", "AUS",
             "ZAF", "NGA", "ETH", "KEN", "SDN", "LBY", "YEM", "IDN", "PHL", "VNM", "THA", "MMR"]
CODES = [("042", 1, 1.9, "CONSULT"), ("043", 1, 2.8, "CONSULT"), ("036", 1, 4.0, "AGREE"),
         ("051", 1, 3.4, "SUPPORT"), ("057", 1, 8.0, "SUPPORT"), ("061", 2, 6.4, "COOPERATE"),
         ("071", 2, 7.4, "AID"), ("111", 3, -2.0, "ACCUSE"), ("112", 3, -2.0, "ACCUSE"),
         ("120", 3, -4.0, "REJECT"), ("130", 3, -4.4, "THREATEN"), ("163", 4, -8.0, "COERCE"),
         ("173", 4, -5.0, "COERCE"), ("190", 4, -10.0, "ASSAULT"), ("193", 4, -10.0, "ASSAULT")]
OUTLETS = ["Harbour Wire", "Meridian", "Tidewater Times", "Eastgate Daily", "Levant Post", "Gulfstream"]
MENTIONS_PER_ARTICLE = 4
BATCH = 5000


# ------------------------------------------------------------------ generating a store


def weighted_country(rng: random.Random) -> str:
    # Zipf-like: the first states of the list carry most of the news.
    return COUNTRIES[min(int(rng.paretovariate(1.1)) - 1, len(COUNTRIES) - 1)]


def make_events(rng: random.Random, count: int) -> list[dict[str, Any]]:
    events = []
    for number in range(count):
        source = weighted_country(rng)
        target = weighted_country(rng)
        while target == source:
            target = rng.choice(COUNTRIES)
        cameo, quad, goldstein, plover = rng.choice(CODES)
        day = f"{rng.randint(2000, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        date = rng.choice([day, day, day, day[:7], day[:4]])
        events.append({"event_id": "e-" + hashlib.sha256(f"ev{number}".encode()).hexdigest()[:16],
                       "source": source, "target": target, "cameo": cameo, "quad": quad,
                       "goldstein": goldstein, "plover": plover, "date": date, "mentions": []})
    return events


def side(country: str) -> dict[str, Any]:
    return {"text": f"the {country} government", "code": f"{country}GOV", "country": country,
            "actor_id": f"state:{country}"}


def make_article(number: int, rng: random.Random, events: list[dict[str, Any]]):  # -> (Document, mentions)
    doc_id = f"a{number:07d}"
    chosen = [rng.choice(events) for _ in range(MENTIONS_PER_ARTICLE)]
    outlet = rng.choice(OUTLETS)
    headline = f"{chosen[0]['source']} and {chosen[0]['target']} in talks\n\n"
    sentences, spans = [], []
    offset = len(headline)
    for event in chosen:
        sentence = (f"The {event['source']} government and the {event['target']} government acted on "
                    f"{event['date']}, officials said, in a move observers called significant. ")
        spans.append((offset, offset + len(sentence) - 1))
        sentences.append(sentence)
        offset += len(sentence)
    filler = "Analysts said the talks would continue in the coming weeks and months. " * 4
    text = headline + "".join(sentences) + filler
    doc = document_from_text(text, doc_id, origin=f"generated/{doc_id}.txt")
    doc.sections = [Section(SectionKind.HEADLINE, Span(0, len(headline) - 2)),
                    Section(SectionKind.BODY, Span(len(headline), len(text)))]
    doc.meta.outlet = Found(outlet, "sidecar")
    doc.meta.title = Found(headline.strip(), "sidecar")
    doc.meta.published = Found(chosen[0]["date"], "sidecar", precision="day")
    mentions = []
    for index, (event, (start, end)) in enumerate(zip(chosen, spans)):
        mention_id = f"m-{doc_id}-{index}"
        event["mentions"].append((mention_id, doc_id, outlet, text[start:end]))
        mentions.append({
            "mention_id": mention_id, "event_id": event["event_id"], "doc_id": doc_id, "section": "body",
            "source": side(event["source"]), "target": side(event["target"]), "cameo": event["cameo"],
            "plover": event["plover"], "quad_class": event["quad"], "goldstein": event["goldstein"],
            "date": event["date"], "date_precision": {10: "day", 7: "month", 4: "year"}[len(event["date"])],
            "date_basis": "explicit", "date_approximate": False, "place": None, "factuality": "asserted",
            "evidence": {"start": start, "end": end, "text": text[start:end]},
            "trigger": {"start": start + 4, "end": start + 10, "text": text[start + 4:start + 10]},
            "rule": "bench", "outlet": outlet,
        })
    return doc, mentions


def event_record(event: dict[str, Any]) -> dict[str, Any]:
    mention_ids = sorted(m[0] for m in event["mentions"])
    docs = sorted({m[1] for m in event["mentions"]})
    first = min(event["mentions"])
    return {
        "event_id": event["event_id"], "cameo": event["cameo"], "plover": event["plover"],
        "quad_class": event["quad"], "goldstein": event["goldstein"], "source": side(event["source"]),
        "target": side(event["target"]), "date": event["date"],
        "date_precision": {10: "day", 7: "month", 4: "year"}[len(event["date"])], "place": None,
        "mention_ids": mention_ids, "num_mentions": len(mention_ids), "num_articles": len(docs),
        "num_sources": len({m[2] for m in event["mentions"]}), "first_seen": None, "last_seen": None,
        "doc_ids": docs, "outlets": sorted({m[2] for m in event["mentions"]}),
        "evidence": {"text": first[3], "doc_id": first[1]}, "block_key": "bench",
    }


def generate_store(path: Path, articles: int, seed: int = 13) -> dict[str, Any]:
    """Write a store of `articles` generated articles; returns what the load test picks pages from."""
    rng = random.Random(seed)
    events = make_events(rng, max(1, articles * MENTIONS_PER_ARTICLE // 2))
    with Store(path) as store:
        run_id = store.begin_run({"bench": "web"})
        for start in range(0, articles, BATCH):
            coded = [make_article(n, rng, events) for n in range(start, min(start + BATCH, articles))]
            store.save_documents(coded, run_id, "bench")
        linked = [e for e in events if e["mentions"]]
        records = [event_record(e) for e in linked]
        links = [{"mention_id": m[0], "doc_id": m[1], "block_key": "bench", "event_id": e["event_id"]}
                 for e in linked for m in e["mentions"]]
        store.apply_links({"bench"}, [f"a{n:07d}" for n in range(articles)], links, records)
    return facts_of(path)


def facts_of(path: Path) -> dict[str, Any]:
    """What the load test picks pages from: dyads by their number of events, sample events and articles."""
    import duckdb

    with duckdb.connect(str(path), read_only=True) as con:
        # From the records, which every comity version stores the same way.
        dyads = con.execute(
            "WITH sides AS (SELECT record->>'$.source.country' AS s, record->>'$.target.country' AS t FROM events) "
            "SELECT least(s, t), greatest(s, t), count(*) AS n FROM sides GROUP BY ALL ORDER BY n DESC, 1, 2").fetchall()
        events = [r[0] for r in con.execute("SELECT event_id FROM events ORDER BY hash(event_id) LIMIT 200").fetchall()]
        docs = [r[0] for r in con.execute("SELECT doc_id FROM documents ORDER BY hash(doc_id) LIMIT 200").fetchall()]
    return {"dyads": [(a, b) for a, b, _ in dyads], "busiest": dyads[0][:2], "events": sum(n for *_, n in dyads),
            "event_ids": events, "doc_ids": docs}


# ------------------------------------------------------------------ measuring


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """A real `comity serve` process on 127.0.0.1 for the length of a `with` block."""

    def __init__(self, db: Path, workers: int = 1):
        self.db, self.port, self.workers = db, free_port(), workers
        self.base = f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Server:
        command = [sys.executable, "-c", "from comity.cli import app; app()", "serve", "--db", str(self.db),
                   "--port", str(self.port), *(["--workers", str(self.workers)] if self.workers > 1 else [])]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(1200):
            try:
                httpx.get(self.base + "/api/openapi.json", timeout=5)
                return self
            except httpx.TransportError:
                time.sleep(0.25)
        raise RuntimeError("the server did not start")

    def __exit__(self, *exc: object) -> None:
        self.process.terminate()
        self.process.wait(30)


def timed_get(client: httpx.Client, path: str) -> tuple[float, int, int]:
    started = time.perf_counter()
    response = client.get(path)
    return (time.perf_counter() - started) * 1000, response.status_code, len(response.content)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def single_requests(base: str, facts: dict[str, Any], samples: int, timeout: float) -> dict[str, Any]:
    a, b = facts["busiest"]
    pages = {"dyad": f"/dyad?a={a}&b={b}&by=year", "overview": "/"}
    result = {}
    with httpx.Client(base_url=base, timeout=timeout) as client:
        for name, path in pages.items():
            timed_get(client, path)  # warm
            runs = [timed_get(client, path) for _ in range(samples)]
            result[name] = {"median_ms": statistics.median(r[0] for r in runs),
                            "p95_ms": percentile([r[0] for r in runs], 0.95), "bytes": runs[-1][2],
                            "status": runs[-1][1]}
    result["dyad_events"] = f"{a}-{b}"
    return result


def load_test(base: str, facts: dict[str, Any], clients: int, seconds: float, timeout: float,
              max_requests: int) -> dict[str, Any]:
    """`clients` threads, each requesting a mix of pages until `seconds` have passed (bounded)."""
    rng = random.Random(7)
    paths = ["/"] + [f"/dyad?a={a}&b={b}" for a, b in facts["dyads"][:30]]
    paths += [f"/events/{e}" for e in facts["event_ids"][:40]] + [f"/articles/{d}" for d in facts["doc_ids"][:40]]
    paths += [f"/search?country={c}" for c in COUNTRIES[:10]] + ["/api/documents?page=3"]
    timings: list[float] = []
    statuses: dict[int, int] = defaultdict(int)
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client_loop(seed: int) -> None:
        # http.client, not httpx: on a 2-core machine the load generator shares the CPU with the server,
        # and the lighter client takes less of it from the latencies it measures.
        local = random.Random(seed)
        connection = http.client.HTTPConnection("127.0.0.1", int(base.rsplit(":", 1)[1]), timeout=timeout)
        for _ in range(max_requests):
            if time.monotonic() > deadline:
                break
            started = time.perf_counter()
            try:
                connection.request("GET", local.choice(paths))
                response = connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", int(base.rsplit(":", 1)[1]), timeout=timeout)
                status = 0
            with lock:
                timings.append((time.perf_counter() - started) * 1000)
                statuses[status] += 1
        connection.close()

    threads = [threading.Thread(target=client_loop, args=(rng.random(),)) for _ in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    took = time.monotonic() - started
    return {"requests": len(timings), "per_s": len(timings) / took, "p50_ms": percentile(timings, 0.5),
            "p95_ms": percentile(timings, 0.95), "p99_ms": percentile(timings, 0.99), "max_ms": max(timings),
            "statuses": dict(statuses)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 20000, 200000])
    parser.add_argument("--load-sizes", type=int, nargs="*", help="sizes to load-test (default: all)")
    parser.add_argument("--samples", type=int, default=20, help="sequential requests per page and size")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30, help="length of each load test")
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--stores", type=Path, help="keep generated stores here (default: a temporary folder)")
    parser.add_argument("--server-workers", type=int, default=1, help="comity serve --workers")
    parser.add_argument("--reuse", action="store_true", help="measure the stores already in --stores")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    import comity

    lines = [f"comity from {Path(comity.__file__).parent}; {args.clients} clients, {args.seconds:.0f} s per load test, "
             f"{args.server_workers} server process(es), load average before {os.getloadavg()[0]:.1f}"]
    print(lines[0], flush=True)
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.stores or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        rows = []
        for size in args.sizes:
            db = folder / f"web-{size}.duckdb"
            started = time.monotonic()
            if args.reuse and db.exists():
                facts = facts_of(db)
            else:
                db.unlink(missing_ok=True)
                facts = generate_store(db, size)
            made = time.monotonic() - started
            with Server(db, args.server_workers) as server:
                single = single_requests(server.base, facts, args.samples, args.timeout)
                load = None
                if args.load_sizes is None or size in args.load_sizes:
                    load = load_test(server.base, facts, args.clients, args.seconds, args.timeout, 100_000)
            rows.append((size, facts, single, load))
            line = (f"{size} articles ({facts['events']} events, generated in {made:.0f} s): "
                    f"dyad {facts['busiest'][0]}-{facts['busiest'][1]} median {single['dyad']['median_ms']:.0f} ms "
                    f"p95 {single['dyad']['p95_ms']:.0f} ms, {single['dyad']['bytes']} bytes; overview median "
                    f"{single['overview']['median_ms']:.0f} ms, {single['overview']['bytes']} bytes"
                    + (f"; load: {load['requests']} requests, {load['per_s']:.1f}/s, p50 {load['p50_ms']:.0f} ms, "
                       f"p95 {load['p95_ms']:.0f} ms, p99 {load['p99_ms']:.0f} ms, max {load['max_ms']:.0f} ms, "
                       f"statuses {load['statuses']}" if load else ""))
            print(line, flush=True)
            lines.append(line)
    lines += ["", table(rows)]
    print(lines[-1])
    if args.out:
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def table(rows: list[tuple]) -> str:
    head = ("| articles | events | dyad page median (ms) | overview median (ms) | overview size | "
            "load p50 (ms) | load p99 (ms) | requests/s |\n| --- | --- | --- | --- | --- | --- | --- | --- |")
    body = []
    for size, facts, single, load in rows:
        loaded = (f"{load['p50_ms']:.0f} | {load['p99_ms']:.0f} | {load['per_s']:.1f}" if load else "– | – | –")
        body.append(f"| {size:,} | {facts['events']:,} | {single['dyad']['median_ms']:.0f} | "
                    f"{single['overview']['median_ms']:.0f} | {single['overview']['bytes'] / 1024:,.0f} KB | {loaded} |")
    first, last = rows[0], rows[-1]
    growth = (f"\n\nGrowth {first[0]:,} → {last[0]:,} articles: dyad page × "
              f"{last[2]['dyad']['median_ms'] / first[2]['dyad']['median_ms']:.1f}, overview × "
              f"{last[2]['overview']['median_ms'] / first[2]['overview']['median_ms']:.1f}")
    if first[3] and last[3]:
        growth += f", load-test p99 × {last[3]['p99_ms'] / first[3]['p99_ms']:.1f}"
    return head + "\n" + "\n".join(body) + growth


if __name__ == "__main__":
    main()
