"""Actors stage: who is who in each sentence, with the code valid at publication.

Known names are matched over the text directly (never through spaCy's entity labels
alone, which call "Diaz-Canel" an organisation and cut "the Communist Party of"
short). Around them, rules each recorded in `ActorMention.rule`:

- "name" / "variant" / "abbreviation" / "demonym" / "metonym": a known surface form;
  a capital ("Pyongyang said") only when it is a participant, never "in Pyongyang".
- "title+name": a title before a known person ("Cuban President Miguel Diaz-Canel").
- "demonym+agent" / "name+agent": a state and a role noun ("the Cuban delegation");
  "title:holder" when the role names one person on that date ("Cuban president").
- "title+context" / "title+country" / "apposition": an unknown person with a title
  ("Premier Ri Chol", "Juan Pérez, vice president of Cuba"), coded by the named
  country or else the document's context country (its outlet, dateline or main state).
- "coref:surname", "coref:pronoun", "coref:definite" ("the leader", "the delegation"),
  "conj+agent" ("the Cuban government and people"), "group:dyad" ("the two countries");
  "cataphora:surname": a surname read before the full name (a headline), as the text
  goes on to name that person.
- "unknown:PERSON" etc.: a name spaCy found and the knowledge does not know
  (actor_id None), listed by `unresolved`.

`ActorMention.code` is the code at `doc.meta.published`; the event stage may ask
`ActorKnowledge.code_at` again with the event's own date.

The package: `stage` runs the rules over a document; `home` finds its setting (date, home
country, dateline, main dyad); `units` finds the stretches that may name actors and
`compose` makes one mention of each run of them, through `people`, `unknown`, `groups`
and `titles`; `pronouns` and `dyads` resolve references back; `syntax` and `vocabulary`
are what the rules share; `unresolved` lists what the knowledge lacks.
"""

from comity.stages.actors.home import context_country, dateline_country, publication_date
from comity.stages.actors.stage import ActorStage, find_mentions
from comity.stages.actors.unresolved import UnresolvedName, aggregate_unresolved, unresolved
from comity.stages.actors.vocabulary import (
    DATELINE_ROLE_NOUNS,
    DEFINITE_NOUNS,
    DYAD,
    LOCATIVE_PREPS,
    PERSON_PRONOUNS,
    PLURAL_PRONOUNS,
    THING_PRONOUNS,
)

__all__ = [
    "DATELINE_ROLE_NOUNS",
    "DEFINITE_NOUNS",
    "DYAD",
    "LOCATIVE_PREPS",
    "PERSON_PRONOUNS",
    "PLURAL_PRONOUNS",
    "THING_PRONOUNS",
    "ActorStage",
    "UnresolvedName",
    "aggregate_unresolved",
    "context_country",
    "dateline_country",
    "find_mentions",
    "publication_date",
    "unresolved",
]
