from __future__ import annotations

import pytest

from comity.factuality import assess, clause_verb
from comity.model import Factuality
from comity.stages.parse import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def trigger(nlp, text: str, word: str):
    return next(token for token in nlp(text) if token.text == word)


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("The minister met his counterpart.", "met", Factuality.ASSERTED),
        ("The minister did not meet his counterpart.", "meet", Factuality.NEGATED),
        ("The minister never met his counterpart.", "met", Factuality.NEGATED),
        ("The minister refused to meet his counterpart.", "meet", Factuality.NEGATED),
        ("The minister was unable to meet his counterpart.", "meet", Factuality.NEGATED),
        ("The kingdom must be able to sell its grain to Gondor.", "sell", Factuality.HYPOTHETICAL),
        ("The minister was able to meet his counterpart.", "meet", Factuality.ASSERTED),
        ("The minister will visit the capital.", "visit", Factuality.FUTURE),
        ("The minister is scheduled to visit the capital.", "visit", Factuality.FUTURE),
        ("The minister plans to visit the capital.", "visit", Factuality.FUTURE),
        ("The minister would visit the capital.", "visit", Factuality.HYPOTHETICAL),
        ("The king stressed the urgency of reaching a peace with Gondor.", "reaching", Factuality.HYPOTHETICAL),
        ("The king stressed the importance of signing the treaty.", "signing", Factuality.HYPOTHETICAL),
        ("The king spoke of signing the treaty last year.", "signing", Factuality.ASSERTED),
        ("A general strike called by the unions to protest against the cuts shut the ports.", "protest", Factuality.ASSERTED),
        ("The king called on the unions to protest against the cuts.", "protest", Factuality.HYPOTHETICAL),
        ("If the minister visits the capital, the talks will resume.", "visits", Factuality.HYPOTHETICAL),
        ("The minister ordered Havana to withdraw its diplomats.", "withdraw", Factuality.HYPOTHETICAL),
        ("The minister visited the capital, the agency said.", "visited", Factuality.REPORTED),
        ("The agency said the minister visited the capital.", "visited", Factuality.REPORTED),
        ("The minister visited the capital, according to the agency.", "visited", Factuality.REPORTED),
        # a bare verb after "and" shares the auxiliaries of the verb before it
        ("The agency said the kingdom would follow suit and withdraw its envoy.", "withdraw", Factuality.HYPOTHETICAL),
        ("The kingdom will close its border and expel the envoy.", "expel", Factuality.FUTURE),
        ("The kingdom closed its border and expelled the envoy.", "expelled", Factuality.ASSERTED),
        # what a denial denies did not happen, as far as the text asserts
        ("The kingdom denied that its planes had violated the border.", "violated", Factuality.NEGATED),
        ("The kingdom denied reports that it had attacked the convoy.", "attacked", Factuality.NEGATED),
        ("The kingdom said reports that it intended to attack the convoy were baseless.", "attack", Factuality.NEGATED),
        ("Reports that the kingdom had attacked the convoy were denied by its ministry.", "attacked", Factuality.NEGATED),
        ("The kingdom made no comment on the fighting.", "made", Factuality.NEGATED),
        ("The minister rejected demands by a group of governors that he resign.", "resign", Factuality.HYPOTHETICAL),
        ("The kingdom rejected the demand that the envoy leave.", "leave", Factuality.HYPOTHETICAL),
        ("Newspapers called for a ban on exports from the kingdom.", "ban", Factuality.HYPOTHETICAL),
        ("The palace barred negotiations with the rebels.", "negotiations", Factuality.NEGATED),
        ("The minister has cancelled a trip to the capital.", "trip", Factuality.NEGATED),
        ("The king admitted mistakes without apologising to the envoy.", "apologising", Factuality.NEGATED),
        ("Her mission was to brief the minister on President Smith's visit to the Soviet Union last week.", "visit", Factuality.ASSERTED),
        ("His task was to brief the envoy on the king's visit to the capital.", "visit", Factuality.FUTURE),
        ("The kingdom gave no details of the raid on the port.", "raid", Factuality.ASSERTED),
        ("The kingdom denied the report.", "denied", Factuality.ASSERTED),
        ("The kingdom intends no threat to shipping.", "threat", Factuality.NEGATED),
        # a purpose is intended, not done
        ("The army built bases to wage war on the kingdom.", "wage", Factuality.HYPOTHETICAL),
        ("The kingdom sent troops to attack the rebels.", "attack", Factuality.HYPOTHETICAL),
        ("The kingdom sent troops to attack the rebels.", "sent", Factuality.ASSERTED),
        ("The kingdom has the right to expel the envoy.", "expel", Factuality.HYPOTHETICAL),
        ("The kingdom agreed to expel the envoy.", "expel", Factuality.FUTURE),
        ("The kingdom became the first state to make peace with its neighbour.", "make", Factuality.ASSERTED),
        # a habit is not an act; an act asked for in a subjunctive "that" clause has not happened
        ("The kingdom said it was prepared to lift the sanctions.", "lift", Factuality.FUTURE),
        ("The kingdom is ready to resume talks.", "resume", Factuality.FUTURE),
        ("The kingdom made a request to the council to close the base.", "request", Factuality.ASSERTED),
        ("Talks of this kind are regularly held in the capital.", "held", Factuality.HYPOTHETICAL),
        ("The two ministers meet every year in the capital.", "meet", Factuality.HYPOTHETICAL),
        ("The two ministers met last year in the capital.", "met", Factuality.ASSERTED),
        ("The kingdom demanded that the rebels release the envoy.", "release", Factuality.HYPOTHETICAL),
        ("The kingdom insisted that the rebels had released the envoy.", "released", Factuality.REPORTED),
        # the parser may hang the "that" clause on the noun of the prepositional phrase between
        ("The prime minister proposed in a letter to his counterpart that they meet to discuss the issues.", "meet", Factuality.HYPOTHETICAL),
    ],
)
def test_factuality_cues(nlp, text: str, word: str, expected: Factuality) -> None:
    assert assess(trigger(nlp, text, word)).value is expected


