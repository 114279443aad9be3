from __future__ import annotations

import random
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from comity.errors import KnowledgeError
from comity.model import Document, Found, Metadata, Section, SectionKind, Span
from comity.pipeline import Pipeline
from comity.stages.segment import DEFAULT_CUES_PATH, SegmentStage

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "segment"

HEADLINE, BODY, COMMENT = SectionKind.HEADLINE, SectionKind.BODY, SectionKind.COMMENT
BOILERPLATE, CAPTION = SectionKind.BOILERPLATE, SectionKind.CAPTION
METADATA, REPEAT = SectionKind.METADATA, SectionKind.REPEAT


def segmented(text: str, meta: Metadata | None = None) -> Document:
    doc = Document(doc_id="t", text=text, content_hash="x", origin="test", input_format="txt")
    if meta is not None:
        doc.meta = meta
    return SegmentStage()(doc)


def seed_text(seeds_dir: Path, prefix: str) -> str:
    (path,) = seeds_dir.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.fixture(params=["own detection", "metadata stage"])
def seed(request: pytest.FixtureRequest, seeds_dir: Path) -> Callable[[str], Document]:
    """Segments a seed with empty metadata, or after the real metadata stage when it exists."""

    def run(prefix: str) -> Document:
        doc = Document(doc_id=prefix, text=seed_text(seeds_dir, prefix), content_hash="x", origin="test", input_format="txt")
        if request.param == "metadata stage":
            metadata = pytest.importorskip("comity.stages.metadata", reason="the metadata stage is not written yet")
            doc = metadata.MetadataStage()(doc)
        return SegmentStage()(doc)

    return run


def fixture(name: str, meta: Metadata | None = None) -> Document:
    return segmented((FIXTURES / name).read_text(encoding="utf-8"), meta)


def texts(doc: Document, kind: SectionKind) -> list[str]:
    return [s.span.text(doc.text) for s in doc.sections if s.kind is kind]


def section_with(doc: Document, fragment: str) -> Section:
    offset = doc.text.index(fragment)
    section = doc.section_at(offset)
    assert section is not None, f"no section holds {fragment!r}"
    return section


def kinds_from(doc: Document, offset: int) -> set[SectionKind]:
    return {s.kind for s in doc.sections if s.span.end > offset}


def span_of(text: str, fragment: str) -> Span:
    start = text.index(fragment)
    return Span(start, start + len(fragment))


# --- the five real samples -------------------------------------------------------------


def test_seed_000_copyright_line_is_boilerplate_and_the_rest_is_article(seed: Callable[[str], Document]) -> None:
    doc = seed("000")
    assert texts(doc, HEADLINE) == ["DPRK-Cuba friendship grows firmer along the road of socialism"]
    assert texts(doc, METADATA) == ["August 29, 2023"]
    assert texts(doc, BOILERPLATE) == ["2023 © All rights reserved. www.pyongyangtimes.com.kp"]
    assert len(texts(doc, BODY)) == 15
    assert {s.kind for s in doc.sections} == {HEADLINE, METADATA, BODY, BOILERPLATE}


def test_seed_001_everything_after_the_headline_is_body(seed: Callable[[str], Document]) -> None:
    doc = seed("001")
    assert doc.sections[0].kind is HEADLINE
    assert doc.sections[0].span.text(doc.text) == "DPRK-Cuba Relationship Remains Steadfast."
    assert [s.kind for s in doc.sections[1:]] == [BODY] * 12


def test_seed_002_captions_embedded_byline_and_comments(seed: Callable[[str], Document]) -> None:
    doc = seed("002")
    captions = texts(doc, CAPTION)
    for name in ("Kim Jong Un", "Kim Young Nam", "Pak Pong Ju", "Yang Hyong Sop"):
        assert captions.count(name) == 2, name
    assert captions.count("Miguel Diaz-Canel. Foto: cubadebate.cu") == 2
    assert len(captions) == 10
    assert section_with(doc, "Cuban VP Díaz-Canel meets with North Korean president").kind is HEADLINE
    assert section_with(doc, "By Progreso Weekly").kind is METADATA
    comments_start = doc.text.index("50 thoughts on")
    assert section_with(doc, "50 thoughts on").kind is COMMENT
    assert kinds_from(doc, comments_start) == {COMMENT}
    assert section_with(doc, "Comments are closed.").kind is COMMENT
    assert section_with(doc, "At the talks, both sides exchanged").kind is BODY
    assert len(texts(doc, BODY)) == 21


