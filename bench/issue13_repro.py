"""The reproductions of issue 13, run against whichever comity Python imports, one line of result each.

    .venv/bin/python bench/issue13_repro.py                                   # this checkout
    PYTHONPATH=/tmp/before/src .venv/bin/python bench/issue13_repro.py        # another one (git archive)

Each reproduction runs the real `comity` command in subprocesses on inputs written here (our own
sentences), in a temporary folder; the web ones start a real `comity serve` on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import duckdb
import httpx

CUBA = ("Cuba and North Korea sign trade deal\n\nHAVANA, March 3, 2021 - Cuban President Miguel Diaz-Canel met "
        "North Korean leader Kim Jong-un in Havana on Tuesday. The two leaders signed a trade agreement.\n")
PERU = ("Peru protests\n\nLIMA, June 8, 2021 - Peru's government condemned Chile on Monday over the border "
        "dispute. Chile rejected the criticism. Peru will hold talks with Chile next week.\n")


def comity(*args: str, check: bool = False) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", "from comity.cli import app; app()", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=600, check=check)


def query(db: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def flat(text: str) -> str:
    return " ".join(text.split())


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# ------------------------------------------------------------------ 1. identity


def same_file_name(work: Path) -> str:
    write(work / "in" / "a" / "report.txt", CUBA)
    write(work / "in" / "b" / "report.txt", PERU)
    run = comity("code", str(work / "in"), "--db", str(work / "s.duckdb"), "--quiet")
    summary = next((line for line in run.stdout.splitlines() if "inputs:" in line), "")
    ids = [r[0] for r in query(work / "s.duckdb", "SELECT doc_id FROM documents ORDER BY 1")]
    return f"summary '{flat(summary)}'; documents stored: {len(ids)} {ids}"


def jsonl_two_runs(work: Path) -> str:
    db = work / "s.duckdb"
    for year, text in (("2019", CUBA), ("2020", PERU)):
        write(work / year / "articles.jsonl", json.dumps({"text": text}) + "\n")
    runs = [comity("code", str(work / year), "--db", str(db), "--quiet") for year in ("2019", "2020")]
    warned = any("duplicate" in r.stdout + r.stderr or "renamed" in r.stdout + r.stderr for r in runs)
    ids = [r[0] for r in query(db, "SELECT doc_id FROM documents ORDER BY 1")]
    return f"documents stored after two runs: {len(ids)} {ids}; warning in the second run: {warned}"


def _one_id_coded_then_another_text(work: Path, *options: str) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """x1 coded with one text, then coded again with another; the store and the second run."""
    db = work / "s.duckdb"
    write(work / "one.jsonl", json.dumps({"doc_id": "x1", "text": CUBA}) + "\n")
    write(work / "two.jsonl", json.dumps({"doc_id": "x1", "text": PERU}) + "\n")
    comity("code", str(work / "one.jsonl"), "--db", str(db), "--quiet")
    return db, comity("code", str(work / "two.jsonl"), "--db", str(db), "--quiet", *options)


def given_id_twice(work: Path) -> str:
    db, second = _one_id_coded_then_another_text(work)
    text = query(db, "SELECT text FROM documents WHERE doc_id = 'x1'")[0][0]
    kept = "first text kept" if text == CUBA else "OVERWRITTEN by the second text"
    statuses = query(db, "SELECT status, coalesce(problem_code, '') FROM inputs ORDER BY rowid")
    return f"second run exit {second.returncode}, {kept}; inputs recorded {statuses}"


def replace_given_id(work: Path) -> str:
    db, run = _one_id_coded_then_another_text(work, "--replace")
    if "No such option" in run.stderr:
        return "--replace: no such option"
    orphans = query(db, "SELECT count(*) FROM mentions WHERE record->>'$.evidence.text' LIKE '%Cuba%'")[0][0]
    return f"--replace exit {run.returncode}; mentions of the old text left: {orphans}"


# ------------------------------------------------------------------ 2. one store, writer and server


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def articles(folder: Path, count: int) -> None:
    for number in range(count):
        write(folder / f"s{number:03d}.txt", CUBA.replace("March 3", f"March {number % 27 + 1}"))


def writer_and_server(work: Path) -> list[str]:
    """2a: clients browse while a writer writes; 2b: a writer starts while clients browse."""
    db = work / "s.duckdb"
    articles(work / "first", 2)
    comity("code", str(work / "first"), "--db", str(db), "--quiet")
    articles(work / "morning", 48)
    articles(work / "noon", 48)
    port = free_port()
    serve = [sys.executable, "-c", "from comity.cli import app; app()", "serve", "--db", str(db), "--port", str(port)]
    server = subprocess.Popen(serve, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(base)
        writer = subprocess.Popen([sys.executable, "-c", "from comity.cli import app; app()", "code",
                                   str(work / "morning"), "--db", str(db), "--quiet"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(3)  # the writer is loading its models, then coding
        first = _browse_while(base, lambda: writer.communicate(timeout=600))
        second_seen: list[httpx.Response] = []
        second = _browse_while(base, lambda: comity("code", str(work / "noon"), "--db", str(db), "--quiet"),
                               seen=second_seen, head_start=0.5)
    finally:
        server.terminate()
        server.wait(20)
    return [_describe("2a. clients browse while comity code writes", db, writer.returncode, first[0][1], first[1]),
            _describe("2b. comity code starts while clients browse", db, second[0].returncode, second[0].stderr,
                      second[1])]


def _browse_while(base: str, work, seen: list[httpx.Response] | None = None, head_start: float = 0.0):  # noqa: ANN001
    seen = [] if seen is None else seen
    done = threading.Event()
    clients = [threading.Thread(target=_browse, args=(base, done, seen)) for _ in range(4)]
    for client in clients:
        client.start()
    time.sleep(head_start)
    result = work()
    done.set()
    for client in clients:
        client.join(60)
    return result, seen


def _describe(title: str, db: Path, exit_code: int, stderr: str, seen: list[httpx.Response]) -> str:
    statuses = Counter(r.status_code for r in seen)
    leaks = sum(str(db) in r.text or "PID" in r.text for r in seen if r.status_code >= 500)
    retry = all("retry-after" in r.headers for r in seen if r.status_code == 503)
    refused = " (REFUSED: the store is locked)" if "Could not set lock" in flat(stderr) else ""
    return (f"{title}: writer exit {exit_code}{refused}; the server answered {dict(sorted(statuses.items()))}; "
            f"error bodies naming the store path or a PID: {leaks}; every 503 has Retry-After: {retry}")


def _wait_for(base: str) -> None:
    for _ in range(300):
        try:
            httpx.get(base + "/", timeout=2)
            return
        except httpx.TransportError:
            time.sleep(0.2)
    raise RuntimeError("the server did not start")


def _browse(base: str, done: threading.Event, seen: list[httpx.Response]) -> None:
    pages = ["/", "/dyad?a=CUB&b=PRK", "/api/events?country=CUB"]
    with httpx.Client(base_url=base, timeout=30) as client:
        for number in range(20_000):
            if done.is_set():
                return
            seen.append(client.get(pages[number % len(pages)]))


# ------------------------------------------------------------------ 4. outputs


def hostile_store(work: Path) -> Path:
    db = work / "s.duckdb"
    record = {"doc_id": "h1", "text": PERU, "outlet": "=cmd|' /C calc'!A0\tNews\nDesk",
              "url": "https://example.org/a\tb\nc", "published": "2021-06-08"}
    write(work / "h.jsonl", json.dumps(record) + "\n")
    comity("code", str(work / "h.jsonl"), "--db", str(db), "--quiet")
    return db


def outputs(work: Path) -> list[str]:
    db = hostile_store(work)
    mentions_csv = comity("export", "--format", "csv", "--what", "mentions", "--db", str(db)).stdout
    outlets = {row["outlet"] for row in csv.DictReader(io.StringIO(mentions_csv))}
    formula = any(cell.startswith(("=", "+", "-", "@")) for cell in outlets)
    events_csv = comity("export", "--format", "csv", "--db", str(db)).stdout
    import pandas as pd

    untyped = pd.read_csv(io.StringIO(events_csv))["cameo"].tolist()
    gdelt = comity("export", "--format", "gdelt", "--db", str(db)).stdout
    widths = Counter(len(line.split("\t")) for line in gdelt.split("\n")[:-1])
    quoted = '"' in gdelt
    rows = query(db, "SELECT count(*) FROM mentions m ANTI JOIN events e USING (event_id)")[0][0]
    says = '"event_counted"' in comity("export", "--what", "mentions", "--db", str(db)).stdout
    plover = comity("export", "--format", "plover", "--db", str(db))
    plover_ok = plover.returncode == 0 and '"event":' in plover.stdout
    return [
        f"CSV: an outlet cell opens like a formula: {formula} ({sorted(outlets)[0]!r})",
        f"CSV read with pd.read_csv and no dtype: cameo {untyped} (codes with a leading zero lose it)",
        f"GDELT TSV: fields per line {dict(widths)} (61 expected), quote characters in the file: {quoted}",
        f"mentions whose event_id names no event: {rows}; the mention says so (event_counted): {says}",
        f"--format plover: {'works' if plover_ok else 'refused: ' + flat(plover.stderr)[:80]}",
    ]


# ------------------------------------------------------------------ 5. exit codes and messages


def messages(work: Path) -> list[str]:
    db = str(work / "s.duckdb")
    missing = comity("code", str(work / "absent.txt"), "--db", db, "--quiet")
    write(work / "empty.txt", "")
    all_failed = comity("code", str(work / "empty.txt"), "--db", db, "--quiet")
    write(work / "ok.txt", CUBA)
    partial = comity("code", str(work / "ok.txt"), str(work / "absent.txt"), "--db", db, "--quiet")
    url = comity("code", "https://example.org/story.html", "--db", db, "--quiet")
    stdin = comity("code", "-", "--db", db, "--quiet")
    (work / "loop1.txt").symlink_to(work / "loop2.txt")
    (work / "loop2.txt").symlink_to(work / "loop1.txt")
    loop = comity("code", str(work / "loop1.txt"), "--db", db, "--quiet")
    version = comity("--version")
    failed = comity("docs", "--failed", "--db", db)
    as_json = comity("docs", "--json", "--db", db)
    write(work / "slash.jsonl", json.dumps({"doc_id": "wire/2021/x1", "text": CUBA}) + "\n")
    comity("code", str(work / "slash.jsonl"), "--db", db, "--quiet")
    slash = _page_status(Path(db), "/articles/wire%2F2021%2Fx1")
    host = _serve_output(Path(db), "0.0.0.0")
    return [
        f"code on a missing path: exit {missing.returncode}",
        f"code where every input failed: exit {all_failed.returncode}",
        f"code with one coded and one missing: exit {partial.returncode}",
        f"code https://…: {_reason(url)}",
        f"code -: {_reason(stdin)}",
        f"code on a symlink loop: {_reason(loop)}",
        f"comity --version: exit {version.returncode} {flat(version.stdout)[:30]!r}",
        f"comity docs --failed: exit {failed.returncode}; --json: exit {as_json.returncode}",
        f"GET /articles/wire%2F2021%2Fx1 (doc_id with '/'): {slash}",
        f"serve --host 0.0.0.0 warns of no authentication: {'no authentication' in host}",
    ]


def _reason(run: subprocess.CompletedProcess[str]) -> str:
    text = flat(run.stdout + run.stderr)
    for phrase in ("not supported yet", "loop of symbolic links", "does not exist", "Too many levels",
                   "check its permissions"):
        if phrase in text:
            return f"exit {run.returncode}, says '{phrase}'"
    return f"exit {run.returncode}: {text[:100]}"


def _page_status(db: Path, path: str) -> int:
    sys.path.insert(0, "")
    from fastapi.testclient import TestClient

    from comity.web import create_app

    return TestClient(create_app(db)).get(path).status_code


def _serve_output(db: Path, host: str) -> str:
    port = free_port()
    command = [sys.executable, "-c", "from comity.cli import app; app()", "serve", "--db", str(db),
               "--host", host, "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        _wait_for(f"http://127.0.0.1:{port}")
    finally:
        server.terminate()
        output = server.communicate(timeout=20)[0]
    return flat(output)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, help="also write the results here")
    args = parser.parse_args()
    import comity

    lines = [f"comity imported from {Path(comity.__file__).parent}", ""]
    cases = [("1a. two report.txt in one folder", same_file_name), ("1b. articles.jsonl in 2019/ and 2020/, two runs",
             jsonl_two_runs), ("1c. one given doc_id, two texts, two runs", given_id_twice),
             ("1d. --replace", replace_given_id), ("2. one store, a writer and a busy server", writer_and_server),
             ("4. outputs", outputs), ("5. exit codes and messages", messages)]
    for title, case in cases:
        with tempfile.TemporaryDirectory() as folder:
            result = case(Path(folder))
        lines.append(f"{title}:")
        lines.extend(f"  {line}" for line in (result if isinstance(result, list) else [result]))
        print("\n".join(lines[-(len(result) + 1 if isinstance(result, list) else 2):]), flush=True)
    if args.out:
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()
