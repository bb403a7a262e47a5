"""HTML page → `Article` (title, site, author, date, main text), or a clear "this is not an article".

Pure and synchronous: the page is already fetched (or read from a file); nothing here touches the network.
trafilatura does the extraction (`bare_extraction`, comments off, precision-oriented: it scored best on
`bench/extraction.py`). The default mode is read too: it is the fallback when the precise pass keeps almost
nothing, and the lines it keeps between two lines of the precise pass are put back (`_with_gaps_filled`).
"""

from __future__ import annotations

import logging
import re
from typing import Any
from urllib.parse import urlsplit

import trafilatura
from trafilatura.utils import load_html

from bot.errors import NotAnArticleError
from bot.model import Article

# trafilatura logs a warning for every page it cannot extract; our caller reports that to the user instead.
logging.getLogger("trafilatura").setLevel(logging.ERROR)

MIN_WORDS = 40  # less than this is a caption or a teaser, not a story
PAYWALL_MAX_WORDS = 300  # a paywall signal with less visible text than this means we only got the teaser
LOGIN_MAX_WORDS = 150
LISTING_MAX_WORDS = 300
FALLBACK_BELOW_WORDS = 150  # the precise pass kept less than this: compare with the default pass
FALLBACK_RATIO = 0.5  # …and take the default pass when the precise one is under half its length

_WORD = re.compile(r"\w+")
_DATE_PARAMS = {"extensive_search": False, "original_date": True}  # no guessing from copyright lines

# Only explicit signals: the publisher's own schema.org flag, or the wall's wording. A "paywall" CSS class alone
# is not enough (sites ship the class on every page, walled or not).
_PAYWALL = re.compile(
    r"""["']?isAccessibleForFree["']?\s*:\s*["']?false
      | \b(?:subscribe|subscription)\s+(?:now\s+)?to\s+(?:continue|keep)\s+reading
      | \bto\s+continue\s+reading,?\s+(?:please\s+)?(?:subscribe|sign\s+in|log\s+in|become)
      | \b(?:this|the)\s+(?:article|story|content)\s+is\s+(?:only\s+)?(?:available\s+)?(?:exclusively\s+)?
          (?:to|for)\s+(?:paying\s+)?(?:subscribers|members)
      | \balready\s+a\s+(?:subscriber|member)\s*\?
    """,
    re.IGNORECASE | re.VERBOSE,
)
_PASSWORD_FIELD = re.compile(r"""<input\b[^>]*\btype\s*=\s*["']?password""", re.IGNORECASE)
_LOGIN_WORDS = re.compile(r"\b(?:sign|log)\s*in\b|\bcreate\s+(?:a\s+)?(?:free\s+)?account\b", re.IGNORECASE)
_ARTICLE_TAG = re.compile(r"<article\b", re.IGNORECASE)
_HEADLINE_LINK = re.compile(r"<h[1-4]\b[^>]*>\s*<a\b", re.IGNORECASE)


def _looks_like_listing(page: str, doc: Any, url: str | None) -> bool:
    """A front or section page: says so (og:type website, or the site's root) and is built of story teasers.

    Both are needed: many real articles carry a sidebar of headline links, and some call themselves "website".
    """
    path = urlsplit(url).path if url else None
    says_so = (doc is not None and doc.pagetype == "website") or path in ("", "/")
    teasers = len(_ARTICLE_TAG.findall(page)) >= 5 or len(_HEADLINE_LINK.findall(page)) >= 6
    return says_so and teasers


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _extract(html: str | bytes, url: str | None, *, precise: bool, metadata: bool = True) -> Any:
    """trafilatura's document for the page: its text, and its metadata (read from the page's head and the same
    in either mode) when `metadata` is asked for."""
    return trafilatura.bare_extraction(
        html,
        url=url,
        include_comments=False,
        include_tables=True,
        favor_precision=precise,
        with_metadata=metadata,
        date_extraction_params=dict(_DATE_PARAMS),
    )


