"""The bundled tables of countries, capitals and name aliases (bot/data/*.tsv), read once."""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def _countries() -> tuple[dict[str, str], frozenset[str]]:
    """alias (case-sensitive) → canonical country name; and the set of demonyms (adjectival forms)."""
    table: dict[str, str] = {}
    demonyms: set[str] = set()
    text = (resources.files("bot") / "data" / "countries.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        name, _, aliases = line.partition("\t")
        table[name] = name
        for alias in filter(None, (a.strip() for a in aliases.split(","))):
            table[alias] = name
            if (
                alias[:1].isupper()
                and not any(alias.startswith(p) for p in ("the ", "The "))
                and alias[-1] in "ns"
            ):
                demonyms.add(alias)
    return table, frozenset(demonyms)


@cache
def _capitals() -> dict[str, str]:
    """capital → canonical country name (bot/data/capitals.tsv)."""
    text = (resources.files("bot") / "data" / "capitals.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {row[0]: row[1] for row in rows if len(row) == 2}


@cache
def _aliases() -> dict[str, tuple[str, ...]]:
    """nickname → the names it may stand for (bot/data/aliases.tsv)."""
    text = (resources.files("bot") / "data" / "aliases.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {row[0]: tuple(n.strip() for n in row[1].split(",")) for row in rows if len(row) == 2}
