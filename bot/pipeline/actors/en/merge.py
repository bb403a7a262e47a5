"""Merging mentions into actors: each mention joins the cluster of the name it stands for, then clusters
that name one actor merge (a short form, an acronym, an alias or a misspelling into the full name)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from bot.pipeline.actors.en.model import Mention, _Cluster
from bot.pipeline.actors.en.names import _acronym, _canonical
from bot.pipeline.actors.en.people import _People, _people, _person_key, _royals_titled
from bot.pipeline.actors.en.repair import _repair_spans
from bot.pipeline.actors.en.roles import _role_near
from bot.pipeline.actors.en.vocabulary import (
    _KIN,
    _LEGAL_FORM,
    _LOCATIVE,
    _REPORTS,
    _SETTING,
    _SPEECH_AFTER,
    _SPEECH_BEFORE,
    _TITLE_PREFIX,
    _WEB_ENDING,
)
from bot.pipeline.actors.gazetteer import _aliases, _countries


def _merge(text: str, mentions: Sequence[Mention], common: frozenset[str]) -> list[_Cluster]:
    """The text's actors: the mentions, repaired, grouped by the name each stands for, then the clusters that
    name one actor merged. `common` is `_common_words(text)`, which the caller needs too."""
    mentions = _repair_spans(text, mentions, common)
    clusters = _clusters(text, mentions, _people(mentions), common)
    _merge_short_forms(clusters)
    _merge_acronyms(clusters)
    _merge_aliases(clusters)
    _merge_misspellings(clusters)
    _merge_web_addresses(clusters)
    return list(clusters.values())


def _clusters(
    text: str, mentions: Sequence[Mention], people: _People, common: frozenset[str]
) -> dict[str, _Cluster]:
    """One cluster for each name the mentions stand for, with its votes, cues and roles."""
    clusters: dict[str, _Cluster] = {}
    for m in mentions:
        name, kind_label = _cluster_name(m, people)
        cluster = clusters.get(name)
        if cluster is None:
            cluster = clusters[name] = _Cluster(name=name)
        _count_mention(cluster, m, kind_label)
        _count_cues(cluster, text, m)
        _add_roles(cluster, text, m, common)
    return clusters


def _cluster_name(m: Mention, people: _People) -> tuple[str, str]:
    """The name of the cluster a mention joins, and the label it votes for."""
    countries, _ = _countries()
    name = _canonical(m)
    if m.label == "PERSON":
        if name in countries.values():
            return name, "GPE"
        return people.names.get(m.text, name), m.label
    if m.label in {"ORG", "GPE", "LOC"}:
        # An ORG/GPE mention equal to a known person's surname is that person ("Putin" tagged ORG).
        _, last = _person_key(m.text)
        one_word = len(m.text.split()) == 1
        if one_word and last in people.by_surname and m.text not in countries:
            return people.by_surname[last][0], "PERSON"
        if one_word and len(royals := _royals_titled(people.names.values(), last)) == 1:
            return royals.pop(), "PERSON"  # "the Queen" beside "Queen Elizabeth II"
    return name, m.label


def _count_mention(cluster: _Cluster, m: Mention, kind_label: str) -> None:
    """Add a mention's kind vote, form and counts to its cluster."""
    countries, demonyms = _countries()
    cluster.kind_votes[kind_label] += 1
    if len(m.text.split()) >= 2:
        cluster.full_votes[kind_label] += 1
    cluster.body_cues += m.body
    cluster.person_mentions += m.person
    cluster.team_mentions += m.team
    cluster.forms[m.text] += 1
    cluster.mentions += 1
    cluster.first = min(cluster.first, m.start)
    cluster.country = cluster.country or cluster.name in countries.values()
    if m.label == "NORP" or m.text in demonyms:
        cluster.demonym_mentions += 1


