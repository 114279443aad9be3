import hashlib
import json
import os
import random
from pathlib import Path

import pytest

import comity.ingest.files as ingest_files
from comity.config import Config
from comity.ingest import document_from_text, iter_inputs, normalize_published
from comity.model import Document, InputFailure, Span

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
ARTICLE = "Ministers meet on fishing rights\n\nTwo ministers met on Friday to settle a dispute over fishing rights.\n"


def ingest_all(*paths, config: Config | None = None) -> list[Document | InputFailure]:
    return list(iter_inputs(paths, config or Config()))


def only(items: list[Document | InputFailure]) -> Document | InputFailure:
    assert len(items) == 1, items
    return items[0]


def failure_code(item: Document | InputFailure) -> str:
    assert isinstance(item, InputFailure), item
    return item.problem.code


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    else:
        path.write_bytes(content)
    return path


# --- plain files -----------------------------------------------------------------------------


def test_text_file_becomes_document_with_exact_text_and_hash(tmp_path):
    content = "\ufeffTitle line\r\n\r\nBody with a tab\tand trailing spaces   \r\n"
    path = write(tmp_path / "a-story.txt", content)

    doc = only(ingest_all(path))

    assert isinstance(doc, Document)
    assert doc.text == content
    assert doc.text.encode("utf-8") == path.read_bytes()
    assert doc.content_hash == hashlib.sha256(content.encode("utf-8")).hexdigest()
    assert (doc.doc_id, doc.origin, doc.input_format) == ("a-story", str(path), "txt")
    assert doc.problems == [] and doc.raw is None


def test_document_from_text_hashes_the_text():
    doc = document_from_text("Some words.", "d1")
    assert doc.content_hash == hashlib.sha256(b"Some words.").hexdigest()
    assert (doc.doc_id, doc.origin, doc.input_format) == ("d1", "<text>", "txt")


def test_path_that_does_not_exist_is_not_found(tmp_path):
    item = only(ingest_all(tmp_path / "missing.txt"))
    assert failure_code(item) == "not_found"
    assert "does not exist" in item.problem.message and item.problem.fatal


def test_explicit_file_with_unknown_extension_is_unsupported(tmp_path):
    item = only(ingest_all(write(tmp_path / "scan.pdf", "%PDF-1.4")))
    assert failure_code(item) == "unsupported_format"
    assert ".txt" in item.problem.message  # says what is supported


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  \n"], ids=["empty", "whitespace"])
def test_empty_and_whitespace_only_files_are_fatal_empty(tmp_path, content):
    item = only(ingest_all(write(tmp_path / "blank.txt", content)))
    assert failure_code(item) == "empty"
    assert item.problem.fatal and item.doc_id == "blank"


def test_file_with_nul_bytes_is_binary(tmp_path):
    png_like = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    item = only(ingest_all(write(tmp_path / "picture.txt", png_like)))
    assert failure_code(item) == "binary"


def test_mostly_non_text_bytes_without_nul_are_binary(tmp_path):
    rng = random.Random(7)
    noise = bytes(rng.randrange(1, 256) for _ in range(20000))
    assert b"\x00" not in noise
    item = only(ingest_all(write(tmp_path / "noise.txt", noise)))
    assert failure_code(item) == "binary"


def test_invalid_utf8_is_replaced_and_reported_with_count_and_first_offset(tmp_path):
    data = "Caf".encode() + b"\xe9 talks\nSecond line \xff\xfe end\n"
    doc = only(ingest_all(write(tmp_path / "latin.txt", data)))

    assert isinstance(doc, Document)
    assert doc.text == data.decode("utf-8", errors="replace")
    (problem,) = doc.problems
    assert problem.code == "invalid_utf8" and not problem.fatal
    assert "3 byte(s)" in problem.message
    assert "byte 3 (line 1)" in problem.message


def test_file_over_the_limit_is_too_large_without_being_read(tmp_path, monkeypatch):
    big = tmp_path / "huge.txt"
    with big.open("wb") as handle:  # sparse: 50 MB + 1 byte on stat, no disk written
        handle.truncate(Config().max_input_bytes + 1)

    def refuse_to_read(*args, **kwargs):
        raise AssertionError("a too-large file must be rejected from its size, before reading")

    monkeypatch.setattr(ingest_files, "_read_at_most", refuse_to_read)
    item = only(ingest_all(big))
    assert failure_code(item) == "too_large"
    assert "52,428,801 bytes" in item.problem.message and "max_input_bytes" in item.problem.message


