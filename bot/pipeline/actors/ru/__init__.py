"""Named actors for Russian text.

natasha's news models (slovnet NER, morphology and syntax over navec embeddings, all inside its wheels: nothing is
downloaded) find the people, organizations and places. A person's name is put in the nominative word by word with
pymorphy2's dictionaries, reading the whole name in one gender and one case ("Олесей Куприной" → "Олеся Куприна",
"Дениса Мантурова" → "Денис Мантуров"), so its case forms are one actor; a surname alone, a first name alone and
initials with a surname ("Песков Д.С.") join the full name they belong to. Latin-script names the Russian NER calls
organizations ("Глава Nvidia Jensen Huang") are checked with the English NER model the bot already loads. A role is
the animate noun the syntax attaches to a name as an apposition ("президент России Владимир Путин", "Дмитрий Песков,
пресс-секретарь Кремля"). Ranking follows the English path: mentions, the title, the key points, how early.
"""

from __future__ import annotations

import re
import warnings
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from typing import Any

from bot.model import Actor, ActorKind
from bot.pipeline.actors.common import MAX_ACTORS, MAX_ALSO_NAMED, MAX_PLACES, ActorReport, bounded_prefix

_KIND: dict[str, ActorKind] = {"PER": "person", "ORG": "organization", "LOC": "place"}
_MAX_ROLE_WORDS = 7
# Kinship says how two people are related, not who a person is in the story: no role ("его брат Игорь Смирнов").
_KIN = frozenset(
    [
        "брат",
        "сестра",
        "отец",
        "мать",
        "сын",
        "дочь",
        "муж",
        "жена",
        "супруг",
        "супруга",
        "вдова",
        "вдовец",
        "внук",
        "внучка",
        "дед",
        "бабушка",
        "дядя",
        "тётя",
        "тетя",
        "племянник",
        "племянница",
        "зять",
        "невестка",
        "свекровь",
        "тёща",
        "теща",
        "отчим",
        "мачеха",
        "сожитель",
        "сожительница",
        "родственник",
        "родственница",
    ]
)
# A role ends where the apposition's own clause starts (a relative clause, a verb, a quote).
_ROLE_RELATIONS = frozenset({"nmod", "amod", "flat", "flat:foreign", "flat:name", "compound", "nummod"})
# Short forms written for a country ("РФ") or its capital standing for its government are left as the text has
# them; these are the few spellings of one country the text may alternate between.
_SAME_PLACE = {"рф": "Россия", "беларусь": "Белоруссия", "республика беларусь": "Белоруссия"}
_WORD = re.compile(r"[^\W\d_]")
# Case endings, to tell that a one-word name morphology could not normalize ("Верхнеозёрска") is another's form.
_ENDING = re.compile(
    r"(?<=\w{3})(?:ами|ями|ого|его|ому|ему|ой|ей|ом|ем|ам|ям|ах|ях|ию|ия|ии|ью|а|я|у|ю|е|ы|и|о)$"
)
_LEGAL_FORM = re.compile(r"^(?:ПАО|ОАО|ЗАО|АО|ООО|НАО|ГК|АНО|ФГУП|ГУП|МУП)\s+")
_NAME_WORD = re.compile(r"[^\W\d_][\w-]*")
_QUOTES = frozenset('«»„“”"')
# "Д.С.", "Д." and "В. В." written around a surname: a person's initials.
_INITIALS = re.compile(r"^(?:[А-ЯЁA-Z]\.)+$")
# Initials after a surname the NER found alone ("Путин В.В."): they are part of that name.
_TRAILING_INITIALS = re.compile(r"[ \t]+((?:[А-ЯЁ]\.[ \t]?){1,2})(?![\w.])")
# Words that open a surname ("Марин Ле Пен", "Урсула фон дер Ляйен"): "Ле Пен" alone is a surname, not a full name.
_PARTICLES = frozenset(
    {"ле", "ла", "де", "ди", "да", "дю", "дель", "дер", "фон", "ван", "аль", "эль", "ибн", "бен"}
    | {"le", "la", "de", "di", "da", "du", "del", "der", "von", "van", "al", "el", "ibn", "ben"}
)
# A patronymic after a first name ("Владимир Владимирович") is no surname.
_PATRONYMIC = re.compile(r"(?:ович|евич|ьич|ична|овна|евна|инична)$")
_CYRILLIC_WORD = re.compile(r"^[а-яё]+(?:-[а-яё]+)*$", re.IGNORECASE)
_LATIN_NAME = re.compile(r"^[A-Z][\w'’.&-]*(?:\s+[A-Za-z][\w'’.&-]*)+$", re.ASCII)
# The English NER reads a bare name differently in different sentences; a name it calls a person in two of these
# three is one ("Sam Altman", "Pavel Durov"), one it calls an organization ("Goldman Sachs") is not.
_LATIN_FRAMES = ("{}", "{} said.", "According to {}, it rained.")
# Kinds of body a Latin-script name is called by ("бренд Hugo Boss"): it is no person, whatever its words.
_BODIES = frozenset(
    {
        "компания",
        "бренд",
        "марка",
        "клуб",
        "команда",
        "банк",
        "фонд",
        "концерн",
        "холдинг",
        "корпорация",
        "мода",
    }
    | {"стартап", "фирма", "издание", "газета", "журнал", "агентство", "сеть", "лейбл", "студия", "группа"}
)
_INDECLINABLE = 0.3  # the weight of a word before a foreign name's last read as an indeclinable nominative
_GUESS = 0.5  # the weight of a reading of a word pymorphy2 does not know, as itself or as a masculine noun
_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
_UD_CASE = {"Nom": "nomn", "Gen": "gent", "Dat": "datv", "Acc": "accs", "Ins": "ablt", "Loc": "loct"}
_OC_CASE = {"gen1": "gent", "gen2": "gent", "loc2": "loct", "acc2": "accs", "voct": "nomn"}
# A masculine name the dictionaries do not know declines like a noun on a consonant: "Ына" → "Ын".
_MASC_ENDINGS = {
    "gent": ("а", "я"),
    "accs": ("а", "я"),
    "datv": ("у", "ю"),
    "ablt": ("ом", "ем", "ём"),
    "loct": ("е",),
}
# Acting in an office, written before the office: the role keeps it ("врио губернатора", "и. о. мэра").
_ACTING = re.compile(
    r"(?<![\w.])(врио|и\.\s?о\.|(временно\s+)?исполняющ\w*\s+обязанности)\s*$", re.IGNORECASE
)
_ACTING_HEAD = re.compile(r"(врио|и\.\s?о\.)", re.IGNORECASE)
# The tokenizer cuts "и. о." into four tokens the parser cannot read: natasha reads the one word it stands for,
# "врио", written in the same number of characters so that every offset is still the text's.
_ACTING_ABBREVIATION = re.compile(r"(?<![\w.])[иИ]\.\s?[оО]\.")


