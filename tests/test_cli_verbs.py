"""`comity code --verbs FILE`: a PETRARCH verb dictionary of the user's, called in-process as a
user would call it."""

import json

from typer.testing import CliRunner

from comity.cli import app

runner = CliRunner()

ARTICLE = "Chile and Peru\n\nLIMA, May 7 -- Chile moored its frigates off Peru on Tuesday.\n"

VERBS = """\
&VESSELS
+FRIGATE
+CORVETTE

---  MOOR  [---]  ---
MOOR
- * &VESSELS (OFF +)   [154]   # a show of force
- * BARGE              [999]
"""


def test_a_users_verb_dictionary_codes_with_its_rule_and_reports_what_it_cannot(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "chile-peru.txt").write_text(ARTICLE, encoding="utf-8")
    verbs = tmp_path / "navy.verbs.txt"
    verbs.write_text(VERBS, encoding="utf-8")
    without = runner.invoke(app, ["code", str(folder), "--db", str(tmp_path / "a.duckdb"), "--out", str(tmp_path / "a"), "--quiet"])
    assert without.exit_code == 0, without.output
    assert not [m for m in _mentions(tmp_path / "a") if m["cameo"] == "154"]
    result = runner.invoke(app, ["code", str(folder), "--db", str(tmp_path / "b.duckdb"), "--out", str(tmp_path / "b"), "--verbs", str(verbs), "--quiet"])
    assert result.exit_code == 0, result.output
    assert "navy.verbs.txt:8:code[999]isnotintheCAMEOcodebook" in "".join(result.output.split())  # the console wraps lines
    coded = [(m["cameo"], m["source"]["code"], m["target"]["code"], m["rule"]) for m in _mentions(tmp_path / "b") if m["cameo"] == "154"]
    assert coded == [("154", "CHL", "PER", "navy.verbs.txt:MOOR:7")]


def test_a_bad_line_in_a_users_verb_dictionary_stops_the_run_with_its_place(tmp_path):
    verbs = tmp_path / "broken.verbs.txt"
    verbs.write_text("---  MOOR  [154]  ---\nMOOR\n- * (OFF +  [154]\n", encoding="utf-8")
    result = runner.invoke(app, ["code", str(tmp_path), "--db", str(tmp_path / "c.duckdb"), "--verbs", str(verbs), "--quiet"])
    assert result.exit_code == 2
    assert "broken.verbs.txt:3:'('withoutitsclosing')'" in "".join(result.output.split())


def _mentions(out):
    return [json.loads(line) for line in (out / "mentions.jsonl").read_text().splitlines()]
