"""Time stage: each event mention's own date, with its precision and how it was found.

Temporal expressions are found in the coded sections (`comity.timex`) against
the publication date, then attached to events by syntax, nearest scope first:

1. a "split" date that the event stage pre-filled for one conjunct of a
   coordinated date ("in September 2015 and November 2018");
2. the event predicate's own modifiers: expressions in the trigger's subtree,
   not inside an embedded clause (relative, adverbial, complement and gerund
   clauses and coordinated verbs have dates of their own: "accused X of
   breaching the 1976 accord" is not dated 1976);
3. the clause: the modifiers of the verb the trigger is coordinated with or
   governed by ("In 2018, X visited Y and met Z" dates "met");
4. the sentence: an expression governing the trigger's clause ("… said
   Tuesday") or one inside a relative clause on the event's participant
   ("met Castro, who paid a visit in March 1986"; an argument of the
   predicate, not a noun nested deeper, and not a content clause,
   "expressed regret that he did not visit this year"), or, failing those, one inside an
   adverbial clause that happens when the event does ("when …", "hours
   before the plane left on Thursday", data/time/same_time_clauses.tsv);
5. same-day references ("Later in the day", "Earlier on Saturday", "Also on
   Friday") inherit the date of the previous dated sentence, or of the
   earlier "Saturday [Sept. 5]" they repeat; a past-tense sentence with no
   date continues the day named in the sentence before it ("arrived on
   Friday [Sept. 4]. It was greeted at the airport by …"), for up to six
   sentences (a day named only in a relative clause, "talks that X hosted
   on July 13", is background and not carried); a month or a year named
   before is not carried over, and a present, future or past-perfect
   sentence ends the story;
   an event of the headline with no date takes the day named in the lede
   (the first paragraph);
6. the publication date, for mentions that are not future or hypothetical
   (a dateline without a year, "SEOUL, Dec. 30", takes the year of a
   timestamp line of the same day, "2018/12/30 15:02 KST").

An event commemorated by "the Nth anniversary of X" is dated N years before
the commemoration (dates near the phrase are the commemoration's); an
undated anniversary on a day takes the document's earlier full date on that
day. A future event ("will speak on Tuesday") reads its weekday or yearless date
forward from the publication date.

When the publication date is missing, an approximate year is inferred where
the text allows ("Six decades have passed since … 1960" → 2020; "the 60th
anniversary of the founding of … in 1945" → 2005; failing those, the year in
which the titled people of the text held their titles, a tie settled by a
bracketed weekday) and used, marked approximate.
Person actors are re-coded at the event date when actor knowledge is given.

The package: `stage` runs it; `context` builds a document's `TimeContext` (`records`),
with `undated` inferring a missing year; `attach` picks each event's expression through
`syntax`, `narrative` carries the story's day, `resolve` turns the expression into an
`EventDate`; `recoding` re-codes person actors at that date.
"""

from comity.stages.time.attach import date_for
from comity.stages.time.context import build_context
from comity.stages.time.recoding import date_for_roles, recode_at
from comity.stages.time.records import PlacedTimex, TimeContext
from comity.stages.time.stage import TimeStage
from comity.stages.time.syntax import clause_chain, commemorated_by, is_past, own_region, scopes_over
from comity.stages.time.undated import infer_publication_year, year_from_offices, years_spanned

__all__ = [
    "PlacedTimex",
    "TimeContext",
    "TimeStage",
    "build_context",
    "clause_chain",
    "commemorated_by",
    "date_for",
    "date_for_roles",
    "infer_publication_year",
    "is_past",
    "own_region",
    "recode_at",
    "scopes_over",
    "year_from_offices",
    "years_spanned",
]