@dataclass(frozen=True)
class _Models:
    segmenter: Any
    ner: Any
    morph: Any
    syntax: Any
    vocab: Any


@cache
def load_models() -> _Models:
    """natasha's models, loaded once per process (about a second)."""
    with warnings.catch_warnings():
        # pymorphy2 finds its dictionaries with pkg_resources, which setuptools flags as deprecated.
        warnings.simplefilter("ignore")
        from natasha import (
            MorphVocab,
            NewsEmbedding,
            NewsMorphTagger,
            NewsNERTagger,
            NewsSyntaxParser,
            Segmenter,
        )

        embedding = NewsEmbedding()
        return _Models(
            segmenter=Segmenter(),
            ner=NewsNERTagger(embedding),
            morph=NewsMorphTagger(embedding),
            syntax=NewsSyntaxParser(embedding),
            vocab=MorphVocab(),
        )


@dataclass
class _Cluster:
    name: str
    kind: ActorKind
    first: int
    mentions: int = 0
    forms: Counter[str] = field(default_factory=Counter)
    roles: list[str] = field(default_factory=list)
    in_title: bool = False
    acting: bool = False


def _analyse(text: str) -> Any:
    from natasha import Doc
    from natasha.doc import DocSent

    models = load_models()
    doc = Doc(_ACTING_ABBREVIATION.sub(lambda m: (m.group()[0] + "рио").lower().ljust(len(m.group())), text))
    doc.segment(models.segmenter)
    # A sentence ends at a line break: razdel runs a headline without a full stop into the story's first sentence,
    # and the parser then reads the two as one.
    doc.sents = [
        DocSent(sent.start + a, sent.start + b, sent.text[a:b])
        for sent in doc.sents
        for a, b in _lines(sent.text)
    ]
    doc.envelop_sent_tokens()
    doc.tag_ner(models.ner)
    # So does a name ("Аткинса\n\nДиета Аткинса" is two); a span across a line would fit no sentence.
    doc.spans = [piece for span in doc.spans for piece in _cut_at_lines(span, text)]
    doc.envelop_sent_spans()
    doc.tag_morph(models.morph)
    doc.parse_syntax(models.syntax)
    return doc  # names are normalized piece by piece (find_mentions_ru), people by _person_name


