"""The report for a terminal: figures, date and cluster diagnostics, a per-document table, errors."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from comity.eval.records import EvalReport


def _figure_table(report: EvalReport) -> Any:
    from rich.table import Table

    table = Table(title="comity eval")
    for column in ("", "precision", "recall", "F1", "tp", "fp", "fn"):
        table.add_column(column, justify="right" if column else "left")
    for name, c in (("events", report.counts), ("events, dated", report.dated)):
        table.add_row(name, f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}", str(c.tp), str(c.fp), str(c.fn))
    return table


def _diagnostic_lines(report: EvalReport) -> str:
    d, c = report.dates, report.clusters
    return "\n".join(
        (
            f"dates of matched rows: {d.right} right, {d.coarse} coarse, {d.missing} missing, {d.wrong} wrong",
            f"cluster pairs: {c.joined} joined, {c.split} split; {c.kept_apart} kept apart, "
            f"{c.wrongly_joined} wrongly joined",
            f"leaked: {len(report.leaked)}; mentions of documents without gold (ignored): {report.ignored_mentions}",
        )
    )


def _document_table(report: EvalReport) -> Any:
    from rich.table import Table

    table = Table(title="per document")
    table.add_column("doc", no_wrap=True, overflow="ellipsis", min_width=12)
    for column in ("req", "opt", "tp", "fp", "fn", "opt hit", "leaked", "not counted"):
        table.add_column(column, justify="right")
    for doc in report.documents:
        values = (doc.required, doc.optional, doc.tp, doc.fp, doc.fn, doc.optional_matched, doc.leaked, doc.not_counted)
        table.add_row(doc.doc_id, *(str(v) for v in values))
    return table


def _error_rows(report: EvalReport) -> Iterable[tuple[str, ...]]:
    for row in report.missed:
        yield ("missed", row.doc_id, row.gold_id, "|".join(row.cameo_root),
               f"{_countries(row.source)}->{_countries(row.target)}", row.evidence)  # fmt: skip
    for kind, briefs in (("false pos.", report.false_positives), ("leaked", report.leaked)):
        for b in briefs:
            yield (kind, b.doc_id, b.mention_id, b.cameo,
                   f"{b.source_country or '-'}->{b.target_country or '-'}", b.evidence)  # fmt: skip


def _shortened(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _error_lines(report: EvalReport) -> str:
    """One line per missed row, false positive and leak; lines, not a table, so that a
    narrow terminal wraps them instead of squeezing columns to nothing."""
    lines = [
        f"{kind:<10} {doc} {ident} cameo {cameo} {dyad} {_shortened(evidence)!r}"
        for kind, doc, ident, cameo, dyad, evidence in _error_rows(report)
    ]
    return "\n".join(["errors:", *lines])


def _countries(codes: tuple[str | None, ...]) -> str:
    return "|".join(code or "-" for code in codes)


def render(report: EvalReport) -> Any:
    """A rich renderable: figures, date/cluster diagnostics, per-document table, errors."""
    from rich.console import Group
    from rich.text import Text

    parts = [_figure_table(report), _diagnostic_lines(report), _document_table(report)]
    if report.missed or report.false_positives or report.leaked:
        parts.append(_error_lines(report))
    return Group(*(Text(part) if isinstance(part, str) else part for part in parts))
