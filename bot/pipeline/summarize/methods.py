"""The plug-in slot for summarizers: ours (keypoints), the lead, and sumy's, chosen by name."""

from __future__ import annotations

from collections.abc import Sequence

from sumy.models.dom import Sentence
from sumy.nlp.stemmers import null_stemmer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.lsa import LsaSummarizer
from sumy.summarizers.luhn import LuhnSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer

from bot.pipeline.lang import LanguageSupport
from bot.pipeline.summarize.documents import parse, stemmer_for, stop_words_for
from bot.pipeline.summarize.params import KeyPointParams
from bot.pipeline.summarize.parsing import PARSED_LANGUAGES, ParseCache
from bot.pipeline.summarize.points import trim_point
from bot.pipeline.summarize.quotes import with_opening_marks
from bot.pipeline.summarize.ranker import default_model
from bot.pipeline.summarize.summarizer import KeyPointSummarizer
from bot.pipeline.summarize.wordmodel import WordValue

SUMY_METHODS = {
    "lexrank": LexRankSummarizer,
    "textrank": TextRankSummarizer,
    "lsa": LsaSummarizer,
    "luhn": LuhnSummarizer,
}
# Our summarizer with each point the whole sentence it was chosen as (no aside cut): for a reader who quotes.
WHOLE_SENTENCES = "keypoints-whole"
METHODS = ("keypoints", WHOLE_SENTENCES, "lead", *SUMY_METHODS)


def key_points(
    text: str,
    support: LanguageSupport,
    count: int = 4,
    *,
    title: str | None = None,
    method: str = "keypoints",
    params: KeyPointParams | None = None,
) -> list[str]:
    """The `count` key points of `text`, in article order, each a sentence (possibly trimmed). With our
    summarizer an English sentence the parse finds broken is never one (broken.py), and an English point loses
    the attribution tail of reported speech (attribution.py) and, unless the method is WHOLE_SENTENCES, the asides a reader's summary would not repeat (compress.py)."""
    compress = method != WHOLE_SENTENCES
    if not compress:
        method = "keypoints"
    document = parse(text, support)
    stemmer = stemmer_for(support)
    stop_words = stop_words_for(support)
    parses = None
    if method == "keypoints" and support.code in PARSED_LANGUAGES:
        parses = ParseCache(cased=_cased(document.sentences))
    value: WordValue | None = None
    if method == "keypoints":
        summarizer = KeyPointSummarizer(stemmer, stop_words, params, default_model())
        result = summarizer.points(document, count, title, parses.reject if parses else None)
        chosen: Sequence[Sentence] = result.sentences
        value = result.value if compress else None
    elif method == "lead":
        chosen = [s for s in document.sentences if not s.is_heading][:count]
    elif method in SUMY_METHODS:
        summarizer = SUMY_METHODS[method](stemmer or null_stemmer)
        summarizer.stop_words = stop_words
        chosen = summarizer(document, count)
    else:
        raise ValueError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
    points = [trim_point(t) for t in with_opening_marks(chosen, document)]
    if parses is None:
        return points
    points = parses.without_attribution(points)
    return parses.compressed(points, value) if value is not None else points


def _cased(sentences: Sequence[Sentence]) -> bool:
    """Do most of the text's sentences that open with a letter open with a capital?"""
    firsts = [text[0] for text in map(str, sentences) if text[:1].isalpha()]
    return 2 * sum(c.isupper() for c in firsts) > len(firsts)
