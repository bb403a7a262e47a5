"""Named actors: the people, organizations and countries that act in a story, merged across mentions.

spaCy's NER (only the `ner` component: ~2× faster than the full pipeline) finds mentions; the rest is ours:
junk filtering, kind voting with a country gazetteer, merging ("President Vladimir V. Putin of Russia",
"Mr. Putin", "Putin" → one actor), roles from titles and appositives, and ranking by salience.
NER runs on a bounded prefix (NER_MAX_CHARS) so a 1 MB input costs what a long article costs.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from bot.model import Actor, ActorKind
from bot.pipeline.actors.common import (
    MAX_ACTORS,
    MAX_ALSO_NAMED,
    MAX_PLACES,
    MIN_ACTORS,
    ActorReport,
    bounded_prefix,
)
from bot.pipeline.actors.gazetteer import _aliases, _capitals, _countries
from bot.pipeline.actors.ner import annotate, load_ner

_LABEL_KIND: dict[str, ActorKind] = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "NORP": "place",  # only kept when a demonym maps to a country
}

# Titles that precede a name; stripped from the name and kept as its role.
_TITLE_WORDS = (
    "President|Vice President|Prime Minister|Deputy Prime Minister|Foreign Minister|Defense Minister|Defence Minister|"
    "Finance Minister|Interior Minister|Health Minister|Minister|Secretary of State|Defense Secretary|Home Secretary|"
    "Foreign Secretary|Secretary-General|Secretary General|Secretary|Chancellor|Senator|Sen\\.|Representative|Rep\\.|"
    "Congressman|Congresswoman|Councillor|Councilor|Councilman|Councilwoman|Alderman|Governor|Gov\\.|Mayor|King|Queen|Prince|Princess|Emperor|Pope|Archbishop|Bishop|"
    "Cardinal|Rabbi|Imam|Reverend|Rev\\.|General|Gen\\.|Lt\\. Gen\\.|Maj\\. Gen\\.|Admiral|Adm\\.|Colonel|Col\\.|"
    "Major|Maj\\.|Captain|Capt\\.?|Lieutenant|Lt\\.|Sergeant|Sgt\\.?|Spc\\.?|Corporal|Cpl\\.|Private|Pvt\\.|Commander|"
    "Chief Executive|Chief Executive Officer|CEO|Chairman|Chairwoman|Chair|Director|Judge|Justice|Chief Justice|"
    "Attorney General|District Attorney|State Attorney|Chief Magistrate|Magistrate|First Lady|Prosecutor|"
    "Detective|Det\\.|Officer|Inspector|Sheriff|Constable|Superintendent|Ambassador|Police Chief|Fire Chief|Chief|"
    "Speaker|Commissioner|Coach|Manager|Professor|Prof\\.|Dr\\.|Doctor|Sir|Dame|Lord|Lady|Sheikh|Crown Prince|"
    "Supreme Leader|Premier|Leader|Spokesman|Spokeswoman|Spokesperson|Administrator|Ombudsman|Press Secretary"
)
# Titles that only ever precede a person's name (unlike "General", "Major", "Private", "Captain").
_PERSON_TITLE = re.compile(
    r"^(?:Magistrate|Chief Magistrate|Judge|Justice|Detective|Det\.|Sergeant|Sgt\.?|Inspector|Constable|"
    r"Senator|Sen\.|Rep\.|Governor|Gov\.|Mayor|President|Prime Minister|Minister|Ambassador|Professor|Prof\.|"
    r"Sheriff|Councillor|Commissioner|Coach)\s+"
)
_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Lord|Lady|Rev)\.?\s+")
_TITLE_PREFIX = re.compile(
    rf"^(?:(?:former|late|then|acting|interim)\s+)?(?:{_TITLE_WORDS})\s+", re.IGNORECASE
)
_ROLE_BEFORE = re.compile(
    # What the title is of may come first: "Acme's chief", or a name without the possessive ("Tottenham
    # manager", "South Dakota Gov.", "BART Police Chief"; case-sensitive, so it is a name).
    rf"((?:(?:[A-Z][\w.'’-]*\s+){{0,2}}[A-Z][\w.-]*(?:'s|’s)\s+|(?-i:(?:[A-Z][\w.&'’-]*\s+){{1,3}}))?"
    rf"(?:(?:former|then|acting|interim|deputy|vice|chief|top|"
    rf"state|federal|foreign|defense|defence|finance)\s+)*\b(?:{_TITLE_WORDS})"
    # "Director of Public Prosecutions Alison Saunders": an office named after what it is of.
    r"(?:\s+of\s+(?-i:(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}))?)\s*$",
    re.IGNORECASE,
)
# Lower-case occupations and positions written right before a name ("winger Gene Ormsby", "military historian
# Mark Felton", "Arsenal defender Per Mertesacker", "her mother Jane Roe"): the text saying who someone is.
_OCCUPATIONS = (
    "winger|prop|hooker|full-back|fullback|scrum-half|stand-off|fly-half|centre|forward|striker|midfielder|"
    "defender|goalkeeper|keeper|substitute|skipper|captain|vice-captain|manager|coach|boss|chairman|chairwoman|"
    "owner|jockey|trainer|golfer|player|batsman|bowler|star|actress|actor|singer|rapper|comedian|presenter|"
    "host|pundit|model|designer|historian|author|writer|journalist|reporter|editor|photographer|analyst|"
    "expert|specialist|economist|lawyer|attorney|solicitor|barrister|prosecutor|judge|spokesman|spokeswoman|"
    "spokesperson|veterinarian|vet|doctor|surgeon|nurse|professor|scientist|researcher|teacher|student|"
    "pupil|schoolgirl|schoolboy|officer|detective|soldier|chief|director|founder|executive|campaigner|"
    "activist|referee|driver|rider|boxer|fighter|champion|candidate|minister|secretary|president|leader|"
    "legend|businessman|businesswoman|entrepreneur|tycoon|billionaire|millionaire|pensioner|"
    "mother|father|son|daughter|husband|wife|boyfriend|girlfriend|brother|sister|grandmother|grandfather|"
    "partner|fiancé|fiancée|friend|neighbour|neighbor|victim|suspect|witness|gunman|killer|chancellor|governor|"
    "mayor|senator|ambassador|commissioner|head|fellow|lecturer|councillor|official|aide|adviser|advisor|"
    "member|winner|graduate|patron|lawmaker|politician|instructor|artist|astronaut|pilot|landlord|landlady|"
    "broadcaster|clerk|attendant|pastor|priest|preacher|chef|paramedic|firefighter|flanker|racehorse|worker|"
    "veteran|heiress|socialite|blogger|curator|farmer|mechanic|engineer|accountant|employee|ombudsman|"
    "administrator|columnist|commentator|correspondent|"
    # American sports ("Pittsburgh quarterback X", "Lakers forward Y"); not guard, tackle, safety or center,
    # which are as often ordinary words.
    "quarterback|linebacker|cornerback|receiver|running back|tight end|lineman|defensive end|pass rusher|"
    "pitcher|shortstop|outfielder|infielder|catcher|goaltender|goalie|defenseman|kicker|punter|point guard"
)
_OCCUPATION_SET = frozenset(_OCCUPATIONS.split("|"))
# Verbs a headline-style sentence puts between a name and an occupation ("O'Neill hopes jockey X").
_VERBS_BEFORE_ROLE = {
    "says", "hopes", "tips", "thinks", "believes", "insists", "admits", "claims", "reveals", "wants", "tells",
    "urges", "backs", "slams", "praises", "joins", "meets", "hails", "blasts", "warns", "reckons", "fears",
    "expects", "feels", "knows", "sees", "asks", "names", "picks", "signs", "beats", "thanks", "said", "praised",
    "backed", "hailed", "slammed", "blasted", "urged", "tipped", "thanked", "told", "asked", "joined", "met", "beat",
    "warned", "admitted", "revealed", "insisted", "claimed", "believed",
}  # fmt: skip
_KIN = re.compile(
    r"\b(?:mother|father|son|daughter|husband|wife|boyfriend|girlfriend|brother|sister|grandmother|"
    r"grandfather|partner|fiancé|fiancée|friend|neighbour|neighbor)$"
)
_OCCUPATION_BEFORE = re.compile(
    rf"((?:[A-Z][\w.'’-]*(?:'s|’s)?\s+){{0,3}}(?:(?:[a-z][\w-]*|\d+-year-old)\s+){{0,2}}(?:{_OCCUPATIONS}))\s+$"
)
_FUNCTION_WORDS = {
    "the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "and", "or", "but", "after", "before",
    "with", "by", "for", "from", "to", "of", "in", "on", "at", "as", "when", "while", "that", "who", "which",
    "said", "says", "told", "is", "was", "were", "are", "be", "been", "has", "had", "have", "than",
    "then", "also", "including", "like", "against", "between", "about", "this", "these", "those", "it",
}  # fmt: skip
# A title's or an initial's full stop does not end the sentence a role is read from ("South Dakota Gov. Kristi
# Noem", "Vladimir V. Putin"): the role lies before it.
_ABBREVIATED = (
    "Gov", "Lt", "Rep", "Sen", "Gen", "Maj", "Col", "Capt", "Cpt", "Sgt", "Det", "Adm", "Cpl", "Pvt", "Spc", "Rev",
    "Prof", "Dr", "Mr", "Mrs", "Ms", "Atty", "Supt", "Insp", "Cmdr", "Hon", "Rt", "Sr", "Jr", "St", "No",
)  # fmt: skip
_SENTENCE_END = re.compile("".join(rf"(?<!\b{a})" for a in _ABBREVIATED) + r"(?<!\b[A-Z])[.!?][’'\"”]?\s+|\n")
# What an abbreviated title stands for, as a role is shown ("Gov." → "Governor").
_TITLE_IN_FULL = {
    "Gov.": "Governor", "Lt. Gov.": "Lieutenant Governor", "Rep.": "Representative", "Sen.": "Senator",
    "Gen.": "General", "Lt. Gen.": "Lieutenant General", "Maj. Gen.": "Major General", "Maj.": "Major",
    "Col.": "Colonel", "Capt.": "Captain", "Capt": "Captain", "Sgt.": "Sergeant", "Sgt": "Sergeant",
    "Det.": "Detective", "Adm.": "Admiral", "Cpl.": "Corporal", "Pvt.": "Private", "Spc.": "Specialist",
    "Spc": "Specialist", "Rev.": "Reverend", "Prof.": "Professor", "Lt.": "Lieutenant", "Atty.": "Attorney",
    "Atty. Gen.": "Attorney General", "Supt.": "Superintendent",
}  # fmt: skip
_ABBREVIATED_TITLE = re.compile(
    r"(?<![\w.])(?:"
    + "|".join(re.escape(t) for t in sorted(_TITLE_IN_FULL, key=len, reverse=True))
    + r")(?!\w)"
)
_LEADING_DET = re.compile(r"^(?:the|a|an|his|her|their|its|our|my|former\s+the)\s+", re.IGNORECASE)
_OF_PLACE = re.compile(r"^\s+of\s+((?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})")
# Nouns that name a body ("a Washington-based research group"); one list for the appositive, role and kind cues.
_BODY_NOUNS = (
    "agency|group|company|organization|organisation|party|newspaper|network|institute|council|committee|union|"
    "association|ministry|bank|university|firm|movement|coalition|militia"
)
# ", the chief executive of Acme," / ", a Washington-based research group," / ", 45, a teacher from Ohio,"
_APPOSITIVE = re.compile(
    r"^,\s+(?:\d{1,3},\s+)?((?:the|a|an)\s+[^,.;:()\"“”]{3,70}?|[A-Za-z][\w-]*(?:\s+[\w-]+){0,6}?"
    rf"\s+(?:{_BODY_NOUNS}|broadcaster)"
    # ", father of Amira,", ", senior fellow at the institute,", ", Director, Acme Polling said"
    rf"|(?:[a-z][\w-]*\s+){{0,2}}(?i:{_OCCUPATIONS})(?:\s+(?:of|at|for|to|with)\s+[^,.;:()\"“”]{{2,70}}?)?)"
    r"(?=,|\.|;|\)|$|\s+(?:but|who)\b)"  # ", a member of the band but better known as …"
)
# "Luna's lawyer, Jim Berry, said": an occupation before the name set off by commas, as an appositive is.
_OCCUPATION_FRAMED = re.compile(
    rf"(?<![\w'’-])((?:[A-Z][\w.'’-]*(?:'s|’s)\s+)?(?:[a-z][\w-]*\s+){{0,2}}(?:{_OCCUPATIONS})),\s+$"
)
# "Locke will be confirmed as Kilmarnock's permanent manager", "Roe is the chief executive of Acme"
_ROLE_PHRASE = rf"(?:[\w'’-]+\s+){{0,3}}?(?:{_OCCUPATIONS})(?:\s+(?:{_OCCUPATIONS}))*(?:\s+of\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){{0,3}})?"
# "will confirm X as the club's new coach": the verb before the name that makes a bare "as" give X's role.
_APPOINTS = re.compile(
    r"\b(?:confirm|name|appoint|install|elect|hire|unveil|announce|choose|chose|chosen)\w*\s+$", re.IGNORECASE
)
_PREDICATE_ROLE = re.compile(
    r"^\s+(?:(?:(?:is|was|has\s+been|had\s+been|will\s+be|would\s+be|became|becomes)\s+)?"
    r"(?:(?:officially|formally|now|also)\s+)?"
    r"(?:(?:named|appointed|confirmed|installed|elected|hired|unveiled|announced|chosen)\s+)?as\s+"
    rf"((?:(?:the|an?)\s+)?{_ROLE_PHRASE})|(?:is|was)\s+((?:the|an?)\s+{_ROLE_PHRASE}))\b"
)
# An appositive is a role when it names an office, a relation or a body (every occupation included).
_ROLE_NOUN = re.compile(
    r"\b(?:king|queen|prince|general|commander|member|team|club|police|army|navy|government|court|department|"
    rf"ceo|agent|correspondent|{_BODY_NOUNS}|{_OCCUPATIONS})\b",
    re.IGNORECASE,
)
_ORG_NOUN = re.compile(rf"\b(?:{_BODY_NOUNS}|broadcaster|club|team|outlet|channel|service)\b", re.IGNORECASE)
_FOOTER_WORDS = {
    "related", "articles", "article", "back", "top", "button", "subscribe", "click", "share", "comments",
    "advertisement", "newsletter", "read", "more", "follow", "posts", "login", "sign", "menu", "search",
}  # fmt: skip
_NAME_SUFFIX = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
_MEDIA_THE = {
    "times", "post", "guardian", "telegraph", "economist", "atlantic", "independent", "sun", "hill", "journal",
    "herald", "observer", "globe", "mirror", "express", "tribune", "chronicle", "hague", "beatles", "onion",
}  # fmt: skip
_ORG_COUNTRIES = {"European Union"}
# Organizations named for a building are where things happen, not who acts.
_VENUE = re.compile(
    r"\b(?:Museum|Hotel|Stadium|Arena|Airport|Square|Park|Hall|Theatre|Theater|Cathedral|Church|Mosque|Palace|"
    r"Bridge|Station|Mall|Gallery)$"
)
# The head noun of a body's name ("… Police Department", "… Select Committee"): the name says what it is.
_BODY_HEAD = re.compile(
    r"\s(?:Department|Police|Agency|Committee|Council|Party|Bank|University|Institute|Ministry|Bureau|Company|"
    r"Association|Commission|Authority|Corporation|Foundation|Trust|Academy|Society|Board|Inc|Ltd|plc|Corp)\.?$"
)
# Competitions, elections and other events are what actors take part in.
_EVENT = re.compile(
    r"\b(?:League|Cup|Championships?|Trophy|Tournament|Games|Olympics|Election|Festival|Awards?|Prize|Show|"
    r"Series|Grand Prix|Marathon|Stakes|Grand National|Conference|Summit|Finals?|Open|Masters|Playoffs?)$"
)
_LOCATIVE = re.compile(
    r"\b(?:in|at|from|to|near|across|throughout|around|into|outside|inside|via|visit(?:ed|ing)?|based|born|"
    r"according\s+to|told|reported\s+by|published\s+(?:in|by)|on)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# For a body, "to/from/on the IMF" names a party (paid to, a loan from); "at/in/outside Intermix" a setting, and
# "told/according to the Mail" a source.
_SETTING = re.compile(
    r"\b(?:in|at|near|across|throughout|around|into|outside|inside|visit(?:ed|ing)?|based|"
    r"according\s+to|told|reported\s+by|published\s+(?:in|by))\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_SPEECH_AFTER = re.compile(
    # ", Director, Acme Polling said": an appositive may run on to a second, unclosed one naming the body.
    r"^(?:,[^,.]{0,120},(?:\s+[A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*){0,4})?)?"
    # "Cruz's office said": one speaking through their office or administration speaks.
    # (the possessive may be inside the entity, and "the Trump administration said" says the same).
    r"(?:(?:'s|’s)?\s+(?:office|administration|government|campaign|spokesman|spokeswoman|spokesperson))?"
    r"\s+(?:has\s+|had\s+|also\s+)?(?:said|says|told|tells|added|adds|explained|explains|wrote|writes|tweeted|tweets|stated|states|"
    r"announced|announces|insisted|insists|claimed|claims|warned|warns|argued|argues|admitted|admits|confirmed|confirms|denied|denies|revealed|reveals|urged|urges)\b"
)
# "…," said White House Press Secretary Jane Roe: a title may stand between the verb and the name.
_SPEECH_BEFORE = re.compile(
    r"\b(?:said|says|added|adds|explained|explains|wrote|writes|according\s+to)\s+"
    r"(?:(?:the\s+)?(?:[A-Z][\w.'’&-]*|[a-z][\w-]*(?:'s|’s))\s+){0,6}$"
)
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


@dataclass(frozen=True)
class Mention:
    text: str  # the cleaned surface form
    label: str  # spaCy label
    start: int  # character offset in the analysed text
    end: int
    raw: str  # the entity text as found
    acts: bool = False  # grammatical cue that the named one acts here: subject of a verb, agent after "by"
    listed: bool = False  # acts as a member of a list ("X, Y and Z agreed"): the others are parties too
    body: int = 0  # how surely it is written as a body's: 2 "an Aldi", "Arsenal are"; 1 "Arsenal fans"
    person: bool = False  # written as a person's name is: "Julia, who…", "Roe, 38, said"
    team: bool = False  # written as a team's name is: "Newcastle boss X", "Liverpool are"


@dataclass
class _Cluster:
    name: str
    kind_votes: Counter[str] = field(default_factory=Counter)
    full_votes: Counter[str] = field(default_factory=Counter)  # of mentions by a name of two words or more
    body_cues: int = 0  # sum of Mention.body
    person_mentions: int = 0  # Mention.person
    team_mentions: int = 0  # Mention.team
    forms: Counter[str] = field(default_factory=Counter)
    mentions: int = 0
    first: int = 10**9
    roles: list[str] = field(default_factory=list)
    strong_roles: list[str] = field(default_factory=list)  # titles, offices, appositives: show an actor alone
    person_roles: list[str] = field(default_factory=list)  # read at mentions spaCy called a body
    country: bool = False
    demonym_mentions: int = 0
    locative_mentions: int = 0  # "in Paris", "from Germany": where, not who
    setting_mentions: int = 0  # "at Intermix", "told the Mail": where or through whom, for a body
    speaker: bool = False  # quoted or reported speaking: acting even if named once
    acting_mentions: int = 0  # mentions with a subject/agent cue (Mention.acts)
    listed: int = 0  # acting mentions as one of a list of parties (Mention.listed)
    subject_mentions: int = 0  # acting mentions as the subject of a verb, not the agent after "by"


# A royal or papal title is part of how a one-name person is called ("Prince Andrew", "Queen Elizabeth II",
# "Pope Francis"), unlike "President Putin", whose title is his role.
_ROYAL_TITLES = (
    "Crown Prince|Crown Princess|King|Queen|Prince|Princess|Pope|Emperor|Empress|Duke|Duchess|Sultan|Sheikh"
)
_REGNAL = re.compile(rf"^(?:{_ROYAL_TITLES})\s+[A-Z][a-z]+(?:\s+(?:[IVX]+|the\s+[A-Z][a-z]+))?$")
# The title just outside the entity: "Queen" + "Elizabeth II".
_ROYAL_BEFORE = re.compile(rf"\b({_ROYAL_TITLES})\s+$")


def _royals_titled(names: Iterable[str], title: str) -> set[str]:
    """The one-name royals among `names` whose title is `title` (lower case): "the Queen" is one of them."""
    return {n for n in names if _REGNAL.match(n) and _person_key(n)[0] == title}


def _strip_name(text: str, label: str) -> str:
    text = " ".join(text.split()).replace("’", "'")  # one apostrophe, so "O’Toole" and "O'Toole" merge
    text = _POSSESSIVE.sub("", text).strip(" .,;:-–—\"'“”‘’()[]")
    if label == "PERSON" and not _REGNAL.match(text):
        for _ in range(3):
            new = _HONORIFIC.sub("", _TITLE_PREFIX.sub("", text))
            if new == text:
                break
            text = new
    words = text.split()
    if words and words[0].lower() == "the" and (label != "ORG" or words[-1].lower() not in _MEDIA_THE):
        text = " ".join(words[1:])
    return text


# Capitals that NER takes for a body but that name no one: time zones, offices in general, measures.
_NOT_NAMES = frozenset({
    "GMT", "UTC", "BST", "EST", "EDT", "CST", "CDT", "PST", "PDT", "CET", "CEST", "IPO", "CEO", "CFO", "COO",
    "GDP", "AM", "PM", "TV", "FAQ", "PDF", "RSVP",
})  # fmt: skip


def _is_junk(text: str, raw: str) -> bool:
    if "\n" in raw or len(text) < 2 or not any(ch.isupper() for ch in text[:1]) or text in _NOT_NAMES:
        return True
    words = text.split()
    if len(words) > 7 or not any(ch.isalpha() for ch in text):
        return True
    if sum(w.lower().strip(".,") in _FOOTER_WORDS for w in words) >= max(1, len(words) // 2 + 1):
        return True
    return bool(re.search(r"[@#/\\|<>{}=_]|https?:|www\.", text))


_FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
_FINITE_WORDS = {
    "has", "have", "had", "is", "was", "were", "are", "will", "would", "can", "could", "may", "might", "must",
    "should", "did", "does", "said", "says", "told",
}  # fmt: skip


# Prepositions whose object is a place or a thing acted on; subordinators ("after", "as", "while") and "by"
# (the agent of a passive) are not among them.
_PREPOSITIONS = {
    "in", "at", "from", "to", "near", "into", "onto", "of", "for", "with", "on", "about", "against", "over",
    "under", "between", "among", "across", "through", "throughout", "outside", "inside", "around", "behind",
    "beyond", "without", "within", "toward", "towards", "during", "despite", "like", "upon", "via",
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
    if label == "NORP":
        # "Estonian officials said", "Chinese aviation authorities grounded": the people a demonym names act.
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


def find_mentions(text: str, nlp: Any | None = None) -> list[Mention]:
    """NER mentions of people, organizations and places, cleaned of titles and junk."""
    doc = annotate(nlp or load_ner(), text)
    countries, _ = _countries()
    spans = [
        (ent, label)
        for whole in doc.ents
        if whole.label_ in _LABEL_KIND
        for ent, label in _split_span(doc, whole)
    ]
    listed = _list_members(doc, spans)
    spans += listed + _other_occurrences(text, doc, listed)
    members = _party_members(spans)
    standalone = frozenset(re.findall(r"\b[A-Z][a-z]+\b", text))
    out: list[Mention] = []
    for ent, label in sorted(spans, key=lambda s: s[0].start):
        mention = _mention(text, doc, ent, label, countries, standalone)
        if mention is None and label == "NORP" and (party := members.get(_strip_name(ent.text, label))):
            # "The Conservatives have pledged" beside "the Conservative Party": the party acting.
            mention = Mention(
                party, "ORG", ent.start_char, ent.end_char, ent.text, _acts(doc, ent.start, ent.end, "ORG")
            )
        if mention is not None:
            out.append(mention)
    return _share_acts(text, out)


def _party_members(spans: Sequence[tuple[Any, str]]) -> dict[str, str]:
    """The words for a party's members ("Conservatives", "Conservative", "Tories") → the party, for each party
    the text names in full ("the Conservative Party")."""
    parties = {
        name
        for ent, label in spans
        if label == "ORG"
        and (name := _strip_name(ent.text, label)).endswith(" Party")
        and len(name.split()) >= 2
    }
    members = {}
    for party in parties:
        stem = party.removesuffix(" Party")
        members[stem] = members[stem + "s"] = party
    for alias, names in _aliases().items():
        found = [n for n in names if n in parties]
        if len(found) == 1:
            members[alias] = found[0]
    return members


_NAME_TAGS = {"NNP", "NNPS"}
_LIST_DETS = {"a", "an", "the"}


def _list_members(doc: Any, spans: Sequence[tuple[Any, str]]) -> list[tuple[Any, str]]:
    """Capitalized names spaCy left untagged beside a tagged one in a list ("a Waitrose, a Sainsbury's and a
    Co-op", "the Texas Rangers and Atlanta Braves"): a list joins things of one kind, so they take its label
    (or the label spaCy gives the same name elsewhere). A lone comma is an appositive ("Roe, Director, Acme"),
    so a list needs an "and"/"or"/"&" somewhere along it."""
    taken = {k for ent in doc.ents for k in range(ent.start, ent.end)}
    tagged: dict[str, Counter[str]] = defaultdict(Counter)
    for ent, label in spans:
        if label in {"PERSON", "ORG"}:
            tagged[ent.text][label] += 1
    n = len(doc)
    found: list[tuple[Any, str]] = []

    def gap(k: int, step: int) -> tuple[int, bool] | None:
        """Past a list separator (",", "and", ", and", "or") from token k: where the next member starts and
        whether the separator had a conjunction."""
        if 0 <= k < n and doc[k].text in {"'s", "’s"} and step > 0:
            k += step
        if 0 <= k < n and doc[k].lower_ in _LIST_DETS and step < 0:
            k += step  # "a Waitrose, a Sainsbury's": the article before the tagged name
        seps: list[str] = []
        while 0 <= k < n and doc[k].lower_ in {",", "and", "or", "&"} and len(seps) < 2:
            seps.append(doc[k].lower_)
            k += step
        if not seps:
            return None
        if 0 <= k < n and doc[k].lower_ in _LIST_DETS:
            k += step
        return k, any(sep != "," for sep in seps)

    def member(k: int, step: int) -> tuple[int, int] | None:
        """A run of 1–3 untagged proper nouns from token k, which ends there (does not run on into a name)."""
        first = k
        while 0 <= k < n and abs(k - first) < 3 and doc[k].tag_ in _NAME_TAGS and k not in taken:
            k += step
        if k == first or (0 <= k < n and doc[k].tag_ in _NAME_TAGS):
            return None
        lo, hi = (first, k) if step > 0 else (k + 1, first + 1)
        return (lo, hi) if all(doc[j].text[:1].isupper() for j in range(lo, hi)) else None

    for ent, label in spans:
        if label not in {"PERSON", "ORG"}:
            continue
        sides = {-1: gap(ent.start - 1, -1), 1: gap(ent.end, 1)}
        for step, side in sides.items():
            if side is None:
                continue
            bounds = member(side[0], step)
            if bounds is None:
                continue
            # The conjunction may sit on this gap, on the entity's other side, or past the new member.
            beyond = gap(bounds[1] if step > 0 else bounds[0] - 1, step)
            other = sides[-step]
            if not (side[1] or (other and other[1]) or (beyond and beyond[1])):
                continue
            span = doc[bounds[0] : bounds[1]]
            taken.update(range(*bounds))
            elsewhere = tagged.get(span.text)
            found.append((span, elsewhere.most_common(1)[0][0] if elsewhere else label))
    return found


def _other_occurrences(text: str, doc: Any, spans: Sequence[tuple[Any, str]]) -> list[tuple[Any, str]]:
    """Other occurrences of names found by `_list_members` ("Waitrose has…" after "a Waitrose, a Sainsbury's
    and a Co-op"), which spaCy leaves untagged throughout. (Doing this for every tagged name too lifts names
    spaCy rightly tags once, in passing, over the mention thresholds.)"""
    taken = {k for ent in doc.ents for k in range(ent.start, ent.end)}
    for ent, _ in spans:
        taken.update(range(ent.start, ent.end))
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    for ent, label in spans:
        if label in {"PERSON", "ORG"} and ent.text[:1].isupper():
            labels[ent.text][label] += 1
    if not labels:
        return []
    names = sorted(labels, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w'’-])(?:" + "|".join(map(re.escape, names)) + r")(?![\w-])")
    found: list[tuple[Any, str]] = []
    for m in pattern.finditer(text):
        span = doc.char_span(m.start(), m.end())
        if span is None or any(k in taken for k in range(span.start, span.end)):
            continue
        taken.update(range(span.start, span.end))
        found.append((span, labels[m.group(0)].most_common(1)[0][0]))
    return found


# Between two members of a list: "X, Y", "X and Y", "X, Y, and Z", "X & Y", "X's and Y's".
_LIST_GAP = re.compile(r"^(?:'s|’s)?(?:\s*,\s*(?:and\s+|or\s+|&\s+)?|\s+(?:and|or|&)\s+)(?:(?:the|an?)\s+)?$")


def _share_acts(text: str, mentions: list[Mention]) -> list[Mention]:
    """In a list ("Waitrose, Sainsbury's and Marks & Spencer were…", "Leeds and Hull agreed") every member
    acts when one does, and is marked `listed`. A list needs an "and"/"&" link, and its members one kind."""
    out = list(mentions)
    i = 0
    while i < len(out):
        j = i
        linked = False
        while j + 1 < len(out) and (gap := _LIST_GAP.match(text[out[j].end : out[j + 1].start])):
            if _kind_group(out[j + 1].label) != _kind_group(out[i].label):
                break
            linked = linked or any(w in gap.group(0) for w in (" and ", " or ", "&"))
            j += 1
        before = text[max(0, out[i].start - 12) : out[i].start].split()
        governed = (
            bool(before) and before[-1].lower() in _PREPOSITIONS
        )  # "with X and Y": objects, not subjects
        if j > i and linked and not governed and (out[i].acts or out[j].acts):
            # Three or more parties named together and acting are what the story compares or reports on.
            for k in range(i, j + 1):
                out[k] = replace(out[k], acts=True, listed=j - i >= 2)
        i = j + 1
    return out


def _kind_group(label: str) -> str:
    # spaCy tags one list's clubs or firms now ORG, now GPE: bodies and places count as one kind here.
    return "person" if label == "PERSON" else "body"


# A rank or office inside an entity after other words: "Cottonwood Police Sgt Jeremy Daniels" is a body and a
# person ("Army Spc Caleb Barnes" likewise).
# A team's abbreviated playing position between it and a player ("Browns DL Sheldon Richardson"): case-sensitive.
_POSITIONS = frozenset({"QB", "WR", "RB", "TE", "DL", "DE", "DT", "LB", "CB", "OL", "OT", "OG", "FS", "GK"})
_INNER_TITLES = {
    "sgt", "sergeant", "officer", "detective", "det", "constable", "pc", "inspector", "lt", "lieutenant", "capt",
    "captain", "spc", "specialist", "pvt", "private", "cpl", "corporal", "gen", "col", "maj", "spokesman",
    "spokeswoman", "chief", "president", "chairman", "director", "minister", "secretary", "sheriff", "deputy",
}  # fmt: skip
# Singular nouns that name a country's people or institutions as one ("the Chinese government ruled").
_COLLECTIVE = {
    "government", "team", "army", "military", "navy", "police", "public", "people", "regime", "leadership",
    "delegation", "parliament", "ministry", "court", "authority", "electorate", "administration",
}  # fmt: skip
_VERB_TAGS = {"VBD", "VBN", "VBZ", "VBP", "VBG", "VB"}


_SENTENCE_ADVERBS = {
    "meanwhile", "yesterday", "today", "tonight", "however", "now", "then", "later", "earlier", "also", "still",
    "instead", "indeed", "elsewhere", "nevertheless", "overnight",
}  # fmt: skip
_TITLE_GLUE = {"on", "of", "the", "and", "in", "at", "for", "to", "a", "an", "off", "out", "by", "with"}


def _split_span(doc: Any, ent: Any) -> list[tuple[Any, str]]:
    """Repair an entity span from its tokens: drop trailing verbs and lower-case words ("Washington D.C.
    Pictured", "Sheffield Eagles at"), split at a verb inside ("Spiegel Online quoted Varoufakis") and before
    a rank inside ("Cottonwood Police Sgt Jeremy Daniels")."""
    start, end = ent.start, ent.end
    glue = {"RB", "RBR", "RBS", "UH", "CC", "IN", "DT", "TO"}
    opens = start == 0 or doc[start - 1].text in {".", "!", "?", ":", '"', "'", "“", "”", "‘", "’"}
    # "Later the European Commission", "Meanwhile Acme": a sentence adverb (and the article after it) glued on.
    if opens and end - start > 1 and doc[start].tag_ in glue - {"DT"}:
        start += 1
        if end - start > 1 and doc[start].lower_ in {"the", "a", "an"}:
            start += 1
    # "at the On The Mat Sports Club": capitalized function words inside a sentence belong to the name after them.
    k = start - 1
    while k >= 0 and doc[k].lower_ in _TITLE_GLUE and doc[k].text[:1].isupper() and not doc[k].ent_type_:
        k -= 1
    if k < start - 1 and k >= 0 and doc[k].text[:1].islower():
        start = k + 1
    # "Sheffield Eagles at", "Swansea Meanwhile" (a caption without its full stop, then the next sentence's adverb).
    while end - start > 1 and (
        doc[end - 1].tag_ in _VERB_TAGS
        or doc[end - 1].text[:1].islower()
        or doc[end - 1].lower_ in _SENTENCE_ADVERBS
    ):
        end -= 1
    for k in range(start + 1, end - 1):
        if doc[k].tag_ in _VERB_TAGS and doc[k].text[:1].islower():
            return [(doc[start:k], ent.label_), (doc[k + 1 : end], ent.label_)]
        # "SpaceX's Starship, Blue Origin's Blue Moon" run together: a comma inside is two names, unless what
        # follows is a legal form or a suffix ("Acme, Inc.", "Roe, Jr.").
        if (
            doc[k].text == ","
            and doc[k + 1].text[:1].isupper()
            and not _LEGAL_FORM.match(" " + doc[k + 1].text)
            and doc[k + 1].lower_.rstrip(".") not in {"jr", "sr"}
        ):
            return [(doc[start:k], ent.label_), (doc[k + 1 : end], ent.label_)]
    if not _TITLE_PREFIX.match(ent.text):
        for k in range(start + 1, end - 1):
            if doc[k].lower_.rstrip(".") in _INNER_TITLES and doc[k + 1].text[:1].isupper():
                return [(doc[start:k], "ORG"), (doc[k:end], "PERSON")]
            if doc[k].text in _POSITIONS and end - k >= 3:
                return [(doc[start:k], "ORG"), (doc[k + 1 : end], "PERSON")]  # "Browns DL Sheldon Richardson"
    return [(doc[start:end], ent.label_)]


# Two capitalized words glued where a page lost the space or break between them ("Kristi NoemKristi Lynn Noem",
# a caption run into a link): lower case, then upper case, inside one word.
_GLUE = re.compile(r"(?<=[a-z]{3})(?=[A-Z][a-z]{2})")


def _glued_at(raw: str, words: frozenset[str]) -> int | None:
    """Where an entity's text runs into a second name glued to it, if it does: both halves of the glued word
    are words the text also writes on their own ("Noem", "Kristi"), unlike "McDonald", "DeSantis", "YouTube"."""
    for seam in _GLUE.finditer(raw):
        left = re.search(r"[A-Z][a-z]+$", raw[: seam.start()])
        right = re.match(r"[A-Z][a-z]+", raw[seam.start() :])
        if left and right and left.group() in words and right.group() in words:
            return seam.start()
    return None


def _mention(
    text: str,
    doc: Any,
    ent: Any,
    label: str,
    countries: dict[str, str],
    standalone: frozenset[str] = frozenset(),
) -> Mention | None:
    """One cleaned mention from an entity span, or None for junk. `standalone`: the capitalized words the text
    writes on their own."""
    raw, start, end = ent.text, ent.start_char, ent.end_char
    if (seam := _glued_at(raw, standalone)) is not None:
        raw, end = raw[:seam], ent.start_char + seam
    royal = _ROYAL_BEFORE.search(text, max(0, start - 20), start) if label == "PERSON" else None
    if royal and _REGNAL.match(f"{royal.group(1)} {raw}"):
        raw, start = f"{royal.group(1)} {raw}", royal.start(1)  # "Queen" + "Elizabeth II"
    name = _strip_name(raw, label)
    if _is_junk(name, raw):
        return None
    # "Landlocked Belarus": a capitalised word glued to a known place at a sentence start.
    words = name.split()
    if len(words) >= 2 and words[0] not in countries:
        tail = " ".join(words[1:])
        sentence_start = text[max(0, ent.start_char - 2) : ent.start_char].strip() in {
            "",
            ".",
            "!",
            "?",
            '"',
            "”",
        }
        if tail in countries and sentence_start:
            name = tail
    if label == "PERSON" and len(words) >= 3 and words[0] in _countries()[1]:
        name = " ".join(words[1:])  # "Colombian Camilo Villegas": a nationality is not part of the name
    if label == "NORP" and name not in countries:
        return None
    acts = _acts(doc, ent.start, ent.end, label)
    body, person, team = _written_as_body(doc, ent), _written_as_person(doc, ent), _written_as_team(doc, ent)
    return Mention(name, label, start, end, raw, acts=acts, body=body, person=person, team=team)


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


def _role_near(text: str, m: Mention, common: frozenset[str] = frozenset()) -> tuple[str, bool] | None:
    """The role the text gives a person or organization right at this mention, and whether it vouches for an
    actor: a title, office or appositive does; an occupation before a name ("Arsenal boss X") is also how
    people named in passing are introduced, so it does not on its own."""
    before = text[max(0, m.start - 80) : m.start]
    boundaries = list(_SENTENCE_END.finditer(before))
    before = before[boundaries[-1].end() :] if boundaries else before
    after = text[m.end : m.end + 120]
    after = re.sub(r"^\s*\([^()]{1,20}\)", "", after)  # "Tom Pike (R-Va.), ranking member of …"
    title = None
    vouches = True
    if m.label == "PERSON":
        # The title may be inside the entity ("President Vladimir V. Putin") or just before it.
        inner = _TITLE_PREFIX.match(" ".join(m.raw.split()))
        found = _ROLE_BEFORE.search(before)
        occupation = _OCCUPATION_BEFORE.search(before)
        first_word = m.raw.split()[0] if m.raw.split() else ""
        if first_word.lower() in _OCCUPATION_SET and len(m.raw.split()) >= 2:
            title, vouches = first_word, False
        elif inner:
            title = inner.group(0).strip()
            # "First Lady Jill Roe" tagged "Lady Jill Roe": the title may start before the entity.
            longer = _ROLE_BEFORE.search(before + title)
            if longer and len(longer.group(1)) > len(title) and longer.group(1).split()[0][:1].isupper():
                title = longer.group(1).strip()
        elif found:
            words = found.group(1).split()
            # A capitalized word that opens the sentence ("Yesterday Tottenham manager X", "The acting…") or that
            # the text also writes in lower case is not what the title is of.
            while len(words) > 1 and (
                words[0].lower() in _FUNCTION_WORDS | _SENTENCE_ADVERBS or words[0].lower() in common
            ):
                words = words[1:]
            title = " ".join(words)
        elif (framed := _OCCUPATION_FRAMED.search(before)) and after.startswith(","):
            title = _LEADING_DET.sub("", framed.group(1))
        elif (opener := before.strip()).lower() in _OCCUPATION_SET and opener[:1].isupper():
            title, vouches = opener, False  # "Witness Louie Solano told…": the occupation opens the sentence
        elif occupation:
            words = occupation.group(1).split()
            # "after his daughter X" → "daughter"; "O'Neill hopes jockey X" → "jockey".
            stops = _FUNCTION_WORDS | _PREPOSITIONS | _VERBS_BEFORE_ROLE | {"despite", "turn"}
            cut = [i for i, w in enumerate(words) if w.lower() in stops]
            words = words[cut[-1] + 1 :] if cut else words
            # A capitalized word that the text also writes in lower case opens the sentence ("Yesterday
            # respected analyst X"); it is not part of the role as a team or place name would be.
            while len(words) > 1 and words[0][:1].isupper() and words[0].lower() in common:
                words = words[1:]
            title, vouches = _LEADING_DET.sub("", " ".join(words)) or None, False
        if title and title.lower().rstrip(".") in {"mr", "mrs", "ms", "dr", "prof"}:
            title = None
    of_place = _OF_PLACE.match(after)
    # "President Macron of France. Charles praised…": the place ends at the sentence's full stop.
    place = re.split(r"\.\s", of_place.group(1))[0] if of_place else ""
    if title and of_place:
        return f"{title} of {place}", True
    appositive = _APPOSITIVE.match(after)
    if appositive:
        phrase = appositive.group(1).strip()
        phrase = re.sub(r"^(?:the|a|an)\s+", "", phrase)
        if _ROLE_NOUN.search(phrase) and len(phrase.split()) <= 10:
            return phrase, True
    if title and vouches:
        return title, True
    predicate = _PREDICATE_ROLE.match(after)
    if predicate and re.match(r"\s+as\b", after) and not _APPOINTS.search(before):
        predicate = None  # "on Snapgram as the striker took a break": "as" opens a clause about someone else
    if predicate:
        return _LEADING_DET.sub("", (predicate.group(1) or predicate.group(2)).strip()), True
    if title:
        return title, False
    if m.label == "PERSON" and of_place and place in _countries()[0]:
        return place, True
    return None


def _person_key(name: str) -> tuple[str, str]:
    words = [w for w in name.split() if w.lower() not in _NAME_SUFFIX]
    return (words[0].lower() if len(words) > 1 else "", words[-1].lower() if words else "")


def _same_first_name(a: str, b: str) -> bool:
    """ "J." and "John", "Alex" and "Alexander" may be one person; "Shamima" and "Sharmeena" are two."""
    a, b = a.rstrip("."), b.rstrip(".")
    return a.startswith(b) or b.startswith(a)


_LEGAL_FORM = re.compile(r",?\s+(?:Co|Corp|Inc|Ltd|LLC|plc|PLC|AG|SA|NV|Company|Corporation)\.?$")


def _acronym(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def _repair_spans(text: str, mentions: Sequence[Mention], common: frozenset[str]) -> list[Mention]:
    """Fix spans spaCy got slightly wrong, using the other mentions of the same text as evidence."""
    texts = {m.text for m in mentions}
    bodies = {m.text for m in mentions if m.label != "PERSON"}
    persons = texts - bodies
    surnames = {t.split()[-1] for t in persons if len(t.split()) >= 2}
    out = []
    for m in mentions:
        words = m.text.split()
        label = m.label
        # "Veterinarian Jane Roe", "Maverick Tottenham": a capitalized word glued to a name found elsewhere, when
        # it is capitalized only for opening the sentence or is an ordinary word ("Grand National" / "National"
        # stays). A one-word tail of a person is their surname ("Petra Lindqvist" / "Lindqvist"): kept.
        tail = " ".join(words[1:])
        # "Maverick Tottenham striker X": a two-word "person" whose tail is a body named elsewhere and which an
        # occupation follows is a body's name with a word glued on, not a first name and a surname.
        next_word = re.match(r"\s+([a-z][\w-]*)", text[m.end : m.end + 30])
        club = (
            tail in bodies
            and tail not in persons
            and bool(next_word and next_word.group(1) in _OCCUPATION_SET)
        )
        if (
            len(words) >= 2
            and tail in texts
            and words[0] not in _countries()[0]
            and (len(words) >= 3 or m.label != "PERSON" or club)
            # Where the first word itself stands: "The Pittsburgh Steelers" opens with "The", not "Pittsburgh".
            and (_opens_clause(text, m.start + max(0, m.raw.find(words[0]))) or words[0].lower() in common)
        ):
            words = words[1:]
            if m.label == "PERSON" and club:
                # "Maverick Tottenham striker X": the tail is the club named elsewhere, not a surname.
                label = next(b.label for b in mentions if b.text == tail and b.label != "PERSON")
        elif len(words) >= 3 and tail in persons and len(tail.split()) >= 2 and words[0] in bodies - persons:
            # A caption that lost its full stop: "McLaren Fernando Alonso" beside the team "McLaren" and "Fernando
            # Alonso" ("Andrew Lloyd Webber" beside "Andrew" and "Lloyd Webber" stays: Andrew is a person).
            words, label = words[1:], "PERSON"
        # "…at the shelter Veterinarian Jane Roe took…": an occupation glued on by a caption; _role_near keeps it.
        if len(words) >= 2 and words[0].lower() in _OCCUPATION_SET:
            words = words[1:]
        # "…in the Premier League Klopp chats…" tagged "Premier" + "League Klopp": the first word ends a name
        # found elsewhere that the text right before completes.
        before = text[max(0, m.start - 60) : m.start]
        if len(words) >= 2 and any(
            t.endswith(" " + words[0]) and before.endswith(t[: -len(words[0])]) for t in texts if " " in t
        ):
            words = words[1:]
        name = " ".join(words)
        start = m.start
        if words and name != m.text and (offset := m.raw.find(words[0])) > 0:
            start += offset  # the dropped words belong to the text before, where roles are looked for
        stripped = _HONORIFIC.sub("", name)
        if stripped != name and stripped:
            name, label = stripped, "PERSON"  # "Mr Hussen" is a person whatever spaCy said
        elif label != "PERSON" and (titled := _PERSON_TITLE.match(name)) and name[titled.end() :] in surnames:
            # "Magistrate Rinaudo" tagged a body beside "Ray Rinaudo": the title and a known surname are that
            # person. Only titles no body's name starts with ("General Mills" beside "Jane Mills" stays).
            name, label = name[titled.end() :], "PERSON"
        out.append(replace(m, text=name, label=label, start=start))
    return out


def _opens_clause(text: str, start: int) -> bool:
    """Whether a word at `start` opens a sentence, a line, a caption or a quote (so is capitalized anyway)."""
    before = text[max(0, start - 4) : start].rstrip()
    return not before or before[-1] in ".!?:;\"“‘'(\n–—-"


def _common_words(text: str) -> frozenset[str]:
    """Words the text writes in lower case: a capitalized one of them is an ordinary word, not a name."""
    return frozenset(re.findall(r"\b[a-z][a-z'-]+\b", text))


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
    into.demonym_mentions += c.demonym_mentions


def _merge_short_forms(clusters: dict[str, _Cluster]) -> None:
    """A short form merges into the one longer name it belongs to: a first name or initials into a person
    ("Julia" → "Julia Roe"), a name's tail or head into an organization ("Yankees" → "New York Yankees")."""
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
                    and (long_words[-len(words) :] == words or long_words[: len(words)] == words)
                )
            ):
                targets.append(other)
        if len(targets) == 1:
            _absorb(targets[0], c)
            del clusters[short]


