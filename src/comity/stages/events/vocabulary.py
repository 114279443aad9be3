"""Closed word lists the argument and selection rules read (lemmas, lower case)."""

from __future__ import annotations


#: Verbs whose object, not subject, does what their infinitive complement says ("urged X to help").
OBJECT_CONTROL_VERBS = frozenset(
    {"urge", "ask", "invite", "call", "encourage", "persuade", "press", "order", "tell", "request", "allow",
     "force", "appeal", "help", "assist", "thank", "push", "pressure", "implore", "demand", "prompt", "lead",
     "cause", "drive", "compel", "spur", "provoke", "get", "want", "expect", "enable", "permit"}
)  # fmt: skip


#: Relative pronouns stand for the noun their clause modifies ("X, who visited Y").
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom", "whose"})


#: Prepositions through which an actor inside a noun phrase is reached ("the leaders of China").
ACTOR_PREPOSITIONS = frozenset({"of", "from", "in", "off"})  # "the waters off X" are X's


#: Prepositions searched for a target deep inside an object ("the will to develop ties with Cuba").
INNER_TARGET_PREPOSITIONS = ("with", "between", "to", "toward", "towards", "against", "on")


#: Nouns of the other side of a relation: a state named in their phrase is not them ("U.S. trading
#: partners", "Iraq's allies", "Brazil's creditors").
COUNTERPART_NOUNS = frozenset({"partner", "ally", "neighbour", "neighbor", "rival", "enemy", "adversary", "creditor", "debtor",
                               "critic", "opponent", "foe", "competitor"})
#: Nouns naming a relation or an issue, not a group of people: "the DPRK-U.S. relations" is not an actor.
RELATION_NOUNS = frozenset(
    {"relation", "relations", "relationship", "tie", "ties", "border", "dispute", "conflict", "issue", "question",
     "situation", "policy", "problem", "crisis", "talk", "talks", "war", "cooperation", "friendship", "agreement",
     "deal", "treaty", "trade", "economy", "market", "affair", "affairs", "program", "programme", "process"}
)  # fmt: skip


#: Prepositions whose object can be a party to the event (the `prep:*` slot): not place or time.
PARTY_PREPOSITIONS = frozenset({"to", "with", "against", "on", "at", "from", "for", "toward", "towards", "into", "over", "about", "upon"})


#: Prepositions whose object says what a verb is about ("call for talks", "insist on release").
OBJECT_PREPOSITIONS = frozenset({"for", "of", "to", "on", "into", "off", "about"})


#: Nouns that only count what follows "of": the object is what is counted.
QUANTITY_NOUNS = frozenset({"set", "series", "number", "round", "rounds", "package", "couple", "pair", "lot", "batch", "kind", "type"})
#: Nouns that carry what follows "of": "a letter of protest" is a protest, "a message of support" support.
CARRIER_NOUNS = frozenset({"letter", "note", "message", "statement", "expression", "gesture", "show", "sign", "token", "word", "words", "state"})  # "a state of emergency"


#: Things named after people: the people in "the statues of X", "the birthplace of X" are not there.
ARTEFACT_NOUNS = frozenset(
    {"statue", "monument", "mausoleum", "museum", "tomb", "grave", "memorial", "birthplace", "portrait", "relic",
     "exhibition", "photo", "photograph", "picture", "image", "flag", "bust", "plaque", "house", "residence"}
)  # fmt: skip


#: "each other", "one another": a group acting on itself.
RECIPROCAL_PRONOUNS = frozenset({"other", "another"})


DATE_PREPOSITIONS = frozenset({"in", "on", "during", "since", "at"})


#: Participles that place an area around an actor: "zones encircling X", "waters surrounding X".
SURROUNDING_VERBS = frozenset({"encircle", "surround", "ring", "border", "encircling", "surrounding"})


#: Verbs whose object is others' reaction to the subject's act: "drawing condemnation from X".
ELICITING_LEMMAS = frozenset({"draw", "prompt", "spark", "trigger", "provoke", "earn", "attract", "elicit", "stir", "ignite", "fuel"})


QUOTE_MARKS = frozenset({'"', "\u201c", "\u201d", "``", "''"})


COMMEMORATIONS = frozenset({"anniversary", "centenary", "centennial", "jubilee"})


OPENING_BRACKETS = frozenset({"[", "("})


PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})