def test_seed_003_second_copies_point_at_first_copies(seed: Callable[[str], Document]) -> None:
    doc = seed("003")
    assert doc.sections[0].kind is HEADLINE
    assert doc.sections[1].kind is METADATA
    assert doc.sections[1].span.text(doc.text).startswith("By Yonhap")
    repeats = [s for s in doc.sections if s.kind is REPEAT]
    assert len(repeats) == 4
    bodies = {s.span: s for s in doc.sections if s.kind is BODY}
    for repeat in repeats:
        assert repeat.repeat_of in bodies
        assert repeat.repeat_of.end <= repeat.span.start
        assert repeat.repeat_of.text(doc.text) == repeat.span.text(doc.text)
    first_copies = {r.repeat_of for r in repeats}
    assert all(bodies[span].kind is BODY for span in first_copies)
    assert len(bodies) == 5 and max(s.end for s in bodies) < min(r.span.start for r in repeats)


def test_seed_003_with_spans_from_the_metadata_stage(seeds_dir: Path) -> None:
    text = seed_text(seeds_dir, "003")
    meta = Metadata(
        title=Found(text.splitlines()[0], "text:headline", Span(0, len(text.splitlines()[0]))),
        published=Found("2021-04-20T10:08", "text:byline", span_of(text, "April 20, 2021 - 10:08")),
    )
    doc = segmented(text, meta)
    assert doc.sections[0].kind is HEADLINE
    assert "metadata stage" in doc.sections[0].reason
    assert doc.sections[1].kind is METADATA
    assert [s.kind for s in doc.sections[2:]] == [BODY] * 5 + [REPEAT] * 4


def test_seed_004_body_ends_before_the_link_list(seed: Callable[[str], Document]) -> None:
    doc = seed("004")
    list_start = doc.text.index("More From KCNA.kp (En)")
    assert kinds_from(doc, list_start) == {BOILERPLATE}
    bodies = [s for s in doc.sections if s.kind is BODY]
    assert len(bodies) == 4
    assert all(s.span.end <= list_start for s in bodies)
    assert not any("January 22, 2025" in s.span.text(doc.text) for s in bodies)
    assert bodies[0].span.text(doc.text).startswith("Pyongyang, March 24 (KCNA)")
    assert HEADLINE not in {s.kind for s in doc.sections}


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seeds_are_covered_without_overlap(seed: Callable[[str], Document], prefix: str) -> None:
    assert_partition(seed(prefix))


# --- own texts, one per kind -----------------------------------------------------------


def test_comment_block_runs_to_the_end_and_holds_no_body() -> None:
    doc = fixture("comments.txt")
    assert texts(doc, METADATA) == ["By Lena Okafor", "March 3, 2024"]
    assert len(texts(doc, BODY)) == 3
    start = doc.text.index("12 comments")
    assert kinds_from(doc, start) == {COMMENT}
    assert "12 comments" in section_with(doc, "12 comments").reason
    assert section_with(doc, "Leave a Reply").kind is COMMENT


def test_comment_counter_above_the_article_is_not_a_comment_block() -> None:
    text = (
        "Envoy returns to Amberg\n\n4 comments\n\n"
        "The Ruritanian envoy returned to Amberg on Monday after a month of consultations at home.\n\n"
        "He met the Freedonian foreign minister the same afternoon to discuss the river dam.\n"
    )
    doc = segmented(text)
    assert section_with(doc, "4 comments").kind is BOILERPLATE
    assert len(texts(doc, BODY)) == 2


