"""Event coding accuracy: the PETRARCH validation suites and the seeds gold.

    .venv/bin/python bench/petrarch_validate.py /work/shared/data/petrarch [--seeds /work/shared] [--errors]

For each suite it codes every evaluated record with ParseStage -> ActorStage
(knowledge from the suite's own .actors/.agents dictionaries) -> EventStage
(reciprocal events coded both ways, as PETRARCH does; the suite's verb file read
as `--verbs` reads a dictionary, in front of comity's patterns: the unit tests
with PETR.Validate.verbs.txt, the UD suite with PETR.Validate.verbs.2.0.txt, the
closest published relative of its own; --without-verbs codes with comity's
patterns alone; a record holding a phrase of the suite's discard list codes
nothing, as PETRARCH does, unless --without-discards) and prints % of expected
events coded correctly and extra events per record (%). With --seeds it also
codes seeds 003 and 004 (headline = first line, body = the rest up to the
article's end: 003 without its repeated paragraphs, 004 without the site's link
list) with the default knowledge and scores them with comity.eval against
gold/seeds-dev.jsonl.

Each suite's line is followed by its ceiling for a coder faithful to the CAMEO
codebook: the expected codings listed as unreachable in bench/petrarch_notes.md
(codes the codebook lacks, negated acts coded as events, codes whose codebook
meaning is not what the sentence says...), and the figures over the reachable
rest: % correct, and extra events per record not counting a coding that stands
in for an unreachable one of its record, nor records that expect no event on a
sentence the suite codes elsewhere.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from comity.knowledge.actors import ActorKnowledge  # noqa: E402
from comity.knowledge.cameo import Codebook  # noqa: E402
from comity.knowledge.event_patterns import PatternSet  # noqa: E402
from comity.petrarch_suite import (  # noqa: E402
    SuiteScore,
    Unreachable,
    ceiling,
    pipeline_coder,
    read_discards,
    read_records,
    read_unreachable,
    score_seeds,
    score_suite,
    suite_patterns,
)
from comity.stages.actors import ActorStage  # noqa: E402
from comity.stages.events import EventStage  # noqa: E402
from comity.stages.parse import ParseStage  # noqa: E402

SUITES = {
    "UD-PETRARCH validation": ("UD_PETR_Validate_records_2_02.xml", "UD_PETR_Validate_actors_2_02.txt", "UD_PETR_Validate_agents_2_02.txt", "PETR.Validate.verbs.2.0.txt", "UD_PETR_Validate_discards_2_02.txt"),
    "PETRARCH unit tests": ("PETR.UnitTest.records.xml", "PETR.Validate.actors.txt", "PETR.Validate.agents.txt", "PETR.Validate.verbs.txt", "PETR.Validate.discards.txt"),
}
#: The key of each suite in the tables of bench/petrarch_notes.md.
NOTES_KEYS = {"UD-PETRARCH validation": "UD", "PETRARCH unit tests": "UNIT"}
NOTES = Path(__file__).with_name("petrarch_notes.md")


def ceiling_line(score: SuiteScore, unreachable: Unreachable) -> str:
    """The figures over the codings a codebook-faithful coder can reach."""
    codebook = Codebook.default()
    found = ceiling(score, unreachable, codebook.__contains__)
    return (f"  ceiling: {found.unreachable} of {score.expected} expected codings unreachable for a codebook-faithful coder; "
            f"over the {found.reachable} reachable: {found.percent_correct:.2f}% correct ({found.correct}), "
            f"{found.percent_extra:.2f}% extra ({found.extra} extra events)")


def run_suite(directory: Path, records: str, actors: str, agents: str, verbs: str | None = None, discards: str | None = None) -> SuiteScore:
    """Score a suite with its own actor and agent dictionaries and, given `verbs`, its verb
    dictionary as user patterns (in front of comity's, as `--verbs` puts them), and given
    `discards`, its discard list."""
    knowledge = ActorKnowledge.from_petrarch([directory / actors], [directory / agents])
    patterns = suite_verb_patterns(directory / verbs) if verbs else None
    stages = [ParseStage(), ActorStage(knowledge), EventStage(patterns=patterns, reciprocal=True, collapse_same_dyad=False)]
    return score_suite(read_records(directory / records), pipeline_coder(stages, read_discards(directory / discards) if discards else ()))


def suite_verb_patterns(verbs: Path) -> PatternSet:
    """A suite's verb file in front of comity's patterns; its bad lines and dropped codes are
    counted (listed with --errors)."""
    patterns = suite_patterns(verbs)
    print(f"  {verbs.name}: {len(patterns.problems)} lines or patterns skipped or coding no event (codes the codebook lacks)")
    return patterns


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("petrarch_dir", type=Path)
    parser.add_argument("--seeds", type=Path, help="the shared folder (samples/seeds, gold/seeds-dev.jsonl)")
    parser.add_argument("--errors", action="store_true", help="list missed and extra events per record")
    parser.add_argument("--without-verbs", action="store_true", help="code without the suites' verb files (comity's patterns alone)")
    parser.add_argument("--without-discards", action="store_true", help="code without the suites' discard lists")
    parser.add_argument("--notes", type=Path, default=NOTES, help="the unreachable codings (default: bench/petrarch_notes.md)")
    args = parser.parse_args(argv)
    for name, (records, actors, agents, verbs, discards) in SUITES.items():
        score = run_suite(args.petrarch_dir, records, actors, agents, None if args.without_verbs else verbs, None if args.without_discards else discards)
        print(f"{name}: {score.records} records, {score.expected} expected events; "
              f"{score.percent_correct:.2f}% correct, {score.percent_extra:.2f}% extra ({score.extra} extra events)")  # fmt: skip
        if args.notes.is_file():
            print(ceiling_line(score, read_unreachable(args.notes, NOTES_KEYS[name])))
        if args.errors:
            for result in score.results:
                if result.missed or result.extra:
                    print(f"  {result.record_id}: missed {[tuple(vars_of(e)) for e in result.missed]} extra {[tuple(vars_of(e)) for e in result.extra]}")
    if args.seeds:
        report, _ = score_seeds(args.seeds, [ParseStage(), ActorStage(), EventStage()])
        counts = report.counts
        print(f"seeds-dev (003, 004): recall {counts.recall:.3f}, precision {counts.precision:.3f} "
              f"(tp {counts.tp}, fp {counts.fp}, fn {counts.fn})")  # fmt: skip
        if args.errors:
            for row in report.missed:
                print(f"  missed {row.gold_id}: {row.evidence}")
            for brief in report.false_positives:
                print(f"  false positive: {brief}")
    return 0


def vars_of(event) -> tuple[str, str, str]:
    return (event.code, event.source, event.target)


if __name__ == "__main__":
    sys.exit(main())
