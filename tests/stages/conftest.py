"""Fixtures for the stages' tests: our own sentences coded by the whole pipeline."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from comity.api import build_pipeline
from comity.ingest import document_from_text
from comity.model import Document, Found

Dyad = tuple[str, str | None, str | None]


@pytest.fixture(scope="session")
def code_article() -> Callable[[str, str], Document]:
    """Code a text as the body of an article published on the given day, with the full pipeline."""
    pipeline = build_pipeline()

    def code(text: str, published: str) -> Document:
        doc = document_from_text("Headline\n\n" + text, "t")
        doc.meta.published = Found(published, "test")
        return pipeline(doc)

    return code


@pytest.fixture(scope="session")
def counted_dyads() -> Callable[[Document], list[Dyad]]:
    """(CAMEO code, source country, target country) of each mention of a coded document that counts as an event."""
    return lambda doc: [(m.cameo, m.source and m.source.country, m.target and m.target.country) for m in doc.event_mentions if m.counts_as_event]