def _merge(text: str, mentions: Sequence[Mention], common: frozenset[str]) -> list[_Cluster]:
    """`common` is `_common_words(text)`, which the caller needs too."""
    countries, demonyms = _countries()
    clusters: dict[str, _Cluster] = {}
    by_surname: dict[str, list[str]] = defaultdict(list)

    mentions = _repair_spans(text, mentions, common)

    # Place and country mentions map to their canonical country.
    def canonical(m: Mention) -> str:
        if m.acts and m.label in {"GPE", "LOC"} and m.text in _capitals():
            return _capitals()[m.text]  # "Athens has denied…": the capital speaks for its country
        return countries.get(m.text, m.text)

    # Full person names first, so a bare surname can find its person.
    persons = sorted(
        (m for m in mentions if m.label == "PERSON" and canonical(m) not in countries.values()),
        key=lambda m: -len(m.text.split()),
    )
    person_names: dict[str, str] = {}
    for m in persons:
        first, last = _person_key(m.text)
        if not last:
            continue
        target = None
        for name in by_surname.get(last, []):
            cfirst, _ = _person_key(name)
            if not first or not cfirst or _same_first_name(first, cfirst):
                target = name
                break
        if target is None and first:
            # A surname of two words written without the first name: "Duncan Smith" is "Iain Duncan Smith",
            # "Van Gaal" is "Louis van Gaal".
            tail = " " + m.text.lower()
            target = next((n for n in by_surname.get(last, []) if n.lower().endswith(tail)), None)
        if target is None and not first:
            # A lone word may be a first name ("Vladimir") of a known person, or a new person.
            for name in person_names.values():
                if _person_key(name)[0] == last:
                    target = name
                    break
        if target is None:
            target = m.text
            by_surname[last].append(target)
        person_names[m.text] = target

    for m in mentions:
        name = canonical(m)
        kind_label = m.label
        if m.label == "PERSON":
            if name in countries.values():
                kind_label = "GPE"
            else:
                name = person_names.get(m.text, name)
        elif m.label in {"ORG", "GPE", "LOC"}:
            # An ORG/GPE mention equal to a known person's surname is that person ("Putin" tagged ORG).
            _, last = _person_key(m.text)
            one_word = len(m.text.split()) == 1
            if one_word and last in by_surname and m.text not in countries:
                name, kind_label = by_surname[last][0], "PERSON"
            elif one_word and len(royals := _royals_titled(person_names.values(), last)) == 1:
                name, kind_label = royals.pop(), "PERSON"  # "the Queen" beside "Queen Elizabeth II"
        cluster = clusters.get(name)
        if cluster is None:
            cluster = clusters[name] = _Cluster(name=name)
        cluster.kind_votes[kind_label] += 1
        if len(m.text.split()) >= 2:
            cluster.full_votes[kind_label] += 1
        cluster.body_cues += m.body
        cluster.person_mentions += m.person
        cluster.team_mentions += m.team
        cluster.forms[m.text] += 1
        cluster.mentions += 1
        cluster.first = min(cluster.first, m.start)
        cluster.country = cluster.country or name in countries.values()
        if m.label == "NORP" or m.text in demonyms:
            cluster.demonym_mentions += 1
        cluster.acting_mentions += m.acts
        cluster.listed += m.listed
        if (
            m.acts
            and not re.search(r"\bby\s+(?:the\s+)?$", text[max(0, m.start - 8) : m.start], re.IGNORECASE)
            and not re.match(r"\s+[A-Z]", text[m.end : m.end + 3])  # "Liberal Democrat X": cut from a name
        ):
            cluster.subject_mentions += 1
        if _SETTING.search(text[max(0, m.start - 25) : m.start]):
            cluster.setting_mentions += 1
        if _LOCATIVE.search(text[max(0, m.start - 25) : m.start]):
            cluster.locative_mentions += 1
        if _SPEECH_AFTER.match(text[m.end : m.end + 120]) or _SPEECH_BEFORE.search(
            text[max(0, m.start - 80) : m.start]
        ):
            cluster.speaker = True
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

    _merge_short_forms(clusters)

    # Organizations: an acronym merges into the spelled-out name ("ISW" → "Institute for the Study of War").
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
    _merge_aliases(clusters)
    _merge_misspellings(clusters)
    return list(clusters.values())


