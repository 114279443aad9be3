"""The words factuality reads: negations, modals, verbs of saying, asking, planning, refusing and
denying, and the nouns and adverbs that change what a clause asserts."""

from __future__ import annotations

NEGATION_WORDS = frozenset({"not", "n't", "never", "no", "neither", "nor"})
#: Adjectives of being able, through which a to-infinitive takes the copula's modal ("must be able
#: to sell"); being unable to do a thing is not doing it ("was unable to reach agreement").
ABILITY_WORDS = frozenset({"able", "unable"})
INABILITY_WORDS = frozenset({"unable"})
REFUSAL_VERBS = frozenset({"refuse", "fail", "decline", "reject", "deny", "cancel", "avoid", "postpone"})
#: Verbs whose that-clause, or the report they name, is said not to be true.
DENIAL_VERBS = frozenset({"deny", "dismiss", "reject", "refute", "rebut", "disprove"})
#: Nouns naming a claim that a denial can deny: "denied reports that ...".
CLAIM_NOUNS = frozenset({"report", "claim", "allegation", "accusation", "charge", "rumour", "rumor", "suggestion", "assertion"})
#: What a claim is called when it is denied: "reports that ... were baseless".
FALSE_WORDS = frozenset({"baseless", "false", "untrue", "unfounded", "groundless", "fabricated", "absurd", "nonsense", "lie", "lies"})
HYPOTHETICAL_MODALS = frozenset({"would", "could", "might", "may", "should", "can", "must", "'d"})
FUTURE_MODALS = frozenset({"will", "shall", "'ll", "wo"})
#: Modals with which a speaker announces a coming act as its own: "said it would lift", "said
#: there will be sanctions".
ANNOUNCING_MODALS = frozenset({"will", "would", "shall", "'ll", "'d"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether", "provided"})
#: What one is urged, asked or called on to do has not happened: "urged X to lift sanctions".
REQUEST_VERBS = frozenset(
    {"urge", "ask", "call", "appeal", "demand", "press", "request", "invite", "encourage", "push", "implore", "want",
     "pressure", "pressing", "force", "persuade", "induce", "convince", "tell", "order"}
)  # fmt: skip
PLAN_WORDS = frozenset(
    {"plan", "schedule", "expect", "intend", "prepare", "set", "due", "about", "go", "aim", "hope",
     "want", "wish", "seek", "try", "attempt", "propose", "arrange", "scheduled", "likely", "poised",
     "ready", "prepared", "willing", "eager", "keen",
     # an intent to do something is coded on the intent verb (CAMEO 03); what is intended is future
     "vow", "pledge", "promise", "agree", "decide", "resolve", "offer", "threaten", "will", "determine"}
)  # fmt: skip
SPEECH_VERBS = frozenset(
    {"say", "report", "tell", "state", "announce", "add", "claim", "note", "quote", "write", "insist",
     "reveal", "disclose", "confirm", "declare", "assert", "explain", "allege", "believe", "think"}
)  # fmt: skip
#: Verbs whose "that" clause in the base form asks for an act, not reports one: "demanded that
#: Russia withdraw its troops" (against "insisted that the troops had withdrawn").
MANDATIVE_VERBS = frozenset(
    {"demand", "urge", "ask", "request", "insist", "propose", "recommend", "order", "command", "require"}
)  # fmt: skip
#: Verbs whose object act is not asserted to have happened: asked for, planned, threatened, feared,
#: denied ("called for talks", "threatened an attack", "denied the raid").
NOT_DONE_GOVERNORS = REQUEST_VERBS | PLAN_WORDS | REFUSAL_VERBS | DENIAL_VERBS | frozenset(
    {"threaten", "warn", "fear", "consider", "discuss", "prevent", "avert", "rule", "seek", "deter", "risk", "urge", "call"}
)
#: Adverbs of a habit: "talks of this kind are regularly held" tells what is done, not that it was.
HABITUAL_ADVERBS = frozenset(
    {"regularly", "usually", "routinely", "normally", "traditionally", "customarily", "typically", "habitually",
     "annually", "generally"}
)  # fmt: skip
#: Verbs whose object is kept from happening: "averting EC sanctions", "to prevent an attack".
PREVENTION_VERBS = frozenset({"avert", "prevent", "forestall", "preempt", "pre-empt", "stave", "thwart", "foil", "avoid", "bar", "block",
                              "cancel", "postpone", "scrap", "abandon"})
#: Every verb the rules above and below read by its lemma, which lemma repair restores.
KNOWN_VERBS = NOT_DONE_GOVERNORS | SPEECH_VERBS | MANDATIVE_VERBS | PREVENTION_VERBS
#: Dependency labels through which a clause is embedded in the clause above it.
CLAUSAL_LINKS = frozenset({"ccomp", "xcomp", "conj", "advcl", "parataxis", "relcl", "acl", "pcomp", "csubj"})
#: Nouns whose that-clause states a condition: "on condition that Iran stop attacking".
CONDITION_NOUNS = frozenset({"condition", "proviso", "understanding", "assumption"})
#: "the first state to make peace", "the only leader to visit": the infinitive says what was done.
RANK_WORDS = frozenset({"first", "last", "only", "second", "third", "next"})
#: "became the first state to make peace": a copula's infinitive is no purpose.
COPULAS = frozenset({"be", "become", "remain", "seem"})
#: Nouns of what should or may be done, whose "of" gerund is not yet done: "the urgency of
#: reaching a peace", "the importance of signing the treaty", "the possibility of talks".
NECESSITY_NOUNS = frozenset({"urgency", "need", "importance", "necessity", "possibility", "prospect", "idea", "option",
                             "goal", "aim", "hope", "chance", "likelihood", "feasibility", "desirability", "question"})
#: Nouns whose that-clause asks for an act: "demands that he resign", "a proposal that they meet".
MANDATIVE_NOUNS = frozenset({"demand", "call", "request", "appeal", "proposal", "suggestion", "recommendation", "insistence",
                             "order", "requirement", "plea", "ultimatum"})
#: Verbs by which an authority has a thing done: "ordered the tariffs imposed".
ORDERING_VERBS = frozenset({"order", "direct"})
#: Verbs of an own act planned: "said he planned to impose tariffs" threatens them ("decided to
#: sever relations" is the decision itself, coded as the act).
DECIDED_VERBS = frozenset({"plan", "intend", "prepare"})
#: Words of one's readiness for a coming act: "said it was ready to lift the sanctions", "is
#: willing to normalise relations" state the actor's intent, as "would" in its own words does.
READINESS_WORDS = frozenset({"ready", "prepared", "willing", "eager", "keen", "determined"})
#: Subordinators of a time clause, which English writes in the present for a coming act.
TIME_MARKS = frozenset({"when", "after", "before", "once", "until", "while", "as soon as"})
OPENING_QUOTES = "\u201c\u00ab\u201e"
CLOSING_QUOTES = "\u201d\u00bb"
#: Words that put a time in the past: "last week", "yesterday", "two days ago".
PAST_TIME_WORDS = frozenset({"last", "yesterday", "ago", "earlier", "previous"})
