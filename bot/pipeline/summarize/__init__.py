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

The package is laid out like sumy: the summarizer in a module of its own over a shared document model, and
each step beside it in a module named for its job.

    sentences.py   SentenceTokenizer: punkt; false ends rejoined (boundaries.py), glued captions cut (glued.py)
    documents.py   parse (sumy's document model), the stemmer and stop words of a language
    quotes.py      quotation tracking: unattributed quotation, a chosen point's opening mark
    candidates.py  which sentences the ranker scores, and which may be points
    points.py      a point as shown (trim_point)
    parsing.py     the dependency parse of the chosen English sentences; broken.py reads it: a broken sentence
                   (machine-translation debris, no finite verb) is never a point; attribution.py drops a point's
                   "…, police said" tail; cuts.py finds the asides a point reads as well without, and
                   compress.py makes the cuts that raise the points' expected F1 under the word model
    features.py    the ranker's feature names and surface cues; analysis.py the steps that compute them
    params.py      the hand-made score's weights (KeyPointParams); vectors.py small numpy helpers
    wordmodel.py   set selection by expected ROUGE-1 F1
    ranker.py      the trained ranker (LinearModel) and its weights file
    summarizer.py  KeyPointSummarizer
    methods.py     key_points: the plug-in slot for summarizers (ours, the lead, sumy's)
"""

from __future__ import annotations

from bot.pipeline.summarize.candidates import MAX_CANDIDATES, candidates
from bot.pipeline.summarize.documents import (
    MAX_PARSE_CHARS,
    parse,
    stemmer_for,
    stop_words_for,
    tokenizer_for,
)
from bot.pipeline.summarize.features import (
    FEATURES,
    ORDER_FEATURES,
    POSITION_FEATURES,
    STYLE_FEATURES,
    Analysis,
    story_start,
)
from bot.pipeline.summarize.methods import METHODS, SUMY_METHODS, WHOLE_SENTENCES, key_points
from bot.pipeline.summarize.params import KeyPointParams
from bot.pipeline.summarize.points import MAX_POINT_CHARS, trim_point
from bot.pipeline.summarize.ranker import MODEL_FILE, LinearModel, default_model
from bot.pipeline.summarize.sentences import SentenceTokenizer
from bot.pipeline.summarize.summarizer import KeyPointSummarizer
from bot.pipeline.summarize.wordmodel import (
    WORD_FEATURES,
    WORD_POSITION_FEATURES,
    WordInputs,
    WordModel,
    WordTable,
    expected_overlap,
    point_tokens,
    word_table,
)

__all__ = [
    "FEATURES",
    "MAX_CANDIDATES",
    "MAX_PARSE_CHARS",
    "MAX_POINT_CHARS",
    "METHODS",
    "MODEL_FILE",
    "ORDER_FEATURES",
    "POSITION_FEATURES",
    "STYLE_FEATURES",
    "SUMY_METHODS",
    "WHOLE_SENTENCES",
    "WORD_FEATURES",
    "WORD_POSITION_FEATURES",
    "Analysis",
    "KeyPointParams",
    "KeyPointSummarizer",
    "LinearModel",
    "SentenceTokenizer",
    "WordInputs",
    "WordModel",
    "WordTable",
    "candidates",
    "default_model",
    "expected_overlap",
    "key_points",
    "parse",
    "point_tokens",
    "stemmer_for",
    "stop_words_for",
    "story_start",
    "tokenizer_for",
    "trim_point",
    "word_table",
]
