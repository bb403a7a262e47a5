"""The bot's own words in English and Russian: one `Texts` per language, plus translators for the English
messages and notes the pipeline core makes.

The UI language comes from the Telegram app's language (`User.language_code`): "ru…" gets Russian, anything else
English. Only the bot's own words change; an article's points and actors stay in the article's language.

Errors and digest notes are made in English by the core (fetch, extract, digest) and travel as data (a worker
process pickles them; the cache stores digests as JSON; the CLI prints them as they are). They are translated
here, at the edge, by recognising the known English texts; an unknown one is shown in English rather than lost.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

Lang = Literal["en", "ru"]
LANGS: tuple[Lang, ...] = ("en", "ru")


def pick_language(code: str | None) -> Lang:
    """The UI language for a Telegram language code (IETF tag): "ru", "ru-RU" → "ru"; anything else → "en".

    Ukrainian and Belarusian users get English: a Russian UI is not what they asked their app for.
    """
    if code and re.split(r"[-_]", code.strip().lower(), maxsplit=1)[0] == "ru":
        return "ru"
    return "en"


def plural_ru(n: int, one: str, few: str, many: str) -> str:
    """The Russian noun form for a count: 1 слово, 2 слова, 5 слов; 11–14 take `many`, 21 takes `one`."""
    n = abs(n)
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def _ru_count(n: int, one: str, few: str, many: str) -> str:
    return f"{n} {plural_ru(n, one, few, many)}"


@dataclass(frozen=True)
class Texts:
    """Everything the bot writes itself, in one language. No field has a default, so a language that misses one
    does not even import (and mypy says which)."""

    # Digests (render.py)
    digest: str  # the title of a digest that has none
    whos_who: str
    also_named: str
    source: str  # the link text when a digest's source has no readable name
    key_points_heading: str  # plain text
    actors_heading: str  # plain text
    kind_person: str
    kind_organization: str
    kind_place: str
    words_and_reading_time: Callable[[int, int], str]  # (words, minutes)
    mentions: Callable[[int], str]
    forwarded_from: Callable[[str], str]
    hidden_sender_credit: str  # the whole credit of a post forwarded from a hidden sender

    # Chat messages (handlers.py); HTML where noted
    start: Callable[[str], str]  # HTML; the bot's @username
    help: Callable[[str], str]  # HTML; the bot's @username
    reading: str  # HTML: the placeholder while a slow digest is made
    updated_below: str  # HTML: an old part of a digest that was rewritten below
    already_updated: str
    usage_hint: str  # HTML, one line
    apology: str
    nothing_to_read: str
    unknown_command: str
    recently_summarized: str
    rate_limited: Callable[[int], str]  # seconds to wait
    auto_groups_only: str
    auto_state: Callable[[bool], str]  # HTML
    auto_admins_only: str
    auto_turned_off: str
    auto_turned_on: str
    auto_privacy_note: str  # HTML, appended to auto_turned_on
    settings_view: Callable[[int, bool], str]  # HTML; (points, actors shown)
    settings_points_button: Callable[[int], str]
    hide_actors: str
    show_actors: str
    settings_admins_only: str
    saved: str

    # The keyboard under a digest and the answers to its buttons
    fewer_points: Callable[[int], str]
    more_points: Callable[[int], str]
    open_source: str
    key_points_count: Callable[[int], str]
    digest_too_old_chat: str
    digest_too_old_inline: str
    wait_a_moment: str
    original_gone: str
    message_deleted: str

    # Inline mode
    inline_hint: str
    too_many_requests_title: str
    too_many_requests_text: str
    still_reading_title: str
    still_reading_text: str
    cannot_summarize_title: str

    # Command menus: (command, description); the same commands, in the same order, in every language
    private_commands: tuple[tuple[str, str], ...]
    group_commands: tuple[tuple[str, str], ...]


def _en_start(username: str) -> str:
    return (
        "Hi! Send me an article and I'll answer with a short digest: the key points and who is involved.\n\n"
        "• paste the text, or forward a channel post\n"
        "• send a link\n"
        "• send a .txt or .html file (up to 2 MB)\n\n"
        f"In groups, reply <code>/summary</code> to a message. In any chat, type <code>@{username} link</code>.\n"
        "/help for an example, /settings to change the number of key points."
    )


def _en_help(username: str) -> str:
    return (
        "<b>How to use me</b>\n"
        "Send an article's text, a forwarded post, a link, or a .txt/.html file. Example:\n"
        "<code>https://example.com/news/2024/city-council-votes-on-new-budget</code>\n\n"
        "<b>In groups</b>: reply <code>/summary</code> (or /tldr, /sum) to a message, or send "
        "<code>/summary https://…</code>. Admins can turn on <code>/auto on</code> to digest every link.\n"
        f"<b>Inline</b>: type <code>@{username} https://…</code> in any chat.\n"
        "<b>Settings</b>: /settings — 3, 5 or 8 key points; actors on or off."
    )


def _en_settings(points: int, show_actors: bool) -> str:
    return (
        "<b>Settings for this chat</b>\n"
        f"Key points per digest: <b>{points}</b>\n"
        f"Named actors: <b>{'shown' if show_actors else 'hidden'}</b>"
    )


EN = Texts(
    digest="Digest",
    whos_who="Who's who",
    also_named="Also named",
    source="source",
    key_points_heading="Key points:",
    actors_heading="Actors:",
    kind_person="person",
    kind_organization="organization",
    kind_place="place",
    words_and_reading_time=lambda words, minutes: f"{words} words, {minutes} min read",
    mentions=lambda n: f"{n} mention{'s' if n != 1 else ''}",
    forwarded_from=lambda name: f"Forwarded from {name}",
    hidden_sender_credit="Forwarded from a hidden sender",
    start=_en_start,
    help=_en_help,
    reading="<i>Reading…</i>",
    updated_below="<i>(digest updated below)</i>",
    already_updated="Already updated: the digest is below.",
    usage_hint=(
        "Reply <code>/summary</code> to a message with an article or a link, or send "
        "<code>/summary https://…</code>."
    ),
    apology="Sorry, something went wrong on my side while reading that. Please try again in a minute.",
    nothing_to_read="Send me an article's text, a link, or a .txt/.html file, and I'll summarize it.",
    unknown_command="I don't know that command. /help shows what I can do.",
    recently_summarized=(
        "I summarized this link here less than an hour ago — see the digest this message replies to."
    ),
    rate_limited=lambda wait: (
        f"That's a lot of reading at once — please give me about {wait} s before the next one. "
        "I'll skip requests until then."
    ),
    auto_groups_only="Auto mode is for groups. Here I read everything you send me anyway.",
    auto_state=lambda on: (
        f"Auto mode is {'on' if on else 'off'}. Admins can use <code>/auto on</code> or <code>/auto off</code>."
    ),
    auto_admins_only="Only group admins can change auto mode.",
    auto_turned_off="Auto mode is off. Use /summary to ask for a digest.",
    auto_turned_on="Auto mode is on: I'll post a digest for every link shared here (one per link per hour).",
    auto_privacy_note=(
        "\n\n<b>Note:</b> with privacy mode on I only see commands and replies to me. To see links, make me "
        "an admin here, or turn privacy off in @BotFather (/setprivacy → Disable) and re-add me."
    ),
    settings_view=_en_settings,
    settings_points_button=lambda p: f"{p} points",
    hide_actors="Hide actors",
    show_actors="Show actors",
    settings_admins_only="Only group admins can change these settings.",
    saved="Saved.",
    fewer_points=lambda n: f"Fewer points ({n})",
    more_points=lambda n: f"More points ({n})",
    open_source="Open the source",
    key_points_count=lambda n: f"{n} key points",
    digest_too_old_chat="This digest can't be changed any more; send the article again.",
    digest_too_old_inline="This digest can't be changed any more; send the link again.",
    wait_a_moment="One moment — too many requests. Try again shortly.",
    original_gone="I can't find the original message any more; send it again.",
    message_deleted="That message was deleted; send the link again.",
    inline_hint="Paste a link to summarize",
    too_many_requests_title="Too many requests",
    too_many_requests_text="Please wait a minute and try again.",
    still_reading_title="Still reading…",
    still_reading_text="That page is taking a while. Try again in a few seconds.",
    cannot_summarize_title="Couldn't summarize that link",
    private_commands=(
        ("start", "What I do"),
        ("help", "How to use me, with an example"),
        ("summary", "Summarize a link: /summary https://…"),
        ("settings", "Key points and actors for this chat"),
    ),
    group_commands=(
        ("summary", "Reply to a message, or /summary https://…"),
        ("tldr", "Same as /summary"),
        ("auto", "Admins: /auto on|off — digest every link"),
        ("settings", "Key points and actors for this group"),
        ("help", "How to use me"),
    ),
)


# Russian: the bot speaks of itself in the present tense ("не открываю", "читаю"), so no sentence needs a gender.
def _ru_start(username: str) -> str:
    return (
        "Привет! Пришлите мне статью — я отвечу коротким дайджестом: ключевые моменты и действующие лица.\n\n"
        "• вставьте текст или перешлите пост из канала\n"
        "• отправьте ссылку\n"
        "• отправьте файл .txt или .html (до 2 МБ)\n\n"
        "В группах ответьте <code>/summary</code> на сообщение. В любом чате наберите "
        f"<code>@{username} ссылка</code>.\n"
        "/help — пример, /settings — сколько ключевых моментов показывать."
    )


def _ru_help(username: str) -> str:
    return (
        "<b>Как мной пользоваться</b>\n"
        "Пришлите текст статьи, пересланный пост, ссылку или файл .txt/.html. Например:\n"
        "<code>https://example.com/news/2024/city-council-votes-on-new-budget</code>\n\n"
        "<b>В группах</b>: ответьте <code>/summary</code> (или /tldr, /sum) на сообщение или отправьте "
        "<code>/summary https://…</code>. Администраторы могут включить <code>/auto on</code> — тогда "
        "дайджест будет приходить на каждую ссылку.\n"
        f"<b>В любом чате</b>: наберите <code>@{username} https://…</code>.\n"
        "<b>Настройки</b>: /settings — 3, 5 или 8 ключевых моментов; действующих лиц показать или скрыть."
    )


def _ru_settings(points: int, show_actors: bool) -> str:
    return (
        "<b>Настройки этого чата</b>\n"
        f"Ключевых моментов в дайджесте: <b>{points}</b>\n"
        f"Действующие лица: <b>{'показаны' if show_actors else 'скрыты'}</b>"
    )


RU = Texts(
    digest="Дайджест",
    whos_who="Кто есть кто",
    also_named="Также упомянуты",
    source="источник",
    key_points_heading="Ключевые моменты:",
    actors_heading="Действующие лица:",
    kind_person="человек",
    kind_organization="организация",
    kind_place="место",
    words_and_reading_time=lambda words, minutes: (
        f"{_ru_count(words, 'слово', 'слова', 'слов')}, {_ru_count(minutes, 'минута', 'минуты', 'минут')} чтения"
    ),
    mentions=lambda n: _ru_count(n, "упоминание", "упоминания", "упоминаний"),
    forwarded_from=lambda name: f"Переслано от {name}",
    hidden_sender_credit="Переслано от скрытого отправителя",
    start=_ru_start,
    help=_ru_help,
    reading="<i>Читаю…</i>",
    updated_below="<i>(обновлённый дайджест — ниже)</i>",
    already_updated="Уже обновлено: дайджест ниже.",
    usage_hint=(
        "Ответьте <code>/summary</code> на сообщение со статьёй или ссылкой либо отправьте "
        "<code>/summary https://…</code>."
    ),
    apology="Простите, у меня что-то пошло не так при чтении. Попробуйте ещё раз через минуту.",
    nothing_to_read="Пришлите текст статьи, ссылку или файл .txt/.html — я перескажу главное.",
    unknown_command="Такой команды я не знаю. /help — что я умею.",
    recently_summarized=(
        "Дайджест этой ссылки уже был здесь меньше часа назад — он в сообщении, на которое я отвечаю."
    ),
    rate_limited=lambda wait: (
        f"Слишком много запросов сразу — подождите около {wait} сек. До тех пор новые запросы я пропускаю."
    ),
    auto_groups_only="Авторежим — для групп. Здесь я и так читаю всё, что вы присылаете.",
    auto_state=lambda on: (
        f"Авторежим {'включён' if on else 'выключен'}. Администраторы управляют им командами "
        "<code>/auto on</code> и <code>/auto off</code>."
    ),
    auto_admins_only="Менять авторежим могут только администраторы группы.",
    auto_turned_off="Авторежим выключен. Чтобы получить дайджест, используйте /summary.",
    auto_turned_on=(
        "Авторежим включён: на каждую ссылку в этом чате я буду присылать дайджест "
        "(на одну и ту же ссылку — не чаще раза в час)."
    ),
    auto_privacy_note=(
        "\n\n<b>Важно:</b> в режиме приватности я вижу только команды и ответы мне. Чтобы видеть ссылки, "
        "мне нужны права администратора — или отключите приватность в @BotFather (/setprivacy → Disable) "
        "и добавьте меня в группу заново."
    ),
    settings_view=_ru_settings,
    settings_points_button=lambda p: _ru_count(p, "пункт", "пункта", "пунктов"),
    hide_actors="Скрыть действующих лиц",
    show_actors="Показать действующих лиц",
    settings_admins_only="Эти настройки могут менять только администраторы группы.",
    saved="Сохранено.",
    fewer_points=lambda n: f"Меньше пунктов ({n})",
    more_points=lambda n: f"Больше пунктов ({n})",
    open_source="Открыть источник",
    key_points_count=lambda n: _ru_count(n, "ключевой момент", "ключевых момента", "ключевых моментов"),
    digest_too_old_chat="Этот дайджест уже не изменить — пришлите статью ещё раз.",
    digest_too_old_inline="Этот дайджест уже не изменить — пришлите ссылку ещё раз.",
    wait_a_moment="Минутку — слишком много запросов. Попробуйте чуть позже.",
    original_gone="Не могу найти исходное сообщение — пришлите его ещё раз.",
    message_deleted="Это сообщение удалено — пришлите ссылку ещё раз.",
    inline_hint="Вставьте ссылку на статью",
    too_many_requests_title="Слишком много запросов",
    too_many_requests_text="Подождите минуту и попробуйте снова.",
    still_reading_title="Ещё читаю…",
    still_reading_text="Страница открывается долго. Попробуйте ещё раз через несколько секунд.",
    cannot_summarize_title="Не получилось сделать дайджест",
    private_commands=(
        ("start", "Что я умею"),
        ("help", "Как мной пользоваться, с примером"),
        ("summary", "Дайджест по ссылке: /summary https://…"),
        ("settings", "Ключевые моменты и действующие лица в этом чате"),
    ),
    group_commands=(
        ("summary", "Ответом на сообщение или /summary https://…"),
        ("tldr", "То же, что /summary"),
        ("auto", "Для админов: /auto on|off — дайджест каждой ссылки"),
        ("settings", "Ключевые моменты и действующие лица в группе"),
        ("help", "Как мной пользоваться"),
    ),
)

_TEXTS: dict[Lang, Texts] = {"en": EN, "ru": RU}


def texts(lang: Lang) -> Texts:
    return _TEXTS[lang]


# ----------------------------------------------------------------------------------------------------------------
# Language names. Keyed by the English name (what a digest carries in `language_name` and its notes), so old
# cached digests translate too.

_LANGUAGE_NAMES_RU = {
    "English": "английский", "French": "французский", "German": "немецкий", "Italian": "итальянский",
    "Spanish": "испанский", "Portuguese": "португальский", "Dutch": "нидерландский", "Swedish": "шведский",
    "Danish": "датский", "Norwegian": "норвежский", "Finnish": "финский", "Czech": "чешский",
    "Slovak": "словацкий", "Polish": "польский", "Ukrainian": "украинский", "Russian": "русский",
    "Greek": "греческий", "Hungarian": "венгерский", "Romanian": "румынский", "Turkish": "турецкий",
    "Estonian": "эстонский", "Slovene": "словенский", "Arabic": "арабский", "Hebrew": "иврит",
    "Chinese": "китайский", "Japanese": "японский", "Korean": "корейский", "Thai": "тайский", "Hindi": "хинди",
    "Persian": "персидский", "Indonesian": "индонезийский", "Vietnamese": "вьетнамский",
    "Bulgarian": "болгарский", "Serbian": "сербский", "Croatian": "хорватский", "Belarusian": "белорусский",
    "Kazakh": "казахский", "Georgian": "грузинский", "Armenian": "армянский", "Lithuanian": "литовский",
    "Latvian": "латышский", "Malay": "малайский", "Bengali": "бенгальский", "Urdu": "урду",
    "Tamil": "тамильский", "Malayalam": "малаялам",
}  # fmt: skip


def language_name(english_name: str, lang: Lang) -> str:
    """A language's name in the UI language; the English name (or the bare code) when there is no other."""
    if lang == "ru":
        return _LANGUAGE_NAMES_RU.get(english_name, english_name)
    return english_name