def _lines(text: str) -> list[tuple[int, int]]:
    """Where the lines of `text` that hold a word begin and end."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


def _cut_at_lines(span: Any, text: str) -> list[Any]:
    """The span, or its pieces on each line."""
    if "\n" not in span.text:
        return [span]
    groups: list[list[Any]] = [[]]
    for t in span.tokens:
        if groups[-1] and "\n" in text[groups[-1][-1].stop : t.start]:
            groups.append([])
        groups[-1].append(t)
    return [_piece(span.type, group, text) for group in groups if group]


def _normal(span: Any) -> str:
    name = " ".join((span.normal or span.text).split())
    # Normalization lower-cases a word it cannot place; names keep the case the text gave them.
    if name.lower() == span.text.lower():
        name = span.text
    written = span.text.split()
    if len(written) == len(name.split()):
        name = " ".join(
            n.upper()
            if len(w := _letters(raw)) > 1 and w[:2].isupper()
            else n[:1].upper() + n[1:]
            if w[:1].isupper()
            else n
            for n, raw in zip(name.split(), written, strict=True)
        )
    # and it spells ё as е: give the name back the ё the text wrote (inflection only changes a word's end).
    name = "".join(
        ("Ё" if ch == "Е" else "ё") if i < len(span.text) and span.text[i] in "ёЁ" and ch in "еЕ" else ch
        for i, ch in enumerate(name)
    )
    if span.type == "ORG":
        # "ПАО «Газпром»" is "Газпром": the legal form and its quotes are not the name a reader uses.
        name = _LEGAL_FORM.sub("", name).strip()
        if len(name) > 2 and name[0] in _QUOTES and name[-1] in _QUOTES:
            name = name[1:-1].strip()
    return _SAME_PLACE.get(name.lower(), name) if span.type == "LOC" else name


def _letters(word: str) -> str:
    return "".join(ch for ch in word if ch.isalpha())


def _stem(word: str) -> str:
    return _ENDING.sub("", word.lower().replace("ё", "е"))


def _key(name: str) -> str:
    """A name as merging compares it: "Ковалёв" and "Ковалев" are one spelling."""
    return name.lower().replace("ё", "е")


@dataclass(frozen=True)
class _Reading:
    """One way to read a word of a name: its gender and case, and its nominative."""

    gender: str  # "masc", "femn", or "" when it is either (ms-f, an indeclinable woman's surname)
    case: str
    nominative: str  # lower case, ё as е
    weight: float
    given: bool  # read as a first name

    def fits(self, gender: str, case: str) -> bool:
        return self.case == case and self.gender in ("", gender)


@lru_cache(maxsize=8192)
def _readings(word: str) -> tuple[_Reading, ...]:
    """pymorphy2's singular noun readings of a lower-case word: as a name weighs most, then as another animate
    noun, then any noun. A word it does not know may also read as itself, and, if it has no other reading, as a
    masculine noun on a consonant ("ына" → "ын")."""
    from pymorphy2.analyzer import Parse

    vocab = load_models().vocab
    plain = word.replace("ё", "е")
    out = []
    for p in vocab.parse(word):
        tag = p.tag
        case = _OC_CASE.get(str(tag.case), str(tag.case))
        if tag.POS != "NOUN" or tag.number != "sing" or case not in _CASES:
            continue
        if tag.gender == "neut" and "Fixd" not in tag:
            continue  # no name is neuter, but an indeclinable word ("Си") is any gender
        nominative = p.word
        if case != "nomn":
            form = Parse.inflect(p, {"nomn"})
            nominative = form.word if form is not None else p.word
        nominative = nominative.replace("ё", "е")
        if not p.is_known and not plain.startswith(nominative.rstrip("аяйь")):
            # A guessed paradigm may drop a vowel a foreign name never drops: "Шольцем" is Шольц, not "Шолец".
            nominative = _strip_masculine(plain, case) or nominative
        name_like = bool({"Name", "Surn", "Patr"} & tag.grammemes)
        weight = (1.0 if name_like else 0.6 if tag.animacy == "anim" else 0.3) + p.score
        gender = str(tag.gender) if tag.gender in ("masc", "femn") else ""
        out.append(_Reading(gender, case, nominative, weight, "Name" in tag.grammemes))
    if not out:
        for case in _MASC_ENDINGS:
            if stem := _strip_masculine(plain, case):
                out.append(_Reading("masc", case, stem, _GUESS, False))
    if not vocab.word_is_known(word):
        # pymorphy2 only guesses at a word it does not know ("Вэньцзе" as a locative): it may be a nominative.
        out.append(_Reading("", "nomn", plain, _GUESS, False))
    return tuple(out)


def _reads_as_itself(readings: Iterable[_Reading]) -> bool:
    return any(r.case == "nomn" for r in readings)


def _strip_masculine(word: str, case: str) -> str | None:
    """`word` without the ending of `case` of a masculine noun on a consonant, or None if it has no such ending."""
    for ending in _MASC_ENDINGS.get(case, ()):
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) > 1 and stem[-1] not in "аеёиоуыэюяйь":
            return stem
    return None


def _given_forms(word: str) -> set[str]:
    """The first names a one-word name may be a form of ("Олесю" → олеся, and олесь)."""
    key = _key(word)
    return {key} | {r.nominative for r in _readings(key) if r.given}


def _person_name(piece: Any, tokens: dict[str, Any]) -> tuple[str, bool]:
    """The name in the nominative, and whether a word of it stayed in an oblique case it could not be read out of.

    The words of a name share one gender and one case, so they are read together: in the gender and case most of
    them can be read in, the case the sentence gives the name breaking ties. natasha's normalization reads each word
    in the tagger's gender, which is often wrong for names: "Олесю Куприну" stayed as written and "Евгения
    Левченко" (a subject) became "Евгений".
    """
    written = piece.text.split()
    # Initials after the surname go before it, as the digest writes them: "Песков Д.С." → "Д.С. Песков".
    cut = len(written)
    while cut > 1 and _INITIALS.match(written[cut - 1]):
        cut -= 1
    written = written[cut:] + written[:cut]
    readings = {w: _readings(w.lower().replace("ё", "е")) for w in written if _CYRILLIC_WORD.match(w)}
    case, gender = _sentence_case(piece, tokens)

    def score(gc: tuple[str, str]) -> tuple[float, bool]:
        total, whole = 0.0, True
        for i, rs in enumerate(readings.values()):
            fit = max((r.weight for r in rs if r.fits(*gc)), default=None)
            # In a foreign name only the last word declines ("с Ким Чен Ыном"): a word before it that may be an
            # indeclinable nominative fits any case, a little.
            if fit is None and i < len(readings) - 1 and _reads_as_itself(rs):
                fit = _INDECLINABLE
            total += fit or 0.0
            whole &= fit is not None
        # A reading that fits every word wins over one the tagger's case or gender favours: the tagger reads a list
        # line "Евгения Левицкая" as a man's genitive.
        return total + 1.0 * whole + 1.5 * (gc[1] == case) + 0.3 * (gc[0] == gender), gc[1] == "nomn"

    best = max(((g, c) for g in ("masc", "femn") for c in _CASES), key=score)
    out = []
    unsure = False
    for w in written:
        fit = max((r for r in readings.get(w, ()) if r.fits(*best)), key=lambda r: r.weight, default=None)
        if fit is None:
            unsure |= w in readings and best[1] != "nomn"
            out.append(w)
        else:
            out.append(_shape(fit.nominative, w))
    return " ".join(out), unsure


def _sentence_case(piece: Any, tokens: dict[str, Any]) -> tuple[str | None, str | None]:
    """The case and gender the tagger gives a name; one of a list of subjects is in the nominative whatever the
    tagger read ("Андрей Рудаков, Олеся Куприна и Евгения Левченко ведут блоги")."""
    ids = {t.id for t in piece.tokens}
    root = next((t for t in piece.tokens if t.head_id not in ids and _WORD.search(t.text)), None)
    if root is None:
        return None, None
    if all(t.id in ids for t in tokens.values() if _WORD.search(t.text)):
        return "nomn", None  # a name on a line of its own (a list, a caption) is in the nominative
    gender = {"Masc": "masc", "Fem": "femn"}.get(root.feats.get("Gender", ""))
    # One of a list takes the case of the list's first name, which the tagger reads more surely.
    node, seen = root, set()
    while node.rel == "conj" and node.head_id in tokens and node.id not in seen:
        seen.add(node.id)
        node = tokens[node.head_id]
    if node is not root and node.rel.startswith("nsubj"):
        return "nomn", gender
    return _UD_CASE.get(node.feats.get("Case", "")), gender


def _shape(word: str, written: str) -> str:
    """The lower-case nominative `word` with the capitals and the ё of the word as written."""
    word = "".join(
        "ё" if ch == "е" and i < len(written) and written[i] in "ёЁ" else ch for i, ch in enumerate(word)
    )
    if len(_letters(written)) > 1 and written.isupper():
        return word.upper()
    if not written[:1].isupper():
        return word
    return "-".join(part[:1].upper() + part[1:] for part in word.split("-"))


def _common_noun(word: str) -> bool:
    """A word the dictionary knows only as an inanimate common noun ("Диета" of "Диета Аткинса")."""
    vocab = load_models().vocab
    key = word.lower()
    if not _CYRILLIC_WORD.match(key) or not vocab.word_is_known(key):
        return False
    parses = vocab.parse(key)
    return len(key) > 3 and all(
        p.tag.POS == "NOUN"
        and p.tag.animacy == "inan"
        and not {"Name", "Surn", "Patr", "Geox", "Fixd"} & p.tag.grammemes
        for p in parses
    )


def _role(doc_tokens: dict[str, Any], span: Any, text: str) -> str | None:
    """The animate common noun a name stands in apposition to, with the words that depend on it, in the
    nominative ("с главой МИД Турции Мевлютом Чавушоглу" → "Глава МИД Турции")."""
    from natasha.norm import syntax_normalize

    ids = {t.id for t in span.tokens}
    vocab = load_models().vocab
    heads = [doc_tokens.get(t.head_id) for t in span.tokens if t.rel == "appos"]
    children = [
        t
        for t in doc_tokens.values()
        if t.head_id in ids
        and (t.rel == "appos" or (t.rel == "acl" and _key(t.text).startswith("исполняющ")))
    ]
    # A name may share its noun with a second apposition: "его брат Игорь Смирнов, владелец компании".
    head_ids = {t.id for t in heads if t is not None}
    siblings = [t for t in doc_tokens.values() if t.rel == "appos" and t.head_id in head_ids]
    candidates = [
        _acting_office(doc_tokens, t)
        for t in (*heads, *children, *siblings)
        if t is not None and t.id not in ids
    ]
    noun = next(
        (
            t
            for t in candidates
            if (_is_role_noun(t, vocab) and t.lemma not in _KIN) or _key(t.text) == "врио"
        ),
        None,
    )
    if noun is None:
        return None
    # "пресс-секретарь президента Д.С. Песков": the parser may hang the name on the last noun of the role.
    while noun.rel == "nmod" and (head := doc_tokens.get(noun.head_id)) is not None and head.id not in ids:
        if not (
            (_is_role_noun(head, vocab) or _key(head.text) == "врио") and _adjacent(doc_tokens, head, noun)
        ):
            break
        noun = head
    words = _subtree(doc_tokens, noun, exclude=ids)
    if sum(1 for t in words if _WORD.search(t.text)) > _MAX_ROLE_WORDS:
        return None
    if (acting := _ACTING_HEAD.match(text, words[0].start)) and len(words) > 1:
        # "врио"/"и. о." heads the role: the office after it stays in the genitive it governs, as written.
        role = _acting_words(acting) + " " + _balance_quotes(text[words[1].start : words[-1].stop])
    elif acting := _ACTING.search(text, max(0, words[0].start - 60), words[0].start):
        # "врио", "и. о.", "исполняющего обязанности" before the office, which the parser leaves out of it: the
        # office stays in the genitive they govern ("Исполняющий обязанности министра").
        role = _acting_words(acting) + " " + _balance_quotes(text[words[0].start : words[-1].stop])
    else:
        role = _balance_quotes(syntax_normalize(vocab, words))
    if noun.feats.get("Case") != "Nom" and role.lower().startswith(noun.text.lower()):
        # pymorphy2 found no form with the tagger's gender ("главой": a feminine noun for a man): the lemma will do.
        role = (noun.lemma or noun.text) + role[len(noun.text) :]
    return role[:1].upper() + role[1:]


def _acting_office(doc_tokens: dict[str, Any], token: Any) -> Any:
    """The office under "исполняющий обязанности" (what a name in apposition to the participle holds), else the
    token itself."""
    if not token.text.lower().startswith("исполняющ"):
        return token
    duties = [t for t in doc_tokens.values() if t.head_id == token.id and t.text.lower() == "обязанности"]
    office = [t for t in doc_tokens.values() if duties and t.head_id == duties[0].id and t.pos == "NOUN"]
    return office[0] if office else token


def _acting_words(match: re.Match[str]) -> str:
    """The acting prefix in the nominative: "исполняющего обязанности" → "исполняющий обязанности"."""
    words = match.group(1).lower()
    if words.startswith("и"):
        return "и. о." if "." in words else "исполняющий обязанности"
    if words.startswith("временно"):
        return "временно исполняющий обязанности"
    return words


def _is_role_noun(token: Any, vocab: Any) -> bool:
    """An animate common noun; the tagger calls a capitalized one opening the sentence a proper noun."""
    first = token.id.endswith("_1")
    if not (token.pos == "NOUN" or (token.pos == "PROPN" and first)) or token.feats.get("Animacy") != "Anim":
        return False
    if token.pos == "PROPN" and _common_noun(token.text):
        return False  # the tagger's animacy for a capitalized word is a guess: "Диета Аткинса" has no role
    token.lemmatize(vocab)
    return True


def _subtree(doc_tokens: dict[str, Any], root: Any, exclude: set[str]) -> list[Any]:
    """The root and its role-like dependents, as one contiguous run of the sentence."""
    children: dict[str, list[Any]] = {}
    for t in doc_tokens.values():
        children.setdefault(t.head_id, []).append(t)
    keep = [root]
    stack = [root]
    while stack:
        node = stack.pop()
        for child in children.get(node.id, []):
            if child.id in exclude:
                continue
            quote = child.rel == "punct" and child.text in _QUOTES
            # Below the root an apposition names a thing ("банка «Открытие»") and a preposition belongs to the role
            # ("заммэра по транспорту"); at the root they are the person and the sentence's own preposition.
            nested = child.rel in ("appos", "case") and node is not root
            # A pronoun points outside the role ("её основатель"): the digest shows the role alone.
            word = (
                child.rel in _ROLE_RELATIONS and child.pos not in ("PRON", "DET") and _WORD.search(child.text)
            )
            if quote or nested or word:
                keep.append(child)
                stack.append(child)
    keep.sort(key=lambda t: t.start)
    # Only the run around the root, so a role never spans the name or a clause between.
    lo = hi = keep.index(root)
    while lo > 0 and _adjacent(doc_tokens, keep[lo - 1], keep[lo]):
        lo -= 1
    while hi + 1 < len(keep) and _adjacent(doc_tokens, keep[hi], keep[hi + 1]):
        hi += 1
    return keep[lo : hi + 1]


def _adjacent(doc_tokens: dict[str, Any], left: Any, right: Any) -> bool:
    """No other token of the sentence lies between the two."""
    return not any(left.stop <= t.start < right.start for t in doc_tokens.values())


def _balance_quotes(role: str) -> str:
    """Drop a quote mark the cut left without its partner."""
    role = role.strip(" ,")
    for open_, close in (("«", "»"), ("„", "“"), ('"', '"')):
        if open_ == close:
            if role.count(open_) % 2:
                role = role.replace(open_, "")
        elif role.count(open_) != role.count(close):
            role = role.replace(open_, "").replace(close, "")
    return " ".join(role.split())


def analyse_actors_ru(
    text: str,
    *,
    title: str | None = None,
    key_points: Iterable[str] = (),
    limit: int = MAX_ACTORS,
    max_places: int = MAX_PLACES,
    max_also_named: int = MAX_ALSO_NAMED,
) -> ActorReport:
    """The story's actors, most salient first, and the people/organizations named past the limit."""
    analysed = bounded_prefix(text)  # cut at a paragraph break, not inside a name
    if not _WORD.search(analysed):
        return ActorReport([], [])
    # A Russian headline is written in sentence case, so its names are found as reliably as the body's; it comes
    # first, so the body's "Собянин" finds the "Сергей Собянин" the headline named.
    headline = [replace(m, start=0, in_title=True) for m in find_mentions_ru(title)] if title else []
    clusters = _merge([*headline, *find_mentions_ru(analysed)])
    # The headline's tagger may miss a bare surname opening it ("Захарова ответила…"): its words count too.
    headline_words = {w.lower() for w in _NAME_WORD.findall(title or "")}
    for c in clusters:
        surname = c.name.split()[-1].lower()
        if c.kind == "person" and any(w == surname or _inflects(w, surname) for w in headline_words):
            c.in_title = True
    return _rank(clusters, analysed, key_points, limit, max_places, max_also_named)


