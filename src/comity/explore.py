"""Exploring a store: search events, one event with its evidence, an article with its mentions
marked, an actor with its counterparts. Read-only; what the web app and its JSON API show.

Every filter value reaches DuckDB as a bound parameter, never as SQL text, and page sizes are
capped at `MAX_PAGE_SIZE`. An actor is named by a key that matches a side of an event when it
equals that side's actor id ("person:kim-jong-un"), code ("PRKGOV") or country ("PRK").
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from comity.errors import NotFoundError
from comity.model import CODED_SECTIONS, Document
from comity.store import Store

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 25

#: The events with the columns filters compare (kept beside each record, store/schema.py).
_EVENTS = """
WITH ev AS (
    SELECT event_id, record, cameo, root, quad_class, goldstein, date, source_actor, source_code,
        source_country, target_actor, target_code, target_country
    FROM events)
"""
_SOURCE_IS = "? IN (source_actor, source_code, source_country)"
_TARGET_IS = "? IN (target_actor, target_code, target_country)"


@dataclass(slots=True, frozen=True)
class EventQuery:
    """Filters of an event search; every one is optional and they combine with AND."""

    actor: str | None = None  # an actor key, on either side
    country: str | None = None  # ISO 3166-1 alpha-3, on either side
    dyad: tuple[str, str] | None = None  # two actor keys, one on each side, either direction
    root: str | None = None  # CAMEO root: "04"
    quad_class: int | None = None  # 1 verbal cooperation … 4 material conflict
    date_from: str | None = None  # ISO date or prefix: "2018", "2018-06", "2018-06-12"
    date_to: str | None = None
    outlet: str | None = None  # an outlet of at least one mention
    words: str | None = None  # words in the evidence of at least one mention
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE

    @property
    def limit(self) -> int:
        return max(1, min(self.page_size, MAX_PAGE_SIZE))

    @property
    def offset(self) -> int:
        return (max(self.page, 1) - 1) * self.limit


@dataclass(slots=True)
class ListPage:
    """One page of a list, and where it stands in the whole list."""

    items: list[dict[str, Any]]
    total: int
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))

    def as_dict(self, name: str) -> dict[str, Any]:
        return {name: self.items, "total": self.total, "page": self.page, "page_size": self.page_size,
                "pages": self.pages}


class EventPage(ListPage):
    __slots__ = ()

    @property
    def events(self) -> list[dict[str, Any]]:
        return self.items

    def to_dict(self) -> dict[str, Any]:
        return self.as_dict("events")


class DocumentPage(ListPage):
    """Items: doc_id, title, outlet, published, published_precision, origin, mentions."""

    __slots__ = ()

    @property
    def documents(self) -> list[dict[str, Any]]:
        return self.items

    def to_dict(self) -> dict[str, Any]:
        return self.as_dict("documents")


def documents_page(store: Store, page: int = 1, page_size: int = DEFAULT_PAGE_SIZE,
                   total: int | None = None) -> DocumentPage:
    """One page of the stored documents, by id, each with its number of event mentions.
    `total`: the number of documents, when the caller knows it already."""
    query = EventQuery(page=page, page_size=page_size)
    rows = store.document_summaries(limit=query.limit, offset=query.offset)
    return DocumentPage(rows, store.document_count() if total is None else total, max(page, 1), query.limit)


@dataclass(slots=True, frozen=True)
class Piece:
    """A stretch of text and the mentions whose evidence covers it (none: plain text)."""

    text: str
    start: int
    mention_ids: tuple[str, ...] = ()
    opens: tuple[str, ...] = ()  # mentions whose evidence begins here


@dataclass(slots=True)
class SectionView:
    kind: str
    coded: bool
    reason: str
    start: int
    end: int
    pieces: list[Piece]


@dataclass(slots=True)
class MentionView:
    record: dict[str, Any]
    document: dict[str, Any]  # doc_id, title, outlet, published, url
    section: SectionView  # the section holding the evidence, evidence marked


@dataclass(slots=True)
class EventView:
    event: dict[str, Any]
    mentions: list[MentionView]  # one page of them
    total: int  # mentions of the event, on every page
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    date_basis: str | None = None  # how the event's date was found: the basis of a mention with that date

    @property
    def pages(self) -> int:
        return ListPage([], self.total, self.page, self.page_size).pages

    @property
    def outlets(self) -> list[str]:
        return list(self.event.get("outlets") or sorted({m.document["outlet"] for m in self.mentions
                                                         if m.document["outlet"]}))

    def to_dict(self) -> dict[str, Any]:
        return {"event": self.event, "outlets": self.outlets, "date_basis": self.date_basis,
                "mentions": [{**m.record, "document": m.document} for m in self.mentions],
                "total": self.total, "page": self.page, "page_size": self.page_size, "pages": self.pages}


@dataclass(slots=True)
class ArticleView:
    document: Document
    sections: list[SectionView]
    mentions: list[dict[str, Any]]
    linked_events: set[str] = field(default_factory=set)  # the mentions' event ids that exist as events

    @property
    def event_of(self) -> dict[str, str]:
        """mention_id -> event_id, for the mentions counted in an event."""
        return {m["mention_id"]: m["event_id"] for m in self.mentions if m.get("event_id") in self.linked_events}


@dataclass(slots=True)
class Counterpart:
    key: str
    name: str
    events: int


@dataclass(slots=True)
class ActorView:
    key: str
    profile: dict[str, Any] | None  # knowledge: name, kind, variants, dated roles (None: unknown key)
    names_seen: list[tuple[str, int]]  # how articles named it, most frequent first
    counterparts: list[Counterpart]
    events: EventPage

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "profile": self.profile,
                "names_seen": [{"name": n, "mentions": c} for n, c in self.names_seen],
                "counterparts": [{"key": c.key, "name": c.name, "events": c.events} for c in self.counterparts],
                "events": self.events.to_dict()}


# ------------------------------------------------------------------ search


def _conditions(query: EventQuery) -> tuple[list[str], list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if query.actor:
        clauses.append(f"({_SOURCE_IS} OR {_TARGET_IS})")
        params += [query.actor, query.actor]
    if query.country:
        clauses.append("(source_country = ? OR target_country = ?)")
        params += [query.country, query.country]
    if query.dyad:
        a, b = query.dyad
        clauses.append(f"(({_SOURCE_IS} AND {_TARGET_IS}) OR ({_SOURCE_IS} AND {_TARGET_IS}))")
        params += [a, b, b, a]
    if query.root:
        clauses.append("root = ?")
        params.append(query.root)
    if query.quad_class is not None:
        clauses.append("quad_class = ?")
        params.append(query.quad_class)
    if query.date_from:
        clauses.append("left(date, length(?)) >= ?")
        params += [query.date_from, query.date_from]
    if query.date_to:
        clauses.append("left(date, length(?)) <= ?")
        params += [query.date_to, query.date_to]
    if query.outlet:
        clauses.append("EXISTS (SELECT 1 FROM mentions m WHERE m.event_id = ev.event_id AND m.outlet = ?)")
        params.append(query.outlet)
    if query.words:
        clauses.append(
            "EXISTS (SELECT 1 FROM mentions m WHERE m.event_id = ev.event_id "
            "AND contains(lower(m.record->>'$.evidence.text'), lower(?)))"
        )
        params.append(query.words.strip())
    return clauses, params


def search_events(store: Store, query: EventQuery) -> EventPage:
    """Events matching every filter of `query`, oldest first (undated last), one page of them."""
    clauses, params = _conditions(query)
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    total = store.con.execute(f"{_EVENTS} SELECT count(*) FROM ev {where}", params).fetchone()[0]
    events = _page_of_records(store, f"{_EVENTS} SELECT event_id, date FROM ev {where}", params, query)
    return EventPage(with_evidence(store, events), total, max(query.page, 1), query.limit)


def _page_of_records(store: Store, chosen_sql: str, params: list[Any], query: EventQuery) -> list[dict[str, Any]]:
    """The records of one page of the events `chosen_sql` selects (event_id, date), oldest first.
    Only the page's records are read and parsed: the sort runs on ids and dates alone."""
    rows = store.con.execute(
        f"WITH chosen AS ({chosen_sql} ORDER BY date NULLS LAST, event_id LIMIT ? OFFSET ?) "
        "SELECT e.record FROM chosen JOIN events e USING (event_id) ORDER BY chosen.date NULLS LAST, event_id",
        [*params, query.limit, query.offset],
    ).fetchall()
    return [json.loads(r[0]) for r in rows]


