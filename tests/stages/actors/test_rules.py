"""The actors stage, one test per resolution rule, on sentences of our own writing,
then the participants the gold needs in the real seed articles 003 and 004."""

from __future__ import annotations

from pathlib import Path

import pytest

from comity.model import ActorMention, Document, Found, Section, SectionKind, Span
from comity.pipeline import Pipeline
from comity.stages.actors import ActorStage, aggregate_unresolved, unresolved
from comity.stages.parse import ParseStage


@pytest.fixture(scope="session")
def actors() -> ActorStage:
    return ActorStage()


def make_doc(text: str, published: str | None = "2021-04-20", outlet: str | None = None, headline: str = "") -> Document:
    full = f"{headline}\n\n{text}" if headline else text
    sections = [Section(SectionKind.BODY, Span(len(full) - len(text), len(full)))]
    if headline:
        sections.insert(0, Section(SectionKind.HEADLINE, Span(0, len(headline))))
    doc = Document(doc_id="t", text=full, content_hash="h", origin="test", input_format="txt", sections=sections)
    doc.meta.published = Found(published, "test") if published else None
    doc.meta.outlet = Found(outlet, "test") if outlet else None
    return doc


@pytest.fixture
def run(parse: ParseStage, actors: ActorStage):
    def run_text(text: str, **kwargs) -> Document:
        return actors(parse(make_doc(text, **kwargs)))

    return run_text


def mention(doc: Document, text: str, nth: int = 0) -> ActorMention:
    found = [m for m in doc.actor_mentions if m.text == text]
    assert len(found) > nth, f"no mention {text!r}; mentions: {[m.text for m in doc.actor_mentions]}"
    return found[nth]


def texts(doc: Document) -> list[str]:
    return [m.text for m in doc.actor_mentions]


def test_stage_contract_fits_a_pipeline(actors: ActorStage, parse: ParseStage) -> None:
    assert actors.name == "actors"
    assert actors.requires == {"parsed", "sentences", "meta"}
    assert actors.assigns == {"actor_mentions"}
    pipeline = Pipeline([parse, actors], provided={"text", "sections", "meta"})
    assert pipeline.names == ["parse", "actors"]


def test_name_and_variant_spellings_resolve_to_one_person(run) -> None:
    doc = run("Kim Jong-un met Miguel Diaz Canel in the capital. Kim Jung Un later hosted Miguel Díaz-Canel Bermúdez.")
    assert {m.actor_id for m in doc.actor_mentions if m.text.startswith("Kim Jong")} == {"person:kim-jong-un"}
    diaz = [m for m in doc.actor_mentions if "Canel" in m.text]
    assert {m.actor_id for m in diaz} == {"person:diaz-canel-miguel"}
    assert mention(doc, "Kim Jong-un").rule == "name"  # the same words as "Kim Jong Un"
    assert mention(doc, "Kim Jung Un").rule == "variant"
    assert mention(doc, "Miguel Díaz-Canel Bermúdez").rule == "variant"


def test_title_before_a_known_name_is_one_mention(run) -> None:
    doc = run("Cuban First Vice President Miguel Diaz-Canel arrived on Friday.", published="2015-09-05")
    m = mention(doc, "Cuban First Vice President Miguel Diaz-Canel")
    assert (m.actor_id, m.code, m.rule) == ("person:diaz-canel-miguel", "CUBGOV", "title+name")
    assert m.role.startswith("first vice president")
    assert "Cuban" not in texts(doc)


def test_title_alone_names_the_holder_on_the_date(run) -> None:
    doc = run("The Cuban president thanked the hosts.", published="2021-04-20")
    m = mention(doc, "Cuban president")
    assert (m.actor_id, m.code, m.rule) == ("person:diaz-canel-miguel", "CUBGOV", "title:holder")


def test_apposition_codes_an_unknown_person(run) -> None:
    doc = run("Tomas Quintero Vidal, vice president of Cuba, met the visitors in Hanoi.")
    m = mention(doc, "Tomas Quintero Vidal")
    assert (m.actor_id, m.code, m.country, m.rule) == (None, "CUBGOV", "CUB", "apposition")
    assert m in unresolved(doc)


def test_title_without_country_takes_the_outlet_country(run) -> None:
    doc = run("Premier Jo Myong Sik inspected a fertilizer factory on Tuesday.", outlet="Korean Central News Agency")
    m = next(m for m in doc.actor_mentions if m.text.startswith("Premier"))
    assert (m.code, m.country, m.rule, m.role) == ("PRKGOV", "PRK", "title+context", "premier")


def test_demonym_and_agent_noun(run) -> None:
    doc = run("The Cuban delegation laid a wreath at the monument.")
    m = mention(doc, "Cuban delegation")
    assert (m.actor_id, m.code, m.rule, m.role) == ("state:CUB", "CUBGOV", "demonym+agent", "delegation")


def test_korean_people_in_a_dprk_outlet_are_north_korean(run) -> None:
    kcna = run("The Korean people extend full support to the struggle.", outlet="KCNA")
    assert mention(kcna, "Korean people").code == "PRKCVL"
    yonhap = run("The Korean people watched the match in Seoul.", outlet="Yonhap")
    assert mention(yonhap, "Korean people").code == "KORCVL"


