"""Key points: extractive, on sumy's document model, with a summarizer of our own.

`KeyPointSummarizer` scores each candidate sentence by a position prior, PacSum-style directed centrality
(a sentence that many later sentences echo is central; news puts those first), overlap with the title, and a
length prior, then picks sentences with MMR so no two points say the same thing. With the shipped model a word
model then chooses the set among the ranker's best candidates: it rates how often a reader's summary would use
each word of the text and takes the set of points with the best expected ROUGE-1 F1 (the story's words, few
others). Both are fitted on one half of a news set by bench/train_keypoints.py. Some sentences are never a point
(a bare label, a quotation whose speaker it does not name) but stay in the text the ranker scores, as in training.
Sumy's own summarizers (LexRank, TextRank, LSA, Luhn) stay available by name for comparison in
`bench/keypoints.py`.

Cost is bounded: only the first `MAX_CANDIDATES` sentences (news is front-loaded) are scored, so the quadratic
similarity matrix never exceeds MAX_CANDIDATES² entries whatever the input's length.
"""

from __future__ import annotations

import copy
import itertools
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources

import numpy as np
import punkt
from sumy.models.dom import ObjectDocumentModel, Sentence
from sumy.nlp.stemmers import Stemmer, null_stemmer
from sumy.parsers.plaintext import PlaintextParser
from sumy.summarizers._summarizer import AbstractSummarizer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.lsa import LsaSummarizer
from sumy.summarizers.luhn import LuhnSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer

from bot.pipeline.text import DATELINE, SENTENCE_OPENERS, starts_in_lower_case
from bot.pipeline.lang import LanguageSupport, stop_words

MAX_CANDIDATES = 300
MAX_PARSE_CHARS = 200_000  # the parser sees at most this much text; candidates come from its first sentences
MAX_POINT_CHARS = 300
MODEL_FILE = "data/keypoint-weights.json"
_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_]))*")
_FALLBACK_SENTENCES = re.compile(r"(?<=[.!?。！？…])\s+|(?<=[。！？])")
# "(pictured)", "(left)", "(file photo)": pointers to a picture the reader of a digest does not have.
_PICTURE_CUE = re.compile(
    r"\s*\((?:pictured|above|below|left|right|centre|center|middle|top|bottom|inset|far left|far right|"
    r"file (?:photo|picture|image)|stock (?:photo|picture|image)|(?:pictured )?(?:left|right|centre|center))\)",
    re.IGNORECASE,
)
_OPENER = re.compile(
    r"^[\"'“‘]?(?:he|she|it|they|this|that|these|those|his|her|their|its|but|and|however|also|so|then|yet|"
    r"meanwhile|instead|still|there|here)\b",
    re.IGNORECASE,
)
_JUNK_SENTENCE = re.compile(
    r"scroll down|click here|published:|updated:|last updated|^by\s+\S+(?:\s+\S+)?\s*[.|]|follow @|"
    r"read more|sign up|subscribe|photo:|video:|©|watch the video|"
    r"(?:video|gallery|photos?|clip) (?:can be seen|is|appears|plays) (?:at the top|above|below)",
    re.IGNORECASE,
)


