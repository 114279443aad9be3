"""Words as names are matched on: case-folded, accents and apostrophes dropped, hyphens as spaces."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache


#: A match may run across these characters between words (hyphens, apostrophes, spaces).
_JOINERS = frozenset(" \t\u00a0-\u2010\u2011\u2012\u2013'\u2019")


_WORD = re.compile(r"[^\W_]+(?:['\u2019](?!s\b)[^\W_]+)*")


@dataclass(frozen=True, slots=True)
class Word:
    start: int
    end: int
    text: str
    norm: str


@lru_cache(maxsize=1 << 16)
def normalize_word(word: str) -> str:
    """Case-folded, accents and apostrophes removed: "Díaz" -> "diaz", "People’s" -> "peoples"."""
    if word.isascii():
        return word.lower().replace("'", "")
    decomposed = unicodedata.normalize("NFKD", word)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return bare.casefold().replace("'", "").replace("\u2019", "")


@lru_cache(maxsize=64)  # name and agent matching read the words of one sentence in turn
def words_of(text: str, start: int = 0, end: int | None = None) -> tuple[Word, ...]:
    stop = len(text) if end is None else end
    return tuple(
        Word(m.start(), m.end(), m.group(), normalize_word(m.group()))
        for m in _WORD.finditer(text, start, stop)
    )


@lru_cache(maxsize=1 << 17)  # every name of the knowledge is keyed when the index is built
def name_key(name: str) -> tuple[str, ...]:
    """The lookup key of a name: its normalised words ("Kim Jong-un" -> ("kim", "jong", "un"))."""
    return tuple(normalize_word(word) for word in _WORD.findall(name.replace("_", " ")))


def word_texts(name: str) -> list[str]:
    """The words of a name as written ("Kim Jong-un" -> ["Kim", "Jong", "un"])."""
    return _WORD.findall(name.replace("_", " "))


def joinable(text: str, left: Word, right: Word) -> bool:
    """Whether two words may belong to one name: only spaces, hyphens, apostrophes between,
    or the full stop of a short abbreviation ("N. Korea", "U.S.", "Gen. Raúl")."""
    gap = text[left.end : right.start]
    if "." in gap:
        if len(left.text) > 3 or gap.count(".") > 1:
            return False
        gap = gap.replace(".", "")
    return _JOINERS.issuperset(gap)