@pytest.mark.parametrize(
    "line",
    [
        "Reader comments on the ministry's website were mostly critical of the accord.",
        "3 thoughts on the accord from the fishermen of Port Aldo:",
        "Leave a comment was all the envoy would say when reporters asked him about the patrol plans.",
    ],
)
def test_body_lines_that_mention_comments_do_not_open_a_comment_block(line: str) -> None:
    text = (FIXTURES / "comments.txt").read_text(encoding="utf-8")
    last_body = "the Ruritanian envoy told reporters after the signing."
    text = text.replace(last_body, f"{last_body}\n\n{line}\n\nThe patrol will start in June, officials said.")
    doc = segmented(text)
    assert section_with(doc, line).kind is BODY
    assert section_with(doc, "The patrol will start in June").kind is BODY
    assert section_with(doc, "12 comments").kind is COMMENT


def test_link_list_share_buttons_subscribe_and_copyright_are_boilerplate() -> None:
    doc = fixture("link_list.txt")
    assert len(texts(doc, BODY)) == 2
    start = doc.text.index("Share this")
    assert kinds_from(doc, start) == {BOILERPLATE}
    assert "Related stories" in section_with(doc, "Freedonia holds snap election").reason


def test_teaser_list_without_header_is_boilerplate() -> None:
    doc = fixture("teaser_list.txt")
    bodies = texts(doc, BODY)
    assert len(bodies) == 2 and bodies[1].startswith("The treaty cuts duties")
    assert kinds_from(doc, doc.text.index("Amberg, June 3")) == {BOILERPLATE}


def test_markdown_heading_over_a_link_list_is_a_list_header() -> None:
    body = "The two ministers signed the border deal on Friday in Amberg after months of talks."
    links = "- [Ruritania opens rail link](https://example.org/a)\n- [Freedonia sets election date](https://example.org/b)"
    doc = segmented(f"# Border deal signed\n\n{body}\n\n## Related\n\n{links}\n")
    assert texts(doc, BODY) == [body]
    assert section_with(doc, "## Related").reason == "link list header '## Related'"
    assert section_with(doc, "- [Freedonia").kind is BOILERPLATE


def test_bulleted_teasers_that_read_as_sentences_stay_in_the_list_under_its_header() -> None:
    body = "The two ministers signed the border deal on Friday in Amberg after months of talks."
    links = (
        "- Amberg: why the river port matters to both sides\n"
        "- Who are the monitors heading to the border?\n"
        "- Protesters storm the Ruritanian parliament after the deal."
    )
    doc = segmented(f"Border deal signed\n\n{body}\n\nRead more\n{links}\n")
    assert texts(doc, BODY) == [body]
    assert section_with(doc, "- Who are the monitors").kind is BOILERPLATE
    assert section_with(doc, "- Protesters storm").kind is BOILERPLATE


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Posted on May 2, 2024 by Valley Wire", METADATA),
        ("By Lena Okafor and Tomas Reyes", METADATA),
        ("Published in 1990 by the ministry, the map shows the old border.", BODY),
        ("By the end of the day both sides had agreed to meet again", BODY),
    ],
)
def test_bylines_are_metadata_but_sentences_starting_alike_are_body(line: str, kind: SectionKind) -> None:
    text = f"Border deal signed\n\n{line}\n\nThe two ministers signed the border deal on Friday in Amberg.\n"
    assert section_with(segmented(text), line).kind is kind


def test_teaser_titles_ending_in_dates_are_boilerplate() -> None:
    teasers = [
        "Ruritania opens new rail link to the coast (June 3, 2023)",
        "Freedonia holds snap election in May - 2 June 2023",
        "Talks on river water stall again (June 1, 2023)",
    ]
    body = "Ruritania and Freedonia signed a trade treaty in Amberg on Tuesday."
    doc = segmented("Treaty signed\n\n" + body + "\n\n" + "\n".join(teasers) + "\n")
    assert texts(doc, BODY) == [body]
    assert all(section_with(doc, teaser).kind is BOILERPLATE for teaser in teasers)
    assert "teaser list: 3 lines, 3 of them dated" == section_with(doc, teasers[0]).reason


