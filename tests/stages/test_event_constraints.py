"""The matcher on sentences of our own: each kind of pattern constraint, the slots dictionary
patterns read, the layers' precedence, the political restriction and rule provenance. Actor
mentions are placed by each test, so a failure is the matcher's."""

from __future__ import annotations

from pathlib import Path

import pytest

from comity.knowledge.event_patterns import BROAD_LAYER, OWN_LAYER, USER_LAYER, PatternSet
from comity.knowledge.verb_dictionary import read_user_patterns
from comity.model import ActorMention, Document, Section, SectionKind, Span
from comity.stages.events import EventStage
from comity.stages.parse import ParseStage

SYNSETS = {"&SHIPS": (("frigate",), ("gun", "boat")), "&PORTS": (("harbour",), ("port",))}


def coded(text: str, actors: dict[str, str], *layers: tuple[int, list[dict]]) -> list[tuple[str, str | None, str | None, str]]:
    """Code one sentence with the given layers of pattern records; `actors`: name -> code."""
    sets = [PatternSet.from_records([(record, f"test:{n}") for n, record in enumerate(records)], layer=layer, synsets=SYNSETS) for layer, records in layers]
    return coded_with(text, actors, PatternSet.layered(*sets))


def coded_with(text: str, actors: dict[str, str], patterns: PatternSet) -> list[tuple[str, str | None, str | None, str]]:
    doc = Document(doc_id="t", text=text, content_hash="h", origin="t", input_format="txt")
    doc.sections = [Section(SectionKind.BODY, Span(0, len(text)))]
    doc = ParseStage()(doc)
    doc.actor_mentions = sorted(
        (ActorMention(Span(at, at + len(name)), name, f"test:{code}", code, code[:3], None, "name")
         for name, code in actors.items() if (at := text.find(name)) >= 0),
        key=lambda mention: mention.span.start,
    )  # fmt: skip
    mentions = EventStage(patterns=patterns)(doc).event_mentions
    return [(m.cameo, m.source.code if m.source else None, m.target.code if m.target else None, m.rule) for m in mentions]


NATIONS = {"Arnor": "ARN", "Gondor": "GON", "the Arnorian navy": "ARNMIL", "Umbar Shipping Company": "UMBBUS"}
WIDE = ["object", "dative", "complement", "prep:*", "between", "inside"]


def pattern(**keys) -> dict:
    return {"id": "p", "verb": ["moor"], "cameo": "150", "target": WIDE, "need_target": True, **keys}


@pytest.mark.parametrize(("keys", "fits", "misses"), [
    ({"after": ["&SHIPS"]}, "Arnor moored two frigates at Gondor.", "Arnor moored two barges at Gondor."),
    ({"after": ["gun boat"]}, "Arnor moored a gun boat at Gondor.", "Arnor moored a boat at Gondor."),
    ({"before": ["navy"]}, "The Arnorian navy moored its ships near Gondor.", "Arnor moored its ships near Gondor."),
    ({"prep": ["at &PORTS"]}, "Arnor moored ships at the port of Gondor.", "Arnor moored ships at the coast of Gondor."),
    ({"prep": ["near"]}, "Arnor moored near Gondor.", "Arnor moored at Gondor."),
    ({"particle": ["up"]}, "Arnor moored up its ships at Gondor.", "Arnor moored its ships at Gondor."),
    ({"preceded_by": ["quickly"]}, "Arnor quickly moored ships at Gondor.", "Arnor moored ships quickly at Gondor."),
])  # fmt: skip
def test_each_constraint_kind(keys: dict, fits: str, misses: str) -> None:
    assert [found[:3] for found in coded(fits, NATIONS, (OWN_LAYER, [pattern(**keys)]))] != []
    assert coded(misses, NATIONS, (OWN_LAYER, [pattern(**keys)])) == []


def test_the_party_prepositions_and_the_object_phrase_give_the_target() -> None:
    assert coded("Arnor moored ships near the harbour of Gondor.", NATIONS, (OWN_LAYER, [pattern(target=["prep:*"])])) == []
    assert coded("Arnor moored ships against Gondor.", NATIONS, (OWN_LAYER, [pattern(target=["prep:*"])]))[0][:3] == ("150", "ARN", "GON")
    found = coded("Arnor moored ships to block an attack by Gondor.", NATIONS, (OWN_LAYER, [pattern(target=["inside"])]))
    assert found[0][:3] == ("150", "ARN", "GON")


def test_a_more_specific_pattern_wins_and_a_fitting_no_event_pattern_codes_nothing() -> None:
    records = [pattern(id="plain"), pattern(id="ships", cameo="154", after=["&SHIPS"]), pattern(id="none", cameo="---", after=["barge"])]
    assert [r[3] for r in coded("Arnor moored frigates near Gondor.", NATIONS, (OWN_LAYER, records))] == ["ships"]
    assert coded("Arnor moored barges near Gondor.", NATIONS, (OWN_LAYER, records)) == []
    assert [r[3] for r in coded("Arnor moored tugs near Gondor.", NATIONS, (OWN_LAYER, records))] == ["plain"]


def test_layers_user_in_front_own_next_broad_behind() -> None:
    user, own, broad = pattern(id="user", cameo="151"), pattern(id="own", cameo="152"), pattern(id="broad", cameo="153")
    text = "Arnor moored ships near Gondor."
    assert coded(text, NATIONS, (USER_LAYER, [user]), (OWN_LAYER, [own]), (BROAD_LAYER, [broad]))[0][3] == "user"
    assert coded(text, NATIONS, (OWN_LAYER, [own]), (BROAD_LAYER, [broad]))[0][3] == "own"
    # the broad layer codes a word where none of our own patterns fits it
    picky = pattern(id="own-picky", after=["barge"])
    assert coded(text, NATIONS, (OWN_LAYER, [picky]), (BROAD_LAYER, [broad]))[0][3] == "broad"
    assert coded(text, NATIONS, (OWN_LAYER, [picky, pattern(id="own-none", cameo="---")]), (BROAD_LAYER, [broad])) == []


