"""Links in messages: find them, normalise them for the cache, and decide whether the text or the link is the story.

Pure functions; no network.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import idna

from bot.model import Article

# A message with at least this many words besides its links is the story itself (a pasted article with its
# source link); fewer words plus a link is a teaser, and the link is the story.
SUBSTANTIAL_WORDS = 120

_URL = re.compile(r"""(?:https?://|www\.)[^\s<>"'«»“”‘’]+""", re.IGNORECASE)
_TRAILING = ".,;:!?…'\"»”’"
_WORD = re.compile(r"\w+(?:['’-]\w+)*")

# Query parameters that only track who clicked where; they never change the page.
_TRACKING_PREFIXES = ("utm_", "mc_", "pk_", "hsa_", "_hs", "oly_")
_TRACKING_NAMES = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "twclid",
        "ttclid",
        "li_fat_id",
        "igshid",
        "igsh",
        "si",
        "_ga",
        "_gl",
        "ocid",
        "cmpid",
        "ncid",
        "sr_share",
        "spm",
        "vero_id",
        "mkt_tok",
        "s_cid",
        "at_medium",
        "at_campaign",
        "guce_referrer",
        "guce_referrer_sig",
        "guccounter",
    }
)


def _strip_trailing(url: str) -> str:
    """Drop sentence punctuation after a link, and a closing bracket that the link did not open."""
    while url:
        last = url[-1]
        unopened = (last == ")" and url.count("(") < url.count(")")) or (
            last == "]" and url.count("[") < url.count("]")
        )
        if last not in _TRAILING and not unopened:
            break
        url = url[:-1]
    return url


def find_urls(text: str) -> list[str]:
    """Links in plain text, in order, without duplicates (the Telegram handler prefers message entities)."""
    found: list[str] = []
    for match in _URL.finditer(text):
        url = _strip_trailing(match.group(0))
        if url.lower().startswith("www."):
            url = "https://" + url
        if len(url) > len("https://") and url not in found:
            found.append(url)
    return found


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in _TRACKING_NAMES or lowered.startswith(_TRACKING_PREFIXES)


def normalize_url(url: str) -> str:
    """The cache key of a link: lower-case scheme and host, no default port, no fragment, no tracking
    parameters, sorted query. Two links that show the same page should give the same key."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower() or "https"
    host = (parts.hostname or "").rstrip(".").lower()
    if host and not host.isascii():
        with contextlib.suppress(idna.IDNAError):
            host = idna.encode(host, uts46=True).decode("ascii")
    if ":" in host:
        host = f"[{host}]"
    try:
        port = parts.port
    except (
        ValueError
    ):  # a port out of range: keep it as written; the fetcher's check refuses the link politely
        return urlunsplit((scheme, parts.netloc.lower(), parts.path or "/", parts.query, ""))
    netloc = host if port is None or (scheme, port) in (("http", 80), ("https", 443)) else f"{host}:{port}"
    path = parts.path or "/"
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k))
    return urlunsplit((scheme, netloc, path, urlencode(query), ""))


@dataclass(frozen=True)
class Link:
    """A link as it arrived, carried with its identity (`key`) so that it is normalized once per request.

    Whoever receives a link (the Telegram side where a message enters, the service for the CLI's bare URLs) makes
    the `Link`; everything downstream reads `key`. It is computed on first use, not at creation: a link that
    `normalize_url` can't parse (a bad port) is refused by the fetcher's check first, with its friendly reason.
    """

    url: str

    @cached_property
    def key(self) -> str:
        """The cache key: `normalize_url(url)`, what the cache, a chat's link memory and inline buttons use."""
        return normalize_url(self.url)


def _words_besides(text: str, urls: Sequence[str]) -> int:
    for url in sorted(urls, key=len, reverse=True):
        text = text.replace(url, " ")
    text = _URL.sub(" ", text)
    return len(_WORD.findall(text))


def choose_input(text: str, urls: Sequence[str], *, source: str | None = None) -> Article | str:
    """The one rule for a message with text and links: what should be digested?

    Returns an `Article` when the text is the story (it has at least SUBSTANTIAL_WORDS words besides the links,
    or there is no link), else the first link (a URL string): a short teaser with a link means the link is the
    story. `urls` are the message's links (entity URLs first); when empty, links are looked for in the text.
    """
    links = list(urls) or find_urls(text)
    if not links or _words_besides(text, links) >= SUBSTANTIAL_WORDS:
        return Article(text=text, source=source or (links[0] if links else None))
    return links[0]
