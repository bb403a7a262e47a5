"""Cleaning: turn what people forward into the story's text, and nothing else.

Two jobs, in order: repair the characters (mojibake, entities, invisible characters, whitespace), then drop the site
furniture line by line and paragraph by paragraph, then repair repeated fragments and sentences. Every rule keeps the
story's sentences, in order, with paragraph breaks; nothing here invents a word. A word said twice is left alone:
many languages double words on purpose ("pelan pelan"), and so do names.
All regexes are linear-time so a 5 MB paste costs milliseconds, not seconds.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Iterable

import ftfy

from bot.pipeline.text import DATELINE, SENTENCE_OPENERS, starts_in_lower_case

# Invisible characters that break tokenization: zero-width space/joiners, word joiner, BOM, soft hyphen, bidi marks.
_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
# C0/C1 control characters except tab and newline (binary garbage, form feeds).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# UTF-8 read as Latin-1/cp1252 leaves these lead bytes behind ("Ã©", "â€™", "Ð¿").
_MOJIBAKE_HINT = re.compile("[ÃÂâÐÑØÙ][\u0080-\u00bf\u2018-\u203a\u0152-\u0178\u02c6\u02dc]")
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_URL = re.compile(r"(?:https?://|www\.)\S+|\bt\.me/\S+", re.IGNORECASE)
_HASHTAG = re.compile(r"(?<![\w#])#(\w[\w-]*)")
_HANDLE = re.compile(r"(?<![\w@])@[A-Za-z]\w{3,}")

# Emoji and pictographs (with their modifiers); stripped from text, and a line made only of them is dropped.
_EMOJI = re.compile(
    "[\U0001f000-\U0001faff\U00002600-\U000027bf\U00002b00-\U00002bff\U0000fe0f\U0000200d"
    "\U0001f1e6-\U0001f1ff\U0001f3fb-\U0001f3ff\u2190-\u21ff\u2300-\u23ff\u25a0-\u25ff\u2700-\u27bf]"
)

# A row of share buttons: "Facebook · X · WhatsApp · Email".
_NETWORK = (
    r"(?:facebook|twitter|x|whatsapp|telegram|linkedin|reddit|email|print|copy\s+link|viber|vk|pinterest)"
)
_SHARE_BAR = rf"{_NETWORK}(?:\s*[|,·/•]\s*{_NETWORK})*"
# Whole lines that are site furniture, one named class each. Anchored at both ends and applied only to short lines,
# so a story sentence that merely contains "read more" is never dropped. Each alternative is a named group, so
# `furniture_rule` can say which class a dropped line was taken for (bench/dropped.py counts them).
_FURNITURE_RULES: tuple[tuple[str, str], ...] = (
    (
        "related",
        r"related(?:\s+(?:articles?|posts?|stories|news|content|topics?|coverage|reading))?(?:\s*:.{0,140})?",
    ),
    ("also_on_site", r"also\s+on\s+[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b.{0,160}"),
    (
        "reprint_notice",
        r"(?:to\s+order\s+presentation-ready\s+copies|this\s+copy\s+is\s+for\s+your\s+personal)\b.{0,160}",
    ),
    ("order_reprints", r"(?:order|buy|purchase)\s+reprints?"),
    (
        "enjoyed_this",
        r"if\s+you\s+(?:enjoyed|liked|enjoy|like|value)\s+(?:this|our)\s+(?:article|story|post|journalism|reporting)\b"
        r".{0,160}",
    ),
    ("tell_us", r"tell\s+us\s+what\s+you\s+think\b.{0,60}"),
    (
        "more_stories",
        r"(?:more|other|recommended|popular|trending|latest|top)\s+"
        r"(?:from\s+\S+(?:\s+\S+)?|stories|articles?|news|posts?|reads?|videos?)",
    ),
    ("you_may_like", r"you\s+(?:may|might)\s+(?:also\s+)?(?:like|be\s+interested\s+in|have\s+missed)"),
    ("back_to_top", r"(?:scroll\s+)?back\s+to\s+top(?:\s+button)?"),
    ("skip_links", r"go\s+to\s+top | skip\s+to\s+(?:main\s+)?content | jump\s+to"),
    (
        "read_more",
        r"(?:read|see|watch|continue\s+reading|learn)\s*"
        r"(?:more|also|next|full\s+(?:story|article)|the\s+full\s+(?:story|article))\b.{0,80}",
    ),
    ("see_also", r"see\s+also\b.{0,80}"),
    ("click_here", r"click\s+here\b.{0,80}"),
    (
        # A call to subscribe to what the site itself sends; "Sign up for a museum pass" may be the story's advice.
        "subscribe",
        r"(?:please\s+)?(?:subscribe|sign\s+up|register)(?:\s*[:!–—-].{0,120}|\s+(?:now|here|today)\b.{0,120}"
        r"|\s+(?:to|for|and|on|at|via|with)\b.{0,60}\b(?:our|us|newsletters?|channel|updates|alerts|notifications|news"
        r"|youtube|telegram)\b.{0,80})?",
    ),
    (
        "join_us",
        r"(?:please\s+)?join\s+(?:us|our|the\s+(?:channel|conversation|community|discussion))\b.{0,120}",
    ),
    ("follow_us", r"follow\s+(?:us|me)\b.{0,100}"),
    (
        "follow_our",
        r"follow\s+our\s+(?:\w+\s+){0,2}(?:channel|page|account|accounts|coverage|updates|feed|live\s+blog)\b.{0,80}",
    ),
    (
        # A button's label, nothing after it: "Like it or not, …" and "Share this information" are sentences.
        "share_button",
        r"(?:share|tweet|pin|email|print|save|like|comment)"
        rf"(?:\s+(?:this|it|the))?(?:\s+(?:article|story|post|page|link))?(?:\s*[:|–—-]\s*{_SHARE_BAR})?",
    ),
    ("share_on", r"share\s+(?:on|via)\s+\w+"),
    ("social_names", _SHARE_BAR),
    (
        "ad_label",
        r"(?:advertisement|advertising|sponsored(?:\s+content)?|ad|ads|promoted|partner\s+content|paid\s+content)",
    ),
    ("loading", r"(?:loading|please\s+wait)\W*"),
    ("previous_next", r"(?:previous|next)\s+(?:article|post|story|page)\b.{0,120}"),
    ("tags", r"(?:tags?|topics?|categories|category|filed\s+under)\s*:.{0,200}"),
    (
        "comments",
        r"(?:leave\s+a\s+(?:comment|reply)|comments?|\d+\s+comments?|add\s+comment|post\s+a\s+comment|view\s+comments)",
    ),
    (
        "copyright",
        r"(?:all\s+rights\s+reserved|copyright\s*(?:©|\(c\)|\d{4}|by\b|:|$)|copyright\s+\S+(?:\s+\S+){0,4}\s+\d{4}\b|©)"
        r".{0,200}",
    ),
    ("rights_reserved", r".{0,200}\ball\s+rights\s+reserved(?:\s*[.|·•–—-]\s*[^.]{0,100})?"),
    ("forwarded", r"(?:forwarded\s+from|переслано\s+от|переслано\s+из)\b.{0,120}"),
    ("ru_subscribe_button", r"подписаться(?:\s+на\s+канал)?(?:\s*[|·•].{0,60})?"),
    (
        "ru_subscribe",
        r"""(?:подписывайтесь|подпишитесь|подпишись|подписывайся|підписуйтесь|підпишіться|присоединяйтесь|читайте\s+нас|мы)
        \s+(?:на|к|в)\s+(?:наш\w*|нас|канал\w*|телеграм\w*|telegram|дзен\w*|vk|вконтакте|рассылк\w*|новост\w*|
        обновлени\w*|\S+-канал\w*)\b.{0,160}""",
    ),
    (
        "ru_read_also",
        r"(?:читайте|читать|смотрите|дивіться)\s+(?:также|також|далее|далі|полностью|повністю|ещё|еще|більше)\b.{0,120}",
    ),
    (
        "ru_more_on_topic",
        r"(?:(?:ещё|еще|другие\s+новости|новости)\s+по\s+теме|наш\s+(?:телеграм[\s-]?)?канал)\b.{0,120}",
    ),
    ("ru_on_our_channel", r".{0,80}\b(?:в|на)\s+нашем\s+(?:\S+-)?(?:канале|сайте|телеграм\w*)\b.{0,40}"),
    (
        "ru_all_news",
        r"(?:все\s+новости|новости\s+партн[её]ров|оставайтесь\s+с\s+нами|(?:предложить|прислать)\s+новость\b.{0,60})",
    ),
    ("ru_ad_label", r"реклама(?:\s*[.:|]\s*.{0,200})?"),
    ("ru_share_comments_tags", r"(?:поделиться|комментарии(?:\s*\(?\d+\)?)?|теги\s*:.{0,200})"),
    ("ru_rights_reserved", r"(?:.{0,100}\s)?все\s+права\s+защищены.{0,100}"),
    ("source_credit", r"(?:source|via|photo|image|credit|credits|photo\s+credit)\s*:\s*\S.{0,60}"),
    ("get_the_app", r"(?:download\s+(?:our|the)\s+app|get\s+the\s+app|open\s+in\s+app)\b.{0,80}"),
    (
        "cookies",
        r"(?:we\s+use\s+cookies|this\s+(?:site|website)\s+uses\s+cookies|accept\s+(?:all\s+)?cookies|"
        r"cookie\s+(?:policy|settings|preferences)).{0,300}",
    ),
    (
        "site_links",
        r"(?:privacy\s+policy|terms\s+of\s+(?:use|service)|contact\s+us|about\s+us)(?:\s*[|·•]\s*.{0,100})?",
    ),
    ("newsletter", r"(?:newsletter|breaking\s+news\s+alerts?)(?:\s*[:|–—-].{0,120}|\s+sign[\s-]?up)?"),
    ("watch_listen", r"(?:watch|listen)\s*(?:now|live|:).{0,80}"),
    (
        "updated_date",
        r"(?:updated|published|posted)(?:\s+(?:on|at)\b|\s*:|(?=\s+(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|"
        r"dec|mon|tue|wed|thu|fri|sat|sun)))\s*[\w\s,:.-]{0,40}\d{1,4}[\w\s,:.-]{0,40}",
    ),
)
_FURNITURE_LINE = re.compile(
    r"^\W*(?:" + "|".join(f"(?P<{name}>{pattern})" for name, pattern in _FURNITURE_RULES) + r")\W*$",
    re.IGNORECASE | re.VERBOSE,
)
_FURNITURE_MAX_CHARS = 160
# A wire story's credits, often longer than a furniture line: "Reporting by …; additional reporting by …; Editing by …".
_CREDIT_NAMES = r"[A-Z][\w.'’-]*(?:(?:\s+|,\s*|\s+and\s+|\s+in\s+)[A-Z][\w.'’-]*){0,15}"
_CREDIT_LINE = re.compile(
    rf"^\(?(?i:(?:additional\s+)?(?:reporting|writing|editing|compiled|research)\s+by)\s+{_CREDIT_NAMES}"
    rf"(?:\s*;\s*(?i:(?:additional\s+)?(?:reporting|writing|editing|compiled|research)\s+by)\s+{_CREDIT_NAMES}){{0,4}}"
    r"\s*[.)]?$"
)
# Reported speech ("…, the mayor told reporters.") marks a story sentence even when it opens like furniture
# ("Register now or lose your vote, the commission warned."); furniture never attributes itself.
_ATTRIBUTION = re.compile(
    r",\s+(?:[\w'’.-]+\s+){0,5}(?:said|says|told|warned|added|wrote|insisted|urged|argued|explained|"
    r"сообщил\w*|заявил\w*|рассказал\w*|отметил\w*|добавил\w*|пояснил\w*|подчеркнул\w*|советуют|считают|"
    r"сообщают|пишет|пишут|переда[её]т|говорится)\b[^,]{0,60}[.!?][\"”’»]?$"
)
# A picture or source credit ("Фото: пресс-служба правительства", "Источник — ТАСС"). In Russian news the same label
# also opens a story line ("Источник: в Кремле обсуждают отставку…"), told apart by its finite verb.
_CREDIT_RU = re.compile(
    r"^(?:источник|источники|фото|видео|фото\s+и\s+видео|джерело)\s*[:—–-]\s*(\S+(?:\s+\S+){0,7})$",
    re.IGNORECASE,
)
_VERB_RU = re.compile(r"\b(?!канал\b)[а-яё]+(?:л|ла|ли|ло|ет|ёт|ит|ют|ят|ут|ат|ется|ится|ются|ятся)\b")

# Paragraph-level promo: a site describing itself or asking to subscribe. Scored, not matched, because the
# wording varies ("News7F: Update the world's latest breaking news online…").
_PROMO_TERMS = re.compile(
    r"\b(?:breaking\s+news|latest\s+news|world'?s\s+latest|news\s+online|hot\s+news|24\s*/\s*7|updated?\s+(?:news|daily|"
    r"quickly|24)|every\s*day|of\s+the\s+day|mainstream\s+news|quickly\s+and\s+reliably|reliably|subscribe|"
    r"our\s+(?:channel|website|site|newsletter|app|page|readers)|follow\s+us|stay\s+(?:tuned|informed|updated)|"
    r"don'?t\s+miss|click|sign\s+up|notifications?|join\s+us|like\s+and\s+share|exclusive\s+content|"
    r"entertainment|images,\s+video|video\s+clips|top\s+stories|news\s+portal|news\s+site|news\s+website|"
    r"news\s+agency\s+that|your\s+(?:source|trusted)|trusted\s+source|fastest|start\s+your\s+day\s+with|"
    r"(?:free\s+)?(?:daily|weekly)\s+newsletter|delivered\s+(?:to|through)\s+your\s+(?:door|letterbox|inbox|mailbox)|"
    r"\d+\s+issues\s+for)\b",
    re.IGNORECASE,
)
_SITE_LABEL = re.compile(r"^[\w.\- ]{2,30}:\s")

_SENTENCE_END = re.compile(r"[.!?…。！？\"”»')\]]$")
# "word.Another" glued by bad copy-paste; require a lowercase run so "U.S.A" and "e.g.The" style stay intact.
_GLUED_SENTENCE = re.compile(r"(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])")
# A politician's pop-up card flattened into the sentence: the surname, glued to the full name, glued to the card's
# headlines, up to its "MORE" link ("Rep. Ada EzeAda Ngozi EzeHarbour Watch: Fares rise | … MORE (D) said").
# The longest surname that fits is the one glued on, so "Ocasio-Cortez", "O’Rourke", "McKay" stay whole; each
# glued word is written as a word is (a capital, then lower case), so an acronym said twice ("the FBI said the FBI
# agents…") is no card. Bounded runs keep it linear on a long capitalized "word" of junk (~10 µs a character).
_HOVER_CARD = re.compile(
    r"\b([A-Z][a-z'’-][\w'’-]{0,29})[A-Z][a-z][\w.'’-]{0,39}(?: [\w.'’-]{1,40}){0,3} \1(?=[A-Z][a-z]).{0,600}? MORE\b"
)
# Words a paragraph cannot end on: a page that cut a link or a line break out of a sentence left the rest of it in
# the next paragraph ("…gives the town an" | "easy link to the islands").
_DANGLING = frozenset({
    "a", "an", "the", "of", "to", "and", "or", "but", "with", "for", "in", "on", "at", "by", "from", "as", "that",
    "than", "into", "its", "their", "his", "her", "our", "your", "my",
})  # fmt: skip
# A fragment repeated right after a sentence end: "invasion of Ukraine. Ukraine." → "invasion of Ukraine.".
# Anchored on the sentence boundary (then compared with the text before it) so it stays linear-time.
_SHORT_SENTENCE = re.compile(r"(?<=[.!?])\s+((?:\w[\w'’-]*\s+){0,3}\w[\w'’-]*)([.!?])(?=\s|$)")
_SENT_SPLIT = re.compile(r"(?<=[.!?…])\s+(?=[\"“«(\[]?[A-ZА-ЯЁ0-9])")


def normalize_chars(text: str) -> str:
    """Repair characters: mojibake, HTML entities, Unicode form, invisible and control characters, spacing."""
    if "&" in text:
        text = html.unescape(text)
    if _MOJIBAKE_HINT.search(text):
        # ftfy is thorough but slow (~0.5 s/MB); run it only on lines that show mojibake's signature characters.
        text = "\n".join(
            ftfy.fix_text(line, normalization="NFC", unescape_html=False, uncurl_quotes=False)
            if _MOJIBAKE_HINT.search(line)
            else line
            for line in text.split("\n")
        )
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub(" ", text)
    text = _SPACES.sub(" ", text)
    return text


def _is_symbolic(line: str) -> bool:
    """True for a line with no words left once emoji, hashtags, handles and links are taken out."""
    rest = _EMOJI.sub("", _URL.sub("", _HANDLE.sub("", _HASHTAG.sub("", line))))
    return not any(ch.isalnum() for ch in rest)


def furniture_rule(line: str) -> str | None:
    """The class of furniture a whole line is taken for ("read_more", "wire_credits", …), or None for a story line."""
    stripped = line.strip()
    if not stripped:
        return None
    if _is_symbolic(stripped):  # emoji-only, hashtag-only, bare URL, bare @handle, "* * *"
        return "symbolic"
    if len(stripped) <= _FURNITURE_MAX_CHARS:
        m = _FURNITURE_LINE.match(_EMOJI.sub("", stripped).strip())
        if m and not _ATTRIBUTION.search(stripped):
            return m.lastgroup
    if len(stripped) <= 2 * _FURNITURE_MAX_CHARS and _CREDIT_LINE.match(stripped):
        return "wire_credits"
    credit = _CREDIT_RU.match(stripped)
    if credit and not _VERB_RU.search(credit.group(1)):
        return "ru_credit"
    if len(stripped) <= _FURNITURE_MAX_CHARS:
        # A short line that is mostly a link ("Subscribe: t.me/…", "More info: www.…"): links are never story text.
        if _URL.search(stripped):
            words = re.findall(r"[^\W\d_]{2,}", _URL.sub("", _HANDLE.sub("", stripped)))
            if len(words) <= 4:
                return "link_line"
        # A handle is a name, so a line with one is a credit or a quote's author ("Photo: @mquill", "— Marta Quill
        # (@mquill) May 4, 2019") and stays, unless a channel signs with its own name ("📢 Ellery Times |
        # @ellerytimes"). A bare handle is symbolic, above.
        handles = _HANDLE.findall(stripped)
        if len(handles) == 1 and _squash(_HANDLE.sub("", _EMOJI.sub("", stripped))) == _squash(handles[0]):
            return "channel_signature"
    return None


def _squash(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def is_furniture_line(line: str) -> bool:
    """A whole line that belongs to the site or channel, not to the story."""
    return furniture_rule(line) is not None


def is_promo_paragraph(paragraph: str) -> bool:
    """A site's self-description or a call to subscribe, e.g. "SiteName: Update the world's latest news 24/7…":
    promo terms thick on the ground, or after a label like a site's name, less thick. A story pasted as one long
    paragraph that opens like a label ("She said: …") and says "every day" twice is no promo."""
    hits = len(_PROMO_TERMS.findall(paragraph))
    density = hits / max(1, len(paragraph.split()))
    if hits >= 3 and density >= 0.06:
        return True
    return bool(_SITE_LABEL.match(paragraph) and hits >= 2 and density >= 0.03)


def _strip_inline_noise(line: str) -> str:
    """Inside a story line: drop emoji, trailing hashtag runs and bare links; keep a hashtag's word."""
    if line.isascii() and "#" not in line and "://" not in line and "www." not in line and "t.me" not in line:
        return line.strip()
    line = _EMOJI.sub("", line)
    line = re.sub(r"(?:\s*(?<![\w#])#\w[\w-]*){2,}\s*$", "", line)  # trailing "#news #world"
    line = _HASHTAG.sub(r"\1", line)
    line = _URL.sub("", line)
    return _SPACES.sub(" ", line).strip()