#: Prepositions that set an event beside another rather than inside it as its theme:
#: "signed the accord after talks" holds the talks as an event of their own.
ADJUNCT_PREPOSITIONS = frozenset({"after", "before", "following", "during", "since", "amid", "despite", "ahead", "prior", "until"})
#: Verbs that say what something is called: "called the coup a direct assault", "branded it an attack".
CHARACTERISING_VERBS = frozenset(
    {"call", "brand", "term", "describe", "label", "dub", "characterize", "characterise", "denounce", "condemn",
     "consider", "regard", "view", "see", "deem", "declare", "name"}
)  # fmt: skip
#: Nouns whose "of" names one who takes part beside an act's sides: "talks with the participation
#: of the Russian foreign minister", "a truce reached with the mediation of Qatar".
THIRD_PARTY_NOUNS = frozenset({"participation", "mediation", "help", "assistance", "presence", "involvement", "support",
                               "backing", "good offices", "facilitation", "auspices", "attendance"})
#: Nouns of harm done to someone, whose "of" names the one harmed: "the killing of X".
HARM_NOUNS = frozenset({"killing", "assassination", "murder", "death", "arrest", "detention", "abduction", "kidnapping",
                        "execution", "torture", "shooting", "imprisonment", "jailing", "expulsion", "deportation"})
#: Amounts of money whose "in"/"of" says what the money is: "300 mln dlrs in sanctions".
MONEY_NOUNS = frozenset({"dlr", "dlrs", "dollar", "dollars", "mln", "million", "billion", "yen", "pound", "pounds",
                         "mark", "marks", "franc", "francs", "sterling", "euro", "euros", "worth"})

#: Fighters a sentence may name as the doer without naming whose they are: "guerrillas attacked
#: the base" names its doer, so the story's other side is no guess to put in its place.
FIGHTER_NOUNS = frozenset({"guerrilla", "rebel", "insurgent", "militant", "soldier", "troop", "fighter", "gunman",
                           "gunmen", "militiaman", "separatist", "commando", "terrorist", "attacker", "assailant", "militia"})

#: Prepositions that set an event noun as the circumstance of a clause: "destroyed the field
#: during a raid", "emphasised in talks with X", "left at the end of a visit".
CIRCUMSTANCE_PREPOSITIONS = frozenset({"during", "in", "after", "before", "at", "on", "following", "throughout", "from"})
#: Nouns of a phase or a stretch of an event: "at the end of a visit", "on his return from a
#: visit", "after two days of talks", "after a round of talks".
PHASE_NOUNS = frozenset({"end", "start", "beginning", "course", "close", "conclusion", "return", "eve", "sidelines", "wake",
                         "day", "hour", "week", "month", "round", "session"})
#: Nouns of talking with another side: in a clause that names no doer ("progress was made in
#: talks with Y"), the one who reports the talks is their party. Not a raid or an attack: "two
#: soldiers were killed in an attack, the army said" is said by the side that was hit.
CONSULTATION_NOUNS = frozenset({"talk", "talks", "negotiation", "negotiations", "discussion", "discussions",
                                "consultation", "consultations", "meeting", "meetings"})
#: Words of being somewhere or going there, whose "for" names the purpose of the stay:
#: "De Croo, here for talks with X", "arrived in Tokyo for talks".
PRESENCE_WORDS = frozenset({"here", "there", "arrive", "come", "go", "fly", "travel", "return", "be", "stay", "head", "leave"})
#: Verbs of being in a state: "remain at war" is no act of war.
STATE_VERBS = frozenset({"be", "remain", "stay", "keep", "continue", "seem", "appear"})
#: Nouns of a line two sides share: "clashes on the Armenian-Azerbaijani border" are between them.
SHARED_LINE_NOUNS = frozenset({"border", "frontier", "boundary"})
#: A pair before these names a state of affairs, mostly as background: "the course of the Iran-Iraq war".
LASTING_STATE_NOUNS = frozenset({"war", "conflict"})
#: Verbs by which a subject undergoes what an "under" phrase names: "came under attack".
UNDERGOING_VERBS = frozenset({"come", "fall", "be", "remain", "find"})
#: Nouns naming the sides themselves: "between the two sides", "between the parties".
SIDE_NOUNS = frozenset({"side", "party", "country", "nation", "state", "government", "neighbour", "neighbor", "leader", "delegation"})
#: Verbs of a charge whose "that" clause is the charge's content, not an act told as done.
ALLEGING_VERBS = frozenset({"allege", "charge", "accuse", "claim", "contend"})
