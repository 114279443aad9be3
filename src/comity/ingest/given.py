"""Metadata given with an input (a `NAME.meta.json` sidecar, Markdown front matter, JSONL fields,
HTML markup), under comity's field names, as `Found` records whose basis names the source."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from comity.ingest.published import normalize_published
from comity.model import DocumentProblem, Found, Metadata, Span

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


_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(?:.*?\r?\n)??---[ \t]*(?:\r?\n|\Z)", re.DOTALL)


@dataclass(slots=True)
class Given:
    """Metadata given with an input, and where it came from."""

    fields: dict[str, Any] = field(default_factory=dict)
    basis: str = "sidecar"
    problems: list[DocumentProblem] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


def _sidecar_path(path: Path) -> Path:
    return path.with_name(path.stem + SIDECAR_SUFFIX)


def read_sidecar(path: Path) -> Given:
    sidecar = _sidecar_path(path)
    try:
        content = sidecar.read_bytes()
    except FileNotFoundError:
        return Given()
    except OSError as error:
        return Given(problems=[_bad_sidecar(sidecar, f"it cannot be read ({error.strerror})")])
    try:
        fields = json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return Given(problems=[_bad_sidecar(sidecar, f"it is not valid UTF-8 JSON ({error})")])
    if not isinstance(fields, dict):
        return Given(problems=[_bad_sidecar(sidecar, "it must hold one JSON object of fields")])
    return Given(fields=canonical_fields(fields), basis="sidecar")


def canonical_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
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


def read_front_matter(text: str, origin: str) -> Given:
    import frontmatter

    match = _FRONT_MATTER.match(text)
    if match is None:
        return Given(basis="front_matter")
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
        return Given(basis="front_matter", problems=[problem], extra=extra)
    return Given(fields=canonical_fields(fields), basis="front_matter", extra=extra)


def fill_metadata(meta: Metadata, source: Given, problems: list[DocumentProblem]) -> None:
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
