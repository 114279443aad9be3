"""A title's portfolio between the title and the name: "Minister for Aviation Michael Spicer"."""

from __future__ import annotations


def test_a_portfolio_between_title_and_name_keeps_them_one_mention(article, mention) -> None:
    doc = article("Headline\n\nNEW YORK, March 20 - U.K. Minister for Aviation Michael Spicer said traffic would rise.")
    found = mention(doc, "U.K. Minister for Aviation Michael Spicer")
    assert (found.code, found.country) == ("GBRGOV", "GBR")


def test_the_title_alone_later_names_the_holder_introduced_with_a_portfolio(article) -> None:
    doc = article("Headline\n\nLONDON, March 2 - U.K. Chancellor of the Exchequer Nigel Lawson met Brazil's finance "
                  "minister. The spokesman said the Chancellor had stressed the need for a program.")
    later = [m for m in doc.actor_mentions if m.text == "Chancellor"]
    assert [m.actor_id for m in later] == ["person:lawson-nigel"]
