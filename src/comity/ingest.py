"""Ingestion: paths in, a stream of Documents (or the reason an input failed) out.

Every input yields exactly one `Document` or one `InputFailure`; a JSONL file
yields one per non-blank line. Folders are walked lazily, one directory at a
time, so an archive of any size streams in bounded memory.

Metadata given with an input (a `NAME.meta.json` sidecar, Markdown front matter,
JSONL fields, HTML markup) is put in `Document.meta` as `Found` records whose
`basis` names the source; the metadata stage later completes it from the text.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import json
import os
import re
import stat
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from comity.config import Config
from comity.identity import IdAssigner, short_hash
from comity.model import Document, DocumentProblem, Found, InputFailure, Metadata, Span
from comity.stages.metadata import parse_date_text

FORMAT_BY_SUFFIX = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
}
SIDECAR_SUFFIX = ".meta.json"

#: Metadata fields with a place of their own in `Metadata`; any other field goes to `extra`.
FOUND_FIELDS = ("title", "published", "outlet", "url", "language")
#: Other names that inputs commonly give these fields (Jekyll/Hugo front matter, news datasets).
FIELD_ALIASES = {
    "date": "published",
    "published_at": "published",
    "publication_date": "published",
    "pubdate": "published",
    "pub_date": "published",
    "headline": "title",
    "link": "url",
    "source": "outlet",
    "site_name": "outlet",
    "sitename": "outlet",
    "lang": "language",
    "id": "doc_id",
}
#: Fields that describe the input itself rather than the article.
NON_METADATA_FIELDS = frozenset({"text", "doc_id"})

#: Above this share of replacement or control characters, a file is not text.
BINARY_CHARACTER_SHARE = 0.3
BINARY_SAMPLE_CHARS = 65536

_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(?:.*?\r?\n)??---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
# How surrogateescape decoding writes each byte that is not valid UTF-8.
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffd]")
_HTML_LANG = re.compile(rb"<html[^>]*?\blang=[\"']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)", re.IGNORECASE)
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


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


def document_from_text(
    text: str,
    doc_id: str,
    origin: str = "<text>",
    input_format: str = "txt",
    meta: Metadata | None = None,
) -> Document:
    """A Document for text already in memory (API calls, tests)."""
    return Document(
        doc_id=doc_id,
        text=text,
        content_hash=content_hash(text),
        origin=origin,
        input_format=input_format,
        meta=meta if meta is not None else Metadata(),
    )


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def normalize_published(value: Any) -> tuple[str, str] | None:
    """An ISO value and its precision for a given publication date, or None if unreadable."""
    if isinstance(value, dt.datetime):
        return _datetime_iso(value)
    if isinstance(value, dt.date):
        return value.isoformat(), "day"
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return str(value), "year"
    if not isinstance(value, str):
        return None
    return _parse_published_string(value.strip())


# --- walking -----------------------------------------------------------------------------


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
            yield _failure(path, "unreadable", message)
        else:
            yield _failure(path, "not_found", f"{path} does not exist; check the path and spelling")
        return
    except OSError as error:
        yield _failure(path, "unreadable", _unreadable_message(path, error))
        return
    if stat.S_ISDIR(status.st_mode):
        yield from _walk(path, config, visited=set(), skipped=skipped, root=path)
    else:
        yield from _read_file(path, config, explicit=True, root=path)


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


def _symlink_loop(path: Path) -> str | None:
    try:
        path.stat()
    except OSError as error:
        if error.errno == errno.ELOOP:
            return _unreadable_message(path, error)
    return None


def _unreadable_message(path: Path, error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return f"{path} is a loop of symbolic links that never reaches a file; fix or remove the links"
    return f"cannot read {path} ({error.strerror}); check its permissions"


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
        yield _failure(directory, "unreadable", message)
        return
    for name, is_dir in entries:
        if name.startswith("."):
            continue
        child = directory / name
        if is_dir:
            yield from _walk(child, config, visited, skipped, root)
        elif not name.endswith(SIDECAR_SUFFIX) and child not in skipped:
            yield from _read_file(child, config, explicit=False, root=root)


def _sorted_entries(directory: Path) -> list[tuple[str, bool]]:
    # Only names and a flag are kept, one directory at a time; sorting makes runs repeatable.
    with os.scandir(directory) as scan:
        return sorted((entry.name, _is_dir(entry)) for entry in scan)


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


# --- files ---------------------------------------------------------------------------------


def _read_file(path: Path, config: Config, explicit: bool, root: Path) -> Iterator[Document | InputFailure]:
    for item in _read_file_as_given(path, config, explicit):
        if isinstance(item, Document):
            _identify(item, path, root)
        yield item


def _read_file_as_given(path: Path, config: Config, explicit: bool) -> Iterator[Document | InputFailure]:
    loop = _symlink_loop(path)
    if loop is not None:
        yield _failure(path, "unreadable", loop)
        return
    input_format = FORMAT_BY_SUFFIX.get(path.suffix.lower())
    if input_format is None:
        yield _unsupported(path, explicit)
        return
    problem = _unreadable_or_too_large(path, config, input_format)
    if problem is not None:
        yield InputFailure(origin=str(path), doc_id=path.stem, problem=problem)
        return
    sidecar = _read_sidecar(path)
    if input_format == "jsonl":
        yield from _read_jsonl(path, config, sidecar)
        return
    try:
        data = _read_at_most(path, config.max_input_bytes)
    except OSError as error:
        yield _failure(path, "unreadable", f"cannot read {path} ({error.strerror}); check its permissions")
        return
    yield _file_document(path, data, input_format, sidecar, config)


def _unsupported(path: Path, explicit: bool) -> InputFailure:
    known = ", ".join(sorted(FORMAT_BY_SUFFIX))
    how = "named on the command line" if explicit else "found in a folder"
    return _failure(
        path,
        "unsupported_format",
        f"{path} ({how}) has an extension comity does not read; supported: {known}. "
        "Convert it to one of these or leave it out",
    )


def _unreadable_or_too_large(path: Path, config: Config, input_format: str) -> DocumentProblem | None:
    try:
        status = path.stat()
    except FileNotFoundError:
        return _unreadable(f"{path} is a broken symbolic link; fix or remove it")
    except OSError as error:
        return _unreadable(_unreadable_message(path, error))
    if not stat.S_ISREG(status.st_mode):
        kind = "a pipe, socket or device"
        return _unreadable(f"{path} is not a regular file ({kind}); save the article to a file")
    # A JSONL file holds many articles; its limit applies to each line instead.
    if input_format != "jsonl" and status.st_size > config.max_input_bytes:
        return _too_large(str(path), status.st_size, config.max_input_bytes)
    return None


def _unreadable(message: str) -> DocumentProblem:
    return DocumentProblem("unreadable", message, fatal=True)


def _too_large(origin: str, size: int, limit: int) -> DocumentProblem:
    return DocumentProblem(
        "too_large",
        f"{origin} is {size:,} bytes, over the limit of {limit:,}; split it into articles "
        "or raise Config.max_input_bytes",
        fatal=True,
    )


def _read_at_most(path: Path, limit: int) -> bytes:
    with path.open("rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        # read(n) reserves n bytes up front, so ask for what is there; one byte over the
        # limit tells a file that grew since its size was checked.
        return handle.read(min(size, limit) + 1)


def _file_document(
    path: Path, data: bytes, input_format: str, sidecar: _Given, config: Config
) -> Document | InputFailure:
    origin = str(path)
    if len(data) == 0:
        return _failure(path, "empty", f"{path} is empty; remove it or fill it with the article text")
    if len(data) > config.max_input_bytes:
        return InputFailure(origin, path.stem, _too_large(origin, len(data), config.max_input_bytes))
    if input_format == "html":
        decoded = _extract_html(data, origin)
    else:
        decoded = _decode_text(data, origin)
    if isinstance(decoded, DocumentProblem):
        return InputFailure(origin=origin, doc_id=path.stem, problem=decoded)
    text, problems, html_fields = decoded
    given = [sidecar]
    if input_format == "md":
        front_matter = _front_matter(text, origin)
        span = front_matter.extra.get("front_matter_span")
        if span is not None and not text[span.end :].strip():
            return _failure(path, "empty", f"{path} holds only front matter; add the article text below it")
        given.append(front_matter)
    if html_fields:
        given.append(_Given(fields=html_fields, basis="html"))
    raw = data if input_format == "html" else None
    return _assemble(text, origin, input_format, path.stem, given, problems, raw)


def _assemble(
    text: str,
    origin: str,
    input_format: str,
    default_doc_id: str,
    given: list[_Given],
    problems: list[DocumentProblem],
    raw: bytes | None = None,
) -> Document:
    """Build the Document; `given` is ordered from the most to the least trusted source."""
    meta = Metadata()
    doc_id: str | None = None
    for source in given:
        problems.extend(source.problems)
        meta.extra.update({key: value for key, value in source.extra.items() if key not in meta.extra})
        doc_id = doc_id or _given_doc_id(source.fields)
        _fill_metadata(meta, source, problems)
    document = document_from_text(text, doc_id or default_doc_id, origin, input_format, meta)
    document.id_given = doc_id is not None
    document.raw = raw
    document.problems = problems
    return document


def _given_doc_id(fields: Mapping[str, Any]) -> str | None:
    value = fields.get("doc_id")
    if value is None or str(value).strip() == "":
        return None
    return str(value).strip()


# --- decoding ------------------------------------------------------------------------------

_Decoded = tuple[str, list[DocumentProblem], dict[str, Any]]


def _decode_text(data: bytes, origin: str) -> _Decoded | DocumentProblem:
    if b"\x00" in data:
        return _binary(origin)
    text = data.decode("utf-8", errors="replace")
    if _looks_binary(text):
        return _binary(origin)
    if not text.strip():
        message = f"{origin} holds only whitespace; remove it or add the article text"
        return DocumentProblem("empty", message, fatal=True)
    problems = []
    if "\ufffd" in text:
        problems.extend(_invalid_utf8_problem(data, origin))
    return text, problems, {}


def _binary(origin: str) -> DocumentProblem:
    return DocumentProblem(
        "binary",
        f"{origin} is not text (it holds NUL bytes or mostly non-text bytes); "
        "convert it to UTF-8 text or HTML first",
        fatal=True,
    )


def _looks_binary(text: str) -> bool:
    sample = text[:BINARY_SAMPLE_CHARS]
    return bool(sample) and len(_CONTROL_CHARS.findall(sample)) / len(sample) > BINARY_CHARACTER_SHARE


def _invalid_utf8_problem(data: bytes, origin: str) -> list[DocumentProblem]:
    escaped = data.decode("utf-8", errors="surrogateescape")
    first = _ESCAPED_BYTE.search(escaped)
    if first is None:
        return []  # the U+FFFD characters were in the file itself
    count = len(_ESCAPED_BYTE.findall(escaped))
    first_byte = len(escaped[: first.start()].encode("utf-8", errors="surrogateescape"))
    first_line = escaped.count("\n", 0, first.start()) + 1
    return [
        DocumentProblem(
            "invalid_utf8",
            f"{origin}: {count} byte(s) are not valid UTF-8 and were replaced by U+FFFD, "
            f"the first at byte {first_byte} (line {first_line}); if the file uses another encoding "
            "(such as Windows-1252), convert it to UTF-8 and ingest it again",
            fatal=False,
        )
    ]


def _extract_html(data: bytes, origin: str) -> _Decoded | DocumentProblem:
    import trafilatura  # heavy; only HTML inputs need it

    if b"\x00" in data[:BINARY_SAMPLE_CHARS]:
        return _binary(origin)
    result = trafilatura.bare_extraction(
        data,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        # Only dates stated in the markup: a free-text search can take any date in the page.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = getattr(result, "text", None) or ""
    if not text.strip():
        return DocumentProblem(
            "empty",
            f"no article text could be extracted from the HTML in {origin}; check that the saved page "
            "holds the article itself, or give its text as .txt",
            fatal=True,
        )
    fields = {
        "title": result.title,
        "published": result.date,
        "url": result.url,
        "outlet": result.sitename,
        "language": result.language or _html_language(data),
    }
    return text, [], {name: value for name, value in fields.items() if value}


def _html_language(data: bytes) -> str | None:
    match = _HTML_LANG.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


# --- given metadata ------------------------------------------------------------------------


@dataclass(slots=True)
class _Given:
    """Metadata given with an input, and where it came from."""

    fields: dict[str, Any] = field(default_factory=dict)
    basis: str = "sidecar"
    problems: list[DocumentProblem] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


def _sidecar_path(path: Path) -> Path:
    return path.with_name(path.stem + SIDECAR_SUFFIX)


def _read_sidecar(path: Path) -> _Given:
    sidecar = _sidecar_path(path)
    try:
        content = sidecar.read_bytes()
    except FileNotFoundError:
        return _Given()
    except OSError as error:
        return _Given(problems=[_bad_sidecar(sidecar, f"it cannot be read ({error.strerror})")])
    try:
        fields = json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return _Given(problems=[_bad_sidecar(sidecar, f"it is not valid UTF-8 JSON ({error})")])
    if not isinstance(fields, dict):
        return _Given(problems=[_bad_sidecar(sidecar, "it must hold one JSON object of fields")])
    return _Given(fields=_canonical_fields(fields), basis="sidecar")


def _canonical_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
    """Fields under comity's names; a field given under its own name wins over an alias."""
    canonical = {key: value for key, value in fields.items() if key not in FIELD_ALIASES}
    for alias, name in FIELD_ALIASES.items():
        if alias in fields and name not in canonical:
            canonical[name] = fields[alias]
        elif alias in fields:
            canonical.setdefault(alias, fields[alias])
    return canonical