def test_conjoined_agent_inherits_the_country(run) -> None:
    doc = run("The Cuban government and people made great achievements.")
    assert mention(doc, "Cuban government").code == "CUBGOV"
    people = mention(doc, "people")
    assert (people.code, people.rule) == ("CUBCVL", "conj+agent")


def test_capital_as_speaker_is_an_actor_but_not_as_a_place(run) -> None:
    doc = run("Pyongyang said on Monday that it rejects the offer. Delegates met in Pyongyang.")
    speakers = [m for m in doc.actor_mentions if m.text == "Pyongyang"]
    assert len(speakers) == 1
    assert (speakers[0].code, speakers[0].rule) == ("PRKGOV", "metonym")
    assert speakers[0].span.start == 0


def test_capital_addressed_by_a_speech_verb_is_an_actor_but_not_one_travelled_to(run) -> None:
    doc = run("Seoul complained to Tokyo about the textbooks. The envoy flew to Tokyo on Monday.")
    tokyos = [m for m in doc.actor_mentions if m.text == "Tokyo"]
    assert [(m.code, m.span.start < doc.text.index("envoy")) for m in tokyos] == [("JPNGOV", True)]


def test_they_after_a_subject_naming_two_governments_is_both(run) -> None:
    doc = run("The governments of Chile and Peru signed a fisheries accord on Monday. "
              "They also promised to patrol the shared coast together.")
    they = mention(doc, "They")
    assert they.rule == "coref:pronoun-group"
    assert set(they.members) == {"state:CHL", "state:PER"} and set(they.member_codes) == {"CHLGOV", "PERGOV"}


def test_they_in_the_clause_of_a_coordinated_subject(run) -> None:
    doc = run("Chile and Peru announced on Monday that they would patrol the shared coast together.")
    assert set(mention(doc, "they").members) == {"state:CHL", "state:PER"}


def test_they_after_a_plural_agent_alone_in_its_sentence_is_that_agent(run) -> None:
    doc = run("Peruvian fishermen blocked the port of Callao on Monday. They demanded lower fuel prices.")
    they = mention(doc, "They")
    assert (they.code, they.rule, they.antecedent) == ("PERAGR", "coref:pronoun", mention(doc, "Peruvian fishermen").span)
    doc = run("Peruvian officials met Chilean diplomats in Lima. They discussed fishing rights.")
    assert "They" not in texts(doc)  # two parties named: "they" may be either, or both


def test_they_after_a_single_actor_or_a_thing_stays_unresolved(run) -> None:
    doc = run("Chile protested to Peru on Monday. They said the patrols had crossed the line.")
    assert "They" not in texts(doc)  # one state as subject: "they" may be its officials, or anyone
    doc = run("Chile and Peru held talks in Lima. The talks were long, and they ended late.")
    assert "they" not in texts(doc)  # the nearest subject is the talks, not the two states
    doc = run("Chile, Peru and envoy Tomas Vrba of Ruritania met in Lima. They agreed to meet again.")
    assert "They" not in texts(doc)  # the group would leave out the envoy the knowledge cannot name


def test_capital_in_a_dateline_is_not_an_actor(run) -> None:
    doc = run("Pyongyang, March 24 (KCNA) -- Kim Jong Un sent a message.", published="2021-03-24")
    assert "Pyongyang" not in texts(doc)
    assert "KCNA" in texts(doc)


def test_international_organisation_in_a_dateline_is_not_an_actor(run) -> None:
    doc = run("UNITED NATIONS (Wire) -- The General Assembly voted on Wednesday.")
    assert texts(doc) == ["General Assembly"]


def test_security_forces_and_crowds_belong_to_the_dateline_country(run) -> None:
    doc = run("HAVANA -- Police detained dozens of protesters on Sunday.", outlet="Some Daily")
    police, protesters = mention(doc, "Police"), mention(doc, "protesters")
    assert (police.code, police.rule) == ("CUBCOP", "agent+dateline")
    assert protesters.code == "CUBOPP"


def test_government_in_a_capital(run) -> None:
    doc = run("Washington urged the government in Havana to listen.")
    m = mention(doc, "government in Havana")
    assert (m.actor_id, m.code, m.rule) == ("state:CUB", "CUBGOV", "agent+of-place")


def test_possessive_pronoun_with_an_agent_noun(run) -> None:
    doc = run("Russia said on Monday that its troops would stay.", published="2022-03-02")
    m = mention(doc, "its troops")
    assert (m.code, m.rule, m.antecedent) == ("RUSMIL", "coref:pronoun+agent", mention(doc, "Russia").span)


def test_surname_goes_to_the_most_named_person(run) -> None:
    doc = run("North Korean leader Kim Jong Un wrote to Moon Jae-in. In the letter, Kim voiced regret, "
              "spokesman Kim Eui-kyeom said. Kim also said he wants peace.", published="2018-12-30")
    last_kim = [m for m in doc.actor_mentions if m.text == "Kim"][-1]
    assert last_kim.actor_id == "person:kim-jong-un"