def _merge_misspellings(clusters: dict[str, _Cluster]) -> None:
    """A body's name written once with a typo ("Adanced Towing" beside "Advanced Towing") is the same body.
    People are left alone: "Jon Roe" and "Jan Roe" may well be two people."""
    bodies = [
        c
        for c in clusters.values()
        if not c.country and c.kind_votes["PERSON"] < c.mentions and len(c.name) >= 8
    ]
    for a in bodies:
        for b in bodies:
            if a is b or a.name not in clusters or b.name not in clusters or b.mentions < a.mentions:
                continue
            if len(a.name.split()) == len(b.name.split()) and _one_edit(a.name, b.name):
                _absorb(b, a)
                del clusters[a.name]


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


def _kind(c: _Cluster) -> ActorKind:
    if c.name in _ORG_COUNTRIES:
        return "organization"
    person_votes = 2 * c.kind_votes["PERSON"] > c.kind_votes.total()
    # "Hyde Park" is a place however spaCy votes; "Dougie Hall", the Glasgow hooker, is a person.
    person_shown = person_votes and bool(c.roles or c.person_mentions or c.person_roles)
    if c.country or (_VENUE.search(c.name) and not person_shown):
        return "place"
    if c.team_mentions > c.locative_mentions and not person_votes:
        return "organization"  # "Newcastle boss X", "Liverpool are": the club, not the city
    if _BODY_HEAD.search(c.name):
        return "organization"  # "Montgomery County Police Department", however often "Montgomery County" is a place
    if c.roles and any(_ORG_NOUN.search(r) for r in c.roles) and c.kind_votes["PERSON"] == 0:
        return "organization"
    # spaCy reads a full name in more context than a bare "Dortmund" or "Julia": when it labels the full name
    # the same way at least twice, that label stands.
    votes = c.full_votes if len(c.full_votes) == 1 and c.full_votes.total() >= 2 else c.kind_votes
    label = max(votes.items(), key=lambda kv: (kv[1], kv[0] == "PERSON"))[0]
    if label == "PERSON":
        if (
            c.body_cues >= max(2, 2 * c.person_mentions + 1)
            and not c.roles
            and (
                all(len(f.split()) == 1 for f in c.forms)
                or (c.full_votes.total() and not c.full_votes["PERSON"])
            )
        ):
            # A one-word "person" the text writes as a body ("Labour have", "an Aldi", "Sky employers", "the
            # Steelers") and gives no role, whose full name, if the text gives one, is never tagged a person: a
            # body. "Messi fans" alone is not enough: "Corbyn supporters" are written so too.
            return "organization"
    elif c.kind_votes["PERSON"] and 2 * c.person_mentions >= max(4, c.body_cues + 1):
        return "person"  # "Julia, who…" twice, however often spaCy called "Julia" a body
    elif c.person_roles and not c.roles and not c.body_cues and len(c.name.split()) >= 2:
        return "person"  # "Wales prop Gethin Jenkins" tagged a place: an occupation before a full name
    return _LABEL_KIND.get(label, "organization")


