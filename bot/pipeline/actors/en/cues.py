"""Grammatical cues read from the tokens around one entity: whether the named one acts here (the subject of a
verb, the agent after "by"), and whether the text writes the name as a body's, a person's or a team's."""

from __future__ import annotations

import re
from typing import Any

from bot.pipeline.actors.en.vocabulary import _HONORIFIC, _NAME_TAGS, _PREPOSITIONS
from bot.pipeline.actors.gazetteer import _countries

_FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
_FINITE_WORDS = {
    "has", "have", "had", "is", "was", "were", "are", "will", "would", "can", "could", "may", "might", "must",
    "should", "did", "does", "said", "says", "told",
}  # fmt: skip
# Singular nouns that name a country's people or institutions as one ("the Chinese government ruled").
_COLLECTIVE = {
    "government", "team", "army", "military", "navy", "police", "public", "people", "regime", "leadership",
    "delegation", "parliament", "ministry", "court", "authority", "electorate", "administration",
}  # fmt: skip


def _finite(token: Any) -> bool:
    return bool(token.tag_ in _FINITE_TAGS or token.lower_ in _FINITE_WORDS)


def _acts(doc: Any, start: int, end: int, label: str) -> bool:
    """Whether the entity doc[start:end] is the subject of a verb ("Greece has denied", "Locke, 39, was named",
    "Mann and Locke agreed") or the agent of a passive ("a study by Prudential")."""
    j = end
    n = len(doc)
    before = doc[start - 1] if start > 0 else None
    if before is not None and before.lower_ in _PREPOSITIONS:
        return False  # "a child in Ukraine traumatised her": the verb's subject is further back
    if label == "NORP" or doc[start:end].text in _countries()[1]:
        # "Estonian officials said", "Chinese aviation authorities grounded": the people a demonym names act
        # (however the tagger labels the demonym: "Ukrainian officials" may come as a place).
        k = j
        while k < n and k - j < 3 and doc[k].tag_ in {"NN", "NNS"} and doc[k].text[:1].islower():
            k += 1
        if k > j and (doc[k - 1].tag_ == "NNS" or doc[k - 1].lower_ in _COLLECTIVE):
            j = k
    j = _past_aside(doc, j)
    if (
        j + 1 < n
        and doc[j].text == ","
        and (
            doc[j + 1].lower_ in {"said", "says", "told", "added", "who"}
            or (before is not None and before.text == "," and _finite(doc[j + 1]))
        )
    ):
        # "The organiser, Jane Roe, said", "Roe's lawyer, Jim Tull, made": the name was itself the appositive;
        # "Roe, who owns the farm": the subject of the relative clause.
        j += 1
    elif j < n and doc[j].text == ",":  # an appositive or age: skip to its closing comma
        close = next((k for k in range(j + 1, min(n, j + 25)) if doc[k].text in {",", "."}), None)
        if close is not None and doc[close].text == ",":
            j = close + 1
    if j < n and doc[j].lower_ in {"and", "&"}:  # "Mann and Locke agreed": skip the other conjunct
        k = j + 1
        while (
            k < n
            and k - j < 5
            and (
                doc[k].tag_ in _NAME_TAGS
                or (doc[k].text[:1].isupper() and doc[k].tag_ in {"NN", "NNS", "JJ"})
            )
        ):
            k += 1
        if k > j + 1:
            j = _past_aside(doc, k)
            if j + 1 < n and doc[j].text == "," and doc[j + 1].lower_ == "who":
                j += 1  # "the Texas Rangers and Atlanta Braves, who have fans"
    while j < n and (doc[j].tag_ in {"RB", "RBR"} or doc[j].lower_ in {"who", "which", "that"}):
        j += 1
    if j < n and _finite(doc[j]):
        # "Army Times reported", "Der Spiegel quoted": an outlet as the source of the story, not a party to it.
        return doc[j].lower_ not in {"reported", "reports", "quoted", "quotes"}
    return (
        before is not None
        and before.lower_ == "by"
        and (start < 2 or doc[start - 2].lower_ not in {"published", "reported", "run"})
    )


