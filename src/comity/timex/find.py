"""`find_timexes` runs the recognisers over a text and keeps the longest expressions; `normalize`
reads a single one, falling back on dateparser."""

from __future__ import annotations

import bisect

from comity.timex.dates import YEAR_CUES
from comity.timex.fallback import dateparser_reading
from comity.timex.patterns import LOOK_BACK
from comity.timex.recognisers import fired_triggers, recognisers
from comity.timex.records import Anchor, MatchContext, Timex

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


#: Longer phrases, or ones ending like a sentence, are sentences: a bare year found in one is taken as it is.
_SHORT_PHRASE_WORDS = 6


def find_timexes(
    text: str,
    anchor: Anchor,
    start: int = 0,
    end: int | None = None,
    *,
    prefer_future: bool = False,
) -> list[Timex]:
    """Every temporal expression in `text[start:end]`, in text order, with spans into `text`."""
    end = len(text) if end is None else end
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"range [{start}, {end}) is outside a text of {len(text)} characters")
    fired = fired_triggers(text, start, end)
    if not fired:
        return []
    base = max(0, start - LOOK_BACK)
    lowered = text[base:end].translate(_ASCII_LOWER)  # same length as the text, unlike str.lower
    as_is = MatchContext(text, anchor, prefer_future, end)
    in_lowered = MatchContext(text, anchor, prefer_future, end, offset=base)
    candidates: list[tuple[Timex, int]] = []
    for order, recogniser in enumerate(recognisers()):
        if not recogniser.triggers <= fired:
            continue
        if recogniser.lowered:
            matches, context = recogniser.pattern.finditer(lowered, start - base), in_lowered
        else:
            matches, context = recogniser.pattern.finditer(text, start, end), as_is
        for match in matches:
            timex = recogniser.read(match, context)
            if timex is not None:
                candidates.append((timex, order))
    return _without_overlaps(candidates)


def normalize(expression: str, anchor: Anchor, *, prefer_future: bool = False) -> Timex | None:
    """Read one temporal expression ("on Monday", "in March 1986"); None when it is not one.

    A phrase holding several expressions gives the first. Forms outside the
    grammar that carry a year or a numeric date are tried with dateparser.
    """
    found = find_timexes(expression, anchor, prefer_future=prefer_future)
    if found and not _only_a_year_of_more(found[0], expression):
        return found[0]
    fallback = dateparser_reading(expression, anchor, prefer_future)
    if fallback is not None and (not found or _finer_in_same_year(fallback, found[0])):
        return fallback
    return found[0] if found else None


def _only_a_year_of_more(timex: Timex, expression: str) -> bool:
    """A bare year among a few other words ("29 août 2023"): a foreign date the grammar only half read."""
    words = expression.split()
    is_sentence = len(words) > _SHORT_PHRASE_WORDS or expression.rstrip().endswith((".", "!", "?"))
    if timex.precision != "year" or timex.kind != "absolute" or is_sentence:
        return False
    rest = (expression[: timex.span.start] + " " + expression[timex.span.end :]).split()
    return any(word.strip("-–,;:()").casefold() not in YEAR_CUES for word in rest)


def _finer_in_same_year(candidate: Timex, found: Timex) -> bool:
    return (
        candidate.precision in ("month", "day")
        and candidate.value is not None
        and found.value is not None
        and candidate.value[:4] == found.value[:4]
    )


def _without_overlaps(candidates: list[tuple[Timex, int]]) -> list[Timex]:
    """Longest expressions win; on equal length the earlier recogniser wins."""
    ranked = sorted(candidates, key=lambda c: (-(c[0].span.end - c[0].span.start), c[1], c[0].span.start))
    starts: list[int] = []  # kept spans are disjoint, so sorted by start they are sorted by end too
    kept: list[Timex] = []
    for timex, _ in ranked:
        index = bisect.bisect_left(starts, timex.span.end)
        if index and kept[index - 1].span.end > timex.span.start:
            continue
        starts.insert(index, timex.span.start)
        kept.insert(index, timex)
    return kept
