"""Document identity: every input gets an id that no other input holds, and the same id every time.

An input either gives its id (`doc_id` in a sidecar, front matter or a JSON
Lines field) or gets one derived from where it was read: the file name
without extension (`report`), `NAME-L7` for line 7 of `NAME.jsonl`. A derived
id is short where it is unique; when another input already holds it (in this
run or in the store), the input falls back to its path from the folder it was
found in (`2020/report`), then to that path with a hash of its absolute path
(`2020/report~1a2b3c4d`). Which input an id belongs to is known by its
`source_key` (absolute path, and line for JSON Lines), kept with the
document, so re-reading an input finds its id again, however it was named
(a store written before source keys were kept matches by origin instead).

A given id is the user's word: another text under an id that already holds
one is refused with its reason, unless the run replaces on purpose
(`--replace`). The same text under the same id is the same document.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Protocol

from comity.model import Document, DocumentProblem, InputFailure

#: The fields of a stored document that say which input it came from and with what text.
Holder = tuple[str, str | None, str]  # content_hash, source_key, origin


class StoredIds(Protocol):
    """What the store knows of ids already used (comity.store.Store has these)."""

    def holder(self, doc_id: str) -> Holder | None: ...

    def doc_id_of_source(self, source_key: str, origin: str) -> str | None: ...


def short_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


@dataclass(slots=True)
class IdAssigner:
    """Gives each input of a run its final id, against this run's inputs and the store's documents."""

    stored: StoredIds | None = None
    replace: bool = False
    _claimed: dict[str, Holder] = field(default_factory=dict)
    _by_source: dict[str, str] = field(default_factory=dict)

    def assign(self, doc: Document) -> Document | InputFailure:
        """The document under its final id (a warning added when the short id was taken), or why not."""
        if doc.id_given:
            return self._given(doc)
        return self._derived(doc)

    def _given(self, doc: Document) -> Document | InputFailure:
        holder = self._holder(doc.doc_id)
        if holder is None or holder[0] == doc.content_hash or self.replace:
            return self._claim(doc, doc.doc_id)
        problem = DocumentProblem(
            "doc_id_taken",
            f"doc_id {doc.doc_id!r} already holds a different text (from {holder[2]}); "
            "give this input another id or use --replace",
            fatal=True,
        )
        return InputFailure(doc.origin, doc.doc_id, problem)

    def _derived(self, doc: Document) -> Document | InputFailure:
        known = self._id_of_source(doc)
        if known is not None:
            return self._claim(doc, known)  # the same input again, edited or not
        short = doc.doc_id
        for candidate in (short, *doc.id_fallbacks):
            # Another input's id is never taken over, even with the same text: the same wire story
            # in two outlets is two articles.
            if self._holder(candidate) is None:
                if candidate != short:
                    doc.problems.append(_renamed(doc, short, candidate, self._holder(short)))
                return self._claim(doc, candidate)
        problem = DocumentProblem(
            "doc_id_taken",
            f"every id comity could derive for {doc.origin} ({', '.join((short, *doc.id_fallbacks))}) "
            "is held by another text; give this input a doc_id in a sidecar or its metadata",
            fatal=True,
        )
        return InputFailure(doc.origin, short, problem)

    def _claim(self, doc: Document, doc_id: str) -> Document:
        doc.doc_id = doc_id
        self._claimed[doc_id] = (doc.content_hash, doc.source_key, doc.origin)
        if doc.source_key is not None:
            self._by_source[doc.source_key] = doc_id
        return doc

    def _holder(self, doc_id: str) -> Holder | None:
        if doc_id in self._claimed:
            return self._claimed[doc_id]
        return self.stored.holder(doc_id) if self.stored is not None else None

    def _id_of_source(self, doc: Document) -> str | None:
        if doc.source_key is None:
            return None
        if doc.source_key in self._by_source:
            return self._by_source[doc.source_key]
        return self.stored.doc_id_of_source(doc.source_key, doc.origin) if self.stored is not None else None


def _renamed(doc: Document, short: str, final: str, holder: Holder | None) -> DocumentProblem:
    other = f" ({holder[2]})" if holder is not None else ""
    return DocumentProblem(
        "doc_id_renamed",
        f"the id {short!r} is held by another input{other}, so {doc.origin} is stored as {final!r}; "
        "give it a doc_id in a sidecar or its metadata to choose its id",
        fatal=False,
    )
