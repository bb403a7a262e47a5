"""One cluster per actor: a name's case forms, its partial forms (a surname alone, a first name alone, initials
with a surname) and its spellings joined to the full name they belong to."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from bot.model import ActorKind
from bot.pipeline.actors.ru.mentions import Mention
from bot.pipeline.actors.ru.morphology import given_forms
from bot.pipeline.actors.ru.words import INITIALS, LATIN_NAME, name_key, stem_of

# Words that open a surname ("Марин Ле Пен", "Урсула фон дер Ляйен"): "Ле Пен" alone is a surname, not a full name.
_PARTICLES = frozenset(
    {"ле", "ла", "де", "ди", "да", "дю", "дель", "дер", "фон", "ван", "аль", "эль", "ибн", "бен"}
    | {"le", "la", "de", "di", "da", "du", "del", "der", "von", "van", "al", "el", "ibn", "ben"}
)
# A patronymic after a first name ("Владимир Владимирович") is no surname.
_PATRONYMIC = re.compile(r"(?:ович|евич|ьич|ична|овна|евна|инична)$")


@dataclass
class Cluster:
    name: str
    kind: ActorKind
    first: int
    mentions: int = 0
    forms: Counter[str] = field(default_factory=Counter)
    roles: list[str] = field(default_factory=list)
    in_title: bool = False
    acting: bool = False


def merge(mentions: Sequence[Mention]) -> list[Cluster]:
    """One cluster per name. A partial name joins the full name it belongs to: a surname alone ("Миллер", "Ле
    Пен") or with initials ("Д.С. Песков") the only full name with that surname (and those initials), or else the
    one the story named last before it ("Алексей Миллер … Миллер сообщил"); a first name alone ("у Олеси", "Си")
    the only full name opening with it. A first name two full names share is nobody the reader can tell: dropped.
    """
    clusters: dict[tuple[ActorKind, str], Cluster] = {}
    last_full: dict[str, list[Cluster]] = {}  # surname → full names with it, most recently named last
    mentions = _latin_surnames(_known_forms(mentions))
    names = {
        name_key(m.name): m.name for m in reversed(mentions) if m.kind == "person"
    }  # the first spelling wins
    owners, given = _owners_and_given(names)
    for m in mentions:
        key = _cluster_key(m, owners, given, last_full)
        if key is None:
            continue
        c = clusters.get(key)
        if c is None:
            name = names[key[1]] if m.kind == "person" else m.name
            c = clusters[key] = Cluster(name=name, kind=m.kind, first=m.start)
        _count(c, m)
        if m.kind == "person":
            _remember_full(last_full, c)
    return _merge_inflected(list(clusters.values()))


def _owners_and_given(names: dict[str, str]) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """For each surname the full names with it (or the initialled name no full name fits); for each first name
    (and first name with patronymic) the full names opening with it."""
    owners: dict[str, set[str]] = {}
    given: dict[str, set[str]] = {}
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
    return owners, given


def _cluster_key(
    m: Mention, owners: dict[str, set[str]], given: dict[str, set[str]], last_full: dict[str, list[Cluster]]
) -> tuple[ActorKind, str] | None:
    """The cluster a mention counts in; None for a first name two full names share."""
    key = (m.kind, name_key(m.name))
    if m.kind != "person":
        return key
    owner = _owner(key[1], owners, given, last_full)
    if owner == "":
        return None
    return key if owner is None else ("person", owner)


def _count(c: Cluster, m: Mention) -> None:
    c.mentions += 1
    c.first = min(c.first, m.start)
    c.forms[m.text] += 1
    c.in_title |= m.in_title
    c.acting |= m.acting
    if m.role:
        c.roles.append(m.role)


def _remember_full(last_full: dict[str, list[Cluster]], c: Cluster) -> None:
    """A person's full name is the one its surname alone now stands for."""
    if len(c.name.split()) > 1:
        queue = last_full.setdefault(name_key(c.name.split()[-1]), [])
        if c in queue:
            queue.remove(c)
        queue.append(c)


def _owner(
    name: str, owners: dict[str, set[str]], given: dict[str, set[str]], last_full: dict[str, list[Cluster]]
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
        surname = next((o for o in owners if inflects(surname, o)), surname)
    candidates = {
        o
        for o in owners.get(surname, ())
        if o != name and (not _is_initialled(name) or _initials_fit(name, o))
    }
    if not candidates and len(words) == 1:
        # A first name alone, in any case form ("Андрей рассказал", "у Олеси", "за Евгению"); or a surname written
        # first ("Си" of "Си Цзиньпин", "Ким" of "Ким Чен Ын").
        mates = set().union(*(given.get(form, set()) for form in given_forms(name)))
        return next(iter(mates)) if len(mates) == 1 else "" if mates else None
    seen = [c for c in last_full.get(surname, []) if name_key(c.name) in candidates]
    if seen:
        return name_key(seen[-1].name)
    # Named by surname before the full name comes: it is still the one person of that surname.
    return next(iter(candidates)) if len(candidates) == 1 else None


def _is_initialled(name: str) -> bool:
    """Initials and a surname: "Д.С. Песков", "В. В. Путин"."""
    words = name.split()
    return len(words) > 1 and all(INITIALS.match(w.upper()) for w in words[:-1])


def _is_full(name: str) -> bool:
    """A first name and a surname: not initials, and not a surname with its particles alone ("Ле Пен")."""
    words = name.split()
    return (
        len(words) > 1 and not _is_initialled(name) and not all(name_key(w) in _PARTICLES for w in words[:-1])
    )


def _initials_fit(initialled: str, full: str) -> bool:
    """ "Д.С. Песков" may be "Дмитрий Сергеевич Песков" or "Дмитрий Песков", not "Сергей Песков"."""
    letters = [ch for w in initialled.split()[:-1] for ch in w.lower() if ch.isalpha()]
    first = full.split()[:-1]
    if not letters or name_key(first[0])[:1] != name_key(letters[0]):
        return False
    patronymic = len(first) > 1 and _PATRONYMIC.search(first[1])
    return not (patronymic and len(letters) > 1 and name_key(first[1])[:1] != name_key(letters[1]))


def _latin_surnames(mentions: list[Mention]) -> list[Mention]:
    """A Latin surname alone that the NER called an organization ("Whitfield добавил") is the one person named
    with it in full ("Daniel Whitfield")."""
    surnames = Counter(
        name_key(m.name.split()[-1])
        for m in {m.name: m for m in mentions if m.kind == "person"}.values()
        if _is_full(m.name) and LATIN_NAME.match(m.name)
    )
    return [
        replace(m, kind="person")
        if m.kind == "organization" and " " not in m.name and surnames[name_key(m.name)] == 1
        else m
        for m in mentions
    ]


def _known_forms(mentions: Sequence[Mention]) -> list[Mention]:
    """A full name the morphology left in an oblique form ("Эльвирой Набиуллина") takes the one nominative name
    the story also writes with the same stems ("Эльвира Набиуллина")."""

    def stems(name: str) -> tuple[str, ...]:
        return tuple(stem_of(w) for w in name.split())

    sure = {m.name for m in mentions if m.kind == "person" and not m.unsure and " " in m.name}
    out = []
    for m in mentions:
        if m.kind == "person" and m.unsure and " " in m.name:
            owners = [n for n in sure if stems(n) == stems(m.name)]
            if len(owners) == 1:
                m = replace(m, name=owners[0])
        out.append(m)
    return out


def inflects(word: str, name: str) -> bool:
    """`word` is an oblique case of the one-word `name` in a way that cannot be another person's nominative:
    "мишустину" of "мишустин", "захаровой" of "захарова"; not "петрова" of "петров" (his wife, or his genitive)."""
    stem = stem_of(name)
    if word == name or stem_of(word) != stem or not word.startswith(stem):
        return False
    ending = word[len(stem) :]
    return ending in ("у", "ю", "ым", "им", "ом", "ем", "е") or (ending == "ой" and name.endswith("а"))


def _absorb(owner: Cluster, c: Cluster) -> None:
    owner.mentions += c.mentions
    owner.forms.update(c.forms)
    owner.roles.extend(c.roles)
    owner.first = min(owner.first, c.first)
    owner.in_title |= c.in_title
    owner.acting |= c.acting


def _merge_inflected(clusters: list[Cluster]) -> list[Cluster]:
    """A one-word place or organization the morphology left inflected joins the form it did normalize
    ("Верхнеозёрска" → "Верхнеозёрск")."""
    kept: list[Cluster] = []
    by_stem: dict[tuple[ActorKind, str], Cluster] = {}
    for c in sorted(clusters, key=lambda c: (-c.mentions, len(c.name))):
        if c.kind == "person" or " " in c.name:
            kept.append(c)
            continue
        owner = by_stem.get((c.kind, stem_of(c.name)))
        if owner is None:
            by_stem[(c.kind, stem_of(c.name))] = c
            kept.append(c)
            continue
        _absorb(owner, c)
    return sorted(kept, key=lambda c: c.first)