def test_file_that_grew_after_its_size_was_checked_is_too_large(tmp_path, monkeypatch):
    path = write(tmp_path / "growing.txt", ARTICLE)
    monkeypatch.setattr(ingest_files, "_unreadable_or_too_large", lambda *args: None)  # the size check saw it small
    item = only(ingest_all(path, config=Config(max_input_bytes=20)))
    assert failure_code(item) == "too_large"


def test_limit_comes_from_config(tmp_path):
    path = write(tmp_path / "story.txt", ARTICLE)
    assert failure_code(only(ingest_all(path, config=Config(max_input_bytes=20)))) == "too_large"
    assert isinstance(only(ingest_all(path, config=Config(max_input_bytes=len(ARTICLE)))), Document)


def test_file_that_cannot_be_opened_is_unreadable(tmp_path, monkeypatch):
    # Tests run as root, for whom chmod 000 changes nothing: make opening fail instead.
    locked = write(tmp_path / "locked.txt", ARTICLE)
    real_open = Path.open

    def open_with_permission_denied(self, *args, **kwargs):
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", open_with_permission_denied)
    item = only(ingest_all(locked))
    assert failure_code(item) == "unreadable"
    assert "Permission denied" in item.problem.message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
def test_pipe_in_a_folder_is_unreadable_and_never_opened(tmp_path):
    os.mkfifo(tmp_path / "stream.txt")  # opening it would block forever
    write(tmp_path / "ok.txt", ARTICLE)
    items = ingest_all(tmp_path)
    assert [type(item).__name__ for item in items] == ["Document", "InputFailure"]
    assert failure_code(items[1]) == "unreadable" and "not a regular file" in items[1].problem.message


def test_broken_symlink_is_unreadable(tmp_path):
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "deleted.txt")
    item = only(ingest_all(tmp_path))
    assert failure_code(item) == "unreadable" and "symbolic link" in item.problem.message


# --- folders ---------------------------------------------------------------------------------


def test_folder_is_walked_recursively_in_sorted_order_skipping_hidden_files_and_sidecars(tmp_path):
    write(tmp_path / "b.txt", ARTICLE)
    write(tmp_path / "a.txt", ARTICLE)
    write(tmp_path / "a.meta.json", '{"outlet": "Harbour Post"}')
    write(tmp_path / "sub" / "c.md", ARTICLE)
    write(tmp_path / ".hidden.txt", ARTICLE)
    write(tmp_path / ".git" / "d.txt", ARTICLE)
    write(tmp_path / "notes.docx", b"PK\x03\x04")

    items = ingest_all(tmp_path)

    assert [item.doc_id for item in items] == ["a", "b", "notes", "c"]
    assert failure_code(items[2]) == "unsupported_format"
    assert items[0].meta.outlet.value == "Harbour Post"


def test_files_to_skip_are_passed_over_in_a_folder_walk(tmp_path):
    write(tmp_path / "story.txt", ARTICLE)
    write(tmp_path / "store.duckdb", b"DUCK")
    write(tmp_path / "sub" / "store.duckdb", b"DUCK")  # another file of that name is still an input
    items = list(iter_inputs([tmp_path], Config(), skip=[tmp_path / "store.duckdb"]))
    assert [item.origin for item in items] == [str(tmp_path / "story.txt"), str(tmp_path / "sub" / "store.duckdb")]


def test_symlinked_folder_loop_is_walked_once(tmp_path):
    write(tmp_path / "inner" / "story.txt", ARTICLE)
    (tmp_path / "inner" / "back-to-top").symlink_to(tmp_path, target_is_directory=True)
    assert [item.doc_id for item in ingest_all(tmp_path)] == ["story"]


def test_a_single_path_string_is_one_path(tmp_path):
    path = write(tmp_path / "story.txt", ARTICLE)
    assert [item.doc_id for item in iter_inputs(str(path), Config())] == ["story"]


def test_every_input_yields_exactly_one_item(tmp_path):
    write(tmp_path / "good.txt", ARTICLE)
    write(tmp_path / "empty.txt", b"")
    write(tmp_path / "binary.txt", b"\x00\x01\x02")
    write(tmp_path / "odd.xyz", "x")
    write(tmp_path / "lines.jsonl", '{"text": "One."}\n\n{"text": "Two."}\nnot json\n')
    items = ingest_all(tmp_path, tmp_path / "absent.txt")
    assert len(items) == 8
    assert sum(isinstance(item, Document) for item in items) == 3