def _past_aside(doc: Any, j: int) -> int:
    """Past a short parenthesis at token j ("Jane Roe (left) adopted", "Tom Lee (R-Va.) said")."""
    if j < len(doc) and doc[j].text == "(":
        close = next((k for k in range(j + 1, min(len(doc), j + 8)) if doc[k].text == ")"), None)
        if close is not None:
            return close + 1
    return j


_BODY_DETERMINERS = {"a", "an", "the", "his", "her", "their", "its", "our", "my", "your"}
_PLURAL_VERBS = {"are", "were", "have", "'ve", "’ve"}
# A club's people, named after it: "Newcastle boss X", "Juventus striker Y", "Arsenal fans".
_TEAM_PEOPLE = {
    "boss", "manager", "coach", "striker", "forward", "defender", "midfielder", "goalkeeper", "keeper", "winger",
    "captain", "skipper", "team-mate", "teammate", "squad", "players", "fans", "chairman", "owner",
}  # fmt: skip
# Said of a person's followers too ("Messi fans", "the Johnson government"): half a cue.
_FOLLOWERS = {"fans", "fan", "supporters", "supporter", "followers", "government", "administration"}
# Any body's people: "Labour MPs", "Sky employers", "Tesco shoppers".
_MEMBERS = _TEAM_PEOPLE | {
    "leader", "candidate", "candidates", "voters", "mp", "mps", "councillor", "councillors", "spokesman",
    "spokeswoman", "spokesperson", "politicians", "members", "employers", "employees", "staff", "shoppers",
    "customers", "officials", "executives", "bosses", "chiefs", "ministers", "activists", "insiders", "sources",
    "stores", "branches", "shares", "shareholders",
}  # fmt: skip


def _written_as_person(doc: Any, ent: Any) -> bool:
    """Whether the text writes this name as a person's: after "Mr" or "Dr", with "who" after it or with an age
    ("Roe, 38,"). British English says "Lidl, who have…" of a body too; a plural verb after "who" is no cue."""
    if ent.start > 0 and _HONORIFIC.match(doc[ent.start - 1].text + " "):
        return True  # "Mr Cervantes", the title outside the entity
    after = list(doc[ent.end : ent.end + 4])
    if after and after[0].text == ",":
        after = after[1:]
    if len(after) < 2:
        return False
    if after[0].lower_ == "who":
        return bool(after[1].lower_ not in _PLURAL_VERBS and after[1].tag_ != "VBP")
    return bool(after[0].text.isdigit() and after[1].text == ",")


def _may_be_subject(doc: Any, ent: Any) -> bool:
    """Whether a verb right after the name can have it as its subject: not when the name closes a list ("Brian
    and Charlotte are") or follows a preposition ("states served by the Colorado River are…": the verb agrees
    with a noun before it)."""
    before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    return before not in {"and", "&", "or", ","} and before not in _PREPOSITIONS | {"by", "as", "than"}


def _written_as_team(doc: Any, ent: Any) -> bool:
    """Whether a place's name is written as its team's: before a player or the manager ("Newcastle boss X",
    "Manchester City striker Y") or with "are"/"were" ("Liverpool are"), which a city never takes."""
    after = doc[ent.end].lower_ if ent.end < len(doc) else ""
    # "Leeds and Newcastle fans" are both clubs' fans; "Leeds and Newcastle are" says nothing of either.
    return after in _TEAM_PEOPLE or (after in {"are", "were"} and _may_be_subject(doc, ent))


def _written_as_body(doc: Any, ent: Any) -> int:
    """How surely the text writes this one-word name as a body's, in ways English hardly writes a person's: 2
    after an article or a possessive ("an Aldi"), before its people ("Labour MPs", "Sky employers", "Juventus
    striker") or as the subject of a plural verb ("Arsenal are", "Norwich fail to win"); 1 before its fans
    ("Arsenal fans", but also "Messi fans"); else 0."""
    if ent.end - ent.start != 1:
        return 0  # only a one-word name needs the cue (`_kind`); "Jane Roe" is a person however written
    before = doc[ent.start - 1] if ent.start > 0 else None
    after = doc[ent.end] if ent.end < len(doc) else None
    # "A Ronaldo hat-trick", "the Johnson government": the article belongs to the noun after the name, and "the
    # Smiths" is a family.
    modifies = after is not None and after.text[:1].islower() and after.tag_ in {"NN", "NNS"}
    # "the Steelers", "the Lakers": a plural name with an article is a team ("the Smiths" a family, which is no
    # one person either); "the Jones report" is not.
    plural_name = ent.text[-1:] == "s" and doc[ent.start].tag_ != "NNPS"
    if before is not None and before.lower_ in _BODY_DETERMINERS and not modifies and not plural_name:
        return 2
    if after is None:
        return 0
    if after.lower_ in _FOLLOWERS:
        return 1
    if after.lower_ in _MEMBERS:
        return 2
    plural = after.lower_ in _PLURAL_VERBS or (after.tag_ == "VBP" and after.lower_ not in {"'m", "am"})
    return 2 if plural and _may_be_subject(doc, ent) else 0


