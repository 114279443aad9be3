"""Known outlets by alias and web domain (data/metadata/outlets.yaml), and names that read as an
outlet's ("HAVANA TIMES", "By Valley Wire")."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from comity.errors import KnowledgeError
from comity.knowledge.files import read_yaml_mapping


@dataclass(slots=True, frozen=True)
class OutletDirectory:
    """Known outlets by alias and web domain (from data/metadata/outlets.yaml)."""

    by_alias: dict[str, str]
    by_host: dict[str, str]
    outlet_words: frozenset[str]

    def named(self, text: str) -> str | None:
        return self.by_alias.get(alias_key(text))

    def by_domain(self, host: str) -> str | None:
        labels = host.lower().removeprefix("www.").split(".")
        for first in range(len(labels) - 1):
            name = self.by_host.get(".".join(labels[first:]))
            if name is not None:
                return name
        return None

    def outlet_named(self, text: str) -> str | None:
        """The outlet a lead ("HAVANA TIMES –") or byline ("By Valley Wire") names, or None.

        A known alias gives its outlet; an unknown name counts when its last word is an
        outlet word ("Times", "Wire"); anything else is a place or a person.
        """
        known = self.named(text)
        if known is not None:
            return known
        words = text.split()
        if len(words) < 2 or words[-1].lower() not in self.outlet_words:
            return None
        return " ".join(word.capitalize() for word in words) if text.isupper() else " ".join(words)


def alias_key(text: str) -> str:
    key = " ".join(text.lower().split())
    return key.removeprefix("the ")


@cache
def load_outlets() -> OutletDirectory:
    raw = _outlets_yaml()
    by_alias: dict[str, str] = {}
    by_host: dict[str, str] = {}
    for entry in raw.get("outlets", []):
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise KnowledgeError(f"outlets.yaml: every outlet needs a 'name'; fix the entry {entry!r}")
        name = entry["name"]
        for alias in [name, *entry.get("aliases", [])]:
            by_alias[alias_key(str(alias))] = name
        for host in entry.get("domains", []):
            by_host[str(host).lower()] = name
    words = frozenset(str(word).lower() for word in raw.get("outlet_words", []))
    return OutletDirectory(by_alias, by_host, words)


def _outlets_yaml() -> dict[str, Any]:
    source = resources.files("comity").joinpath("data/metadata/outlets.yaml")
    return read_yaml_mapping(source, "outlet file")