def test_a_file_name_held_by_an_earlier_input_gets_its_path_as_id_with_a_warning(tmp_path):
    write(tmp_path / "one" / "story.txt", ARTICLE)
    write(tmp_path / "two" / "story.txt", ARTICLE)  # the same text: a wire story in two outlets is two articles
    first, second = ingest_all(tmp_path)
    assert (first.doc_id, first.problems) == ("story", [])
    assert second.doc_id == f"{tmp_path.name}/two/story"
    assert [p.code for p in second.problems] == ["doc_id_renamed"]
    assert "one/story.txt" in second.problems[0].message


def test_jsonl_lines_without_doc_id_in_files_of_one_name_get_distinct_ids(tmp_path):
    write(tmp_path / "2019" / "articles.jsonl", '{"text": "Cuba spoke."}\n')
    write(tmp_path / "2020" / "articles.jsonl", '{"text": "Peru spoke."}\n')
    first, second = ingest_all(tmp_path)
    assert first.doc_id == "articles-L1"
    assert second.doc_id == f"{tmp_path.name}/2020/articles-L1"
    assert first.source_key != second.source_key


def test_a_doc_id_given_twice_with_another_text_fails_the_second_input(tmp_path):
    write(tmp_path / "a.jsonl", '{"doc_id": "x1", "text": "Cuba spoke."}\n{"doc_id": "x1", "text": "Peru spoke."}\n'
          '{"doc_id": "x1", "text": "Cuba spoke."}\n')
    first, second, third = ingest_all(tmp_path)
    assert isinstance(first, Document) and isinstance(third, Document)  # the same text again: the same document
    assert isinstance(second, InputFailure) and second.problem.code == "doc_id_taken"
    assert "give this input another id or use --replace" in second.problem.message


@pytest.mark.parametrize("given", ["https://example.org/story.html", "-"])
def test_urls_and_standard_input_are_not_supported_yet_rather_than_missing(given):
    (failure,) = list(iter_inputs([given], Config()))
    assert failure.problem.code == "unsupported_input"
    assert "not supported yet" in failure.problem.message
    assert "does not exist" not in failure.problem.message


def test_a_symlink_loop_says_so(tmp_path):
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    for items in (ingest_all(tmp_path / "a.txt"), ingest_all(tmp_path)):
        assert all("loop of symbolic links" in item.problem.message for item in items)
        assert len(items) >= 1


