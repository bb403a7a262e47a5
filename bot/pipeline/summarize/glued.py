"""Caption text glued into a sentence, cut back out.

Picture captions and labels lose their full stop when a page is flattened to text and run into the sentence next
to them; `split_glued` finds the seams (a quote, a label, a clause's first word after a lower-case word) and cuts
the sentence there, unless the seam is ordinary inline use (a quoted title, a speaker's name after a role).
"""

from __future__ import annotations

import re

from bot.pipeline.text import MONTH_NAMES, SPEECH_VERB, WEEKDAY_NAMES

# Picture captions lose their full stop when a page is flattened to text and get glued onto the next sentence
# ("…on Friday ‘I’d be over the moon,’ said Locke"); these are the seams that show it.
_GLUED_QUOTE = re.compile(r"(?<=[a-z0-9])\s+(?=[‘“\"'][A-Z]\S*(?:\s+[^\s‘’“”\"']+){3})")
# A label's seam; a weekday or month before it ends the caption ("…in Chongqing last Saturday Skilful: The kite…").
_GLUED_LABEL = re.compile(
    rf"(?<=[a-z0-9])(\s+(?:{WEEKDAY_NAMES}|{MONTH_NAMES}))?\s+"
    r"(?=([A-Z][\w’'-]*(?:\s[\w’'-]+){0,2}):\s+[A-Z‘“\"'])"
)
# A quoted title ("Going Clear: Scientology and the Prison of Belief") is written in title case; speech is not.
_QUOTED = re.compile(r"[‘“\"']((?:[^‘’“”\"]|(?<=\w)’(?=\w)){1,120}?)(?:[’'](?!\w)|[”\"]|$)")
# A caption glued to the sentence after it: a lower-case word, then a capitalised word that only starts a clause
# ("…than a colleague The cost of divorce…"). Titles inside a sentence ("read The Times") follow a function word.
_GLUED_START = re.compile(
    r"(?<=[a-z0-9)])\s+(?=(?:The|A|An|It|He|She|They|We|His|Her|Their|This|These|Those|But|However|After|When|"
    r"While|Despite|In|Mr|Mrs|Ms|Dr)\s+\S+(?:\s+\S+){2})"
)
_SCROLL = re.compile(r"^scroll down for (?:video|more)\s*", re.IGNORECASE)
_FUNCTION_WORDS = frozenset(
    (
        "a",
        "an",
        "the",
        "of",
        "to",
        "as",
        "and",
        "or",
        "her",
        "his",
        "their",
        "its",
        "our",
        "my",
        "your",
        "called",
    )
)
# Speech and naming verbs, and nouns a quoted title follows ("his hit 'Cry'", "a banner reading '…'").
_NOT_BEFORE_QUOTE = _FUNCTION_WORDS | frozenset({
    "said", "says", "say", "saying", "told", "added", "adding", "asked", "asking", "wrote", "writing",
    "tweeted", "replied", "read", "reads", "reading", "titled", "entitled", "dubbed", "named", "including",
    "for", "in", "on", "by", "with", "from", "about", "hit", "single", "song", "track", "album", "show",
    "film", "book", "series", "slogan", "comment", "caption", "message", "word", "words", "phrase",
})  # fmt: skip
_ROLE_NOUNS = frozenset({
    "general", "executive", "director", "specialist", "spokesman", "spokeswoman", "spokesperson", "manager",
    "chairman", "chairwoman", "chair", "inspector", "minister", "secretary", "president", "officer", "chief",
    "coach", "boss", "captain", "founder", "editor", "reporter", "correspondent", "analyst", "expert", "professor",
    "lawyer", "attorney", "mayor", "governor", "senator", "leader", "head", "commissioner", "superintendent",
    "constable", "sergeant", "detective", "economist", "researcher", "scientist", "doctor", "surgeon",
})  # fmt: skip
# Words after which a capitalised "The"/"Mr"… is a name or title inside the sentence, not a new clause.
_NOT_BEFORE_START = _FUNCTION_WORDS | frozenset(
    (
        "with",
        "by",
        "from",
        "at",
        "in",
        "on",
        "for",
        "into",
        "about",
        "than",
        "like",
        "told",
        "named",
        "titled",
        "including",
        "via",
        "against",
        "between",
        "said",
        "says",
        "say",
        "over",
        "under",
        "is",
        "was",
        "be",
    )
)


_NOT_BEFORE_LABEL = _NOT_BEFORE_START | frozenset(
    ("while", "but", "that", "because", "when", "where", "if", "although", "though", "whereas", "telling")
)


def _names_a_speaker(sentence: str, seam: re.Match[str]) -> bool:
    """ "…the club's chief executive Ross Lane said: '…'": the name is the role's, not a new caption's label."""
    if not SPEECH_VERB.search(seam.group(2)):
        return False
    head = sentence[: seam.start()].split()[-3:]
    return any(w.lower().strip(",") in _ROLE_NOUNS for w in head)


def _quotes_inline(sentence: str, seam: re.Match[str]) -> bool:
    """A quoted title ("played “We’re Not Going Home” from…") or a word or two ("an inverted “T” shape") is part
    of the sentence; a caption's quote is speech."""
    quoted = _QUOTED.match(sentence, seam.end())
    words = quoted.group(1).split() if quoted else []
    if quoted and quoted.group(0)[-1:] in "’”\"'" and 0 < len(words) <= 2:
        return not SPEECH_VERB.match(sentence[quoted.end() :].lstrip(" ,"))
    long = [w for w in words if len(w.strip(".,:;!?")) > 3]
    return 0 < len(words) <= 10 and bool(long) and all(w[:1].isupper() or not w[:1].isalpha() for w in long)


def split_glued(sentence: str) -> list[str]:
    """A sentence with caption text glued in, cut back into its parts."""
    sentence = _SCROLL.sub("", sentence.strip())
    pieces: list[str] = []
    start = 0
    seams = sorted(
        [
            *(
                (m, _NOT_BEFORE_QUOTE)
                for m in _GLUED_QUOTE.finditer(sentence)
                if not _quotes_inline(sentence, m)
            ),
            *(
                (m, _NOT_BEFORE_LABEL)
                for m in _GLUED_LABEL.finditer(sentence)
                if not _names_a_speaker(sentence, m)
            ),
            *((m, _NOT_BEFORE_START) for m in _GLUED_START.finditer(sentence)),
        ],
        key=lambda pair: pair[0].start(),
    )
    for m, not_before in seams:
        closing = m.re is _GLUED_LABEL and m.group(1)  # a weekday or month that ends the caption
        before = sentence[start : m.end(1) if closing else m.start()]
        words = before.split()
        last = words[-1] if words else ""
        # A caption is a clause of its own; a short head or a function word before a quote is inline use. A
        # caption that ends in a date ("…outside the club early on Wednesday") has ended.
        if len(words) < 6 or (
            not closing
            and (last.lower() in not_before or not (last[0].islower() or last[-1] in ")0123456789"))
        ):
            continue
        pieces.append(before.strip())
        start = m.end()
    pieces.append(sentence[start:].strip())
    return [p for p in pieces if p]
