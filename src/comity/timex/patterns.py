"""Pieces of the recognisers' regular expressions, built from the vocabulary: blanks that may
wrap a line, month and weekday names, counts, era and year slots, and the words looked for
just before a match."""

from __future__ import annotations

import re
from functools import cache

from comity.timex.records import MatchContext
from comity.timex.vocabulary import era_forms, number_words, table_rows

#: Characters before `start` that look-behinds and look-backs may see.
LOOK_BACK = 40


# One or more blanks holding at most one line break: expressions may wrap, never cross paragraphs.
WS = r"(?:[^\S\n]+\n?[^\S\n]*|\n[^\S\n]*)"
WS0 = rf"(?:{WS})?"
ORD = r"(?:st|nd|rd|th)?"


def alternation(forms: list[str] | tuple[str, ...], *, with_capitals: bool = False) -> str:
    variants = set(forms)
    if with_capitals:
        variants |= {form.upper() for form in forms}
    ordered = sorted(variants, key=lambda form: (-len(form), form))
    return "|".join(re.escape(form).replace(r"\ ", WS) for form in ordered)


def _month_forms() -> str:
    return alternation([form for form, _ in table_rows("months.tsv", 2)], with_capitals=True)


def weekday_forms() -> str:
    return alternation([form for form, _ in table_rows("weekdays.tsv", 2)], with_capitals=True)


def count_pattern() -> str:
    words = alternation(list(number_words()))
    return rf"\d+|(?:{words})(?:-(?:{words}))?|a{WS}few|several|many|some"


def month_group(name: str) -> str:
    return rf"\b(?P<{name}>{_month_forms()})\b{_abbreviation_dot()}"


@cache
def _abbreviation_dot() -> str:
    """An optional dot, taken only after an abbreviation ("Sept."), never after "April." ending a sentence."""
    longest: dict[int, int] = {}
    for form, number in table_rows("months.tsv", 2):
        longest[int(number)] = max(longest.get(int(number), 0), len(form))
    by_length: dict[int, set[str]] = {}
    for form, number in table_rows("months.tsv", 2):
        if len(form) < longest[int(number)]:
            by_length.setdefault(len(form), set()).update({form, form.upper()})
    behind = "|".join(rf"(?<=\b(?:{'|'.join(sorted(forms))}))" for _, forms in sorted(by_length.items()))
    return rf"(?:(?:{behind})\.)?" if behind else ""


def era_group() -> str:
    before = alternation([form for (form, pos) in era_forms() if pos == "before"])
    after = alternation([form for (form, pos) in era_forms() if pos == "after"])
    ordinal_republic = (
        rf"the{WS}(?P<era_ord>\d{{1,3}})(?:st|nd|rd|th){WS}year{WS}of{WS}the{WS}Republic"
        rf"(?:{WS}of{WS}China)?"
    )
    return (
        rf"(?:(?<![\w.])(?P<era_b>{before})(?:{WS}|(?<=[^\x00-\x7f]))(?P<era_nb>\d{{1,4}})年?(?!\d)"
        rf"|(?<![\w.])(?P<era_na>\d{{1,4}}){WS}(?P<era_a>{after})(?!\w)"
        rf"|{ordinal_republic})"
        rf"(?:{WS0}\({WS0}(?P<greg>[12]\d{{3}}){WS0}\))?"
    )


def year_slot(required: bool, with_time: bool = True) -> str:
    time = (
        rf"(?:{WS0}(?:[-–—,]|at)?{WS0}(?P<hh>[0-2]?\d):(?P<mm>[0-5]\d)(?!\d)"
        rf"(?:{WS0}(?P<ampm>[aApP]\.?[mM]\b\.?))?)?"
    )
    slot = rf"(?:,?{WS0}{era_group()}|,?{WS}(?P<year>[12]\d{{3}})(?![\d:]))"
    return rf"(?:{slot}{time if with_time else ''})" + ("" if required else "?")


@cache
def _look_backs() -> dict[str, re.Pattern[str]]:
    """Words that may stand just before a match, looked for only where a match was found."""
    cues = "in|since|until|till|by|from|during|through|throughout|before|after|of|to|and|or|between"
    return {
        "weekday": re.compile(rf"\b(?P<wd>{weekday_forms()})\b,?{WS}$"),
        "relation": re.compile(rf"(?i)(?<!\w)(?P<rel>last|this|next|coming){WS}$"),
        "month-cue": re.compile(
            rf"(?i)(?<!\w)(?P<cue>{cues}|last|this|next|that|early|late|mid)(?:-|{WS})"
            rf"(?:the{WS}month{WS}of{WS})?$"
        ),
    }


def look_back(name: str, context: MatchContext, position: int) -> re.Match[str] | None:
    """The look-back pattern `name` ending at `position` of the text, or None."""
    return _look_backs()[name].search(context.text, max(0, position - LOOK_BACK), position)
