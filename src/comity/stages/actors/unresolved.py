"""Names the knowledge does not know, listed for `comity actors --unresolved`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from comity.model import ActorMention, Document


def unresolved(doc: Document) -> list[ActorMention]:
    """Mentions whose actor the knowledge does not know (for `comity actors --unresolved`)."""
    return [m for m in doc.actor_mentions if not m.resolved]


@dataclass(frozen=True, slots=True)
class UnresolvedName:
    text: str
    count: int
    documents: int
    rules: tuple[str, ...]
    codes: tuple[str, ...]  # codes the title/context rules gave it, if any
    examples: tuple[str, ...]  # doc ids


def _without_title(mention: ActorMention) -> str:
    """"Minister Hollis Brandywine" -> "Hollis Brandywine": the name, without the title found."""
    text = " ".join(mention.text.split())
    if mention.role and mention.rule.startswith("title") and text.casefold().startswith(mention.role.casefold() + " "):
        return text[len(mention.role) + 1 :]
    words = text.split()
    while len(words) > 1 and words[0][:1].isupper() and mention.role and words[0].casefold() in mention.role.casefold():
        words = words[1:]
    return " ".join(words)


def aggregate_unresolved(docs: Iterable[Document], limit_examples: int = 3) -> list[UnresolvedName]:
    """Unresolved names over documents, most frequent first, spellings merged by case."""
    counts: Counter[str] = Counter()
    shown: dict[str, str] = {}
    docs_of: dict[str, list[str]] = {}
    rules: dict[str, set[str]] = {}
    codes: dict[str, set[str]] = {}
    for doc in docs:
        for mention in unresolved(doc):
            name = _without_title(mention)
            key = name.casefold()
            counts[key] += 1
            shown.setdefault(key, name)
            ids = docs_of.setdefault(key, [])
            if doc.doc_id not in ids:
                ids.append(doc.doc_id)
            rules.setdefault(key, set()).add(mention.rule)
            if mention.code:
                codes.setdefault(key, set()).add(mention.code)
    return [
        UnresolvedName(
            shown[key], n, len(docs_of[key]), tuple(sorted(rules[key])), tuple(sorted(codes.get(key, ()))),
            tuple(docs_of[key][:limit_examples]),
        )
        for key, n in counts.most_common()
    ]