def _is_event(c: _Cluster) -> bool:
    """A competition, election or other event ("Premier League"): not an actor, nor one "also named"."""
    return any(_EVENT.search(form) for form in (c.name, *c.forms))


def _is_actor(c: _Cluster, kind: ActorKind, *, in_title: bool, in_points: bool) -> bool:
    """Whether the text treats this name as one who acts, not as a setting, a source or a passing mention.

    The cues: a role the text gives, speaking, being the subject of a verb (`acting_mentions`), and for
    organizations being named often in the headline or key points without mostly being a place ("at Intermix")."""
    acts = c.acting_mentions
    if kind == "place":
        # "Greece has denied…" acts; "in Brisbane" and "Greek officials" locate or describe.
        return (acts >= 2 or (acts >= 1 and in_title)) and acts >= c.locative_mentions
    if c.speaker or c.strong_roles or (c.listed and kind == "organization"):
        # People listed together are as often a caption's cast ("X, Y and Z enjoy a joke") as parties.
        return True
    # An occupation ("Arsenal boss X") with a subject cue or a second mention; a kinship role ("her husband X")
    # never vouches.
    if (acts or c.mentions >= 2) and any(not _KIN.search(r.lower()) for r in c.roles):
        return True
    if kind == "person":
        return (acts >= 1 and c.mentions >= 2) or c.mentions >= 4
    if _is_event(c):
        return False
    # A body is rarely the subject of a verb in passing ("the Eurogroup would not release…"); being the agent
    # of a passive is often just a source ("obtained by Live Leak"), so that needs a second mention.
    return (
        (acts >= 1 and c.mentions >= 2)
        or c.subject_mentions >= 1
        or (c.mentions >= 3 and (in_title or in_points) and 2 * c.setting_mentions < c.mentions)
    )


