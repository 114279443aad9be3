"""Word lists the actor rules read: dependencies that make a participant, pronouns, role nouns."""

from __future__ import annotations

import re

#: Dependencies that make a capital a participant ("Pyongyang said", "ties with Pyongyang").
PARTICIPANT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "poss", "agent", "dative", "appos", "ROOT"})
PARTICIPANT_PREPS = frozenset({"with", "against", "by", "between", "toward", "towards", "on"})
#: Verbs whose "to" names the one addressed, an actor: "Hanoi protested to Manila".
ADDRESS_VERBS = frozenset({"protest", "complain", "appeal", "apologize", "apologise", "speak", "talk", "write", "explain", "petition"})
#: Nouns whose "to" names the one addressed: "a request to Washington", "a letter to Seoul".
ADDRESS_NOUNS = frozenset({"request", "appeal", "plea", "letter", "message", "note", "protest", "complaint", "proposal",
                           "offer", "ultimatum", "warning", "invitation", "demand", "call", "reply", "answer", "overture"})
#: Verbs whose "from" names the one left, an actor: "recalled its envoy from Canberra".
RECALL_VERBS = frozenset({"recall", "withdraw", "expel", "summon", "pull"})
#: Verbs of force whose object's demonym names the country hit: "shot down a Russian helicopter".
FORCE_VERBS = frozenset({"shoot", "attack", "strike", "hit", "seize", "capture", "sink", "destroy", "bomb",
                         "shell", "target", "down", "intercept", "ambush", "raid", "damage", "impound"})
#: Verbs of aiming force at something: "fired missiles at Iranian towns", "launched rockets on".
AIMING_VERBS = frozenset({"fire", "launch", "lob", "drop", "aim", "direct", "hurl", "throw", "open"})
#: What aimed force sends: "fired missiles at", "opened fire on".
WEAPON_NOUNS = frozenset({"missile", "rocket", "shell", "mortar", "bomb", "fire", "shot", "round", "salvo", "barrage",
                          "torpedo", "grenade", "artillery", "gun", "weapon", "projectile", "drone", "bullet"})
#: Measures against a country's things, whose "on"/"against" object's demonym names the country:
#: "sanctions on Japanese goods", "imposed tariffs on Japanese electronics".
MEASURE_NOUNS = frozenset({"sanction", "sanctions", "tariff", "tariffs", "embargo", "duty", "duties", "curbs", "boycott", "ban", "quota", "quotas"})
MEASURE_VERBS = frozenset({"impose", "slap", "levy"})
#: Verbs of protection whose object's demonym names the country helped: "escort Kuwaiti tankers".
SERVING_VERBS = frozenset({"escort", "protect", "defend", "guard", "shield", "reflag", "convoy"})
#: Nouns of force whose "on"/"against" object's demonym names the country hit: "air raids on Iranian towns".
FORCE_NOUNS = frozenset({"attack", "raid", "strike", "airstrike", "assault", "shelling", "bombing", "bombardment",
                         "offensive", "missile", "rocket", "fire", "blockade"})
#: Titles a firm's officer holds as often as a state's: "chairman Leo Melamed" in a story of an
#: exchange is no government because the story is filed from Chicago; the text must place him.
FIRM_OR_STATE_TITLES = frozenset({
    "chairman", "vice chairman", "president", "vice president", "first vice president", "vice-president",
    "director-general", "director general", "governor", "spokesman", "spokeswoman", "spokesperson",
    "official", "senior official", "delegate", "negotiator", "leader", "secretary general", "general secretary",
})  # fmt: skip
#: What two states share, named by a hyphened pair before it ("Sino-Soviet talks", "the
#: Armenian-Azerbaijani border"); before anything else a pair is no two states ("Cuban-American
#: voters", "a Franco-German company").
PAIR_NOUNS = frozenset({
    "talk", "talks", "negotiation", "negotiations", "summit", "meeting", "war", "clash", "clashes", "fighting",
    "hostilities", "conflict", "skirmish", "skirmishes", "border", "frontier", "boundary", "relations", "ties",
    "relationship", "treaty", "agreement", "accord", "pact", "deal", "declaration", "communique", "statement",
    "dispute", "tension", "tensions", "rivalry", "ceasefire", "truce", "cooperation", "alliance", "friendship",
    "dialogue", "consultations", "rapprochement", "detente", "exchanges", "standoff", "row",
})  # fmt: skip
PERSON_PRONOUNS = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f"}
#: Pronouns of the one speaking, resolved only inside a quotation, to its speaker.
SPEAKER_PRONOUNS = frozenset({"i", "me", "my", "we", "us", "our"})
THING_PRONOUNS = frozenset({"it", "its", "itself"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "themselves"})
UNKNOWN_LABELS = frozenset({"PERSON", "ORG", "NORP"})
DYAD = re.compile(
    r"\b(?:the two|both|the both)\s+(countries|nations|sides|parties|peoples|states|governments|leaders)\b",
    re.IGNORECASE,
)
#: Role nouns that refer back only to a person introduced with them ("Ambassador X ... the
#: ambassador"), never to whoever was the last official named.
INTRODUCED_TITLES = frozenset({"envoy", "special envoy", "ambassador", "minister", "foreign secretary", "secretary of state",
                               "undersecretary", "spokesman", "spokeswoman", "negotiator"})