def _join_wrapped(lines: list[str]) -> list[str]:
    """Rebuild paragraphs: blank lines separate them; a hard-wrapped line continues when it ends mid-sentence
    and the next starts in lower case (email/plain-text wrapping)."""
    paragraphs: list[str] = []
    current: list[str] = []
    for raw in lines:
        line = raw.strip()
        if not line:
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        if current and not _SENTENCE_END.search(current[-1]) and line[:1].islower():
            current.append(line)
            continue
        if current:
            paragraphs.append(" ".join(current))
        current = [line]
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


def _join_broken(paragraphs: list[str]) -> list[str]:
    """Rejoin a paragraph that stops mid-sentence with the next: it goes on in lower case ("…shared online," |
    "show the ferry…") or it stopped on a word no sentence ends on ("…gives the town an" | "Easy link…"), unless
    the next one opens a sentence of its own ("…in the sunshine with" | "The council said…")."""
    joined: list[str] = []
    for paragraph in paragraphs:
        if joined and not _SENTENCE_END.search(joined[-1]):
            last = joined[-1].rsplit(maxsplit=1)[-1]
            opens = paragraph.split(maxsplit=1)[0].strip("\"'‘’“”,") in SENTENCE_OPENERS
            if starts_in_lower_case(paragraph) or (last.lower() in _DANGLING and not opens):
                joined[-1] = f"{joined[-1]} {paragraph}"
                continue
        joined.append(paragraph)
    return joined