@dataclass(frozen=True)
class MentionRu:
    name: str  # nominative
    kind: ActorKind
    start: int
    text: str  # as written
    role: str | None
    in_title: bool = False
    acting: bool = False  # the subject of a verb
    unsure: bool = False  # morphology left an oblique case form as it was ("Эльвирой Набиуллина")


def find_mentions_ru(text: str) -> list[MentionRu]:
    """Every name natasha finds that can be an actor, in the nominative, with the role the sentence gives it."""
    vocab = load_models().vocab
    found: list[tuple[Any, dict[str, Any]]] = []
    for sent in _analyse(text).sents:
        tokens = {t.id: t for t in sent.tokens}
        found.extend(
            (piece, tokens)
            for span in sent.spans
            if span.type in _KIND
            for piece in _pieces(span, tokens, text)
        )
    mentions = []
    for span, tokens in _split_latin(found, text):
        kind = _KIND[span.type]
        if kind == "person":
            span = _with_initials(span, text)
            name, unsure = _person_name(span, tokens)
        else:
            span.normalize(vocab)
            name = _normal(span)
            unsure = False
        if len(name) < 2 or not _WORD.search(name):
            continue
        if kind == "place" and text[max(0, span.start - 1) : span.start] in _QUOTES:
            continue  # a quoted name is a station, a ship, a brand: «Арбатская», not a place that acts
        if all(t.pos == "ADJ" for t in span.tokens):
            continue  # an adjective naming a common noun outside the span: "Филевской линии"
        if kind == "person" and not re.search(r"[^\W\d_]{2}", name):
            continue  # initials alone ("В.В.") name nobody the reader can tell
        if kind == "person" and all(t.feats.get("Number") == "Plur" for t in span.tokens):
            continue  # "братья Смирновы", "супругам Петровым": a family, not one person
        role = _role(tokens, span, text) if kind == "person" else None
        acting = any(t.rel.startswith("nsubj") for t in span.tokens)
        mentions.append(MentionRu(name, kind, span.start, span.text, role, acting=acting, unsure=unsure))
    return mentions


