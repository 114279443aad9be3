"""News media as the channel of a report, not a participant: "told Reuters", "KCNA said",
"according to Xinhua", "the official IRNA news agency reported", "quoted by Tehran radio",
"monitored by the BBC", "said in an interview with Reuters", "a Reuter report". Such a mention
keeps its actor and code but takes the rule `reporter`, so the events stage leaves it out of
every event while the report it carries is coded with its own actors. A medium acted upon
("raided the agency's office", "banned the newspaper") stays an actor."""

from __future__ import annotations

from dataclasses import replace

from comity.model import REPORTER_RULE, ActorMention, Document
from comity.stages.actors.syntax import tokens_of
from comity.stages.actors.vocabulary import MEDIA_PEOPLE, REPORT_NOUNS, REPORTING_VERBS, TELLING_VERBS


def as_reporter(doc: Document, mention: ActorMention) -> ActorMention:
    """The mention marked as a reporter when it names a news medium carrying a report."""
    if not _is_medium(mention) or not carries_a_report(doc, mention):
        return mention
    return replace(mention, rule=REPORTER_RULE)


def _is_medium(mention: ActorMention) -> bool:
    """A news agency, newspaper, broadcaster: a MED code, not a journalist or reporter in person."""
    code = mention.code or ""
    sectors = {code[i : i + 3] for i in range(0, len(code), 3)}
    person = (mention.actor_id or "").startswith("person:") or (mention.role or "").lower() in MEDIA_PEOPLE
    return "MED" in sectors and not person


def carries_a_report(doc: Document, mention: ActorMention) -> bool:
    """Whether the mention's head reads as the channel of a report: the subject of a reporting
    verb, the one told, the source of "according to", the agent of "quoted by", where something
    was said ("said on state television"), or the owner or maker of a report ("KCNA's report")."""
    tokens = tokens_of(doc, mention.span)
    if tokens is None or not len(tokens):
        return False
    if _told(tokens):
        return True
    head = tokens.root
    while _named_on(head):
        head = head.head  # "told Reuters and the BBC", "the agency, IRNA, said", "the news agency KUNA"
    dep, governor = head.dep_, head.head
    if dep == "nsubj":
        return _lemma(governor) in REPORTING_VERBS
    if dep in ("dobj", "dative", "iobj"):
        return _lemma(governor) in TELLING_VERBS
    if dep in ("poss", "compound", "nmod"):
        return _lemma(governor) in REPORT_NOUNS
    if dep == "pobj":
        return _reports_through(governor)
    return False


def _told(tokens) -> bool:
    """"told Reuters ...", "telling the news agency ...": the word before the medium (past an
    article) is a verb of telling, however the parser attached what follows."""
    before = tokens.doc[tokens.start - 1] if tokens.start > 0 else None
    if before is not None and before.lower_ in ("the", "a", "an") and before.i > 0:
        before = tokens.doc[before.i - 1]
    return before is not None and before.pos_ in ("VERB", "AUX") and _lemma(before) in TELLING_VERBS


def _named_on(token) -> bool:
    """A word that stands for the phrase it hangs on: a conjunct, an apposition, or a noun
    before a name ("the news agency KUNA")."""
    if token.head.i == token.i:
        return False
    return token.dep_ in ("conj", "appos") or (token.dep_ == "compound" and token.head.pos_ == "PROPN")


def _reports_through(preposition) -> bool:
    """"according to X", "quoted by X", "told to X", "said on X", "an interview with X"."""
    word, governor = preposition.lower_, preposition.head
    if word == "to" and governor.lower_ == "according":
        return True
    if word in ("by", "to", "on", "in", "over") and _lemma(governor) in REPORTING_VERBS | TELLING_VERBS:
        return True
    return word in ("with", "by", "in", "on", "from", "to") and _lemma(governor) in REPORT_NOUNS


def _lemma(token) -> str:
    return token.lemma_.lower()
