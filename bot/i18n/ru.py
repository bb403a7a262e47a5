"""The bot's own words in Russian; the core's English errors and notes in Russian are in `ru_core`."""

from __future__ import annotations

from bot.i18n.plural import ru_count
from bot.i18n.ru_core import RU_CORE
from bot.i18n.texts import Language, Texts


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
        "<b>Настройки</b>: /settings — 3, 4, 5 или 8 ключевых моментов; действующих лиц показать или скрыть; "
        "целые предложения или сокращённые."
    )


def _ru_settings(points: int, show_actors: bool, whole: bool) -> str:
    return (
        "<b>Настройки этого чата</b>\n"
        f"Ключевых моментов в дайджесте: <b>{points}</b>\n"
        f"Действующие лица: <b>{'показаны' if show_actors else 'скрыты'}</b>\n"
        f"Ключевые моменты: <b>{'целые предложения' if whole else 'сокращённые (без пояснений)'}</b>"
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
        f"{ru_count(words, 'слово', 'слова', 'слов')}, {ru_count(minutes, 'минута', 'минуты', 'минут')} чтения"
    ),
    characters_and_reading_time=lambda chars, minutes: (
        f"{ru_count(chars, 'знак', 'знака', 'знаков')}, {ru_count(minutes, 'минута', 'минуты', 'минут')} чтения"
    ),
    mentions=lambda n: ru_count(n, "упоминание", "упоминания", "упоминаний"),
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
    nothing_to_read="Я читаю текст, ссылки и файлы .txt, .html, .pdf или .md — пришлите что-то из этого.",
    unknown_command="Такой команды я не знаю. /help — что я умею.",
    recently_summarized=(
        "Дайджест этой ссылки уже был здесь меньше часа назад — он в сообщении, на которое я отвечаю."
    ),
    skipped=lambda n: (
        "Слишком много сообщений сразу: это сообщение пропущено. Пришлите его ещё раз через минуту."
        if n == 1
        else f"Слишком много сообщений сразу: пропущено {ru_count(n, 'сообщение', 'сообщения', 'сообщений')}, "
        "начиная с этого. Пришлите их ещё раз через минуту."
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
    settings_points_button=lambda p: ru_count(p, "пункт", "пункта", "пунктов"),
    hide_actors="Скрыть действующих лиц",
    show_actors="Показать действующих лиц",
    whole_sentences="Целые предложения",
    shortened_points="Сокращённые пункты",
    settings_admins_only="Эти настройки могут менять только администраторы группы.",
    saved="Сохранено.",
    fewer_points=lambda n: f"Меньше пунктов ({n})",
    more_points=lambda n: f"Больше пунктов ({n})",
    open_source="Открыть источник",
    key_points_count=lambda n: ru_count(n, "ключевой момент", "ключевых момента", "ключевых моментов"),
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

LANGUAGE = Language(texts=RU, core=RU_CORE)
