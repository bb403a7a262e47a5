"""A person's role: the animate common noun the syntax attaches to a name as an apposition, with the words that
depend on it, in the nominative ("президент России Владимир Путин", "Дмитрий Песков, пресс-секретарь Кремля")."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from bot.pipeline.actors.ru.models import load_models
from bot.pipeline.actors.ru.morphology import common_noun
from bot.pipeline.actors.ru.words import QUOTES, WORD, name_key

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
# Acting in an office, written before the office: the role keeps it ("врио губернатора", "и. о. мэра").
_ACTING = re.compile(
    r"(?<![\w.])(врио|и\.\s?о\.|(временно\s+)?исполняющ\w*\s+обязанности)\s*$", re.IGNORECASE
)
_ACTING_HEAD = re.compile(r"(врио|и\.\s?о\.)", re.IGNORECASE)


def find_role(doc_tokens: dict[str, Any], span: Any, text: str) -> str | None:
    """The animate common noun a name stands in apposition to, with the words that depend on it, in the
    nominative ("с главой МИД Турции Мевлютом Чавушоглу" → "Глава МИД Турции")."""
    ids = {t.id for t in span.tokens}
    vocab = load_models().vocab
    noun = _role_noun(doc_tokens, span, vocab)
    if noun is None:
        return None
    noun = _whole_office(doc_tokens, noun, ids, vocab)
    words = _subtree(doc_tokens, noun, exclude=ids)
    if sum(1 for t in words if WORD.search(t.text)) > _MAX_ROLE_WORDS:
        return None
    role = _role_text(text, words, vocab)
    if noun.feats.get("Case") != "Nom" and role.lower().startswith(noun.text.lower()):
        # pymorphy2 found no form with the tagger's gender ("главой": a feminine noun for a man): the lemma will do.
        role = (noun.lemma or noun.text) + role[len(noun.text) :]
    return role[:1].upper() + role[1:]


def _apposition_heads(doc_tokens: dict[str, Any], span: Any) -> list[Any]:
    """The words the name stands in apposition to ("президент России Владимир Путин")."""
    return [doc_tokens.get(t.head_id) for t in span.tokens if t.rel == "appos"]


def _apposition_children(doc_tokens: dict[str, Any], span: Any) -> list[Any]:
    """The appositions to the name ("Дмитрий Песков, пресс-секретарь Кремля"), and "исполняющий обязанности"."""
    ids = {t.id for t in span.tokens}
    return [
        t
        for t in doc_tokens.values()
        if t.head_id in ids
        and (t.rel == "appos" or (t.rel == "acl" and name_key(t.text).startswith("исполняющ")))
    ]


def _shared_appositions(doc_tokens: dict[str, Any], span: Any) -> list[Any]:
    """A name may share its noun with a second apposition: "его брат Игорь Смирнов, владелец компании"."""
    head_ids = {t.id for t in _apposition_heads(doc_tokens, span) if t is not None}
    return [t for t in doc_tokens.values() if t.rel == "appos" and t.head_id in head_ids]


# Where the noun of a name's role may be, in the order they are looked at.
_ROLE_FINDERS: tuple[Callable[[dict[str, Any], Any], list[Any]], ...] = (
    _apposition_heads,
    _apposition_children,
    _shared_appositions,
)


def _role_noun(doc_tokens: dict[str, Any], span: Any, vocab: Any) -> Any:
    """The first animate common noun (not a kinship) or "врио" the finders give, or None."""
    ids = {t.id for t in span.tokens}
    candidates = [
        _acting_office(doc_tokens, t)
        for find in _ROLE_FINDERS
        for t in find(doc_tokens, span)
        if t is not None and t.id not in ids
    ]
    return next(
        (
            t
            for t in candidates
            if (_is_role_noun(t, vocab) and t.lemma not in _KIN) or name_key(t.text) == "врио"
        ),
        None,
    )


def _whole_office(doc_tokens: dict[str, Any], noun: Any, ids: set[str], vocab: Any) -> Any:
    """The role's first noun: "пресс-секретарь президента Д.С. Песков": the parser may hang the name on the last
    noun of the role."""
    climbed = {noun.id}  # the parser may give cyclic heads on garbled text: never climb to a word twice
    while noun.rel == "nmod" and (head := doc_tokens.get(noun.head_id)) is not None and head.id not in ids:
        if head.id in climbed or not (
            (_is_role_noun(head, vocab) or name_key(head.text) == "врио")
            and _adjacent(doc_tokens, head, noun)
        ):
            break
        noun = head
        climbed.add(noun.id)
    return noun


def _role_text(text: str, words: list[Any], vocab: Any) -> str:
    """The role's words in the nominative, or as written after an acting prefix."""
    from natasha.norm import syntax_normalize

    for write in (_after_acting_head, _after_acting_prefix):
        if (role := write(text, words)) is not None:
            return role
    return _balance_quotes(syntax_normalize(vocab, words))


def _after_acting_head(text: str, words: list[Any]) -> str | None:
    """ "врио"/"и. о." heads the role: the office after it stays in the genitive it governs, as written."""
    acting = _ACTING_HEAD.match(text, words[0].start)
    if acting is None or len(words) <= 1:
        return None
    return _acting_words(acting) + " " + _balance_quotes(text[words[1].start : words[-1].stop])


def _after_acting_prefix(text: str, words: list[Any]) -> str | None:
    """ "врио", "и. о.", "исполняющего обязанности" before the office, which the parser leaves out of it: the
    office stays in the genitive they govern ("Исполняющий обязанности министра")."""
    acting = _ACTING.search(text, max(0, words[0].start - 60), words[0].start)
    if acting is None:
        return None
    return _acting_words(acting) + " " + _balance_quotes(text[words[0].start : words[-1].stop])


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
    if token.pos == "PROPN" and common_noun(token.text):
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
    seen = {root.id}  # the parser may give cyclic heads on garbled text: visit each word once
    while stack:
        node = stack.pop()
        for child in children.get(node.id, []):
            if child.id in exclude or child.id in seen:
                continue
            quote = child.rel == "punct" and child.text in QUOTES
            # Below the root an apposition names a thing ("банка «Открытие»") and a preposition belongs to the role
            # ("заммэра по транспорту"); at the root they are the person and the sentence's own preposition.
            nested = child.rel in ("appos", "case") and node is not root
            # A pronoun points outside the role ("её основатель"): the digest shows the role alone.
            word = (
                child.rel in _ROLE_RELATIONS and child.pos not in ("PRON", "DET") and WORD.search(child.text)
            )
            if quote or nested or word:
                seen.add(child.id)
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