def _count_cues(cluster: _Cluster, text: str, m: Mention) -> None:
    """Add what the text around a mention says of the named one: acting, a setting or a place, speaking."""
    cluster.acting_mentions += m.acts
    cluster.reporting_mentions += m.acts and bool(_REPORTS.match(text[m.end : m.end + 40]))
    cluster.state_mentions += m.state
    cluster.listed += m.listed
    if (
        m.acts
        and not re.search(r"\bby\s+(?:the\s+)?$", text[max(0, m.start - 8) : m.start], re.IGNORECASE)
        and not re.match(r"\s+[A-Z]", text[m.end : m.end + 3])  # "Liberal Democrat X": cut from a name
    ):
        cluster.subject_mentions += 1
    # A demonym is an adjective: "according to the Belarusian leader's office" locates the office, not Belarus.
    adjective = m.label == "NORP" or m.text in _countries()[1]
    if not adjective and _SETTING.search(text[max(0, m.start - 25) : m.start]):
        cluster.setting_mentions += 1
    if not adjective and _LOCATIVE.search(text[max(0, m.start - 25) : m.start]):
        cluster.locative_mentions += 1
    if _SPEECH_AFTER.match(text[m.end : m.end + 120]) or _SPEECH_BEFORE.search(
        text[max(0, m.start - 80) : m.start]
    ):
        cluster.speaker = True


def _add_roles(cluster: _Cluster, text: str, m: Mention, common: frozenset[str]) -> None:
    """Add the role the text gives at a mention to its cluster."""
    found = _role_near(text, m, common)
    if found:
        cluster.roles.append(found[0])
        if found[1] and not _KIN.search(found[0].lower()):
            cluster.strong_roles.append(found[0])
    elif (
        m.label != "PERSON"
        and not _TITLE_PREFIX.match(m.raw)  # "General Motors": the title word is the body's own name
        and (as_person := _role_near(text, replace(m, label="PERSON"), common))
    ):
        # "Tottenham striker Emmanuel Adebayor" tagged ORG: the role counts only if the actor is a person.
        cluster.person_roles.append(as_person[0])


def _absorb(into: _Cluster, c: _Cluster) -> None:
    """Add cluster `c` (another form of the same actor) to `into`."""
    into.mentions += c.mentions
    into.forms.update(c.forms)
    into.kind_votes.update(c.kind_votes)
    into.full_votes.update(c.full_votes)
    into.body_cues += c.body_cues
    into.person_mentions += c.person_mentions
    into.team_mentions += c.team_mentions
    into.roles.extend(c.roles)
    into.strong_roles.extend(c.strong_roles)
    into.person_roles.extend(c.person_roles)
    into.first = min(into.first, c.first)
    into.speaker = into.speaker or c.speaker
    into.locative_mentions += c.locative_mentions
    into.setting_mentions += c.setting_mentions
    into.acting_mentions += c.acting_mentions
    into.listed += c.listed
    into.subject_mentions += c.subject_mentions
    into.state_mentions += c.state_mentions
    into.reporting_mentions += c.reporting_mentions
    into.demonym_mentions += c.demonym_mentions