def test_title_without_a_date_names_no_holder(run) -> None:
    doc = run("He wants to meet the South Korean leader often.", published=None)
    m = mention(doc, "South Korean leader")
    assert (m.actor_id, m.code, m.rule) == ("state:KOR", "KORGOV", "demonym+agent")


def test_without_a_date_a_named_person_holds_the_office_the_text_gives(run) -> None:
    # Yoon later left office; an undated text calling him president still means the president.
    doc = run("South Korean President Yoon Suk Yeol met Japanese Prime Minister Fumio Kishida in Tokyo.",
              published=None)
    yoon = mention(doc, "South Korean President Yoon Suk Yeol")
    kishida = mention(doc, "Japanese Prime Minister Fumio Kishida")
    assert (yoon.actor_id, yoon.code) == ("person:yoon-suk-yeol", "KORGOV")
    assert kishida.code == "JPNGOV"


def test_without_a_date_a_title_the_dictionary_lists_in_a_name_is_the_office_held(run) -> None:
    # "President Reagan" is one of Reagan's names in the dictionaries; undated, his latest
    # standing is a former president, but the text calls him president
    doc = run("President Reagan will reject the tax increase.", published=None)
    assert mention(doc, "President Reagan").code == "USAGOV"


def test_capital_after_with_is_a_participant(run) -> None:
    doc = run("Tokyo has sought closer ties with Washington.")
    assert mention(doc, "Washington").code == "USAGOV"
    assert mention(doc, "Tokyo").code == "JPNGOV"


def test_surname_refers_back_to_the_full_name(run) -> None:
    doc = run("Kim Jong Un received a letter on Monday. Kim praised the sender.")
    full = mention(doc, "Kim Jong Un")
    kim = mention(doc, "Kim")
    assert (kim.actor_id, kim.rule, kim.antecedent) == ("person:kim-jong-un", "coref:surname", full.span)


def test_headline_surname_is_the_person_the_story_goes_on_to_name(run) -> None:
    # Undated, "Yoon" alone would take his latest standing (a former president); the body
    # calls him president, and the headline means the same man in the same office.
    doc = run("South Korean President Yoon Suk Yeol met Japanese Prime Minister Fumio Kishida in Tokyo on Thursday.",
              published=None, headline="Yoon and Kishida agree to meet again")
    yoon, kishida = mention(doc, "Yoon"), mention(doc, "Kishida")
    full_yoon = mention(doc, "South Korean President Yoon Suk Yeol")
    assert (yoon.actor_id, yoon.code, yoon.rule, yoon.antecedent) == ("person:yoon-suk-yeol", "KORGOV", "cataphora:surname", full_yoon.span)
    assert (kishida.actor_id, kishida.code) == ("person:kishida-fumio", "JPNGOV")


def test_ambiguous_headline_surname_is_settled_by_the_body(run) -> None:
    doc = run("North Korean leader Kim Jong Un and South Korean President Moon Jae-in vowed on Friday to end the war.",
              published="2018-04-27", headline="Moon and Kim vow to end the war")
    kim = mention(doc, "Kim")
    assert (kim.actor_id, kim.code) == ("person:kim-jong-un", "PRKGOV")
    assert mention(doc, "Moon").code == "KORGOV"  # the office held that day, not his later standing


def test_surname_with_another_title_is_not_the_same_person(run) -> None:
    doc = run("Foreign Minister Ri Su Yong greeted the guests. Vice Minister Ri and Foreign Minister Ri saw them off.",
              published="2015-09-05", outlet="Havana Times")
    vice = mention(doc, "Vice Minister Ri")
    assert vice.actor_id is None and vice.country == "PRK"
    assert mention(doc, "Foreign Minister Ri").actor_id == "person:ri-su-yong"


def test_known_surname_inside_an_unknown_name_is_someone_else(run) -> None:
    doc = run("Kim Jong Un met the guests. Present were Kim Sung Du, chairman of the Education Commission, "
              "and Ri Kwang Gun, vice minister of Foreign Trade.", outlet="Havana Times")
    for name in ["Kim Sung Du", "Ri Kwang Gun"]:
        m = mention(doc, name)
        # unknown people, coded by their title and the country of everyone else called Kim or Ri
        assert (m.actor_id, m.code, m.rule) == (None, "PRKGOV", "apposition")


def test_the_leader_refers_to_the_last_leader_as_subject(run) -> None:
    doc = run("Kim Jong Un sent greetings to Fidel Castro and Raul Castro. After the meeting, the leader invited the guests to a concert.",
              published="2015-09-05")
    leader = mention(doc, "leader")
    assert (leader.actor_id, leader.rule) == ("person:kim-jong-un", "coref:definite")


def test_the_title_refers_to_the_person_holding_it(run) -> None:
    doc = run("Kim Jong Un wrote to Miguel Diaz-Canel. He recalled talks with the respected first secretary in 2018.",
              published="2021-04-20")
    m = mention(doc, "respected first secretary")
    assert (m.actor_id, m.rule) == ("person:diaz-canel-miguel", "coref:definite")


