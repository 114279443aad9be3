"""Cue phrases (`data/segment/cues.yaml`, which users can extend): one list of regular expressions per
category, each matched, full-matched or searched against a line without its Markdown marks."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from comity.config import DATA_DIR
from comity.errors import KnowledgeError
from comity.knowledge.files import read_yaml_mapping

DEFAULT_CUES_PATH = DATA_DIR / "segment" / "cues.yaml"


#: Markdown headings, bullets and quote marks in front of a line, ignored by the cues.
_LINE_MARKS = re.compile(r"^(?:#{1,6}|[-*•>]|\d{1,2}[.)])\s+")


CATEGORIES: dict[str, frozenset[str]] = {
    "date_line": frozenset({"fullmatch"}),
    "date_anywhere": frozenset({"search"}),
    "dateline": frozenset({"match"}),
    "byline": frozenset({"fullmatch"}),
    "comment_openers": frozenset({"match"}),
    "comment_closers": frozenset({"match"}),
    "list_headers": frozenset({"fullmatch"}),
    "boilerplate_lines": frozenset({"match"}),
    "caption_cues": frozenset({"search"}),
}


@dataclass(frozen=True, slots=True)
class CueList:
    """Compiled patterns of one category; `find` returns the matched text or None."""

    category: str
    mode: str  # "match" | "fullmatch" | "search"
    patterns: tuple[re.Pattern[str], ...]

    def find(self, line: str) -> str | None:
        line = _LINE_MARKS.sub("", line)
        for pattern in self.patterns:
            found = getattr(pattern, self.mode)(line)
            if found is not None:
                return found.group(0) or line
        return None


@dataclass(frozen=True, slots=True)
class Cues:
    date_line: CueList
    date_anywhere: CueList
    dateline: CueList
    byline: CueList
    comment_openers: CueList
    comment_closers: CueList
    list_headers: CueList
    boilerplate_lines: CueList
    caption_cues: CueList


@functools.cache
def load_cues(path: Path = DEFAULT_CUES_PATH) -> Cues:
    """Read and compile a cue file (see data/segment/cues.yaml for its layout)."""
    raw = read_yaml_mapping(Path(path), "segment cue file")
    return Cues(**{name: _compile_category(path, raw, name, modes) for name, modes in CATEGORIES.items()})


def _compile_category(path: Path, raw: dict[str, Any], name: str, modes: frozenset[str]) -> CueList:
    entry = raw.get(name)
    if not isinstance(entry, dict) or len(entry) != 1 or next(iter(entry)) not in modes:
        raise KnowledgeError(
            f"segment cue file {path}: category {name!r} must be a mapping with one key, "
            f"one of {sorted(modes)}, holding a list of regular expressions"
        )
    mode, patterns = next(iter(entry.items()))
    if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
        raise KnowledgeError(f"segment cue file {path}: {name}.{mode} must be a list of strings")
    compiled = []
    for pattern in patterns:
        try:
            compiled.append(re.compile(pattern, re.IGNORECASE))
        except re.error as error:
            raise KnowledgeError(
                f"segment cue file {path}: bad pattern in {name}.{mode}: {pattern!r} ({error})"
            ) from error
    return CueList(name, mode, tuple(compiled))