def test_walk_of_3000_files_streams_lazily(tmp_path, monkeypatch):
    for folder in range(30):
        (tmp_path / f"f{folder:02d}").mkdir()
        for number in range(100):
            (tmp_path / f"f{folder:02d}" / f"s{number:03d}.txt").write_bytes(f"Story {folder}-{number}\n".encode())
    listed: list[str] = []
    real_scandir = os.scandir

    def counting_scandir(path):
        listed.append(str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", counting_scandir)
    stream = iter_inputs([tmp_path], Config())

    first = next(stream)
    assert first.doc_id == "s000" and first.text == "Story 0-0\n"
    assert len(listed) == 2  # the root and the first sub-folder, nothing more yet

    rest = list(stream)
    assert len(rest) == 2999 and len(listed) == 31
    assert rest[-1].origin.endswith(os.path.join("f29", "s099.txt"))


def test_flat_folder_reads_one_file_per_document_yielded(tmp_path, monkeypatch):
    for number in range(3000):
        (tmp_path / f"s{number:04d}.txt").write_bytes(f"Story {number}\n".encode())
    reads: list[Path] = []
    real_read = ingest_files._read_at_most

    def counting_read(path, limit):
        reads.append(path)
        return real_read(path, limit)

    monkeypatch.setattr(ingest_files, "_read_at_most", counting_read)
    stream = iter_inputs([tmp_path], Config())
    assert next(stream).doc_id == "s0000" and len(reads) == 1
    assert next(stream).doc_id == "s0001" and len(reads) == 2


# --- given metadata --------------------------------------------------------------------------


def test_sidecar_gives_metadata_and_doc_id():
    doc = only(ingest_all(FIXTURES / "dam-dispute.txt"))
    assert doc.doc_id == "valley-0001"
    assert (doc.meta.outlet.value, doc.meta.outlet.basis) == ("Valley Gazette", "sidecar")
    assert (doc.meta.published.value, doc.meta.published.precision) == ("2023-02-14T09:30", "minute")
    assert doc.meta.url.value == "https://gazette.example/dam"
    assert doc.meta.extra == {"desk": "regional"}
    assert doc.meta.title is None  # left for the metadata stage to find in the text


def test_bad_sidecar_is_reported_and_the_document_kept(tmp_path):
    write(tmp_path / "story.txt", ARTICLE)
    write(tmp_path / "story.meta.json", '{"outlet": "Harbour Post",')
    doc = only(ingest_all(tmp_path))
    assert isinstance(doc, Document) and doc.meta.outlet is None
    (problem,) = doc.problems
    assert problem.code == "bad_sidecar" and not problem.fatal and "story.meta.json" in problem.message


def test_unreadable_published_value_is_reported(tmp_path):
    write(tmp_path / "story.txt", ARTICLE)
    write(tmp_path / "story.meta.json", '{"published": "sometime last spring"}')
    doc = only(ingest_all(tmp_path))
    assert doc.meta.published is None
    assert [p.code for p in doc.problems] == ["bad_published"]


def test_markdown_front_matter_is_metadata_and_the_text_stays_whole():
    path = FIXTURES / "river-summit.md"
    doc = only(ingest_all(path))
    assert doc.text == path.read_text(encoding="utf-8")
    span = doc.meta.extra["front_matter_span"]
    assert isinstance(span, Span) and span.start == 0
    assert span.text(doc.text).startswith("---\n") and span.text(doc.text).endswith("---\n")
    assert doc.text[span.end :].startswith("# Leaders meet")
    assert (doc.meta.title.value, doc.meta.title.basis) == ("Leaders meet at the river summit", "front_matter")
    assert (doc.meta.published.value, doc.meta.published.precision) == ("2022-11-07", "day")
    assert doc.meta.extra["section"] == "world"


def test_common_field_names_are_understood_and_own_names_win(tmp_path):
    write(tmp_path / "post.md", "---\ndate: 2024-05-02\nsource: Hill Times\nlang: en\n---\nBody of the post.\n")
    doc = only(ingest_all(tmp_path / "post.md"))
    assert (doc.meta.published.value, doc.meta.published.basis) == ("2024-05-02", "front_matter")
    assert (doc.meta.outlet.value, doc.meta.language.value) == ("Hill Times", "en")

    line = '{"text": "Body.", "id": 17, "date": "2020-01-01", "published": "2020-02-02"}'
    jsonl = only(ingest_all(write(tmp_path / "feed.jsonl", line + "\n")))
    assert jsonl.doc_id == "17"
    assert jsonl.meta.published.value == "2020-02-02"
    assert jsonl.meta.extra == {"date": "2020-01-01"}


def test_sidecar_wins_over_front_matter(tmp_path):
    write(tmp_path / "note.md", "---\noutlet: Front Matter Daily\nlanguage: en\n---\nText of the note.\n")
    write(tmp_path / "note.meta.json", '{"outlet": "Sidecar Times"}')
    doc = only(ingest_all(tmp_path))
    assert (doc.meta.outlet.value, doc.meta.outlet.basis) == ("Sidecar Times", "sidecar")
    assert (doc.meta.language.value, doc.meta.language.basis) == ("en", "front_matter")


def test_markdown_with_only_front_matter_is_empty(tmp_path):
    item = only(ingest_all(write(tmp_path / "stub.md", "---\ntitle: Stub\n---\n\n")))
    assert failure_code(item) == "empty" and "front matter" in item.problem.message


def test_malformed_front_matter_is_reported_not_fatal(tmp_path):
    text = "---\ntitle: [unclosed\n---\nBody text here.\n"
    doc = only(ingest_all(write(tmp_path / "bad.md", text)))
    assert doc.text == text and doc.meta.title is None
    assert [p.code for p in doc.problems] == ["bad_front_matter"]


def test_html_text_is_extracted_and_raw_kept():
    path = FIXTURES / "harbour-talks.html"
    doc = only(ingest_all(path))
    assert doc.input_format == "html" and doc.raw == path.read_bytes()
    assert "signed an agreement on Thursday" in doc.text
    assert "<p>" not in doc.text and "Sport" not in doc.text  # markup and navigation gone
    assert "First! Great news" not in doc.text  # reader comments stay only in raw
    assert (doc.meta.title.value, doc.meta.title.basis) == (
        "Port officials of two coastal states agree on joint patrols",
        "html",
    )
    assert (doc.meta.published.value, doc.meta.published.precision) == ("2024-05-03", "day")
    assert doc.meta.outlet.value == "Lantern Wire"
    assert doc.meta.url.value == "https://lanternwire.example/world/joint-patrols"
    assert (doc.meta.language.value, doc.meta.language.basis) == ("en", "html")


def test_html_without_article_text_is_empty(tmp_path):
    item = only(ingest_all(write(tmp_path / "shell.html", "<html><body><script>app()</script></body></html>")))
    assert failure_code(item) == "empty" and "HTML" in item.problem.message


# --- JSONL -----------------------------------------------------------------------------------


def test_jsonl_lines_become_documents_with_their_fields(tmp_path):
    rows = [
        {"text": "First article.", "doc_id": "wire-1", "outlet": "Coast Wire", "published": "2020-01-02", "desk": "sea"},
        {"text": "Second article.", "title": "Second"},
    ]
    path = write(tmp_path / "batch.jsonl", "\n".join(json.dumps(row) for row in rows) + "\n\n")

    first, second = ingest_all(path)

    assert (first.doc_id, first.origin, first.input_format) == ("wire-1", f"{path}:1", "jsonl")
    assert first.text == "First article."
    assert (first.meta.outlet.value, first.meta.outlet.basis) == ("Coast Wire", "jsonl")
    assert (first.meta.published.value, first.meta.published.precision) == ("2020-01-02", "day")
    assert first.meta.extra == {"desk": "sea"}
    assert (second.doc_id, second.origin) == ("batch-L2", f"{path}:2")
    assert second.meta.title.value == "Second"


def test_bad_jsonl_lines_fail_alone_and_the_file_continues(tmp_path):
    lines = ['{"text": "Good one."}', '{"text": "cut off', '[1, 2]', '{"title": "No text"}', '{"text": "  "}', '{"text": "Last."}']
    path = write(tmp_path / "mixed.jsonl", "\n".join(lines) + "\n")

    items = ingest_all(path)

    codes = [item.problem.code if isinstance(item, InputFailure) else "ok" for item in items]
    assert codes == ["ok", "bad_json", "bad_json", "missing_text", "empty", "ok"]
    assert items[1].origin == f"{path}:2" and "fix or remove the line" in items[1].problem.message
    assert items[5].doc_id == "mixed-L6"


def test_jsonl_line_over_the_limit_is_too_large_and_the_next_line_is_read(tmp_path):
    long_line = json.dumps({"text": "x" * 5000})
    path = write(tmp_path / "big.jsonl", long_line + '\n{"text": "Short."}\n')
    first, second = ingest_all(path, config=Config(max_input_bytes=1000))
    assert failure_code(first) == "too_large" and first.origin == f"{path}:1"
    assert isinstance(second, Document) and second.text == "Short."


def test_jsonl_file_sidecar_fills_fields_lines_leave_open(tmp_path):
    path = write(tmp_path / "feed.jsonl", '{"text": "One.", "outlet": "Line Outlet"}\n{"text": "Two."}\n')
    write(tmp_path / "feed.meta.json", '{"outlet": "Feed Outlet", "doc_id": "not-for-lines"}')
    first, second = ingest_all(path)
    assert (first.meta.outlet.value, first.meta.outlet.basis) == ("Line Outlet", "jsonl")
    assert (second.meta.outlet.value, second.meta.outlet.basis) == ("Feed Outlet", "sidecar")
    assert (first.doc_id, second.doc_id) == ("feed-L1", "feed-L2")


# --- published values ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("2021-04-20", ("2021-04-20", "day")),
        ("2021-04", ("2021-04", "month")),
        ("2021", ("2021", "year")),
        (2021, ("2021", "year")),
        ("2021-04-20T10:08", ("2021-04-20T10:08", "minute")),
        ("2021-04-20T10:08:33Z", ("2021-04-20T10:08:33+00:00", "second")),
        ("April 20, 2021", ("2021-04-20", "day")),
        ("2021-13-01", None),
        ("soon", None),
        (True, None),
    ],
)
def test_normalize_published(given, expected):
    assert normalize_published(given) == expected
