"""Inputs that cannot be read: `InputFailure` records whose messages say what to do."""

from __future__ import annotations

import errno
from pathlib import Path

from comity.model import DocumentProblem, InputFailure


def failure(path: Path, code: str, message: str) -> InputFailure:
    problem = DocumentProblem(code, message, fatal=True)
    return InputFailure(origin=str(path), doc_id=path.stem or None, problem=problem)


def unreadable_message(path: Path, error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return f"{path} is a loop of symbolic links that never reaches a file; fix or remove the links"
    return f"cannot read {path} ({error.strerror}); check its permissions"


def unreadable(message: str) -> DocumentProblem:
    return DocumentProblem("unreadable", message, fatal=True)


def too_large(origin: str, size: int, limit: int) -> DocumentProblem:
    return DocumentProblem(
        "too_large",
        f"{origin} is {size:,} bytes, over the limit of {limit:,}; split it into articles "
        "or raise Config.max_input_bytes",
        fatal=True,
    )