def _piece(type_: str, tokens: Sequence[Any], text: str, stop: int | None = None) -> Any:
    """A span of these tokens, as natasha builds one (its text may run on to `stop`)."""
    from natasha.doc import DocSpan

    start, stop = tokens[0].start, stop or tokens[-1].stop
    return DocSpan(start, stop, type_, text[start:stop], tokens=list(tokens))


def _pieces(span: Any, tokens: dict[str, Any], text: str) -> list[Any]:
    """The name a span holds: a person's name does not open with a common noun the NER took in ("Диета Аткинса"
    is Atkins' diet), and a common noun alone, capitalized as a sentence's first word, is none ("Предпочтению")."""
    words = span.tokens
    if span.type == "PER":
        while len(words) > 1 and _common_noun(words[0].text):
            words = words[1:]
        first = not any(_WORD.search(t.text) and t.start < words[0].start for t in tokens.values())
        if len(words) == 1 and first and _common_noun(words[0].text):
            return []
    return [span if words == span.tokens else _piece(span.type, words, text)]


def _with_initials(span: Any, text: str) -> Any:
    """A surname with the initials written after it, which the NER leaves out ("Путин В.В.")."""
    match = _TRAILING_INITIALS.match(text, span.stop)
    if match is None or len(span.text.split()) != 1:
        return span
    return _piece(span.type, span.tokens, text, stop=span.stop + len(match.group(0).rstrip()))