# What follows a place's possessive when the place is only where: "Ukraine's northern border", "Ohio's coast".
_GEOGRAPHY = {
    "border", "borders", "coast", "coastline", "capital", "city", "cities", "town", "towns", "region", "regions",
    "north", "south", "east", "west", "soil", "territory", "airspace", "waters", "neighbor", "neighbors",
    "neighbour", "neighbours", "countryside", "streets", "province", "provinces", "county", "counties", "state",
    "states", "island", "islands", "mountains", "shores", "side", "part", "parts", "area", "areas", "population",
    "residents", "weather", "climate",
}  # fmt: skip
# Verbs whose object is a place as a destination or a setting ("visited Belarus", "left Russia"), or that only
# name it ("including Spain"), in their written forms: the tagger gives no lemmas.
_MOTION = re.compile(
    r"^(?:visit|enter|leav|left|reach|tour|cross|fle[de]|travel|return|fl[yi]|flew|flown|head|arriv|hit|mov|"
    r"relocat|emigrat|com[ei]|came|go|went|gone|includ|exclud|represent|call|cover|accord|regard|concern|"
    r"follow|nam|land|sail|driv|drove|walk|ran$|run|stay|live|lived|border)"
)
# A state's own people and bodies, named before "of" it: "the president of Belarus", "the government of Chile".
_ORGANS = _COLLECTIVE | {
    "president", "minister", "leader", "king", "queen", "premier", "chancellor", "office", "embassy", "ministry",
    "forces", "troops", "officials", "authorities", "diplomats", "envoy", "ambassador", "intelligence",
    "security", "services", "bank", "courts", "prosecutors", "congress", "senate", "coalition", "cabinet",
    "governor", "legislature", "representatives", "delegates", "spokesman", "spokeswoman", "spokesperson",
}  # fmt: skip
_OBJECT_VERB_TAGS = {"VB", "VBD", "VBP", "VBZ", "VBG", "VBN"}  # "has urged Chad to": a perfect's participle


def _as_state(doc: Any, ent: Any) -> bool:
    """Whether a place is written as a state that acts through its own people and bodies or is acted on: the
    possessor of what is no geography ("Ukraine's military intelligence", "Beijing's diktats", not "Ukraine's
    northern border"), what an office or body is "of" ("the president of Belarus"), or the object of a verb that
    is no motion ("force Ukraine to", "Russia used Belarus", not "visited Belarus")."""
    n = len(doc)
    if ent.end < n and doc[ent.end].text in {"'s", "’s", "'", "’"}:
        k = ent.end + 1
        while k < n and doc[k].tag_ in {"JJ", "JJR", "JJS", "PDT", "RB", "CD"} and doc[k].text[:1].islower():
            k += 1
        return (
            k < n
            and doc[k].tag_ in {"NN", "NNS", "NNP", "NNPS"}  # the tagger calls "foreign ministry" a name
            and doc[k].text[:1].islower()
            and doc[k].lower_ not in _GEOGRAPHY
        )
    if ent.text.endswith(("'s", "’s")):
        return False
    k = ent.start - 1
    if k >= 0 and doc[k].lower_ == "the":
        k -= 1
    if k >= 1 and doc[k].lower_ == "of":
        return doc[k - 1].lower_ in _ORGANS
    verb = doc[k] if k >= 0 else None
    return (
        verb is not None
        and verb.tag_ in _OBJECT_VERB_TAGS
        and verb.text[:1].islower()
        and not _MOTION.match(verb.lower_)
    )
