"""Dyad analysis over linked events: what happened between two actors, period by period, and who said so.

Everything counts events (linked), never mentions: ten articles about one visit
are one visit. `a` and `b` name an actor either by country ("CUB", ISO 3166-1
alpha-3) or by code ("CUBGOV"); a code matches every code it begins
("CUB" also matches "CUBGOV"). Both directions of the dyad are included.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from comity.errors import ComityError
from comity.store import Store

if TYPE_CHECKING:
    from matplotlib.figure import Figure

PERIODS = {"month": 7, "year": 4}  # ISO date prefix length per period
SERIES_COLUMNS = ["period", "events", "quad1", "quad2", "quad3", "quad4", "goldstein_sum", "goldstein_mean"]
DYAD_EVENT_COLUMNS = [
    "event_id", "date", "date_precision", "cameo", "quad_class", "goldstein", "source_code", "target_code",
    "num_mentions", "num_articles", "num_sources", "evidence", "evidence_doc_id",
]
SOURCES_COLUMNS = ["outlet", "dyad", "events", "goldstein_mean"]
UNKNOWN_OUTLET = "(unknown outlet)"


def dyad_condition(a: str, b: str) -> tuple[str, list[str]]:
    """SQL over the events table's columns: a on one side and b on the other, either direction.
    A side matches an actor when its country equals it or its code begins with it."""
    a, b = a.strip().upper(), b.strip().upper()
    side = "({0}_country = ? OR starts_with({0}_code, ?))"
    sql = (f"(({side.format('source')} AND {side.format('target')}) "
           f"OR ({side.format('source')} AND {side.format('target')}))")
    return sql, [a, a, b, b, b, b, a, a]


_DYAD_EVENT_SELECT = (
    "SELECT event_id, events.date, date_precision, cameo, quad_class, goldstein, source_code, target_code, "
    "num_mentions, num_articles, num_sources, record->>'$.evidence.text' AS evidence, "
    "record->>'$.evidence.doc_id' AS evidence_doc_id FROM events"
)


def dyad_events(store: Store, a: str, b: str, period: str | None = None, by: str = "month",
                limit: int | None = None, offset: int = 0) -> pd.DataFrame:
    """One row per event between a and b, oldest first (undated last), with the evidence of its
    representative mention; of one period only when `period` is given, `limit` rows from `offset`."""
    where, params = dyad_where(a, b, period, by)
    frame = store.con.execute(
        f"WITH chosen AS (SELECT event_id, date FROM events WHERE {where} "
        "ORDER BY date NULLS LAST, event_id LIMIT ? OFFSET ?) "
        f"{_DYAD_EVENT_SELECT} JOIN chosen USING (event_id) ORDER BY chosen.date NULLS LAST, event_id",
        [*params, limit, offset],
    ).df()
    return frame[DYAD_EVENT_COLUMNS] if not frame.empty else pd.DataFrame(columns=DYAD_EVENT_COLUMNS)


def dyad_where(a: str, b: str, period: str | None = None, by: str = "month") -> tuple[str, list[Any]]:
    """The dyad's condition, narrowed to one period when given."""
    where, params = dyad_condition(a, b)
    if period:
        where += f" AND left(date, {_period_length(by)}) = ?"
        params = [*params, period]
    return where, params


def _period_length(by: str) -> int:
    if by not in PERIODS:
        raise ComityError(f"unknown period {by!r}: use one of {', '.join(PERIODS)}")
    return PERIODS[by]


def period_of(date: str | None, by: str) -> str | None:
    """The period label of a date: "2018-11" by month, "2018" by year.

    A date coarser than the period keeps its own precision ("2018" by month),
    so an event known only to the year is counted, never spread or guessed.
    """
    length = _period_length(by)
    if not isinstance(date, str) or not date:
        return None
    return date[:length]


def dyad_series(store: Store, a: str, b: str, by: str = "month") -> pd.DataFrame:
    """Per period (month or year) of the events between a and b: counts by QuadClass and Goldstein.
    One SQL aggregate over the events' columns: the cost follows the dyad's periods, not the store."""
    return dyad_series_and_undated(store, a, b, by)[0]


def dyad_series_and_undated(store: Store, a: str, b: str, by: str = "month") -> tuple[pd.DataFrame, int]:
    """The dyad series, and how many of the dyad's events are undated (counted in no period)."""
    where, params = dyad_condition(a, b)
    series = store.con.execute(
        f"SELECT nullif(left(date, {_period_length(by)}), '') AS period, count(*) AS events, "
        "CAST(count_if(quad_class = 1) AS BIGINT) AS quad1, CAST(count_if(quad_class = 2) AS BIGINT) AS quad2, "
        "CAST(count_if(quad_class = 3) AS BIGINT) AS quad3, CAST(count_if(quad_class = 4) AS BIGINT) AS quad4, "
        "round(sum(goldstein), 2) AS goldstein_sum, round(avg(goldstein), 2) AS goldstein_mean "
        f"FROM events WHERE {where} GROUP BY ALL ORDER BY period NULLS LAST",
        params,
    ).df()
    undated = series["period"].isna()
    dated = series[~undated].reset_index(drop=True)[SERIES_COLUMNS] if not series.empty else series
    return (dated if not dated.empty else pd.DataFrame(columns=SERIES_COLUMNS)), int(series.loc[undated, "events"].sum())


