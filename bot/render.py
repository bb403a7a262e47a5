"""Renderers: plain text, JSON, and Telegram HTML (only Telegram's tags, escaped, within its length limit)."""

from __future__ import annotations

import html
import json
from urllib.parse import urlsplit

from bot.i18n import Lang, language_name, note_text, source_label, texts
from bot.model import Actor, Digest, shorten

TELEGRAM_LIMIT = 4096
_KIND_ICON = {"person": "👤", "organization": "🏛", "place": "📍"}
_POINT_SOFT_LIMIT = 220  # when a digest must shrink, points are cut to this first


def utf16_len(text: str) -> int:
    """Telegram measures message length in UTF-16 code units (an emoji can count twice)."""
    return len(text.encode("utf-16-le")) // 2


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _is_url(source: str | None) -> bool:
    return bool(source) and urlsplit(source or "").scheme in {"http", "https"}


def _source_label(d: Digest) -> str | None:
    if d.site_name:
        return d.site_name
    if _is_url(d.source):
        host = urlsplit(d.source or "").hostname or ""
        return host.removeprefix("www.") or None
    return d.source


def _read_minutes(words: int) -> int:
    return max(1, round(words / 230))


def _size(d: Digest, lang: Lang) -> str:
    """ "426 words, 2 min read"; a text written without spaces is measured in characters (~450 a minute)."""
    if d.characters:
        return texts(lang).characters_and_reading_time(d.characters, max(1, round(d.characters / 450)))
    return texts(lang).words_and_reading_time(d.words, _read_minutes(d.words))


def _meta_line(d: Digest, lang: Lang) -> list[str]:
    parts = []
    label = _source_label(d)
    if label:
        parts.append(label if _is_url(d.source) else source_label(label, lang))
    if d.author:
        parts.append(d.author)
    if d.published:
        parts.append(d.published)
    parts.append(language_name(d.language_name, lang))
    parts.append(_size(d, lang))
    return parts


def _kind(kind: str, lang: Lang) -> str:
    t = texts(lang)
    return {"person": t.kind_person, "organization": t.kind_organization, "place": t.kind_place}.get(
        kind, kind
    )


def render_text(d: Digest, lang: Lang = "en") -> str:
    """Plain text. `lang` is the language of the labels (the digest's own text stays as it is)."""
    t = texts(lang)
    lines = [d.title or t.digest, " · ".join(_meta_line(d, lang))]
    if _is_url(d.source):
        lines.append(d.source or "")
    lines += ["", t.key_points_heading]
    lines += [f"  • {p}" for p in d.key_points]
    if d.actors:
        lines += ["", t.actors_heading]
        for a in d.actors:
            role = f" — {a.role}" if a.role else ""
            lines.append(f"  • {a.name} [{_kind(a.kind, lang)}]{role} ({t.mentions(a.mentions)})")
    if d.also_named:
        lines += ["", f"{t.also_named}: " + ", ".join(d.also_named)]
    notes = [d.actors_note] if d.actors_note else []
    notes += [str(note) for note in d.extra.get("notes", [])]
    if notes:
        lines += ["", *(note_text(note, lang) for note in notes)]
    return "\n".join(lines) + "\n"


def render_json(d: Digest, *, indent: int | None = 2) -> str:
    return json.dumps(d.to_json(), ensure_ascii=False, indent=indent)


def _html_parts(
    d: Digest,
    points: list[str],
    actors: list[Actor],
    show_actors: bool,
    lang: Lang,
    also_named: list[str] | None = None,
) -> str:
    t = texts(lang)
    out = [f"<b>{_esc(d.title or t.digest)}</b>"]
    meta = [_esc(p) for p in _meta_line(d, lang)]
    if _is_url(d.source):
        label = _esc(_source_label(d) or t.source)
        meta[0] = f'<a href="{html.escape(d.source or "", quote=True)}">{label}</a>'
    out.append(f"<i>{' · '.join(meta)}</i>")
    out.append("")
    out += [f"• {_esc(p)}" for p in points]
    if show_actors:
        people = [a for a in actors if a.kind != "place"]
        places = [a for a in actors if a.kind == "place"]
        if people or places:
            out.append("")
            out.append(f"<b>{_esc(t.whos_who)}</b>")
        for a in people:
            role = f" — {_esc(a.role)}" if a.role else ""
            out.append(f"{_KIND_ICON[a.kind]} <b>{_esc(a.name)}</b>{role}")
        if places:
            out.append(f"{_KIND_ICON['place']} " + ", ".join(_esc(a.name) for a in places))
        if also_named:
            out.append(f"<i>{_esc(t.also_named)}: " + ", ".join(_esc(n) for n in also_named) + "</i>")
        if d.actors_note:
            out.append("")
            out.append(f"<i>{_esc(note_text(d.actors_note, lang))}</i>")
    # What the digest could not cover (only a paywall's teaser was readable) or did without (no stemmer).
    for note in d.extra.get("notes", []):
        out += ["", f"<i>{_esc(note_text(str(note), lang))}</i>"]
    return "\n".join(out)


def render_telegram_html(
    d: Digest,
    *,
    max_len: int = TELEGRAM_LIMIT,
    show_actors: bool = True,
    points: int | None = None,
    lang: Lang = "en",
) -> str:
    """Telegram HTML that always parses and never exceeds `max_len` UTF-16 units (tags included, to be safe).
    `lang` is the language of the labels; the digest's own text stays as it is.

    When the full digest is too long it degrades in steps: no "also named" line, shorter points, fewer actors,
    fewer points, and at last a shortened title; the escaping is done after every cut so an entity is never split.
    """
    chosen_points = list(d.key_points if points is None else d.key_points[:points])
    actors = list(d.actors)
    attempt = _html_parts(d, chosen_points, actors, show_actors, lang, list(d.also_named))
    if utf16_len(attempt) <= max_len:
        return attempt
    attempt = _html_parts(d, chosen_points, actors, show_actors, lang)
    if utf16_len(attempt) <= max_len:
        return attempt
    chosen_points = [shorten(p, _POINT_SOFT_LIMIT) for p in chosen_points]
    while True:
        attempt = _html_parts(d, chosen_points, actors, show_actors, lang)
        if utf16_len(attempt) <= max_len:
            return attempt
        if len(actors) > 3:
            actors = actors[:-1]
        elif len(chosen_points) > 1:
            chosen_points = chosen_points[:-1]
        elif actors:
            actors = actors[:-1]
        else:
            break
    # Pathological input (a giant title or source): shrink every free-text field until it fits.
    budget = max(16, max_len // 4)
    while budget >= 8:
        small = Digest(
            title=shorten(d.title or texts(lang).digest, budget),
            source=None if _is_url(d.source) and len(d.source or "") > budget else d.source,
            language=d.language,
            language_name=shorten(d.language_name, 30),
            key_points=tuple(shorten(p, budget) for p in chosen_points),
            actors=(),
            text="",
            words=d.words,
            characters=d.characters,
            site_name=shorten(d.site_name, budget) if d.site_name else None,
            author=shorten(d.author, budget) if d.author else None,
            published=shorten(d.published, 40) if d.published else None,
        )
        attempt = _html_parts(small, list(small.key_points), [], False, lang)
        if utf16_len(attempt) <= max_len:
            return attempt
        budget //= 2
    last_resort = f"<b>{_esc(texts(lang).digest)}</b>"
    return last_resort if utf16_len(last_resort) <= max_len else ""
