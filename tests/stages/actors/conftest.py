"""Fixtures for the actors stage's tests: our own sentences read as an article is read, with
its metadata (outlet, publication date, dateline) found as the pipeline finds it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from comity.ingest import document_from_text
from comity.model import ActorMention, Document, Found, Metadata
from comity.stages.actors import ActorStage
from comity.stages.metadata import MetadataStage
from comity.stages.parse import ParseStage
from comity.stages.segment import SegmentStage


@pytest.fixture(scope="session")
def parse() -> ParseStage:
    stage = ParseStage()
    stage.nlp  # load spaCy once per session
    return stage


@pytest.fixture(scope="session")
def article(parse: ParseStage) -> Callable[..., Document]:
    """Code the actors of a text as the pipeline does: metadata, sections, parse, actors."""
    stage = ActorStage()

    def code(text: str, outlet: str | None = None, published: str | None = "1987-03-02", stage: ActorStage = stage) -> Document:
        meta = Metadata(outlet=Found(outlet, "test") if outlet else None, published=Found(published, "test") if published else None)
        doc = MetadataStage()(document_from_text(text, "t", meta=meta))
        return stage(parse(SegmentStage()(doc)))

    return code


def mention_of(doc: Document, text: str) -> ActorMention:
    """The mention whose text is `text` (the first one)."""
    found = [m for m in doc.actor_mentions if m.text == text]
    assert found, f"no mention {text!r}; mentions: {[(m.text, m.code, m.rule) for m in doc.actor_mentions]}"
    return found[0]


@pytest.fixture
def mention() -> Callable[[Document, str], ActorMention]:
    return mention_of
