"""The events stage as a package: trigger lookup over the pattern sources (`triggers`), argument
slots (`arguments`, with the subjects the parse hides in `fallback_subjects`), actors as participants (`participants`), coordination (`pairing`), which
candidates stand (`selection`), factuality hooks (`modality`), and the stage itself (`stage`)."""

from comity.stages.events.stage import EventStage

__all__ = ["EventStage"]
