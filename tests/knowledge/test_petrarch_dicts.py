"""PETRARCH/Phoenix dictionary readers: the format on small files of our own writing,
then the real dictionaries in ../shared/data (counts and a few known entries)."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest

from comity.knowledge.actors import ActorKnowledge
from comity.knowledge.petrarch_dicts import DatedCode, parse_date, read_actors, read_agents

ACTORS = """\
<!-- a comment
     over two lines -->
# a hash comment
RURITANIA_  [RUR]   # trailing comment
+RURITANIAN_
+STRELSAU
BORIS_OF_ELPHBERG_
+KING_BORIS
\t[RURGOV 19900101-951231]
\t[RURELI >960101]
\t[RUR]
TEMP_NAME_
FLAVIA_ [RURGOV <850101] [RURCVL]
GHOST_ [---]
"""

AGENTS = """\
!PERSON! = MAN, WOMAN
DOOR!PERSON! [~GRD]
MAGISTRATE {MAGISTRATES_GENERAL} [~JUD]
POLICE {} [~COP]
RELIEF_BODY [NGO~]
# STRIKE_LEADER [~LAB]
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_actor_format(tmp_path: Path) -> None:
    result = read_actors(write(tmp_path, "x.actors.txt", ACTORS))
    assert result.problems == []
    by_name = {a.names[0]: a for a in result.actors}
    assert list(by_name) == ["RURITANIA", "BORIS OF ELPHBERG", "TEMP NAME"]
    assert by_name["RURITANIA"].names == ("RURITANIA", "RURITANIAN", "STRELSAU")
    assert by_name["BORIS OF ELPHBERG"].codes == (
        DatedCode("RURGOV", date(1990, 1, 1), date(1996, 1, 1)),
        DatedCode("RURELI", date(1996, 1, 1), None),
        DatedCode("RUR"),
    )
    # a name without a code goes with the next actor that has one; "---" codes nothing
    flavia = by_name["TEMP NAME"]
    assert flavia.names == ("TEMP NAME", "FLAVIA")
    assert flavia.codes == (DatedCode("RURGOV", None, date(1985, 1, 1)), DatedCode("RURCVL"))


def test_plus_code_is_an_ordinary_code_and_dashes_code_nothing(tmp_path: Path) -> None:
    result = read_actors(write(tmp_path, "odd.txt", "BLACK_RIDERS_ [+++]\nGHOST_ [---]\nHAUNT_ [---]\n"))
    assert [(a.names[0], a.codes) for a in result.actors] == [("BLACK RIDERS", (DatedCode("+++"),))]


def test_two_digit_years() -> None:
    assert parse_date("080224") == date(2008, 2, 24)
    assert parse_date("761203") == date(1976, 12, 3)
    assert parse_date("20090120") == date(2009, 1, 20)


def test_bad_restriction_is_reported_not_fatal(tmp_path: Path) -> None:
    result = read_actors(write(tmp_path, "bad.txt", "A_ [AAAGOV 2004017-20061201]\nB_ [BBB]\n"))
    assert [a.names[0] for a in result.actors] == ["B"]
    assert len(result.problems) == 1 and "bad.txt:1" in result.problems[0]


def test_agent_format(tmp_path: Path) -> None:
    result = read_agents(write(tmp_path, "x.agents.txt", AGENTS))
    nouns = {(a.noun, a.code, a.prefix) for a in result.agents}
    assert ("doorman", "GRD", False) in nouns and ("doorwoman", "GRD", False) in nouns
    assert ("doormen", "GRD", False) in nouns  # the regular plural is made
    assert ("magistrates general", "JUD", False) in nouns
    assert {a.noun for a in result.agents if a.code == "COP"} == {"police"}  # {}: no plural
    assert ("relief body", "NGO", True) in nouns
    assert not any("strike" in a.noun for a in result.agents)


def test_knowledge_from_petrarch_files(tmp_path: Path) -> None:
    kb = ActorKnowledge.from_petrarch([write(tmp_path, "a.txt", ACTORS)], [write(tmp_path, "g.txt", AGENTS)])
    (match,) = kb.match_names("King Boris spoke")
    boris = match.forms[0].actor_id
    assert kb.code_at(boris, date(1993, 5, 1))[0] == "RURGOV"
    assert kb.code_at(boris, date(2001, 5, 1))[0] == "RURELI"
    assert kb.code_at(boris, date(1980, 5, 1))[0] == "RUR"
    assert kb.agent_for("doormen") == "GRD"


def test_agent_composition_follows_petrarch(tmp_path: Path) -> None:
    kb = ActorKnowledge.from_petrarch([write(tmp_path, "a.txt", ACTORS)], [write(tmp_path, "g.txt", AGENTS)])
    assert kb.with_agent("RUR", "JUD") == "RURJUD"  # a group code outside ISO 3166 keeps its agent
    assert kb.with_agent("RURJUD", "JUD") == "RURJUD"  # never twice
    assert kb.with_agent("RURGOVMED", "GOV") == "RURGOVMED"
    assert kb.with_agent("RURGOV", "COP") == "RURGOVCOP"  # stacked, as in PETRARCH's validation set
    assert kb.with_agent("RURJU", "DGO") == "RURJUDGO"  # parts are read three letters at a time
    assert kb.with_agent("RUR", None) == "RUR"
    assert kb.agent_for("relief body") == "NGO~"  # "[NGO~]": a prefix agent
    assert kb.with_agent("RUR", "NGO~") == "NGORUR" and kb.with_agent("NGORUR", "NGO~") == "NGORUR"


