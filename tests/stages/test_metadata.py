from pathlib import Path

import pytest

from comity.config import Config
from comity.ingest import document_from_text, iter_inputs
from comity.model import Document, Found, Metadata, Span
from comity.pipeline import Pipeline
from comity.stages.metadata import (
    MetadataStage,
    ParsedDate,
    load_outlets,
    metadata_spans,
    parse_date_text,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
BODY = "Officials from both sides met for three hours and agreed to keep talking next month, a spokesman said afterwards."


def run(text: str, meta: Metadata | None = None) -> Document:
    return MetadataStage()(document_from_text(text, "t", meta=meta))


def summary(found: Found | None) -> tuple:
    assert found is not None
    return found.value, found.precision, found.basis


# --- the five real samples -------------------------------------------------------------------

SEEDS = {
    "000_6306ea245946823a": (
        "DPRK-Cuba friendship grows firmer along the road of socialism",
        ("The Pyongyang Times", "text:copyright"),
        ("2023-08-29", "day", "text:date_line"),
    ),
    "001_c3e05d0195a6b050": (
        "DPRK-Cuba Relationship Remains Steadfast.",
        (None, "unknown"),
        (None, None, "unknown"),
    ),
    "002_11f08449810d1db8": (
        "The Great Friendship between Cuba and North Korea",
        ("Havana Times", "text:dateline"),
        (None, None, "unknown"),
    ),
    "003_c976adb472345a02": (
        "NK leader congratulates Cuban president on election as new ruling party chief",
        ("Yonhap News Agency", "text:byline"),
        ("2021-04-20T10:08", "minute", "text:byline"),
    ),
    "004_490d0d65b9a5abeb": (
        None,
        ("Korean Central News Agency", "text:dateline"),
        ("--03-24", "month-day", "text:dateline"),
    ),
}


@pytest.fixture(scope="module")
def seed_docs(seeds_dir: Path) -> dict[str, Document]:
    docs = [MetadataStage()(doc) for doc in iter_inputs([seeds_dir], Config())]
    return {doc.doc_id: doc for doc in docs}


@pytest.mark.parametrize("doc_id", sorted(SEEDS))
def test_seed_title_outlet_and_publication_date(seed_docs, doc_id):
    title, outlet, published = SEEDS[doc_id]
    meta = seed_docs[doc_id].meta
    assert meta.title.value == title
    assert (meta.outlet.value, meta.outlet.basis) == outlet
    assert summary(meta.published) == published


def test_seed_spans_point_at_the_lines_they_came_from(seed_docs):
    text_003 = seed_docs["003_c976adb472345a02"].text
    meta_003 = seed_docs["003_c976adb472345a02"].meta
    assert metadata_spans(meta_003)["byline"].text(text_003) == "By YonhapPublished : April 20, 2021 - 10:08"
    assert meta_003.published.span.text(text_003) == "April 20, 2021 - 10:08"
    assert meta_003.title.span.text(text_003) == meta_003.title.value

    doc_004 = seed_docs["004_490d0d65b9a5abeb"]
    assert metadata_spans(doc_004.meta)["dateline"].text(doc_004.text) == "Pyongyang, March 24 (KCNA) -- "
    assert doc_004.meta.extra["dateline_place"].value == "Pyongyang"

    doc_000 = seed_docs["000_6306ea245946823a"]
    assert metadata_spans(doc_000.meta)["date_line"].text(doc_000.text) == "August 29, 2023"
    assert doc_000.meta.outlet.span.text(doc_000.text) == "www.pyongyangtimes.com.kp"


def test_seed_navigation_dates_far_below_never_date_the_article(seed_docs):
    # 004 ends with a list of other KCNA stories dated "January 22, 2025".
    doc = seed_docs["004_490d0d65b9a5abeb"]
    assert "January 22, 2025" in doc.text
    assert "2025" not in doc.meta.published.value


# --- datelines -------------------------------------------------------------------------------


def test_yonhap_dateline_gives_month_day_and_outlet():
    doc = run(f"Talks resume\n\nSEOUL, Dec. 30 (Yonhap) -- {BODY}\n")
    assert summary(doc.meta.published) == ("--12-30", "month-day", "text:dateline")
    assert doc.meta.outlet.value == "Yonhap News Agency"
    assert doc.meta.extra["dateline_place"].value == "SEOUL"


def test_reuters_dateline_with_single_hyphen():
    doc = run(f"Trade envoys meet\n\nBEIJING, Jan 5 (Reuters) - {BODY}\n")
    assert summary(doc.meta.published) == ("--01-05", "month-day", "text:dateline")
    assert (doc.meta.outlet.value, doc.meta.outlet.basis) == ("Reuters", "text:dateline")


@pytest.mark.parametrize(
    ("lead", "place", "region", "outlet", "published"),
    [
        ("KYIV, Ukraine (AP) —", "KYIV", "Ukraine", "Associated Press", None),
        ("GENEVA/PARIS, Jan 5 (Reuters) -", "GENEVA/PARIS", None, "Reuters", "--01-05"),
        ("TOKYO, 5 January (Kyodo) --", "TOKYO", None, "Kyodo News", "--01-05"),
        ("(Reuters) -", None, None, "Reuters", None),
        ("CARACAS, March 3 —", "CARACAS", None, None, "--03-03"),
    ],
)
def test_dateline_forms(lead, place, region, outlet, published):
    doc = run(f"Talks resume\n\n{lead} {BODY}\n")
    assert metadata_spans(doc.meta)["dateline"].text(doc.text).strip() == lead
    extra = doc.meta.extra
    assert (extra["dateline_place"].value if "dateline_place" in extra else None) == place
    assert (extra["dateline_region"].value if "dateline_region" in extra else None) == region
    assert (doc.meta.outlet.value, doc.meta.published.value) == (outlet, published)


def test_names_separated_by_commas_before_a_dash_are_no_dateline():
    doc = run(f"Talks resume\n\nKim, Castro and Diaz-Canel - three names in a row that open a long sentence here. {BODY}\n")
    assert "dateline_span" not in doc.meta.extra


def test_dateline_with_year_gives_a_full_day():
    doc = run(f"Trade envoys meet\n\nBEIJING, Jan 5, 2024 (Reuters) - {BODY}\n")
    assert summary(doc.meta.published) == ("2024-01-05", "day", "text:dateline")


def test_ap_dateline_without_date():
    doc = run(f"Ministers hold call\n\nMOSCOW (AP) — {BODY}\n")
    assert (doc.meta.outlet.value, doc.meta.outlet.span.text(doc.text)) == ("Associated Press", "AP")
    assert summary(doc.meta.published) == (None, None, "unknown")


def test_afp_dateline_and_unknown_agency_kept_as_written():
    assert run(f"NAIROBI (AFP) - {BODY}").meta.outlet.value == "Agence France-Presse"
    assert run(f"NAIROBI (Savanna Wire) - {BODY}").meta.outlet.value == "Savanna Wire"


def test_capitals_lead_is_an_outlet_only_when_it_names_one():
    assert run(f"HAVANA TIMES – {BODY}").meta.outlet.value == "Havana Times"
    assert run(f"LAKESIDE HERALD — {BODY}").meta.outlet.value == "Lakeside Herald"
    place_only = run(f"KYIV — {BODY}")
    assert place_only.meta.outlet.value is None
    assert place_only.meta.extra["dateline_place"].value == "KYIV"


def test_dateline_is_looked_for_only_at_the_start_of_the_first_paragraph():
    text = f"Talks resume\n\n{BODY}\n\nSEOUL, Dec. 30 (Yonhap) -- A later paragraph quoting another report.\n"
    doc = run(text)
    assert doc.meta.published.value is None and doc.meta.outlet.value is None


def test_sentence_with_a_hyphenated_name_is_no_dateline():
    doc = run(f"Water deal\n\nUS-China talks - held on Monday - ended early. {BODY}\n")
    assert doc.meta.outlet.value is None and "dateline_span" not in doc.meta.extra


# --- date lines and bylines ------------------------------------------------------------------


def test_date_line_under_the_headline():
    doc = run(f"Border reopens\n\nTuesday, March 5, 2024\n\n{BODY}\n")
    assert summary(doc.meta.published) == ("2024-03-05", "day", "text:date_line")
    assert doc.meta.title.value == "Border reopens"


def test_byline_with_publication_stamp_and_outlet():
    doc = run(f"Envoys talk\nBy Yonhap Published : May 2, 2022 - 21:45\n{BODY}\n")
    assert summary(doc.meta.published) == ("2022-05-02T21:45", "minute", "text:byline")
    assert (doc.meta.outlet.value, doc.meta.outlet.basis) == ("Yonhap News Agency", "text:byline")


def test_byline_with_a_separator_and_an_unknown_outlet():
    doc = run(f"Border reopens\nBy Valley Wire | Published: May 2, 2024 - 09:15\n{BODY}\n")
    assert summary(doc.meta.published) == ("2024-05-02T09:15", "minute", "text:byline")
    assert (doc.meta.outlet.value, doc.meta.outlet.basis) == ("Valley Wire", "text:byline")


def test_byline_naming_people_gives_an_author_not_an_outlet():
    doc = run(f"Envoys talk\nBy Mara Quill and Tomas Reyes, Reuters\n{BODY}\n")
    assert doc.meta.outlet.value == "Reuters"
    person = run(f"Envoys talk\nBy Mara Quill\n{BODY}\n")
    assert person.meta.outlet.value is None
    assert person.meta.extra["author"].value == "Mara Quill"


def test_sentence_starting_with_by_is_not_a_byline():
    doc = run(f"Targets set\n\nBy 2030 the two states plan to double trade across the border.\n\n{BODY}\n")
    assert "byline_span" not in doc.meta.extra and "author" not in doc.meta.extra


def test_byline_time_is_preferred_to_a_coarser_date_line():
    doc = run(f"Envoys talk\nMay 2, 2022\nPosted: May 2, 2022 9:05 pm KST\n{BODY}\n")
    assert summary(doc.meta.published) == ("2022-05-02T21:05", "minute", "text:byline")


# --- footers ---------------------------------------------------------------------------------


def test_copyright_year_is_not_a_publication_date():
    doc = run(f"Envoys talk\n\n{BODY}\n\n© 2024 Example Media Group. All rights reserved.\n")
    assert doc.meta.published.value is None
    assert (doc.meta.outlet.value, doc.meta.outlet.basis) == ("Example Media Group", "text:copyright")


def test_copyright_without_a_holder_names_no_outlet():
    doc = run(f"Envoys talk\n\n{BODY}\n\nCopyright © 2023 All rights reserved.\n")
    assert doc.meta.outlet.value is None and doc.meta.published.value is None


def test_short_capitals_headline_with_a_dash_stays_a_headline():
    doc = run(f"BORDER TALKS — A NEW ROUND\n\n{BODY}\n")
    assert doc.meta.title.value == "BORDER TALKS — A NEW ROUND"
    assert "dateline_span" not in doc.meta.extra


def test_copyright_domain_is_named_from_the_outlet_list_or_kept():
    known = run(f"Envoys talk\n\n{BODY}\n\nCopyright 2019 havanatimes.org\n")
    assert known.meta.outlet.value == "Havana Times"
    unknown = run(f"Envoys talk\n\n{BODY}\n\n(c) 2019 www.valley-news.example\n")
    assert unknown.meta.outlet.value == "valley-news.example"


def test_signoff_of_a_known_agency_names_the_outlet_unknown_ones_do_not():
    assert run(f"Envoys talk\n\n{BODY} (Yonhap)\n").meta.outlet.value == "Yonhap News Agency"
    assert run(f"Envoys talk\n\n{BODY} (END)\n").meta.outlet.value is None


def test_dates_in_the_middle_of_a_long_text_are_ignored():
    middle = "\n\n".join(f"Paragraph {n}. {BODY}" for n in range(12))
    doc = run(f"Envoys talk\n\n{BODY}\n\nJune 1, 2020\n\n{middle}\n")
    assert doc.meta.published.value is None


# --- given values win ------------------------------------------------------------------------


def test_given_values_are_kept_and_missing_ones_found():
    meta = Metadata(outlet=Found("Coast Wire", "jsonl"), published=Found("2020-01-02", "jsonl", precision="day"))
    doc = run(f"Talks resume\n\nSEOUL, Dec. 30 (Yonhap) -- {BODY}\n", meta)
    assert summary(doc.meta.published) == ("2020-01-02", "day", "jsonl")
    assert (doc.meta.outlet.value, doc.meta.outlet.basis) == ("Coast Wire", "jsonl")
    assert (doc.meta.title.value, doc.meta.title.basis) == ("Talks resume", "text:headline")
    assert "dateline_span" in doc.meta.extra  # still marked for the segment stage


def test_jsonl_fields_override_the_text(tmp_path):
    line = '{"text": "Talks resume\\n\\nSEOUL, Dec. 30 (Yonhap) -- Body.", "published": "2019-12-30", "title": "Given"}'
    (tmp_path / "feed.jsonl").write_text(line + "\n", encoding="utf-8")
    (doc,) = [MetadataStage()(d) for d in iter_inputs([tmp_path], Config())]
    assert summary(doc.meta.published) == ("2019-12-30", "day", "jsonl")
    assert (doc.meta.title.value, doc.meta.outlet.value) == ("Given", "Yonhap News Agency")


def test_sidecar_values_override_the_text():
    (doc,) = [MetadataStage()(d) for d in iter_inputs([FIXTURES / "dam-dispute.txt"], Config())]
    assert (doc.meta.outlet.value, doc.meta.outlet.basis) == ("Valley Gazette", "sidecar")
    assert (doc.meta.title.value, doc.meta.title.basis) == ("Dam dispute goes to mediators", "text:headline")


def test_front_matter_is_skipped_and_a_matching_given_title_gets_its_span():
    (doc,) = [MetadataStage()(d) for d in iter_inputs([FIXTURES / "river-summit.md"], Config())]
    assert doc.meta.title.basis == "front_matter"
    assert doc.meta.title.span.text(doc.text) == "Leaders meet at the river summit"
    assert doc.meta.title.span.start > doc.meta.extra["front_matter_span"].end
    assert doc.meta.extra["dateline_place"].value == "RIVERTON"
    assert set(metadata_spans(doc.meta)) == {"front_matter", "dateline"}


# --- the stage ---------------------------------------------------------------------------------


def test_stage_contract_and_idempotence():
    stage = MetadataStage()
    assert Pipeline([stage]).names == ["metadata"]
    doc = run(f"Talks resume\n\nSEOUL, Dec. 30 (Yonhap) -- {BODY}\n")
    before = (doc.meta.title, doc.meta.published, doc.meta.outlet, dict(doc.meta.extra))
    stage(doc)
    assert (doc.meta.title, doc.meta.published, doc.meta.outlet, doc.meta.extra) == before


def test_windows_line_ends_give_the_same_findings_and_exact_spans():
    text = f"Envoys talk\r\nBy Yonhap Published : May 2, 2022 - 21:45\r\n\r\n{BODY}\r\n\r\n© 2022 yna.co.kr\r\n"
    doc = run(text)
    assert summary(doc.meta.published) == ("2022-05-02T21:45", "minute", "text:byline")
    assert doc.meta.title.span.text(text) == "Envoys talk"
    assert metadata_spans(doc.meta)["byline"].text(text) == "By Yonhap Published : May 2, 2022 - 21:45"
    assert metadata_spans(doc.meta)["copyright"].text(text) == "© 2022 yna.co.kr"


def test_one_line_text_has_no_headline():
    assert run(BODY).meta.title.value is None


def test_markdown_heading_mark_is_not_part_of_the_title():
    doc = run(f"## Talks resume\n\n{BODY}\n")
    assert doc.meta.title.value == "Talks resume" and doc.meta.title.span == Span(3, 15)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("August 29, 2023", ParsedDate("2023-08-29", "day")),
        ("29 August 2023", ParsedDate("2023-08-29", "day")),
        ("Aug. 29, 2023", ParsedDate("2023-08-29", "day")),
        ("Sept. 5", ParsedDate("--09-05", "month-day")),
        ("Feb 29", ParsedDate("--02-29", "month-day")),
        ("March 2021", ParsedDate("2021-03", "month")),
        ("2023-08-29", ParsedDate("2023-08-29", "day")),
        ("April 20, 2021 - 10:08", ParsedDate("2021-04-20T10:08", "minute")),
        ("Monday, April 19, 2021 at 9:05 p.m.", ParsedDate("2021-04-19T21:05", "minute")),
        ("2021-04-20 10:08:05", ParsedDate("2021-04-20T10:08:05", "second")),
        ("February 30, 2021", None),
        ("Feb 30", None),
        ("August 29 is the anniversary", None),
        ("2023", None),
        ("Monday", None),
    ],
)
def test_parse_date_text(text, expected):
    assert parse_date_text(text) == expected


def test_outlet_directory_names_aliases_and_subdomains():
    outlets = load_outlets()
    assert outlets.named("kcna") == "Korean Central News Agency"
    assert outlets.named("The Korea Herald") == outlets.named("Korea Herald") == "The Korea Herald"
    assert outlets.by_domain("en.yna.co.kr") == "Yonhap News Agency"
    assert outlets.by_domain("unknown.example") is None