def test_intent_verb_itself_is_asserted_and_its_complement_future(nlp) -> None:
    text = "The minister vowed to visit the capital."
    assert assess(trigger(nlp, text, "vowed")).value is Factuality.ASSERTED
    assert assess(trigger(nlp, text, "visit")).value is Factuality.FUTURE


def test_a_present_time_clause_of_a_coming_act_is_coming_too(nlp) -> None:
    text = "The minister will brief the envoys when he visits the capital next week."
    assert assess(trigger(nlp, text, "visits")).value is Factuality.FUTURE
    text = "The minister briefs the envoys when he visits the capital."
    assert assess(trigger(nlp, text, "visits")).value is Factuality.ASSERTED


def test_an_event_noun_averted_did_not_happen_and_one_urged_has_not_yet(nlp) -> None:
    assert assess(trigger(nlp, "The talks were meant to avert American sanctions against Japan.", "sanctions")).value is Factuality.NEGATED
    text = "The sanctions urged by the farm lobby would hurt Japan."
    assert assess(trigger(nlp, text, "sanctions")).value is Factuality.HYPOTHETICAL
    text = "The sanctions imposed by Congress hurt Japan."
    assert assess(trigger(nlp, text, "sanctions")).value is Factuality.ASSERTED


def test_report_names_its_speaker(nlp) -> None:
    found = assess(trigger(nlp, "The minister visited the capital, the agency said.", "visited"))
    assert found.speaker is not None and found.speaker.text == "agency"
    assert found.cue.lemma_ == "say"


def test_planned_nominal_event_is_future(nlp) -> None:
    text = "The congress which is to be held in April was announced."
    assert assess(trigger(nlp, text, "congress")).value is Factuality.FUTURE


def test_nominal_trigger_takes_its_governing_verb(nlp) -> None:
    doc = nlp("The two leaders held talks in the capital.")
    talks = next(t for t in doc if t.text == "talks")
    assert clause_verb(talks).text == "held"
    assert assess(talks).value is Factuality.ASSERTED


def test_inside_quotation() -> None:
    from comity.factuality import inside_quotation

    text = "\u201cWe met them. They agreed,\u201d he said. Then they left.\n\"They wrote back.\" Fine."
    assert inside_quotation(text, text.index("They agreed"))
    assert not inside_quotation(text, text.index("Then they"))
    assert inside_quotation(text, text.index("wrote"))
    assert not inside_quotation(text, text.index("Fine"))


def test_every_verb_list_the_rules_read_by_lemma_is_known_to_lemma_repair() -> None:
    from comity import factuality

    read_by_lemma = factuality.NOT_DONE_GOVERNORS | factuality.PREVENTION_VERBS | factuality.DECIDED_VERBS | factuality.SPEECH_VERBS
    assert read_by_lemma <= factuality.KNOWN_VERBS