def with_evidence(store: Store, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The events, each with `evidence`: the text and document of its representative mention's
    evidence, as the event record holds it, or of its first mention for a record without one."""
    ids = [e["event_id"] for e in events if not (e.get("evidence") or {}).get("text")]
    if not ids:
        return events
    rows = store.con.execute(
        "SELECT event_id, min_by(doc_id, mention_id), min_by(record->>'$.evidence.text', mention_id) "
        "FROM mentions WHERE event_id IN (SELECT unnest(?)) GROUP BY event_id",
        [ids],
    ).fetchall()
    found = {event_id: {"doc_id": doc_id, "text": text} for event_id, doc_id, text in rows}
    return [e if e["event_id"] not in found else {**e, "evidence": found[e["event_id"]]} for e in events]


def outlets(store: Store) -> list[str]:
    rows = store.con.execute("SELECT DISTINCT outlet FROM mentions WHERE outlet IS NOT NULL ORDER BY outlet")
    return [r[0] for r in rows.fetchall()]


def country_keys(store: Store) -> list[tuple[str, str]]:
    """Every country on a side of a stored event, with its name: (key, label). Bounded by the
    number of countries, whatever the store's size."""
    rows = store.con.execute(
        "SELECT DISTINCT key FROM (SELECT source_country AS key FROM events UNION ALL "
        "SELECT target_country FROM events) WHERE key IS NOT NULL ORDER BY key"
    ).fetchall()
    return [(key, display_name(key)) for (key,) in rows]


def display_name(key: str, fallback: str | None = None) -> str:
    """The canonical name of an actor key in the actor knowledge, else `fallback` or the key."""
    from comity.knowledge.actors import ActorKnowledge

    knowledge = ActorKnowledge.default()
    for actor_id in (key, f"state:{key}"):
        if actor_id in knowledge:
            return knowledge.actor(actor_id).name
    return fallback or key


def top_dyads(store: Store, limit: int = 12) -> list[dict[str, Any]]:
    """Pairs of countries with the most events between them, either direction."""
    cursor = store.con.execute(
        f"{_EVENTS} SELECT least(source_country, target_country) AS a, "
        "greatest(source_country, target_country) AS b, count(*) AS events, avg(goldstein) AS goldstein_mean "
        "FROM ev WHERE source_country IS NOT NULL AND target_country IS NOT NULL "
        "AND source_country <> target_country GROUP BY a, b ORDER BY events DESC, a, b LIMIT ?",
        [limit],
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


# ------------------------------------------------------------------ marking evidence


def marked_pieces(text: str, start: int, end: int, marks: list[tuple[str, int, int]]) -> list[Piece]:
    """Cut text[start:end] at every edge of the marked spans (mention_id, start, end) that fall
    inside it; each piece lists the mentions covering it. Overlapping evidence is allowed."""
    inside = [(mid, max(s, start), min(e, end)) for mid, s, e in marks if s < end and e > start and s < e]
    edges = sorted({start, end, *(s for _, s, _ in inside), *(e for _, _, e in inside)})
    pieces = []
    for left, right in zip(edges, edges[1:]):
        covering = tuple(mid for mid, s, e in inside if s <= left and right <= e)
        opens = tuple(mid for mid, s, _ in inside if s == left)
        pieces.append(Piece(text[left:right], left, covering, opens))
    return pieces


def _evidence_marks(mentions: list[dict[str, Any]]) -> list[tuple[str, int, int]]:
    return [(m["mention_id"], m["evidence"]["start"], m["evidence"]["end"]) for m in mentions]


def _section_views(doc: Document, marks: list[tuple[str, int, int]]) -> list[SectionView]:
    views = []
    for section in doc.sections:
        coded = section.kind in CODED_SECTIONS
        start, end = section.span.start, section.span.end
        pieces = marked_pieces(doc.text, start, end, marks if coded else [])
        views.append(SectionView(str(section.kind), coded, section.reason, start, end, pieces))
    return views


def _document_summary(doc: Document) -> dict[str, Any]:
    meta = doc.meta
    return {
        "doc_id": doc.doc_id,
        "title": meta.title.value if meta.title else None,
        "outlet": meta.outlet.value if meta.outlet else None,
        "published": meta.published.value if meta.published else None,
        "url": meta.url.value if meta.url else None,
    }


# ------------------------------------------------------------------ one event, one article, one actor


def event_record(store: Store, event_id: str) -> dict[str, Any]:
    row = store.con.execute("SELECT record FROM events WHERE event_id = ?", [event_id]).fetchone()
    if row is None:
        raise NotFoundError(f"no event {event_id!r} in {store.path}; search the events to find one")
    return json.loads(row[0])


def event_view(store: Store, event_id: str, page: int = 1, page_size: int = DEFAULT_PAGE_SIZE) -> EventView:
    """An event with one page of its mentions, each shown in the section of its article that holds it."""
    event = event_record(store, event_id)
    query = EventQuery(page=page, page_size=page_size)
    # One plain filter on event_id, sorted and paged here: DuckDB answers such a filter at once, but an
    # ORDER BY, IN or aggregate over it scans every mention. Only the page's records are parsed.
    rows = sorted(store.con.execute(
        "SELECT doc_id, evidence_start, mention_id, date, record FROM mentions WHERE event_id = ?", [event_id]
    ).fetchall())
    page_rows = rows[query.offset : query.offset + query.limit]
    dated = min((r for r in rows if event.get("date") and r[3] == event["date"]), key=lambda r: r[2], default=None)
    basis = json.loads(dated[4]).get("date_basis") if dated else None
    documents: dict[str, Document] = {}
    mentions = []
    for record in (json.loads(r[4]) for r in page_rows):
        if record["doc_id"] not in documents:
            documents[record["doc_id"]] = store.document(record["doc_id"])
        doc = documents[record["doc_id"]]
        mentions.append(MentionView(record, _document_summary(doc), _holding_section(doc, record)))
    return EventView(event, mentions, len(rows), max(page, 1), query.limit, basis)


def _holding_section(doc: Document, mention: dict[str, Any]) -> SectionView:
    start, end = mention["evidence"]["start"], mention["evidence"]["end"]
    section = doc.section_at(start)
    kind, reason = (str(section.kind), section.reason) if section else ("body", "")
    left, right = (section.span.start, max(section.span.end, end)) if section else (start, end)
    pieces = marked_pieces(doc.text, left, right, [(mention["mention_id"], start, end)])
    return SectionView(kind, kind in CODED_SECTIONS, reason, left, right, pieces)


def article_view(store: Store, doc_id: str) -> ArticleView:
    """An article as published, section by section, the evidence of its mentions marked."""
    doc = store.document(doc_id)
    mentions = store.mention_records(doc_id)
    linked = {m["event_id"] for m in mentions if m["event_counted"]}
    return ArticleView(doc, _section_views(doc, _evidence_marks(mentions)), mentions, linked)


def actor_view(store: Store, key: str, page: int = 1, page_size: int = DEFAULT_PAGE_SIZE) -> ActorView:
    """An actor: who it is (from the actor knowledge), how articles named it, whom it dealt with."""
    profile = _profile(key)
    events = search_events(store, EventQuery(actor=key, page=page, page_size=page_size))
    if profile is None and events.total == 0:
        raise NotFoundError(f"no actor {key!r} in the actor knowledge or in any stored event")
    return ActorView(key, profile, _names_seen(store, key), _counterparts(store, key), events)


def _profile(key: str) -> dict[str, Any] | None:
    from comity import api

    wanted = key if ":" in key else f"state:{key}"
    return next((p for p in api.actor_profiles(wanted) if p["actor_id"] == wanted), None)


def _names_seen(store: Store, key: str) -> list[tuple[str, int]]:
    rows = store.con.execute(
        "SELECT text, count(*) AS n FROM actor_mentions WHERE ? IN (actor_id, code, country) "
        "GROUP BY text ORDER BY n DESC, text LIMIT 30",
        [key],
    ).fetchall()
    return [(text, n) for text, n in rows]


def _counterparts(store: Store, key: str, limit: int = 30) -> list[Counterpart]:
    """Whom the actor dealt with, most events first: counted in SQL, so the cost is the actor's
    share of one column scan, not its events parsed one by one."""
    rows = store.con.execute(
        "WITH mine AS (SELECT record, ? IN (source_actor, source_code, source_country) AS is_source, "
        "coalesce(source_actor, source_code, source_country) AS source_key, "
        "coalesce(target_actor, target_code, target_country) AS target_key FROM events "
        f"WHERE {_SOURCE_IS} OR {_TARGET_IS}) "
        "SELECT CASE WHEN is_source THEN target_key ELSE source_key END AS other, "
        "any_value(CASE WHEN is_source THEN record->>'$.target.text' ELSE record->>'$.source.text' END), "
        "count(*) AS n FROM mine GROUP BY other HAVING other IS NOT NULL AND other <> ? "
        "ORDER BY n DESC, other LIMIT ?",
        [key, key, key, key, limit],
    ).fetchall()
    return [Counterpart(other, display_name(other, text), n) for other, text, n in rows]


# ------------------------------------------------------------------ a dyad


@dataclass(slots=True)
class DyadView:
    """What happened between a and b (country or code, either direction), as comity.analysis counts it."""

    a: str
    b: str
    by: str  # "month" | "year"
    series: list[dict[str, Any]]  # comity.analysis.SERIES_COLUMNS per period
    events: EventPage  # one page of the dyad's events, of `period` only when one is chosen
    period: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "by": self.by, "period": self.period,
                "series": self.series, "events": self.events.to_dict()}


def dyad_view(store: Store, a: str, b: str, by: str = "month", period: str | None = None,
              page: int = 1, page_size: int = DEFAULT_PAGE_SIZE,
              summary: tuple[Any, int] | None = None) -> DyadView:
    """The dyad's series and one page of its events. `summary`: the dyad's
    `analysis.dyad_series_and_undated`, when the caller has it already."""
    from comity import analysis

    series, undated = summary if summary is not None else analysis.dyad_series_and_undated(store, a, b, by=by)
    query = EventQuery(page=page, page_size=page_size)
    where, params = analysis.dyad_where(a, b, period, by)
    chosen = with_evidence(store, _page_of_records(store, f"SELECT event_id, date FROM events WHERE {where}",
                                                   params, query))
    # The series counts every dated event, so the total needs no query of its own.
    total = (int(series.loc[series["period"] == period, "events"].sum()) if period
             else int(series["events"].sum()) + undated)
    series = _records(series)
    return DyadView(a, b, by, series, EventPage(chosen, total, max(page, 1), query.limit), period)


def _records(frame: Any) -> list[dict[str, Any]]:
    """DataFrame rows as plain dicts, missing values as None (JSON has no NaN)."""
    return frame.astype(object).where(frame.notna(), None).to_dict(orient="records")