# Picture captions lose their full stop when a page is flattened to text and get glued onto the next sentence
# ("…on Friday ‘I’d be over the moon,’ said Locke"); these are the seams that show it.
_GLUED_QUOTE = re.compile(r"(?<=[a-z0-9])\s+(?=[‘“\"'][A-Z]\S*(?:\s+[^\s‘’“”\"']+){3})")
# A label's seam; a weekday or month before it ends the caption ("…in Chongqing last Saturday Skilful: The kite…").
_GLUED_LABEL = re.compile(
    r"(?<=[a-z0-9])(\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|"
    r"May|June|July|August|September|October|November|December))?\s+"
    r"(?=([A-Z][\w’'-]*(?:\s[\w’'-]+){0,2}):\s+[A-Z‘“\"'])"
)
# "Jo Reed said: '…'" is speech, not a caption's label.
_SPEECH_VERB = re.compile(
    r"\b(?:said|says|told|added|adds|wrote|writes|tweeted|explained|replied|asked|insisted)\b"
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
    if not _SPEECH_VERB.search(seam.group(2)):
        return False
    head = sentence[: seam.start()].split()[-3:]
    return any(w.lower().strip(",") in _ROLE_NOUNS for w in head)


def _quotes_inline(sentence: str, seam: re.Match[str]) -> bool:
    """A quoted title ("played “We’re Not Going Home” from…") or a word or two ("an inverted “T” shape") is part
    of the sentence; a caption's quote is speech."""
    quoted = _QUOTED.match(sentence, seam.end())
    words = quoted.group(1).split() if quoted else []
    if quoted and quoted.group(0)[-1:] in "’”\"'" and 0 < len(words) <= 2:
        return not _SPEECH_VERB.match(sentence[quoted.end() :].lstrip(" ,"))
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


# Punkt ends a sentence after a middle initial ("Clarence J." | "Brown Dam…", "J.R.R." | "Tolkien…"); a name
# or a title before the initial shows it is one ("Hon. B." | "U. Eze"). Two-letter forms ("U.S.") end sentences
# too often to join on their own; they are joined only as an article's adjective before a body or office ("the
# U.S." | "Ambassador to …").
_TRAILING_INITIAL = re.compile(r"(?:\b[A-Z][a-z]+\.?\s+[A-Z]\.|\b[A-Z]\.[A-Z]\.[A-Z]\.)$")
_TRAILING_COUNTRY = re.compile(r"\b(?:[Tt]he|[Aa]n?)\s+(?:U\.S\.|U\.K\.|U\.N\.|E\.U\.)$")
_BODY_OR_OFFICE = re.compile(
    r"(?:Ambassadors?|Embassy|Consulate|Envoy|Army|Navy|Air|Marines?|Coast|Military|Forces|Special|Senate|Senator|"
    r"House|Congress(?:man|woman)?|President|Secretary|State|Department|Supreme|Court|District|Attorney|Justice|"
    r"Treasury|Government|Federal|National|Defense|Homeland|Intelligence|Geological|Census|Postal|Border|Customs|"
    r"Immigration|Security|Council|General|Commission|Parliament|Trade|Commerce|Energy|Health|Agency|Open|"
    r"Olympics?|Chamber|Central)\b"
)


# A title abbreviation stands before a name, never at a sentence's end ("signed by Kansas Gov." | "Sam …"); nor
# does "No." before a number. Two initials with no article before them are a name's ("legend B.B." | "King …",
# "Texas M.D." | "Anderson …") unless they are a place's, which often ends a sentence ("Washington, D.C.").
_TRAILING_TITLE = re.compile(
    r"\b(?:Gov|Govs|Sen|Sens|Rep|Reps|Gen|Lt|Col|Sgt|Capt|Cpl|Pvt|Adm|Maj|Cmdr|Rev|Prof|Supt|Insp|Det|Amb|Atty|"
    r"Hon|Rt|Brig|Msgr)\.$"
)
_TRAILING_NUMBER_SIGN = re.compile(r"\bNo\.$")
_TRAILING_TWO_INITIALS = re.compile(
    r"(?<![\w.])(?<!\b[Tt]he )(?<!\b[Aa]n )(?<!\b[Aa] )(?<!, )([A-Z])\. ?([A-Z])\.$"
)
_TRAILING_ABBREVIATION = re.compile(r"(?:\b[A-Za-z]\.){2,}$|\b[A-Z]\.$")
_PLACE_INITIALS = frozenset(
    {"US", "UK", "UN", "EU", "DC", "LA", "NY", "NJ", "NC", "SC", "ND", "SD", "NH", "NM"}
)


def _ends_mid_name(before: str, after: str) -> bool:
    if after[:1].isdigit():
        return bool(_TRAILING_NUMBER_SIGN.search(before))
    if not after[:1].isupper():
        return False
    if _TRAILING_INITIAL.search(before) or _TRAILING_TITLE.search(before):
        return True
    two = _TRAILING_TWO_INITIALS.search(before)
    if two is None or two.group(1) + two.group(2) in _PLACE_INITIALS:
        return False
    return after.split(maxsplit=1)[0].strip("\"'‘’“”,") not in SENTENCE_OPENERS


# A short all-capitals name with a full stop ("the KX. ORBIT …") that the text repeats before the same word is a
# product's or a model's name, not a sentence's end; a real sentence end seldom repeats word for word.
_NAME_SEAM = re.compile(r"(?<![\w.])([A-Z][A-Z0-9]{1,3}\.)\s+([A-Z][\w'’-]*)")


def repeated_name_seams(text: str) -> frozenset[tuple[str, str]]:
    """("KX.", "ORBIT") for each such seam the text writes at least twice."""
    counts = Counter((m.group(1), m.group(2)) for m in _NAME_SEAM.finditer(text))
    return frozenset(seam for seam, n in counts.items() if n >= 2 and seam[1] not in SENTENCE_OPENERS)


# Where punkt ends a sentence that the next, lower-case, word shows goes on: after speech or an aside that ends in
# "!", "?" or a closing quote ("“Got him!”" | "a firefighter shouted."), and inside brackets ("[1 tsp." | "salt]").
# After a plain full stop a lower-case word is more often the source's typo, and the sentences stay apart.
_ENDS_SPEECH = re.compile(r"(?:[!?…][\"'”’»)\]]*|\.[\"'”’»)\]]+)$")


def _goes_on_in_lower_case(before: str, part: str) -> bool:
    if not starts_in_lower_case(part):
        return False
    open_bracket = before.count("(") > before.count(")") or before.count("[") > before.count("]")
    return open_bracket or bool(_ENDS_SPEECH.search(before) or _TRAILING_ABBREVIATION.search(before))


# A paragraph's opening dateline ends in an abbreviation, and its dash goes on with the story: "PORT ELLERY, V.L."
# | "– The harbour…". Elsewhere a dash may open a line of dialogue.
_DASH_START = re.compile(r"[–—]\s|--?\s")
_DATELINE_END = re.compile(r"^(?:\S+\s+){0,5}(?:\S*\W)?[A-Z][A-Za-z]{0,5}\.$")


def _join_initials(parts: Sequence[str], names: frozenset[tuple[str, str]] = frozenset()) -> list[str]:
    joined: list[str] = []
    for part in parts:
        if not part.strip():
            continue  # the fallback splitter leaves an empty piece after a final "。"
        if not joined:
            joined.append(part)
        elif _goes_on_in_lower_case(joined[-1], part):
            joined[-1] = f"{joined[-1]} {part}"
            if len(joined) > 1 and _closes_first(joined[-1]) and _left_open(joined[-2]):
                # The quotation the sentence goes on after began a part earlier: "the “Rain." | "We love it.” slogan…"
                joined[-2:] = [f"{joined[-2]} {joined[-1]}"]
        elif (
            (len(joined) == 1 and _DASH_START.match(part) and _DATELINE_END.search(joined[-1]))
            or _ends_mid_name(joined[-1], part)
            or (_TRAILING_COUNTRY.search(joined[-1]) and _BODY_OR_OFFICE.match(part))
            or (joined[-1].rsplit(maxsplit=1)[-1], part.split(maxsplit=1)[0]) in names
        ):
            joined[-1] = f"{joined[-1]} {part}"
        else:
            joined.append(part)
    return joined


# The Russian punkt model was trained with a dictionary's abbreviation list, which includes everyday words ("курс.",
# "год.", "центр.", "Ирак."), so a sentence ending in one was never split from the next. These words end news
# sentences far more often than they stand for an abbreviation before a capital.
_NOT_ABBREVIATIONS = {
    "russian": frozenset({
        "год", "курс", "мир", "раз", "центр", "спорт", "театр", "текст", "суд", "газ", "ответ", "указ", "пост",
        "стол", "хор", "зал", "ирак", "иран", "непал", "тибет", "восток", "холод", "тип", "вес", "верх", "груз",
        "торг", "фон", "шах", "стих", "след", "стан", "крест", "полк", "плод", "мех", "бар", "бал", "нас", "так",
        "под", "или", "не", "рук", "пар", "пол", "гор", "вод", "муж", "род", "факс", "культ", "сел", "пал", "мест",
        "марок", "миф", "маг", "лев", "норм", "серб", "тур", "вал", "бум", "быт", "ум", "прав",
    }),
}  # fmt: skip


def _punkt_model(name: str) -> punkt.PunktParameters:
    model = punkt.load_model(name)  # cached and shared: change a copy
    words = _NOT_ABBREVIATIONS.get(name)
    return replace(model, abbrev_types=model.abbrev_types - words) if words else model


class SentenceTokenizer:
    """A sumy tokenizer that needs no NLTK data: punkt models from a package, a regex for words."""

    def __init__(self, support: LanguageSupport) -> None:
        self._support = support
        # Seams that are a name's in this text (for_text).
        self._names: frozenset[tuple[str, str]] = frozenset()
        self._punkt = (
            punkt.PunktSentenceTokenizer(_punkt_model(support.punkt_model)) if support.punkt_model else None
        )

    def for_text(self, text: str) -> SentenceTokenizer:
        """This tokenizer, knowing the names the text repeats (a copy that shares the punkt model)."""
        names = repeated_name_seams(text)
        if not names:
            return self
        tokenizer = copy.copy(self)
        tokenizer._names = names
        return tokenizer

    @property
    def language(self) -> str:
        return self._support.name.lower()

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        if self._punkt is not None:
            parts = self._punkt.tokenize(paragraph)
        else:
            parts = _FALLBACK_SENTENCES.split(paragraph)
        return tuple(piece for s in _join_initials(parts, self._names) for piece in split_glued(s) if piece)

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(_WORD.findall(sentence))


@cache
def tokenizer_for(support: LanguageSupport) -> SentenceTokenizer:
    return SentenceTokenizer(support)


@cache
def stemmer_for(support: LanguageSupport) -> Stemmer | None:
    return Stemmer(support.stemmer) if support.stemmer else None


@cache
def stop_words_for(support: LanguageSupport) -> frozenset[str]:
    return stop_words(support.stop_words)


def parse(text: str, support: LanguageSupport) -> ObjectDocumentModel:
    """Sumy's document model of (at most the first MAX_PARSE_CHARS of) the text."""
    if len(text) > MAX_PARSE_CHARS:
        cut = text.rfind("\n\n", 0, MAX_PARSE_CHARS)
        text = text[: cut if cut > 0 else MAX_PARSE_CHARS]
    return PlaintextParser.from_string(text, tokenizer_for(support).for_text(text)).document


@dataclass(frozen=True)
class KeyPointParams:
    """Weights of the sentence score; chosen by bench/tune_keypoints.py on one half of the news set."""

    position_weight: float = 0.5
    position_decay: float = 4.0  # sentences; the prior is exp(-i / decay)
    centrality_weight: float = 0.6
    forward_weight: float = 1.0  # edges to later sentences
    backward_weight: float = 0.3  # edges to earlier sentences
    edge_threshold: float = 0.1  # fraction of the similarity range below which an edge is ignored
    title_weight: float = 1.0
    min_words: int = 6
    ideal_max_words: int = 45
    story_start_threshold: float = (
        0.2  # the story starts at the first sentence this relevant (chatter before it)
    )
    opener_penalty: float = 0.0  # "He said…", "But…": sentences that need the one before them
    redundancy: float = 0.8  # MMR trade-off
    duplicate_similarity: float = 0.55  # a candidate this similar to a chosen point is never chosen


STYLE_FEATURES = (
    "quote_start",
    "has_quote",
    "attribution",
    "first_person",
    "numbers",
    "capitals",
    "time_words",
    "no_terminal",
    "question",
    "label",
)
# Features that depend on where a sentence sits (the content scorer, trained on shuffled text, leaves them out).
POSITION_FEATURES = (
    "prior",
    "position",
    "first",
    "second",
    "third",
    "before_start",
    "position_trusted",
    "first_trusted",
    "relative_position",
    "trust",
)
FEATURES = (
    "bias",
    *POSITION_FEATURES,
    "forward",
    "backward",
    "degree",
    "centroid",
    "title",
    "title_recall",
    "content_rank",
    "length",
    "length_sq",
    "short",
    "junk",
    "opener",
    *STYLE_FEATURES,
)
ORDER_FEATURES = ("bias", "trust", "start_rank", "start_title", "coherence")
_QUOTE_START = re.compile(r"^[\"“‘'«„]")
_HAS_QUOTE = re.compile(r"(?:^|[\s:(])[\"“‘'«„][^\W\d_]")
_ATTRIBUTION = re.compile(r"\b(?:said|says|told|added|explained|according to)\b", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|we|my|our|me|us)\b")
_NUMBER = re.compile(r"\d")
_TIME_WORDS = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|"
    r"last (?:week|night|month|year)|this (?:week|morning|year))\b",
    re.IGNORECASE,
)
_TERMINAL = re.compile(r"[.!?…。！？][\"'”’»)\]]*$")
_LABEL = re.compile(r"^[^\W\d_][^\s:]*(?:\s[^\s:]+){0,2}:\s")