def _best_role(pool: Sequence[str]) -> str:
    """The role the text gives most often, a fuller one counting the shorter ones it ends with ("Coronation
    Street actress" over "actress" said twice); ties go to the one given first, as a story introduces people."""
    counts = Counter(pool)

    def fuller(r: str, q: str) -> bool:
        # Only a name or a number makes a role fuller ("Seinfeld star", "26-year-old student"), not any word
        # a pattern caught ("billion firm's CEO").
        return r.lower().endswith(" " + q.lower()) and (r[:1].isupper() or r[:1].isdigit())

    support = {r: sum(n for q, n in counts.items() if q.lower() == r.lower() or fuller(r, q)) for r in counts}
    return max(counts, key=lambda r: support[r])  # max keeps the first of equals: Counter keeps text order


def _clean_role(role: str) -> str:
    role = _ABBREVIATED_TITLE.sub(lambda m: _TITLE_IN_FULL[m.group(0)], role)
    role = role.strip(" ,.'’\"”")
    # A quote the cut left open ("self-styled 'King of Instagram"): drop its opening mark.
    role = re.sub(r"(^|\s)['‘\"“](?=\w)(?![^'’\"”]*['’\"”])", r"\1", role)
    return role[:1].upper() + role[1:]


def extract_actors(
    text: str,
    *,
    title: str | None = None,
    key_points: Iterable[str] = (),
    limit: int = MAX_ACTORS,
    max_places: int = MAX_PLACES,
    nlp: Any | None = None,
) -> list[Actor]:
    """The story's actors, most salient first: at most `limit` people/organizations and `max_places` places."""
    report = analyse_actors(
        text, title=title, key_points=key_points, limit=limit, max_places=max_places, nlp=nlp
    )
    return report.actors


