"""Actor knowledge: states, organisations, people with dated roles, and agent nouns.

Everything here is data read from plain files (`comity/data/actors/`, or files a
user passes), never written into code. Names are matched on normalised words:
case-folded, accents and apostrophes dropped, hyphens treated as spaces, so
"Díaz-Canel", "Diaz-Canel" and "Diaz Canel" are one name, as are "Kim Jong Un"
and "Kim Jong-un". Short acronyms ("UN", "US", "NK", "WHO") only match as
written, so the pronoun "us" or the word "who" never becomes an actor.

The package: `words` (normalised words), `records` (entries, roles, matches), `index` (the
name index and case rules), `roles` (dated roles), `files` (readers of the knowledge files)
and `knowledge` (`ActorKnowledge`, which puts them together).
"""

from comity.knowledge.actors.files import ACTORS_DIR, _LineLoader, noun_forms, read_actor_file, read_agent_file
from comity.knowledge.actors.knowledge import ActorKnowledge
from comity.knowledge.actors.records import ActorEntry, AgentMatch, NameForm, NameMatch, Role
from comity.knowledge.actors.words import name_key, normalize_word

__all__ = [
    "ACTORS_DIR",
    "ActorEntry",
    "ActorKnowledge",
    "AgentMatch",
    "NameForm",
    "NameMatch",
    "Role",
    "_LineLoader",
    "name_key",
    "noun_forms",
    "normalize_word",
    "read_actor_file",
    "read_agent_file",
]