def test_navigation_menu_is_boilerplate() -> None:
    text = (
        "Home\nWorld\nPolitics\nBusiness\nSport\n\n"
        "Ruritania and Freedonia open talks on river water\n\n"
        "Delegations from Ruritania and Freedonia opened talks on sharing the waters of the Rell on Monday.\n"
    )
    doc = segmented(text)
    headline_start = text.index("Ruritania and")
    menu = [s for s in doc.sections if s.span.end <= headline_start]
    assert {s.kind for s in menu} == {BOILERPLATE}
    assert menu[0].span.start == 0 and "navigation" in menu[0].reason
    assert texts(doc, HEADLINE) == ["Ruritania and Freedonia open talks on river water"]
    assert len(texts(doc, BODY)) == 1


def test_captions_by_cue_and_names_printed_twice() -> None:
    doc = fixture("captions.txt")
    assert texts(doc, CAPTION) == [
        "Maria Tovell",
        "Maria Tovell",
        "Crowds gather at the bridge on Saturday. (Photo: Valley Courier)",
        "File photo of the old ferry crossing, taken in 2019",
    ]
    assert len(texts(doc, BODY)) == 3
    assert REPEAT not in {s.kind for s in doc.sections}


def test_caption_cue_inside_a_long_paragraph_keeps_it_body() -> None:
    paragraph = (
        "The prime minister said the bridge would halve the journey between the two river towns, "
        "and that a second crossing further south would follow within five years if the loan is "
        "renewed by the bank next spring. (Photo: Valley Courier)"
    )
    doc = segmented(f"Bridge opens\n\n{paragraph}\n")
    assert texts(doc, BODY) == [paragraph]


def test_lines_without_blank_lines_are_one_paragraph_each_with_repeats() -> None:
    doc = fixture("no_blank_lines.txt")
    kinds = [s.kind for s in doc.sections]
    assert kinds == [HEADLINE, METADATA, BODY, BODY, BODY, REPEAT, REPEAT]
    assert doc.sections[5].repeat_of == doc.sections[3].span
    assert doc.sections[6].repeat_of == doc.sections[4].span


def test_hard_wrapped_paragraphs_stay_whole() -> None:
    doc = fixture("hard_wrapped.txt")
    bodies = texts(doc, BODY)
    assert len(bodies) == 2
    assert bodies[0].startswith("The Freedonian") and bodies[0].endswith("short.")
    assert bodies[1].endswith("size.")


def test_hard_wrapped_text_without_blank_lines_is_cut_at_sentence_ends() -> None:
    text = (
        "Envoys trade protests over river dam\n"
        "The Freedonian foreign ministry summoned the Ruritanian ambassador on\n"
        "Monday to protest against the building of a dam on the upper Rell.\n"
        "Ruritania rejected the protest the next day and accused Freedonia of\n"
        "spreading false claims about the dam's size.\n"
    )
    doc = segmented(text)
    assert texts(doc, HEADLINE) == ["Envoys trade protests over river dam"]
    bodies = texts(doc, BODY)
    assert len(bodies) == 2
    assert bodies[0].startswith("The Freedonian") and bodies[0].endswith("upper Rell.")
    assert bodies[1].startswith("Ruritania rejected") and bodies[1].endswith("size.")


def test_front_matter_is_metadata_and_title_value_finds_the_headline() -> None:
    text = (FIXTURES / "front_matter.md").read_text(encoding="utf-8")
    front_matter_end = text.index("---", 3) + 3
    meta = Metadata(
        title=Found("Ministers meet in Amberg", "front_matter"),
        extra={"front_matter_span": Span(0, front_matter_end)},
    )
    doc = segmented(text, meta)
    assert doc.sections[0] == Section(METADATA, Span(0, front_matter_end), None, "front matter")
    assert [s.kind for s in doc.sections[1:]] == [HEADLINE, BODY]
    assert "title found by the metadata stage" in doc.sections[1].reason


def test_title_span_from_metadata_wins_over_the_length_rule() -> None:
    title = (
        "Ruritania and Freedonia sign a long agreement on fishing, river water, border crossings, "
        "rail links and the exchange of students after three days of talks in Amberg"
    )
    text = f"{title}\n\nThe agreement was signed by the two prime ministers in the Amberg town hall.\n"
    assert segmented(text).sections[0].kind is BODY
    meta = Metadata(title=Found(title, "html", Span(0, len(title))))
    assert segmented(text, meta).sections[0].kind is HEADLINE