def source_label(label: str, lang: Lang) -> str:
    """A digest's non-link source in the UI language: the "Forwarded from …" credit is the bot's own words."""
    if lang == "en":
        return label
    if label == EN.hidden_sender_credit:
        return texts(lang).hidden_sender_credit
    prefix = EN.forwarded_from("")
    if label.startswith(prefix) and len(label) > len(prefix):
        return texts(lang).forwarded_from(label[len(prefix) :])
    return label


# ----------------------------------------------------------------------------------------------------------------
# Errors: the English `user_message` an error carries (from fetch, extract, digest, handlers) → Russian.
# tests/test_i18n.py reads every raise site in bot/ and fails when one of its messages is missing here.

_ERRORS_RU = {
    # The classes' default messages (bot/errors.py)
    "Something went wrong.": "Что-то пошло не так.",
    "There is no article text to summarize.": "Здесь нет текста статьи для пересказа.",
    "Couldn't open that link.": "Не удалось открыть эту ссылку.",
    "That link points to a private or internal address, so it was not opened.": (
        "Эта ссылка ведёт на частный или внутренний адрес, а такие я не открываю."
    ),
    "Couldn't reach that site (network error or timeout).": (
        "Не удалось связаться с сайтом (ошибка сети или тайм-аут)."
    ),
    "The site answered with an error.": "Сайт ответил ошибкой.",
    "That page doesn't look like an article.": "Эта страница не похожа на статью.",
    "That page is too large to read.": "Эта страница слишком большая, прочитать её не получится.",
    # Links (bot/fetch.py)
    "Links with an IPv6 zone index are not opened.": "Ссылки с индексом зоны IPv6 я не открываю.",
    "That doesn't look like a valid link.": "Это не похоже на правильную ссылку.",
    "That link spells its address in an unusual way, so it was not opened.": (
        "В этой ссылке адрес записан необычным образом, а такие ссылки я не открываю."
    ),
    "That link has an invalid host name.": "В этой ссылке неправильное имя сайта.",
    "That link is too long.": "Эта ссылка слишком длинная.",
    "Only http:// and https:// links can be opened.": "Я открываю только ссылки http:// и https://.",
    "Links with a user name or password in them are not opened.": (
        "Ссылки с именем пользователя или паролем я не открываю."
    ),
    "Couldn't find that site (the name does not resolve).": "Не удалось найти этот сайт (его имени нет в DNS).",
    "The site took too long to answer.": "Сайт слишком долго не отвечал.",
    "Couldn't connect to that site.": "Не удалось подключиться к сайту.",
    "The site sent a broken HTTP answer.": "Сайт прислал испорченный HTTP-ответ.",
    "The site sent a corrupt compressed page.": "Сайт прислал повреждённую сжатую страницу.",
    "That link redirects too many times.": "Эта ссылка перенаправляет слишком много раз.",
    "That link is not an article page.": "По этой ссылке не статья.",
    # Pages (bot/extract.py)
    "That page is empty.": "Эта страница пустая.",
    "This looks like a paywall: only a teaser is visible. Paste the article text instead.": (
        "Похоже, статья платная: виден только анонс. Пришлите вместо ссылки текст статьи."
    ),
    "This page asks you to log in. Paste the article text instead.": (
        "Эта страница просит войти в аккаунт. Пришлите вместо ссылки текст статьи."
    ),
    "This looks like a home page or a list of links, not an article. Send the link to one story.": (
        "Похоже, это главная страница или список ссылок, а не статья. Пришлите ссылку на один материал."
    ),
    "This page doesn't look like an article: there is almost no text on it.": (
        "Эта страница не похожа на статью: текста на ней почти нет."
    ),
    # Text (bot/digest.py)
    "That looks like a binary file, not text. Send the article's text or a link to it.": (
        "Похоже, это двоичный файл, а не текст. Пришлите текст статьи или ссылку на неё."
    ),
    "There is no text to summarize. Send an article's text or a link to it.": (
        "Здесь нет текста для пересказа. Пришлите текст статьи или ссылку на неё."
    ),
    # Files (bot/handlers.py)
    "I can read .txt and .html files. For anything else, paste the text or send a link.": (
        "Я читаю файлы .txt и .html. Иначе вставьте текст или пришлите ссылку."
    ),
    "That file is over 2 MB; send a shorter one or paste the part that matters.": (
        "Файл больше 2 МБ — пришлите файл покороче или вставьте нужную часть текста."
    ),
}