def _style(text: str, words: Sequence[str]) -> list[float]:
    """Surface cues of a lede versus a quote, a caption or a follow-on sentence; same order as STYLE_FEATURES."""
    count = max(len(words), 1)
    capitals = sum(1 for w in words[1:] if w[:1].isupper()) / count
    return [
        1.0 if _QUOTE_START.match(text) else 0.0,
        1.0 if _HAS_QUOTE.search(text) else 0.0,
        1.0 if _ATTRIBUTION.search(text) else 0.0,
        1.0 if _FIRST_PERSON.search(text) else 0.0,
        min(len(_NUMBER.findall(text)), 4) / 4.0,
        capitals,
        1.0 if _TIME_WORDS.search(text) else 0.0,
        0.0 if _TERMINAL.search(text) else 1.0,
        1.0 if text.rstrip("\"'”’» ").endswith("?") else 0.0,
        1.0 if _LABEL.match(text) else 0.0,
    ]


@dataclass(frozen=True)
class Analysis:
    sim: np.ndarray  # cosine similarity between candidate sentences (zero diagonal)
    features: np.ndarray  # n × len(FEATURES)
    prior: np.ndarray  # the hand-made score (position, centrality, title, length); also a feature
    order: np.ndarray  # document-level evidence that the text is in published order (ORDER_FEATURES)


# The word model estimates, for each word of the text, how often a reader's summary would use it (a Poisson
# rate from what the word is and where it first appears), and picks the set of points with the best expected
# ROUGE-1 F1 against such a summary: words the story is about, few words that are not. Words are counted as
# rouge-score counts them (lower-cased runs of letters and digits, longer words stemmed), so stop words count too.
WORD_FEATURES = (
    "bias",
    "count",  # log(1 + occurrences in the text)
    "spread",  # share of sentences that use it
    "stop",
    "stop_count",
    "number",
    "length",
    "title",
    "capital",  # capitalized inside a sentence: a name
    "title_capital",
)
# Where the word first appears in the story (counted from the story's start); used only for text in order.
WORD_POSITION_FEATURES = ("first_seen", "in_first", "in_lead", "title_first_seen")
_TOKEN = re.compile(r"[^\W_]+")
_MAX_REPEATS = 8  # a word used more often than this in a set of points counts as this often