def _norm(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def _with_gaps_filled(precise: str, loose: str, html: str | bytes) -> str:
    """The precise pass's text with the lines the default pass keeps between two of its lines put back.

    The precise pass drops short lines inside a story (subheads, a product's name above its review, a quoted
    verse) in any language; what lies between two lines it kept is the story's, while furniture sits before and
    after it. What the precise pass rightly drops there stays out: a line that is mostly a link (a related
    story's headline), one written all in capitals (a cross-promotion: "CLICK HERE TO GET THE APP"), one with no
    letter (a gallery's "1/12"). A line is put back only if it falls between the same two lines however the
    precise lines are matched (a lead the page repeats above its byline does not stretch the first gap over the
    header); when they are not in the default pass in the same order, the passes disagree and the precise stands."""
    wanted = [key for line in precise.splitlines() if (key := _norm(line))]
    lines, keys = [], []
    for line in loose.splitlines():
        if key := _norm(line):
            lines.append(line)
            keys.append(key)
    first, last = _in_order(wanted, keys), _in_order(wanted[::-1], keys[::-1])
    if first is None or last is None:
        return precise
    latest = [len(keys) - 1 - j for j in reversed(last)]
    # Line k is in a gap under both matchings: after the latest place of one kept line and before the earliest
    # of the next.
    gaps = {n: list(range(latest[n - 1] + 1, first[n])) for n in range(1, len(wanted))}
    if not any(gaps.values()):
        return precise
    links = _link_texts(html)
    restored = {
        n: [lines[k] for k in found if _story_line(lines[k], links)] for n, found in gaps.items() if found
    }
    if not any(restored.values()):
        return precise
    out: list[str] = []
    n = 0
    for line in precise.splitlines():
        if _norm(line):
            out.extend(restored.get(n, ()))
            n += 1
        out.append(line)
    return "\n".join(out)


def _in_order(wanted: list[str], keys: list[str]) -> list[int] | None:
    """Where each of `wanted` is first found in `keys`, in order; None when they are not all there in order."""
    at: list[int] = []
    j = 0
    for key in wanted:
        while j < len(keys) and keys[j] != key:
            j += 1
        if j == len(keys):
            return None
        at.append(j)
        j += 1
    return at


def _link_texts(html: str | bytes) -> frozenset[str]:
    """The words of every link on the page."""
    tree = load_html(html)
    return (
        frozenset()
        if tree is None
        else frozenset(k for a in tree.iter("a") if (k := _norm(a.text_content())))
    )


def _story_line(line: str, links: frozenset[str]) -> bool:
    """Whether a line the precise pass dropped inside a story is the story's: not mostly a link, not shouted,
    not without a letter."""
    if not any(ch.isalpha() for ch in line) or _shouts(line):
        return False
    key = f" {_norm(line)} "
    size = key.count(" ") - 1
    return not any(2 * (link.count(" ") + 1) >= size and f" {link} " in key for link in links)


def _shouts(line: str) -> bool:
    """Whether the line is written in capitals: most of its letters are, and none is lower case (a caseless
    script with an acronym in it does not shout)."""
    letters = [ch for ch in line if ch.isalpha()]
    cased = [ch for ch in letters if ch.isupper() or ch.islower()]
    return 2 * len(cased) > len(letters) and not any(ch.islower() for ch in cased)


def _paragraphs(text: str, title: str | None) -> str:
    """One paragraph per block, separated by blank lines; the headline is dropped when the body repeats it."""
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    if title and lines and _norm(lines[0]) == _norm(title):
        lines = lines[1:]
    return "\n\n".join(lines)


def _without_wall(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not _PAYWALL.search(line))


def _clean_meta(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def extract_article(html: str | bytes, url: str | None = None) -> Article:
    """Extract the article from a page; raise NotAnArticleError for home pages, login walls and a paywall that
    leaves too little to read. A paywall's teaser long enough for a digest is returned marked `teaser`: a reader
    would rather have the visible part's digest, said to be that, than nothing."""
    if not html.strip():
        raise NotAnArticleError("That page is empty.")
    page = html.decode("utf-8", errors="replace") if isinstance(html, bytes) else html

    doc = _extract(html, url, precise=True)
    text = doc.text if doc is not None and doc.text else ""
    words = _words(text)
    loose = _extract(html, url, precise=False, metadata=doc is None)
    loose_text = loose.text if loose is not None and loose.text else ""
    loose_words = _words(loose_text)
    if words < FALLBACK_BELOW_WORDS and words < FALLBACK_RATIO * loose_words:
        # The precise pass sometimes keeps a reprint notice or half a body split around an ad.
        text, words = loose_text, loose_words
        doc = doc if doc is not None else loose
        story = text
    else:
        # The reader gets the lines put back; the checks below read what the pass itself kept (a front page's
        # headlines between its teasers must not make it long enough to pass for a story).
        story = _with_gaps_filled(text, loose_text, html)

    teaser = words < PAYWALL_MAX_WORDS and _PAYWALL.search(page) is not None
    if teaser:  # the wall's own lines ("Subscribe to continue reading.") are not the story
        text, story = _without_wall(text), _without_wall(story)
        words = _words(text)
    if teaser and words < MIN_WORDS:
        raise NotAnArticleError(
            "This looks like a paywall: only a teaser is visible. Paste the article text instead."
        )
    if not teaser and (
        words < LOGIN_MAX_WORDS
        and _PASSWORD_FIELD.search(page)
        and _LOGIN_WORDS.search(f"{doc.title if doc is not None else ''}\n{text}")
    ):
        raise NotAnArticleError("This page asks you to log in. Paste the article text instead.")
    if not teaser and words < LISTING_MAX_WORDS and _looks_like_listing(page, doc, url):
        raise NotAnArticleError(
            "This looks like a home page or a list of links, not an article. Send the link to one story."
        )
    if doc is None or words < MIN_WORDS:
        raise NotAnArticleError("This page doesn't look like an article: there is almost no text on it.")

    title = _clean_meta(doc.title)
    return Article(
        text=_paragraphs(story, title),
        title=title,
        source=url or _clean_meta(doc.url),
        site_name=_clean_meta(doc.sitename),
        author=_clean_meta(doc.author),
        published=_clean_meta(doc.date),
        teaser=teaser,
    )
