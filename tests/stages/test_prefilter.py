"""The prefilter picks the sentences that can hold an event, and loses no gold event."""

from __future__ import annotations

from pathlib import Path

import pytest

from comity.api import code_paths
from comity.config import Config
from comity.eval import GoldSet, evaluate, gold_sets, load_gold
from comity.knowledge.event_patterns import PatternSet, builtin_name
from comity.model import Document, Section, SectionKind, Span
from comity.pipeline import Pipeline
from comity.stages.parse import ParseStage, load_nlp, parsed_text
from comity.stages.prefilter import PrefilterStage, TriggerWords, load_splitter, refers_back, trigger_words

REPO = Path(__file__).resolve().parents[2]

HEADLINE = "Cuba and Vietnam sign trade pact"
BODY = (
    "The weather in Havana was warm and dry. "
    "Prices of rice rose by four percent over the year. "
    "Kim Jong Un met Miguel Diaz-Canel in Pyongyang on Monday. "
    "The harvest was the largest in a decade. "
    "Rainfall was below the average of recent years. "
    "Exports of nickel doubled since 2019. "
    "He praised the friendship of the two peoples."
)


def make_doc() -> Document:
    text = f"{HEADLINE}\n\n{BODY}\n"
    body_start = len(HEADLINE) + 2
    sections = [
        Section(SectionKind.HEADLINE, Span(0, len(HEADLINE))),
        Section(SectionKind.BODY, Span(body_start, body_start + len(BODY))),
    ]
    return Document("d1", text, "hash", "test", "txt", sections=sections)


@pytest.fixture(scope="module")
def triggers() -> TriggerWords:
    return PrefilterStage().triggers


@pytest.mark.parametrize("word", ["met", "meets", "Visited", "talks", "signed", "fought", "accused", "condemnation"])
def test_inflected_and_irregular_trigger_words_are_found(triggers: TriggerWords, word: str) -> None:
    assert triggers.is_trigger(word)


@pytest.mark.parametrize("word", ["weather", "rice", "lunch", "percent", "decade"])
def test_words_no_pattern_takes_are_not_triggers(triggers: TriggerWords, word: str) -> None:
    assert not triggers.is_trigger(word)


def test_a_candidate_naming_the_two_countries_brings_every_sentence_naming_a_known_actor() -> None:
    headline = "Cuba and Vietnam sign trade pact"
    body = (
        "Cuba and Vietnam signed a trade pact in Hanoi on Monday. "
        "The harvest was the largest in a decade in Vietnam. "
        "Cuba exports nickel and sugar. "
        "The weather was warm and dry. "
        "Officials praised both countries for their patience."
    )
    text = f"{headline}\n\n{body}\n"
    start = len(headline) + 2
    doc = Document("d2", text, "hash", "test", "txt", sections=[
        Section(SectionKind.HEADLINE, Span(0, len(headline))), Section(SectionKind.BODY, Span(start, start + len(body)))])
    candidates = sentence_texts(doc, PrefilterStage(context=0)(doc).candidate_spans)
    assert "Cuba exports nickel and sugar." in candidates  # who "both countries" are is read from the whole story
    assert "The weather was warm and dry." not in candidates


@pytest.mark.parametrize("sentence", [
    "The Cuban economy grew, according to figures published in May.",  # "accord" (grant) needs what is granted
    "The new line between the port and Hanoi is due to open in June.",  # "open" needs what is opened
])
def test_a_trigger_without_the_words_its_patterns_need_is_no_candidate(triggers: TriggerWords, sentence: str) -> None:
    assert not triggers.can_match(sentence.rstrip(".").replace(",", "").split())


@pytest.mark.parametrize("sentence", [
    "Cuba accorded recognition to the new government.",
    "Vietnam opened diplomatic relations with Laos.",
])
def test_a_trigger_with_a_word_its_pattern_needs_is_a_candidate(triggers: TriggerWords, sentence: str) -> None:
    assert triggers.can_match(sentence.rstrip(".").split())


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The minister praised the agreement.", True),
    ("The foreign minister praised the agreement.", True),
    ("Foreign Minister Ri praised the agreement.", True),  # a surname may need its full name
    ("The Chinese foreign minister praised the agreement.", False),
    ("The Cuban government praised the agreement.", False),
    ("She praised the agreement.", True),
])
def test_only_a_role_its_own_words_do_not_place_refers_back(sentence: str, expected: bool) -> None:
    words = [(word, index == 0) for index, word in enumerate(sentence.rstrip(".").split())]
    assert refers_back(words) is expected


def sentence_texts(doc: Document, spans: list[Span]) -> list[str]:
    return [span.text(doc.text) for span in spans]


def test_candidates_are_event_sentences_and_the_context_before_those_that_refer_back() -> None:
    doc = PrefilterStage(context=1)(make_doc())
    assert sentence_texts(doc, doc.candidate_spans) == [
        HEADLINE,
        "Kim Jong Un met Miguel Diaz-Canel in Pyongyang on Monday.",  # names everyone: no context
        "Exports of nickel doubled since 2019.",  # context of "He praised", for its antecedent
        "He praised the friendship of the two peoples.",
    ]


