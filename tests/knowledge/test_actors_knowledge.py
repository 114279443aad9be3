from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from comity.errors import KnowledgeError, NotFoundError
from comity.knowledge.actors import ActorKnowledge, name_key, noun_forms


@pytest.fixture(scope="module")
def kb() -> ActorKnowledge:
    return ActorKnowledge.default()


def matched(kb: ActorKnowledge, text: str) -> list[tuple[str, str]]:
    return [(m.text, m.forms[0].actor_id) for m in kb.match_names(text)]


def test_default_is_cached_and_holds_every_state(kb: ActorKnowledge) -> None:
    assert ActorKnowledge.default() is kb
    states = [e for e in kb.entries() if e.actor.kind == "state"]
    assert len(states) >= 193 + 5
    for code in ["PRK", "CUB", "TWN", "XKX", "PSE", "VAT", "ESH"]:
        assert kb.actor(f"state:{code}").code == code


@pytest.mark.parametrize(
    "spelling", ["Díaz-Canel", "Diaz-Canel", "Diaz Canel", "DÍAZ-CANEL", "Díaz Canel"]
)
def test_names_ignore_accents_hyphens_and_case(kb: ActorKnowledge, spelling: str) -> None:
    assert matched(kb, f"Miguel {spelling} spoke") == [(f"Miguel {spelling}", "person:diaz-canel-miguel")]


def test_korean_name_spellings_are_one_key() -> None:
    assert name_key("Kim Jong Un") == name_key("Kim Jong-un") == name_key("KIM_JONG_UN")


def test_state_names_abbreviations_and_demonyms(kb: ActorKnowledge) -> None:
    text = "The DPRK, also N. Korea or NK, and the Democratic People's Republic of Korea; North Korean troops."
    ids = {actor for _, actor in matched(kb, text)}
    assert ids == {"state:PRK"}
    assert [t for t, _ in matched(kb, text)] == [
        "DPRK", "N. Korea", "NK", "Democratic People's Republic of Korea", "North Korean",
    ]  # fmt: skip


def test_long_acronym_matches_in_lower_case_short_ones_only_as_written(kb: ActorKnowledge) -> None:
    assert matched(kb, "the dprk said") == [("dprk", "state:PRK")]
    assert matched(kb, "Tell us who did it, said the UN and the U.S.") == [("UN", "igo:un"), ("U.S", "state:USA")]
    assert matched(kb, "WHO warned") == [("WHO", "igo:who")]


def test_common_word_country_needs_a_capital(kb: ActorKnowledge) -> None:
    assert matched(kb, "they ate turkey in china bowls") == []
    assert matched(kb, "Turkey and China") == [("Turkey", "state:TUR"), ("China", "state:CHN")]


def test_igo_codes_follow_phoenix(kb: ActorKnowledge) -> None:
    expected = {"igo:un": "IGOUNO", "igo:eu": "IGOEUREEC", "igo:nato": "IGOWSTNAT", "igo:iaea": "IGOUNOIAE",
                "igo:asean": "IGOSEAASN", "igo:arableague": "IGOMEAARL", "igo:icc": "IGOJUDICC"}
    assert {k: kb.actor(k).code for k in expected} == expected


def test_parties_legislatures_armies_media(kb: ActorKnowledge) -> None:
    found = {m.text: kb.actor(m.forms[0].actor_id).code for m in kb.match_names(
        "the Workers' Party of Korea, the Communist Party of Cuba, the Supreme People's Assembly, "
        "the Korean People's Army, KCNA, Yonhap, Xinhua, the National Assembly of People's Power")}
    assert found == {
        "Workers' Party of Korea": "PRKPTY", "Communist Party of Cuba": "CUBPTY", "Supreme People's Assembly": "PRKLEG",
        "Korean People's Army": "PRKMIL", "KCNA": "PRKMED", "Yonhap": "KORMED", "Xinhua": "CHNMED",
        "National Assembly of People's Power": "CUBLEG",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("day", "code", "role_start"),
    [
        ("2015-09-05", "CUBGOV", "first vice president"),
        ("2018-11-04", "CUBGOV", "president of the Council of State"),
        ("2021-04-19", "CUBGOV", "president of the Republic"),
        ("2000-06-01", "CUBPTY", "first secretary of the Communist Party in Villa Clara"),
        ("1990-01-01", "CUB", None),
    ],
)
def test_diaz_canel_roles_over_time(kb: ActorKnowledge, day: str, code: str, role_start: str | None) -> None:
    got_code, role = kb.code_at("person:diaz-canel-miguel", date.fromisoformat(day))
    assert got_code == code
    assert (role or "").startswith(role_start or "")
    if day == "2021-04-19":
        assert "first secretary of the Communist Party of Cuba" in role


