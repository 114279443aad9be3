"""The metadata stage: title, publication date and outlet, completed from the text.

Values given with the input (sidecar, front matter, JSONL, HTML markup) are kept;
only missing ones are looked for in the text, each with its basis, span and,
for dates, its precision. Header patterns (headline, date line, byline,
dateline) are looked for only in the first lines and footers only in the last
ones, so site navigation further down ("More from KCNA … January 22, 2025")
never sets the date. A copyright year is never taken as the publication date,
and a dateline without a year gives a month-day date: the year is not guessed.

The spans of the header and footer lines are kept in `Metadata.extra`
(see `metadata_spans`) so the segment stage can mark them as metadata.

The package: `stage` completes `Metadata` from what `header` and `footer` find in the
`lines` at either end of the text (gathered in `records.TextMetadata`), reading
written-out `dates` and known `outlets`.
"""

from comity.stages.metadata.dates import ParsedDate, parse_date_text
from comity.stages.metadata.outlets import OutletDirectory, load_outlets
from comity.stages.metadata.records import PRECISION_RANK, SPAN_KEYS, TextMetadata
from comity.stages.metadata.stage import MetadataStage, find_text_metadata, metadata_spans

__all__ = [
    "PRECISION_RANK",
    "SPAN_KEYS",
    "MetadataStage",
    "OutletDirectory",
    "ParsedDate",
    "TextMetadata",
    "find_text_metadata",
    "load_outlets",
    "metadata_spans",
    "parse_date_text",
]
