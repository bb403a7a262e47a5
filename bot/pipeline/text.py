"""The pipeline's shared text vocabulary: datelines, sentence openers, speech verbs, word patterns.

Cleaning (clean.py) and the key points (summarize/) read the same English news prose. What both need is written
here once. Vocabulary that looks alike but matches different things keeps one pattern each, named for what it
matches: merging them would change what one of them finds. Only `re`: cleaning loads this without numpy or sumy.
"""

from __future__ import annotations

import re

# Weekday and month names as news prose writes them (capitalised); pieces of larger patterns.
WEEKDAY_NAMES = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
MONTH_NAMES = "January|February|March|April|May|June|July|August|September|October|November|December"

# A wire or network dateline opening the story: "(CNN)", "LONDON (Reuters) -", "WASHINGTON (AP) —", "VIENNA —".
# The key points strip it from any sentence too (summarize/points.py).
DATELINE = re.compile(
    # The place, if any, is a few capitalized words ("LONDON, England", "New Delhi, India"), not a phrase opening
    # with an article ("The Associated Press (AP) Stylebook"); "(APEC)" is no agency.
    r"^(?:(?:(?!(?:The|A|An)\b)[A-Z][\w.'-]*(?:[ ,]+[A-Z][\w.'-]*){0,4}\s*)?"
    r"\((?:CNN|Reuters|AP|AFP|Bloomberg|dpa|UPI|ANI|IANS|PTI|Xinhua|TASS|EFE)\b[^()]{0,20}\)"
    # Any outlet credited in brackets glued to the story's first word: "(The Hollywood Reporter)Stan Freberg…".
    r"|\((?:The )?[A-Z][\w&.'’-]*(?: [A-Z][\w&.'’-]*){0,3}\)(?=[\"“‘'A-Z])"
    # A place and any outlet, then a dash: "HARBOURTON, Valdoria (Ellery News Now) -", "BUFFALO, N.Y. —",
    # "VIENNA —", "Dekalb, Ill. —", a site's name ("EllerySUN.Net -"). A place in mixed case needs its region, as
    # a name before a dash is no place.
    r"|(?!(?:The|A|An)\b)(?:[A-Z][\w.'-]*(?:[ ,]+[A-Z][\w.'-]*){0,4}\s*\([A-Z][\w&.'’ -]{1,30}\)"
    r"|[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,3}(?:, [A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3})?"
    r"|[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,2}, [A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3}"
    r"|[A-Z][\w-]*(?:\.[\w-]+)*\.(?i:com|net|org|info|news|am|ru|ua|uk|in|ng))(?=\s*[-—–]{1,2}\s))"
    r"\s*(?:[-—–]+\s*)?(?=[\"“‘'A-Z0-9])"
)
# Words that open a sentence far more often than they continue a name or a title ("the U.S." | "The …").
SENTENCE_OPENERS = frozenset({
    "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "His", "Her", "Its", "Their", "Our", "This",
    "That", "These", "Those", "There", "Here", "But", "And", "Or", "So", "Yet", "In", "On", "At", "For", "From",
    "With", "By", "As", "If", "When", "While", "After", "Before", "Since", "Now", "Then", "Meanwhile", "However",
})  # fmt: skip

# A word as the key points count it: letters, with an apostrophe or a hyphen inside only before another letter
# ("don't", "make-up"); a digit or an underscore ends it ("my6sense" is two words).
LETTER_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_]))*")
# A whole word of letters, its parts joined by hyphens or apostrophes, that no digit or further hyphen follows
# ("make-up", "flag."; not "my6sense"): the first word of a text, for starts_in_lower_case.
_WHOLE_LETTER_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*(?![\w-])")


def starts_in_lower_case(text: str) -> bool:
    """Does the text start with a word in lower case ("make-up", "flag.")? "iPhone", "eBay" and "my6sense" are
    names, and start sentences."""
    word = _WHOLE_LETTER_WORD.match(text)
    return word is not None and word.group().islower()


# Two speech-verb vocabularies that differ on purpose (one pattern each; a merged one would match differently).
# A verb of saying or writing, in lower case, that marks speech: "Jo Reed said: '…'" is speech, not a caption's label.
SPEECH_VERB = re.compile(
    r"\b(?:said|says|told|added|adds|wrote|writes|tweeted|explained|replied|asked|insisted)\b"
)
# Words that attribute a sentence to a source, in any case ("…, police said.", "according to the report").
ATTRIBUTION_CUE = re.compile(r"\b(?:said|says|told|added|explained|according to)\b", re.IGNORECASE)


_SURROGATE = re.compile("[\ud800-\udfff]")


def valid_unicode(text: str) -> str:
    """`text` with every lone surrogate (half of a UTF-16 pair, which no UTF-8 encoder takes) replaced by U+FFFD;
    a pair split over two code points is joined into its character."""
    if not _SURROGATE.search(text):  # a regular expression scans a megabyte in a millisecond, a loop in 100
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


# Scripts written without spaces between words (Han, kana, Thai, Lao, Khmer, Myanmar): a count of words means little
# there, so their length is told in characters.
_UNSPACED = re.compile(
    r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\u0e00-\u0eff\u1780-\u17ff\u1000-\u109f]"
)


def unspaced_letters(text: str) -> int:
    """How many letters of `text` are of a script written without spaces, when most of its letters are (else 0)."""
    letters = sum(ch.isalpha() for ch in text)
    unspaced = len(_UNSPACED.findall(text))
    return unspaced if letters and unspaced * 2 > letters else 0