def point_tokens(text: str, stem: Callable[[str], str]) -> list[str]:
    """A text's words as rouge-score counts them (its own stemmer stands in for Porter's in other languages)."""
    return [stem(t) if len(t) > 3 and not t.isdigit() else t for t in _TOKEN.findall(text.lower())]


@dataclass(frozen=True)
class WordInputs:
    """What the word model reads from a text: each candidate's words (as shown) and a few word sets."""

    tokens: list[list[str]]
    title: frozenset[str]
    capitals: frozenset[str]
    stop: frozenset[str]


@dataclass(frozen=True)
class WordTable:
    start: int  # where the story starts; sentences before it (chatter) are never points
    types: list[str]
    content: np.ndarray  # one row a word type, columns WORD_FEATURES
    position: np.ndarray  # columns WORD_POSITION_FEATURES


def word_table(inputs: WordInputs, start: int) -> WordTable:
    first: dict[str, int] = {}
    count: Counter[str] = Counter()
    spread: Counter[str] = Counter()
    for i, tokens in enumerate(inputs.tokens):
        if i >= start:
            for t in tokens:
                first.setdefault(t, i - start)
        count.update(tokens)
        spread.update(set(tokens))
    n = max(len(inputs.tokens), 1)
    types = list(count)
    content = np.empty((len(types), len(WORD_FEATURES)))
    position = np.zeros((len(types), len(WORD_POSITION_FEATURES)))
    for j, t in enumerate(types):
        stop = float(t in inputs.stop)
        title = float(t in inputs.title)
        capital = float(t in inputs.capitals)
        content[j] = (
            1.0,
            np.log1p(count[t]),
            spread[t] / n,
            stop,
            stop * np.log1p(count[t]),
            float(t.isdigit()),
            min(len(t), 12) / 12,
            title,
            capital,
            title * capital,
        )
        seen = first.get(t)
        if seen is not None:
            decay = float(np.exp(-seen / 3))
            position[j] = (decay, float(seen == 0), float(seen < 3), title * decay)
    return WordTable(start, types, content, position)


def expected_overlap(rate: np.ndarray) -> np.ndarray:
    """E[min(c, R)] for R ~ Poisson(rate) and c = 0.._MAX_REPEATS: one row a word, one column c."""
    out = np.zeros((len(rate), _MAX_REPEATS + 1))
    p = np.exp(-rate)
    cdf = p.copy()
    for k in range(1, _MAX_REPEATS + 1):
        out[:, k] = out[:, k - 1] + (1.0 - cdf)  # + P(R >= k)
        p = p * rate / k
        cdf = cdf + p
    return out


@dataclass(frozen=True)
class WordModel:
    """Set selection by expected ROUGE-1 F1 (bench/train_keypoints.py fits it on the tune half).

    `ordered` (WORD_FEATURES + WORD_POSITION_FEATURES) rates words of a text the gate believes is in order;
    `content` (WORD_FEATURES only) those of one it believes is not. Between the two bounds of `unsure` the
    gate cannot tell, and the sentence ranker chooses alone. Candidates are the ranker's `pool` best sentences;
    `ranker_weight` adds its (z-scored) opinion to the expected F1.
    """

    ordered: np.ndarray
    content: np.ndarray
    unsure: tuple[float, float]
    pool: int
    ranker_weight: float
    point_length: float  # expected words a point of a reader's summary

    def rates(self, table: WordTable, in_order: float) -> np.ndarray:
        if in_order >= self.unsure[1]:
            logits = np.column_stack([table.content, table.position]) @ self.ordered
        else:
            logits = table.content @ self.content
        rate: np.ndarray = np.exp(np.clip(logits, -20.0, 5.0))
        return rate

    def choose(
        self,
        table: WordTable,
        inputs: WordInputs,
        in_order: float,
        score: np.ndarray,
        sim: np.ndarray,
        count: int,
        duplicate_similarity: float,
        eligible: np.ndarray | None = None,
    ) -> list[int] | None:
        """The best set of `count` points, or None where the ranker should choose (gate unsure, or no set)."""
        ranked = np.argsort(-score, kind="stable")
        ranked = ranked[ranked >= table.start]
        if eligible is not None:
            ranked = ranked[eligible[ranked]]
        if self.unsure[0] <= in_order < self.unsure[1] or len(ranked) <= count:
            return None
        pool = np.sort(ranked[: max(self.pool, count)])
        index = {t: j for j, t in enumerate(table.types)}
        counts = np.zeros((len(pool), len(table.types)), dtype=np.int64)
        for row, i in enumerate(pool):
            for t in inputs.tokens[i]:
                counts[row, index[t]] += 1
        used = counts.any(axis=0)
        counts = counts[:, used]
        gain = expected_overlap(self.rates(table, in_order)[used])
        combos = np.array(list(itertools.combinations(range(len(pool)), count)))
        total = counts[combos].sum(axis=1)  # one row a candidate set, one column a word
        overlap = np.take_along_axis(gain.T, np.minimum(total, _MAX_REPEATS), axis=0).sum(axis=1)
        length = total.sum(axis=1)
        value = 2.0 * overlap / (length + self.point_length * count)
        value += self.ranker_weight * _zscore(score)[pool][combos].mean(axis=1)
        # Never two points that say the same thing.
        close = sim[np.ix_(pool, pool)] >= duplicate_similarity
        for a, b in itertools.combinations(range(count), 2):
            value[close[combos[:, a], combos[:, b]]] = -np.inf
        best = int(np.argmax(value))
        if not np.isfinite(value[best]):
            return None
        return sorted(int(i) for i in pool[combos[best]])


def story_start(analysis: Analysis) -> int:
    """Index of the sentence the story starts at (chatter before it is not the story)."""
    return int((analysis.features[:, FEATURES.index("before_start")] > 0).sum())


