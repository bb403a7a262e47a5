"""The digest data model and the pipeline that builds it: clean → language → key points → actors.

Pure and synchronous: no Telegram, no HTTP, no I/O. The async shell calls `make_digest` in a worker.
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


# --- the pipeline -----------------------------------------------------------------------------------------------

MIN_WORDS = 25
MAX_INPUT_CHARS = 2_000_000  # ~2 MB of text; a paste beyond this is refused with a clear message
MAX_POINTS = 10
# Languages whose names we can find: spaCy (English), natasha (Russian).
ACTOR_LANGUAGES = frozenset({"en", "ru"})
# A page's metadata is shown whole; a keyword-stuffed headline or byline is cut to a readable length.
MAX_TITLE_CHARS = 200
MAX_META_CHARS = 100


def shorten(text: str, limit: int) -> str:
    """`text` cut at a word boundary to at most `limit` characters, with "…" if anything was cut."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit - 1)
    return text[: cut if cut > limit // 2 else limit - 1].rstrip(" ,;:") + "…"


@dataclass(frozen=True)
class PageMeta:
    title: str | None
    site_name: str | None
    author: str | None
    published: str | None


def page_meta(article: Article, title: str | None = None) -> PageMeta:
    """The metadata a digest shows for `article`, cut to readable lengths (a keyword-stuffed headline or byline
    must not come back whole): its title on one line (or `title`, found in the text, when it has none), site
    name, author and date; None where there is none. make_digest and the service's cache hits both use it."""
    if article.title:
        title = " ".join(article.title.split())

    def cut(value: str | None) -> str | None:
        return shorten(value, MAX_META_CHARS) if value else None

    return PageMeta(
        title=shorten(title, MAX_TITLE_CHARS) if title else title,
        site_name=cut(article.site_name),
        author=cut(article.author),
        published=cut(article.published),
    )


_TITLE_MAX_WORDS = 22


def split_title(text: str) -> tuple[str | None, str]:
    """A short first paragraph without a sentence end, followed by more text, is the headline."""
    first, sep, rest = text.partition("\n\n")
    words = first.split()
    if (
        sep
        and rest.strip()
        and 1 < len(words) <= _TITLE_MAX_WORDS
        and not first.rstrip().endswith((".", ":", ";", ","))
        and first.lstrip("«\"“„‘'")[:1].isupper()  # a headline may open with a quote
    ):
        return first.strip(), rest.strip()
    return None, text


def make_digest(
    article: Article,
    *,
    points: int = 4,
    method: str = "keypoints",
    with_actors: bool = True,
) -> Digest:
    """Clean → detect language → key points → actors. Raises InputError for input that has no story to tell."""
    # Imported here so `bot.digest` (the data model) stays importable without loading the NLP stack.
    from bot.actors import analyse_actors
    from bot.actors_ru import analyse_actors_ru
    from bot.clean import clean_text, forwarded_from, looks_binary, word_count
    from bot.errors import InputError
    from bot.lang import detect_language, support_for
    from bot.summarize import key_points

    raw = article.text or ""
    if len(raw) > MAX_INPUT_CHARS:
        raise InputError(
            f"That text is too long ({len(raw) // 1_000_000 or 1} MB+). Send the article itself or a link to it."
        )
    if looks_binary(raw):
        raise InputError("That looks like a binary file, not text. Send the article's text or a link to it.")
    if not raw.strip():
        raise InputError("There is no text to summarize. Send an article's text or a link to it.")
    source = article.source or forwarded_from(raw)
    cleaned = clean_text(raw)
    title, body = split_title(cleaned)
    if article.title:
        title = " ".join(article.title.split())
        if body.startswith(title):  # the headline repeated as the first line
            body = body[len(title) :].lstrip()
    words = word_count(body)
    if words < MIN_WORDS:
        raise InputError(
            f"That's too short to summarize ({words} words). Send the whole article or a link to it."
        )

    code, _ = detect_language(body)
    support = support_for(code)
    count = max(1, min(points, MAX_POINTS))
    chosen = key_points(body, support, count, title=title, method=method)
    notes = []
    missing = [
        what for what, have in (("stemming", support.stemmer), ("stop words", support.stop_words)) if not have
    ]
    if missing:
        notes.append(f"{support.name} is summarized without language-specific {' and '.join(missing)}.")
    actors: tuple[Actor, ...] = ()
    also_named: tuple[str, ...] = ()
    actors_note = None
    if with_actors:
        if code in ACTOR_LANGUAGES:
            analyse = analyse_actors if code == "en" else analyse_actors_ru
            report = analyse(body, title=title, key_points=chosen)
            actors, also_named = tuple(report.actors), tuple(report.also_named)
        else:
            actors_note = f"Named actors are listed for English and Russian articles only; this one is in {support.name}."
    meta = page_meta(article, title)
    return Digest(
        title=meta.title,
        source=source,
        language=code,
        language_name=support.name,
        key_points=tuple(chosen),
        actors=actors,
        text=body,
        words=words,
        original_words=word_count(raw),
        actors_note=actors_note,
        also_named=also_named,
        site_name=meta.site_name,
        author=meta.author,
        published=meta.published,
        extra={"notes": notes} if notes else {},
    )
