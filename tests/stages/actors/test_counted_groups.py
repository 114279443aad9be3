"""Counted groups of states: "the three Scandinavian countries", "four countries, including ..."."""

from __future__ import annotations


def test_a_counted_group_is_the_last_list_of_that_many_states(article, mention) -> None:
    doc = article("Headline\n\nThe governments of Sweden, Denmark and Norway own the airline. In talks with the "
                  "United States, the three Scandinavian countries have demanded greater access.")
    group = mention(doc, "the three Scandinavian countries")
    assert group.members == ("state:SWE", "state:DNK", "state:NOR")


def test_a_counted_group_followed_by_including_is_the_states_it_lists(article, mention) -> None:
    doc = article("Headline\n\nKuwait has asked at least four countries, including the United States, Soviet Union, "
                  "Britain and China, for the use of their flags.")
    assert mention(doc, "at least four countries").members == ("state:USA", "state:SUN", "state:GBR", "state:CHN")


def test_a_count_with_no_list_of_that_many_names_no_one(article) -> None:
    doc = article("Headline\n\nSweden and Norway own the airline. The three Scandinavian countries have demanded access.")
    assert not [m for m in doc.actor_mentions if m.text == "The three Scandinavian countries"]