def _drop_repeated_tails(paragraph: str) -> str:
    def repl(m: re.Match[str]) -> str:
        before = m.string[max(0, m.start() - len(m.group(1)) - 2) : m.start()]
        repeated = m.group(1) + m.group(2)
        if before.endswith(repeated) and (
            len(before) == len(repeated) or not before[-len(repeated) - 1].isalnum()
        ):
            return ""
        return m.group(0)

    return _SHORT_SENTENCE.sub(repl, paragraph)


def split_sentences_simple(paragraph: str) -> list[str]:
    """A fast, language-neutral splitter used for de-duplication (the summarizer uses punkt)."""
    return [s for s in _SENT_SPLIT.split(paragraph) if s]


def _sentence_key(sentence: str) -> str:
    return re.sub(r"\W+", " ", sentence.casefold()).strip()


_MAX_GLUED_RUN = 8  # sentences: a lead glued in twice is a few sentences long


def _dedupe_sentences(paragraphs: Iterable[str]) -> list[str]:
    """Drop a sentence said again where nobody repeats one on purpose, keeping the first copy: inside the same
    paragraph (copy-paste, a fact box flattened into the text), or in a run that repeats the sentences right
    before it (a reprint glues its lead in twice).

    A line repeated elsewhere is kept: FAQs, interviews, menus and product lists repeat their lines on purpose, in
    any language. Only sentences of some length count ("He said no. He said no." may be meant).
    """
    items = [
        (n, sentence, _sentence_key(sentence))
        for n, paragraph in enumerate(paragraphs)
        for sentence in split_sentences_simple(paragraph)
    ]
    kept: list[tuple[int, str, str]] = []
    in_paragraph: set[str] = set()
    i = 0
    while i < len(items):
        n, _, key = items[i]
        if kept and kept[-1][0] != n:
            in_paragraph = set()
        if len(key) >= 25 and key in in_paragraph:
            i += 1
            continue
        for run in range(1, min(_MAX_GLUED_RUN, len(kept), len(items) - i) + 1):
            if key != kept[-run][2]:
                continue  # the cheap test first: a 5 MB paste stays linear
            again = [item[2] for item in items[i : i + run]]
            if again == [item[2] for item in kept[-run:]] and any(len(k) >= 25 for k in again):
                i += run
                break
        else:
            kept.append(items[i])
            in_paragraph.add(key)
            i += 1
    out: list[list[str]] = []
    last = -1
    for n, sentence, _ in kept:
        if n != last:
            out.append([])
            last = n
        out[-1].append(sentence)
    return [" ".join(sentences) for sentences in out]