def _bad_sidecar(sidecar: Path, reason: str) -> DocumentProblem:
    return DocumentProblem(
        "bad_sidecar",
        f"metadata sidecar {sidecar} was ignored: {reason}; fix it so the metadata is used",
        fatal=False,
    )


def _front_matter(text: str, origin: str) -> _Given:
    import frontmatter

    match = _FRONT_MATTER.match(text)
    if match is None:
        return _Given(basis="front_matter")
    extra: dict[str, Any] = {"front_matter_span": Span(0, match.end())}
    try:
        fields, _ = frontmatter.parse(match.group(0))
    except Exception as error:  # the YAML library raises many kinds; all mean the same here
        problem = DocumentProblem(
            "bad_front_matter",
            f"the front matter of {origin} is not valid YAML ({type(error).__name__}: {error}); "
            "fix it so its metadata is used",
            fatal=False,
        )
        return _Given(basis="front_matter", problems=[problem], extra=extra)
    return _Given(fields=_canonical_fields(fields), basis="front_matter", extra=extra)


def _fill_metadata(meta: Metadata, source: _Given, problems: list[DocumentProblem]) -> None:
    for name, value in source.fields.items():
        if name in NON_METADATA_FIELDS or value is None:
            continue
        if name not in FOUND_FIELDS:
            meta.extra.setdefault(name, value)
        elif getattr(meta, name) is None:
            found = _found(name, value, source.basis, problems)
            if found is not None:
                setattr(meta, name, found)