def test_kim_jong_un_before_and_after_december_2011(kb: ActorKnowledge) -> None:
    assert kb.code_at("person:kim-jong-un", date(2009, 1, 1)) == ("PRK", None)
    assert kb.code_at("person:kim-jong-un", date(2011, 6, 1))[0] == "PRKMIL"
    code, role = kb.code_at("person:kim-jong-un", date(2011, 12, 20))
    assert code == "PRKGOV" and role.startswith("supreme leader")


def test_raul_castro_2008_and_after_retiring(kb: ActorKnowledge) -> None:
    assert kb.code_at("person:castro-raul", date(2008, 6, 1))[0] == "CUBGOV"
    assert kb.code_at("person:castro-raul", date(2021, 4, 18)) == ("CUBGOV", "first secretary of the Communist Party of Cuba")
    code, role = kb.code_at("person:castro-raul", date(2021, 4, 20))
    assert code == "CUBELI" and role == "former first secretary of the Communist Party of Cuba"


def test_current_role_when_no_date(kb: ActorKnowledge) -> None:
    assert kb.code_at("person:diaz-canel-miguel", None)[0] == "CUBGOV"
    assert kb.code_at("state:CUB", None) == ("CUB", None)


def test_holders_of_an_office(kb: ActorKnowledge) -> None:
    assert kb.holders("CUB", "president", date(2021, 4, 20)) == ["person:diaz-canel-miguel"]
    assert kb.holders("CUB", "president", date(2015, 9, 5)) == ["person:castro-raul"]
    assert kb.holders("PRK", "leader", date(2005, 1, 1)) == ["person:kim-jong-il"]


def test_agent_nouns_singular_and_plural(kb: ActorKnowledge) -> None:
    assert {n: kb.agent_for(n) for n in ["foreign minister", "Foreign Ministers", "troops", "police", "rebels",
                                          "protesters", "journalists", "students", "workers", "lawmakers",
                                          "court", "people", "ruling party", "spokesmen"]} == {
        "foreign minister": "GOV", "Foreign Ministers": "GOV", "troops": "MIL", "police": "COP", "rebels": "REB",
        "protesters": "OPP", "journalists": "MED", "students": "EDU", "workers": "LAB", "lawmakers": "LEG",
        "court": "JUD", "people": "CVL", "ruling party": "PTY", "spokesmen": "GOV",
    }  # fmt: skip
    assert kb.agent_for("banana") is None


def test_an_agent_the_code_already_holds_is_not_added_again(kb: ActorKnowledge) -> None:
    assert kb.with_agent("RUS", "GOV") == "RUSGOV" and kb.with_agent("RUSGOV", "GOV") == "RUSGOV"
    assert kb.with_agent("XYZGOVMED", "GOVMED") == "XYZGOVMED"  # a two-part agent, held in full
    assert kb.with_agent("XYZGOV", "GOVMED") == "XYZGOVMED"  # held in part: the rest is added
    assert kb.with_agent("ARN", "NGO~") == "NGOARN"


def test_deed_nouns_give_the_country_acting(kb: ActorKnowledge) -> None:
    assert kb.deed_for("shelling") == "MIL" and kb.deed_for("air strikes") == "MIL"
    assert kb.deed_for("exports") == ""  # the country alone
    assert kb.deed_for("revolution") is None and kb.deed_for("sanctions") is None


def test_noun_forms() -> None:
    assert noun_forms("delegation") == ["delegation", "delegations"]
    assert noun_forms("party") == ["party", "parties"]
    assert noun_forms("spokesman") == ["spokesman", "spokesmen"]
    assert noun_forms("person|people") == ["person", "people"]


def test_variants_roles_and_search(kb: ActorKnowledge) -> None:
    assert "Kim Young Nam" in kb.variants("person:kim-yong-nam")
    assert [r.title for r in kb.roles("person:pak-pong-ju")] == ["premier", "premier"]
    assert [a.actor_id for a in kb.search("Castro")][:2] == ["person:castro-fidel", "person:castro-raul"]
    assert kb.search("DPRK")[0].actor_id == "state:PRK"
    with pytest.raises(NotFoundError):
        kb.actor("person:nobody")


def test_user_file_extends_the_defaults(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "actors:\n"
        "  - id: person:quimby-zora\n    name: Zora Quimby\n    country: CUB\n"
        "    roles:\n      - [minister of culture, ~GOV, 2020-01-15, null]\n"
        "  - {id: state:CUB, names: [Pearl of the Antilles]}\n",
        encoding="utf-8",
    )
    kb = ActorKnowledge.load(extra_actor_files=[extra])
    assert kb.code_at("person:quimby-zora", date(2021, 1, 1)) == ("CUBGOV", "minister of culture")
    assert [m.forms[0].actor_id for m in kb.match_names("the Pearl of the Antilles")] == ["state:CUB"]
    assert "Cuban" in kb.variants("state:CUB")  # merged, not replaced


