"""Companies and markets are business actors, never states."""

from __future__ import annotations


def test_a_company_with_its_legal_form_is_one_business_with_no_state_inside(article, mention) -> None:
    doc = article("Arnor Shipping Co Ltd and Bank of Chile Corp agreed to a merger.", published="1987-03-02")
    assert (mention(doc, "Arnor Shipping Co Ltd").code, mention(doc, "Arnor Shipping Co Ltd").rule) == ("BUS", "company")
    bank = mention(doc, "Bank of Chile Corp")
    assert (bank.code, bank.country) == ("CHLBUS", "CHL")  # its country, as its name says; not the state
    assert not [m for m in doc.actor_mentions if m.code == "CHL"]


def test_reuters_marks_companies_by_brackets_and_tickers(article, mention) -> None:
    doc = article("Italy's <Gruppo Tarvisio> bid for Gondor Mills <GDM> on Monday.", published="1987-03-02")
    assert mention(doc, "Gruppo Tarvisio").code == "BUS"
    assert mention(doc, "Gondor Mills").code == "BUS"


def test_a_known_multinational_keeps_its_code(article, mention) -> None:
    doc = article("Toyota Motor Co said it expects lower sales.", published="1987-03-02")
    assert mention(doc, "Toyota Motor Co").code == "MNCJPN"


def test_the_officer_of_a_company_is_no_government(article, mention) -> None:
    doc = article("WASHINGTON, March 2 - Tarvisio Corp President Elmo Quist said the plant would close.", outlet="Reuters")
    officer = mention(doc, "President Elmo Quist")
    assert (officer.code, officer.country, officer.rule) == ("BUS", None, "title+company")
    executive = mention(article("Chief executive Elmo Quist said the plant would close.", outlet="Reuters"), "executive Elmo Quist")
    assert (executive.code, executive.country) == ("BUS", None)


def test_a_market_named_by_its_place_is_business(article, mention) -> None:
    doc = article("The dollar fell on the Tokyo market while the U.S. market rose.", published="1987-03-02")
    assert mention(doc, "Tokyo market").code == "JPNBUS"
    assert mention(doc, "U.S. market").code == "USABUS"


def test_a_known_body_with_a_business_word_is_no_company(article, mention) -> None:
    doc = article("The World Bank suspended funding, and the OSCE Minsk Group mediated.", published="2021-10-27")
    assert (mention(doc, "World Bank").actor_id, mention(doc, "World Bank").code) == ("igo:worldbank", "IGOUNODEVWBK")
    assert not [m for m in doc.actor_mentions if m.rule == "company"]


def test_a_state_named_before_an_industry_or_trade_body_names_a_business_of_it(article, mention) -> None:
    doc = article("The U.S. walnut milling industry and the U.S. National Walnut Millers Association accused Gondor of dumping.")
    assert (mention(doc, "U.S. walnut milling industry").code, mention(doc, "U.S. walnut milling industry").country) == ("USABUS", "USA")
    assert mention(doc, "U.S. National Walnut Millers Association").code == "USABUS"
    assert not [m for m in doc.actor_mentions if m.code == "USA"]
    exporters = article("The Chilean fruit exporters association urged Peru to act.")
    assert mention(exporters, "Chilean fruit exporters association").code == "CHLBUS"


def test_a_state_before_its_own_body_or_another_noun_stays_the_state(article, mention) -> None:
    doc = article("The U.S. central bank bought yen, and Japan's trade surplus with the U.S. angered the U.S. Congress.")
    assert mention(doc, "U.S").code == "USA"  # no business: "central bank" is the state's
    institute = article("The Chilean Pear Institute said exports fell.")  # no business noun: no USABUS-like guess
    assert not [m for m in institute.actor_mentions if (m.code or "").endswith("BUS")]


def test_a_state_named_inside_a_firm_name_is_part_of_the_firm(article, mention) -> None:
    doc = article("BP North America and Tarvisio Canada said they would sell the refinery to Neste Oy.")
    assert mention(doc, "BP North America").code == "MNCGBR"
    assert (mention(doc, "Tarvisio Canada").code, mention(doc, "Tarvisio Canada").rule) == ("CANBUS", "company")
    assert mention(doc, "Neste Oy").code == "BUS"
    assert not [m for m in doc.actor_mentions if m.code in ("USA", "CAN")]


def test_a_state_agency_or_a_region_before_the_state_name_no_firm(article, mention) -> None:
    doc = article("Statistics Canada said exports fell, and Western Canada suffered most.")
    assert not [m for m in doc.actor_mentions if m.rule == "company"]
