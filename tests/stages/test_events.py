"""Event stage tests on sentences of our own, with actor mentions placed by the test itself
(so a failure here is the event coder's, not the actor resolver's)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from comity.errors import KnowledgeError
from comity.knowledge.cameo import Codebook
from comity.knowledge.event_patterns import PatternSet
from comity.model import ActorMention, Argument, Document, Factuality, Section, SectionKind, Sentence, Span
from comity.pipeline import Pipeline
from comity.stages.events import EventStage
from comity.stages.parse import ParseStage

#: Our test world: surface form -> CAMEO-style code (first three letters: the country).
WORLD = {
    "Arnor": "ARN", "Gondor": "GON", "Rohan": "ROH", "Eriador": "ERI", "Harad": "HAR",
    "the Arnorian king": "ARNGOV", "the Gondorian envoy": "GONGOV", "the envoy": "GONGOV",
    "Gondorian ambassador Hurin Dale": "GONGOV",
}  # fmt: skip
GROUPS = {"the two kingdoms": ("state:ARN", "state:GON")}


def actor_mentions(text: str) -> list[ActorMention]:
    mentions: list[ActorMention] = []
    taken: set[int] = set()
    for name in sorted([*WORLD, *GROUPS], key=len, reverse=True):
        for found in re.finditer(r"\b" + re.escape(name) + r"\b", text, flags=re.IGNORECASE):
            if taken & set(range(found.start(), found.end())):
                continue
            taken |= set(range(found.start(), found.end()))
            span = Span(found.start(), found.end())
            if name in GROUPS:
                mentions.append(ActorMention(span, found.group(), None, None, None, None, "group", members=GROUPS[name]))
            else:
                code = WORLD[name]
                mentions.append(ActorMention(span, found.group(), f"test:{code}", code, code[:3], None, "name"))
    return sorted(mentions, key=lambda m: m.span.start)


def document(text: str, headline: str | None = None) -> Document:
    full = text if headline is None else f"{headline}\n{text}"
    doc = Document(doc_id="test-doc", text=full, content_hash="h", origin="test", input_format="txt")
    body_start = 0 if headline is None else len(headline) + 1
    if headline is not None:
        doc.sections.append(Section(SectionKind.HEADLINE, Span(0, len(headline))))
    doc.sections.append(Section(SectionKind.BODY, Span(body_start, len(full))))
    doc = ParseStage()(doc)
    doc.actor_mentions = actor_mentions(full)
    return doc


def code(text: str, **options) -> list[tuple[str, str | None, str | None, str]]:
    doc = EventStage(**options)(document(text))
    return [
        (m.cameo, m.source.code if m.source else None, m.target.code if m.target else None, str(m.factuality))
        for m in doc.event_mentions
    ]


def triples(text: str, **options) -> list[tuple[str, str | None, str | None]]:
    return [found[:3] for found in code(text, **options)]


ONE_PER_ROOT = [
    ("Arnor told Gondor that the border was calm.", ("010", "ARN", "GON")),
    ("Arnor urged Gondor to resume talks.", ("026", "ARN", "GON")),
    ("Arnor promised aid to Gondor.", ("033", "ARN", "GON")),
    ("The Arnorian king visited Gondor on Monday.", ("042", "ARNGOV", "GON")),
    ("Arnor praised Gondor for its restraint.", ("051", "ARN", "GON")),
    ("Arnor and Gondor held joint military exercises.", ("062", "ARN", "GON")),
    ("Arnor provided economic aid to Gondor.", ("070", "ARN", "GON")),
    ("Arnor lifted sanctions on Gondor.", ("085", "ARN", "GON")),
    ("Arnor investigated Gondor.", ("090", "ARN", "GON")),
    ("Arnor demanded the release of prisoners from Gondor.", ("1053", "ARN", "GON")),
    ("Arnor accused Gondor of aggression.", ("1123", "ARN", "GON")),
    ("Arnor rejected the proposal of Gondor.", ("127", "ARN", "GON")),
    ("Arnor threatened to attack Gondor.", ("138", "ARN", "GON")),
    ("Protesters in Arnor demonstrated against Gondor.", ("141", "ARN", "GON")),
    ("Arnor mobilized troops against Gondor.", ("154", "ARN", "GON")),
    ("Arnor severed diplomatic ties with Gondor.", ("161", "ARN", "GON")),
    ("Police in Arnor arrested citizens of Gondor.", ("173", "ARN", "GON")),
    ("Arnor kidnapped the Gondorian envoy.", ("181", "ARN", "GONGOV")),
    ("Arnor invaded Gondor.", ("192", "ARN", "GON")),
    ("Arnor used chemical weapons against Gondor.", ("2041", "ARN", "GON")),
]


@pytest.mark.parametrize(("text", "expected"), ONE_PER_ROOT, ids=[e[1][0][:2] for e in ONE_PER_ROOT])
def test_one_sentence_per_cameo_root(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in triples(text)


def test_every_root_has_patterns() -> None:
    roots = {pattern.cameo[:2] for pattern in PatternSet.own().patterns if pattern.cameo}
    assert roots == {f"{n:02d}" for n in range(1, 21)}


def test_mention_carries_codebook_facts_rule_and_evidence() -> None:
    doc = EventStage()(document("Arnor attacked Gondor. Rohan stayed calm."))
    (mention,) = doc.event_mentions
    assert (mention.cameo, mention.plover, mention.quad_class, mention.goldstein) == ("190", "ASSAULT", 4, -10.0)
    assert mention.rule == "fight.attack"
    assert doc.text[mention.trigger.start : mention.trigger.end] == "attacked"
    assert doc.text[mention.evidence.start : mention.evidence.end] == "Arnor attacked Gondor."
    assert mention.section is SectionKind.BODY
    assert mention.mention_id.startswith("m-")


def test_mention_ids_are_stable_and_distinct() -> None:
    first = EventStage()(document("Arnor sent letters to Gondor and Rohan."))
    again = EventStage()(document("Arnor sent letters to Gondor and Rohan."))
    ids = [m.mention_id for m in first.event_mentions]
    assert ids == [m.mention_id for m in again.event_mentions]
    assert len(set(ids)) == len(ids) == 2


def test_passive_voice_takes_the_agent_as_source() -> None:
    assert ("190", "ARN", "GON") in triples("Gondor was attacked by Arnor.")
    assert ("043", "ARNGOV", "GONGOV") in triples("The envoy was greeted at the airport by the Arnorian king.")


def test_passive_pronoun_uses_the_antecedent() -> None:
    doc = document("The envoy arrived. It was greeted at the airport by the Arnorian king.")
    pronoun = doc.text.index("It was")
    envoy = next(m for m in doc.actor_mentions if m.text == "The envoy")
    doc.actor_mentions.append(ActorMention(Span(pronoun, pronoun + 2), "It", None, None, None, None, "coref:pronoun", antecedent=envoy.span))
    doc.actor_mentions.sort(key=lambda m: m.span.start)
    doc = EventStage()(doc)
    hosted = [m for m in doc.event_mentions if m.cameo == "043"]
    assert [(m.source.code, m.target.code) for m in hosted] == [("ARNGOV", "GONGOV")]


def test_relative_clause_subject_is_the_noun_it_modifies() -> None:
    found = triples("Arnor met the Gondorian envoy who visited Rohan in May.")
    assert ("042", "GONGOV", "ROH") in found
    assert ("040", "ARN", "GONGOV") in found


def test_participial_clause_takes_the_main_subject() -> None:
    found = triples("Reaffirming its full support for Gondor, Arnor criticized Harad.")
    assert ("051", "ARN", "GON") in found
    assert ("111", "ARN", "HAR") in found


def test_coordinated_targets_split_into_one_mention_each() -> None:
    found = triples("Arnor sent messages to the leaders of Gondor, Rohan, Eriador and Harad.")
    assert found == [("010", "ARN", "GON"), ("010", "ARN", "ROH"), ("010", "ARN", "ERI"), ("010", "ARN", "HAR")]


def test_coordinated_dates_split_with_their_own_spans() -> None:
    doc = EventStage()(document("Arnor visited Gondor in May 2001 and June 2004."))
    visits = [m for m in doc.event_mentions if m.cameo == "042"]
    assert [doc.text[m.date.span.start : m.date.span.end] for m in visits] == ["May 2001", "June 2004"]
    assert all(m.date.basis == "split" and m.date.value is None for m in visits)
    assert len({m.mention_id for m in visits}) == 2


def test_nominal_events() -> None:
    assert ("040", "ARN", "GON") in triples("The meeting and talks held between Arnor and Gondor in Bree were useful.")
    assert ("042", "ARN", "GON") in triples("Arnor's visit to Gondor ended on Friday.")
    assert ("054", "ARN", "GON") in triples("The establishment of diplomatic relations between Arnor and Gondor came late.")
    assert ("050", "ARN", "GON") in triples("The resumption of trade ties between Arnor and Gondor came late.")


def test_group_mention_splits_into_its_members() -> None:
    found = triples("Rohan praised the two kingdoms.")
    assert ("051", "ROH", "ARN") in found and ("051", "ROH", "GON") in found


def test_relation_between_two_sides_takes_the_other_side() -> None:
    assert triples("Arnor reaffirmed its will to develop the friendship between the two kingdoms.") == [("030", "ARN", "GON")]


def test_mutual_subject_is_one_mention_by_default_and_both_ways_when_reciprocal() -> None:
    assert triples("Arnor and Gondor met in Bree.") == [("040", "ARN", "GON")]
    both = triples("Arnor and Gondor met in Bree.", reciprocal=True, collapse_same_dyad=False)
    assert sorted(both) == [("040", "ARN", "GON"), ("040", "GON", "ARN")]


def test_reciprocal_visit_adds_the_host() -> None:
    assert triples("Arnor visited Gondor.", reciprocal=True) == [("042", "ARN", "GON"), ("043", "GON", "ARN")]


def test_saying_that_frames_a_coded_event_is_not_an_event() -> None:
    assert code("Arnor attacked Gondor, Rohan said.") == [("190", "ARN", "GON", "reported")]


def test_one_sided_fragments_beside_a_complete_mention_are_dropped() -> None:
    assert triples("Arnor sent a letter expressing support and offered greetings to Gondor.") == [("051", "ARN", "GON")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Arnor attacked Gondor.", "asserted"),
        ("Arnor attacked Gondor, Rohan said.", "reported"),
        ("Arnor did not attack Gondor.", "negated"),
        ("Arnor refused to meet Gondor.", "negated"),
        ("Arnor will visit Gondor.", "future"),
        ("Arnor is scheduled to visit Gondor.", "future"),
        ("Arnor would attack Gondor.", "hypothetical"),
        ("If Arnor attacks Gondor, Rohan will respond.", "hypothetical"),
    ],
)
def test_factuality(text: str, expected: str) -> None:
    found = [f for f in code(text) if f[1] == "ARN" and f[2] == "GON"]
    assert found and found[0][3] == expected


def test_intent_is_asserted_and_what_is_intended_is_future() -> None:
    found = code("Arnor vowed to visit Gondor.")
    assert ("030", "ARN", "GON", "asserted") in found
    assert ("042", "ARN", "GON", "future") in found


def test_planned_nominal_event_is_future() -> None:
    assert code("The summit which is to be held between Arnor and Gondor in April was announced.") == [("040", "ARN", "GON", "future")]


def test_events_need_an_actor_on_some_side() -> None:
    assert triples("The committee discussed the weather.") == []


def test_an_act_without_a_doer_is_no_event_unless_it_is_violence() -> None:
    assert triples("Officials praised Gondor for its restraint.") == []
    assert triples("Officials said they had accused Gondor of aggression.") == []
    assert triples("Unknown gunmen attacked Gondor.") == [("190", None, "GON")]


def test_headline_mentions_keep_their_section() -> None:
    doc = document("Arnor thanked Gondor.", headline="Arnor praises Gondor")
    doc = EventStage()(doc)
    assert [m.section for m in doc.event_mentions] == [SectionKind.HEADLINE, SectionKind.BODY]


def test_stage_contract_in_a_pipeline() -> None:
    stage = EventStage()
    assert stage.requires == {"parsed", "sentences", "actor_mentions"}
    assert stage.assigns == {"event_mentions"}
    Pipeline([stage], provided={"text", "parsed", "sentences", "actor_mentions"})


def test_custom_patterns_and_bad_pattern_files(tmp_path: Path) -> None:
    (tmp_path / "custom.yaml").write_text('- id: custom.snub\n  verb: snub\n  cameo: "110"\n', encoding="utf-8")
    patterns = PatternSet.from_dir(tmp_path)
    assert triples("Arnor snubbed Gondor.") != [("110", "ARN", "GON")]
    doc = EventStage(patterns=patterns)(document("Arnor snubbed Gondor."))
    assert [(m.cameo, m.rule) for m in doc.event_mentions] == [("110", "custom.snub")]
    (tmp_path / "custom.yaml").write_text('- id: bad\n  verb: snub\n  cameo: "999"\n', encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"custom.yaml:1: cameo '999'"):
        PatternSet.from_dir(tmp_path)
    (tmp_path / "custom.yaml").write_text('- id: bad\n  verb: snub\n  cameo: "110"\n  target: [elsewhere]\n', encoding="utf-8")
    with pytest.raises(KnowledgeError, match="unknown slot 'elsewhere'"):
        PatternSet.from_dir(tmp_path, Codebook.default())
    (tmp_path / "custom.yaml").write_text('- id: bad\n  verb: call\n  prep: on\n  cameo: "020"\n', encoding="utf-8")
    with pytest.raises(KnowledgeError, match="'prep' holds true/false: quote the words on, off, yes and no"):
        PatternSet.from_dir(tmp_path)


def test_calling_on_someone_is_an_appeal_to_them() -> None:
    assert ("020", "ARN", "GON") in triples("Arnor called on Gondor to withdraw its troops.")


# ---------------------------------------------------------------------- seeds gold

def test_seeds_gold_recall_and_precision(shared_dir: Path) -> None:
    actors = pytest.importorskip("comity.stages.actors", reason="the actors stage is not in this checkout")
    from comity.petrarch_suite import score_seeds

    report, mentions = score_seeds(shared_dir, [ParseStage(), actors.ActorStage(), EventStage()])
    assert report.counts.recall >= 0.9, [row.gold_id for row in report.missed]
    assert report.counts.precision >= 0.8, report.false_positives
    assert all(m["factuality"] in {f.value for f in Factuality} for m in mentions)


def test_plural_subject_acts_on_itself_only_for_mutual_patterns() -> None:
    assert triples("Arnor and Gondor signed a trade agreement.") == [("057", "ARN", "GON")]
    assert sorted(triples("Arnor and Gondor rejected the verdict.")) == [("120", "ARN", None), ("120", "GON", None)]


def test_object_of_thank_does_what_it_is_thanked_for() -> None:
    found = triples("Rohan thanked Arnor for extending solidarity to Gondor.")
    assert ("051", "ROH", "ARN") in found and ("051", "ARN", "GON") in found


def test_visit_without_a_host_is_no_event() -> None:
    assert triples("The Arnorian king visited the museum.") == []


def test_neither_nor_subject_negates() -> None:
    assert {f[3] for f in code("Neither Arnor nor Rohan attacked Gondor.")} == {"negated"}


def test_protest_without_a_target_is_aimed_at_home() -> None:
    assert ("141", "ARN", "ARN") in triples("Students in Arnor protested on Sunday.")


def test_requested_action_is_hypothetical_and_the_appeal_asserted() -> None:
    found = code("Arnor called on Gondor to lift its sanctions.")
    assert ("0254", "ARN", "GON", "asserted") in found
    assert all(f[3] == "hypothetical" for f in found if f[0] == "085")


def test_agreeing_follows_the_cameo_verb_dictionary() -> None:
    assert triples("Arnor agreed with Gondor.") == [("030", "ARN", "GON")]
    assert triples("Arnor and Gondor agree that the dispute should be settled.") == [("050", "ARN", "GON")]


def test_quoted_sentence_is_reported() -> None:
    doc = EventStage()(document("\u201cThe talks went well. Arnor praised Gondor,\u201d the envoy said later.\nArnor praised Rohan."))
    found = {(m.target.code, str(m.factuality)) for m in doc.event_mentions if m.cameo == "051"}
    assert found == {("GON", "reported"), ("ROH", "asserted")}


def test_each_other_is_a_mutual_act() -> None:
    assert triples("Arnor and Gondor support each other.") == [("050", "ARN", "GON")]


def test_statues_of_a_leader_are_not_the_leader() -> None:
    assert triples("The envoy of Rohan visited the statues of the Arnorian king.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Arnor spoke by phone with Gondor.", ("041", "ARN", "GON")),
        ("Arnor talked with Gondor on Monday.", ("040", "ARN", "GON")),
        ("Arnor protested the arrest of Gondor's envoy.", ("114", "ARN", "GON")),
        ("Arnor closed its embassy in Gondor.", ("161", "ARN", "GON")),
        ("Soldiers from Arnor fired on Gondor.", ("190", "ARN", "GON")),
        ("Arnor backed Gondor.", ("050", "ARN", "GON")),
    ],
)
def test_common_news_verbs(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in triples(text)


def test_exchanging_fire_is_mutual() -> None:
    assert triples("Arnor and Gondor exchanged fire along the border.") == [("190", "ARN", "GON")]


def test_threat_of_force_and_pledged_money() -> None:
    assert ("138", "ARN", "GON") in triples("Arnor threatened Gondor with military action.")
    assert ("033", "ARN", "GON") in triples("Arnor pledged $500 million in aid to Gondor.")


def test_ambiguous_verbs_need_their_political_reading() -> None:
    assert triples("Arnor committed crimes against Gondor.") == []
    assert ("030", "ARN", "GON") in triples("Arnor committed to work with Gondor.")
    assert ("087", "ARN", "GON") in triples("Arnor halted its offensive against Gondor.")


def test_names_of_a_coordination_hung_aside_still_act() -> None:
    # the parser reads "Arnor, Eriador and the evil awful Gondor" as "Gondor" modified by "Arnor"
    found = triples("Arnor, Eriador and the evil awful Gondor praised Rohan.")
    assert sorted(found) == [("051", "ARN", "ROH"), ("051", "ERI", "ROH"), ("051", "GON", "ROH")]


def test_welcoming_ones_own_resumption_of_ties_is_resuming_them() -> None:
    assert triples("Arnor welcomed the resumption of diplomatic ties with Gondor.") == [("050", "ARN", "GON")]


def test_welcoming_ties_between_others_is_endorsing_them() -> None:
    found = triples("Arnor welcomed the resumption of diplomatic ties between Gondor and Rohan.")
    assert found == [("051", "ARN", "GON"), ("051", "ARN", "ROH")]


def test_nominal_event_inside_a_verbal_event_is_part_of_it() -> None:
    found = triples("Gondor opposed Arnor in being drawn into talks by its resumption of ties with Rohan.")
    assert found == [("110", "GON", "ARN")]


def test_names_coordinated_past_the_end_of_a_mention_take_part() -> None:
    text = "Rohan sent letters to the leaders of Arnor, Gondor and Eriador."
    doc = document(text)
    start = text.index("leaders of Arnor")
    leaders = ActorMention(Span(start, start + len("leaders of Arnor")), "leaders of Arnor", "test:ARNGOV", "ARNGOV", "ARN", "leader", "agent")
    doc.actor_mentions = sorted([m for m in doc.actor_mentions if m.text != "Arnor"] + [leaders], key=lambda m: m.span.start)
    found = [(m.cameo, m.source.code, m.target.code) for m in EventStage()(doc).event_mentions]
    assert found == [("010", "ROH", "ARNGOV"), ("010", "ROH", "GON"), ("010", "ROH", "ERI")]


def test_a_verb_joined_to_a_relative_clause_takes_the_main_subject() -> None:
    text = "The Arnorian king crossed the river that divides the two lands and held a summit with the Gondorian envoy."
    assert triples(text) == [("040", "ARNGOV", "GONGOV")]


def parsed_document(words: list[str], heads: list[int], deps: list[str], tags: list[str], lemmas: list[str]) -> Document:
    """A document with a parse given by hand, to test how the coder copes with a known misparse."""
    import spacy
    from spacy.tokens import Doc as SpacyDoc

    pos = ["PROPN" if t == "NNP" else "VERB" if t.startswith("VB") else "NOUN" if t.startswith("NN") else "ADP" if t == "IN" else "PUNCT" if t in (",", ".") else "X" for t in tags]
    parsed = SpacyDoc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, tags=tags, pos=pos, lemmas=lemmas, spaces=[i + 1 < len(words) and words[i + 1] not in (",", ".") for i in range(len(words))])
    doc = Document(doc_id="test-doc", text=parsed.text, content_hash="h", origin="test", input_format="txt")
    doc.sections = [Section(SectionKind.BODY, Span(0, len(parsed.text)))]
    doc.sentences = [Sentence(Span(0, len(parsed.text)), SectionKind.BODY)]
    doc.parsed = parsed
    doc.actor_mentions = actor_mentions(parsed.text)
    return doc


def test_subject_of_a_verb_misread_as_a_modifier_of_the_event_noun() -> None:
    # "Arnor held talks with Gondor" parsed as one noun phrase: "held" an adjective of "talks"
    doc = parsed_document(
        ["Arnor", "held", "talks", "with", "Gondor", "."],
        [1, 2, 2, 2, 3, 2],
        ["npadvmod", "amod", "ROOT", "prep", "pobj", "punct"],
        ["NNP", "VBN", "NNS", "IN", "NNP", "."],
        ["Arnor", "hold", "talk", "with", "Gondor", "."],
    )
    assert [(m.cameo, m.source.code, m.target.code) for m in EventStage()(doc).event_mentions] == [("040", "ARN", "GON")]


def test_trailing_attribution_is_a_report_frame_not_a_statement() -> None:
    # "..., Rohan said" parsed as a conjunct of the reported clause
    doc = parsed_document(
        ["Arnor", "sent", "a", "letter", "to", "Gondor", ",", "Rohan", "said", "."],
        [1, 1, 3, 1, 1, 4, 1, 8, 1, 1],
        ["nsubj", "ROOT", "det", "dobj", "dative", "pobj", "punct", "nsubj", "conj", "punct"],
        ["NNP", "VBD", "DT", "NN", "IN", "NNP", ",", "NNP", "VBD", "."],
        ["Arnor", "send", "a", "letter", "to", "Gondor", ",", "Rohan", "say", "."],
    )
    assert [(m.cameo, m.source.code, m.target.code) for m in EventStage()(doc).event_mentions] == [("010", "ARN", "GON")]


def test_an_act_in_the_speakers_own_description_is_no_content_of_the_saying() -> None:
    found = triples("The minister of Arnor, who visited Gondor last week, told Rohan that the border was calm.")
    assert ("042", "ARN", "GON") in found and ("010", "ARN", "ROH") in found


def test_unlabelled_place_name_keeps_its_compound_parts() -> None:
    from comity.stages.events.participants import _unlabelled_name

    doc = parsed_document(
        ["Arnor", "flew", "to", "San", "Antonio", "de", "los", "Baños", "."],
        [1, 1, 1, 7, 7, 7, 7, 2, 1],
        ["nsubj", "ROOT", "prep", "compound", "compound", "compound", "compound", "pobj", "punct"],
        ["NNP", "VBD", "IN", "NNP", "NNP", "NNP", "NNP", "NNP", "."],
        ["Arnor", "fly", "to", "San", "Antonio", "de", "los", "Baños", "."],
    )
    assert _unlabelled_name(doc.parsed[7]).text == "San Antonio de los Baños"


def test_praise_of_nobody_named_is_no_event() -> None:
    assert triples("Arnor praised the old friendship.") == []
    assert triples("Arnor praised Gondor.") == [("051", "ARN", "GON")]


def test_an_anniversary_keeps_the_event_it_marks() -> None:
    found = code("The Arnorian king visited Gondor for the 50th anniversary of the establishment of "
                 "diplomatic relations between Arnor and Gondor.")
    assert any(c[0] == "054" and {c[1], c[2]} == {"ARN", "GON"} for c in found), found
    assert ("042", "ARNGOV", "GON", "asserted") in found, found


def test_an_event_noun_inside_a_verbal_event_is_still_its_theme() -> None:
    found = code("Arnor condemned the attack by Gondor.")
    assert [c[0][:2] for c in found].count("19") == 0, found


def test_receiving_aid_from_a_giver_codes_the_giver_as_source() -> None:
    assert triples("Gondor received money from Arnor.") == [("071", "ARN", "GON")]
    assert triples("Harad got weapons from Rohan last year.") == [("072", "ROH", "HAR")]


def test_object_read_into_a_by_phrase_of_manner_is_still_the_object() -> None:
    # parsed as "received by (courier money)": an active verb's "by" phrase is no agent
    assert triples("Eriador has received by courier money from Arnor.") == [("071", "ARN", "ERI")]


def test_subject_before_the_subordinator_is_not_the_clause_subject() -> None:
    # the misspelt verb leaves "Gondor movex" as a second subject of "burned"
    found = triples("Gondor movex from Harad almost two years after rioters burned its embassy, an official said.")
    assert all(source != "GON" for _, source, _ in found), found


def test_bracketed_gloss_taken_for_the_subject_stands_for_the_phrase_it_glosses() -> None:
    # the parser makes "[Free Republic of Harad]" the subject of "hosted" and leaves the king aside
    text = "The Arnorian king, speaker of the People’s Assembly of the FRH [Free Republic of Harad], hosted the Gondorian envoy on Saturday."
    assert triples(text) == [("043", "ARNGOV", "GONGOV")]


def test_reaction_drawn_by_an_act_is_coded_from_the_reacting_to_the_actor() -> None:
    assert triples("Harad seized a fishing boat off the coast, drawing condemnation from Arnor.") == [("111", "ARN", "HAR")]
    assert sorted(triples("Rohan closed the border crossing on Monday, prompting protests from Gondor.")) == [("141", "GON", "ROH")]
    assert triples("Harad's missile test drew sharp criticism from Arnor.") == [("111", "ARN", "HAR")]


def test_reaction_from_a_group_is_coded_from_each_member() -> None:
    found = triples("Harad seized a fishing boat off the coast, drawing condemnation from the two kingdoms.")
    assert sorted(found) == [("111", "ARN", "HAR"), ("111", "GON", "HAR")]


def test_reaction_to_a_coded_act_is_an_event_of_its_own() -> None:
    found = triples("Harad tested a missile, drawing criticism from Arnor and Gondor.")
    assert ("111", "ARN", "HAR") in found and ("111", "GON", "HAR") in found
    assert ("150", "HAR", None) in found


def test_abandoning_ties_reduces_relations_and_only_diplomatic_ones_are_161() -> None:
    assert triples("Arnor abandoned its diplomatic ties with Gondor.") == [("161", "ARN", "GON")]
    assert triples("Arnor will sever trade relations with Harad.") == [("160", "ARN", "HAR")]
    assert triples("Arnor abandoned its claim to the valley.") == [("080", "ARN", None)]


CODED_NOW = [
    # a title before a name satisfies the object constraint; a summons is disapproval, no recall
    ("Arnor summoned Gondorian ambassador Hurin Dale over the border raids.", ("110", "ARN", "GONGOV")),
    ("The Arnorian king shot down a Rohan helicopter near the river.", ("190", "ARNGOV", "ROH")),
    ("Rohan blockaded the harbours of Gondor.", ("191", "ROH", "GON")),
    ("Arnor began naval exercises around Gondor on Monday.", ("150", "ARN", "GON")),
    # the area the drill is held in lies around the target
    ("Arnor began live-fire exercises in six zones encircling Gondor on Thursday.", ("150", "ARN", "GON")),
    ("Protesters in Arnor stormed the parliament.", ("145", "ARN", "ARN")),
    ("Angry crowds in Arnor gathered outside the ministry.", ("141", "ARN", "ARN")),
    # read by the parser as "gathered (outside headquarters)", an object with a modifier
    ("Thousands of protesters in Arnor gathered outside government headquarters.", ("141", "ARN", "ARN")),
    ("Arnor sent two aircraft carrier groups to Gondor.", ("154", "ARN", "GON")),
    ("Arnor fired missiles into waters off Gondor's coast.", ("194", "ARN", "GON")),
    ("Arnor fired missiles into the waters off Gondor.", ("194", "ARN", "GON")),
    ("Opposition groups in Arnor demanded the resignation of the prime minister.", ("1041", "ARN", "ARN")),
    # the parser hangs the doer on the opening time phrase: "on (Friday Arnor)"
    ("On Friday Arnor announced sanctions on Gondor.", ("163", "ARN", "GON")),
]


@pytest.mark.parametrize(("text", "expected"), CODED_NOW, ids=[e[1][0] for e in CODED_NOW])
def test_events_coded_by_the_newer_patterns(text: str, expected: tuple[str, str, str | None]) -> None:
    assert expected in triples(text)


@pytest.mark.parametrize(("text", "wrong"), [
    ("Arnor began exercises in six zones encircling Gondor.", "191"),  # the zones encircle; nobody blockades
    ("Arnor cancelled the ships it had ordered from Gondor.", "100"),  # an order of goods binds no one
    ("The ports of Gondor have been blockaded since March.", "144"),  # a blockade is 191 whatever it closes
])
def test_not_coded_with_the_wrong_root(text: str, wrong: str) -> None:
    assert wrong not in [found[0] for found in triples(text)]


def test_conjoined_verb_hung_under_the_reported_clause_takes_the_speaker() -> None:
    # the parser joins "accused" to "mirrored", whose subject is no actor
    text = "The Arnorian king said the decision mirrored Rohan's plan and accused Gondor of aggression."
    assert ("1123", "ARNGOV", "GON") in triples(text)


def test_conjoined_verb_keeps_the_reported_subject_when_it_is_an_actor() -> None:
    text = "The Arnorian king said Rohan had attacked Harad and accused Gondor of aggression."
    assert ("1123", "ARNGOV", "GON") not in triples(text)


def test_quoted_words_of_a_charge_are_not_an_act() -> None:
    assert [found[0] for found in triples('Arnor accused Gondor of "destroying the villages of Rohan".')] == ["112"]
    # a quoted saying is still a report of the act
    assert ("1712", "GON", "ROH", "reported") in code('Arnor said Gondor had "destroyed the villages of Rohan".')


def test_one_actor_in_two_roles_is_two_participants() -> None:
    text = "Gondorian media and the government criticised Arnor."
    doc = document(text)
    media_end = text.index(" and")
    government = text.index("the government")
    doc.actor_mentions = [
        ActorMention(Span(0, media_end), text[:media_end], "state:GON", "GONMED", "GON", None, "name"),
        ActorMention(Span(government, government + 14), "the government", "state:GON", "GONGOV", "GON", None, "name"),
        ActorMention(Span(text.index("Arnor"), text.index("Arnor") + 5), "Arnor", "state:ARN", "ARN", "ARN", None, "name"),
    ]
    sources = {m.source.code for m in EventStage(collapse_same_dyad=False)(doc).event_mentions if m.source}
    assert sources == {"GONMED", "GONGOV"}


def test_refusing_to_attend_anothers_event_is_a_rejection() -> None:
    assert ("120", "ARNGOV", "GON") in triples("In 2019, the Arnorian king refused to attend Gondor's coronation.")
    assert [found[0] for found in triples("The Arnorian king refused to attend the ceremony.")] == []


def test_telling_an_envoy_to_leave_is_an_expulsion() -> None:
    assert ("166", "ARN", "GONGOV") in triples("Arnor ordered the Gondorian envoy to leave the country.")
    assert ("166", "ARN", "GON") in triples("Arnor downgraded relations and told Gondor's envoy to go by February 7.")
    # what else an envoy is told to do is no expulsion
    assert "166" not in [found[0] for found in triples("Arnor told the Gondorian envoy to convey its protest.")]


def test_peacekeepers_carried_by_no_actor_are_sent_by_their_country() -> None:
    assert ("074", "ARN", None) in triples("The first planes carrying Arnor's peacekeepers took off for the region on Tuesday.")
    assert ("074", "ARN", "GON") in triples("Arnor sent peacekeepers to Gondor.")


def test_own_coming_cooperative_act_announced_with_would_is_an_intent() -> None:
    assert ("035", "ARN", "GON", "asserted") in code("Arnor announced that Arnor would lift its sanctions on Gondor.")
    # another's coming act stays future; a plan without "will" or "would" is no announcement
    assert ("042", "ROH", "GON", "future") in code("Arnor said Rohan will visit Gondor next week.")
    assert "036" not in [found[0] for found in triples("Arnor said Arnor expects to hold a summit with Gondor.")]


def test_readiness_for_ones_own_coming_act_is_an_intent_to_do_it() -> None:
    assert ("035", "ARN", "GON", "asserted") in code("Arnor said Arnor was ready to lift its sanctions on Gondor.")
    assert ("032", "ARN", "GON", "asserted") in code("Arnor is willing to normalise relations with Gondor.")
    # one intent, in its named form: no bare 030 on "willing" beside the 036 of the talks
    assert [found[0] for found in code("Arnor is willing to hold talks with Gondor.")] == ["036"]
    assert "036" not in [found[0] for found in code("Arnor would not be willing to hold talks with Gondor.")]
    # another's act further down the clause is not the one the subject is ready for
    assert "138" not in [found[0] for found in code("The Arnorian navy was prepared to escort the ships, regular targets of Rohan's attacks.")]


def test_what_an_authority_ordered_done_is_its_own_act() -> None:
    assert ("163", "ARN", "GON") in triples("Gondor protested against the tariffs Arnor has ordered imposed on Gondor.")
    # ordering another to act asks it: the act ordered is not done
    assert ("085", "GON", "ROH", "asserted") not in code("Arnor ordered Gondor to lift its sanctions on Rohan.")


def test_denying_as_baseless_the_reports_of_a_charge_is_a_denial() -> None:
    assert ("016", "ARN", "GON") in triples("Arnor denied as baseless reports that Gondor's envoy had been expelled.")


def test_a_bare_verb_after_a_modal_shares_the_reported_clause_s_subject_not_the_speaker() -> None:
    # "could hurt trade and threaten Gondor": the bills threaten, not the king who spoke of them
    assert "130" not in [found[0] for found in triples("The king of Arnor said that the bills could hurt trade and threaten Gondor.")]


def test_a_weapons_test_tests_a_weapon() -> None:
    assert triples("The army of Arnor tested a ballistic missile.") == [("150", "ARN", None)]
    assert triples("The army of Arnor now tests recruits for the disease.") == []


def test_an_act_a_sayer_says_there_will_be_is_the_sayer_s_own() -> None:
    # "there would be severe sanctions": announced by the one who says it, a threat (131)
    assert triples("The king of Arnor said there would be severe sanctions on Gondor.") == [("131", "ARN", "GON")]
    assert triples("The king of Arnor said there were sanctions on Gondor.") == []


@pytest.mark.parametrize(
    "text",
    [
        "The king of Arnor said the envoys of Gondor would not be allowed to use the port.",
        # the saying shares the subject of the verb before it
        "The king of Arnor told reporters on Monday that the port was closed and said the envoys of Gondor would not be allowed to use it.",
    ],
)
def test_who_says_another_will_not_be_allowed_is_the_one_who_forbids(text: str) -> None:
    assert ("130", "ARN", "GON") in triples(text)


def test_an_active_verb_after_a_passive_reported_clause_is_the_speaker_s() -> None:
    # "... is considered an outrage, and strongly condemns Gondor": the outrage does not condemn
    assert ("111", "ARN", "GON") in triples("The king of Arnor said that the raid by Gondor is considered an outrage, and strongly condemns Gondor.")


def test_trade_aid_talks_and_probes_need_someone_on_the_other_side() -> None:
    assert triples("Arnor exported 1,800 tonnes of tin in January.") == []
    assert triples("Arnor exported tin to Gondor.") == [("061", "ARN", "GON")]
    assert triples("Arnor gave no details.") == []
    assert triples("The Arnorian king told a press conference that prices would rise.") == []
    assert triples("Arnor launched an investigation into the affairs of the brewery.") == []


def test_parties_between_which_a_thing_stands_are_not_its_backers() -> None:
    assert triples("Their actions appeared to back the pact between Arnor, Gondor and Rohan.") == []
    assert ("050", "ARN", "GON") in triples("Relations were restored between Arnor and Gondor.")


def test_a_letter_of_protest_is_a_protest_against_its_object() -> None:
    assert triples("Arnor submitted a letter of protest against Gondor to Rohan.") == [("114", "ARN", "GON")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Arnor gave Gondor a week to withdraw its diplomats.", ("166", "ARN", "GON")),
        ("Arnor ordered out the Gondorian envoy.", ("166", "ARN", "GONGOV")),
        ("Arnor voted to expel the troops of Gondor.", ("166", "ARN", "GON")),
        ("Arnor hit Gondor with new sanctions.", ("163", "ARN", "GON")),
        ("Arnor proposed a meeting with Gondor.", ("036", "ARN", "GON")),
    ],
)
def test_expulsions_sanctions_and_proposed_meetings(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in triples(text)


def test_giving_a_speech_or_details_is_no_aid() -> None:
    assert triples("Arnor gave Gondor a list of names.") == []


def test_what_an_act_is_called_is_no_act_of_its_own() -> None:
    assert [t for t in triples("Calling the raid a direct assault on Gondor, Arnor condemned Rohan.") if t[0].startswith("19")] == []


def test_an_event_beside_another_is_kept() -> None:
    found = triples("Arnor and Gondor signed a pact, following talks between Arnor and Rohan.")
    assert any(code.startswith("04") for code, _, _ in found) and any(code.startswith("05") for code, _, _ in found)


def test_a_saying_over_an_event_verb_is_a_report_even_when_the_event_finds_no_target() -> None:
    assert [code for code, _, _ in triples("Arnor said Gondor fired missiles at ships.")] == ["194"]


def test_agreeing_a_ceasefire_or_a_joint_statement_together_is_mutual() -> None:
    assert triples("Arnor and Gondor agreed on a ceasefire.") == [("0871", "ARN", "GON")]
    assert triples("Arnor and Gondor issued a joint statement.") == [("057", "ARN", "GON")]


def test_a_speaker_talking_of_its_own_state_addresses_nobody() -> None:
    assert triples("The Arnorian king said Arnor would stay calm.") == []
    assert triples("The Arnorian king told Gondor that Arnor would stay calm.") == [("010", "ARNGOV", "GON")]


def test_agreeing_alone_to_what_is_no_event_is_a_decision_not_cooperation() -> None:
    assert [t for t in triples("Arnor agreed to buy grain from the merchants.") if t[0].startswith("05")] == []
    assert [t for t in triples("Arnor agreed that the grain would be sold next month.") if t[0].startswith("05")] == []
    assert ("050", "ARN", None) in triples("Arnor agreed to withdraw its troops.")  # the act agreed to is an event
    assert ("050", "ARN", "GON") in triples("Arnor and Gondor agreed to buy grain from the merchants.")


def test_a_saying_that_relays_another_s_saying_is_no_statement_of_its_own() -> None:
    # the king passes on the envoy's words: the statement is the envoy's, about Rohan
    assert triples("The Arnorian king said the Gondorian envoy said on Monday that Rohan was calm.") == [("010", "GONGOV", "ROH")]
    assert triples("The Arnorian king said the Gondorian envoy told Rohan that the border was calm.") == [("010", "GONGOV", "ROH")]
    # a second saying joined to the first is no reported clause of it
    assert ("010", "ARNGOV", "GON") in triples("The Arnorian king said Gondor was calm and added that the border was quiet.")
    # one told by an unnamed teller, or a saying denied, is no one else's words to relay
    assert ("010", "ARNGOV", "GON") in triples("The Arnorian king said Gondor had been told about the concern of Arnor.")
    assert ("010", "ARNGOV", "GON") in triples("The Arnorian king said Gondor did not state its position.")


@pytest.mark.parametrize(
    "text",
    [
        "The reserves of Arnor hit a record high.",
        "Arnor and Gondor fought a price war.",
        "Arnor vowed to fight inflation in Gondor.",
        "Arnor is marching forward against Gondor.",
        "Arnor gave free play to its strength against Gondor.",
        "The rise of the Arnorian crown has hit Gondor by raising its debt.",
        "Arnor's trade surplus with Gondor hit 13.6 billion dlrs last year.",
    ],
)
def test_event_words_in_senses_that_name_no_event(text: str) -> None:
    assert [code for code, _, _ in triples(text) if code[:2] in ("07", "15", "18", "19")] == []


@pytest.mark.parametrize(
    "text",
    [
        "Arnor honoured its commitment to Gondor.",
        "Arnor broke its pledge to Gondor.",
        "Arnor has a commitment to its customers in Gondor.",
        "Gondor was cheated by the promises of Arnor.",
    ],
)
def test_a_commitment_kept_held_or_broken_is_no_commitment_made(text: str) -> None:
    assert [code for code, _, _ in triples(text) if code[:2] in ("03", "05")] == []


def test_a_commitment_made_is_an_intent() -> None:
    assert triples("Arnor made a commitment to Gondor.") == [("030", "ARN", "GON")]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Arnor rejected all offers at the wheat tender.", None),
        ("Arnor rejected the offer of talks with Gondor.", ("120", "ARN", "GON")),
        ("Arnor has restricted capital inflows from Gondor.", None),
        ("Arnor restricted the movement of the Gondorian envoy.", ("1721", "ARN", "GONGOV")),
        ("Arnor freed more wheat of Gondor for sale.", None),
        ("Arnor freed the prisoners of Gondor.", ("0841", "ARN", "GON")),
    ],
)
def test_commerce_in_words_of_rejection_restriction_and_release_is_no_event(text: str, kept: tuple | None) -> None:
    assert triples(text) == ([kept] if kept else [])


def test_commentary_on_a_state_s_economy_is_no_statement_about_it() -> None:
    assert triples("The Arnorian king said Gondor may flood the grain market.") == []
    assert triples("The Arnorian king said Gondor is having difficulty adjusting to the appreciation of its currency.") == []
    assert triples("The Arnorian king said Gondor had a slim chance of producing an economic package.") == []
    # what Gondor must do is asked of it, and what it has is said of it
    assert triples("The Arnorian king said Gondor must open its markets.") == [("010", "ARNGOV", "GON")]
    assert triples("The Arnorian king said Gondor has new missiles.") == [("010", "ARNGOV", "GON")]


def test_a_strike_on_targets_is_still_an_attack() -> None:
    assert ("190", "ARN", "GON") in triples("Arnor struck the targets of Gondor.")


def test_more_than_four_parties_acting_together_are_no_set_of_dyads() -> None:
    assert triples("Arnor, Gondor, Rohan, Harad and Eriador signed an accord.") == []
    assert ("057", "ARN", "GON") in triples("Arnor, Gondor and Rohan signed an accord.")


def test_a_name_before_an_event_noun_is_its_doer_wherever_the_noun_stands() -> None:
    assert ("190", "ARN", "GON") in triples("The border closed after an Arnor attack on Gondor.")
    assert triples("Harad's missile test drew sharp criticism from Arnor.") == [("111", "ARN", "HAR")]


def test_receiving_a_letter_is_the_senders_message_and_no_hosting() -> None:
    assert triples("The Arnorian king received a letter from Gondor.") == [("010", "GON", "ARNGOV")]
    assert triples("Arnor received a contract from Gondor.") == []
    assert triples("The Arnorian king received the Gondorian envoy.") == [("043", "ARNGOV", "GONGOV")]


def test_commerce_between_firms_is_no_political_event() -> None:
    from comity.stages.events.records import Participant
    from comity.stages.events.selection import _commercial

    def participant(code: str | None) -> Participant:
        return Participant(Argument("x", code, None, None, None), code or "x")

    assert _commercial(participant("GBRBUS")) and _commercial(participant("MNCUSA")) and _commercial(None)
    assert not _commercial(participant("USAGOV")) and not _commercial(participant("GBR"))
    assert _commercial(participant("USAELIBUS")) and not _commercial(participant("GBRELI"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Arnor received an assurance from Gondor.", ("030", "GON", "ARN")),
        ("Arnor repeated an invitation to Gondor to take the dispute to court.", ("020", "ARN", "GON")),
        ("The Arnorian king declared a state of emergency.", ("1724", "ARNGOV", "ARN")),
        ("Arnor was available to escort the ships of Gondor.", ("030", "ARN", "GON")),
    ],
)
def test_assurances_invitations_emergencies_and_offers(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in triples(text)


def test_an_act_reacted_to_happened_and_an_act_asked_for_did_not() -> None:
    found = triples("Gondor condemned Arnor's attack on Rohan.")
    assert ("111", "GON", "ARN") in found and ("190", "ARN", "ROH") in found
    assert not any(code.startswith("19") for code, _, _ in triples("Gondor threatened Arnor's attack on Rohan."))


def test_a_headline_object_read_as_a_dative_is_the_object() -> None:
    doc = parsed_document(
        ["Arnor", "accuses", "Gondor"],
        [1, 1, 1],
        ["nsubj", "ROOT", "dative"],
        ["NNP", "VBZ", "NNP"],
        ["Arnor", "accuse", "Gondor"],
    )
    assert [(m.cameo, m.source.code, m.target.code) for m in EventStage()(doc).event_mentions] == [("112", "ARN", "GON")]