@dataclass(frozen=True)
class LinearModel:
    """The trained ranker (bench/train_keypoints.py, tune half only; weights in bot/data).

    Two linear scorers over FEATURES: `ordered` for a text in published order (position is evidence) and
    `content` for one that is not (it finds the lede by what sentences say). A logistic `gate` over
    ORDER_FEATURES says how much to believe the text is in order, and blends the two in-document z-scores.
    """

    ordered: np.ndarray
    content: np.ndarray
    gate: np.ndarray
    gate_sharpness: float
    params: KeyPointParams
    words: WordModel | None = None

    @classmethod
    def from_json(cls, text: str) -> LinearModel:
        data = json.loads(text)

        def vector(names: Sequence[str], values: dict[str, float]) -> np.ndarray:
            # Names the file does not know get weight 0, so an older file still loads.
            return np.array([float(values.get(name, 0.0)) for name in names])

        words = None
        if "words" in data:
            w = data["words"]
            words = WordModel(
                ordered=vector((*WORD_FEATURES, *WORD_POSITION_FEATURES), w["ordered"]),
                content=vector(WORD_FEATURES, w["content"]),
                unsure=(float(w["unsure"][0]), float(w["unsure"][1])),
                pool=int(w["pool"]),
                ranker_weight=float(w["ranker_weight"]),
                point_length=float(w["point_length"]),
            )
        return cls(
            ordered=vector(FEATURES, data["ordered"]),
            content=vector(FEATURES, data["content"]),
            gate=vector(ORDER_FEATURES, data["gate"]),
            gate_sharpness=float(data.get("gate_sharpness", 1.0)),
            params=KeyPointParams(**data.get("params", {})),
            words=words,
        )

    def in_order(self, analysis: Analysis) -> float:
        """Probability-like belief that the text is in published order."""
        return float(1.0 / (1.0 + np.exp(-self.gate_sharpness * float(analysis.order @ self.gate))))

    def score(self, analysis: Analysis) -> np.ndarray:
        g = self.in_order(analysis)
        blended: np.ndarray = g * _zscore(analysis.features @ self.ordered) + (1.0 - g) * _zscore(
            analysis.features @ self.content
        )
        return blended


@cache
def default_model() -> LinearModel | None:
    """The shipped ranker, or None (the hand-made prior is used) if the package file is missing."""
    try:
        text = resources.files("bot").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return None
    return LinearModel.from_json(text)


