"""The broad layer: PETRARCH2's verb dictionary (`CAMEO.2.0.txt`) converted into comity's own
data files, behind comity's own patterns.

`scripts/convert_petrarch_verbs.py` writes what `broad_layer_files` builds into
`data/patterns/broad/`:

- `patterns.jsonl`: one pattern a line, with the keys of our YAML patterns
  (`comity.knowledge.event_patterns`); each id names the dictionary's file, verb block and
  line ("CAMEO.2.0.txt:ARRANGE:846"), which is what a mention coded by it records as `rule`;
- `synsets.json`: the dictionary's synonym sets (`&WEAPON`...), which our YAML may name too;
- `dropped.tsv`: every line or pattern left out or made no event, with why (bad lines, codes the CAMEO
  codebook lacks), so nothing is dropped silently;
- `LICENSE`: the dictionary's MIT license, which travels with the converted data.

Event nouns: a noun that several light verbs code as the same event ("stage", "launch",
"mount" an ATTACK) is an event noun of that code ("the attack on X"), added to the layer with
the other side read from on, against, between, with, at, into or to.

Each pattern applies to the verbs its comment names ("- * AID [070] # RUSH" is for "rush",
not for "accelerate" or "hasten", synonyms PETRARCH2 later added to the block from WordNet),
or to all of its block's verbs when the comment names none.

What the layer is kept from, so that it codes political events and not wire-copy business:
it has no verbs coded alone (a block's code given to every verb of the block: the blocks were
widened with WordNet synonyms, so "relate" and "connect" code 060 and "think" 040; comity's
own patterns code the verbs that are events by themselves), only multi-word verbs with a code
of their own ("+CALL_OFF [160]"), every pattern needs a target, and a generic pattern (one
that names no word of its object or subject side: a verb with a preposition or a particle,
an event noun) is `political`: both sides must be political actors. Measured on the gold
sets and on business and political Reuters stories (bench/petrarch_notes.md).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from comity.errors import KnowledgeError
from comity.knowledge.cameo import Codebook
from comity.knowledge.event_patterns import BROAD_LAYER, pattern_from_record
from comity.knowledge.pattern_terms import merged_synsets, read_own_synsets
from comity.knowledge.petrarch_verbs import VerbDictionary, read_verb_dictionary
from comity.knowledge.verb_dictionary import compile_dictionary, synsets_of

SOURCE_NAME = "CAMEO.2.0.txt"
#: Verbs that only carry the event their object names ("launched an attack", "held a rally").
LIGHT_VERBS = frozenset(
    {"launch", "stage", "hold", "mount", "carry", "conduct", "wage", "begin", "start", "continue", "resume",
     "commit", "perpetrate", "unleash", "organise", "organize", "step", "deliver", "make", "initiate", "commence"}
)  # fmt: skip
#: Where the other side of an event noun is named: "an attack on X", "clashes between X and Y".
NOUN_TARGET = ["prep:on", "prep:against", "between", "prep:with", "prep:at", "prep:into", "prep:to"]
#: Keys a generic broad pattern carries (one that names no word of its object or subject side:
#: a verb with a preposition or a particle, an event noun): its two sides must be political actors.
BROAD_KEYS: dict[str, Any] = {"political": True}


def broad_layer_files(source: Path, codebook: Codebook | None = None, own_synsets: Path | None = None) -> dict[str, str]:
    """File name -> content of the converted layer."""
    codebook = codebook or Codebook.default()
    dictionary = read_verb_dictionary(source, strict=False)
    synsets = synsets_of(dictionary)
    checked = merged_synsets(synsets, read_own_synsets(own_synsets) if own_synsets else {})
    compiled = compile_dictionary(dictionary, codebook, widened=True)
    kept: list[dict[str, Any]] = []
    problems = list(compiled.problems)
    for record, origin in compiled.records:
        if not {"after", "before"} & record.keys():
            record.update(BROAD_KEYS)
        try:
            pattern_from_record(dict(record), origin, codebook, checked, BROAD_LAYER)
        except KnowledgeError as exc:
            problems.append(f"{exc}; pattern dropped")
            continue
        kept.append(record)
    kept += event_nouns(kept)
    return {
        "patterns.jsonl": "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in kept),
        "synsets.json": json.dumps({name: [" ".join(member) for member in members] for name, members in synsets.items()}, indent=1, ensure_ascii=False) + "\n",
        "dropped.tsv": "where\twhy\n" + "".join(_dropped_row(problem, source) for problem in problems),
        "LICENSE": license_text(source, dictionary),
    }


def event_nouns(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The dictionary's noun forms: a noun that several light verbs code as the same event
    ("stage", "launch", "mount" an ATTACK: 190) names that event by itself ("the attack on
    X"). Each noun pattern's id is the first light-verb pattern it comes from."""
    codes: dict[str, dict[str, list[tuple[str, str]]]] = {}
    for record in records:
        noun = _light_verb_object(record)
        for verb in (v for v in record["verb"] if v in LIGHT_VERBS) if noun else ():
            codes.setdefault(noun, {}).setdefault(record["cameo"], []).append((verb, record["id"]))
    nouns = []
    for noun, by_code in codes.items():
        cameo, found = max(by_code.items(), key=lambda item: len({verb for verb, _ in item[1]}))
        if len({verb for verb, _ in found}) >= 2:
            nouns.append({"id": f"{found[0][1]}:noun", "noun": [noun], "cameo": cameo, "source": ["subject"], "target": NOUN_TARGET,
                          "need_target": True, **BROAD_KEYS})  # fmt: skip
    return sorted(nouns, key=lambda record: record["noun"])


def _light_verb_object(record: dict[str, Any]) -> str | None:
    """The one-word object of a pattern with nothing else ("- * ATTACK [190]"), if it codes."""
    after = record.get("after", [])
    if record.get("cameo") == "---" or len(after) != 1 or " " in after[0] or after[0].startswith("&"):
        return None
    return None if {"prep", "before", "preceded_by", "followed_by"} & record.keys() else after[0]


def _dropped_row(problem: str, source: Path) -> str:
    where, _, why = problem.partition(": ")
    return f"{where.replace(str(source.parent) + '/', '')}\t{why}\n"


def license_text(source: Path, dictionary: VerbDictionary) -> str:
    """The dictionary's MIT license and funding note, as its header gives them."""
    lines = source.read_text(encoding="utf-8", errors="replace").splitlines()
    start = next((i for i, line in enumerate(lines) if "MIT License" in line), None)
    if start is None:
        raise KnowledgeError(f"{source}: no MIT license in the header; the converted data cannot ship without it")
    end = next((i for i in range(start, len(lines)) if not lines[i].startswith("#") or "LAST UPDATE" in lines[i]), len(lines))
    body = "\n".join(line[1:].strip() if line.startswith("# ") or line == "#" else line.lstrip("#") for line in lines[start:end])
    return (
        f"The data in this folder is converted from {source.name}, PETRARCH2's CAMEO verb dictionary\n"
        "(Open Event Data Alliance, github.com/openeventdata/petrarch2), by scripts/convert_petrarch_verbs.py.\n"
        "Its license:\n\n" + body.strip() + "\n"
    )
