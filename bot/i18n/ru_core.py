"""The English the pipeline core makes, in Russian: errors' `user_message`s (exact ones, and HTTP statuses and
others with details), digest notes, and language names.

tests/test_i18n.py reads every raise site in bot/ and fails when one of its messages is missing here.
"""

from __future__ import annotations

import re

from bot.i18n.plural import ru_count
from bot.i18n.texts import CoreTranslation, Rule

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


# ----------------------------------------------------------------------------------------------------------------
# Errors: the English `user_message` an error carries (from fetch, extract, digest, handlers) → Russian.

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
    "That article was too much to read; try a shorter part of it or a link.": (
        "Эту статью прочитать не получилось; пришлите её часть покороче или ссылку."
    ),
    "That article took too long to read; try a shorter part of it or a link.": (
        "Эта статья читалась слишком долго; пришлите её часть покороче или ссылку."
    ),
    "That doesn't read as text in any language. Send an article's text or a link to it.": (
        "Это не похоже на текст на каком-либо языке. Пришлите текст статьи или ссылку на неё."
    ),
    # Links (bot/sources/: guard.py, transport.py, decompress.py, fetch.py)
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
    # Pages (bot/sources/extract.py)
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
    # Text (bot/pipeline/digest.py)
    "That looks like a binary file, not text. Send the article's text or a link to it.": (
        "Похоже, это двоичный файл, а не текст. Пришлите текст статьи или ссылку на неё."
    ),
    "There is no text to summarize. Send an article's text or a link to it.": (
        "Здесь нет текста для пересказа. Пришлите текст статьи или ссылку на неё."
    ),
    # Files (bot/telegram/incoming.py, bot/sources/: documents.py, pdf.py, word.py)
    "I can read .txt, .md, .html, .pdf and .docx files. For anything else, paste the text or send a link.": (
        "Я читаю файлы .txt, .md, .html, .pdf и .docx. Иначе вставьте текст или пришлите ссылку."
    ),
    "That file is over 2 MB; send a shorter one or paste the part that matters.": (
        "Файл больше 2 МБ — пришлите файл покороче или вставьте нужную часть текста."
    ),
    "That file is over 20 MB, more than a bot may download; send a smaller one or a link to it.": (
        "Файл больше 20 МБ, а бот может скачать не больше. Пришлите файл поменьше или ссылку на него."
    ),
    "This PDF has no text layer (a scan?); send the text or a link to it.": (
        "В этом PDF нет текстового слоя (это скан?). Пришлите текст или ссылку на него."
    ),
    "This PDF is locked with a password; send an unlocked copy or paste the text.": (
        "Этот PDF защищён паролем. Пришлите копию без пароля или вставьте текст."
    ),
    "This PDF is damaged or cut short, so I can't read it; send the whole file or paste the text.": (
        "Этот PDF повреждён или оборван, прочитать его не получается. Пришлите файл целиком или вставьте текст."
    ),
    "This Word file is locked with a password; send an unlocked copy or paste the text.": (
        "Этот файл Word защищён паролем. Пришлите копию без пароля или вставьте текст."
    ),
    "This Word file is damaged, so I can't read it; save it again as .docx or PDF, or paste the text.": (
        "Этот файл Word повреждён, прочитать его не получается. Сохраните его заново как .docx или PDF "
        "или вставьте текст."
    ),
}

# HTTP statuses fetch names in its messages (bot/sources/fetch.py _STATUS_NAMES), by code.
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


_ERROR_PATTERNS_RU: list[Rule] = [
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
            f"Слишком коротко для пересказа ({ru_count(int(m['n']), 'слово', 'слова', 'слов')}). "
            "Пришлите статью целиком или ссылку на неё."
        ),
    ),
    (
        re.compile(
            r"That's too short to summarize \((?P<n>\d+) characters\)\. Send the whole article or a link to it\."
        ),
        lambda m: (
            f"Слишком коротко для пересказа ({ru_count(int(m['n']), 'знак', 'знака', 'знаков')}). "
            "Пришлите статью целиком или ссылку на неё."
        ),
    ),
]


# ----------------------------------------------------------------------------------------------------------------
# Digest notes (bot/pipeline/digest.py: `actors_note` and `extra["notes"]`), stored in English with the digest.

_MISSING_RU = {
    "stemming and stop words": "стемминга и списка стоп-слов",
    "stemming": "стемминга",
    "stop words": "списка стоп-слов",
}


def _ru_language(english_name: str) -> str:
    return _LANGUAGE_NAMES_RU.get(english_name, english_name)


_NOTE_PATTERNS_RU: list[Rule] = [
    (
        re.compile(r"Only the part of this article before its paywall could be read: .+"),
        lambda m: (
            "Статья платная, и прочитать удалось только её начало: дайджест — о нём. "
            "Пришлите текст целиком, чтобы получить полный дайджест."
        ),
    ),
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


RU_CORE = CoreTranslation(
    language_names=_LANGUAGE_NAMES_RU,
    errors=_ERRORS_RU,
    error_rules=_ERROR_PATTERNS_RU,
    note_rules=_NOTE_PATTERNS_RU,
)