def test_the_delegation_refers_back_to_the_delegation(run) -> None:
    doc = run("The Cuban delegation arrived on Friday. Later the delegation visited a museum.")
    later = next(m for m in doc.actor_mentions if m.text == "delegation")
    assert (later.code, later.rule, later.antecedent) == ("CUBGOV", "coref:definite", mention(doc, "Cuban delegation").span)


def test_pronoun_takes_the_nearest_person_in_its_sentence(run) -> None:
    doc = run("Kim Jong Un wrote to Miguel Diaz-Canel shortly after he was elected.")
    he = mention(doc, "he")
    assert (he.actor_id, he.rule) == ("person:diaz-canel-miguel", "coref:pronoun")


def test_pronoun_is_not_the_person_named_again_in_its_clause(run) -> None:
    doc = run("Kim Jong Un sent a letter to President Moon Jae-in in which he said he wants to meet the "
              "South Korean leader often.", published=None)
    assert {m.actor_id for m in doc.actor_mentions if m.text == "he"} == {"person:kim-jong-un"}


def test_pronoun_at_sentence_start_takes_the_previous_subject(run) -> None:
    doc = run("Kim Jong Un sent a message to Raul Castro Ruz. He stressed the friendship.", published="2021-03-24")
    he = mention(doc, "He")
    assert he.actor_id == "person:kim-jong-un"
    assert he.antecedent == mention(doc, "Kim Jong Un").span


def test_it_refers_to_an_organisation(run) -> None:
    doc = run("Kim Jong Un praised the Cuban leader, the Korean Central News Agency said. It gave no date.")
    assert mention(doc, "It").actor_id == "org:prk-kcna"


def test_the_two_countries_are_the_main_dyad(run) -> None:
    doc = run("North Korea and Cuba signed a pact. The DPRK praised Cuba. The two countries will meet again.")
    group = mention(doc, "The two countries")
    assert group.rule == "group:dyad"
    assert set(group.members) == {"state:PRK", "state:CUB"}
    assert group.resolved
    assert group.member_codes == tuple(member.removeprefix("state:") for member in group.members)


def test_a_place_named_only_as_a_location_is_not_one_of_the_two_countries(run) -> None:
    doc = run("President Donald Trump met North Korean leader Kim Jong Un at a hotel in Singapore on Tuesday. "
              "Trump said the talks in Singapore went well, and Kim promised to work for peace. The Singapore "
              "summit drew reporters to Singapore from around the world. The two countries will meet again, "
              "and the two leaders signed a statement.", published="2018-06-12")
    countries = mention(doc, "The two countries")
    assert (countries.members, countries.member_codes) == (("state:USA", "state:PRK"), ("USA", "PRK"))
    leaders = mention(doc, "the two leaders")
    assert leaders.members == ("person:trump-donald", "person:kim-jong-un")
    assert leaders.member_codes == ("USAGOV", "PRKGOV")


def test_spacy_organisation_label_does_not_matter(run) -> None:
    doc = run("At the plenary of the Central Committee of the Communist Party of Cuba, Diaz-Canel spoke.")
    assert mention(doc, "Central Committee of the Communist Party of Cuba").code == "CUBPTY"
    assert mention(doc, "Diaz-Canel").actor_id == "person:diaz-canel-miguel"


def test_adjective_demonym_is_not_an_actor(run) -> None:
    doc = run("The Cuban revolution changed the region.")
    assert "Cuban" not in texts(doc)
    assert not any(m.text.startswith("Cuban") for m in doc.actor_mentions)


@pytest.mark.parametrize(
    ("sentence", "phrase", "code", "rule"),
    [("Russian shelling damaged a school near the border.", "Russian shelling", "RUSMIL", "demonym+deed"),
     ("Heavy Russian air strikes hit the port.", "Russian air strikes", "RUSMIL", "demonym+deed"),
     ("Israeli aircraft struck a depot overnight.", "Israeli aircraft", "ISRMIL", "demonym+agent"),
     ("Russian private banks lost access to the network.", "Russian private banks", "RUSBUS", "demonym+agent"),
     ("Cuban exports to Vietnam doubled last year.", "Cuban exports", "CUB", "demonym+deed")],
)
def test_demonym_before_an_agent_or_deed_noun_is_the_country_acting(run, sentence: str, phrase: str, code: str, rule: str) -> None:
    m = mention(run(sentence), phrase)
    assert (m.code, m.rule) == (code, rule)
    assert m.actor_id == f"state:{code[:3]}"


