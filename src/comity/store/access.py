"""Who may open the store file when: one writer at a time, readers between its writes.

DuckDB lets one process open a file for writing, or any number of processes
open it read-only, never both at once. So the coder and the web app take turns
(docs/store.md):

- A writer (`comity code`) holds `STORE.lock` for its whole run, so a second
  writer waits for the first instead of interleaving ids with it. It holds the
  DuckDB file only in turns of at most `WriterTurns.turn_s` seconds, and holds
  `STORE.gate` for each turn: while the gate is held no new reader starts.
- A reader passes through the gate (a shared lock for an instant, store/gate.py),
  then opens the file read-only. When a writer's turn is due, readers in flight
  finish and the writer waits for them; readers that come meanwhile wait at
  the gate, for at most their own bound, then give up with `StoreBusyError`.

Both sides retry DuckDB's own lock with backoff, since a process that knows
nothing of the gate (DuckDB's CLI, an older comity) may hold the file too.
"""

from __future__ import annotations

import atexit
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import duckdb
import filelock

from comity.errors import StoreBusyError, StoreError
from comity.store import gate, lookup

#: How long a reader waits for a writer's turn to end before it gives up.
READER_WAIT_S = 10.0
#: How long a writer waits for readers to finish, or for another writer's whole run.
WRITER_WAIT_S = 120.0
_FIRST_BACKOFF_S = 0.02
_MAX_BACKOFF_S = 0.25


def lock_path(db_path: Path) -> Path:
    """The file a writer holds for its whole run."""
    return db_path.with_name(db_path.name + ".lock")


def gate_path(db_path: Path) -> Path:
    """The file a writer holds during each of its turns on the store, and readers pass through."""
    return db_path.with_name(db_path.name + ".gate")


def is_lock_conflict(error: duckdb.Error) -> bool:
    """DuckDB refused the file because another process, or another mode in this one, holds it."""
    text = str(error)
    return "Could not set lock" in text or "different configuration" in text


def backoffs(deadline: float) -> Iterator[None]:
    """Sleeps of growing length until `deadline` (time.monotonic); ends when it has passed."""
    pause = _FIRST_BACKOFF_S
    while time.monotonic() < deadline:
        yield
        time.sleep(min(pause, max(0.0, deadline - time.monotonic())))
        pause = min(pause * 2, _MAX_BACKOFF_S)


def connect(db_path: Path, read_only: bool, deadline: float, busy_message: str) -> duckdb.DuckDBPyConnection:
    """Open the file, retrying while another process holds it, until `deadline`."""
    last: duckdb.Error | None = None
    for _ in backoffs(deadline):
        if read_only:
            pass_gate(db_path, deadline, busy_message)
        try:
            con = duckdb.connect(str(db_path), read_only=read_only)
        except duckdb.Error as error:
            if not is_lock_conflict(error):
                raise StoreError(f"cannot open the store {db_path}: {error}") from error
            last = error
            continue
        lookup.prefer_indexes(con)
        return con
    raise StoreBusyError(busy_message) from last


def pass_gate(db_path: Path, deadline: float, busy_message: str) -> None:
    """Wait while a writer's turn is on."""
    try:
        gate.pass_through(gate_path(db_path), deadline)
    except gate.GateTimeout as error:
        raise StoreBusyError(busy_message) from error


def writer_waiting(db_path: Path) -> bool:
    """True when a writer holds the gate, waiting for readers to let go of the file."""
    return gate.is_held(gate_path(db_path))


