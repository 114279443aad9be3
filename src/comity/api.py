"""The Python API: what the CLI and the web app call. Everything here returns data, never prints."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from comity.config import DATA_DIR, DEFAULT_DB, Config
from comity.identity import IdAssigner
from comity.ingest import iter_inputs
from comity.interchange import mention_to_dict
from comity.link import block_key, counts_as_event, link
from comity.model import Document, InputFailure
from comity.pipeline import Pipeline
from comity.runner import batches, code_batch, code_documents
from comity.store import Store, config_hash

if TYPE_CHECKING:
    import pandas

    from comity.eval import EvalReport, GoldRow
    from comity.loss_trace import Loss

DEMO_DIR = DATA_DIR / "demo"

ProgressCallback = Callable[[str, str], None]  # (origin, status)


@dataclass(slots=True)
class RunSummary:
    run_id: str | None
    coded: int = 0
    unchanged: int = 0
    failed: list[tuple[str, str, str]] = field(default_factory=list)  # (origin, code, message)
    warnings: list[tuple[str, str, str]] = field(default_factory=list)
    mentions: int = 0
    events: int = 0
    outputs: list[str] = field(default_factory=list)

    @property
    def inputs(self) -> int:
        return self.coded + self.unchanged + len(self.failed)

    def to_dict(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id, "inputs": self.inputs, "coded": self.coded, "unchanged": self.unchanged,
            "failed": [list(f) for f in self.failed], "warnings": [list(w) for w in self.warnings],
            "mentions": self.mentions, "events": self.events, "outputs": self.outputs,
        }


def build_pipeline(config: Config | None = None) -> Pipeline:
    """The full coding pipeline, checked when built."""
    from comity.knowledge.actors import ActorKnowledge
    from comity.stages.actors import ActorStage
    from comity.stages.events import EventStage
    from comity.stages.metadata import MetadataStage
    from comity.stages.parse import ParseStage
    from comity.stages.place import PlaceStage
    from comity.stages.prefilter import PrefilterStage
    from comity.stages.segment import SegmentStage
    from comity.stages.time import TimeStage

    config = config or Config()
    knowledge = ActorKnowledge.load(
        extra_actor_files=[Path(p) for p in config.actor_files],
        extra_agent_files=[Path(p) for p in config.agent_files],
    )
    patterns = event_patterns(config)
    return Pipeline(
        [
            MetadataStage(),
            SegmentStage(),
            *([PrefilterStage(knowledge, patterns, model=config.spacy_model)] if config.prefilter else []),
            ParseStage(config.spacy_model, config.batch_size),
            ActorStage(knowledge),
            EventStage(patterns=patterns),
            TimeStage(knowledge),
            PlaceStage(),
        ]
    )


def event_patterns(config: Config | None = None):  # -> comity.knowledge.event_patterns.PatternSet
    """The patterns a run codes with, in precedence: the `--verbs` dictionaries, comity's own,
    then the broad layer (unless turned off). `.problems` lists what the dictionaries dropped."""
    from comity.knowledge.event_patterns import PatternSet
    from comity.knowledge.verb_dictionary import read_user_patterns

    config = config or Config()
    builtin = PatternSet.default() if config.broad_layer else PatternSet.own()
    if not config.verb_files:
        return builtin
    return PatternSet.layered(read_user_patterns([Path(p) for p in config.verb_files]), builtin)


def mentions_of(doc: Document) -> list[dict[str, Any]]:
    return [mention_to_dict(m, doc) for m in doc.event_mentions]


#: What `code --out` writes: interchange mentions and events.
OUTPUT_FILES = ("mentions.jsonl", "events.jsonl")


def code(
    paths: Iterable[str | Path],
    db: str | Path = DEFAULT_DB,
    out: str | Path | None = None,
    config: Config | None = None,
    progress: ProgressCallback | None = None,
    workers: int = 1,
    replace: bool = False,
) -> RunSummary:
    """Code inputs into the store; every input ends coded, unchanged or failed with its reason.

    Documents are streamed in batches over `workers` processes (`comity.runner`) and saved
    in small groups as they are coded, so a run that was killed resumes when run again:
    what it saved is skipped as unchanged, the rest is coded. Each input gets an id no other
    input holds (`comity.identity`); `replace`: a doc_id given with a text other than the one
    stored under it replaces that document (its old mentions go, its events are re-linked)
    instead of failing."""
    config = config or Config()
    resolved = config.resolved()
    cfg_hash = config_hash(resolved)
    with Store(db) as store:
        run_id = store.begin_run(resolved)
        summary = RunSummary(run_id)
        ours = store.files() + ([Path(out) / name for name in OUTPUT_FILES] if out is not None else [])
        # The store or outputs kept beside the articles are no inputs.
        inputs = iter_inputs(paths, config, skip=ours, ids=IdAssigner(store, replace))
        to_code = _skip_known(inputs, store, run_id, cfg_hash, summary, progress)
        store.pause()  # readers use the store while the models load, and whenever it codes
        pipeline = build_pipeline(config) if workers == 1 else None
        with _Saver(store, run_id, cfg_hash, summary, progress) as saver:
            for result in code_documents(to_code, config, workers, pipeline=pipeline, idle=store.pause):
                saver.add(result)
        summary.events = relink(store)
        summary.mentions = store.counts()["mentions"]
        if out is not None:
            summary.outputs = write_outputs(store, Path(out))
        store.finish_run(run_id, summary.to_dict())
    return summary


def relink(store: Store, full: bool = False) -> int:
    """Link newly coded or re-coded documents' mentions into events; returns the store's number of events.

    Only the blocks (dyad, CAMEO family, year) those documents touch, before
    or after re-coding, are re-linked; an event that persists keeps its id.
    `full`: re-link every block (after a change to the linking rules).
    """
    if full:
        store.forget_links()
    dirty = store.unlinked_doc_ids()
    if dirty:
        fresh = store.mention_records_of(dirty)
        touched = store.linked_blocks(dirty) | {block_key(m) for m in fresh if counts_as_event(m)}
        linked, previous = store.linked_into(touched, except_docs=dirty)
        mentions = fresh + linked
        published = store.published_dates(m["doc_id"] for m in mentions)
        _, events = link(mentions, previous, published)
        stored = {m["mention_id"]: m for m in mentions}
        links = [
            {"mention_id": mention_id, "doc_id": stored[mention_id]["doc_id"], "block_key": event["block_key"],
             "event_id": event["event_id"]}
            for event in events for mention_id in event["mention_ids"]
        ]
        repointed = [link_ for link_ in links if stored[link_["mention_id"]]["event_id"] != link_["event_id"]]
        store.apply_links(touched, dirty, links, events, repointed, replaced=set(previous.values()))
    return store.counts()["events"]


def _skip_known(
    items: Iterable[Document | InputFailure], store: Store, run_id: str, cfg_hash: str,
    summary: RunSummary, progress: ProgressCallback | None,
) -> Iterator[Document]:
    for item in items:
        store.breathe()
        if isinstance(item, InputFailure):
            _record_failure(item, store, run_id, summary, progress)
        elif store.is_unchanged(item, cfg_hash):
            store.record_input(run_id, item.origin, item.doc_id, "unchanged")
            summary.unchanged += 1
            _notify(progress, item.origin, "unchanged")
        else:
            yield item


class _Saver:
    """Saves coded documents in groups, one transaction each: a transaction per document
    cost more than coding it. A group is written when it is full or a couple of seconds
    old, so progress and resume stay close to the coding."""

    GROUP = 32
    MAX_WAIT_S = 2.0

    def __init__(self, store: Store, run_id: str, cfg_hash: str, summary: RunSummary, progress: ProgressCallback | None):
        self.store, self.run_id, self.cfg_hash = store, run_id, cfg_hash
        self.summary, self.progress = summary, progress
        self.pending: list[Document] = []
        self.oldest = 0.0

    def __enter__(self) -> _Saver:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *_: object) -> None:
        if exc_type is None:
            self.flush()
            return
        try:
            self.flush()  # what was coded before the failure or interruption is kept
        except Exception:  # noqa: BLE001 - the first error is the one to report; these are coded again on resume
            pass

    def add(self, result: Document | InputFailure) -> None:
        self.store.breathe()
        if isinstance(result, InputFailure):
            _record_failure(result, self.store, self.run_id, self.summary, self.progress)
            return
        if not self.pending:
            self.oldest = time.monotonic()
        self.pending.append(result)
        if len(self.pending) >= self.GROUP or time.monotonic() - self.oldest >= self.MAX_WAIT_S:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        self.store.save_documents([(doc, mentions_of(doc)) for doc in self.pending], self.run_id, self.cfg_hash)
        for doc in self.pending:
            self.summary.warnings.extend((doc.origin, p.code, p.message) for p in doc.problems if not p.fatal)
            self.summary.coded += 1
            _notify(self.progress, doc.origin, "coded")
        self.pending = []


def _record_failure(
    failure: InputFailure, store: Store, run_id: str, summary: RunSummary, progress: ProgressCallback | None
) -> None:
    store.record_failure(run_id, failure)
    summary.failed.append((failure.origin, failure.problem.code, failure.problem.message))
    _notify(progress, failure.origin, "failed")


def _notify(progress: ProgressCallback | None, origin: str, status: str) -> None:
    if progress is not None:
        progress(origin, status)


def write_outputs(store: Store, out: Path) -> list[str]:
    """Write mentions.jsonl and events.jsonl (interchange format) into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, records in zip(OUTPUT_FILES, (store.mention_records(), store.event_records())):
        path = out / name
        with path.open("w", encoding="utf-8") as handle:
            for record in records:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        written.append(str(path))
    return written