def test_published_span_marks_its_line_but_not_a_dateline_in_the_body() -> None:
    date_line = "Filed 2 May 2024 at 09:15"
    body = "Amberg, May 2 (Valley Wire) -- The two interior ministers signed the border agreement today."
    text = f"Border deal signed\n{date_line}\n{body}\n"
    as_line = Metadata(published=Found("2024-05-02T09:15", "text:date_line", span_of(text, date_line)))
    doc = segmented(text, as_line)
    assert section_with(doc, date_line).kind is METADATA
    assert "published" in section_with(doc, date_line).reason
    in_body = Metadata(published=Found("2024-05-02", "text:dateline", span_of(text, "Amberg, May 2")))
    assert section_with(segmented(text, in_body), "Amberg, May 2").kind is BODY


def test_copyright_line_found_by_the_metadata_stage_is_boilerplate() -> None:
    footer = "The Valley Courier, Amberg"
    text = f"Border reopens\n\nThe border at Tesk reopened on Monday after two months.\n\n{footer}\n"
    assert section_with(segmented(text), footer).kind is BODY
    meta = Metadata(outlet=Found("The Valley Courier", "text:copyright", span_of(text, "The Valley Courier")))
    section = section_with(segmented(text, meta), footer)
    assert (section.kind, section.reason) == (BOILERPLATE, "copyright line found by the metadata stage")


def test_hard_wrapped_first_paragraph_with_a_dateline_stays_whole() -> None:
    first = (
        "AMBERG, May 2 (Reuters) - The interior ministers of Ruritania and\n"
        "Freedonia signed an agreement on Thursday to reopen the Tesk crossing."
    )
    text = f"Crossing to reopen\n\n{first}\n\nTraders welcomed the news.\n"
    assert texts(segmented(text), BODY) == [first, "Traders welcomed the news."]


def test_headline_printed_again_as_first_paragraph_is_a_repeat() -> None:
    text = "Freedonia holds snap election\n\nFreedonia holds snap election\n\nVoters go to the polls in May.\n"
    doc = segmented(text)
    assert [s.kind for s in doc.sections] == [HEADLINE, REPEAT, BODY]
    assert doc.sections[1].repeat_of == doc.sections[0].span


def test_empty_and_blank_texts_have_no_sections() -> None:
    assert segmented("").sections == []
    assert segmented(" \n\n\t\r\n").sections == []


# --- contract and cue file -------------------------------------------------------------


def test_stage_declares_its_contract_and_fits_a_pipeline() -> None:
    stage = SegmentStage()
    assert (stage.name, stage.requires, stage.assigns) == ("segment", {"text", "meta"}, {"sections"})
    Pipeline([stage], provided={"text", "meta"})


def test_cue_file_can_be_extended(tmp_path: Path) -> None:
    text = "Border reopens\n\nThe border at Tesk reopened on Monday.\n\nLesen Sie auch\n"
    assert section_with(segmented(text), "Lesen Sie auch").kind is BODY
    extended = tmp_path / "cues.yaml"
    shutil.copy(DEFAULT_CUES_PATH, extended)
    content = extended.read_text(encoding="utf-8")
    extended.write_text(
        content.replace("list_headers:\n  fullmatch:\n", "list_headers:\n  fullmatch:\n    - 'lesen sie auch'\n"),
        encoding="utf-8",
    )
    doc = Document(doc_id="t", text=text, content_hash="x", origin="test", input_format="txt")
    assert section_with(SegmentStage(extended)(doc), "Lesen Sie auch").kind is BOILERPLATE


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("date_line: [", "not valid YAML"),
        ("- just a list", "must hold a mapping"),
        ("date_line:\n  fullmatch: ['x']\n", "category 'date_anywhere'"),
    ],
)
def test_malformed_cue_file_is_a_knowledge_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "cues.yaml"
    path.write_text(content, encoding="utf-8")
    doc = Document(doc_id="t", text="x", content_hash="x", origin="test", input_format="txt")
    with pytest.raises(KnowledgeError, match=message):
        SegmentStage(path)(doc)