def sources_table(store: Store) -> pd.DataFrame:
    """Per outlet and dyad: how many events the outlet reports and the mean Goldstein of its reports.

    A dyad is undirected and named by countries ("CUB-PRK"), by actor code for
    an actor without a country, "-" for a missing side.

    An outlet's Goldstein for one event is the mean over its own mentions of
    the event, so an outlet that repeats a story does not weigh more.
    """
    rows = store.con.execute(
        "WITH sides AS (SELECT coalesce(m.outlet, ?) AS outlet, m.event_id, m.goldstein, "
        "  coalesce(m.source_country, m.source_code, '-') AS s, coalesce(m.target_country, m.target_code, '-') AS t "
        "  FROM mentions m JOIN events e ON e.event_id = m.event_id) "
        "SELECT outlet, event_id, CASE WHEN s <= t THEN s || '-' || t ELSE t || '-' || s END AS dyad, goldstein "
        "FROM sides",
        [UNKNOWN_OUTLET],
    ).df()
    if rows.empty:
        return pd.DataFrame(columns=SOURCES_COLUMNS)
    per_event = rows.groupby(["outlet", "dyad", "event_id"], as_index=False)["goldstein"].mean()
    table = per_event.groupby(["outlet", "dyad"], as_index=False).agg(
        events=("event_id", "nunique"), goldstein_mean=("goldstein", "mean")
    )
    table["goldstein_mean"] = table["goldstein_mean"].round(2)
    return table.sort_values(["dyad", "events", "outlet"], ascending=[True, False, True]).reset_index(drop=True)[
        SOURCES_COLUMNS
    ]


QUAD_LABELS = {
    "quad1": "verbal cooperation", "quad2": "material cooperation",
    "quad3": "verbal conflict", "quad4": "material conflict",
}
QUAD_COLOURS = {"quad1": "#7fb3d5", "quad2": "#1f618d", "quad3": "#f0b27a", "quad4": "#b03a2e"}


def timeline_figure(series: pd.DataFrame, title: str) -> Figure:
    """A report-ready timeline: events per period stacked by QuadClass, with the mean Goldstein line above.

    Periods coarser than the series' own (an event known only to its year in a
    monthly series) are not drawn on the time axis; the caption counts them.
    """
    from matplotlib.figure import Figure

    figure = Figure(figsize=(10, 5.5), layout="constrained")
    axes_goldstein, axes_counts = figure.subplots(2, 1, sharex=True, height_ratios=(1, 2))
    figure.suptitle(title, fontsize=13, fontweight="bold")
    if series.empty:
        axes_counts.text(0.5, 0.5, "no dated events", ha="center", va="center", transform=axes_counts.transAxes)
        return figure
    width = series["period"].str.len().max()
    drawn = series[series["period"].str.len() == width]
    left_out = int(series.loc[series["period"].str.len() != width, "events"].sum())
    when = pd.to_datetime(drawn["period"], format="%Y-%m" if width == 7 else "%Y")
    span_days = (when.max() - when.min()).days
    bar_width = max(25 if width == 7 else 300, span_days / 150)  # bars stay visible over decades
    bottom = pd.Series(0, index=drawn.index)
    for column, label in QUAD_LABELS.items():
        axes_counts.bar(when, drawn[column], width=bar_width, bottom=bottom, label=label,
                        color=QUAD_COLOURS[column])
        bottom = bottom + drawn[column]
    axes_counts.set_ylabel("events")
    axes_counts.legend(loc="lower left", bbox_to_anchor=(0, 1), fontsize=8, frameon=False, ncols=4)
    axes_counts.yaxis.get_major_locator().set_params(integer=True)
    axes_goldstein.axhline(0, color="#888888", linewidth=0.8)
    # Stems, not a line: a line would invent a trend across months with no events.
    axes_goldstein.vlines(when, 0, drawn["goldstein_mean"], color="#555555", linewidth=1)
    axes_goldstein.scatter(when, drawn["goldstein_mean"], color="#333333", zorder=3)
    axes_goldstein.set_ylabel("mean Goldstein")
    axes_goldstein.set_ylim(-10.5, 10.5)
    for axes in (axes_goldstein, axes_counts):
        axes.spines[["top", "right"]].set_visible(False)
    caption = "Counts are linked events, not articles."
    if left_out:
        caption += f" {left_out} event(s) dated only more coarsely are not on the time axis."
    axes_counts.set_xlabel(caption, fontsize=8, color="#555555", loc="left")
    return figure


def save_figure(figure: Figure, path: str) -> None:
    """Write a figure as PNG or SVG, by the file's extension, without any display backend."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(figure)
    figure.savefig(path, dpi=150)
