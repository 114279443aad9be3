"""Knowledge compiled once and kept on disk, keyed by the content hash of what it is built from.

Building the gazetteer, the actor knowledge (with its name index) and the event
patterns from their files costs seconds of CPU in every process that codes:
normalising 280,000 place names, reading YAML, compiling patterns. `compiled`
keeps each built object as a pickle in the user's cache folder, named by a hash
of the bytes of its source files, of comity's own code (the pickled classes)
and of the versions it depends on, so any changed data file, code or version
makes a new build, never a stale read.

The folder is `$COMITY_CACHE_DIR`, else `$XDG_CACHE_HOME/comity`, else
`~/.cache/comity`; `COMITY_CACHE_DIR=off` turns the cache off. A folder that
cannot be written (a read-only home, a sandbox) or a cache file that cannot be
read only means building in memory, as without a cache.
"""

from __future__ import annotations

import atexit
import dataclasses
import gc
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import TypeVar

from comity import __version__

T = TypeVar("T")

CACHE_ENV = "COMITY_CACHE_DIR"
#: comity's own code: a pickle holds its classes by name, so a change there must rebuild too.
CODE_DIR = Path(__file__).resolve().parents[1]


def compiled(name: str, build: Callable[[], T], sources: Iterable[Path], versions: Iterable[str] = ()) -> T:
    """`build()`, or the object it built before from the same `sources` (files or folders,
    read whole), comity code and `versions` (strings naming what else the build reads)."""
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"{name}-{content_key(sources, versions)}.pickle"
    found = _read(path)
    if found is not None:
        return found
    built = build()
    _write(path, built)
    return built


def cache_dir() -> Path | None:
    """Where compiled knowledge is kept; None when the cache is turned off."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off", "0", "no") else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "comity"


def content_key(sources: Iterable[Path], versions: Iterable[str] = ()) -> str:
    digest = hashlib.sha256()
    for part in (__version__, sys.version, code_hash(), *versions):
        digest.update(part.encode() + b"\0")
    for path in _files(sources):
        digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:24]


@cache
def code_hash() -> str:
    """The hash of comity's Python sources (once per process)."""
    return _hash_files(sorted(CODE_DIR.rglob("*.py")))


def _hash_files(paths: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _files(sources: Iterable[Path]) -> list[Path]:
    found: list[Path] = []
    for source in sources:
        found += sorted(p for p in source.rglob("*") if p.is_file()) if source.is_dir() else [source]
    return found


def _read(path: Path) -> object | None:
    """The object pickled at `path`, or None when there is none or it cannot be read."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    gc.disable()  # unpickling builds millions of small objects: collecting meanwhile triples its time
    try:
        return pickle.loads(data)
    except Exception:  # noqa: BLE001 - a truncated or foreign file is rebuilt, whatever it raises
        return None
    finally:
        _keep_for_good()
        gc.enable()


def _keep_for_good() -> None:
    """Move what was just read out of the collector's reach (`gc.freeze`): compiled knowledge
    lives as long as the process, yet every collection that reached it would walk all of it
    (a one-file run spent 0.21 s in two full collections over it). What else the process held
    at that moment is frozen with it: it is freed as before when unreferenced, and cyclic
    garbage among it waits for the exit, where everything is handed back to the collector
    so the interpreter's own teardown frees it as usual."""
    gc.freeze()
    _unfreeze_at_exit()


@cache
def _unfreeze_at_exit() -> None:
    atexit.register(gc.unfreeze)


class _Pickler(pickle.Pickler):
    """Pickles slotted dataclasses by their field values: unpickling them then skips
    `dataclasses`' own `__setstate__`, which looks up the fields anew for every object."""

    def reducer_override(self, obj: object) -> object:
        names = _slot_fields(type(obj))
        if names is None:
            return NotImplemented
        try:
            return _restore, (type(obj), names, tuple(getattr(obj, name) for name in names))
        except AttributeError:  # a slot never set: leave it to the default reduction
            return NotImplemented


@cache
def _slot_fields(cls: type) -> tuple[str, ...] | None:
    if not dataclasses.is_dataclass(cls) or "__slots__" not in cls.__dict__ or hasattr(cls, "__getnewargs__"):
        return None
    return tuple(field.name for field in dataclasses.fields(cls))


def _restore(cls: type, names: tuple[str, ...], values: tuple[object, ...]) -> object:
    restorer = _RESTORERS.get(cls)
    if restorer is None:
        restorer = _RESTORERS[cls] = _restorer(cls, names)
    return restorer(values)


_RESTORERS: dict[type, Callable[[tuple[object, ...]], object]] = {}


def _restorer(cls: type, names: tuple[str, ...]) -> Callable[[tuple[object, ...]], object]:
    """A function that makes an object of `cls` from its field values, setting each slot through
    its own descriptor, one statement per field: about a third faster than a loop of
    `object.__setattr__` over 120,000 objects of actor knowledge (0.28 s -> 0.22 s to read)."""
    namespace: dict[str, object] = {"new": object.__new__, "cls": cls}
    lines = ["def restore(values):", "    obj = new(cls)"]
    for number, name in enumerate(names):
        namespace[f"set{number}"] = getattr(cls, name).__set__
        lines.append(f"    set{number}(obj, values[{number}])")
    exec("\n".join([*lines, "    return obj"]), namespace)  # noqa: S102 - code of our own making, from field names
    return namespace["restore"]  # type: ignore[return-value]


def _write(path: Path, value: object) -> None:
    """Keep `value` at `path` (written aside, then moved: a reader never sees half a file), and
    remove this name's older builds. Any failure to write leaves only the in-memory build."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.stem, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                _Pickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
            os.replace(temporary, path)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
        name = path.stem.rsplit("-", 1)[0]
        for older in path.parent.glob(f"{name}-*.pickle"):
            if older != path:
                older.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError):
        return