def _tidy_punctuation(paragraph: str) -> str:
    # Only "," and "." are pulled back: French sets a space before ; : ! ? on purpose.
    return re.sub(r"\s+([,.])(?=\s|$)", r"\1", paragraph)


# Repairs inside a paragraph, in order, each named for the trace.
_REPAIRS: tuple[tuple[str, Callable[[str], str]], ...] = (
    ("hover_cards", lambda p: _HOVER_CARD.sub(r"\1", p) if " MORE" in p else p),
    ("glued_sentences", lambda p: _GLUED_SENTENCE.sub(" ", p)),
    ("repeated_tails", _drop_repeated_tails),
    ("punctuation", _tidy_punctuation),
)


def clean_text(text: str, trace: Callable[[str, str], None] | None = None) -> str:
    """Return the story's text: furniture dropped, characters and duplications repaired, paragraphs kept.

    `trace`, if given, is called with each step's name and the text after it (bench/dropped.py uses it to tell
    which step lost a story line).
    """

    def note(step: str, parts: list[str], sep: str = "\n\n") -> None:
        if trace is not None:
            trace(step, sep.join(parts))

    text = normalize_chars(text)
    note("characters", [text])
    lines = [line for line in text.split("\n") if not is_furniture_line(line)]
    note("furniture_lines", lines, "\n")
    lines = [_strip_inline_noise(line) if line.strip() else "" for line in lines]
    note("inline_noise", lines, "\n")
    paragraphs = [p for p in _join_broken(_join_wrapped(lines)) if not is_promo_paragraph(p)]
    note("promo_paragraphs", paragraphs)
    for name, repair in _REPAIRS:
        paragraphs = [repair(p) for p in paragraphs]
        note(name, paragraphs)
    repaired = [p.strip() for p in paragraphs if p.strip() and any(ch.isalnum() for ch in p)]
    if repaired:
        repaired[0] = DATELINE.sub("", repaired[0]) or repaired[0]
    note("dateline", repaired)
    cleaned = "\n\n".join(_dedupe_sentences(repaired))
    note("duplicate_sentences", [cleaned])
    return cleaned


def word_count(text: str) -> int:
    return len(re.findall(r"\w+(?:['’-]\w+)*", text))


def looks_binary(text: str) -> bool:
    """Decoded bytes that were never text: many NULs/control characters or replacement characters."""
    if not text:
        return False
    sample = text[:4096]
    bad = sum(1 for ch in sample if ch == "\ufffd" or (ord(ch) < 32 and ch not in "\n\r\t"))
    return bad / len(sample) > 0.05


_FORWARDED = re.compile(
    r"^\s*(?:forwarded\s+from|переслано\s+от)\s*:?\s*(.{1,100}?)\s*$", re.IGNORECASE | re.MULTILINE
)


def forwarded_from(text: str) -> str | None:
    """The channel or person named in a pasted "Forwarded from …" header, if the text starts with one."""
    m = _FORWARDED.match(text[:300].lstrip("\ufeff"))
    return f"Forwarded from {m.group(1)}" if m else None
