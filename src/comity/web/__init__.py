"""The web app: `create_app(db_path)` builds it; `comity serve` runs it."""

from comity.web.app import DEFAULT_HOST, DEFAULT_PORT, create_app

__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "create_app"]