def _found(name: str, value: Any, basis: str, problems: list[DocumentProblem]) -> Found | None:
    if name != "published":
        text = str(value).strip()
        return Found(text, basis) if text else None
    normalized = normalize_published(value)
    if normalized is None:
        problems.append(
            DocumentProblem(
                "bad_published",
                f"the published date {value!r} given in the {basis.replace('_', ' ')} could not be read; "
                "give it as ISO 8601 (2021-04-20 or 2021-04-20T10:08)",
                fatal=False,
            )
        )
        return None
    iso, precision = normalized
    return Found(iso, basis, precision=precision)


def _datetime_iso(value: dt.datetime) -> tuple[str, str]:
    if value.second or value.microsecond:
        return value.isoformat(timespec="seconds"), "second"
    return value.isoformat(timespec="minutes"), "minute"


def _parse_published_string(value: str) -> tuple[str, str] | None:
    iso_date = _ISO_DATE.match(value)
    if iso_date:
        return _iso_date_parts(iso_date)
    try:
        return _datetime_iso(dt.datetime.fromisoformat(value.replace("Z", "+00:00")))
    except ValueError:
        pass
    parsed = parse_date_text(value)
    return (parsed.value, parsed.precision) if parsed is not None else None


def _iso_date_parts(match: re.Match[str]) -> tuple[str, str] | None:
    year, month, day = match.groups()
    try:
        if day:
            return dt.date(int(year), int(month), int(day)).isoformat(), "day"
        if month:
            return (f"{year}-{month}", "month") if 1 <= int(month) <= 12 else None
    except ValueError:
        return None
    return year, "year"