def test_group_outside_iso_keeps_its_agent(parse: ParseStage, tmp_path: Path) -> None:
    from comity.knowledge.actors import ActorKnowledge

    (tmp_path / "a.txt").write_text("RURITANIA_ [RUR]\n+RURITANIAN_\nELPHBERG_ [RURGOV]\n", encoding="utf-8")
    (tmp_path / "g.txt").write_text("GOVERNMENT [~GOV]\nSOLDIER [~MIL]\nJUDGE [~JUD]\n", encoding="utf-8")
    kb = ActorKnowledge.from_petrarch([tmp_path / "a.txt"], [tmp_path / "g.txt"])
    doc = ActorStage(kb)(parse(make_doc("The Ruritania government protested. Ruritanian soldiers and the Elphberg government "
                                        "left. Judges from Ruritania stayed. Ruritanian government soldiers and judges came.")))
    assert mention(doc, "Ruritania government").code == "RURGOV"
    assert mention(doc, "Judges from Ruritania").code == "RURJUD"
    # agent nouns stack, and a conjoined noun replaces only the last one
    assert mention(doc, "Ruritanian government soldiers").code == "RURGOVMIL"
    assert mention(doc, "judges").code == "RURGOVJUD"
    assert mention(doc, "Ruritanian soldiers").code == "RURMIL"
    assert mention(doc, "Elphberg government").code == "RURGOV"  # not RURGOVGOV


def test_unknown_names_are_listed_and_aggregated(run) -> None:
    first = run("Minister Hollis Brandywine met Kim Jong Un.")
    first.doc_id = "first"
    second = run("Hollis Brandywine spoke to reporters.")
    names = aggregate_unresolved([first, second])
    brandywine = next(n for n in names if "Brandywine" in n.text)
    assert (brandywine.text, brandywine.count, brandywine.documents) == ("Hollis Brandywine", 2, 2)
    assert all(not m.resolved for m in unresolved(second))


def test_code_is_taken_at_the_publication_date(run) -> None:
    before = run("Raul Castro spoke.", published="2008-06-01")
    after = run("Raul Castro spoke.", published="2021-04-20")
    assert mention(before, "Raul Castro").code == "CUBGOV"
    assert mention(after, "Raul Castro").code == "CUBELI"


def test_uncoded_sections_give_no_mentions(parse: ParseStage, actors: ActorStage) -> None:
    text = "Kim Jong Un met Moon.\n\nComment: Cuba is great."
    doc = Document("t", text, "h", "test", "txt", sections=[Section(SectionKind.BODY, Span(0, 21)),
                                                           Section(SectionKind.COMMENT, Span(23, len(text)))])
    doc = actors(parse(doc))
    assert all(m.span.end <= 21 for m in doc.actor_mentions)


# ---------------------------------------------------------------- the real seeds

SEED_CUTS = {"003": None, "004": "More From KCNA"}


def seed_doc(seeds_dir: Path, prefix: str, published: str) -> Document:
    path = next(seeds_dir.glob(f"{prefix}_*.txt"))
    text = path.read_text(encoding="utf-8")
    cut = SEED_CUTS[prefix]
    end = len(text[: text.index(cut)].rstrip()) if cut else len(text.rstrip())
    headline_end = text.index("\n")
    sections = [Section(SectionKind.HEADLINE, Span(0, headline_end)), Section(SectionKind.BODY, Span(headline_end + 1, end))]
    doc = Document(path.stem, text, "h", str(path), "txt", sections=sections)
    doc.meta.published = Found(published, "test")
    return doc


@pytest.fixture(scope="module")
def seed_003(seeds_dir: Path, parse: ParseStage, actors: ActorStage) -> Document:
    return actors(parse(seed_doc(seeds_dir, "003", "2021-04-20T10:08")))


@pytest.fixture(scope="module")
def seed_004(seeds_dir: Path, parse: ParseStage, actors: ActorStage) -> Document:
    return actors(parse(seed_doc(seeds_dir, "004", "2021-03-24")))


def test_seed_003_participants(seed_003: Document) -> None:
    kim = mention(seed_003, "North Korean leader Kim Jong-un")
    assert (kim.actor_id, kim.code, kim.country) == ("person:kim-jong-un", "PRKGOV", "PRK")
    diaz = mention(seed_003, "Cuban President Miguel Diaz-Canel")
    assert (diaz.actor_id, diaz.code) == ("person:diaz-canel-miguel", "CUBGOV")
    assert mention(seed_003, "NK leader").code == "PRKGOV"
    assert mention(seed_003, "Cuban president").code == "CUBGOV"
    # "…to the leaders of China, Cuba, Vietnam and Laos": each listed state takes the agent
    for name, code in [("China", "CHNGOV"), ("Vietnam", "VNMGOV"), ("Laos", "LAOGOV"), ("Washington", "USAGOV")]:
        assert mention(seed_003, name).code == code
    assert mention(seed_003, "Cuba").code == "CUB"
    assert mention(seed_003, "Communist Party of Cuba").code == "CUBPTY"
    assert mention(seed_003, "Raul Castro").actor_id == "person:castro-raul"


def test_seed_003_coreference(seed_003: Document) -> None:
    kims = [m for m in seed_003.actor_mentions if m.text == "Kim"]
    assert kims and all(m.actor_id == "person:kim-jong-un" and m.rule == "coref:surname" for m in kims)
    he = next(m for m in seed_003.actor_mentions if m.text == "he")
    assert he.actor_id == "person:diaz-canel-miguel"  # "…to Diaz-Canel shortly after he succeeded Raul Castro"
    assert mention(seed_003, "leader Kim").actor_id == "person:kim-jong-un"
    dyads = [m for m in seed_003.actor_mentions if m.rule == "group:dyad"]
    assert dyads and all(set(m.members) == {"state:PRK", "state:CUB"} for m in dyads)


