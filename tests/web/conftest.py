"""The demo corpus coded once per session into a store every web test reads."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from comity import api
from comity.web import create_app


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("web") / "demo.duckdb"
    api.code([api.DEMO_DIR], db=db)
    return db


@pytest.fixture(scope="session")
def client(demo_db: Path) -> TestClient:
    return TestClient(create_app(demo_db))