def _split_latin(found: list[tuple[Any, dict[str, Any]]], text: str) -> list[tuple[Any, dict[str, Any]]]:
    """Latin-script names the Russian NER got wrong, re-read with the English NER: an "organization" that is a
    person ("По словам Sam Altman"), or a company glued to its head ("Глава Nvidia Jensen Huang")."""
    # A person natasha found is kept unless a company may be glued to it (three words or more).
    latin = [
        i
        for i, (span, _) in enumerate(found)
        if _LATIN_NAME.match(span.text) and (span.type != "PER" or len(span.text.split()) > 2)
    ]
    if not latin:
        return found
    people = dict(zip(latin, _latin_people([found[i][0].text for i in latin]), strict=True))
    out = []
    for i, (span, tokens) in enumerate(found):
        person = people.get(i)
        if person is None or (person == (0, len(span.text)) and _called_organization(span, tokens)):
            out.append((span, tokens))
            continue
        a, b = span.start + person[0], span.start + person[1]
        rest = "ORG" if span.type == "PER" else span.type
        for group, type_ in (
            ([t for t in span.tokens if t.stop <= a], rest),
            ([t for t in span.tokens if a <= t.start and t.stop <= b], "PER"),
            ([t for t in span.tokens if t.start >= b], rest),
        ):
            if any(_WORD.search(t.text) for t in group):
                out.append((_piece(type_, group, text), tokens))
    return out


def _called_organization(span: Any, tokens: dict[str, Any]) -> bool:
    """The text says what kind of body the name is ("бренд Hugo Boss", "клуб Manchester United", "дом моды Tommy
    Hilfiger"): the English NER takes such names for people."""
    vocab = load_models().vocab
    before = sorted((t for t in tokens.values() if t.stop <= span.start), key=lambda t: t.start)[-2:]
    for t in before:
        if _WORD.search(t.text) and _key(vocab.parse(t.text.lower())[0].normal_form) in _BODIES:
            # "основатель стартапа Daniel Whitfield": the body belongs to a person's title, whose name this may be.
            head = tokens.get(t.head_id)
            return not (
                head is not None
                and head.pos == "NOUN"
                and head.feats.get("Animacy") == "Anim"
                and head.feats.get("Number") == "Sing"
            )
    return False