def _merge_short_forms(clusters: dict[str, _Cluster]) -> None:
    """A short form merges into the one longer name it belongs to: a first name or initials into a person
    ("Julia" → "Julia Roe"), a name's tail or head into an organization ("Yankees" → "New York Yankees"), but
    not a place at the head of a body named after it ("Hong Kong" / "Hong Kong Stock Exchange")."""
    names = list(clusters)
    for short in names:
        c = clusters.get(short)
        if c is None or c.country:
            continue
        words = short.split()
        targets = []
        for long_name in names:
            other = clusters.get(long_name)
            if other is None or other is c or other.country:
                continue
            long_words = long_name.split()
            if len(long_words) <= len(words):
                continue
            is_person = other.kind_votes["PERSON"] >= max(1, sum(other.kind_votes.values()) // 2)
            if (
                (is_person and len(words) == 1 and long_words[0] == words[0])
                or (
                    not is_person
                    # A one-word short form spaCy took for a person ("Dortmund") is still the body's short name:
                    # a person's surname would already have joined that person's cluster.
                    and (c.kind_votes["PERSON"] == 0 or len(words) == 1)
                    and (
                        long_words[-len(words) :] == words
                        or (long_words[: len(words)] == words and not _written_as_a_place(c))
                    )
                )
            ):
                targets.append(other)
        if len(targets) == 1:
            _absorb(targets[0], c)
            del clusters[short]


def _written_as_a_place(c: _Cluster) -> bool:
    """A name the text writes as a place ("in Hong Kong"), not as a team: at the head of a body's name ("Hong
    Kong Stock Exchange") it is where the body is, not the body's short name."""
    places = c.kind_votes["GPE"] + c.kind_votes["LOC"]
    return 2 * places > c.mentions and c.setting_mentions > c.team_mentions


def _merge_acronyms(clusters: dict[str, _Cluster]) -> None:
    """Organizations: an acronym merges into the spelled-out name ("ISW" → "Institute for the Study of War")."""
    names = list(clusters)
    for short in names:
        c = clusters.get(short)
        if c is None or not short.isupper() or len(short) < 2:
            continue
        for long_name in names:
            other = clusters.get(long_name)
            if other is None or other is c or len(long_name.split()) < 2:
                continue
            # The acronym may leave out a leading place ("DPS" for "Arizona Department of Public Safety") or a
            # legal form ("PG&E" for "Pacific Gas & Electric Co."), and keep an ampersand.
            tail = long_name.split(maxsplit=1)[1]
            bare = _LEGAL_FORM.sub("", long_name)
            if re.sub(r"[.&]", "", short) in {
                _acronym(long_name),
                _acronym(tail) if " " in tail else "",
                _acronym(bare) if " " in bare else "",
            }:
                _absorb(other, c)
                del clusters[short]
                break


def _merge_misspellings(clusters: dict[str, _Cluster]) -> None:
    """A name written once with a typo is the same actor: a body's ("Adanced Towing" beside "Advanced Towing"),
    or a person's surname under the same first name ("Brad Guzen" beside "Brad Guzan"). Other people are left
    alone: "Jon Roe" and "Jan Roe" may well be two people."""
    names = [c for c in clusters.values() if not c.country]
    for a in names:
        for b in names:
            if a is b or a.name not in clusters or b.name not in clusters or b.mentions < a.mentions:
                continue
            if _misspelt_body(a, b) or _misspelt_surname(a, b):
                _absorb(b, a)
                del clusters[a.name]


def _misspelt_body(a: _Cluster, b: _Cluster) -> bool:
    """`a` is the body `b` with one letter wrong (names of eight letters or more, neither read as a person's)."""
    return (
        all(c.kind_votes["PERSON"] < c.mentions and len(c.name) >= 8 for c in (a, b))
        and len(a.name.split()) == len(b.name.split())
        and _one_edit(a.name, b.name)
    )


def _misspelt_surname(a: _Cluster, b: _Cluster) -> bool:
    """`a`, written in full once, is `b` with one letter of the surname wrong, and the text gives them no two
    different titles: "David Davis" and "David Davies", each named twice as a different minister, stay two."""
    first_a, _, last_a = a.name.rpartition(" ")
    first_b, _, last_b = b.name.rpartition(" ")
    return (
        all(2 * c.kind_votes["PERSON"] > c.mentions for c in (a, b))
        and a.mentions == 1
        and bool(first_a)
        and first_a == first_b
        and min(len(last_a), len(last_b)) >= 5
        and _one_edit(last_a, last_b)
        and not (a.strong_roles and b.strong_roles and set(a.strong_roles).isdisjoint(b.strong_roles))
    )


def _merge_web_addresses(clusters: dict[str, _Cluster]) -> None:
    """A body written as its web address and as its name ("Carfinder.com", "Carfinder") is one body, under the
    form the text uses more (the name on a tie). A place or a person of that name is someone else: the country
    is not its tourist site ("Scotland.org")."""
    for address in list(clusters):
        bare = _WEB_ENDING.sub("", address)
        name = clusters.get(bare)
        if bare == address or name is None or address not in clusters or not _a_body(name):
            continue
        keep, other = clusters[address], name
        if keep.mentions <= other.mentions:
            keep, other = other, keep
        _absorb(keep, other)
        del clusters[other.name]


def _a_body(c: _Cluster) -> bool:
    """Whether no more than half of a cluster's mentions were read as a place's or a person's, and it is no
    country."""
    others = c.kind_votes["GPE"] + c.kind_votes["LOC"] + c.kind_votes["PERSON"]
    return not c.country and 2 * others <= c.mentions


def _one_edit(a: str, b: str) -> bool:
    """Whether `a` becomes `b` by inserting, deleting or changing one letter."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = next((k for k, (x, y) in enumerate(zip(short, long, strict=False)) if x != y), len(short))
    return short[i:] == long[i + 1 :]


def _merge_aliases(clusters: dict[str, _Cluster]) -> None:
    """A nickname ("Spurs", "FLOTUS") merges into the one name it stands for that the text also uses."""
    for alias, names in _aliases().items():
        c = clusters.get(alias)
        if c is None:
            continue
        targets = {
            id(other): other
            for other in clusters.values()
            if other is not c and any(n == other.name or n in other.forms for n in names)
        }
        if len(targets) == 1:
            _absorb(next(iter(targets.values())), c)
            del clusters[alias]
