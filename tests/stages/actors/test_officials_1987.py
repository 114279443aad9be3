"""The office holders of 1980s wire news (people_world.yaml, "1980s officials"): named in full
or by a wire spelling, each resolves to the office held on the story's date, and a role
is never used outside its dates."""

from __future__ import annotations


def test_1980s_officials_hold_their_office_on_the_date_and_not_after(article, mention) -> None:
    doc = article(
        "Bundesbank President Karl Otto Poehl met Finance Minister Gerhard Stoltenberg in Bonn. "
        "Iranian Foreign Minister Ali Akbar Velayati said the talks with Hashemi Rafsanjani had ended. "
        "Jaime Ongpin flew to Washington, where Paul Volcker and Clayton Yeutter were waiting.",
        published="1987-03-02",
    )
    expected = {
        "Bundesbank President Karl Otto Poehl": ("person:pohl-karl-otto", "DEUGOVBUS"),  # a central bank: GOVBUS
        "Finance Minister Gerhard Stoltenberg": ("person:stoltenberg-gerhard", "DEUGOV"),
        "Iranian Foreign Minister Ali Akbar Velayati": ("person:velayati-ali-akbar", "IRNGOV"),
        "Hashemi Rafsanjani": ("person:rafsanjani-akbar-hashemi", "IRNLEG"),  # speaker until 1989
        "Jaime Ongpin": ("person:ongpin-jaime", "PHLGOV"),
        "Paul Volcker": ("person:volcker-paul", "USAGOVBUS"),
        "Clayton Yeutter": ("person:yeutter-clayton", "USAGOV"),
    }
    assert {name: (mention(doc, name).actor_id, mention(doc, name).code) for name in expected} == expected

    # The same people a few years on: Volcker and Ongpin have left office, Rafsanjani is president.
    later = article("Paul Volcker spoke. Jaime Ongpin spoke. Hashemi Rafsanjani spoke.", published="1990-05-02")
    assert mention(later, "Paul Volcker").code == "USAELI"
    assert mention(later, "Jaime Ongpin").code == "PHLELI"
    assert mention(later, "Hashemi Rafsanjani").code == "IRNGOV"
