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
    """The `count` key points of `text`, in article order, each a whole (possibly trimmed) sentence; with our
    summarizer, an English sentence the parse finds broken is never one (broken.py), and an English point loses
    the attribution tail of reported speech (attribution.py)."""
    document = parse(text, support)
    stemmer = stemmer_for(support)
    stop_words = stop_words_for(support)
    parses = ParseCache() if method == "keypoints" and support.code in PARSED_LANGUAGES else None
    if method == "keypoints":
        summarizer = KeyPointSummarizer(stemmer, stop_words, params, default_model())
        chosen: Sequence[Sentence] = summarizer(document, count, title, parses.reject if parses else None)
    elif method == "lead":
        chosen = [s for s in document.sentences if not s.is_heading][:count]
    elif method in SUMY_METHODS:
        summarizer = SUMY_METHODS[method](stemmer or null_stemmer)
        summarizer.stop_words = stop_words
        chosen = summarizer(document, count)
    else:
        raise ValueError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
    points = [trim_point(t) for t in with_opening_marks(chosen, document)]
    return parses.without_attribution(points) if parses is not None else points
