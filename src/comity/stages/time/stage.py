"""The time stage: a date for every event mention, and its person actors re-coded at that date; an
act told in the present for a day after the story's day is scheduled, so future."""

from __future__ import annotations

from typing import Any

from comity.model import Document, EventMention, Factuality
from comity.stages.time.attach import date_for, scheduled_in_the_present
from comity.stages.time.context import build_context
from comity.stages.time.recoding import date_for_roles, default_actor_knowledge, recode_at


class TimeStage:
    name = "time"
    requires = frozenset({"parsed", "sentences", "event_mentions", "meta"})
    assigns = frozenset({"event_dates"})

    def __init__(self, actor_knowledge: Any = None, recode_actors: bool = True, infer_from_offices: bool = True):
        """`actor_knowledge`: anything with `code_at(actor_id, date)`, `country_for(actor_id, code)` and `roles(actor_id)`; the bundled one
        by default. `infer_from_offices`: date an undated text by the offices its people hold."""
        self._actor_knowledge = actor_knowledge
        self.recode_actors = recode_actors
        self.infer_from_offices = infer_from_offices

    @property
    def actor_knowledge(self) -> Any:
        if self._actor_knowledge is None:
            self._actor_knowledge = default_actor_knowledge()
        return self._actor_knowledge

    def __call__(self, doc: Document) -> Document:
        if not doc.event_mentions:
            return doc
        context = build_context(doc, self.actor_knowledge if self.infer_from_offices else None)
        for mention in doc.event_mentions:
            mention.date = date_for(mention, context, doc.parsed)
            if scheduled_in_the_present(mention, context, doc.parsed):
                mention.factuality = Factuality.FUTURE
            if self.recode_actors:
                self._recode(mention)
        return doc

    def _recode(self, mention: EventMention) -> None:
        day = date_for_roles(mention.date)
        if day is None:
            return
        mention.source = recode_at(mention.source, day, self.actor_knowledge)
        mention.target = recode_at(mention.target, day, self.actor_knowledge)