def coded_documents(
    paths: Iterable[str | Path], config: Config | None = None, doc_ids: Collection[str] | None = None
) -> Iterator[Document]:
    """Code inputs in memory, without a store, and yield each coded document (its parse kept in
    `Document.parsed`). `doc_ids`: code only these documents (say, the ones a gold file names)."""
    config = config or Config()
    pipeline = build_pipeline(config)
    documents = (
        item for item in iter_inputs(paths, config)
        if isinstance(item, Document) and (doc_ids is None or item.doc_id in doc_ids)
    )
    for batch in batches(documents, config.batch_size):
        for result in code_batch(pipeline, batch):
            if isinstance(result, Document):
                yield result


def linked_mentions(docs: Iterable[Document]) -> list[dict[str, Any]]:
    """The documents' interchange mention dicts, linked across documents into events."""
    mentions = [mention for doc in docs for mention in mentions_of(doc)]
    assignments, _ = link(mentions)
    for mention in mentions:
        mention["event_id"] = assignments.get(mention["mention_id"], mention["event_id"])
    return mentions


def code_paths(
    paths: Iterable[str | Path], config: Config | None = None, doc_ids: Collection[str] | None = None
) -> list[dict[str, Any]]:
    """Code inputs in memory, without a store: interchange mention dicts with linked event ids.
    `doc_ids`: code only these documents (say, the ones a gold file names in a large corpus)."""
    return linked_mentions(coded_documents(paths, config, doc_ids))