def _latin_people(names: Sequence[str]) -> list[tuple[int, int] | None]:
    """For each Latin-script name, where in it a person's name of two words or more is, by the English NER's vote
    over _LATIN_FRAMES ("Nvidia Jensen Huang" → "Jensen Huang"); None where it finds none."""
    from bot.pipeline.actors.ner import (
        load_ner,  # the bot's workers preload it; loaded here only for a Latin name
    )

    try:
        nlp = load_ner()
    except RuntimeError:  # no English model installed: natasha's reading stands
        return [None] * len(names)
    words = [[(m.start(), m.end()) for m in re.finditer(r"\S+", name)] for name in names]
    votes: list[list[Counter[str]]] = [[Counter() for _ in ws] for ws in words]
    jobs = [(i, frame) for i in range(len(names)) for frame in _LATIN_FRAMES]
    # The entity recognizer alone (it has its own token vectors): the tagger's work is not needed here.
    docs = nlp.get_pipe("ner").pipe(nlp.make_doc(frame.format(names[i])) for i, frame in jobs)
    for (i, frame), doc in zip(jobs, docs, strict=True):
        offset = frame.index("{}")
        for ent in doc.ents:
            for w, (a, b) in enumerate(words[i]):
                if ent.start_char <= a + offset and b + offset <= ent.end_char:
                    votes[i][w][ent.label_] += 1
    out: list[tuple[int, int] | None] = []
    for ws, vs in zip(words, votes, strict=True):
        run = [w for w, v in enumerate(vs) if v["PERSON"] >= 2]
        run = run[: next((k for k in range(1, len(run)) if run[k] != run[k - 1] + 1), len(run))]
        # "Pavel Durov" said: the surname alone is a person; a first name no frame calls anything else joins it.
        if len(run) == 1 and run[0] > 0 and set(vs[run[0] - 1]) == {"PERSON"}:
            run.insert(0, run[0] - 1)
        out.append((ws[run[0]][0], ws[run[-1]][1]) if len(run) > 1 else None)
    return out


def _merge(mentions: Sequence[MentionRu]) -> list[_Cluster]:
    """One cluster per name. A partial name joins the full name it belongs to: a surname alone ("Миллер", "Ле
    Пен") or with initials ("Д.С. Песков") the only full name with that surname (and those initials), or else the
    one the story named last before it ("Алексей Миллер … Миллер сообщил"); a first name alone ("у Олеси", "Си")
    the only full name opening with it. A first name two full names share is nobody the reader can tell: dropped.
    """
    clusters: dict[tuple[ActorKind, str], _Cluster] = {}
    last_full: dict[str, list[_Cluster]] = {}  # surname → full names with it, most recently named last
    mentions = _latin_surnames(_known_forms(mentions))
    names = {
        _key(m.name): m.name for m in reversed(mentions) if m.kind == "person"
    }  # the first spelling wins
    owners: dict[str, set[str]] = {}  # surname → the full names with it
    given: dict[
        str, set[str]
    ] = {}  # first name (and first name with patronymic) → the full names opening with it
    for full in filter(_is_full, names):
        words = full.split()
        owners.setdefault(words[-1], set()).add(full)
        given.setdefault(words[0], set()).add(full)
        if len(words) > 2 and _PATRONYMIC.search(words[1]):
            given.setdefault(" ".join(words[:2]), set()).add(full)
    for short in filter(_is_initialled, names):
        # Initials no full name fits ("Д.С. Песков" alone) are the name a bare surname joins.
        if not any(_initials_fit(short, o) for o in owners.get(short.split()[-1], ())):
            owners.setdefault(short.split()[-1], set()).add(short)
    for m in mentions:
        key = (m.kind, _key(m.name))
        if m.kind == "person":
            owner = _owner(key[1], owners, given, last_full)
            if owner == "":
                continue
            if owner is not None:
                key = ("person", owner)
        c = clusters.get(key)
        if c is None:
            name = names[key[1]] if m.kind == "person" else m.name
            c = clusters[key] = _Cluster(name=name, kind=m.kind, first=m.start)
        c.mentions += 1
        c.first = min(c.first, m.start)
        c.forms[m.text] += 1
        c.in_title |= m.in_title
        c.acting |= m.acting
        if m.role:
            c.roles.append(m.role)
        if m.kind == "person" and len(c.name.split()) > 1:
            queue = last_full.setdefault(_key(c.name.split()[-1]), [])
            if c in queue:
                queue.remove(c)
            queue.append(c)
    return _merge_inflected(list(clusters.values()))


def _owner(
    name: str, owners: dict[str, set[str]], given: dict[str, set[str]], last_full: dict[str, list[_Cluster]]
) -> str | None:
    """The full name (its key) a partial name belongs to; None when it is a name of its own, "" when it may be
    either of two people named by the same first name."""
    words = name.split()
    if _is_full(name):
        if len(words) == 2 and _PATRONYMIC.search(words[1]) and len(given.get(name, ())) == 1:
            return next(iter(given[name]))  # "Владимир Владимирович" of "Владимир Владимирович Путин"
        return None
    surname = words[-1]
    if len(words) == 1 and surname not in owners:
        # An oblique form the morphology did not know ("Набиуллину", "Мишустину"): the known surname it inflects.
        surname = next((o for o in owners if _inflects(surname, o)), surname)
    candidates = {
        o
        for o in owners.get(surname, ())
        if o != name and (not _is_initialled(name) or _initials_fit(name, o))
    }
    if not candidates and len(words) == 1:
        # A first name alone, in any case form ("Андрей рассказал", "у Олеси", "за Евгению"); or a surname written
        # first ("Си" of "Си Цзиньпин", "Ким" of "Ким Чен Ын").
        mates = set().union(*(given.get(form, set()) for form in _given_forms(name)))
        return next(iter(mates)) if len(mates) == 1 else "" if mates else None
    seen = [c for c in last_full.get(surname, []) if _key(c.name) in candidates]
    if seen:
        return _key(seen[-1].name)
    # Named by surname before the full name comes: it is still the one person of that surname.
    return next(iter(candidates)) if len(candidates) == 1 else None


def _is_initialled(name: str) -> bool:
    """Initials and a surname: "Д.С. Песков", "В. В. Путин"."""
    words = name.split()
    return len(words) > 1 and all(_INITIALS.match(w.upper()) for w in words[:-1])


