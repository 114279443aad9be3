"""The pipeline runner: stages declare what they need and add, checked when built.

A stage is any object with `name`, `requires`, `assigns` and `__call__(doc) -> doc`.
The vocabulary of what a document can carry is `FIELDS`; a freshly ingested
document carries `INGESTED`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol, runtime_checkable

from comity.errors import PipelineError, StageContractError
from comity.model import Document

FIELDS = frozenset(
    {
        "text",  # Document.text and content_hash
        "meta",  # Document.meta
        "sections",
        "sentences",
        "candidates",  # Document.candidate_spans: the sentences the parse stage parses
        "parsed",  # the spaCy Doc
        "actor_mentions",
        "event_mentions",
        "event_dates",  # EventMention.date filled
        "event_places",  # EventMention.place filled
    }
)

#: What ingestion gives every Document before any stage runs (metadata from sidecars and
#: fields sits in Document.meta already; the metadata stage completes it from the text).
INGESTED = frozenset({"text"})


@runtime_checkable
class Stage(Protocol):
    name: str
    requires: frozenset[str]
    assigns: frozenset[str]

    def __call__(self, doc: Document) -> Document: ...


class Pipeline:
    """An ordered list of stages whose needs were checked when it was built."""

    def __init__(self, stages: Sequence[Stage], provided: Iterable[str] = INGESTED):
        self.stages = list(stages)
        self.provided = frozenset(provided)
        self._check()

    @property
    def names(self) -> list[str]:
        return [stage.name for stage in self.stages]

    def _check(self) -> None:
        available = set(self.provided)
        for stage in self.stages:
            unknown = (stage.requires | stage.assigns) - FIELDS
            if unknown:
                raise PipelineError(
                    f"stage {stage.name!r} declares unknown fields {sorted(unknown)}; "
                    f"known fields are {sorted(FIELDS)}"
                )
            missing = stage.requires - available
            if missing:
                raise PipelineError(
                    f"stage {stage.name!r} needs {sorted(missing)}, which no earlier stage adds; "
                    f"put a stage that adds them before it (order now: {self.names})"
                )
            available |= stage.assigns

    def __call__(self, doc: Document) -> Document:
        for stage in self.stages:
            doc = _checked(stage, stage(doc))
        return doc

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        """Run a stream of documents; a stage with a `pipe` method gets them in batches."""
        stream: Iterable[Document] = docs
        for stage in self.stages:
            stream = _run_stage_on_stream(stage, stream)
        yield from stream


def _run_stage_on_stream(stage: Stage, docs: Iterable[Document]) -> Iterator[Document]:
    batch_pipe = getattr(stage, "pipe", None)
    if batch_pipe is not None:
        for result in batch_pipe(docs):
            yield _checked(stage, result)
    else:
        for doc in docs:
            yield _checked(stage, stage(doc))


def _checked(stage: Stage, result: object) -> Document:
    if not isinstance(result, Document):
        raise StageContractError(
            f"stage {stage.name!r} returned {type(result).__name__}, not the Document "
            "it was given; a stage must return the document"
        )
    result.stages_run.append(stage.name)
    return result
