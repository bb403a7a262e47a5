"""The digest's data model: what the pipeline reads (Article) and makes (Digest, Actor), and their JSON.

Imports nothing of ours: every layer may use it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

ActorKind = Literal["person", "organization", "place"]


@dataclass(frozen=True)
class Article:
    """What the pipeline reads: raw text plus whatever metadata the source gave (extraction, forward header)."""

    text: str
    title: str | None = None
    source: str | None = None  # a URL, a file name, "Forwarded from …"
    site_name: str | None = None
    author: str | None = None
    published: str | None = None
    # The page showed only the part before its paywall: the digest says it covers that part.
    teaser: bool = False


@dataclass(frozen=True)
class Actor:
    name: str
    kind: ActorKind
    role: str | None = None
    mentions: int = 1
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Digest:
    title: str | None
    source: str | None
    language: str  # ISO 639-1 code, e.g. "en"
    language_name: str  # e.g. "English"
    key_points: tuple[str, ...]
    actors: tuple[Actor, ...]
    text: str  # the cleaned article text
    words: int  # words in the cleaned text
    original_words: int = 0  # words in the input before cleaning
    # For a text in a script written without spaces (Chinese, Japanese, Thai…): its length in characters, which
    # says more than its count of words; 0 for other texts.
    characters: int = 0
    actors_note: str | None = None  # why actors are missing, when they are (e.g. non-English text)
    also_named: tuple[str, ...] = ()  # people/organizations the story names without their acting in it
    site_name: str | None = None
    author: str | None = None
    published: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The public JSON shape (documented in the README; keep it stable)."""
        data = asdict(self)
        data["key_points"] = list(self.key_points)
        data["also_named"] = list(self.also_named)
        data["actors"] = [
            {
                "name": a.name,
                "kind": a.kind,
                "role": a.role,
                "mentions": a.mentions,
                "aliases": list(a.aliases),
            }
            for a in self.actors
        ]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Digest:
        """Inverse of `to_json` (the cache stores digests as JSON)."""
        known = {f for f in cls.__dataclass_fields__}
        values = {k: v for k, v in data.items() if k in known}
        values["key_points"] = tuple(data.get("key_points", ()))
        values["actors"] = tuple(
            Actor(
                name=a["name"],
                kind=a["kind"],
                role=a.get("role"),
                mentions=int(a.get("mentions", 1)),
                aliases=tuple(a.get("aliases", ())),
            )
            for a in data.get("actors", ())
        )
        values["also_named"] = tuple(data.get("also_named", ()))
        values["extra"] = dict(data.get("extra") or {})
        return cls(**values)


def shorten(text: str, limit: int) -> str:
    """`text` cut at a word boundary to at most `limit` characters, with "…" if anything was cut."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit - 1)
    return text[: cut if cut > limit // 2 else limit - 1].rstrip(" ,;:") + "…"