class KeyPointSummarizer(AbstractSummarizer):  # type: ignore[misc]
    """Position prior + directed centrality + title overlap, selected with MMR; see the module docstring."""

    def __init__(
        self,
        stemmer: Stemmer | None,
        stop_words: frozenset[str],
        params: KeyPointParams | None = None,
        model: LinearModel | None = None,
    ) -> None:
        super().__init__(stemmer or null_stemmer)
        self.stop_words = stop_words
        self.model = model
        self.params = params or (model.params if model is not None else KeyPointParams())
        self._stems: dict[str, str] = {}

    def stem_word(self, word: str) -> str:
        # Each distinct word is stemmed once (the ranker and the word model both ask, many times a text).
        key = word.lower()
        stem = self._stems.get(key)
        if stem is None:
            stem = self._stems[key] = self._stemmer(key)
        return stem

    def __call__(
        self, document: ObjectDocumentModel, sentences_count: int, title: str | None = None
    ) -> tuple[Sentence, ...]:
        sentences, eligible = candidates(document, sentences_count, title)
        if not sentences:
            return ()
        chosen = self.select(
            [str(s) for s in sentences], [s.words for s in sentences], sentences_count, title, eligible
        )
        return tuple(sentences[i] for i in chosen)

    def _terms(self, words: Sequence[str]) -> list[str]:
        return [self.stem_word(w) for w in words if len(w) > 1 and w.lower() not in self.stop_words]

    def analyse(self, texts: Sequence[str], words: Sequence[Sequence[str]], title: str | None) -> Analysis:
        """Sentence similarities and the feature matrix (one row a sentence, columns named by FEATURES)."""
        p = self.params
        n = len(texts)
        terms = [self._terms(w) for w in words]
        if not self.stop_words:
            terms = _drop_document_stop_words(terms)
        vocab: dict[str, int] = {}
        for ts in terms:
            for t in ts:
                vocab.setdefault(t, len(vocab))
        tf = np.zeros((n, max(len(vocab), 1)), dtype=np.float64)
        for i, ts in enumerate(terms):
            for t, c in Counter(ts).items():
                tf[i, vocab[t]] = 1.0 + np.log(c)
        df = (tf > 0).sum(axis=0)
        idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
        x = _normalize_rows(tf * idf)
        sim = x @ x.T
        np.fill_diagonal(sim, 0.0)

        # Directed centrality (PacSum): edges above a threshold, weighted by direction.
        off = sim[~np.eye(n, dtype=bool)] if n > 1 else np.zeros(1)
        lo, hi = float(off.min()), float(off.max())
        edges = np.clip(sim - (lo + p.edge_threshold * (hi - lo)), 0.0, None)
        upper = np.triu(edges, 1).sum(axis=1)  # similarity to later sentences
        lower = np.tril(edges, -1).sum(axis=1)  # similarity to earlier sentences
        centrality = _unit_max(p.forward_weight * upper + p.backward_weight * lower)
        forward, backward = _unit_max(upper), _unit_max(lower)
        degree = _unit_max(edges.sum(axis=1))  # undirected: what a shuffled text still shows
        centroid = x @ _unit(x.sum(axis=0))

        title_score = np.zeros(n)
        title_recall = np.zeros(n)
        if title:
            title_terms = Counter(self._terms(_WORD.findall(title)))
            tv = np.zeros(x.shape[1])
            for t, c in title_terms.items():
                if t in vocab:
                    tv[vocab[t]] = (1.0 + np.log(c)) * idf[vocab[t]]
            if tv.any():
                title_score = x @ _unit(tv)
                title_recall = (tf > 0).astype(np.float64) @ (tv > 0) / max(len(title_terms), 1)

        # The position prior counts from where the story starts: leading chatter or a promo header that nothing
        # else in the text echoes is skipped rather than rewarded for coming first.
        relevance = centrality + title_score
        start = 0
        if relevance.max() > 0:
            relevant = np.nonzero(relevance >= p.story_start_threshold * relevance.max())[0]
            start = int(relevant[0]) if relevant.size else 0
        offset = np.arange(n) - start
        position = np.where(offset >= 0, np.exp(-np.maximum(offset, 0) / max(p.position_decay, 1e-6)), 0.0)

        lengths = np.array([len(w) for w in words], dtype=np.float64)
        length_factor = np.minimum(1.0, lengths / p.min_words) ** 2
        length_factor *= np.where(
            lengths > p.ideal_max_words, p.ideal_max_words / np.maximum(lengths, 1), 1.0
        )
        junk = np.array([1.0 if _JUNK_SENTENCE.search(t) else 0.0 for t in texts])
        opener = np.array([1.0 if _OPENER.match(t) else 0.0 for t in texts])
        prior = (
            (p.position_weight * position + p.centrality_weight * centrality + p.title_weight * title_score)
            * length_factor
            * (1.0 - 0.8 * junk)
            * (1.0 - p.opener_penalty * opener)
        )

        # How far to trust position: a lede reads like one (it echoes the title and the rest of the story).
        # In a text whose opening is a random paragraph this is low, and the model leans on content instead.
        content = _percentile(title_score + centroid + degree)
        head = content[start : start + 2]
        trust = float(head.mean()) if head.size else 0.0

        style = np.array([_style(t, ws) for t, ws in zip(texts, words, strict=True)]).reshape(n, -1)
        columns = {
            "prior": prior,
            "position": position,
            "first": (offset == 0).astype(np.float64),
            "second": (offset == 1).astype(np.float64),
            "third": (offset == 2).astype(np.float64),
            "before_start": (offset < 0).astype(np.float64),
            "position_trusted": position * trust,
            "first_trusted": (offset == 0) * trust,
            "relative_position": np.maximum(offset, 0) / max(n, 1),
            "trust": np.full(n, trust),
            "forward": forward,
            "backward": backward,
            "degree": degree,
            "centroid": centroid,
            "title": title_score,
            "title_recall": title_recall,
            "content_rank": content,
            "length": np.minimum(lengths, 80.0) / 30.0,
            "length_sq": (np.minimum(lengths, 80.0) / 30.0) ** 2,
            "short": (lengths < p.min_words).astype(np.float64),
            "junk": junk,
            "opener": opener,
        }
        for k, name in enumerate(STYLE_FEATURES):
            columns[name] = style[:, k]
        features = np.column_stack([columns[name] for name in FEATURES[1:]])
        features = np.column_stack([np.ones(n), features])
        # Is the text in its published order? Its opening echoes the title and the story, and neighbours are
        # more alike than random pairs (local coherence); a shuffled or reordered text shows neither.
        tail = sim[start:, start:]
        m = len(tail)
        coherence = float(np.diag(tail, 1).mean() - tail[np.triu_indices(m, 1)].mean()) if m > 2 else 0.0
        title_first = float(title_score[start] / title_score.max()) if title_score.max() > 0 else 0.0
        order = np.array([1.0, trust, float(content[start]), title_first, 30.0 * coherence])
        return Analysis(sim=sim, features=features, prior=prior, order=order)

    def select(
        self,
        texts: Sequence[str],
        words: Sequence[Sequence[str]],
        count: int,
        title: str | None,
        eligible: np.ndarray | None = None,
    ) -> list[int]:
        """Indices of the chosen sentences, in article order; only `eligible` ones (default: all) are chosen."""
        if not texts:
            return []
        analysis = self.analyse(texts, words, title)
        inputs = self.word_inputs(texts, words, title) if self.model and self.model.words else None
        return self.choose(analysis, inputs, count, eligible=eligible)

    def word_inputs(
        self, texts: Sequence[str], words: Sequence[Sequence[str]], title: str | None
    ) -> WordInputs:
        stem = self.stem_word
        capitals = {t for ws in words for w in ws[1:] if w[:1].isupper() for t in point_tokens(w, stem)}
        return WordInputs(
            tokens=[point_tokens(trim_point(t), stem) for t in texts],
            title=frozenset(point_tokens(title or "", stem)),
            capitals=frozenset(capitals),
            stop=_stop_tokens(self.stop_words, self._stemmer),
        )

    def choose(
        self,
        analysis: Analysis,
        inputs: WordInputs | None,
        count: int,
        table: WordTable | None = None,
        eligible: np.ndarray | None = None,
    ) -> list[int]:
        """The ranker's scores, then (if the model has one) the word model's best set; else MMR.

        `table` is word_table(inputs, story start), passed in by the trainer that reuses it.
        """
        if eligible is None:
            eligible = np.ones(len(analysis.sim), dtype=bool)
        if self.model is None:
            return self.pick(analysis.prior, analysis.sim, count, eligible)
        score = self.model.score(analysis)
        words = self.model.words
        if words is not None and inputs is not None:
            if table is None:
                table = word_table(inputs, story_start(analysis))
            chosen = words.choose(
                table,
                inputs,
                self.model.in_order(analysis),
                score,
                analysis.sim,
                count,
                self.params.duplicate_similarity,
                eligible,
            )
            if chosen is not None:
                return chosen
        return self.pick(score, analysis.sim, count, eligible)

    def pick(self, score: np.ndarray, sim: np.ndarray, count: int, eligible: np.ndarray) -> list[int]:
        """MMR: the best-scoring sentence not too like the ones already chosen, until `count` are chosen."""
        p = self.params
        chosen: list[int] = []
        redundancy = np.zeros(len(score))  # each sentence's highest similarity to a chosen one
        open_ = eligible.copy()
        for _ in range(min(count, len(score))):
            value = np.where(
                open_ & (redundancy < p.duplicate_similarity), score - p.redundancy * redundancy, -np.inf
            )
            best = int(np.argmax(value))
            if not np.isfinite(value[best]):
                break
            chosen.append(best)
            open_[best] = False
            redundancy = np.maximum(redundancy, sim[best])
        return sorted(chosen)


_QUOTE_MARK = re.compile(r"[\"“”‘’'«»„]")
_MAX_QUOTED_RUN = 4  # sentences; a quotation "open" longer than this is more likely a stray mark


def _quote_marks(text: str) -> Iterator[tuple[int, bool, bool]]:
    """(position, opens?, double?) of each quotation mark; apostrophes ("hadn't", "'90s") are skipped."""
    for m in _QUOTE_MARK.finditer(text):
        i, c = m.start(), m.group()
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        follows_space = before.isspace() or before in "([—–-"
        if c in "'’":
            if before.isalnum() and after.isalnum():
                continue  # inside a word
            if follows_space and after.isalpha():
                yield i, True, False
            elif not before.isspace():
                yield i, False, False
        elif c == "‘":
            yield i, True, False
        elif c in "”»" or (c == "“" and not follows_space):  # „…“ closes with “
            yield i, False, True
        elif c == '"':
            yield i, follows_space, True
        else:
            yield i, True, True


def _quote_state(text: str) -> tuple[bool, bool]:
    """(does the text's first quotation mark close a quotation?, is a quotation still open at its end?)"""
    first_closes = None
    inside: bool | None = None  # the kind (double?) of the quotation open
    for _, opens, double in _quote_marks(text):
        if first_closes is None:
            first_closes = not opens
        if inside is None and opens:
            inside = double
        elif inside is not None and not opens and double == inside:
            inside = None
    return bool(first_closes), inside is not None