def test_petrarch_files_extend_the_bundled_knowledge(tmp_path: Path) -> None:
    kb = ActorKnowledge.load(extra_actor_files=[write(tmp_path, "a.txt", ACTORS)], extra_agent_files=[write(tmp_path, "g.txt", AGENTS)])
    found = {m.text: m.forms[0].actor_id for m in kb.match_names("King Boris met Miguel Diaz-Canel in Strelsau")}
    assert found["Miguel Diaz-Canel"] == "person:diaz-canel-miguel"
    assert found["King Boris"].startswith("petrarch:")
    assert kb.agent_for("doorwoman") == "GRD" and kb.agent_for("foreign minister") == "GOV"
    both = ActorKnowledge.from_petrarch([write(tmp_path, "b.txt", ACTORS)], [], include_default=True)
    assert "state:PRK" in both and any(e.actor_id.startswith("petrarch:") for e in both.entries())


@pytest.fixture(scope="module")
def phoenix(shared_dir: Path) -> Path:
    return shared_dir / "data" / "phoenix"


def test_phoenix_actor_dictionaries(phoenix: Path) -> None:
    counts = {name: len(read_actors(phoenix / name).actors) for name in
              ["Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"]}
    assert counts == {"Phoenix.Countries.actors.txt": 18350, "Phoenix.International.actors.txt": 7838,
                      "Phoenix.MilNonState.actors.txt": 1021}  # fmt: skip
    countries = read_actors(phoenix / "Phoenix.Countries.actors.txt")
    assert len(countries.problems) == 7  # malformed dates in the file itself, e.g. "9008223"
    fidel = next(a for a in countries.actors if a.names[0] == "FIDEL CASTRO")
    assert DatedCode("CUBGOV", date(1976, 12, 3), date(2008, 2, 25)) in fidel.codes
    north_korea = next(a for a in countries.actors if a.names[0] == "NORTH KOREA")
    assert "DPRK" in north_korea.names and north_korea.codes == (DatedCode("PRK"),)


def test_phoenix_agents(phoenix: Path) -> None:
    result = read_agents(phoenix / "Phoenix.agents.txt")
    assert len(result.agents) == 6697
    assert len(result.problems) == 1  # "ISLAMIC_EXTREMIST" has no code
    nouns = {a.noun: a.code for a in result.agents}
    assert nouns["foreign minister"] == "GOV" and nouns["policeman"] == "COP" and nouns["police"] == "COP"


def test_petrarch_validation_dictionaries(shared_dir: Path) -> None:
    petrarch = shared_dir / "data" / "petrarch"
    actor_counts = [len(read_actors(petrarch / n).actors) for n in ["PETR.Validate.actors.txt", "UD_PETR_Validate_actors_2_02.txt"]]
    agent_counts = [len(read_agents(petrarch / n).agents) for n in ["PETR.Validate.agents.txt", "UD_PETR_Validate_agents_2_02.txt"]]
    assert actor_counts == [127, 132] and agent_counts == [174, 174]  # ISILDUR and NASGUL coded "+++" included
    gamgee = next(a for a in read_actors(petrarch / "UD_PETR_Validate_actors_2_02.txt").actors if a.names[0] == "SAM GAMGEE")
    kb = ActorKnowledge.from_petrarch([petrarch / "UD_PETR_Validate_actors_2_02.txt"], [])
    sam = next(e.actor_id for e in kb.entries() if e.names[0] == "SAM GAMGEE")
    assert kb.code_at(sam, date(2010, 1, 10))[0] == "ORCHOB"  # listed first, it overrides HOBMIL
    assert kb.code_at(sam, date(2009, 1, 10))[0] == "HOBMIL"
    assert len(gamgee.codes) == 6


def test_phoenix_knowledge_matches_text(phoenix: Path) -> None:
    kb = ActorKnowledge.from_petrarch(
        [phoenix / "Phoenix.Countries.actors.txt", phoenix / "Phoenix.International.actors.txt"], [phoenix / "Phoenix.agents.txt"]
    )
    found = {m.text: kb.code_at(m.forms[0].actor_id, date(2000, 1, 1))[0] for m in kb.match_names("Fidel Castro met the UN Security Council and NATO.")}
    assert found == {"Fidel Castro": "CUBGOV", "UN Security Council": "IGOUNO", "NATO": "IGOWSTNAT"}


@pytest.mark.slow
def test_phoenix_loading_time(phoenix: Path) -> None:
    start = time.perf_counter()
    kb = ActorKnowledge.from_petrarch(sorted(phoenix.glob("*.actors.txt")), [phoenix / "Phoenix.agents.txt"])
    kb.match_names("warm up the index")
    elapsed = time.perf_counter() - start
    assert len(kb) == 27209
    assert elapsed < 60, f"loading Phoenix took {elapsed:.1f}s"
