from comity.model import Document, Section, SectionKind, Span
from comity.stages.parse import ParseStage, masked_text

TEXT = (
    "Leaders meet in Hanoi\n\n"
    "The president met the premier in Hanoi on Monday. They signed a deal.\n\n"
    "3 comments\n\nGreat news from Paris, says a reader.\n"
)


def make_doc() -> Document:
    headline_end = TEXT.index("\n")
    body_start = TEXT.index("The president")
    body_end = TEXT.index("\n\n3 comments")
    comment_start = TEXT.index("3 comments")
    return Document(
        doc_id="t",
        text=TEXT,
        content_hash="h",
        origin="test",
        input_format="txt",
        sections=[
            Section(SectionKind.HEADLINE, Span(0, headline_end)),
            Section(SectionKind.BODY, Span(body_start, body_end)),
            Section(SectionKind.COMMENT, Span(comment_start, len(TEXT.rstrip()))),
        ],
    )


def test_masked_text_keeps_offsets_and_blanks_uncoded_sections():
    doc = make_doc()
    masked = masked_text(doc)
    assert len(masked) == len(doc.text)
    assert "Paris" not in masked
    assert masked.index("Hanoi") == doc.text.index("Hanoi")


def test_parse_gives_sentences_only_in_coded_sections_with_original_offsets():
    doc = ParseStage()(make_doc())
    texts = [s.span.text(doc.text) for s in doc.sentences]
    assert texts == [
        "Leaders meet in Hanoi",
        "The president met the premier in Hanoi on Monday.",
        "They signed a deal.",
    ]
    assert [s.section for s in doc.sentences] == [SectionKind.HEADLINE, SectionKind.BODY, SectionKind.BODY]
    met = next(t for t in doc.parsed if t.text == "met")
    assert doc.text[met.idx : met.idx + 3] == "met"
    assert all(t.text != "Paris" for t in doc.parsed)


def test_pipe_matches_single_document_parse():
    single = ParseStage()(make_doc())
    batched = next(ParseStage().pipe([make_doc()]))
    assert [s.span for s in batched.sentences] == [s.span for s in single.sentences]


def test_a_hyphen_after_an_abbreviation_splits_a_pair_compound_but_not_a_lowercase_word():
    from comity.stages.parse import load_nlp

    nlp = load_nlp()
    assert [t.text for t in nlp.make_doc("U.S.-Soviet talks")] == ["U.S.", "-", "Soviet", "talks"]
    assert [t.text for t in nlp.make_doc("a U.S.-backed plan")] == ["a", "U.S.-backed", "plan"]


def test_a_closing_quote_and_a_word_capitalised_after_us_stay_in_their_sentence():
    from comity.stages.parse import load_nlp

    nlp = load_nlp()
    doc = nlp('The Chilean spokesman said the claims that Chile planned to seize fishing boats were "plain '
              'slander."\n\nHe said Chile warned the U.S. And other states not to meddle in the dispute.')
    sentences = [s.text.strip() for s in doc.sents if s.text.strip()]
    assert sentences == ['The Chilean spokesman said the claims that Chile planned to seize fishing boats were "plain slander."',
                         "He said Chile warned the U.S. And other states not to meddle in the dispute."]


def test_the_model_s_tokenizer_is_loaded_whole_over_an_empty_one():
    import spacy

    from comity.config import SPACY_MODEL
    from comity.stages.parse import EMPTY_TOKENIZER, load_nlp

    ours, model = load_nlp().tokenizer, spacy.load(SPACY_MODEL, exclude=["senter"]).tokenizer
    assert load_nlp().config["nlp"]["tokenizer"] == {"@tokenizers": EMPTY_TOKENIZER}
    assert ours.rules == model.rules and ours.faster_heuristics == model.faster_heuristics
    for name in ("prefix_search", "suffix_search", "url_match"):
        assert getattr(ours, name).__self__.pattern == getattr(model, name).__self__.pattern
    text = "The U.N.'s envoy didn't say; Mr. Smith met them at 10 a.m. in St. Louis (Mo.)."
    assert [t.text for t in load_nlp().make_doc(text)] == [t.text for t in model(text)]
