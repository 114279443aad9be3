"""One file to its documents: its format from its extension, the checks that it can be read and is
not too large, the text decoded or extracted, and the names it is known by wherever it is read from."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from comity.config import Config
from comity.identity import short_hash
from comity.ingest.decoding import decode_text, extract_html
from comity.ingest.documents import assemble
from comity.ingest.failures import failure, too_large, unreadable, unreadable_message
from comity.ingest.given import Given, read_front_matter, read_sidecar
from comity.ingest.jsonl import read_jsonl
from comity.model import Document, DocumentProblem, InputFailure

FORMAT_BY_SUFFIX = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
}


def _symlink_loop(path: Path) -> str | None:
    try:
        path.stat()
    except OSError as error:
        if error.errno == errno.ELOOP:
            return unreadable_message(path, error)
    return None


def read_file(path: Path, config: Config, explicit: bool, root: Path) -> Iterator[Document | InputFailure]:
    for item in _read_file_as_given(path, config, explicit):
        if isinstance(item, Document):
            _identify(item, path, root)
        yield item


def _read_file_as_given(path: Path, config: Config, explicit: bool) -> Iterator[Document | InputFailure]:
    loop = _symlink_loop(path)
    if loop is not None:
        yield failure(path, "unreadable", loop)
        return
    input_format = FORMAT_BY_SUFFIX.get(path.suffix.lower())
    if input_format is None:
        yield _unsupported(path, explicit)
        return
    problem = _unreadable_or_too_large(path, config, input_format)
    if problem is not None:
        yield InputFailure(origin=str(path), doc_id=path.stem, problem=problem)
        return
    sidecar = read_sidecar(path)
    if input_format == "jsonl":
        yield from read_jsonl(path, config, sidecar)
        return
    try:
        data = _read_at_most(path, config.max_input_bytes)
    except OSError as error:
        yield failure(path, "unreadable", f"cannot read {path} ({error.strerror}); check its permissions")
        return
    yield _file_document(path, data, input_format, sidecar, config)


def _unsupported(path: Path, explicit: bool) -> InputFailure:
    known = ", ".join(sorted(FORMAT_BY_SUFFIX))
    how = "named on the command line" if explicit else "found in a folder"
    return failure(
        path,
        "unsupported_format",
        f"{path} ({how}) has an extension comity does not read; supported: {known}. "
        "Convert it to one of these or leave it out",
    )


def _unreadable_or_too_large(path: Path, config: Config, input_format: str) -> DocumentProblem | None:
    try:
        status = path.stat()
    except FileNotFoundError:
        return unreadable(f"{path} is a broken symbolic link; fix or remove it")
    except OSError as error:
        return unreadable(unreadable_message(path, error))
    if not stat.S_ISREG(status.st_mode):
        kind = "a pipe, socket or device"
        return unreadable(f"{path} is not a regular file ({kind}); save the article to a file")
    # A JSONL file holds many articles; its limit applies to each line instead.
    if input_format != "jsonl" and status.st_size > config.max_input_bytes:
        return too_large(str(path), status.st_size, config.max_input_bytes)
    return None


def _read_at_most(path: Path, limit: int) -> bytes:
    with path.open("rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        # read(n) reserves n bytes up front, so ask for what is there; one byte over the
        # limit tells a file that grew since its size was checked.
        return handle.read(min(size, limit) + 1)


def _file_document(
    path: Path, data: bytes, input_format: str, sidecar: Given, config: Config
) -> Document | InputFailure:
    origin = str(path)
    if len(data) == 0:
        return failure(path, "empty", f"{path} is empty; remove it or fill it with the article text")
    if len(data) > config.max_input_bytes:
        return InputFailure(origin, path.stem, too_large(origin, len(data), config.max_input_bytes))
    if input_format == "html":
        decoded = extract_html(data, origin)
    else:
        decoded = decode_text(data, origin)
    if isinstance(decoded, DocumentProblem):
        return InputFailure(origin=origin, doc_id=path.stem, problem=decoded)
    text, problems, html_fields = decoded
    given = [sidecar]
    if input_format == "md":
        front_matter = read_front_matter(text, origin)
        span = front_matter.extra.get("front_matter_span")
        if span is not None and not text[span.end :].strip():
            return failure(path, "empty", f"{path} holds only front matter; add the article text below it")
        given.append(front_matter)
    if html_fields:
        given.append(Given(fields=html_fields, basis="html"))
    raw = data if input_format == "html" else None
    return assemble(text, origin, input_format, path.stem, given, problems, raw)


def _identify(document: Document, path: Path, root: Path) -> None:
    """Set what names this input wherever it is read from, and the longer ids to fall back on."""
    real = os.path.realpath(path)
    line = document.origin.rsplit(":", 1)[1] if document.input_format == "jsonl" else None
    document.source_key = f"{real}:{line}" if line else real
    if document.id_given:
        return
    anchor = root.absolute().parent if root.is_dir() else root.absolute().parent.parent
    qualified = Path(os.path.relpath(path.absolute(), anchor)).with_suffix("").as_posix()
    if line:
        qualified = f"{qualified}-L{line}"
    document.id_fallbacks = (qualified, f"{qualified}~{short_hash(document.source_key)}")