def _closes_first(text: str) -> bool:
    return _quote_state(text)[0]


def _left_open(text: str) -> bool:
    return _quote_state(text)[1]


def _unattributed_quotes(texts: Sequence[str], new_paragraph: Sequence[bool] | None = None) -> list[bool]:
    """Which sentences are quotation whose speaker they do not name: one that opens with a quote ("'…,' she
    said."), one a colon introduces ("He replied: '…'") or one that goes on with a quote opened a sentence
    before ("Second half, we tried.'"). Out of context such a sentence tells no one who said it, so it is not
    a key point (the issue's "quotes without context")."""
    return [unattributed for unattributed, _ in _quotation_context(texts, new_paragraph)]


def _quotation_context(
    texts: Sequence[str], new_paragraph: Sequence[bool] | None = None
) -> list[tuple[bool, int]]:
    """For each sentence: is it unattributed quotation (see _unattributed_quotes), and where does it close a
    quotation opened in a sentence before it ("We lost the boats,” Ruth Lane said." → 24; -1 if it does not)?"""
    out = []
    open_double: bool | None = None  # the kind of quotation still open at the end of the sentence before
    run = 0
    for k, text in enumerate(texts):
        text = text.strip()
        # A quotation that goes on into the next paragraph opens again there, so a paragraph starts outside one.
        inside = None if new_paragraph is not None and new_paragraph[k] else open_double
        quoted = inside is not None  # does the sentence start within a quotation (or one a colon introduces)?
        goes_on = quoted
        close = -1
        lead = ""  # the words before that quotation ("He replied:")
        rest: str | None = None  # the words after it
        for n, (i, opens, double) in enumerate(_quote_marks(text)):
            if inside is None and opens:
                inside = double
                if not quoted and rest is None and (i == 0 or text[:i].rstrip().endswith(":")):
                    quoted, lead = True, text[:i]
            elif inside is not None and not opens and double == inside:
                inside = None
                if quoted and rest is None:
                    rest = text[i + 1 :]
                    close = i if goes_on else -1
            elif n == 0 and not opens and double:
                # The end of a quotation longer than this follows ("…Pull. It. Down,” she wrote.")
                quoted = goes_on = True
                rest, close = text[i + 1 :], i
        if quoted and rest is None:
            rest = ""
        unattributed = (
            rest is not None and not _names_someone(rest) and not _names_someone(lead, lead_in=True)
        )
        out.append((unattributed, close))
        run = run + 1 if inside is not None and quoted else 0
        open_double = None if run >= _MAX_QUOTED_RUN else inside
    return out


# The mark that opens a quotation each closing mark ends („…“ is German).
_OPENING_MARK = {"”": "“", '"': '"', "’": "‘", "'": "'", "»": "«", "“": "„"}
_MIN_QUOTED_WORDS = 3  # the end of a quotation shorter than this ("Out,” she wrote.") says nothing alone


def _with_opening_marks(chosen: Sequence[Sentence], document: ObjectDocumentModel) -> list[str]:
    """The chosen sentences' text; one that ends a quotation opened a sentence before it gets its opening mark
    back (“We lost the boats,” Ruth Lane said.), so the reader sees where the quoted words start."""
    sentences = [s for s in document.sentences if not s.is_heading]
    # The context is read front to back, so it is needed only up to the last sentence chosen.
    wanted = {id(s) for s in chosen}
    last = max((k for k, s in enumerate(sentences) if id(s) in wanted), default=-1)
    sentences = sentences[: last + 1]
    firsts = {id(p.sentences[0]) for p in document.paragraphs if p.sentences}
    context = _quotation_context([str(s) for s in sentences], [id(s) in firsts for s in sentences])
    close = {id(s): c for s, (_, c) in zip(sentences, context, strict=True)}
    out = []
    for sentence in chosen:
        text = str(sentence).strip()
        i = close.get(id(sentence), -1)
        out.append(_OPENING_MARK[text[i]] + text if i >= 0 and text[i] in _OPENING_MARK else text)
    return out


# Capitalised only because they start a sentence: "He replied: '…'", "But she added: '…'".
_LEAD_IN_WORDS = frozenset(
    {"he", "she", "they", "we", "it", "you", "but", "and", "so", "then", "later", "yet", "asked", "speaking"}
)


def _names_someone(text: str, lead_in: bool = False) -> bool:
    """Does the text outside a quotation name its speaker (a capitalised word other than "I")?"""
    for k, w in enumerate(_WORD.findall(text)):
        if not w[:1].isupper() or w == "I":
            continue
        if lead_in and ((k == 0 and w.lower() in _LEAD_IN_WORDS) or (len(w) > 1 and w.isupper())):
            continue  # a sentence's first word, or a caption label ("EXPERT VERDICT: '…'")
        return True
    return False


def candidates(
    document: ObjectDocumentModel, count: int, title: str | None = None
) -> tuple[list[Sentence], np.ndarray]:
    """The sentences the ranker scores (not headings, at most MAX_CANDIDATES: news is front-loaded) and which of
    them may be chosen as points (if fewer than `count` may, any but the page's furniture; if still too few, all).

    The others stay in the text the ranker scores: it was trained on whole texts, and they are context.
    """
    sentences = [s for s in document.sentences if not s.is_heading][:MAX_CANDIDATES]
    firsts = {id(p.sentences[0]) for p in document.paragraphs if p.sentences}
    # A table's cells, whether or not the splitter left a row's marks in a sentence ("…| 1 tackle." | "1 sack.").
    tables = {
        id(s)
        for p in document.paragraphs
        if sum(len(_CELL_SEPARATOR.findall(str(s))) for s in p.sentences) >= 2
        for s in p.sentences
    }
    title_words = _word_key(title) if title else None
    furniture = np.array(
        [id(s) in tables or _is_page_furniture(s, title_words) for s in sentences], dtype=bool
    )
    eligible = ~furniture & np.array([_can_be_a_point(s) for s in sentences], dtype=bool)
    texts = [str(s).strip() for s in sentences]
    for k, (unattributed, close) in enumerate(
        _quotation_context(texts, [id(s) in firsts for s in sentences])
    ):
        if unattributed or (close >= 0 and len(_WORD.findall(texts[k][:close])) < _MIN_QUOTED_WORDS):
            eligible[k] = False
    # A text with too few such sentences (a page of quoted reviews, a post of short lines) still gets its points:
    # any of its own sentences first, the page's furniture last.
    if eligible.sum() < count:
        eligible = ~furniture
    if eligible.sum() < count:
        eligible[:] = True
    return sentences, eligible


