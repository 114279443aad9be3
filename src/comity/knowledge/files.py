"""Reading knowledge files: one place that turns an unreadable or malformed file into a
`KnowledgeError` naming the file and what it must hold."""

from __future__ import annotations

from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import yaml

from comity.errors import KnowledgeError

#: libyaml's loader where PyYAML was built with it (five to ten times faster), the pure-Python one otherwise.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml_mapping(path: Path | Traversable, what: str) -> dict[str, Any]:
    """The mapping at the top of a YAML file; `what` says what the file is, for messages
    ("place file", "segment cue file")."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except OSError as exc:
        raise KnowledgeError(f"cannot read {what} {path}: {exc}") from exc
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{what} {path} is not valid YAML: {' '.join(str(exc).split())}") from exc
    if not isinstance(data, dict):
        raise KnowledgeError(f"{what} {path} must hold a mapping at the top level")
    return data