def test_seed_004_participants(seed_004: Document) -> None:
    kim = mention(seed_004, "Kim Jong Un")
    assert (kim.actor_id, kim.code) == ("person:kim-jong-un", "PRKGOV")
    raul = mention(seed_004, "Raul Castro Ruz")
    assert (raul.actor_id, raul.country) == ("person:castro-raul", "CUB")
    assert raul.code == "CUBGOV"  # first secretary until 2021-04-19
    assert mention(seed_004, "WPK").code == "PRKPTY"
    assert mention(seed_004, "Workers' Party of Korea").code == "PRKPTY"
    assert mention(seed_004, "Communist Party of Cuba").code == "CUBPTY"
    assert mention(seed_004, "Cuba").code == "CUB"
    assert mention(seed_004, "DPRK people").code == "PRKCVL"
    he = mention(seed_004, "He")
    assert (he.actor_id, he.rule) == ("person:kim-jong-un", "coref:pronoun")
    assert "Congress" not in texts(seed_004)  # "the 8th Congress of the WPK" is no actor


# ---------------------------------------------------------------- coreference fixes


def test_surname_prefers_the_salient_person_over_the_latest(run) -> None:
    doc = run("North Korean leader Kim Jong Un wrote to President Moon Jae-in. Presidential spokesman Kim Eui-kyeom "
              "read the letter to reporters. Kim said he hopes to visit Seoul soon.", published="2018-12-30")
    kim = mention(doc, "Kim")
    assert (kim.actor_id, kim.rule) == ("person:kim-jong-un", "coref:surname")


def test_a_place_in_the_phrase_beats_the_dateline(run) -> None:
    doc = run("HAVANA -- Militants in Gaza fired two rockets on Tuesday, and protesters in Kharkiv marched.", outlet="Some Daily")
    militants = mention(doc, "Militants in Gaza")
    assert (militants.code, militants.country, militants.rule) == ("PSEREB", "PSE", "agent+in-place")
    assert mention(doc, "protesters in Kharkiv").code == "UKROPP"


def test_places_listed_after_an_agent_noun_each_take_the_agent(run) -> None:
    doc = run("Lawmakers in Laos and Vietnam welcomed the talks. The ambassadors of Cuba, Laos and Vietnam "
              "arrived, and officials in Hanoi, Moscow said, were pleased.")
    assert [(m.text, m.code) for m in doc.actor_mentions if m.rule == "agent+in-place"] == [
        ("Laos", "LAOLEG"), ("Vietnam", "VNMLEG"), ("Cuba", "CUBGOV"), ("Laos", "LAOGOV"), ("Vietnam", "VNMGOV")]
    assert mention(doc, "Moscow").code == "RUSGOV"  # "Hanoi, Moscow said" is no list


def test_object_pronoun_is_not_the_subject_of_its_own_clause(run) -> None:
    doc = run("Kim Yong Nam hosted a Cuban delegation headed by Miguel Diaz-Canel, which paid a courtesy call "
              "on him at the hall.", published="2015-09-05")
    him = mention(doc, "him")
    assert (him.actor_id, him.antecedent) == ("person:kim-yong-nam", mention(doc, "Kim Yong Nam").span)


def test_short_surname_read_as_a_word_stays_in_the_name(run) -> None:
    doc = run("The guests were greeted by Foreign Minister Ri Su Yong and So Ho Won, vice chairman of the "
              "committee.", outlet="KCNA", published="2015-09-05")
    so = mention(doc, "So Ho Won")
    assert (so.rule, so.code) == ("apposition", "PRKGOV")
    assert "Ho Won" not in texts(doc)


def test_country_after_a_dateline_city_is_no_actor(run) -> None:
    doc = run("PANMUNJOM, South Korea -- Moon Jae-in met the guests on Friday.", outlet="Some Daily")
    assert "South Korea" not in texts(doc)


def test_his_guest_is_not_his_own_side(run) -> None:
    doc = run("Moon Jae-in waited for his guest at the line.", published="2018-04-27")
    assert not any(m.rule == "coref:pronoun+agent" for m in doc.actor_mentions)
    assert mention(doc, "his").actor_id == "person:moon-jae-in"


def test_a_known_name_reaches_its_last_word_across_lower_case_modifiers(parse: ParseStage, tmp_path: Path) -> None:
    from comity.knowledge.actors import ActorKnowledge

    actors_file = tmp_path / "r.actors.txt"
    actors_file.write_text("RURITANIA_ [RUR]\nRURITANIA_TELEVISION_ [RURTV]\n", encoding="utf-8")
    stage = ActorStage(ActorKnowledge.from_petrarch([actors_file], []))
    doc = stage(parse(make_doc("The envoy appealed for calm on Ruritania state-run television on Sunday.")))
    assert (mention(doc, "Ruritania state-run television").code) == "RURTV"
    doc = stage(parse(make_doc("The envoy appealed for calm on Ruritania state-run radio on Sunday.")))
    assert mention(doc, "Ruritania").code == "RUR"  # no "Ruritania radio" is known: the name stays short


