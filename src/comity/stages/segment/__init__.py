"""The segment stage: which parts of an article are news and which are not.

The text is cut into paragraphs (on blank lines, or on single newlines when the
article has none), and each paragraph gets one `SectionKind`. Only headline and
body are coded later, so each decision that takes text away from the body keeps
its reason. Decisions come from layout features (short lines, lines printed
twice, lines without sentence punctuation, dates) and from cue phrases kept in
`data/segment/cues.yaml`, which users can extend.

Passes run in a fixed order, each only over paragraphs no earlier pass claimed:
front matter, title, reader comments, captions, boilerplate, headline fallback,
metadata lines, body, and last repeats among the body.

The package: `stage` runs the passes over the `paragraphs` the text is cut into (each a
`records.Paragraph`); `passes` and `boilerplate` decide, reading the `cues`, the layout
`features` and the spans the metadata stage found (`found_spans`).
"""

from comity.stages.segment.cues import CATEGORIES, DEFAULT_CUES_PATH, CueList, Cues, load_cues
from comity.stages.segment.stage import SegmentStage, segment

__all__ = [
    "CATEGORIES",
    "DEFAULT_CUES_PATH",
    "CueList",
    "Cues",
    "SegmentStage",
    "load_cues",
    "segment",
]