# HTTP statuses fetch names in its messages (bot/fetch.py _STATUS_NAMES), by code.
_STATUS_NAMES_RU = {
    401: "нужен вход",
    402: "нужна оплата",
    403: "доступ запрещён",
    404: "страница не найдена",
    410: "страница удалена",
    429: "слишком много запросов",
    451: "недоступно по юридическим причинам",
}


def _ru_status(m: re.Match[str]) -> str:
    status = int(m["status"])
    name = _STATUS_NAMES_RU.get(status, m["name"]) if m["name"] else None
    what = f"{status} ({name})" if name else str(status)
    if m["trouble"]:
        return (
            f"Сайт ответил кодом {what}: у него сейчас неполадки. Попробуйте позже или пришлите текст статьи."
        )
    return f"Сайт ответил кодом {what}. Пришлите вместо ссылки текст статьи."


_ERROR_PATTERNS_RU: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (
        re.compile(
            r"The site answered (?P<status>\d{3})(?: \((?P<name>[^)]*)\))?"
            r"(?:(?P<trouble>: it has a problem right now\. Try later, or paste the text instead\.)"
            r"|\. Paste the article text instead\.)"
        ),
        _ru_status,
    ),
    (
        re.compile(r"The connection to the site failed \((?P<what>.+)\)\."),
        lambda m: f"Соединение с сайтом прервалось ({m['what']}).",
    ),
    (
        re.compile(r"Couldn't reach that site \((?P<what>.+)\)\."),
        lambda m: f"Не удалось связаться с сайтом ({m['what']}).",
    ),
    (
        re.compile(r"The site sent its page in an unsupported encoding \((?P<what>.+)\)\."),
        lambda m: f"Сайт прислал страницу в неподдерживаемой кодировке ({m['what']}).",
    ),
    (
        re.compile(r"That link is not an article page \(it is (?P<what>.+)\)\."),
        lambda m: f"По этой ссылке не статья (а {m['what']}).",
    ),
    (
        re.compile(r"That text is too long \((?P<mb>\d+) MB\+\)\. Send the article itself or a link to it\."),
        lambda m: f"Текст слишком длинный (от {m['mb']} МБ). Пришлите саму статью или ссылку на неё.",
    ),
    (
        re.compile(
            r"That's too short to summarize \((?P<n>\d+) words\)\. Send the whole article or a link to it\."
        ),
        lambda m: (
            f"Слишком коротко для пересказа ({_ru_count(int(m['n']), 'слово', 'слова', 'слов')}). "
            "Пришлите статью целиком или ссылку на неё."
        ),
    ),
]