def _is_full(name: str) -> bool:
    """A first name and a surname: not initials, and not a surname with its particles alone ("Ле Пен")."""
    words = name.split()
    return len(words) > 1 and not _is_initialled(name) and not all(_key(w) in _PARTICLES for w in words[:-1])


def _initials_fit(initialled: str, full: str) -> bool:
    """ "Д.С. Песков" may be "Дмитрий Сергеевич Песков" or "Дмитрий Песков", not "Сергей Песков"."""
    letters = [ch for w in initialled.split()[:-1] for ch in w.lower() if ch.isalpha()]
    first = full.split()[:-1]
    if not letters or _key(first[0])[:1] != _key(letters[0]):
        return False
    patronymic = len(first) > 1 and _PATRONYMIC.search(first[1])
    return not (patronymic and len(letters) > 1 and _key(first[1])[:1] != _key(letters[1]))


def _latin_surnames(mentions: list[MentionRu]) -> list[MentionRu]:
    """A Latin surname alone that the NER called an organization ("Whitfield добавил") is the one person named
    with it in full ("Daniel Whitfield")."""
    surnames = Counter(
        _key(m.name.split()[-1])
        for m in {m.name: m for m in mentions if m.kind == "person"}.values()
        if _is_full(m.name) and _LATIN_NAME.match(m.name)
    )
    return [
        replace(m, kind="person")
        if m.kind == "organization" and " " not in m.name and surnames[_key(m.name)] == 1
        else m
        for m in mentions
    ]


def _known_forms(mentions: Sequence[MentionRu]) -> list[MentionRu]:
    """A full name the morphology left in an oblique form ("Эльвирой Набиуллина") takes the one nominative name
    the story also writes with the same stems ("Эльвира Набиуллина")."""

    def stems(name: str) -> tuple[str, ...]:
        return tuple(_stem(w) for w in name.split())

    sure = {m.name for m in mentions if m.kind == "person" and not m.unsure and " " in m.name}
    out = []
    for m in mentions:
        if m.kind == "person" and m.unsure and " " in m.name:
            owners = [n for n in sure if stems(n) == stems(m.name)]
            if len(owners) == 1:
                m = replace(m, name=owners[0])
        out.append(m)
    return out


def _inflects(word: str, name: str) -> bool:
    """`word` is an oblique case of the one-word `name` in a way that cannot be another person's nominative:
    "мишустину" of "мишустин", "захаровой" of "захарова"; not "петрова" of "петров" (his wife, or his genitive)."""
    stem = _stem(name)
    if word == name or _stem(word) != stem or not word.startswith(stem):
        return False
    ending = word[len(stem) :]
    return ending in ("у", "ю", "ым", "им", "ом", "ем", "е") or (ending == "ой" and name.endswith("а"))


def _absorb(owner: _Cluster, c: _Cluster) -> None:
    owner.mentions += c.mentions
    owner.forms.update(c.forms)
    owner.roles.extend(c.roles)
    owner.first = min(owner.first, c.first)
    owner.in_title |= c.in_title
    owner.acting |= c.acting


def _merge_inflected(clusters: list[_Cluster]) -> list[_Cluster]:
    """A one-word place or organization the morphology left inflected joins the form it did normalize
    ("Верхнеозёрска" → "Верхнеозёрск")."""
    kept: list[_Cluster] = []
    by_stem: dict[tuple[ActorKind, str], _Cluster] = {}
    for c in sorted(clusters, key=lambda c: (-c.mentions, len(c.name))):
        if c.kind == "person" or " " in c.name:
            kept.append(c)
            continue
        owner = by_stem.get((c.kind, _stem(c.name)))
        if owner is None:
            by_stem[(c.kind, _stem(c.name))] = c
            kept.append(c)
            continue
        _absorb(owner, c)
    return sorted(kept, key=lambda c: c.first)


def _rank(
    clusters: Sequence[_Cluster],
    text: str,
    key_points: Iterable[str],
    limit: int,
    max_places: int,
    max_also_named: int,
) -> ActorReport:
    points = [p.rstrip("…").strip() for p in key_points]
    spans = [(i, i + len(p)) for p in points if p and (i := text.find(p[:60])) >= 0]
    length = max(1, len(text))
    scored = []
    for c in clusters:
        in_points = any(
            a <= m.start() < b
            for form in c.forms
            for m in re.finditer(re.escape(form), text)
            for a, b in spans
        )
        salience = (
            # A headline's place often only says where ("в Сочи"); its people are what the story is about.
            c.mentions
            + (1.0 if c.kind == "place" else 2.0) * c.in_title
            + 1.0 * in_points
            + 2.0 * (1 - c.first / length)
            + bool(c.roles)
        )
        scored.append((salience, c))
    scored.sort(key=lambda t: (-t[0], t[1].first))
    actors: list[Actor] = []
    also: list[_Cluster] = []
    shown = places = 0
    for _, c in scored:
        if c.kind == "place":
            if places >= max_places:
                continue
            places += 1
        elif shown >= limit or (c.mentions == 1 and not c.roles and not c.acting and shown >= 3):
            also.append(c)
            continue
        else:
            shown += 1
        role = Counter(c.roles).most_common(1)[0][0] if c.roles else None
        aliases = tuple(sorted({f for f in c.forms if f != c.name}, key=lambda f: (-c.forms[f], f)))
        actors.append(Actor(name=c.name, kind=c.kind, role=role, mentions=c.mentions, aliases=aliases))
    also_named = [c.name for c in sorted(also, key=lambda c: c.first)][:max_also_named]
    return ActorReport(actors, also_named)