def test_bad_entry_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("actors:\n  - id: person:x\n    name: X\n    roles:\n      - [boss, ~GOV, 2020-13-45, null]\n")
    with pytest.raises(KnowledgeError, match=r"bad\.yaml:2: .*not a date"):
        ActorKnowledge.load(extra_actor_files=[bad], include_default=False)


@pytest.mark.parametrize(
    ("country", "noun", "first_year"),
    [("USA", "president", 1946), ("GBR", "prime minister", 1946), ("JPN", "prime minister", 1946),
     ("FRA", "president", 1948), ("CHN", "premier", 1950), ("RUS", "president", 1992), ("KOR", "president", 1964),
     ("PRK", "premier", 1949), ("VNM", "prime minister", 1956), ("LAO", "president", 1976), ("CUB", "leader", 1960),
     ("USA", "secretary of state", 1946), ("CHN", "foreign minister", 1950), ("SUN", "foreign minister", 1946),
     ("GBR", "foreign secretary", 1946), ("PRK", "leader", 1949), ("VNM", "leader", 1961)],
)
def test_an_office_holder_every_year(kb: ActorKnowledge, country: str, noun: str, first_year: int) -> None:
    last_year = 1991 if country == "SUN" else 2024
    gaps = [year for year in range(first_year, last_year + 1) if not kb.holders(country, noun, date(year, 7, 1))]
    # Vacant on 1 July: Japan 1980 (Ohira died in office, an acting premier until 17 July).
    known_gaps = {("JPN", "prime minister"): [1980]}
    assert gaps == known_gaps.get((country, noun), [])


def test_bundled_people_are_consistent(kb: ActorKnowledge) -> None:
    import yaml

    from comity.knowledge.actors import ACTORS_DIR

    raw = yaml.safe_load((ACTORS_DIR / "people.yaml").read_text(encoding="utf-8"))["actors"]
    ids = [p["id"] for p in raw]
    assert len(ids) == len(set(ids)), "an id is listed twice in people.yaml"
    for entry in kb.entries():
        if entry.actor.kind != "person" or entry.broad:
            continue  # the bundled dictionaries' people are checked in test_phoenix.py
        assert entry.actor.country and entry.roles, entry.actor_id
        for role in entry.roles:
            assert role.start is None or role.end is None or role.start < role.end, (entry.actor_id, role)
            assert len(role.code) >= 6 and role.code[:3].isupper(), (entry.actor_id, role)


def test_yaml_is_read_with_libyaml_and_errors_keep_their_line(tmp_path: Path) -> None:
    import yaml

    from comity.knowledge.actors import _LineLoader

    if yaml.__with_libyaml__:
        assert issubclass(_LineLoader, yaml.CSafeLoader)  # the pure-Python parser is five times slower
    broken = tmp_path / "broken.yaml"
    broken.write_text("actors:\n  - id: person:x\n    names: [X, Y\n  - id: person:y\n")
    with pytest.raises(KnowledgeError, match=r"broken\.yaml:4: not valid YAML: while parsing a flow sequence"):
        ActorKnowledge.load(extra_actor_files=[broken], include_default=False)


def test_armed_groups_have_their_country_and_rebel_sector(kb: ActorKnowledge) -> None:
    found = {m.text: kb.actor(m.forms[0].actor_id).code for m in kb.match_names("Hamas and Hezbollah praised the Houthis.")}
    assert found == {"Hamas": "PSEREBHMS", "Hezbollah": "LBNREB", "Houthis": "YEMREB"}


def test_an_opposition_leader_is_coded_opposition_while_out_of_office(kb: ActorKnowledge) -> None:
    assert kb.code_at("person:lee-jae-myung", date(2023, 3, 16))[0] == "KOROPP"
    assert kb.code_at("person:lee-jae-myung", date(2025, 7, 1))[0] == "KORGOV"


def test_common_surnames_come_from_the_list_or_other_people_given_names(kb: ActorKnowledge) -> None:
    assert kb.is_common_surname("Sanchez") and kb.is_common_surname("Sánchez")  # listed
    assert kb.is_common_surname("Petro")  # Gustavo Petro's surname, Petro Poroshenko's given name
    assert not kb.is_common_surname("Kim")  # first in "Kim Jong Un", but a Korean surname
    assert not kb.is_common_surname("Merkel")