def analyse_actors(
    text: str,
    *,
    title: str | None = None,
    key_points: Iterable[str] = (),
    limit: int = MAX_ACTORS,
    max_places: int = MAX_PLACES,
    max_also_named: int = MAX_ALSO_NAMED,
    nlp: Any | None = None,
) -> ActorReport:
    """`extract_actors`, plus the people and organizations the story names without their acting in it."""
    # NER reads the body only: headlines are capitalized word by word (and URL-slug titles have no case at all),
    # which makes spaCy tag ordinary title words as names. The title still counts toward salience.
    analysed = bounded_prefix(text)
    mentions = find_mentions(analysed, nlp)
    common = _common_words(analysed)
    clusters = _merge(analysed, mentions, common)
    clusters = [
        c for c in clusters if not (len(c.name.split()) == 1 and not c.country and c.name.lower() in common)
    ]
    if not clusters:
        return ActorReport([], [])
    points = " ".join(key_points)
    length = max(1, len(analysed))
    scored: list[tuple[float, _Cluster, ActorKind]] = []
    named_only: list[_Cluster] = []
    for c in clusters:
        kind = _kind(c)
        forms = [f for f in c.forms if len(f) > 2]
        in_title = bool(title) and any(re.search(rf"\b{re.escape(f)}\b", title or "") for f in forms)
        in_points = sum(1 for f in forms if re.search(rf"\b{re.escape(f)}\b", points))
        weak = False
        if not _is_actor(c, kind, in_title=in_title, in_points=in_points > 0):
            # Named once as the subject of a verb: an actor only if the story has few stronger ones.
            if kind == "place" or not c.acting_mentions:
                if kind != "place" and not _is_event(c):
                    named_only.append(c)
                continue
            weak = True
        # Demonym mentions ("Russian troops") say less about a country acting than its name does.
        weight = c.mentions - 0.5 * c.demonym_mentions + min(c.acting_mentions, 3) + c.speaker + bool(c.roles)
        salience = weight + 2.0 * in_title + 1.0 * min(in_points, 2) + 2.0 * (1 - c.first / length)
        scored.append((salience - 100 * weak, c, kind))
    scored.sort(key=lambda t: (-t[0], t[1].first))

    actors: list[Actor] = []
    shown = places = 0
    for salience, c, kind in scored:
        if salience < -50 and shown >= MIN_ACTORS:
            if kind != "place":
                named_only.append(c)
            continue
        if kind == "place":
            if places >= max_places:
                continue
            places += 1
        else:
            if shown >= limit:
                named_only.append(c)
                continue
            shown += 1
        pool = c.strong_roles or c.roles or (c.person_roles if kind == "person" else [])
        role = _best_role(pool) if pool and kind != "place" else None
        if role and kind == "person":
            # Prefer a role with "of <place>" (the most specific the text gives).
            specific = [r for r in pool if " of " in r]
            role = specific[0] if specific else role
            if c.name.lower().startswith(role.lower() + " "):
                role = None  # "Prince Andrew — Prince": the title is already in the name
        aliases = tuple(sorted({f for f in c.forms if f != c.name}, key=lambda f: (-c.forms[f], f)))
        actors.append(
            Actor(
                name=c.name,
                kind=kind,
                role=_clean_role(role) if role else None,
                mentions=c.mentions,
                aliases=aliases,
            )
        )
    # In the order the story names them: "also named" is a reading aid, not a ranking.
    also_named = [c.name for c in sorted(named_only, key=lambda c: c.first)][:max_also_named]
    return ActorReport(actors, also_named)
