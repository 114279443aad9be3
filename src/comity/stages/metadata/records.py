"""What the text itself says about the article, and the keys of `Metadata.extra` that hold the
spans of metadata lines."""

from __future__ import annotations

from dataclasses import dataclass, field

from comity.model import Found, Span

#: Keys of `Metadata.extra` holding the spans of lines that are metadata, not article text.
SPAN_KEYS = {
    "front_matter": "front_matter_span",
    "date_line": "date_line_span",
    "byline": "byline_span",
    "dateline": "dateline_span",
    "copyright": "copyright_span",
    "signoff": "signoff_span",
}

PRECISION_RANK = {"year": 0, "month-day": 1, "month": 2, "day": 3, "minute": 4, "second": 5}


@dataclass(slots=True)
class TextMetadata:
    """What the text itself says about the article."""

    title: Found | None = None
    dates: list[Found] = field(default_factory=list)
    outlets: list[Found] = field(default_factory=list)
    spans: dict[str, Span] = field(default_factory=dict)
    extra: dict[str, Found] = field(default_factory=dict)  # "author", "dateline_place"

    def best_date(self) -> Found | None:
        """The most precise date found, a year-less one only when nothing else was."""
        if not self.dates:
            return None
        return max(self.dates, key=lambda found: PRECISION_RANK.get(found.precision or "", -1))
