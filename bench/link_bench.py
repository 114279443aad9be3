"""Linking cost on synthetic mentions: 100,000 and 1,000,000, time and peak memory, and their ratio.

    .venv/bin/python bench/link_bench.py [--sizes 100000 1000000] [--seed 7]

Each size runs in its own child process, so its peak memory (max RSS) is its
own. The synthetic corpus imitates news coverage: real events over 2010-2024
between countries drawn with a heavy head (a few states are in most stories),
CAMEO codes weighted toward statements, consultations and cooperation, each
event reported by one to a dozen mentions across articles and outlets, with
dates at day, month or year precision or none, some named persons and places.
Printed: the CPU and wall time of `comity.link.link` alone (generation
excluded; CPU time is the figure to compare on a shared machine), peak
RSS, RSS added by linking, events found, largest block; then the time ratio
of the largest size to the smallest (near-linear cost: about the size ratio),
and an incremental re-link of the blocks touched by 1% new mentions as a ratio
of the full link.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from collections import Counter, defaultdict
from typing import Any

from comity.link import block_key, counts_as_event, link

COUNTRIES = ("USA CHN RUS GBR FRA DEU IND JPN ISR IRN UKR PRK KOR TUR SAU PAK AFG SYR IRQ EGY CUB VEN BRA MEX "
             "CAN AUS NGA ZAF ETH KEN ITA ESP POL NLD BEL SWE NOR GRC QAT ARE JOR LBN PSE YEM LBY SDN SOM MMR "
             "THA VNM PHL IDN MYS SGP BGD LKA NPL COL ARG CHL PER").split()
SECTORS = ("GOV", "MIL", "", "OPP", "CVL", "BUS", "MED", "LEG", "JUD", "PTY")
# (code, quad class, goldstein, weight): roughly the mix of CAMEO roots in news event data.
CODES = [
    ("010", 1, 0.0, 9), ("012", 1, -0.4, 2), ("013", 1, 0.4, 2), ("020", 1, 3.0, 3), ("036", 1, 4.0, 3),
    ("040", 1, 1.0, 10), ("042", 1, 1.9, 5), ("043", 1, 2.8, 4), ("046", 1, 7.0, 2), ("051", 1, 3.4, 5),
    ("057", 1, 8.0, 2), ("061", 2, 6.4, 2), ("071", 2, 7.4, 1), ("080", 2, 5.0, 1), ("111", 3, -2.0, 3),
    ("112", 3, -2.0, 4), ("120", 3, -4.0, 2), ("130", 3, -4.4, 2), ("138", 3, -7.0, 1), ("163", 4, -8.0, 2),
    ("173", 4, -5.0, 2), ("190", 4, -10.0, 3), ("193", 4, -10.0, 1), ("195", 4, -10.0, 1),
]
OUTLETS = [f"Outlet {i:02d}" for i in range(60)]
PRECISIONS = (("day", 0.6), ("month", 0.25), ("year", 0.1), (None, 0.05))


def _zipf_weights(n: int, s: float = 1.1) -> list[float]:
    return [1 / (rank ** s) for rank in range(1, n + 1)]


def synthetic_mentions(count: int, seed: int) -> list[dict[str, Any]]:
    """About `count` mention dicts, in the interchange format, for events with a realistic spread."""
    rng = random.Random(seed)
    country_weights = _zipf_weights(len(COUNTRIES))
    code_weights = [c[3] for c in CODES]
    mentions: list[dict[str, Any]] = []
    doc_index = 0
    while len(mentions) < count:
        source, target = rng.choices(COUNTRIES, country_weights, k=2)
        if source == target:
            continue
        code, quad, goldstein, _ = rng.choices(CODES, code_weights)[0]
        day = f"{rng.randint(2010, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        actors = (_actor(rng, source), _actor(rng, target))
        place = _place(rng, target) if rng.random() < 0.3 else None
        for _ in range(min(1 + int(rng.expovariate(1 / 2.5)), 12)):
            doc_index += rng.random() < 0.4  # a few mentions per article
            mentions.append(_mention(rng, len(mentions), doc_index, code, quad, goldstein, day, actors, place))
    return mentions[:count]


def _actor(rng: random.Random, country: str) -> dict[str, Any]:
    person = f"person:{country.lower()}-{rng.randint(1, 40)}" if rng.random() < 0.2 else None
    return {"text": country, "code": country + rng.choice(SECTORS), "country": country, "actor_id": person}


def _place(rng: random.Random, country: str) -> dict[str, Any]:
    city = rng.randint(1, 5)
    return {"name": f"City {city} of {country}", "country": country, "lat": 10.0 + city, "lon": 20.0 + city}


def _mention(rng: random.Random, index: int, doc: int, code: str, quad: int, goldstein: float, day: str,
             actors: tuple[dict[str, Any], dict[str, Any]], place: dict[str, Any] | None) -> dict[str, Any]:
    precision = rng.choices([p for p, _ in PRECISIONS], [w for _, w in PRECISIONS])[0]
    date = {"day": day, "month": day[:7], "year": day[:4], None: None}[precision]
    source, target = actors if rng.random() < 0.8 or code[:2] != "04" else actors[::-1]
    return {
        "mention_id": f"m-{index:09d}", "event_id": f"e-{index:09d}", "doc_id": f"doc-{doc:08d}",
        "section": "headline" if rng.random() < 0.1 else "body", "cameo": code, "plover": None,
        "quad_class": quad, "goldstein": goldstein, "source": source, "target": target, "date": date,
        "date_precision": precision, "place": place if rng.random() < 0.7 else None,
        "factuality": "asserted" if rng.random() < 0.92 else "future",
        "evidence": {"start": index, "end": index + 100, "text": ""}, "outlet": rng.choice(OUTLETS),
    }


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def current_rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20


def measure(size: int, seed: int) -> dict[str, Any]:
    """Run in a child: generate, link, report. Also re-link the blocks 1% new mentions touch."""
    mentions = synthetic_mentions(size, seed)
    before = current_rss_mb()
    start, start_cpu = time.perf_counter(), time.process_time()
    assignments, events = link(mentions)
    seconds, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    added = peak_rss_mb() - before
    blocks = Counter(block_key(m) for m in mentions if counts_as_event(m))
    incremental = incremental_seconds(mentions, assignments, size, seed)
    return {"size": size, "seconds": seconds, "cpu": cpu, "peak_mb": peak_rss_mb(), "link_mb": max(added, 0.0),
            "events": len(events), "largest_block": max(blocks.values()), "blocks": len(blocks),
            "incremental_seconds": incremental}


def incremental_seconds(mentions: list[dict[str, Any]], previous: dict[str, str], size: int, seed: int) -> float:
    """Time to link 1% new mentions the way `api.relink` does: only the blocks they touch."""
    new = synthetic_mentions(max(size // 100, 1), seed + 1)
    for index, mention in enumerate(new):
        mention["mention_id"] = f"n-{index:09d}"
    by_block: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for mention in mentions:
        if counts_as_event(mention):
            by_block[block_key(mention)].append(mention)
    start = time.process_time()
    touched = {block_key(m) for m in new if counts_as_event(m)}
    affected = [m for key in touched for m in by_block.get(key, ())]
    link(affected + new, previous)
    return time.process_time() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(measure(args.child, args.seed)))
        return 0
    results = []
    for size in args.sizes:
        child = subprocess.run([sys.executable, __file__, "--child", str(size), "--seed", str(args.seed)],
                               capture_output=True, text=True, check=True)
        results.append(json.loads(child.stdout))
    print(f"{'mentions':>10} {'events':>9} {'blocks':>8} {'max block':>9} {'CPU s':>8} {'wall s':>8} "
          f"{'peak MB':>8} {'link MB':>8} {'+1% CPU s':>9}")
    for r in results:
        print(f"{r['size']:>10,} {r['events']:>9,} {r['blocks']:>8,} {r['largest_block']:>9,} {r['cpu']:>8.2f} "
              f"{r['seconds']:>8.2f} {r['peak_mb']:>8.0f} {r['link_mb']:>8.0f} {r['incremental_seconds']:>9.2f}")
    smallest, largest = results[0], results[-1]
    print(f"CPU time ratio {largest['size']:,}/{smallest['size']:,}: {largest['cpu'] / smallest['cpu']:.1f} "
          f"(size ratio {largest['size'] / smallest['size']:.0f}; wall {largest['seconds'] / smallest['seconds']:.1f}); "
          f"incremental +1% / full at {largest['size']:,}: {largest['incremental_seconds'] / largest['cpu']:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
