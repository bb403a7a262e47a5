"""Named actors for Russian text.

natasha's news models (slovnet NER, morphology and syntax over navec embeddings, all inside its wheels: nothing is
downloaded) find the people, organizations and places; pymorphy2's dictionaries put each name in the nominative,
so the inflected forms of one name merge ("Александром Лукашенко", "Лукашенко" → "Александр Лукашенко"). A role is
the animate noun the syntax attaches to a name as an apposition ("президент России Владимир Путин", "Дмитрий Песков,
пресс-секретарь Кремля"). Ranking follows the English path: mentions, the title, the key points, how early.
"""

from __future__ import annotations

import re
import warnings
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from bot.actors import MAX_ACTORS, MAX_ALSO_NAMED, MAX_PLACES, NER_MAX_CHARS, ActorReport
from bot.digest import Actor, ActorKind

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

    models = load_models()
    doc = Doc(text)
    doc.segment(models.segmenter)
    doc.tag_ner(models.ner)
    doc.tag_morph(models.morph)
    doc.parse_syntax(models.syntax)
    for span in doc.spans:
        span.normalize(models.vocab)
    return doc


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


def _role(doc_tokens: dict[str, Any], span: Any) -> str | None:
    """The animate common noun a name stands in apposition to, with the words that depend on it, in the
    nominative ("с главой МИД Турции Мевлютом Чавушоглу" → "Глава МИД Турции")."""
    from natasha.norm import syntax_normalize

    ids = {t.id for t in span.tokens}
    vocab = load_models().vocab
    heads = [doc_tokens.get(t.head_id) for t in span.tokens if t.rel == "appos"]
    children = [t for t in doc_tokens.values() if t.rel == "appos" and t.head_id in ids]
    # A name may share its noun with a second apposition: "его брат Игорь Смирнов, владелец компании".
    head_ids = {t.id for t in heads if t is not None}
    siblings = [t for t in doc_tokens.values() if t.rel == "appos" and t.head_id in head_ids]
    candidates = [t for t in (*heads, *children, *siblings) if t is not None and t.id not in ids]
    noun = next((t for t in candidates if _is_role_noun(t, vocab) and t.lemma not in _KIN), None)
    if noun is None:
        return None
    # "пресс-секретарь президента Д.С. Песков": the parser may hang the name on the last noun of the role.
    while noun.rel == "nmod" and (head := doc_tokens.get(noun.head_id)) is not None and head.id not in ids:
        if not (_is_role_noun(head, vocab) and _adjacent(doc_tokens, head, noun)):
            break
        noun = head
    words = _subtree(doc_tokens, noun, exclude=ids)
    if sum(1 for t in words if _WORD.search(t.text)) > _MAX_ROLE_WORDS:
        return None
    role = _balance_quotes(syntax_normalize(vocab, words))
    if noun.feats.get("Case") != "Nom" and role.lower().startswith(noun.text.lower()):
        # pymorphy2 found no form with the tagger's gender ("главой": a feminine noun for a man): the lemma will do.
        role = (noun.lemma or noun.text) + role[len(noun.text) :]
    return role[:1].upper() + role[1:]


def _is_role_noun(token: Any, vocab: Any) -> bool:
    """An animate common noun; the tagger calls a capitalized one opening the sentence a proper noun."""
    first = token.id.endswith("_1")
    if not (token.pos == "NOUN" or (token.pos == "PROPN" and first)) or token.feats.get("Animacy") != "Anim":
        return False
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
    analysed = text[:NER_MAX_CHARS]
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
    mentions = []
    for sent in _analyse(text).sents:
        tokens = {t.id: t for t in sent.tokens}
        for span in sent.spans:
            kind = _KIND.get(span.type)
            name = _normal(span)
            if kind is None or len(name) < 2 or not _WORD.search(name):
                continue
            if kind == "place" and text[max(0, span.start - 1) : span.start] in _QUOTES:
                continue  # a quoted name is a station, a ship, a brand: «Арбатская», not a place that acts
            if all(t.pos == "ADJ" for t in span.tokens):
                continue  # an adjective naming a common noun outside the span: "Филевской линии"
            if kind == "person" and not re.search(r"[^\W\d_]{2}", name):
                continue  # initials alone ("В.В.") name nobody the reader can tell
            if kind == "person" and all(t.feats.get("Number") == "Plur" for t in span.tokens):
                continue  # "братья Смирновы", "супругам Петровым": a family, not one person
            role = _role(tokens, span) if kind == "person" else None
            acting = any(t.rel.startswith("nsubj") for t in span.tokens)
            unsure = any(
                t.feats.get("Case") not in (None, "Nom") and t.text.lower() in name.lower().split()
                for t in span.tokens
            )
            mentions.append(MentionRu(name, kind, span.start, span.text, role, acting=acting, unsure=unsure))
    return mentions


def _merge(mentions: Sequence[MentionRu]) -> list[_Cluster]:
    """One cluster per name; a surname alone joins the full name it belongs to: the only one with that surname,
    or else the one the story named last before it ("Алексей Миллер … Миллер сообщил")."""
    clusters: dict[tuple[ActorKind, str], _Cluster] = {}
    last_full: dict[str, list[_Cluster]] = {}  # surname → full names with it, most recently named last
    mentions = _known_forms(mentions)
    owners: dict[str, set[str]] = {}
    for m in mentions:
        if m.kind == "person" and len(m.name.split()) > 1:
            owners.setdefault(m.name.split()[-1].lower(), set()).add(m.name.lower())
    for m in mentions:
        key = (m.kind, m.name.lower())
        surname = m.name.lower()
        if m.kind == "person" and len(m.name.split()) == 1 and surname not in owners:
            # An oblique form the morphology did not know ("Набиуллину", "Мишустину"): the known surname it inflects.
            surname = next((o for o in owners if _inflects(surname, o)), surname)
        if m.kind == "person" and len(m.name.split()) == 1 and surname in owners:
            seen = last_full.get(surname, [])
            if len(owners[surname]) == 1 and not seen:
                # Named by surname before the full name comes: it is still the one person of that surname.
                key = ("person", next(iter(owners[surname])))
            elif seen:
                key = ("person", seen[-1].name.lower())
        c = clusters.get(key)
        if c is None:
            name = (
                m.name
                if key[1] == m.name.lower()
                else next(x.name for x in mentions if x.kind == "person" and x.name.lower() == key[1])
            )
            c = clusters[key] = _Cluster(name=name, kind=m.kind, first=m.start)
        c.mentions += 1
        c.first = min(c.first, m.start)
        c.forms[m.text] += 1
        c.in_title |= m.in_title
        c.acting |= m.acting
        if m.role:
            c.roles.append(m.role)
        if m.kind == "person" and len(c.name.split()) > 1:
            queue = last_full.setdefault(c.name.split()[-1].lower(), [])
            if c in queue:
                queue.remove(c)
            queue.append(c)
    return _merge_inflected(list(clusters.values()))


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
