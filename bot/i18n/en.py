"""The bot's own words in English, the language the pipeline core writes its errors and notes in (so they need
no translation here)."""

from __future__ import annotations

from bot.i18n.texts import Language, Texts


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
        "<b>Settings</b>: /settings — 3, 4, 5 or 8 key points; actors on or off; whole sentences or shortened."
    )


def _en_settings(points: int, show_actors: bool, whole: bool) -> str:
    return (
        "<b>Settings for this chat</b>\n"
        f"Key points per digest: <b>{points}</b>\n"
        f"Named actors: <b>{'shown' if show_actors else 'hidden'}</b>\n"
        f"Key points: <b>{'whole sentences' if whole else 'shortened (asides left out)'}</b>"
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
    characters_and_reading_time=lambda chars, minutes: f"{chars} characters, {minutes} min read",
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
    nothing_to_read="I read text, links, and .txt, .html, .pdf or .md files — send me one of those to summarize.",
    unknown_command="I don't know that command. /help shows what I can do.",
    recently_summarized=(
        "I summarized this link here less than an hour ago — see the digest this message replies to."
    ),
    skipped=lambda n: (
        "Too many messages at once: I skipped this one. Please send it again in a minute."
        if n == 1
        else f"Too many messages at once: I skipped {n} messages, starting with this one. "
        "Please send them again in a minute."
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
    whole_sentences="Whole sentences",
    shortened_points="Shortened points",
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

LANGUAGE = Language(texts=EN, core=None)