def trace_gold(gold: list[GoldRow], paths: Iterable[str | Path], config: Config | None = None) -> tuple[EvalReport, list[Loss]]:
    """Code the gold's documents, score them, and trace each loss to where it happened
    (`comity.loss_trace`)."""
    from comity.eval import evaluate
    from comity.loss_trace import trace_losses

    docs = list(coded_documents(paths, config, doc_ids={row.doc_id for row in gold}))
    mentions = linked_mentions(docs)
    report = evaluate(gold, mentions)
    return report, trace_losses(gold, docs, mentions, report)


def show(doc_id: str, db: str | Path = DEFAULT_DB) -> Document:
    with Store(db, read_only=True) as store:
        return store.document(doc_id)


def document_mentions(doc_id: str, db: str | Path = DEFAULT_DB) -> list[dict[str, Any]]:
    with Store(db, read_only=True) as store:
        return store.mention_records(doc_id)


def event_records(db: str | Path = DEFAULT_DB) -> list[dict[str, Any]]:
    """Every stored event as its interchange record (events.jsonl lines)."""
    with Store(db, read_only=True) as store:
        return store.event_records()


def events(db: str | Path = DEFAULT_DB) -> pandas.DataFrame:
    """Every stored event as one flat row (the columns of `comity export --format csv`), codes as text."""
    from comity.export import events_frame

    return events_frame(event_records(db))


def documents(db: str | Path = DEFAULT_DB) -> pandas.DataFrame:
    """Every stored document's metadata with its number of event mentions, one row each."""
    import pandas as pd

    with Store(db, read_only=True) as store:
        return pd.DataFrame(store.document_summaries(), columns=DOCUMENT_COLUMNS)


DOCUMENT_COLUMNS = ["doc_id", "title", "outlet", "published", "published_precision", "origin", "mentions"]
FAILED_INPUT_COLUMNS = ["origin", "doc_id", "problem_code", "message", "run_id", "started_at"]


def failed_inputs(db: str | Path = DEFAULT_DB) -> pandas.DataFrame:
    """The inputs whose latest run failed them, with their reasons, one row each."""
    import pandas as pd

    with Store(db, read_only=True) as store:
        return pd.DataFrame(store.failed_inputs(), columns=FAILED_INPUT_COLUMNS)