class WriterTurns:
    """A writer's hold on the store: the run lock for the whole run, the file and the gate in turns."""

    def __init__(self, db_path: Path, wait_s: float = WRITER_WAIT_S, turn_s: float = 2.0):
        self.db_path, self.wait_s, self.turn_s = db_path, wait_s, turn_s
        self._run_lock = filelock.FileLock(lock_path(db_path))
        self._gate = gate.Gate(gate_path(db_path))
        self._turn_started = 0.0

    def start(self) -> duckdb.DuckDBPyConnection:
        """Take the run lock (waiting for another writer's run), then the first turn."""
        try:
            self._run_lock.acquire(timeout=self.wait_s)
        except filelock.Timeout as error:
            raise StoreBusyError(
                f"another `comity code` has been writing to {self.db_path} for over {self.wait_s:.0f} s; "
                "wait for it to finish, or code into another store with --db"
            ) from error
        try:
            return self.take_turn()
        except BaseException:
            self._run_lock.release()
            raise

    def take_turn(self) -> duckdb.DuckDBPyConnection:
        deadline = time.monotonic() + self.wait_s
        try:
            self._gate.hold(timeout=self.wait_s)
        except gate.GateTimeout as error:
            raise StoreBusyError(self._busy_message()) from error
        try:
            con = connect(self.db_path, read_only=False, deadline=deadline, busy_message=self._busy_message())
        except BaseException:
            self._gate.release()
            raise
        self._turn_started = time.monotonic()
        return con

    def turn_is_over(self) -> bool:
        return time.monotonic() - self._turn_started >= self.turn_s

    def end_turn(self, con: duckdb.DuckDBPyConnection) -> None:
        try:
            con.close()
        finally:
            self._gate.release()

    def stop(self, con: duckdb.DuckDBPyConnection | None) -> None:
        """End the run: the turn (when one is on) and the run lock."""
        try:
            if con is not None:
                self.end_turn(con)
        finally:
            self._run_lock.release()

    def _busy_message(self) -> str:
        return (
            f"the store {self.db_path} stayed in use by another program for {self.wait_s:.0f} s "
            "(a reader that does not let go, such as DuckDB's own shell); close it and run again"
        )


class SharedReader:
    """Read-only connections to one store for a long-lived process (the web app).

    Opening a DuckDB file costs tens of milliseconds, so one connection is kept
    open between requests and each request gets a cursor of it; the kept
    connection is let go as soon as a writer waits at the gate, or after
    `idle_s` without a request, so a writer never waits on an idle server.
    """

    BUSY = "the store is being written by `comity code` right now; try again in a moment"

    def __init__(self, db_path: Path, wait_s: float = READER_WAIT_S, idle_s: float = 5.0, poll_s: float = 0.1):
        self.db_path, self.wait_s, self.idle_s, self.poll_s = db_path, wait_s, idle_s, poll_s
        self._lock = threading.Lock()
        self._kept: duckdb.DuckDBPyConnection | None = None
        self._in_flight = 0
        self._last_used = 0.0
        self._watcher: threading.Thread | None = None
        # DuckDB complains of leaked objects when a connection outlives the interpreter's shutdown.
        atexit.register(_close_if_alive, weakref.ref(self))

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        con = self._open()
        try:
            yield con
        finally:
            con.close()
            with self._lock:
                self._in_flight -= 1
                self._last_used = time.monotonic()

    def close(self) -> None:
        with self._lock:
            self._let_go()

    def version(self) -> tuple[int, ...]:
        """Changes whenever a writer has written: a writer's turn ends with a checkpoint into the file."""
        stamps: list[int] = []
        for path in (self.db_path, self.db_path.with_name(self.db_path.name + ".wal")):
            with suppress(OSError):
                status = path.stat()
                stamps += [status.st_mtime_ns, status.st_size]
        return tuple(stamps)

    def _open(self) -> duckdb.DuckDBPyConnection:
        deadline = time.monotonic() + self.wait_s
        for _ in backoffs(deadline):
            pass_gate(self.db_path, deadline, self.BUSY)
            with self._lock:
                if self._kept is None:
                    try:
                        # One thread per query: the server's parallelism is its concurrent requests, and
                        # a parallel sort or scan of one page costs more than it saves (bench/web_bench.py).
                        self._kept = duckdb.connect(str(self.db_path), read_only=True, config={"threads": 1})
                    except duckdb.Error as error:
                        if not is_lock_conflict(error):
                            raise StoreError(f"cannot open the store {self.db_path}: {error}") from error
                        continue
                    self._start_watcher()
                self._in_flight += 1
                return self._kept.cursor()
        raise StoreBusyError(self.BUSY)

    def _start_watcher(self) -> None:
        if self._watcher is None or not self._watcher.is_alive():
            self._watcher = threading.Thread(target=self._watch, name="comity-store-watch", daemon=True)
            self._watcher.start()

    def _watch(self) -> None:
        """Let the kept connection go when a writer waits or the store has been idle; then end."""
        while True:
            time.sleep(self.poll_s)
            with self._lock:
                if self._kept is None:
                    return
                if self._in_flight:
                    continue  # closing the connection would close the cursors in use
                if time.monotonic() - self._last_used >= self.idle_s or writer_waiting(self.db_path):
                    self._let_go()
                    return

    def _let_go(self) -> None:
        if self._kept is not None:
            with suppress(duckdb.Error):
                self._kept.close()
            self._kept = None


def _close_if_alive(reader: weakref.ref[SharedReader]) -> None:
    alive = reader()
    if alive is not None:
        alive.close()