def test_bad_pattern_names_the_pattern(tmp_path: Path) -> None:
    path = tmp_path / "cues.yaml"
    content = DEFAULT_CUES_PATH.read_text(encoding="utf-8")
    path.write_text(content.replace("    - 'click\\s+here\\b'", "    - 'click(here'"), encoding="utf-8")
    doc = Document(doc_id="t", text="x", content_hash="x", origin="test", input_format="txt")
    with pytest.raises(KnowledgeError, match=re.escape("'click(here'")):
        SegmentStage(path)(doc)


# --- property: a partition of the non-whitespace text -----------------------------------

PIECES = [
    "Ruritania and Freedonia agree on border talks",
    "The foreign ministers met in Amberg on Monday and agreed to meet again next month.",
    "He said the talks were useful.",
    "By Valley Wire",
    "March 3, 2024",
    "Maria Tovell",
    "12 comments",
    "Comments are closed.",
    "Related",
    "Amberg, June 3 (Valley Wire) -- Farmers began the harvest early this year because of",
    "Share this: Facebook Twitter",
    "© 2024 Valley Courier",
    "(Photo: Valley Courier)",
    "  • a reader writes that the talks are a waste of time",
    "and this line goes on a sentence from above",
    "-0-",
    "x",
]
SEPARATORS = ["\n", "\n\n", "\n \n", "\r\n", "\n\t\n\n", " \n", "\n\xa0\n"]


def random_text(rng: random.Random) -> str:
    parts = [rng.choice(PIECES) for _ in range(rng.randint(1, 25))]
    text = rng.choice(["", " ", "\n"]) + parts[0]
    for part in parts[1:]:
        text += rng.choice(SEPARATORS) + part
    return text + rng.choice(["", "\n", "  \n\n"])


def assert_partition(doc: Document) -> None:
    text = doc.text
    spans = [s.span for s in doc.sections]
    assert spans == sorted(spans, key=lambda s: s.start)
    for before, after in zip(spans, spans[1:]):
        assert before.end <= after.start
    covered = set()
    for section in doc.sections:
        span = section.span
        assert span.end <= len(text) and span.start < span.end
        assert not text[span.start].isspace() and not text[span.end - 1].isspace()
        assert section.reason
        covered.update(range(span.start, span.end))
    assert {i for i, char in enumerate(text) if not char.isspace()} <= covered
    for section in doc.sections:
        assert (section.kind is REPEAT) == (section.repeat_of is not None)
        if section.repeat_of is not None:
            assert section.repeat_of.end <= section.span.start
            assert " ".join(section.repeat_of.text(text).split()).casefold() == " ".join(
                section.span.text(text).split()
            ).casefold()


def test_sections_never_overlap_and_cover_every_visible_character() -> None:
    rng = random.Random(20240502)
    for _ in range(400):
        assert_partition(segmented(random_text(rng)))


def random_meta(rng: random.Random, text: str) -> Metadata:
    def any_span() -> Span:
        start = rng.randint(0, len(text))
        return Span(start, rng.randint(start, len(text)))

    front_matter_start = rng.choice([0, rng.randint(0, len(text))])
    front_matter_end = text.find("\n", rng.randint(front_matter_start, len(text)))
    return Metadata(
        title=Found("t", "text:headline", any_span()),
        published=Found("2024", rng.choice(["text:date_line", "text:copyright"]), any_span()),
        extra={
            "byline_span": any_span(),
            "copyright_span": any_span(),
            "front_matter_span": Span(front_matter_start, max(front_matter_end, front_matter_start)),
            "dateline_place": Found("Amberg", "text:dateline", any_span()),
        },
    )


def test_partition_holds_whatever_spans_the_metadata_stage_gives() -> None:
    rng = random.Random(7)
    for _ in range(300):
        text = random_text(rng)
        assert_partition(segmented(text, random_meta(rng, text)))


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.iterdir()))
def test_fixtures_are_covered_without_overlap(name: str) -> None:
    assert_partition(fixture(name))