#: Role nouns a story uses for one another when it refers back ("its ambassador, X ... the envoy").
TITLE_SYNONYMS = {"envoy": ("envoy", "ambassador"), "ambassador": ("ambassador", "envoy")}
#: Roles posted to a host, whose "to" names the host, not the owner: "ambassador to Kuwait".
POSTED_ROLES = frozenset({"ambassador", "envoy", "emissary", "delegate", "representative", "consul", "attache", "observer", "delegation", "mission"})
#: Words naming a state's own body: a role in one is a government role ("director-general of the
#: Foreign Ministry"); a role in any other body ("a manager at the British Insurance Group") is not.
STATE_BODY_NOUNS = ("ministry", "government", "department", "embassy", "cabinet", "parliament", "assembly", "congress",
                    "senate", "army", "navy", "air force", "military", "armed forces", "mission", "delegation", "presidency",
                    "central bank", "treasury", "council of ministers", "foreign office", "interior", "state council")


def names_a_state_body(words: str) -> bool:
    """ "the Finance Ministry's budget division", "Federal Government": words naming a state's body."""
    lowered = words.lower()
    return any(noun in lowered for noun in STATE_BODY_NOUNS)


#: A currency after a state's name makes the name part of an amount ("U.S. Dlrs", "Hong Kong dollars").
CURRENCY_AFTER = re.compile(r"\.?\s+(?:dlrs?|dollars?|yen|marks?|francs?|pounds?|sterling|lire|lira|rupees?|r[ou]bles?|pesos?|cents?"
                            r"|currency|won|yuan|renminbi|riyals?|dinars?|shekels?|rand|baht|ringgit|kronor|kroner|crowns?|euros?)\b", re.IGNORECASE)
#: Role nouns that, after "the", refer back to an actor named before.
PERSON_TITLES = frozenset(
    {"leader", "supreme leader", "president", "premier", "prime minister", "chairman", "first secretary",
     "general secretary", "secretary general", "foreign minister", "king", "queen", "emperor", "vice president",
     "first vice president"}
) | INTRODUCED_TITLES
#: Role nouns that, after "the", refer back to an organisation named before ("Mercosur ... the bloc").
ORGANISATION_NOUNS = frozenset({"bloc", "alliance"})
DEFINITE_NOUNS = PERSON_TITLES | ORGANISATION_NOUNS | {
    "delegation", "state delegation", "government delegation", "party delegation", "guest", "visitor",
    "government", "party", "army", "military",
}
#: Role nouns that "in/of <state>" may follow ("the government in Havana").
PLACED_NOUNS = frozenset({"government", "authorities", "authority", "regime", "administration", "leadership", "military", "army", "police"})
#: Agents that act without a named country and belong to the story's place ("Police detained protesters").
PLACELESS_AGENT_CODES = frozenset({"COP", "OPP", "CVL"})  # not troops or militants: they often fight abroad
#: Role nouns of a state's own institutions that, named bare in a story filed from a country, are
#: that country's ("BAGHDAD - A military spokesman said", "the government"), never the outlet's.
#: Not a legislature: "the Parliament" in a story filed from Strasbourg is Europe's, and "Congress"
#: is named bare in stories filed from Ottawa or Tokyo.
DATELINE_ROLE_NOUNS = frozenset({"government", "cabinet", "military", "army", "military spokesman", "army spokesman",
                                 "government spokesman", "official spokesman", "military command", "high command",
                                 "foreign ministry", "ministry of foreign affairs", "interior ministry", "defence ministry",
                                 "defense ministry", "presidency", "foreign ministry spokesman",
                                 "finance ministry", "trade ministry", "economy ministry", "agriculture ministry",
                                 "energy ministry", "oil ministry", "industry ministry", "commerce ministry", "treasury",
                                 "military communique", "war communique", "administration", "congress", "congressman",
                                 "congressmen", "senate", "senator", "senators", "parliament"})  # not a bare "communique": often a meeting's
POSSESSIVE_PRONOUNS = ("its", "their", "his", "her")
#: Role nouns naming the other party of a relation: "his guest" is not his own side.
OTHER_PARTY_NOUNS = frozenset({"guest", "visitor", "host", "counterpart", "interlocutor"})

#: Prepositions before a place where something happens ("in Singapore"); not "to" or "from",
#: which as often name a party ("a letter to Cuba", "a message from Havana").
LOCATIVE_PREPS = frozenset({"in", "at", "into", "near", "inside", "outside", "across", "around", "throughout", "via"})

#: Object pronouns: never the subject of their own clause ("Kim praised him").
OBJECT_DEPS = frozenset({"dobj", "pobj", "dative", "iobj"})
RELATIVE_PRONOUNS = frozenset({"which", "who", "that", "whom"})

GROUP_NOUNS = frozenset({"delegation", "state delegation", "government delegation", "party delegation", "guest", "visitor"})

#: Verbs whose subject, when a news medium, carries a report rather than acting: "KCNA said".
REPORTING_VERBS = frozenset({"say", "report", "quote", "add", "state", "carry", "broadcast", "cite", "announce",
                             "publish", "monitor", "write", "claim", "disclose", "comment", "note", "air"})
#: Verbs whose object, when a news medium, is only the one told: "told Reuters".
TELLING_VERBS = frozenset({"tell", "inform", "say", "explain", "confirm"})
#: Nouns of a report, whose owner or maker is its channel: "KCNA's report", "an interview with Reuters".
REPORT_NOUNS = frozenset({"report", "dispatch", "broadcast", "commentary", "interview", "bulletin", "statement",
                          "article", "editorial", "story", "account"})
#: Media nouns naming a person, who may speak for themselves: "the journalist said".
MEDIA_PEOPLE = frozenset({"journalist", "journalists", "reporter", "reporters", "editor", "editors",
                          "correspondent", "correspondents", "columnist", "columnists"})