def test_an_organisation_before_a_title_codes_an_unknown_person_as_that_organisation(run) -> None:
    doc = run("Moscow closed two consulates. OAS Secretary General Pedro Ruiz Vela called the step regrettable.")
    person = mention(doc, "OAS Secretary General Pedro Ruiz Vela")
    assert (person.code, person.country, person.rule) == ("IGOOAS", None, "title+organisation")


def test_an_unknown_titled_person_never_takes_the_country_of_the_other_party(run) -> None:
    doc = run("Beijing held drills near the strait. Premier Lin Wei-ming asked Beijing to stop the drills.")
    premier = mention(doc, "Premier Lin Wei-ming")
    assert premier.code is None and premier.country is None
    doc = run("Chilean envoys met in Lima. Envoy Tomas Vrba said the talks had gone well.")
    assert mention(doc, "Envoy Tomas Vrba").country == "CHL"  # the story's state, named by no other party here


def test_demonyms_of_smaller_states_code_their_ministries(run) -> None:
    doc = run("The Latvian foreign ministry summoned the ambassador, and the Slovak defence ministry agreed.")
    assert mention(doc, "Latvian foreign ministry").code == "LVAGOV"
    assert mention(doc, "Slovak defence ministry").code == "SVKGOV"


def test_the_bloc_refers_back_to_the_organisation_named_before(run) -> None:
    doc = run("ASEAN ministers gathered in Jakarta. The bloc then urged restraint in the sea.")
    bloc = mention(doc, "bloc")
    assert (bloc.actor_id, bloc.rule) == ("igo:asean", "coref:definite")
    doc = run("Chile voted against the plan. The bloc then urged restraint.")
    assert "bloc" not in texts(doc)  # no organisation before it: no state stands in


def test_a_capitalised_office_without_a_country_is_the_home_countrys(run) -> None:
    text = "The Federal Minister signed the accord with Chile on Monday."
    doc = run(text, outlet="Press and Information Office of the Federal Government")
    minister = mention(doc, "Federal Minister")
    assert (minister.code, minister.rule) == ("DEUGOV", "title+home")
    assert "Federal Minister" not in texts(run(text))  # no home country known: no guess


def test_without_a_date_the_title_given_picks_the_persons_role_it_names(run) -> None:
    doc = run("NATO Secretary General Jens Stoltenberg praised the exercise.", published=None)
    assert mention(doc, "NATO Secretary General Jens Stoltenberg").code == "IGOWSTNAT"  # not his country's GOV
    doc = run("Prime Minister Jens Stoltenberg praised the exercise.", published=None)
    assert mention(doc, "Prime Minister Jens Stoltenberg").code == "NORGOV"


def test_a_person_in_an_international_office_stands_for_no_country(run) -> None:
    doc = run("UN Secretary-General Antonio Guterres praised Turkey on Friday for its mediation.",
              published="2022-07-22", headline="UN chief praises Turkey")
    guterres = next(m for m in doc.actor_mentions if "Guterres" in m.text)
    assert (guterres.code, guterres.country) == ("IGOUNO", None)


def test_capital_after_from_with_a_recall_verb_is_an_actor_but_not_a_place_left(run) -> None:
    doc = run("The envoy flew from Canberra on Friday. Paris withdrew its ambassador from Canberra.")
    canberras = [m for m in doc.actor_mentions if m.text == "Canberra"]
    assert [(m.code, m.span.start > doc.text.index("Paris")) for m in canberras] == [("AUSGOV", True)]


def test_bloc_after_an_organisation_is_the_organisation_not_its_government(run) -> None:
    doc = run("The Mercosur bloc agreed on Friday to cut tariffs.")
    assert mention(doc, "Mercosur bloc").code == "IGOSAM"


def test_demonym_on_a_thing_a_force_verb_hits_is_its_country_but_not_on_a_place(run) -> None:
    doc = run("Georgian troops shot down a Russian weather balloon over Armenian land. "
              "They later signed a Russian contract.", published="2020-11-10")
    balloon = mention(doc, "Russian weather balloon")
    assert (balloon.actor_id, balloon.code) == ("state:RUS", "RUS")
    assert not any("Armenian" in t or "contract" in t for t in texts(doc))


def test_a_party_name_two_countries_share_follows_the_text_and_else_the_first_listed(run) -> None:
    korean = run("South Korean President Yoon Suk Yeol flew to Tokyo. The Democratic Party objected.",
                 published="2023-03-16")
    assert mention(korean, "Democratic Party").actor_id == "org:kor-dpk"
    bare = run("The Democratic Party objected.", published="2023-03-16")
    assert mention(bare, "Democratic Party").actor_id == "org:usa-dem"


