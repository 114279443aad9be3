"""The store: one DuckDB file that the coder writes and the CLI and web app read (docs/store.md)."""

from comity.store.core import Store, config_hash, upgrade

__all__ = ["Store", "config_hash", "upgrade"]