def _translate(
    text: str, exact: dict[str, str], patterns: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]]
) -> str | None:
    found = exact.get(text)
    if found is not None:
        return found
    for pattern, make in patterns:
        m = pattern.fullmatch(text)
        if m is not None:
            return make(m)
    return None


def error_text(message: str, lang: Lang) -> str:
    """An error's `user_message` in the UI language; the English message itself when it is not a known one (an
    unknown detail is better shown in English than lost)."""
    if lang == "en":
        return message
    return _translate(message, _ERRORS_RU, _ERROR_PATTERNS_RU) or message


# ----------------------------------------------------------------------------------------------------------------
# Digest notes (bot/digest.py: `actors_note` and `extra["notes"]`), stored in English with the digest.

_MISSING_RU = {
    "stemming and stop words": "стемминга и списка стоп-слов",
    "stemming": "стемминга",
    "stop words": "списка стоп-слов",
}


def _ru_language(english_name: str) -> str:
    return language_name(english_name, "ru")


_NOTE_PATTERNS_RU: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (
        re.compile(
            r"(?P<lang>.+) is summarized without language-specific (?P<what>stemming and stop words|stemming|stop words)\."
        ),
        lambda m: (
            f"Язык статьи — {_ru_language(m['lang'])}: ключевые моменты выбраны без "
            f"{_MISSING_RU[m['what']]} для этого языка."
        ),
    ),
    (
        # The current wording, and the one before Russian actors (still in caches made before it).
        re.compile(
            r"Named actors are listed for (?P<which>English and Russian|English) articles only"
            r"(?:; this one is in (?P<lang>.+))?\."
        ),
        lambda m: (
            "Действующих лиц я выделяю только в статьях на "
            + ("английском и русском" if m["which"] == "English and Russian" else "английском")
            + (f", а язык этой статьи — {_ru_language(m['lang'])}." if m["lang"] else ".")
        ),
    ),
]


def note_text(note: str, lang: Lang) -> str:
    """A digest note in the UI language; the English note when it is not a known one."""
    if lang == "en":
        return note
    return _translate(note, {}, _NOTE_PATTERNS_RU) or note
