"""The CLI, called in-process as a user would call it."""

import json

import pytest
from typer.testing import CliRunner

from comity.cli import app

ARTICLE = """Ministers of Chile and Peru meet in Lima

LIMA, May 7 (Harbour Wire) -- Chile's foreign minister met Peru's foreign minister in Lima on Tuesday
and the two governments signed an agreement on border crossings.

3 comments

Peru should have criticised Chile instead, one reader wrote.
"""

runner = CliRunner()


@pytest.fixture
def inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "chile-peru.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "chile-peru.meta.json").write_text(json.dumps({"published": "2024-05-07", "outlet": "Harbour Wire"}))
    (folder / "empty.txt").write_text("")
    (folder / "feed.jsonl").write_text('{"text": "Brazil\'s president visited Argentina on Monday."}\n{broken\n')
    return folder


def test_code_accounts_for_every_input_and_writes_the_interchange_files(inputs, tmp_path):
    db, out = tmp_path / "c.duckdb", tmp_path / "out"
    result = runner.invoke(app, ["code", str(inputs), "--db", str(db), "--out", str(out), "--quiet"])
    assert result.exit_code == 3, result.output  # some inputs failed: partial
    assert "4 inputs: 2 coded, 0 unchanged, 2 failed" in " ".join(result.output.split())
    assert "empty" in result.output and "bad_json" in result.output
    mentions = [json.loads(line) for line in (out / "mentions.jsonl").read_text().splitlines()]
    assert mentions and all(m["section"] in ("headline", "body") for m in mentions)
    assert not any("criticised" in m["evidence"]["text"] for m in mentions)
    events = [json.loads(line) for line in (out / "events.jsonl").read_text().splitlines()]
    assert {m["event_id"] for m in mentions if m["factuality"] in ("asserted", "reported")} <= {e["event_id"] for e in events}

    again = runner.invoke(app, ["code", str(inputs), "--db", str(db), "--quiet"])
    assert "2 unchanged" in again.output


def test_a_store_and_outputs_kept_in_the_input_folder_are_not_read_as_articles(inputs):
    db, out = inputs / "c.duckdb", inputs / "out"
    first = runner.invoke(app, ["code", str(inputs), "--db", str(db), "--out", str(out), "--quiet"])
    assert first.exit_code == 3, first.output
    again = runner.invoke(app, ["code", str(inputs), "--db", str(db), "--out", str(out), "--quiet"])
    assert "4 inputs: 0 coded, 2 unchanged, 2 failed" in " ".join(again.output.split())  # no store, no outputs


def test_show_marks_the_comment_section_as_not_coded(inputs, tmp_path):
    db = tmp_path / "c.duckdb"
    runner.invoke(app, ["code", str(inputs), "--db", str(db), "--quiet"])
    shown = runner.invoke(app, ["show", "chile-peru", "--db", str(db), "--json"])
    assert shown.exit_code == 0, shown.output
    data = json.loads(shown.output)
    kinds = {s["kind"] for s in data["sections"]}
    assert {"headline", "body", "comment"} <= kinds
    assert data["meta"]["published"]["value"] == "2024-05-07"


def test_show_of_an_unknown_document_is_a_clear_error(tmp_path):
    runner.invoke(app, ["code", str(tmp_path), "--db", str(tmp_path / "c.duckdb"), "--quiet"])
    result = runner.invoke(app, ["show", "nope", "--db", str(tmp_path / "c.duckdb")])
    assert result.exit_code == 2 and "no document 'nope'" in result.output


def test_eval_needs_exactly_one_source_of_mentions(tmp_path):
    gold = tmp_path / "g.jsonl"
    gold.write_text("")
    result = runner.invoke(app, ["eval", str(gold)])
    assert result.exit_code == 2 and "exactly one of --mentions" in result.output


def test_actor_lookup_shows_dated_roles():
    result = runner.invoke(app, ["actor", "Diaz Canel", "--json"])
    assert result.exit_code == 0, result.output
    (profile, *_) = json.loads(result.output)
    assert profile["country"] == "CUB"
    assert any(r["title"].lower().startswith("president") for r in profile["roles"])


def test_code_exit_codes_tell_all_coded_partial_and_nothing_coded_apart(inputs, tmp_path):
    db = tmp_path / "c.duckdb"
    coded = runner.invoke(app, ["code", str(inputs / "chile-peru.txt"), "--db", str(db), "--quiet"])
    missing = runner.invoke(app, ["code", str(tmp_path / "absent.txt"), "--db", str(db), "--quiet"])
    all_failed = runner.invoke(app, ["code", str(inputs / "empty.txt"), "--db", str(db), "--quiet"])
    (tmp_path / "no-articles").mkdir()
    nothing = runner.invoke(app, ["code", str(tmp_path / "no-articles"), "--db", str(db), "--quiet"])
    partial = runner.invoke(app, ["code", str(inputs / "chile-peru.txt"), str(tmp_path / "absent.txt"), "--db", str(db), "--quiet"])
    assert [r.exit_code for r in (coded, missing, all_failed, nothing, partial)] == [0, 2, 2, 2, 3]
    assert "does not exist" in missing.output and "none of the 1 input(s) could be coded" in missing.output
    assert "no inputs were found" in nothing.output
    assert "1 of 2 input(s) failed" in partial.output


