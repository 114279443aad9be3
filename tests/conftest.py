"""Shared fixtures. Tests that need ../shared skip with a stated reason where it is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def find_shared() -> Path | None:
    candidates = [os.environ.get("COMITY_SHARED"), REPO.parent / "shared", REPO / "shared"]
    for candidate in candidates:
        if candidate and (Path(candidate) / "samples").is_dir():
            return Path(candidate)
    return None


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    shared = find_shared()
    if shared is None:
        pytest.skip("../shared (real samples, gold and reference data) is not beside this checkout")
    return shared


@pytest.fixture(scope="session")
def seeds_dir(shared_dir: Path) -> Path:
    return shared_dir / "samples" / "seeds"