def test_a_users_plain_pattern_yields_to_a_more_specific_own_one_but_not_its_no_event() -> None:
    text = "Arnor moored frigates near Gondor."
    own = pattern(id="own-ships", cameo="154", after=["&SHIPS"])
    assert coded(text, NATIONS, (USER_LAYER, [pattern(id="user-plain")]), (OWN_LAYER, [own]))[0][3] == "own-ships"
    assert coded(text, NATIONS, (USER_LAYER, [pattern(id="user-none", cameo="---")]), (OWN_LAYER, [own])) == []


def test_the_broad_layer_codes_only_between_political_actors() -> None:
    broad = pattern(id="broad", political=True)
    assert coded("Arnor moored ships near Gondor.", NATIONS, (BROAD_LAYER, [broad]))[0][:3] == ("150", "ARN", "GON")
    assert coded("Umbar Shipping Company moored ships near Gondor.", NATIONS, (BROAD_LAYER, [broad])) == []


def test_the_broad_layer_leaves_a_phrase_to_the_noun_our_patterns_take() -> None:
    own_noun = {"id": "own-talks", "noun": ["talk", "talks"], "cameo": "040", "target": ["prep:with"]}
    broad = {"id": "broad-hold", "verb": ["hold"], "cameo": "043", "after": ["talks"], "target": WIDE, "political": True}
    found = coded("Arnor held talks with Gondor.", NATIONS, (OWN_LAYER, [own_noun]), (BROAD_LAYER, [broad]))
    assert [r[3] for r in found] == ["own-talks"]


def test_a_user_dictionary_codes_with_its_rule_naming_file_block_and_line(tmp_path: Path) -> None:
    path = tmp_path / "harbours.verbs.txt"
    path.write_text("---  MOOR  [150]  ---\nMOOR\n- * (OFF $) (FOR +)  [154]\n", encoding="utf-8")
    doc = Document(doc_id="t", text="Ships moored off Arnor for Gondor.", content_hash="h", origin="t", input_format="txt")
    found = coded("Ships moored off Arnor for Gondor.", NATIONS, (USER_LAYER, []))
    assert found == []  # no pattern for "moor" without the dictionary
    patterns = PatternSet.layered(read_user_patterns([path]), PatternSet.own())
    doc.sections = [Section(SectionKind.BODY, Span(0, len(doc.text)))]
    doc = ParseStage()(doc)
    doc.actor_mentions = [ActorMention(Span(17, 22), "Arnor", "a", "ARN", "ARN", None, "name"), ActorMention(Span(27, 33), "Gondor", "g", "GON", "GON", None, "name")]
    (mention,) = EventStage(patterns=patterns)(doc).event_mentions
    assert (mention.cameo, mention.source.code, mention.target.code, mention.rule) == ("154", "ARN", "GON", "harbours.verbs.txt:MOOR:3")


@pytest.mark.parametrize(("text", "expected"), [
    ("The expulsion of the Gondorian envoy by Arnor angered Rohan.", ("166", "ARN", "GONGOV", "noun.expulsion-of-diplomats")),
    ("Arnor announced the arrest of the Gondorian envoy.", ("173", "ARN", "GONGOV", "noun.arrest")),
    ("Clashes between Arnor and Gondor left ten dead.", ("190", "ARN", "GON", "noun.clash")),
    ("A ceasefire between Arnor and Gondor took effect.", ("0871", "ARN", "GON", "noun.ceasefire")),
    ("An attack on Gondor by Arnor killed ten.", ("190", "ARN", "GON", "fight.attack-noun")),
    ("Arnor's blockade of Gondor continued.", ("191", "ARN", "GON", "noun.blockade")),
])
def test_event_nouns_take_their_doer_and_other_side(text: str, expected: tuple) -> None:
    actors = {"the Gondorian envoy": "GONGOV", "Arnor": "ARN", "Gondor": "GON", "Rohan": "ROH"}
    assert coded_with(text, actors, PatternSet.default()) == [expected]


def test_an_event_noun_needs_a_doer_among_political_actors() -> None:
    actors = {"the Gondorian envoy": "GONGOV", "Umbar Shipping Company": "UMBBUS"}
    assert coded_with("The expulsion of the Gondorian envoy angered Rohan.", actors, PatternSet.default()) == []
    assert coded_with("The expulsion of the Gondorian envoy by Umbar Shipping Company followed.", actors, PatternSet.default()) == []


def test_the_broad_layers_event_nouns_come_from_its_light_verb_patterns() -> None:
    found = coded_with("Arnor's incursion into Gondor was repelled.", {"Arnor": "ARN", "Gondor": "GON"}, PatternSet.broad())
    assert [(cameo, source, target) for cameo, source, target, _ in found] == [("190", "ARN", "GON")]
    assert found[0][3].endswith(":noun") and found[0][3].startswith("CAMEO.2.0.txt:")


def test_inflection_bases_repair_what_the_lemmatizer_breaks() -> None:
    from comity.stages.events.triggers import inflection_bases

    assert "stage" in inflection_bases("staged", "VBD")
    assert "stop" in inflection_bases("stopped", "VBD")
    assert "deny" in inflection_bases("denied", "VBN")
    assert "hope" in inflection_bases("hoping", "VBG")
    assert inflection_bases("staged", "NN") == []
