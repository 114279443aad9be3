"""The story's two sides: the pair of countries a story is about, for an act whose other side
the sentence leaves to the story ("Iran had kept up its attacks", in a story of Iran's war with
Iraq; "the World Bank has also suspended funding", in a story of Sudan's coup)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from comity.model import ActorMention, Argument
from comity.stages.actors import DATELINE_ROLE_NOUNS
from comity.stages.events.records import Participant, is_political, is_political_code

#: CAMEO roots of acts that always have another side: an intent declared in a story of two
#: sides ("Athens was ready to put the issue before the courts"), disapprove, reject, threaten,
#: military posture, reducing relations, fighting. A saying, an appeal, a meeting or a demand
#: (often an order at home: "ordered a review") may have none.
ROOTS_WITH_OTHER_SIDE = frozenset({"03", "11", "12", "13", "15", "16", "19"})
#: Yields that always have another side: easing sanctions (lifting "the sanctions" is lifting
#: them on the side they were put on). A release or a reform may be at home. A call for talks
#: (026) is a call to talk with someone ("Turkey calls for dialogue to solve dispute").
CODES_WITH_OTHER_SIDE = frozenset({"085", "016", "026"})
#: Provenance of a target taken from the story, appended to the pattern's rule.
STORY_TARGET_RULE = "+target:story-side"
STORY_SOURCE_RULE = "+source:story-side"
COUP_SOURCE_RULE = "+source:coup"
#: Sectors of a side's fighters: what the other side of a war kills or captures.
FIGHTERS = frozenset({"MIL", ""})


def story_sides(mentions: Sequence[ActorMention]) -> dict[str, Argument]:
    """The two countries most named as actors, each as a state-level argument, when they stand
    clear of any third (named more than twice as often) and each is named at least twice; else
    none. Alone, under the key "", the country the story is mostly about (named at least three
    times and twice as often as any other), which an international body's act concerns."""
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    for mention in mentions:
        if mention.country and mention.code and is_political_code(mention.code) and not mention.is_reporter and not mention.members:
            counts[mention.country] += 1
            if (mention.actor_id or "") == f"state:{mention.country}":
                names.setdefault(mention.country, mention.text)
    ranked = counts.most_common(3)

    def argument(country: str) -> Argument:
        return Argument(names.get(country, country), country, country, f"state:{country}")

    sides: dict[str, Argument] = {}
    if len(ranked) >= 2 and ranked[1][1] >= 2 and not (len(ranked) == 3 and ranked[2][1] * 2 > ranked[1][1]):
        sides = {country: argument(country) for country, _ in ranked[:2]}
    if ranked and ranked[0][1] >= 3 and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]):
        sides[""] = argument(ranked[0][0])
    return sides


def other_side(sides: dict[str, Argument], cameo: str, sources: Sequence[Participant]) -> list[Participant]:
    """The story's other side for an act of one of its sides that has no target of its own."""
    if not has_other_side(cameo) or len(sources) != 1 or not is_political(sources[0]):
        return []  # a firm's "offensive" is no side's
    source = sources[0].argument
    third_party = source.country is None and (source.code or "").startswith("IGO") or (source.country and source.country not in sides)
    if third_party and "" in sides and sides[""].country != source.country:
        other = sides[""]  # "the bloc condemned the seizure of power", "Germany condemned it": the story's country
    elif source.country in sides and source.country:
        other = next(argument for country, argument in sides.items() if country not in (source.country, ""))
    else:
        return []
    return [Participant(other, other.actor_id or other.country or other.text)]


def has_other_side(cameo: str) -> bool:
    return cameo[:2] in ROOTS_WITH_OTHER_SIDE or cameo[:3] in CODES_WITH_OTHER_SIDE


def fighting_side(sides: dict[str, Argument], cameo: str, targets: Sequence[Participant]) -> list[Participant]:
    """In a story of two sides at war, the other side for fighting whose doer the sentence does not
    name, when what is hit is one side's forces or the side itself ("2,000 Iraqi troops had been
    killed" in a story of Iran's war with Iraq); never for civilians, protesters or police, nor
    for a place where something happened ("attacks in Havana")."""
    if cameo[:2] != "19" or len(targets) != 1:
        return []
    hit = targets[0].argument
    if targets[0].place or hit.country not in sides or (hit.code or "")[3:6] not in FIGHTERS:
        return []
    return other_side(sides, "19", [targets[0]])


def coercing_state(sides: dict[str, Argument], cameo: str, targets: Sequence[Participant]) -> list[Participant]:
    """Coercion whose doer goes unnamed ("was sentenced to 26 years", "has been under house
    arrest") of someone of the country the story is about: that state's doing."""
    if cameo[:2] != "17" or len(targets) != 1 or "" not in sides or targets[0].place:
        return []
    home = sides[""]
    if targets[0].argument.country != home.country or (targets[0].argument.actor_id or "").startswith("state:"):
        return []
    state = Argument(home.text, f"{home.country}GOV", home.country, home.actor_id)
    return [Participant(state, home.actor_id or home.country or home.text)]


#: Words of a state's own institution that make it its armed forces ("a military spokesman").
MILITARY_INSTITUTION_WORDS = frozenset({"military", "army", "defence", "defense", "command", "war"})


def institution_side(sides: dict[str, Argument], subjects: list, targets: Sequence[Participant]) -> list[Participant]:
    """A state's own institution the story does not place ("the Foreign Ministry summoned the
    Turkish charge d'affaires", "a military spokesman threatened raids on Iranian towns", from a
    page whose outlet and dateline give no home) acting on one side of a two-sided story: the
    other side's. The actors stage leaves such a role unplaced, since the state named nearest is
    as often the enemy; the act's own target says which side it is not."""
    if len(subjects) != 1 or len(targets) != 1 or targets[0].place:
        return []
    words = [t.lower_ for t in subjects[0].subtree if t.pos_ != "DET" and not t.is_punct]
    if " ".join(words) not in DATELINE_ROLE_NOUNS:
        return []
    two = [country for country in sides if country]
    hit = targets[0].argument.country
    if len(two) != 2 or hit not in two:
        return []
    side = sides[next(country for country in two if country != hit)]
    agent = "MIL" if MILITARY_INSTITUTION_WORDS & set(words) else "GOV"
    institution = Argument(subjects[0].text, f"{side.country}{agent}", side.country, side.actor_id)
    return [Participant(institution, side.actor_id or side.country or side.text)]


#: Nouns of a seizure of power: as the doer of an overthrow they name the country's own forces.
COUP_NOUNS = frozenset({"coup", "putsch", "mutiny"})


def coup_makers(subjects: list, cameo: str, targets: Sequence[Participant]) -> list[Participant]:
    """ "the military coup which overthrew President X": a coup that topples a country's leader
    is the act of that country's armed forces (CAMEO codes the coup maker; the text names only the coup)."""
    if cameo != "180" or len(targets) != 1 or not any(s.lemma_.lower() in COUP_NOUNS for s in subjects):
        return []
    country = targets[0].argument.country
    if not country:
        return []
    forces = Argument(subjects[0].text, f"{country}MIL", country, f"state:{country}")
    return [Participant(forces, forces.actor_id or country)]
