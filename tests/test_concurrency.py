"""The coder and the web app share one store: a real `comity code` process writes while a real
`comity serve` process answers clients, and neither refuses the other (docs/store.md)."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import httpx
import pytest

from comity.errors import StoreBusyError
from comity.store import Store
from comity.store.access import SharedReader, WriterTurns

PAIRS = [("Cuban", "North Korean", "Havana"), ("Peruvian", "Chilean", "Lima"), ("French", "German", "Paris"),
         ("Japanese", "South Korean", "Tokyo")]
PAGES = ["/", "/api/documents?page_size=5", "/dyad?a=CUB&b=PRK", "/search?country=CUB", "/api/events?country=PER"]


def write_articles(folder: Path, count: int) -> None:
    folder.mkdir(parents=True)
    for number in range(count):
        first, second, city = PAIRS[number % len(PAIRS)]
        (folder / f"story-{number:03d}.txt").write_text(
            f"{first} and {second} leaders meet\n\n{city.upper()}, March {number % 27 + 1}, 2021 - The {first} "
            f"president met the {second} prime minister in {city} on Tuesday. The two governments signed an "
            f"agreement on trade, and the {first} foreign minister praised the {second} government.\n",
            encoding="utf-8",
        )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def comity(*args: str) -> list[str]:
    return [sys.executable, "-c", "from comity.cli import app; app()", *args]


@pytest.fixture
def served(tmp_path):
    """A `comity serve` process on an empty store; yields (store path, base URL)."""
    db = tmp_path / "shared.duckdb"
    Store(db).close()
    port = free_port()
    server = subprocess.Popen(comity("serve", "--db", str(db), "--port", str(port)),
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(base + "/", timeout=2)
                break
            except httpx.TransportError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"the server did not start: {server.stderr.read().decode()[-500:]}")
                time.sleep(0.2)
        yield db, base
    finally:
        server.terminate()
        server.wait(timeout=20)


def browse_until(base: str, done: threading.Event, seen: list[tuple[float, httpx.Response]]) -> None:
    with httpx.Client(base_url=base, timeout=30) as client:
        for number in range(10_000):  # bounded; ends when the writer has finished
            if done.is_set():
                return
            seen.append((time.monotonic(), client.get(PAGES[number % len(PAGES)])))


def test_a_writer_and_a_busy_server_share_the_store(served, tmp_path):
    db, base = served
    write_articles(tmp_path / "morning", 48)
    done, seen = threading.Event(), []
    clients = [threading.Thread(target=browse_until, args=(base, done, seen)) for _ in range(4)]
    for client in clients:
        client.start()
    time.sleep(0.5)  # the server is busy before the writer starts
    started = time.monotonic()
    writer = subprocess.run(comity("code", str(tmp_path / "morning"), "--db", str(db), "--quiet"),
                            capture_output=True, text=True, timeout=300)
    finished = time.monotonic()
    time.sleep(0.5)
    done.set()
    for client in clients:
        client.join(timeout=60)

    assert writer.returncode == 0, writer.stdout + writer.stderr
    assert "48 coded" in " ".join(writer.stdout.split())
    statuses = Counter(response.status_code for _, response in seen)
    assert set(statuses) <= {200, 503}, statuses
    during = [response for at, response in seen if started < at < finished]
    assert sum(r.status_code == 200 for r in during) >= 10, Counter(r.status_code for r in during)
    for response in (r for _, r in seen if r.status_code == 503):
        assert response.headers["Retry-After"].isdigit()
        assert str(db) not in response.text and "PID" not in response.text
    final = httpx.get(base + "/api/documents?page_size=1", timeout=30).json()
    assert final["total"] == 48


def test_a_reader_that_waits_past_its_bound_gets_a_busy_error_without_path_or_pid(tmp_path):
    db = tmp_path / "s.duckdb"
    Store(db).close()
    turns = WriterTurns(db, wait_s=5)
    con = turns.start()
    try:
        with pytest.raises(StoreBusyError) as caught:
            with SharedReader(db, wait_s=0.3).cursor():
                pass
        assert str(db) not in str(caught.value) and "PID" not in str(caught.value)
    finally:
        turns.stop(con)
    with SharedReader(db, wait_s=0.3).cursor() as cursor:  # the turn is over: readers get in
        assert cursor.execute("SELECT count(*) FROM documents").fetchone() == (0,)


def test_a_second_writer_waits_for_the_first_and_then_says_why_it_gave_up(tmp_path):
    db = tmp_path / "s.duckdb"
    Store(db).close()
    with Store(db):
        with pytest.raises(StoreBusyError, match="another `comity code` has been writing"):
            Store(db, wait_s=0.3)
    with Store(db, wait_s=0.3) as store:  # the first has finished
        assert store.counts()["documents"] == 0


def test_a_writer_waits_for_an_idle_server_to_let_go(tmp_path):
    db = tmp_path / "s.duckdb"
    Store(db).close()
    reader = SharedReader(db, idle_s=60)
    with reader.cursor() as cursor:
        cursor.execute("SELECT 1").fetchall()
    # The reader keeps its connection (idle for less than a minute), yet the writer gets in.
    with Store(db, wait_s=10) as store:
        assert store.counts()["documents"] == 0
    reader.close()