def test_urls_and_standard_input_are_named_as_not_supported(tmp_path):
    db = str(tmp_path / "c.duckdb")
    result = runner.invoke(app, ["code", "https://example.org/story.html", "-", "--db", db, "--quiet"])
    assert result.exit_code == 2
    failed = runner.invoke(app, ["docs", "--failed", "--json", "--db", db]).output.splitlines()
    messages = {json.loads(line)["origin"]: json.loads(line)["message"] for line in failed}
    assert messages["https://example.org/story.html"].startswith("https://example.org/story.html: URLs are not supported yet")
    assert "reading standard input is not supported yet" in messages["-"]


def test_version():
    from comity import __version__

    result = runner.invoke(app, ["--version"])
    assert (result.exit_code, result.output.strip()) == (0, f"comity {__version__}")


def test_docs_lists_failed_inputs_and_prints_json_lines(inputs, tmp_path):
    db = tmp_path / "c.duckdb"
    runner.invoke(app, ["code", str(inputs), "--db", str(db), "--quiet"])
    failed = runner.invoke(app, ["docs", "--failed", "--json", "--db", str(db)])
    rows = [json.loads(line) for line in failed.output.splitlines()]
    assert sorted(r["problem_code"] for r in rows) == ["bad_json", "empty"]
    assert all(r["message"] for r in rows)
    documents = [json.loads(line) for line in runner.invoke(app, ["docs", "--json", "--db", str(db)]).output.splitlines()]
    assert sorted(d["doc_id"] for d in documents) == ["chile-peru", "feed-L1"]
    (inputs / "empty.txt").write_text("Chile's foreign minister met Peru's foreign minister on Tuesday.\n")
    runner.invoke(app, ["code", str(inputs / "empty.txt"), "--db", str(db), "--quiet"])
    now_failed = runner.invoke(app, ["docs", "--failed", "--json", "--db", str(db)]).output.splitlines()
    assert [json.loads(line)["problem_code"] for line in now_failed] == ["bad_json"]  # coded since: no longer failed


@pytest.mark.parametrize(("host", "warned"), [("127.0.0.1", False), ("localhost", False), ("::1", False),
                                              ("0.0.0.0", True), ("192.0.2.7", True)])
def test_serve_warns_that_a_non_loopback_address_has_no_authentication(inputs, tmp_path, monkeypatch, host, warned):
    import uvicorn

    db = tmp_path / "c.duckdb"
    runner.invoke(app, ["code", str(inputs / "chile-peru.txt"), "--db", str(db), "--quiet"])
    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: None)
    result = runner.invoke(app, ["serve", "--db", str(db), "--host", host])
    assert result.exit_code == 0
    assert ("no authentication" in result.output) is warned


def test_serve_with_workers_starts_uvicorn_processes_that_each_build_the_app(inputs, tmp_path, monkeypatch):
    import uvicorn

    from comity.web.app import DB_ENVIRONMENT, app_from_environment

    db = tmp_path / "c.duckdb"
    runner.invoke(app, ["code", str(inputs / "chile-peru.txt"), "--db", str(db), "--quiet"])
    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda target, **kwargs: calls.append((target, kwargs)))
    monkeypatch.delenv(DB_ENVIRONMENT, raising=False)
    assert runner.invoke(app, ["serve", "--db", str(db), "--workers", "2"]).exit_code == 0
    [(target, kwargs)] = calls
    assert target == "comity.web.app:app_from_environment"
    assert (kwargs["factory"], kwargs["workers"], kwargs["host"]) == (True, 2, "127.0.0.1")
    import os

    assert os.environ[DB_ENVIRONMENT] == str(db.absolute())
    assert app_from_environment().state.settings.db_path == db.absolute()
    monkeypatch.delenv(DB_ENVIRONMENT)


def test_help_loads_neither_the_store_nor_the_pipeline() -> None:
    """`comity --help` answers without importing what only coding and reading the store need."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from comity.cli import app\n"
        "try:\n    app(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('comity.api', 'comity.store', 'pyarrow', 'duckdb', 'numpy', 'spacy') if m in sys.modules "
        "and type(sys.modules[m]).__name__ != '_LazyModule'))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize(("args", "code", "shown"), [
    (["--version"], 0, "comity "),
    (["code", "--db", "{tmp}/x.duckdb", "{tmp}/missing.txt"], 2, "error"),
])
def test_the_comity_script_keeps_the_exit_code_and_every_line_it_printed(tmp_path, args, code, shown) -> None:
    """The script ends without the interpreter's teardown, after flushing what it printed."""
    import subprocess
    import sys

    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    done = subprocess.run([sys.executable, "-c", "from comity.cli import run; run()", *args], capture_output=True, text=True)
    assert done.returncode == code
    assert shown in done.stdout + done.stderr


def test_coding_a_few_documents_into_a_new_store_never_imports_arrow(inputs, tmp_path) -> None:
    """A handful of rows goes in without Arrow: a one-file run does not pay pyarrow's import."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from comity.cli import app\n"
        f"try:\n    app(['code', {str(inputs / 'chile-peru.txt')!r}, '--db', {str(tmp_path / 'x.duckdb')!r}, '--quiet'])\n"
        "except SystemExit:\n    pass\n"
        "print('pyarrow' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "False"
