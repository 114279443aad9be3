"""About when a text without a publication date was written: from "N years since Y", from "the
Nth anniversary of … Y", or from the years in which its titled people held their titles."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from typing import Any

from comity.errors import ComityError
from comity.knowledge.gazetteer import fold_text
from comity.model import Document, Span
from comity.stages.time.records import PlacedTimex
from comity.timex import Anchor, Timex, normalize

ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "fifteenth": 15, "twentieth": 20, "twenty-fifth": 25,
    "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70,
    "seventy-fifth": 75, "eightieth": 80, "ninetieth": 90, "hundredth": 100,
}  # fmt: skip
_ANNIVERSARY = re.compile(
    r"\b(?:(?P<n>\d{1,3})(?:st|nd|rd|th)|(?P<word>" + "|".join(ORDINAL_WORDS) + r"))"
    r"\s+anniversary\s+of\b",
    re.IGNORECASE,
)
_FAR_REFERENCE = Anchor(dt.date(3000, 1, 1), "year")  # to measure "six decades" as a number of years


def infer_publication_year(text: str, sentences: list[Span], timexes: list[PlacedTimex]) -> int | None:
    """About when a text without a date was written, from "N years since Y" or "the Nth anniversary of … Y"."""
    return _year_from_elapsed(timexes) or _year_from_anniversary(text, sentences, timexes)


def _year_from_elapsed(timexes: list[PlacedTimex]) -> int | None:
    for position, placed in enumerate(timexes):
        if placed.timex.basis not in ("relative:since", "relative:ago"):
            continue
        years = _years_of_duration(placed.timex) or years_spanned(placed.timex.text)
        later = _next_year_in_sentence(timexes, position)
        if years is not None and later is not None:
            return later + years
    return None


def _years_of_duration(timex: Timex) -> int | None:
    match = re.fullmatch(r"P(\d+)Y", getattr(timex, "duration", None) or "")
    return int(match.group(1)) if match else None


def years_spanned(expression: str) -> int | None:
    """How many years "six decades have passed since" or "55 years ago" stands for."""
    reading = normalize(expression, _FAR_REFERENCE)
    if reading is None or reading.value is None or reading.precision != "year":
        return None
    return _FAR_REFERENCE.date.year - int(reading.value)  # type: ignore[union-attr]


def _next_year_in_sentence(timexes: list[PlacedTimex], position: int) -> int | None:
    sentence = timexes[position].sentence
    for placed in timexes[position + 1 :]:
        if placed.sentence != sentence:
            return None
        year = _year_of(placed.timex)
        if year is not None:
            return year
    return None


def _year_of(timex: Timex) -> int | None:
    if timex.value is None or timex.is_duration or not timex.value[:4].isdigit() or len(timex.value) < 4:
        return None
    return int(timex.value[:4])


def _year_from_anniversary(text: str, sentences: list[Span], timexes: list[PlacedTimex]) -> int | None:
    for index, span in enumerate(sentences):
        for match in _ANNIVERSARY.finditer(text, span.start, span.end):
            number = int(match["n"]) if match["n"] else ORDINAL_WORDS[match["word"].lower()]
            founded = _year_after(timexes, index, match.end()) or _year_of_same_occasion(
                text, sentences, timexes, index, match.end()
            )
            if founded is not None:
                return founded + number
    return None


def _year_after(timexes: list[PlacedTimex], sentence: int, offset: int) -> int | None:
    for placed in timexes:
        if placed.sentence == sentence and placed.timex.span.start >= offset:
            year = _year_of(placed.timex)
            if year is not None:
                return year
    return None


def _year_of_same_occasion(
    text: str, sentences: list[Span], timexes: list[PlacedTimex], sentence: int, offset: int
) -> int | None:
    """The year of another sentence naming the same occasion ("the establishment of … relations")."""
    words = _content_words(text[offset : sentences[sentence].end])[:4]
    if len(words) < 2:
        return None
    for index, span in enumerate(sentences):
        if index == sentence or not all(w in _content_words(text[span.start : span.end]) for w in words[:2]):
            continue
        year = _year_after(timexes, index, span.start)
        if year is not None:
            return year
    return None


def _content_words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z]{4,}", text.lower()) if w not in {"that", "with", "this", "their"}]


#: Role heads too general to date anything without the rest of the title.
_VAGUE_ROLE_HEADS = frozenset({"member", "deputy", "delegate", "leader", "head"})
_NOT_CURRENT = re.compile(r"(?:former|late|ex-|then)\W*$")
_TITLE_WINDOW = 100  # characters after a name in which an apposed title is read


def year_from_offices(doc: Document, knowledge: Any, timexes: list[PlacedTimex]) -> int | None:
    """The year in which most titled people of the text held the titles it gives them.

    "First Vice President Díaz-Canel", "Foreign Minister Ri Su Yong", "Premier Pak
    Pong Ju" vote for the years each held that office; at least two must agree.
    A tie is settled by a bracketed weekday ("Saturday [Sept. 5]" fits 2015, not
    2014 or 2016); a tie that stays is no answer.
    """
    votes: Counter[int] = Counter()
    for years in _office_years(doc, knowledge):
        votes.update(years)
    if not votes or max(votes.values()) < 2:
        return None
    best = max(votes.values())
    years = sorted(year for year, count in votes.items() if count == best)
    years = _fitting_weekdays(years, timexes) if len(years) > 1 else years
    return years[0] if len(years) == 1 else None


def _office_years(doc: Document, knowledge: Any) -> list[frozenset[int]]:
    """For each titled person (once per person and title), the years they held that title."""
    seen: set[frozenset[int]] = set()
    found = []
    horizon = dt.date.today().year
    for mention in doc.actor_mentions:
        if not (mention.actor_id or "").startswith("person:"):
            continue
        window = _title_window(doc, mention.span)
        try:
            roles = knowledge.roles(mention.actor_id)
        except (ComityError, KeyError):
            continue
        years = frozenset(y for role in _titles_in(window, roles) for y in _years_held(role, horizon))
        if years and (key := frozenset({hash(mention.actor_id)}) | years) not in seen:
            seen.add(key)
            found.append(years)
    return found


def _title_window(doc: Document, span: Span) -> str:
    sentence_end = next((s.span.end for s in doc.sentences if s.span.start <= span.start < s.span.end), span.end)
    return fold_text(doc.text[span.start : min(sentence_end, span.end + _TITLE_WINDOW)])


def _titles_in(window: str, roles: list[Any]) -> list[Any]:
    """The roles whose title the window gives, longest title words first ("first vice president", not "president")."""
    matches = []
    for role in roles:
        title = fold_text(role.title)
        head = title.split(" of ")[0]
        phrase = title if head in _VAGUE_ROLE_HEADS else head
        for found in re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", window):
            if not _NOT_CURRENT.search(window[: found.start()]):
                matches.append((found.start(), found.end(), role))
    return [role for start, end, role in matches if not any(
        s <= start and end <= e and (s, e) != (start, end) for s, e, _ in matches
    )]  # fmt: skip


def _years_held(role: Any, horizon: int) -> range:
    if role.start is None:
        return range(0)
    last = horizon if role.end is None else (role.end - dt.timedelta(days=1)).year
    return range(role.start.year, last + 1)


def _fitting_weekdays(years: list[int], timexes: list[PlacedTimex]) -> list[int]:
    """Years in which a bracketed "Saturday [Sept. 5]" really falls on that weekday."""
    brackets = [p.timex for p in timexes if p.timex.basis.startswith("bracket") and p.timex.month]
    if not brackets:
        return years
    bracket = brackets[0]
    fitting = []
    for year in years:
        reading = normalize(bracket.text, Anchor(dt.date(year, 12, 31), "day"))
        if reading is not None and reading.basis == "bracket" and (reading.value or "").startswith(str(year)):
            fitting.append(year)
    return fitting
