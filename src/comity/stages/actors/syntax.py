"""Readings of the parse the actor rules share: roots, participants, datelines, modifiers."""

from __future__ import annotations

import re

from comity.model import Document, Span
from comity.stages.actors.vocabulary import ADDRESS_NOUNS, ADDRESS_VERBS, PARTICIPANT_DEPS, PARTICIPANT_PREPS, RECALL_VERBS


def tokens_of(doc: Document, span: Span):
    return doc.parsed.char_span(span.start, span.end, alignment_mode="expand")


def head_dep(doc: Document, span: Span) -> str | None:
    tokens = tokens_of(doc, span)
    return tokens.root.dep_ if tokens is not None and len(tokens) else None


def is_participant(doc: Document, span: Span, of_allowed: bool = False) -> bool:
    """A capital is an actor as subject, object, possessor or in "with/against Pyongyang";
    with `of_allowed`, also a crowd counted "dozens of protesters"."""
    tokens = tokens_of(doc, span)
    if tokens is None or not len(tokens):
        return False
    root = tokens.root
    dep = root.dep_
    while dep == "conj":
        root = root.head
        dep = root.dep_
    if dep in PARTICIPANT_DEPS:
        return True
    if of_allowed and dep == "pobj" and root.head.lower_ == "of" and root.head.head.dep_ in PARTICIPANT_DEPS:
        return True
    if dep == "pobj" and root.head.lower_ == "to" and root.head.head.lemma_.lower() in ADDRESS_VERBS | ADDRESS_NOUNS:
        return True  # "protested to Manila" is said to its government; "flew to Manila" is a place
    if dep == "pobj" and root.head.lower_ == "from" and _recall_verb(root.head.head):
        return True  # "recalled its envoy from Canberra" acts on Canberra; "flew from Canberra" is a place
    return dep == "pobj" and root.head.lower_ in PARTICIPANT_PREPS


def _recall_verb(head) -> bool:
    """The verb a "from" hangs on, directly or through its object ("recalls ambassadors from")."""
    verb = head.head if head.dep_ == "dobj" else head
    return verb.lemma_.lower() in RECALL_VERBS


_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d"
# an abbreviated region keeps its full stop: "ALLENTOWN, PA., March 13 -", "SAN DIEGO, Calif., March 17 -"
_DATELINE_AFTER = re.compile(rf"^\.?\s*(?:[A-Z]{{2,}}\s*)?(?:\(|--|\u2013|\u2014|-\s|,\s*{_MONTH})")
_CAPS_DATELINE_AFTER = re.compile(r"^\.?\s*(?:[A-Z]{2,}\s*)?(?:,|\(|--|\u2013|\u2014|-\s)")
_DATELINE_CITY = re.compile(r"^[A-Z][A-Z .'\u2019-]+,\s*$")


def is_dateline(text: str, span: Span) -> bool:
    """"Pyongyang, March 24 (KCNA) --", "HAVANA TIMES –", "UNITED NATIONS (Harbour Wire) —",
    "PANMUNJOM, South Korea --": a place heading the text, not an actor."""
    line_start = text.rfind("\n", 0, span.start) + 1
    before = text[line_start : span.start]
    if before.strip() and not _DATELINE_CITY.match(before):
        return False
    after = text[span.end : span.end + 16]
    pattern = _CAPS_DATELINE_AFTER if span.text(text).isupper() else _DATELINE_AFTER
    return bool(pattern.match(after))


def is_modifier(doc: Document, span: Span) -> bool:
    tokens = tokens_of(doc, span)
    if tokens is None or not len(tokens):
        return True
    root = tokens.root
    return root.dep_ in {"amod", "compound", "nmod"} or root.pos_ == "ADJ"


HYPHENS = frozenset({"-", "\u2013"})


def hyphen_partner(token):  # spacy Token -> spacy Token | None
    """The word joined to this one by a hyphen with no space ("Iran-Iraq", "U.S.-Soviet",
    "Sino-Soviet"): the two sides a pair compound names."""
    doc = token.doc
    if token.i + 2 < len(doc) and doc[token.i + 1].text in HYPHENS and not token.whitespace_ and not doc[token.i + 1].whitespace_:
        return doc[token.i + 2]
    if token.i >= 2 and doc[token.i - 1].text in HYPHENS and not doc[token.i - 1].whitespace_ and not doc[token.i - 2].whitespace_:
        return doc[token.i - 2]
    return None
