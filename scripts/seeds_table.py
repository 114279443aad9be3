"""Print, for a folder of articles, what ingestion and segmentation made of each one.

    .venv/bin/python scripts/seeds_table.py ../shared/samples/seeds

One Markdown row per article: title, outlet, published date with precision and
basis, number of body paragraphs, and what was set apart as comment,
boilerplate, caption, metadata and repeat.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from comity.config import Config
from comity.ingest import iter_inputs
from comity.model import Document, Found
from comity.pipeline import Pipeline
from comity.stages.metadata import MetadataStage
from comity.stages.segment import SegmentStage


def describe(found: Found | None) -> str:
    if found is None or found.value is None:
        return "—"
    extra = ", ".join(x for x in (found.precision, found.basis) if x)
    return f"{found.value} ({extra})"


def row(doc: Document) -> str:
    kinds = Counter(str(s.kind) for s in doc.sections)
    counts = " / ".join(str(kinds.get(k, 0)) for k in ("comment", "boilerplate", "caption", "metadata", "repeat"))
    title = doc.meta.title.value if doc.meta.title and doc.meta.title.value else "—"
    return f"| {doc.doc_id} | {title[:50]} | {describe(doc.meta.outlet)} | {describe(doc.meta.published)} | {kinds.get('body', 0)} | {counts} |"


def main(paths: list[str]) -> int:
    pipeline = Pipeline([MetadataStage(), SegmentStage()])
    print("| doc | title | outlet | published | body ¶ | comment / boilerplate / caption / metadata / repeat |")
    print("|---|---|---|---|---|---|")
    for item in iter_inputs(paths, Config()):
        if isinstance(item, Document):
            print(row(pipeline(item)))
        else:
            print(f"| {item.origin} | not ingested: {item.problem.code}: {item.problem.message} | | | | |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["../shared/samples/seeds"]))