# A line that ends no sentence is a heading, a caption, a product or a list line ("Why the ferry kept breaking
# down", "Harbour Pass for £45", "- Two extra crossings"), unless it is a long one: a sentence whose full stop the
# page lost.
_LIST_MARKER = re.compile(r"^(?:[-–—•*·▪►✓✔]|\d{1,2}[.)])\s+")
# "…Ruth Calder, 20. '": a stray mark after a space still ends the sentence.
_ENDS_SENTENCE = re.compile(r"[.!?…。！？]\s?[\"'”’»)\]]*$")
# "Pos | Player": a row's cells, text on both sides of the bar.
_CELL_SEPARATOR = re.compile(r"(?<=[^\s|])\s*\|(?=\s*[^\s|])")
_HEADING_MAX_WORDS = 12
# "Click here for the timetable.", "You can see the full list here.": the link they point to is not in the digest;
# "Leave a comment…" asks for the page's comment box.
_LINK_POINTER = re.compile(
    r"\b(?:click|tap)\s+(?:here|below|on\s+(?:the|this)\s+link|the\s+link)\b"
    r"|\b(?:see|view|read|find|get|check\s+out|learn|watch|download|shop)\b.{0,80}\b(?:here|below)\W*$"
    r"|^(?:please\s+)?leave\s+(?:us\s+)?a\s+(?:comment|reply)\b",
    re.IGNORECASE,
)


def _word_key(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


_TITLE_CASE_LOWER = frozenset({"with", "from", "into", "onto", "over", "than", "that", "upon", "your"})


def _title_case(words: Sequence[str]) -> bool:
    """ "Ferry Firm Names New Chief After Record Season": a headline's capitals, not a sentence's."""
    long = [w for w in words if len(w) > 3 and w not in _TITLE_CASE_LOWER]
    return len(long) >= 4 and all(w[:1].isupper() for w in long)


def _can_be_a_point(sentence: Sentence) -> bool:
    # "Watch the video:", "Pictured:", a lone name, the writer's own question ("So who will pay?"): nothing a
    # reader could take away. A quoted question ("…asked: 'Why now?'") is a statement of what was asked.
    return len(sentence.words) >= 3 and not str(sentence).rstrip().endswith((":", "?", "？"))


def _is_page_furniture(sentence: Sentence, title_words: str | None) -> bool:
    text = str(sentence).strip()
    words = sentence.words
    if not _ENDS_SENTENCE.search(text) and (
        _LIST_MARKER.match(text) or len(words) <= _HEADING_MAX_WORDS or _title_case(words)
    ):
        return True
    # A page laid out in a table's cells ("| | Headline by A. Writer…", "| Caption |"), a pointer to a link, the
    # headline again: the digest shows the title already.
    return text.count("|") >= 2 or bool(_LINK_POINTER.search(text)) or _word_key(text) == title_words


@cache
def _stop_tokens(stop_words: frozenset[str], stemmer: Callable[[str], str]) -> frozenset[str]:
    return frozenset(t for w in stop_words for t in point_tokens(w, stemmer))  # point_tokens lower-cases


def _zscore(v: np.ndarray) -> np.ndarray:
    spread = float(v.std())
    out: np.ndarray = (v - v.mean()) / spread if spread > 0 else v - v.mean()
    return out


def _unit(v: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(v))
    out: np.ndarray = v / norm if norm > 0 else v
    return out


def _unit_max(v: np.ndarray) -> np.ndarray:
    top = float(v.max()) if v.size else 0.0
    out: np.ndarray = v / top if top > 0 else v
    return out


def _percentile(v: np.ndarray) -> np.ndarray:
    """Each value's rank in [0, 1] (1 = highest); ties share the lower rank."""
    n = len(v)
    if n < 2:
        return np.ones(n)
    ranks = np.searchsorted(np.sort(v), v, side="left")
    out: np.ndarray = ranks / (n - 1)
    return out


def _normalize_rows(x: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    normalized: np.ndarray = x / norms
    return normalized


def _drop_document_stop_words(terms: list[list[str]]) -> list[list[str]]:
    """Language-neutral fallback: words in over 30% of sentences behave as stop words."""
    if len(terms) < 8:
        return terms
    df = Counter(t for ts in terms for t in set(ts))
    frequent = {t for t, c in df.items() if c / len(terms) > 0.3}
    return [[t for t in ts if t not in frequent] for ts in terms]


def trim_point(sentence: str, limit: int = MAX_POINT_CHARS) -> str:
    """A point as shown: a list marker, dateline and picture cues ("(pictured)") dropped; a very long one cut at a
    clause."""
    sentence = _PICTURE_CUE.sub("", DATELINE.sub("", _LIST_MARKER.sub("", sentence.strip(" |"))))
    if len(sentence) <= limit:
        return sentence
    head = sentence[: limit - 1]
    cut = max(head.rfind(sep) for sep in (", ", "; ", " — ", " – ", " - ", ": "))
    if cut < limit * 0.4:
        cut = head.rfind(" ")
    return sentence[:cut].rstrip(" ,;:—–-") + "…"


SUMY_METHODS = {
    "lexrank": LexRankSummarizer,
    "textrank": TextRankSummarizer,
    "lsa": LsaSummarizer,
    "luhn": LuhnSummarizer,
}
METHODS = ("keypoints", "lead", *SUMY_METHODS)


def key_points(
    text: str,
    support: LanguageSupport,
    count: int = 4,
    *,
    title: str | None = None,
    method: str = "keypoints",
    params: KeyPointParams | None = None,
) -> list[str]:
    """The `count` key points of `text`, in article order, each a whole (possibly trimmed) sentence."""
    document = parse(text, support)
    stemmer = stemmer_for(support)
    stop_words = stop_words_for(support)
    if method == "keypoints":
        summarizer = KeyPointSummarizer(stemmer, stop_words, params, default_model())
        chosen: Sequence[Sentence] = summarizer(document, count, title)
    elif method == "lead":
        chosen = [s for s in document.sentences if not s.is_heading][:count]
    elif method in SUMY_METHODS:
        summarizer = SUMY_METHODS[method](stemmer or null_stemmer)
        summarizer.stop_words = stop_words
        chosen = summarizer(document, count)
    else:
        raise ValueError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
    return [trim_point(t) for t in _with_opening_marks(chosen, document)]
