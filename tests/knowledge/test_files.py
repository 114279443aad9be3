"""Knowledge files that cannot be read or hold no mapping fail with a message naming the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from comity.errors import KnowledgeError
from comity.knowledge.files import read_yaml_mapping


def test_a_mapping_is_read(tmp_path: Path) -> None:
    path = tmp_path / "cues.yaml"
    path.write_text("comments:\n  lines: [x]\n", encoding="utf-8")
    assert read_yaml_mapping(path, "cue file") == {"comments": {"lines": ["x"]}}


@pytest.mark.parametrize(("content", "message"), [
    ("- a\n- b\n", "must hold a mapping at the top level"),
    ("key: [unclosed\n", "is not valid YAML"),
])
def test_a_bad_file_names_itself_and_the_fault(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "places.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(KnowledgeError, match=message) as caught:
        read_yaml_mapping(path, "place file")
    assert str(path) in str(caught.value) and "place file" in str(caught.value)


def test_a_missing_file_says_it_cannot_be_read(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match="cannot read place file"):
        read_yaml_mapping(tmp_path / "absent.yaml", "place file")
