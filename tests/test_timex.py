"""Temporal expressions: the table of cases, spans, negatives, and the five seed samples."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest

from comity import timex
from comity.errors import KnowledgeError
from comity.model import Span
from comity.timex import Anchor, Timex, fallback, find_timexes, normalize, vocabulary

CASES = Path(__file__).parent / "fixtures" / "timex_cases.tsv"


# ---------------------------------------------------------------- the table


@dataclass(frozen=True)
class Case:
    line: int
    expression: str
    anchor: str
    match: str
    value: str | None
    precision: str | None
    kind: str
    basis: str
    flags: frozenset[str]

    @property
    def id(self) -> str:
        return f"{self.line}:{self.expression[:40]}@{self.anchor}"

    def expected_field(self, name: str) -> tuple[bool, int | None]:
        """(whether the flags state it, its value) for month=/day= flags."""
        for flag in self.flags:
            key, _, raw = flag.partition("=")
            if key == name:
                return True, None if raw == "-" else int(raw)
        return False, None


def _none_if_dash(cell: str) -> str | None:
    return None if cell == "-" else cell


def load_cases() -> list[Case]:
    cases = []
    for number, line in enumerate(CASES.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#") or line.startswith("expression\t"):
            continue
        cells = line.split("\t")
        assert len(cells) == 8, f"{CASES.name}:{number}: expected 8 columns, got {len(cells)}"
        expression, anchor, match, value, precision, kind, basis, flags = cells
        cases.append(
            Case(
                number,
                expression,
                anchor,
                match,
                _none_if_dash(value),
                _none_if_dash(precision),
                kind,
                basis,
                frozenset(f for f in flags.split(",") if f),
            )
        )
    return cases


ALL_CASES = load_cases()


def test_the_table_has_enough_cases() -> None:
    assert len(ALL_CASES) >= 150
    negatives = [case for case in ALL_CASES if "none" in case.flags or "duration" in case.flags]
    assert len(negatives) >= 20


@pytest.mark.parametrize("case", ALL_CASES, ids=[case.id for case in ALL_CASES])
def test_table_case(case: Case) -> None:
    anchor = Anchor.from_iso(_none_if_dash(case.anchor))
    found = normalize(case.expression, anchor, prefer_future="future" in case.flags)
    if "none" in case.flags:
        assert found is None, f"expected no temporal expression, got {found}"
        return
    assert found is not None, "expected a temporal expression, found none"
    assert found.text == case.match
    assert case.expression[found.span.start : found.span.end] == found.text
    assert (found.value, found.precision) == (case.value, case.precision)
    assert (found.kind, found.basis) == (case.kind, case.basis)
    assert found.approximate == ("approx" in case.flags)
    assert found.is_duration == ("duration" in case.flags)
    for name in ("month", "day"):
        stated, expected = case.expected_field(name)
        if stated:
            assert getattr(found, name) == expected, name


def test_every_value_is_iso_cut_to_its_precision() -> None:
    lengths = {"year": 4, "month": 7, "day": 10, "minute": 16, "decade": 3, "week": 8}
    for case in ALL_CASES:
        if case.value is not None:
            assert case.precision is not None
            assert len(case.value) == lengths[case.precision], case.id


# ---------------------------------------------------------------- spans in running text


def _texts(found: list[Timex]) -> list[str]:
    return [t.text for t in found]


def test_spans_point_into_the_text_in_order() -> None:
    text = (
        "The minister flew in on Friday [Sept. 4] and met the premier on Saturday. "
        "Later in the day he laid a wreath. Last month he had written twice, and in March 1986 "
        "his predecessor made the same trip."
    )
    found = find_timexes(text, Anchor.from_iso("2015-09-07"))
    assert _texts(found) == ["Friday [Sept. 4]", "Saturday", "Later in the day", "Last month", "March 1986"]
    assert [t.value for t in found] == ["2015-09-04", "2015-09-05", None, "2015-08", "1986-03"]
    for t in found:
        assert text[t.span.start : t.span.end] == t.text
    assert found[0].span == Span(24, 40)


def test_start_and_end_limit_the_search_but_spans_stay_absolute() -> None:
    text = "On Monday the envoy arrived. On Tuesday he left for home."
    second = text.index("On Tuesday")
    found = find_timexes(text, Anchor.from_iso("2021-04-20"), start=second)
    assert _texts(found) == ["Tuesday"]
    assert found[0].span.start == text.index("Tuesday")
    assert found[0].value == "2021-04-20"
    first_only = find_timexes(text, Anchor.from_iso("2021-04-20"), end=second)
    assert _texts(first_only) == ["Monday"]
    assert first_only[0].value == "2021-04-19"


def test_an_expression_cut_by_the_end_is_not_read_past_it() -> None:
    text = "It happened on August 29, 2023 in the capital."
    end = text.index(", 2023")
    found = find_timexes(text, Anchor.from_iso("2023-09-01"), end=end)
    assert _texts(found) == ["August 29"]
    assert found[0].basis == "explicit:anchor-year"


def test_a_range_outside_the_text_is_refused() -> None:
    with pytest.raises(ValueError, match="outside"):
        find_timexes("on Monday", Anchor.none(), start=3, end=99)


def test_several_months_and_years_in_one_sentence() -> None:
    text = "He came in September 2015 and November 2018, and ties date from 1960."
    found = find_timexes(text, Anchor.none())
    assert [(t.text, t.value) for t in found] == [
        ("September 2015", "2015-09"),
        ("November 2018", "2018-11"),
        ("1960", "1960"),
    ]


def test_year_ranges_give_both_years() -> None:
    found = find_timexes("the war of 1950-1953 ended", Anchor.none())
    assert [t.value for t in found] == ["1950", "1953"]


def test_a_wrapped_line_is_one_expression_but_a_blank_line_is_not() -> None:
    wrapped = find_timexes("they met in March\n1986 at the hall", Anchor.none())
    assert [(t.text, t.value) for t in wrapped] == [("March\n1986", "1986-03")]
    split = find_timexes("It was August 29\n\n1960 Games, a new page", Anchor.none())
    assert ("August 29\n\n1960" not in _texts(split)) and "1960" in _texts(split)


# ---------------------------------------------------------------- negatives in sentences


def test_durations_ordinals_and_counts_are_not_dated() -> None:
    text = (
        "The 9th Plenum marked the 40th anniversary of the pact between the two states, "
        "after 59 years of rule and a 250-mile march by 2000 people; the talks ran for "
        "three hours at 10:08 in Room 1205."
    )
    found = find_timexes(text, Anchor.from_iso("2021-04-20"))
    assert all(t.is_duration for t in found), found
    assert {t.text for t in found} == {"59 years of"}


def test_text_without_a_cue_gives_nothing() -> None:
    assert find_timexes("The delegation laid a wreath at the statues.", Anchor.from_iso("2021-04-20")) == []


def test_future_preference_applies_to_weekdays_and_months_in_a_sentence() -> None:
    text = "The fair opens on Friday and closes in January."
    anchor = Anchor.from_iso("2024-02-06")  # a Tuesday
    past = find_timexes(text, anchor)
    future = find_timexes(text, anchor, prefer_future=True)
    assert [t.value for t in past] == ["2024-02-02", "2024-01"]
    assert [t.value for t in future] == ["2024-02-09", "2025-01"]


def test_find_timexes_never_calls_dateparser(monkeypatch: pytest.MonkeyPatch, seeds_dir: Path) -> None:
    def refuse(*args: object) -> None:
        raise AssertionError("find_timexes must not call dateparser")

    monkeypatch.setattr(fallback, "_date_data_parser", refuse)
    for seed in sorted(seeds_dir.glob("*.txt")):
        assert find_timexes(seed.read_text(encoding="utf-8"), Anchor.from_iso("2021-04-20"))


def test_normalize_without_a_date_cue_does_not_call_dateparser(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:
        raise AssertionError("dateparser called without a date cue")

    monkeypatch.setattr(fallback, "_date_data_parser", refuse)
    assert normalize("the two countries", Anchor.from_iso("2021-04-20")) is None
    assert normalize("10:08", Anchor.from_iso("2021-04-20")) is None


# ---------------------------------------------------------------- anchors


@pytest.mark.parametrize(
    ("published", "date", "precision"),
    [
        ("2021-04-20T10:08", dt.date(2021, 4, 20), "minute"),
        ("2023-08-29", dt.date(2023, 8, 29), "day"),
        ("2021-03", dt.date(2021, 3, 1), "month"),
        ("2021", dt.date(2021, 1, 1), "year"),
        ("--03-24", dt.date(timex.YEARLESS_PLACEHOLDER_YEAR, 3, 24), "month-day"),
        ("--02-29", dt.date(timex.YEARLESS_PLACEHOLDER_YEAR, 2, 29), "month-day"),
        (None, None, None),
        ("", None, None),
    ],
)
def test_anchor_from_iso(published: str | None, date: dt.date | None, precision: str | None) -> None:
    assert Anchor.from_iso(published) == Anchor(date, precision)


@pytest.mark.parametrize("bad", ["20 April 2021", "2021-13-01", "--02-30", "yesterday"])
def test_anchor_from_iso_refuses_what_is_not_a_date(bad: str) -> None:
    with pytest.raises(ValueError, match="publication date"):
        Anchor.from_iso(bad)


def test_anchor_needs_date_and_precision_together() -> None:
    with pytest.raises(ValueError, match="both"):
        Anchor(dt.date(2021, 4, 20), None)
    with pytest.raises(ValueError, match="precision"):
        Anchor(dt.date(2021, 4, 20), "week")


# ---------------------------------------------------------------- the five seeds


def _seed(seeds_dir: Path, prefix: str) -> str:
    paths = sorted(seeds_dir.glob(f"{prefix}_*.txt"))
    if not paths:
        pytest.skip(f"seed {prefix} is not in {seeds_dir}")
    return paths[0].read_text(encoding="utf-8")


def _by_text(found: list[Timex]) -> dict[str, Timex]:
    first: dict[str, Timex] = {}
    for t in found:
        first.setdefault(t.text, t)
    return first


def _assert_spans(text: str, found: list[Timex]) -> None:
    for t in found:
        assert text[t.span.start : t.span.end] == t.text


def _overlapping(found: list[Timex], text: str, phrase: str) -> list[Timex]:
    start = text.index(phrase)
    span = Span(start, start + len(phrase))
    return [t for t in found if t.span.overlaps(span)]


def test_seed_000_dates_against_its_publication_day(seeds_dir: Path) -> None:
    text = _seed(seeds_dir, "000")
    found = find_timexes(text, Anchor.from_iso("2023-08-29"))
    _assert_spans(text, found)
    got = _by_text(found)
    assert got["August 29, 2023"].value == "2023-08-29"
    assert (got["August 29"].value, got["August 29"].basis) == ("2023-08-29", "explicit:anchor-year")
    assert got["January 1 1959"].value == "1959-01-01"
    assert got["August 29 1960"].value == "1960-08-29"
    assert (got["November 2018"].value, got["November 2018"].precision) == ("2018-11", "month")
    assert got["Today"].value == "2023-08-29"
    assert (got["recent"].value, got["recent"].basis) == (None, "recent")
    assert not _overlapping(found, text, "the two countries")


def test_seed_001_has_no_anchor_but_explicit_dates_resolve(seeds_dir: Path) -> None:
    text = _seed(seeds_dir, "001")
    found = find_timexes(text, Anchor.none())
    _assert_spans(text, found)
    got = _by_text(found)
    juche = got["August 29, Juche 49 (1960)"]
    assert (juche.value, juche.kind, juche.basis) == ("1960-08-29", "calendar", "juche")
    assert got["March 1986"].value == "1986-03"
    assert got["February 1992"].value == "1992-02"
    assert got["September 2015"].value == "2015-09"
    assert got["November 2018"].value == "2018-11"
    since = got["Six decades have passed since"]
    assert (since.value, since.basis, since.approximate) == (None, "relative:since", True)
    assert got["Today"].value is None


def test_seed_002_brackets_weekdays_and_durations(seeds_dir: Path) -> None:
    text = _seed(seeds_dir, "002")
    found = find_timexes(text, Anchor.none())
    _assert_spans(text, found)
    got = _by_text(found)
    assert got["2018"].value == "2018"
    assert got["59 years of"].is_duration and got["59 years of"].value is None
    saturday = got["Saturday [Sept.5.]"]
    assert (saturday.value, saturday.basis, saturday.month, saturday.day) == (None, "bracket", 9, 5)
    friday = got["Friday [Sept. 4]"]
    assert (friday.value, friday.basis, friday.month, friday.day) == (None, "bracket", 9, 4)
    assert got["Later in the day"].basis == "same-day"
    assert got["Monday"].kind == "weekday" and got["Monday"].value is None
    assert got["1976"].value == "1976"
    assert not _overlapping(found, text, "the 55th anniversary")
    # With the publication date (7 September 2015, a Monday) the bare weekdays resolve too.
    dated = _by_text(find_timexes(text, Anchor.from_iso("2015-09-07")))
    assert dated["Saturday [Sept.5.]"].value == "2015-09-05"
    assert dated["Friday [Sept. 4]"].value == "2015-09-04"
    assert dated["Saturday"].value == "2015-09-05"
    assert dated["Friday"].value == "2015-09-04"


def test_seed_003_relative_dates_against_the_byline(seeds_dir: Path) -> None:
    text = _seed(seeds_dir, "003")
    found = find_timexes(text, Anchor.from_iso("2021-04-20T10:08"))
    _assert_spans(text, found)
    got = _by_text(found)
    assert got["April 20, 2021 - 10:08"].value == "2021-04-20T10:08"
    assert got["Tuesday"].value == "2021-04-20"
    assert (got["Monday"].value, got["Monday"].basis) == ("2021-04-19", "relative:Monday")
    assert got["November, 2018"].value == "2018-11"
    assert got["November 2018"].value == "2018-11"
    assert got["1960"].value == "1960"
    assert (got["Last month"].value, got["Last month"].basis) == ("2021-03", "relative:last month")


def test_seed_004_yearless_anchor_keeps_month_and_day(seeds_dir: Path) -> None:
    text = _seed(seeds_dir, "004")
    found = find_timexes(text, Anchor.from_iso("--03-24"))
    _assert_spans(text, found)
    got = _by_text(found)
    dateline = got["March 24"]
    assert (dateline.value, dateline.precision, dateline.month, dateline.day) == (None, None, 3, 24)
    assert (got["April"].value, got["April"].month) == (None, 4)
    assert got["January 22, 2025"].value == "2025-01-22"
    assert (got["January 20"].month, got["January 20"].day) == (1, 20)
    since = got["100 years since"]
    assert (since.value, since.approximate, since.basis) == (None, True, "relative:since")
    assert got["2025"].value == "2025"
    assert got["Wednesday"].value is None
    for phrase in ("the 8th Congress", "250-mile journey", "the centenary", "the tenth anniversary"):
        assert not _overlapping(found, text, phrase), phrase


# ---------------------------------------------------------------- vocabulary files


def test_every_kind_in_the_table_is_a_known_kind() -> None:
    kinds = {case.kind for case in ALL_CASES if "none" not in case.flags}
    assert kinds == set(timex.KINDS)


def test_a_malformed_vocabulary_file_names_the_file_and_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "months.tsv").write_text("# form\tmonth\nJanuary\t1\nFebruary 2\n", encoding="utf-8")
    monkeypatch.setattr(vocabulary, "TIME_DATA", tmp_path)
    vocabulary.table_rows.cache_clear()
    try:
        with pytest.raises(KnowledgeError, match=r"months\.tsv:3: expected 2 tab-separated columns"):
            vocabulary.table_rows("months.tsv", 2)
        with pytest.raises(KnowledgeError, match="cannot be read"):
            vocabulary.table_rows("weekdays.tsv", 2)
    finally:
        vocabulary.table_rows.cache_clear()


def test_the_bundled_vocabulary_covers_every_month_and_weekday() -> None:
    assert set(vocabulary.months().values()) == set(range(1, 13))
    assert set(vocabulary.weekdays().values()) == set(range(7))
    assert {calendar for calendar in vocabulary.eras().values()} == {"juche", "minguo", "buddhist", "hijri"}


@pytest.mark.parametrize(
    ("expression", "duration"),
    [
        ("six decades ago", "P60Y"),
        ("Six decades have passed since", "P60Y"),
        ("100 years since", "P100Y"),
        ("two weeks ago", "P2W"),
        ("a century ago", "P100Y"),
        ("59 years of rule", "P59Y"),
        ("for 53+ years", "P53Y"),
        ("several years ago", None),
    ],
)
def test_ago_since_and_durations_state_their_length(expression: str, duration: str | None) -> None:
    found = normalize(expression, Anchor.none())
    assert found is not None
    assert found.duration == duration


def test_explicit_dates_state_no_length() -> None:
    found = normalize("in March 1986", Anchor.none())
    assert found is not None and found.duration is None


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_searching_line_by_line_finds_what_the_whole_text_gives(seeds_dir: Path, prefix: str) -> None:
    text = _seed(seeds_dir, prefix)
    anchor = Anchor.from_iso("2021-04-20")
    by_line: list[Timex] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        by_line += find_timexes(text, anchor, offset, offset + len(line.rstrip("\n")))
        offset += len(line)
    assert by_line == find_timexes(text, anchor)
    assert len(by_line) >= 5
