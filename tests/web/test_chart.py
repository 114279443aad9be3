"""The timeline renderer: ticks, filled periods and what each bar says."""

from __future__ import annotations

import re

from comity.web.chart import Period, count_ticks, filled, timeline_svg


def test_ticks_reach_the_maximum_in_round_steps():
    assert count_ticks(3) == [0, 1, 2, 3]
    assert count_ticks(9) == [0, 2, 4, 6, 8, 10]
    assert count_ticks(99) == [0, 20, 40, 60, 80, 100]


def test_months_between_events_are_filled_so_distance_is_time():
    periods = [Period("2018-11", (1, 0, 0, 0), 3.0), Period("2019-02", (0, 0, 0, 2), -9.5)]
    labels = [p.label for p in filled(periods)]
    assert labels == ["2018-11", "2018-12", "2019-01", "2019-02"]


def test_mixed_precisions_and_long_spans_stay_as_given():
    mixed = [Period("2018", (1, 0, 0, 0), 1.0), Period("2018-06", (1, 0, 0, 0), 1.0)]
    assert filled(mixed) == mixed
    far = [Period("1928", (1, 0, 0, 0), 1.0), Period("2021", (1, 0, 0, 0), 1.0)]
    assert filled(far, max_periods=60) == far


def test_each_bar_stacks_its_quad_classes_and_says_so():
    svg = timeline_svg([Period("2021-07", (2, 0, 1, 0), 0.7)], lambda p: f"/x?period={p}")
    assert len(re.findall(r'<rect class="q1"', svg)) == 1 and len(re.findall(r'<rect class="q3"', svg)) == 1
    assert "2021-07: 3 events (2 verbal cooperation, 1 verbal conflict); Goldstein mean +0.7" in svg
    assert 'href="/x?period=2021-07"' in svg