def test_pelosi_is_american_as_the_object_of_sanctions(run) -> None:
    doc = run("China imposed sanctions on Nancy Pelosi. Beijing said Pelosi had provoked it.", published="2022-08-05")
    assert [(m.country, m.code) for m in doc.actor_mentions if "Pelosi" in m.text] == [("USA", "USALEG")] * 2


def test_a_common_surname_alone_names_no_one_until_the_full_name(run) -> None:
    alone = run("Sánchez said on Monday that the talks had failed.", published="2021-04-20")
    assert all(m.actor_id != "person:sanchez-pedro" for m in alone.actor_mentions)
    named = run("Pedro Sánchez met the envoy. Sánchez said on Monday that the talks had failed.",
                published="2021-04-20")
    assert mention(named, "Sánchez").actor_id == "person:sanchez-pedro"
    distinctive = run("Merkel said on Monday that the talks had failed.", published="2019-04-20")
    assert mention(distinctive, "Merkel").actor_id == "person:merkel-angela"


def test_his_forces_after_a_leader_are_his_country_s_military(run) -> None:
    doc = run("Ilham Aliyev said on Sunday that his forces had taken the town.", published="2020-11-10")
    forces = mention(doc, "his forces")
    assert (forces.actor_id, forces.code, forces.antecedent) == ("state:AZE", "AZEMIL", mention(doc, "Ilham Aliyev").span)


def test_a_demonym_and_qualified_title_before_a_known_name_do_not_hide_the_name(run) -> None:
    doc = run("Ukrainian Infrastructure Minister Oleksandr Kubrakov signed the deal with Hulusi Akar.",
              published="2022-07-22")
    assert [(m.actor_id, m.country) for m in doc.actor_mentions] == [
        ("person:kubrakov-oleksandr", "UKR"), ("person:akar-hulusi", "TUR")]


@pytest.mark.parametrize(
    ("text", "published", "name", "actor_id", "code"),
    [
        ("Hassan Nasrallah warned Israel on Friday.", "2019-08-30", "Hassan Nasrallah", "person:nasrallah-hassan", "LBNREB"),
        ("Yahya Sinwar rejected the offer.", "2024-09-01", "Yahya Sinwar", "person:sinwar-yahya", "PSEREBHMS"),
        ("Gen. Abdel-Fattah Burhan dissolved the cabinet.", "2021-10-25", "Abdel-Fattah Burhan", "person:al-burhan-abdel-fattah", "SDNGOV"),
        # the junta leader heads the military until he is sworn in as president
        ("Captain Ibrahim Traore addressed the soldiers.", "2022-10-01", "Ibrahim Traore", "person:traore-ibrahim", "BFAMIL"),
        ("Hemedti's forces shelled Omdurman.", "2023-06-01", "Hemedti", "person:dagalo-mohamed-hamdan", "SDNREB"),
        # a junta leader who is also head of state: the office the text's title names
        ("General Brice Oligui Nguema inspected the troops.", "2024-01-10", "General Brice Oligui Nguema", "person:oligui-nguema-brice", "GABMIL"),
        ("President Brice Oligui Nguema received the envoy.", "2024-01-10", "President Brice Oligui Nguema", "person:oligui-nguema-brice", "GABGOV"),
        ("Dmitry Peskov told reporters the talks would go on.", "2022-03-01", "Dmitry Peskov", "person:peskov-dmitry", "RUSGOV"),
        ("Rafael Grossi visited the plant.", "2022-09-01", "Rafael Grossi", "person:grossi-rafael", "IGOUNOIAE"),
        # before he took office he holds no role: his country, not its government
        ("William Ruto criticised the deal.", "2005-05-01", "William Ruto", "person:ruto-william", "KEN"),
        ("Nayib Bukele spoke in San Salvador.", "2014-05-01", "Nayib Bukele", "person:bukele-nayib", "SLV"),
    ],
)
def test_people_of_recent_news_hold_their_roles_only_within_their_dates(run, text, published, name, actor_id, code) -> None:
    m = mention(run(text, published=published), name)
    assert (m.actor_id, m.code) == (actor_id, code)


def test_a_surname_two_leaders_share_follows_the_one_the_story_named(run) -> None:
    # Déby is father and son: the story's own Déby, then his office on the day
    doc = run("Mahamat Idriss Deby met the envoy in N'Djamena. Deby said the vote would go ahead.", published="2021-06-01")
    assert (mention(doc, "Deby").actor_id, mention(doc, "Deby").code) == ("person:deby-mahamat-idriss", "TCDMIL")
    alone = run("Deby said the vote would go ahead.", published="2021-06-01")
    assert all(m.actor_id not in {"person:deby-idriss", "person:deby-mahamat-idriss"} for m in alone.actor_mentions)


def test_each_side_of_a_pair_compound_before_what_two_states_share_is_its_state(run) -> None:
    doc = run("Sino-Indian talks opened. Armenian-Azerbaijani clashes went on. Cuban-American voters protested.",
              published="2020-11-10")
    assert {(m.text, m.code) for m in doc.actor_mentions if m.rule == "demonym+pair"} == {
        ("Sino", "CHN"), ("Indian", "IND"), ("Armenian", "ARM"), ("Azerbaijani", "AZE")}