# --- JSONL ----------------------------------------------------------------------------------


def _read_jsonl(path: Path, config: Config, sidecar: _Given) -> Iterator[Document | InputFailure]:
    try:
        handle = path.open("rb")
    except OSError as error:
        yield _failure(path, "unreadable", f"cannot read {path} ({error.strerror}); check its permissions")
        return
    with handle:
        for number, line, size in _numbered_lines(handle, config.max_input_bytes):
            origin = f"{path}:{number}"
            if line is None:
                problem = _too_large(origin, size, config.max_input_bytes)
                yield InputFailure(origin, f"{path.stem}-L{number}", problem)
            elif line.strip():
                yield _jsonl_document(line, origin, f"{path.stem}-L{number}", sidecar)


def _numbered_lines(handle: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None, int]]:
    """(line number, line or None when longer than `limit`, its size) without holding a long line."""
    number = 0
    while True:
        line = handle.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) <= limit or line.endswith(b"\n"):
            yield number, line, len(line)
            continue
        size = len(line)
        while line and not line.endswith(b"\n"):
            line = handle.readline(limit + 1)
            size += len(line)
        yield number, None, size


def _jsonl_document(
    line: bytes, origin: str, default_doc_id: str, sidecar: _Given
) -> Document | InputFailure:
    problems = _invalid_utf8_problem(line, origin) if _has_invalid_utf8(line) else []
    try:
        fields = json.loads(line.decode("utf-8", errors="replace"))
    except json.JSONDecodeError as error:
        what = f"is not valid JSON ({error.msg} at column {error.colno}); fix or remove the line"
        return _line_failure(origin, default_doc_id, "bad_json", what)
    if not isinstance(fields, dict):
        return _line_failure(origin, default_doc_id, "bad_json", 'must be a JSON object with a "text" field')
    fields = _canonical_fields(fields)
    doc_id = _given_doc_id(fields) or default_doc_id
    text = fields.get("text")
    if not isinstance(text, str):
        what = 'has no "text" string; put the article text in a "text" field'
        return _line_failure(origin, doc_id, "missing_text", what)
    if not text.strip():
        what = 'has an empty "text"; remove the line or add the article text'
        return _line_failure(origin, doc_id, "empty", what)
    given = [
        _Given(fields=fields, basis="jsonl"),
        _Given(fields=sidecar.fields, basis="sidecar", problems=sidecar.problems),
    ]
    document = _assemble(text, origin, "jsonl", default_doc_id, given, problems)
    document.doc_id = doc_id
    document.id_given = _given_doc_id(fields) is not None
    return document


def _has_invalid_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def _line_failure(origin: str, doc_id: str, code: str, what: str) -> InputFailure:
    problem = DocumentProblem(code, f"line {origin} {what}", fatal=True)
    return InputFailure(origin=origin, doc_id=doc_id, problem=problem)


# --- shared --------------------------------------------------------------------------------


def _failure(path: Path, code: str, message: str) -> InputFailure:
    problem = DocumentProblem(code, message, fatal=True)
    return InputFailure(origin=str(path), doc_id=path.stem or None, problem=problem)


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