def document_to_dict(doc: Document, mentions: list[dict[str, Any]]) -> dict[str, Any]:
    from dataclasses import asdict

    return {
        "doc_id": doc.doc_id, "origin": doc.origin, "input_format": doc.input_format,
        "content_hash": doc.content_hash, "meta": asdict(doc.meta),
        "problems": [asdict(p) for p in doc.problems],
        "sections": [
            {"kind": str(s.kind), "start": s.span.start, "end": s.span.end, "reason": s.reason,
             "repeat_of": asdict(s.repeat_of) if s.repeat_of else None, "text": s.span.text(doc.text)}
            for s in doc.sections
        ],
        "mentions": mentions,
    }


def actor_profiles(name: str, config: Config | None = None, limit: int = 10) -> list[dict[str, Any]]:
    """Actors matching `name`, each with its variants and dated roles (for `comity actor`)."""
    from comity.knowledge.actors import ActorKnowledge

    config = config or Config()
    knowledge = ActorKnowledge.load(
        extra_actor_files=[Path(p) for p in config.actor_files],
        extra_agent_files=[Path(p) for p in config.agent_files],
    )
    profiles = []
    for actor in knowledge.search(name)[:limit]:
        profiles.append({
            "actor_id": actor.actor_id, "name": actor.name, "kind": actor.kind,
            "country": actor.country, "code": actor.code,
            "variants": knowledge.variants(actor.actor_id),
            "roles": [
                {"title": r.title, "code": r.code, "start": r.start.isoformat() if r.start else None,
                 "end": r.end.isoformat() if r.end else None}
                for r in knowledge.roles(actor.actor_id)
            ],
        })
    return profiles


def unresolved_actors(db: str | Path = DEFAULT_DB, limit: int = 50) -> list[dict[str, Any]]:
    """Names the coder found but could not resolve, most frequent first: what to add to the dictionaries."""
    with Store(db, read_only=True) as store:
        return store.unresolved_actor_names(limit)


def export(out: str | Path | BinaryIO, format: str = "jsonl", what: str = "events",
           db: str | Path = DEFAULT_DB) -> pandas.DataFrame:
    """Write the store's events or mentions to a file or binary stream; returns the table written.

    Formats: "jsonl" (the interchange format), "csv" (flat, for R and
    spreadsheets), "parquet" (flat), "gdelt" (GDELT 2.0 events or mentions
    layout, tab-separated, see docs/gdelt.md), "plover" (PLOVER records, JSON Lines).
    `read_export` reads any of them back with the right types.
    """
    from comity.export import write_export

    with Store(db, read_only=True) as store:
        return write_export(store, Path(out) if isinstance(out, str | Path) else out, format, what)


def read_export(path: str | Path | BinaryIO, format: str = "csv", what: str = "events") -> pandas.DataFrame:
    """Read a file written by `export` into a correctly typed DataFrame: CAMEO codes, ids and dates as
    text ("042", not 42), lists as lists (Parquet), a formula-neutralising apostrophe taken off (CSV)."""
    from comity.export import read_export as read

    return read(path, format, what)


def dyad(a: str, b: str, by: str = "month", db: str | Path = DEFAULT_DB) -> pandas.DataFrame:
    """Per period, the events between a and b (countries or actor codes, both directions) by QuadClass and Goldstein."""
    from comity.analysis import dyad_series

    with Store(db, read_only=True) as store:
        return dyad_series(store, a, b, by)


def dyad_events(a: str, b: str, db: str | Path = DEFAULT_DB) -> pandas.DataFrame:
    """The events between a and b, one row each, with the evidence of one mention."""
    from comity.analysis import dyad_events as events_of_dyad

    with Store(db, read_only=True) as store:
        return events_of_dyad(store, a, b)


def dyad_plot(a: str, b: str, path: str | Path, by: str = "month", db: str | Path = DEFAULT_DB) -> Path:
    """Draw the dyad's timeline into a PNG or SVG file; returns its path."""
    from comity.analysis import save_figure, timeline_figure

    series = dyad(a, b, by, db)
    title = f"{a.upper()} – {b.upper()}: linked events per {by}"
    save_figure(timeline_figure(series, title), str(path))
    return Path(path)


def sources(db: str | Path = DEFAULT_DB) -> pandas.DataFrame:
    """Per outlet and dyad: how many events it reports and the mean Goldstein of its reports."""
    from comity.analysis import sources_table

    with Store(db, read_only=True) as store:
        return sources_table(store)
