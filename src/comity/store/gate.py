"""The gate beside a store: a writer holds it exclusively for each turn on the file; readers only look.

On POSIX systems readers take a shared lock for an instant, so any number of them pass at once and
none is mistaken for a writer. Where `fcntl` is missing (Windows) the gate is filelock's exclusive
lock, which readers take and let go: correct, but readers then pass one at a time.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import filelock

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

_POLL_S = 0.005


class GateTimeout(Exception):
    """The gate stayed held past the deadline."""


class Gate:
    def __init__(self, path: Path):
        self.path = path
        self._fd: int | None = None
        self._fallback = filelock.FileLock(path) if fcntl is None else None

    def hold(self, timeout: float) -> None:
        """Take the gate for a writer's turn: new readers wait until `release`."""
        if self._fallback is not None:
            try:
                self._fallback.acquire(timeout=timeout)
            except filelock.Timeout as error:
                raise GateTimeout(str(self.path)) from error
            return
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        if not _lock_until(fd, fcntl.LOCK_EX, time.monotonic() + timeout):
            os.close(fd)
            raise GateTimeout(str(self.path))
        self._fd = fd

    def release(self) -> None:
        if self._fallback is not None:
            self._fallback.release()
        elif self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


def pass_through(path: Path, deadline: float) -> None:
    """A reader waits while a writer holds the gate. A folder that cannot hold the gate file has no gate."""
    if fcntl is None:
        gate = filelock.FileLock(path)
        try:
            gate.acquire(timeout=max(0.0, deadline - time.monotonic()))
        except filelock.Timeout as error:
            raise GateTimeout(str(path)) from error
        gate.release()
        return
    fd = _open_for_reading(path)
    if fd is None:
        return
    try:
        if not _lock_until(fd, fcntl.LOCK_SH, deadline):
            raise GateTimeout(str(path))
    finally:
        os.close(fd)  # closing lets the shared lock go


def is_held(path: Path) -> bool:
    """True while a writer holds the gate (readers passing through never count)."""
    try:
        pass_through(path, deadline=time.monotonic())
    except GateTimeout:
        return True
    return False


def _open_for_reading(path: Path) -> int | None:
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except PermissionError:
        try:
            return os.open(path, os.O_RDONLY)
        except OSError:
            return None
    except OSError:
        return None


def _lock_until(fd: int, kind: int, deadline: float) -> bool:
    while True:
        try:
            fcntl.flock(fd, kind | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(_POLL_S)
