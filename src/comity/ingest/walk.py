"""Paths in, a stream out: each path given is a file or a folder, and folders are walked lazily, one
directory at a time, in name order, past hidden files, sidecars and the files asked to be skipped."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from comity.config import Config
from comity.identity import IdAssigner
from comity.ingest.failures import failure, unreadable_message
from comity.ingest.files import read_file
from comity.ingest.given import SIDECAR_SUFFIX
from comity.model import Document, DocumentProblem, InputFailure


def iter_inputs(
    paths: Iterable[str | Path], config: Config, skip: Iterable[Path] = (), ids: IdAssigner | None = None
) -> Iterator[Document | InputFailure]:
    """Stream the documents found at `paths` (files or folders, walked recursively).
    `skip`: files a folder walk passes over without a word, such as the store being written
    (a store kept beside the articles is no article).
    `ids`: gives each document its final id (comity.identity); by default, unique within this call."""
    if isinstance(paths, (str, Path)):
        paths = [paths]  # one path, not the characters of one
    skipped = _Skipped(tuple(Path(path) for path in skip))
    assigner = ids if ids is not None else IdAssigner()
    for given in paths:
        for item in _inputs_at(given, config, skipped):
            yield assigner.assign(item) if isinstance(item, Document) else item


@dataclass(frozen=True)
class _Skipped:
    paths: tuple[Path, ...]

    def __contains__(self, child: Path) -> bool:
        return any(child.name == path.name and _same_file(child, path) for path in self.paths)


def _same_file(first: Path, second: Path) -> bool:
    try:
        return os.path.samefile(first, second)
    except OSError:
        return False


# A scheme of two letters or more (not a Windows drive) then a slash: a path argument keeps only
# one of the two slashes of "https://".
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:/")


def _inputs_at(given: str | Path, config: Config, skipped: _Skipped) -> Iterator[Document | InputFailure]:
    unsupported = _unsupported_kind(str(given))
    if unsupported is not None:
        yield InputFailure(str(given), None, unsupported)
        return
    path = Path(given)
    try:
        status = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            message = f"{path} is a symbolic link to a file that does not exist; fix or remove the link"
            yield failure(path, "unreadable", message)
        else:
            yield failure(path, "not_found", f"{path} does not exist; check the path and spelling")
        return
    except OSError as error:
        yield failure(path, "unreadable", unreadable_message(path, error))
        return
    if stat.S_ISDIR(status.st_mode):
        yield from _walk(path, config, visited=set(), skipped=skipped, root=path)
    else:
        yield from read_file(path, config, explicit=True, root=path)


def _unsupported_kind(given: str) -> DocumentProblem | None:
    """URLs and standard input are not read yet: say so rather than that no such file exists."""
    if _URL.match(given):
        return DocumentProblem(
            "unsupported_input", f"{given}: URLs are not supported yet; save the page and give its file", fatal=True
        )
    if given == "-":
        return DocumentProblem(
            "unsupported_input",
            "-: reading standard input is not supported yet; save the articles to a file (.txt, or .jsonl "
            "for one article per line) and give its path",
            fatal=True,
        )
    return None


def _walk(
    directory: Path, config: Config, visited: set[tuple[int, int]], skipped: _Skipped, root: Path
) -> Iterator[Document | InputFailure]:
    try:
        status = directory.stat()
        if (status.st_dev, status.st_ino) in visited:
            return  # a symbolic link back into a folder already walked
        visited.add((status.st_dev, status.st_ino))
        entries = _sorted_entries(directory)
    except OSError as error:
        message = f"cannot list folder {directory} ({error.strerror}); check its permissions"
        yield failure(directory, "unreadable", message)
        return
    for name, is_dir in entries:
        if name.startswith("."):
            continue
        child = directory / name
        if is_dir:
            yield from _walk(child, config, visited, skipped, root)
        elif not name.endswith(SIDECAR_SUFFIX) and child not in skipped:
            yield from read_file(child, config, explicit=False, root=root)


def _sorted_entries(directory: Path) -> list[tuple[str, bool]]:
    # Only names and a flag are kept, one directory at a time; sorting makes runs repeatable.
    with os.scandir(directory) as scan:
        return sorted((entry.name, _is_dir(entry)) for entry in scan)


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False
