"""The pipeline that builds a digest: clean → language → key points → actors.

Pure and synchronous: no Telegram, no HTTP, no I/O. The async shell calls `make_digest` in a worker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from typing import Any

from bot.model import Actor, Article, Digest, shorten
from bot.pipeline.text import unspaced_letters

MIN_WORDS = 25
MIN_CHARACTERS = 50  # the same for a script written without spaces (a word is one to three characters)
MAX_INPUT_CHARS = 2_000_000  # ~2 MB of text; a paste beyond this is refused with a clear message
# How much of a long text is read. The key points come from the first MAX_CANDIDATES (300) sentences and the actors
# from the first 25,000 characters, so the rest of a 1 MB document is only counted: 100,000 characters hold 300
# sentences of 330 characters, twice a news sentence. Cleaning is line by line and keeps the first of repeated
# sentences, so the story read is the start of the whole text's.
READ_MAX_CHARS = 100_000
_WIDE_SPACE = re.compile(r"[^\S\n]{100,}")
MAX_POINTS = 10
DEFAULT_METHOD = "keypoints"  # the summarizer a digest uses unless asked for another
# The same with each point the whole sentence it was chosen as (summarize.WHOLE_SENTENCES): a chat's setting.
WHOLE_SENTENCES_METHOD = "keypoints-whole"
# A page's metadata is shown whole; a keyword-stuffed headline or byline is cut to a readable length.
MAX_TITLE_CHARS = 200
MAX_META_CHARS = 100
TEASER_NOTE = (
    "Only the part of this article before its paywall could be read: the digest covers that part. "
    "Paste the whole text for a full digest."
)


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
_SENTENCE_ENDS = (".", ":", ";", ",", "。", "：", "；", "，")
# A sentence may end inside quotation marks or brackets ("…with the slogan “Meth, we’re on it.”"); a headline
# does not end on a full stop either way.
_CLOSERS = "\"'”’»)]」』"


def _words_beyond(rest_words: int, head_words: int, head_words_kept: int) -> int:
    """The words of the part not read, as cleaning would have left them: `rest_words` as written, in the share
    that cleaning kept of the part read (`head_words_kept` of `head_words`; a line pasted a thousand times
    counts about once, as the part read shows)."""
    if not rest_words:
        return 0
    kept = head_words_kept / max(1, head_words)
    return round(rest_words * min(1.0, kept))


def _read_part(raw: str) -> tuple[str, str]:
    """The part of the text a digest reads (at most READ_MAX_CHARS, cut at a paragraph break when one is in its
    second half) and the rest. Runs of blank lines or spaces are no story and do not use up what is read."""
    if len(raw) <= READ_MAX_CHARS:
        return raw, ""
    raw = _WIDE_SPACE.sub(" ", _without_blank_runs(raw))
    if len(raw) <= READ_MAX_CHARS:
        return raw, ""
    cut = raw.rfind("\n\n", 0, READ_MAX_CHARS)
    if cut <= READ_MAX_CHARS // 2:
        cut = READ_MAX_CHARS
    return raw[:cut], raw[cut:]


def _without_blank_runs(raw: str) -> str:
    """The text with each run of blank lines made one blank line, and none before it (line by line: a regular
    expression over a long run of spaces backtracks quadratically)."""
    lines: list[str] = []
    for line in raw.split("\n"):
        if line.strip() or (lines and lines[-1]):
            lines.append(line if line.strip() else "")
    return "\n".join(lines)


def read_part(raw: str) -> tuple[str, str]:
    """The part of `raw` a digest reads, cleaned, and the raw rest (only counted). The service keys its cache on
    it and hands it to make_digest as `cleaned`, so a message is cleaned once."""
    from bot.pipeline.clean import clean_text
    from bot.pipeline.text import valid_unicode

    head, rest = _read_part(valid_unicode(raw))
    return clean_text(head), rest


def split_title(text: str) -> tuple[str | None, str]:
    """A short first paragraph without a sentence end (also inside closing quotes or brackets), followed by
    more text, is the headline."""
    first, sep, rest = text.partition("\n\n")
    words = first.split()
    size = len(words)
    if size == 1 and (characters := unspaced_letters(first)):
        size = (characters + 1) // 2  # a headline in Chinese or Japanese: about two characters a word
    if (
        sep
        and rest.strip()
        and 1 < size <= _TITLE_MAX_WORDS
        and not first.rstrip().rstrip(_CLOSERS).endswith(_SENTENCE_ENDS)
        and (first.lstrip("«\"“„‘'")[:1].isupper() or size != len(words))  # a headline may open with a quote
    ):
        return first.strip(), rest.strip()
    return None, text


def make_digest(
    article: Article,
    *,
    points: int = 4,
    method: str = DEFAULT_METHOD,
    with_actors: bool = True,
    cleaned: str | None = None,
) -> Digest:
    """Clean → detect language → key points → actors. Raises InputError for input that has no story to tell.

    `cleaned`: the cleaned part of the text's `read_part`, when the caller has it already."""
    # Imported here so `bot.digest` (the data model) stays importable without loading the NLP stack.
    from bot.errors import InputError
    from bot.pipeline.actors import ACTOR_LANGUAGES, analyse_actors
    from bot.pipeline.clean import clean_text, forwarded_from, looks_binary, word_count
    from bot.pipeline.lang import detect_language, support_for
    from bot.pipeline.noise import NO_LANGUAGE, not_language
    from bot.pipeline.summarize import key_points
    from bot.pipeline.text import valid_unicode

    # Text from Telegram or a file may hold lone surrogates, which no UTF-8 output can carry.
    repaired: dict[str, Any] = {
        f.name: valid_unicode(v)
        for f in fields(article)
        if isinstance(v := getattr(article, f.name), str) and v
    }
    article = replace(article, **repaired)
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
    head, rest = _read_part(raw)
    if cleaned is None:
        cleaned = clean_text(head)
    title, body = split_title(cleaned)
    if article.title:
        title = " ".join(article.title.split())
        if body.startswith(title):  # the headline repeated as the first line
            body = body[len(title) :].lstrip()
    code, _ = detect_language(body)
    if code == NO_LANGUAGE or not_language(body):
        raise InputError("That doesn't read as text in any language. Send an article's text or a link to it.")
    words = word_count(body)
    # The text as written, counted in its two parts (a word the cut falls in, with no paragraph break to cut at,
    # counts twice: one word in a hundred thousand characters).
    head_words, rest_words = word_count(head), word_count(rest)
    words += _words_beyond(rest_words, head_words, words)
    characters = unspaced_letters(body)
    if characters < MIN_CHARACTERS if characters else words < MIN_WORDS:
        if article.teaser:  # the wall left too little: say so rather than "too short"
            raise InputError(
                "This looks like a paywall: only a teaser is visible. Paste the article text instead."
            )
        if characters:
            raise InputError(
                f"That's too short to summarize ({characters} characters). Send the whole article or a link to it."
            )
        raise InputError(
            f"That's too short to summarize ({words} words). Send the whole article or a link to it."
        )

    support = support_for(code)
    count = max(1, min(points, MAX_POINTS))
    chosen = key_points(body, support, count, title=title, method=method)
    notes = [TEASER_NOTE] if article.teaser else []
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
            report = analyse_actors(code, body, title=title)
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
        original_words=head_words + rest_words,
        characters=characters,
        actors_note=actors_note,
        also_named=also_named,
        site_name=meta.site_name,
        author=meta.author,
        published=meta.published,
        extra={"notes": notes} if notes else {},
    )