def test_without_context_only_sentences_with_a_trigger_and_an_actor_are_kept() -> None:
    doc = PrefilterStage(context=0)(make_doc())
    assert sentence_texts(doc, doc.candidate_spans) == [
        HEADLINE,
        "Kim Jong Un met Miguel Diaz-Canel in Pyongyang on Monday.",
        "He praised the friendship of the two peoples.",
    ]


def test_the_parse_covers_only_candidates_with_offsets_into_the_text() -> None:
    doc = Pipeline([PrefilterStage(context=0), ParseStage()], provided={"text", "sections"})(make_doc())
    assert sentence_texts(doc, [s.span for s in doc.sentences]) == sentence_texts(doc, doc.candidate_spans)
    words = [t for t in doc.parsed if not t.is_space]
    assert all(doc.text[t.idx : t.idx + len(t.text)] == t.text for t in words)
    assert "weather" not in {t.lower_ for t in words}
    assert len(parsed_text(doc)) == len(doc.text)


def test_a_document_without_prefilter_is_parsed_whole() -> None:
    doc = ParseStage()(make_doc())
    assert len(doc.sentences) == 8


def matched_gold_ids(gold_set: GoldSet, prefilter: bool) -> set[str]:
    report = evaluate(load_gold(gold_set.gold), code_paths(gold_set.docs, Config(prefilter=prefilter)))
    return {match.gold_id for match in report.matches}


def repo_gold_set(name: str) -> GoldSet:
    return next(g for g in gold_sets(REPO, None) if g.name == name)


@pytest.mark.parametrize("name", ["demo", "dev2", "unseen", "unseen2"])
def test_the_prefilter_loses_no_gold_event(name: str) -> None:
    gold_set = repo_gold_set(name)
    with_prefilter = matched_gold_ids(gold_set, prefilter=True)
    assert with_prefilter, "the gold set should match something"
    assert matched_gold_ids(gold_set, prefilter=False) - with_prefilter == set(), "gold events lost to the prefilter"


def test_the_prefilter_loses_no_gold_event_on_the_seed_articles(shared_dir: Path) -> None:
    (gold_set,) = [g for g in gold_sets(REPO, shared_dir) if g.name == "seeds-dev"]
    if not gold_set.gold.exists():
        pytest.skip(f"{gold_set.gold} does not exist")
    with_prefilter = matched_gold_ids(gold_set, prefilter=True)
    assert with_prefilter
    assert matched_gold_ids(gold_set, prefilter=False) - with_prefilter == set(), "gold events lost to the prefilter"


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Arnor's troops crossed into Gondor", True),  # the broad layer's "&MILITARY * (INTO)" [190]
    ("Arnor's trucks crossed into Gondor", False),  # it needs a word of &MILITARY
])
def test_a_sentence_only_the_broad_layer_could_code_is_a_candidate(triggers: TriggerWords, sentence: str, expected: bool) -> None:
    assert triggers.can_match(sentence.split()) is expected


def test_a_generic_broad_pattern_needs_two_political_actors_in_the_sentence() -> None:
    """ "X and Y remain at odds" (the broad layer's "* (AT ODDS)", coded only between political
    actors): a candidate with two actors, not with one."""
    stage = PrefilterStage(context=0)
    assert stage.triggers.can_match_political("Arnor remains at odds".split())
    two = "Cuba and Vietnam remain at odds over rice."
    one = "The Cuban harvest remains at odds with forecasts."
    for text, expected in ((two, [two]), (one, [])):
        doc = Document("d", text, "h", "t", "txt", sections=[Section(SectionKind.BODY, Span(0, len(text)))])
        assert sentence_texts(doc, stage(doc).candidate_spans) == expected


def test_the_splitter_cuts_words_as_the_parse_does() -> None:
    text = "The U.S. envoy didn't meet Kim's aides in Pyongyang, officials said."
    assert [t.text for t in load_splitter()(text)] == [t.text for t in load_nlp()(text)]


def test_trigger_words_of_the_built_in_patterns_are_read_back_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMITY_CACHE_DIR", str(tmp_path))
    built = trigger_words(PatternSet.default())
    read_back = trigger_words(PatternSet.default())
    assert [p.name for p in tmp_path.glob("triggers_default-*.pickle")] != []
    assert (read_back.lemmas, read_back.needs, read_back.suffix_rules) == (built.lemmas, built.needs, built.suffix_rules)


def test_trigger_words_of_user_patterns_are_built_not_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMITY_CACHE_DIR", str(tmp_path))
    user = PatternSet(PatternSet.own().patterns[:5])
    assert builtin_name(user) is None
    assert trigger_words(user).lemmas
    assert not list(tmp_path.glob("triggers_*"))
