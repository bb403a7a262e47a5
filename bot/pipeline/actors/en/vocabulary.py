"""The English analysis's word lists and patterns: titles, occupations, the phrases around a name that give
its role, say it speaks or locate it, and the words that tell a body, an event or a venue by its name."""

from __future__ import annotations

import re

from bot.model import ActorKind

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
    "Attorney General|District Attorney|State Attorney|U\\.S\\. Attorney|Chief Magistrate|Magistrate|First Lady|Prosecutor|"
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
    rf"((?:(?:[A-Z][\w.'’-]*\s+){{0,2}}[A-Z][\w.-]*(?:'s|’s)\s+|(?-i:(?:[A-Z][\w.&'’-]*\s+){{1,4}}))?"
    rf"(?:(?:former|then|acting|interim|deputy|vice|chief|top|"
    # never the end of an "…-in-chief": "editor-in-chief X" is not "Chief" (a "co-CEO" is a CEO)
    rf"state|federal|foreign|defense|defence|finance)\s+)*(?<!-in-)\b(?:{_TITLE_WORDS})"
    # "Director of Public Prosecutions Alison Saunders", "Ambassador to Ukraine X": an office named after what it
    # is of or to.
    r"(?:\s+(?:of|to)\s+(?-i:(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}))?)\s*$",
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
    "administrator|columnist|commentator|correspondent|negotiator|mediator|envoy|diplomat|delegate|"
    "strategist|trader|banker|investor|consultant|lobbyist|treasurer|deputy|investigator|regulator|auditor|"
    "producer|creator|filmmaker|novelist|poet|playwright|composer|musician|guitarist|dancer|co-founder|"
    "physician|psychologist|psychiatrist|epidemiologist|biologist|physicist|chemist|astronomer|geologist|"
    "meteorologist|plaintiff|defendant|juror|cleric|athlete|sprinter|swimmer|cyclist|gymnast|wrestler|"
    "editor-in-chief|commander-in-chief|"
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
    # Never from inside a word: "the company's billionaire founder X" is "billionaire founder", not "s …".
    rf"(?<![\w'’-])((?:[A-Z][\w.'’-]*(?:'s|’s)?\s+){{0,3}}(?:(?:[a-z][\w-]*|\d+-year-old)\s+){{0,2}}(?:{_OCCUPATIONS}))\s+$"
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
# The look-ahead first: the look-behinds are tried only where a full stop is (a quarter of the time).
_SENTENCE_END = re.compile(
    "(?=[.!?])" + "".join(rf"(?<!\b{a})" for a in _ABBREVIATED) + r"(?<!\b[A-Z])[.!?][’'\"”]?\s+|\n"
)
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
    rf"|(?:[a-z][\w-]*\s+){{0,2}}(?i:{_OCCUPATIONS})(?:\s+(?:of|at|for|to|with)\s+[^,.;:()\"“”]{{2,70}}?)?"
    # ", Carlineo's attorney,", ", PG&E's principal meteorologist.": whose it is says it is a role
    r"|[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,2}(?:'s|’s)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3}"
    r"(?:\s+(?:of|at|for)\s+[^,.;:()\"“”]{2,50}?)?)"
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
# News outlets, by their name's last word or as the wire services and broadcasters most often cited: an outlet
# that reports, quotes or interviews is the story's source, not one of its actors.
_OUTLET = re.compile(
    r"(?:\s|^)(?:Times|Post|Journal|Herald|Tribune|Chronicle|Gazette|Guardian|Telegraph|Observer|Mirror|Express|"
    r"Independent|Daily|Online|News|Press|Magazine|Today|Courier|Examiner|Inquirer|Argus|Dispatch|Newsweek|"
    r"BBC|CNN|NBC|CBS|ABC|NPR|PBS|CNBC|MSNBC|Reuters|AFP|Bloomberg|Xinhua|TASS|Interfax|Politico|Axios|TMZ|"
    r"Al Jazeera|Associated Press|MailOnline)$"
)
# …or by the role the text gives it ("Belta, Belarusian state news agency").
_OUTLET_ROLE = re.compile(
    r"\b(?:news\s+(?:agency|outlet|site|website|channel|service)|newspaper|tabloid|broadcaster|magazine|"
    r"wire\s+service|(?:TV|television)\s+channel|radio\s+station)$",
    re.IGNORECASE,
)
# The verb after an outlet that makes it the source: "The Chronicle says…", "Reuters reported…".
_REPORTS = re.compile(
    r"\s+(?:(?:has|had|first|also|later)\s+)?(?:says|said|reports|reported|writes|wrote|quotes|quoted|cites|cited|"
    r"learned|obtained|revealed|reveals|interviewed|published|notes|noted)\b"
)
_ORG_COUNTRIES = {"European Union"}
# Organizations named for a building are where things happen, not who acts.
_VENUE = re.compile(
    r"\b(?:Museum|Hotel|Stadium|Arena|Airport|Square|Park|Hall|Theatre|Theater|Cathedral|Church|Mosque|Palace|"
    r"Bridge|Station|Mall|Gallery)$"
)
# The head noun of a body's name ("… Police Department", "… Select Committee"): the name says what it is.
_BODY_HEAD = re.compile(
    r"\s(?:Department|Police|Agency|Committee|Council|Party|Bank|University|Institute|Ministry|Bureau|Company|"
    r"Association|Commission|Authority|Corporation|Foundation|Trust|Academy|Society|Board|Inc|Ltd|plc|Corp|"
    # a club's own last word ("Manchester United" is a club however spaCy labels it)
    r"Club|United|FC|Athletic|Rovers|Wanderers|Albion|Hotspur)\.?$"
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

# A royal or papal title is part of how a one-name person is called ("Prince Andrew", "Queen Elizabeth II",
# "Pope Francis"), unlike "President Putin", whose title is his role.
_ROYAL_TITLES = (
    "Crown Prince|Crown Princess|King|Queen|Prince|Princess|Pope|Emperor|Empress|Duke|Duchess|Sultan|Sheikh"
)
_REGNAL = re.compile(rf"^(?:{_ROYAL_TITLES})\s+[A-Z][a-z]+(?:\s+(?:[IVX]+|the\s+[A-Z][a-z]+))?$")
# The title just outside the entity: "Queen" + "Elizabeth II".
_ROYAL_BEFORE = re.compile(rf"\b({_ROYAL_TITLES})\s+$")

# Prepositions whose object is a place or a thing acted on; subordinators ("after", "as", "while") and "by"
# (the agent of a passive) are not among them.
_PREPOSITIONS = {
    "in", "at", "from", "to", "near", "into", "onto", "of", "for", "with", "on", "about", "against", "over",
    "under", "between", "among", "across", "through", "throughout", "outside", "inside", "around", "behind",
    "beyond", "without", "within", "toward", "towards", "during", "despite", "like", "upon", "via",
}  # fmt: skip
# spaCy's tags of a proper noun.
_NAME_TAGS = {"NNP", "NNPS"}
# A one-word entity tagged so is a sentence's opening verb, adverb or superlative ("Scroll down…", "Nationally,",
# "Highest:"), not a name; a gerund may be one ("Reading had made a nightmare start").
_NOT_NAME_TAGS = frozenset({"VB", "VBP", "RB", "RBR", "RBS", "MD", "JJS"})
# Words that open a sentence before a name without being part of it ("Meanwhile Acme", "Yesterday Tottenham
# manager X").
_SENTENCE_ADVERBS = {
    "meanwhile", "yesterday", "today", "tonight", "however", "now", "then", "later", "earlier", "also", "still",
    "instead", "indeed", "elsewhere", "nevertheless", "overnight",
}  # fmt: skip
# A web address's ending on a body's name ("Carfinder.com" is Carfinder written as its site).
_WEB_ENDING = re.compile(r"\.(?:com|org|net|io|co\.uk|co|uk|au|ca|de|fr|in)$", re.IGNORECASE)
# A company's legal form at the end of its name ("Acme, Inc.", "Pacific Gas & Electric Co.").
_LEGAL_FORM = re.compile(r",?\s+(?:Co|Corp|Inc|Ltd|LLC|plc|PLC|AG|SA|NV|Company|Corporation)\.?$")
# What may come before a role and is not part of it ("after his daughter X", "O'Neill hopes jockey X").
_STOPS_BEFORE_ROLE = (
    _FUNCTION_WORDS
    | _PREPOSITIONS
    | _VERBS_BEFORE_ROLE
    | {"despite", "turn", "what", "whose", "where", "how", "why"}
)
# Words that open a clause after a name's comma, and verbs that make what follows a clause, not a role.
_OPENS_A_CLAUSE = frozenset({"who", "whom", "whose", "which", "that", "where", "when", "and", "or", "but"})
_VERBS_OF_A_CLAUSE = frozenset({
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "said", "says", "told",
    "added", "reported", "wrote", "explained", "announced", "confirmed", "noted", "warned",
})  # fmt: skip
# A word a name never ends on: what spaCy glued on from the next sentence or title ("Leeds United The", "Karo In").
_NEVER_LAST = frozenset({
    "The", "A", "An", "In", "On", "At", "For", "Of", "To", "With", "By", "From", "As", "And", "But", "Or",
    "Mr", "Mrs", "Ms", "Dr", "Mr.", "Mrs.", "Ms.", "Dr.",
})  # fmt: skip
