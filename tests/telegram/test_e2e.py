"""End-to-end tests of the Telegram bot: the real Application, over HTTP, against the Bot API test server.

Every test injects updates into `tests/tgserver.py` (which the unmodified python-telegram-bot Application polls
through TELEGRAM_API_URL) and asserts on what the bot sent back. Links point at a small article site on loopback.
The digest pipeline, the fetcher, the cache and the store are the real ones.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import sqlite3
import time
from collections.abc import AsyncIterator, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aiohttp import ClientSession, web
from conftest import read_article

from bot.config import Settings
from bot.i18n import LANGS, texts
from bot.render import utf16_len
from bot.service import DigestService
from bot.store import DIGEST_MESSAGES_KEEP_SECONDS, INLINE_LINK_KEEP_SECONDS, LINK_MEMORY_SECONDS, Store
from bot.telegram.app import PRUNE_EVERY, build_application, start_application, stop_application
from bot.telegram.deps import DEPS_KEY, Deps
from bot.telegram.messages import MAX_MESSAGE_LEN
from bot.telegram.ratelimit import RateLimiter
from tools.loopback_server import LoopbackServer
from tools.tgserver import BotAPIServer, Call, strip_html

# ---------------------------------------------------------------------------------------------------------------
# Invented articles (written for these tests)

HARBOUR_ARTICLE = """\
Port Elwen approves harbour flood barrier after two-year dispute

The town council of Port Elwen voted on Tuesday to build a movable flood barrier across the mouth of the old \
harbour, ending a two-year dispute between fishing families and shop owners on the quay.

The barrier, designed by the engineering firm Calder & Moss, will cost about 48 million euros and is expected to \
be finished in 2027. Mayor Ines Varga said the vote was the most important decision the council had taken in a \
generation. "Every winter the sea comes a little further into the streets," she told reporters after the meeting.

Opponents had argued that a fixed wall would cut the fishing fleet off from the open sea during storms. The \
movable design answers that concern: its steel gates lie flat on the seabed and rise only when the tide gauge \
predicts a surge above two metres.

The regional water authority will pay sixty percent of the cost. The rest comes from a harbour levy on visiting \
cruise ships, which the council approved in the same session by a narrower margin of nine votes to six.

Tomas Reiner, who speaks for the Port Elwen Fishermen's Association, welcomed the compromise. He said the \
association would still watch closely how often the gates are closed during the herring season.

Construction is due to start next spring. The council expects the quay to stay open to pedestrians for most of \
the works, although the ferry terminal will move to a temporary pier for about eight months.
"""

LIBRARY_ARTICLE = """\
Northfield library reopens with a repair café and late hours

The public library in Northfield reopened on Saturday after an eleven-month renovation that added a repair \
café, a recording studio and opening hours until ten in the evening on weekdays.

Head librarian Dalia Okafor said the late hours were the change readers had asked for most often. Many people \
in the district work shifts at the Brennan logistics park and could not visit before the old closing time of \
six o'clock.

The repair café will open every second Sunday. Volunteers from the Northfield Makers Club will help visitors \
mend lamps, bicycles, clothes and small appliances, and the library will lend the tools. Organisers hope to keep \
about two tonnes of household goods out of the landfill each year.

The renovation cost 3.2 million euros, most of it from the national fund for public buildings. The city covered \
the rest after a public vote in which seventy-one percent of participants backed the project.

On the first day more than two thousand people came through the doors, according to the library. Children's \
author Pieter Lund read from his new book in the reading garden, and a brass band from the local school played \
on the steps.

The recording studio can be booked free of charge for two hours a week by anyone with a library card.
"""

NIGHT_TRAIN_PARAGRAPHS = """\
The overnight train between the harbour city of Merrow and the mountain town of Kessvik will run again \
from the first week of December, thirty years after the last sleeper carriage left the valley, the \
regional rail operator Valtora Lines announced on Thursday at a crowded meeting in Merrow.

Odile Marchetti, the chief executive of the regional rail operator Valtora Lines, said the company had \
bought eleven refurbished sleeper cars from a Danish leasing firm and fitted each of them with a shower, \
a small lounge and hooks for bicycles, as families had asked in the consultation.

Henrik Solberg, the transport minister in the national coalition government, said a bed in a six-berth \
compartment would cost about forty euros and a private cabin for two about one hundred and sixty euros, \
prices he described as fair for a trip that saves people a night in a hotel room.

Amara Osei, the director of the state infrastructure agency Railnet, said her engineers had spent most \
of the summer replacing worn sleepers and signals on the single-track line above Harrowgate, the largest \
repair of the mountain section since the tunnel under the Grey Pass opened in 1961.

Lena Vogt, a consumer advocate at the Valtora Travellers Union in Merrow, welcomed the return of the \
service but warned that the timetable leaves no room for delays, because the last bus from Kessvik to \
the villages of the Ander plateau leaves only twenty minutes after the train arrives.

Tomasz Wierzba, the head chef of the lounge car and a former cook at the Bellmont spa hotel, said the \
menu would feature cheese from the Bellmont dairy cooperative and wine from the southern slopes, and \
that it would change every month so that regular passengers never tire of it.

Ravi Anand, the spokesperson of the environmental campaign group Green Corridor, estimated that each \
full train replaces about two hundred car journeys over the Grey Pass, which he said would cut emissions \
and shorten the long weekend queues at the tunnel that cause so much anger in the valley.

Ingrid Paulsen, the chief finance officer of Harrowgate province, said the revival would cost about \
twenty-six million euros over five years, most of it from the national fund for regional rail, with the \
three provinces along the line sharing the rest according to how many stations each of them has.

Bruno Castellan, the chair of the Kessvik Hoteliers Association and owner of a guesthouse near the \
station, said his members feared that guests arriving at seven in the morning would want to check in at \
once, something that most small family-run guesthouses in the town cannot easily offer.

Sofia Lindahl, a mountain guide who leads walking tours on the Ander plateau every summer, said the \
twenty-four bicycle places, which can be booked for five euros each, would change how people plan their \
holidays in the valley, because they would no longer need a car to reach the trails.

Marek Dvorak, the mayor of the spa village of Bellmont and a former conductor on the old night train, \
said the village had waited three decades for this day and would hold a small party with a brass band on \
the platform when the first train stops there shortly after midnight in December.

Greta Holm, the head of the Kessvik tourism board and a former ski instructor, said the arrival time of \
seven in the morning was early enough for skiers to reach the first lift of the day, and that the board \
would sell combined tickets for the train journey and a day pass for the slopes.

Pieter Vos, a rail historian at the University of Merrow who has written two books about the line, said \
the old night train had stopped in 1994 because of falling passenger numbers and a shortage of \
carriages, and that the new timetable is almost identical to the one printed in 1979.
"""

# A keyword-stuffed headline and a long wire-service byline, as some pages carry in their metadata (extraction keeps
# page metadata whole); non-BMP emoji make the UTF-16 length differ from the code-point count.
NIGHT_TRAIN_TITLE = " | ".join(
    f"🚆🌙 {phrase}"
    for phrase in [
        "Night train returns to the Valtora valley after thirty years",
        "Merrow to Kessvik sleeper tickets, prices and timetable",
        "Valtora Lines night train: bicycle places, showers and a lounge car",
        "Bellmont spa village stop, Harrowgate repairs and Grey Pass tunnel",
        "Ander plateau hiking and Kessvik skiing by train",
        "Everything you need to know about the Valtora night train",
    ]
    * 4
)
NIGHT_TRAIN_BYLINE = (
    "Mira Castell, Johan Brandt, Aiyana Redfeather and Kofi Mensah-Larbi in Merrow; additional reporting by "
    "Dario Esposito in Kessvik, Nadia Haddad in Harrowgate and Yuki Tanabe in Bellmont; editing by Priya Raman"
)


# A news site's long dated slug: the link is in the digest's markup (the source link), so it counts towards the
# message limit as the bot measures it (tags included, to be safe).
NIGHT_TRAIN_PATH = (
    "/travel/2025/09/18/night-train-returns-to-the-valtora-valley-after-thirty-years-merrow-kessvik-sleeper-"
    "tickets-prices-timetable-bicycle-places-showers-lounge-car-bellmont-spa-village-stop-harrowgate-repairs-"
    "grey-pass-tunnel-ander-plateau-hiking-kessvik-skiing-by-train"
)


def night_train_page() -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in NIGHT_TRAIN_PARAGRAPHS.split("\n\n"))
    return (
        f"<!doctype html><html><head><title>{NIGHT_TRAIN_TITLE}</title>"
        f"<meta property='og:title' content='{NIGHT_TRAIN_TITLE}'>"
        "<meta property='og:site_name' content='Valtora Valley Courier 🏔'>"
        f"<meta name='author' content='{NIGHT_TRAIN_BYLINE}'>"
        "<meta property='article:published_time' content='2025-09-18T08:30:00Z'>"
        f"</head><body><article><h1>{NIGHT_TRAIN_TITLE}</h1>{paragraphs}</article></body></html>"
    )


TEASER = "The council finally decided about the harbour barrier — details here: "


def article_page(text: str, title: str) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n\n")[1:])
    return (
        f"<!doctype html><html><head><title>{title}</title><meta property='og:site_name' content='Elwen Courier'>"
        f"</head><body><nav><a href='/'>Home</a> | <a href='/sport'>Sport</a></nav><article><h1>{title}</h1>"
        f"{paragraphs}</article><footer>Subscribe to our newsletter</footer></body></html>"
    )


# ---------------------------------------------------------------------------------------------------------------
# Harness


class ArticleSite(LoopbackServer):
    """Article pages on loopback; each path can be slow or answer with an error status."""

    def add(self, path: str, body: str, *, status: int = 200, delay: float = 0.0) -> str:
        async def handler(_request: web.Request) -> web.StreamResponse:
            if delay:
                await asyncio.sleep(delay)
            return web.Response(status=status, text=body, content_type="text/html")

        self.route(path, handler)
        return self.url(path)


@pytest.fixture(scope="session")
def executor() -> Iterator[ThreadPoolExecutor]:
    # One pool for the whole session: the NLP models load once per test process, not once per test.
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="digest") as pool:
        yield pool


@dataclass
class Bot:
    server: BotAPIServer
    site: ArticleSite
    app: Any
    settings: Settings
    store: Any
    service: Any
    user: dict[str, Any]
    chat: dict[str, Any]
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def deps(self) -> Deps:
        return self.app.bot_data[DEPS_KEY]  # type: ignore[no-any-return]

    async def say(self, text: str, **kwargs: Any) -> dict[str, Any]:
        msg, _ = await self.server.send_text(self.chat, self.user, text, **kwargs)
        return msg

    async def answer_to(
        self, msg: dict[str, Any], *, chat_id: int | None = None, timeout: float = 30
    ) -> dict:
        """The bot's final answer to a message: its reply, once it is no longer the "Reading…" placeholder."""
        cid = chat_id if chat_id is not None else msg["chat"]["id"]

        def final() -> dict[str, Any] | None:
            for reply in self.server.replies_to(cid, msg["message_id"]):
                if reply.get("text", "") not in PLACEHOLDERS:
                    return reply
            return None

        return await self.server.wait_for(final, timeout)  # type: ignore[no-any-return]


PLACEHOLDERS = {strip_html(texts(lang).reading) for lang in LANGS}  # "Reading…" in every UI language


async def send_night_train(b: Bot, site: ArticleSite) -> tuple[str, dict[str, Any], dict[str, Any]]:
    """The long night-train article's link sent to the bot: (link, the user's message, the bot's answer)."""
    url = site.add(NIGHT_TRAIN_PATH, night_train_page())
    msg = await b.say(url)
    return url, msg, await b.answer_to(msg)


async def make_bot(
    server: BotAPIServer,
    site: ArticleSite,
    tmp_path: Path,
    executor: ThreadPoolExecutor,
    *,
    placeholder_delay: float = 0.6,
    limiter: RateLimiter | None = None,
    prune_every: float = PRUNE_EVERY,
    **overrides: Any,
) -> Bot:
    # The article site is on loopback, so private targets are allowed unless a test turns them off again.
    settings = Settings(
        telegram_token=server.token,
        telegram_api_url=server.url,
        data_dir=tmp_path,
        **{"allow_private_targets": True, "fetch_timeout": 5.0, "workers": 2, **overrides},
    )
    store = await Store.open(tmp_path / "newsbot.sqlite3")
    service = DigestService(settings, store, executor=executor)
    app = build_application(
        settings,
        service,
        store,
        limiter=limiter,
        placeholder_delay=placeholder_delay,
        prune_every=prune_every,
    )
    await start_application(app, settings, poll_timeout=1)
    user = server.user(5001, "Ann", username="ann_reads")
    return Bot(server, site, app, settings, store, service, user, server.private_chat(user))


async def close_bot(bot: Bot) -> None:
    await stop_application(bot.app)
    await bot.service.aclose()
    await bot.store.close()


@pytest.fixture
async def server() -> AsyncIterator[BotAPIServer]:
    async with BotAPIServer() as s:
        yield s


@pytest.fixture
async def site() -> AsyncIterator[ArticleSite]:
    s = ArticleSite()
    await s.start()
    yield s
    await s.stop()


@pytest.fixture
async def bot(
    server: BotAPIServer, site: ArticleSite, tmp_path: Path, executor: ThreadPoolExecutor
) -> AsyncIterator[Bot]:
    b = await make_bot(server, site, tmp_path, executor)
    yield b
    await close_bot(b)


def text_of(message: dict[str, Any]) -> str:
    return str(message.get("text", ""))


def sent_calls(server: BotAPIServer, method: str = "sendMessage") -> list[Call]:
    return [c for c in server.calls_of(method) if c.ok]


# ---------------------------------------------------------------------------------------------------------------
# Private chats


async def test_private_text_gets_a_digest_replying_to_it_in_html_without_preview(bot: Bot) -> None:
    msg = await bot.say(HARBOUR_ARTICLE)
    answer = await bot.answer_to(msg)
    text = text_of(answer)
    assert "flood barrier" in text.lower()
    assert "•" in text  # key points
    assert answer["reply_to_message"]["message_id"] == msg["message_id"]
    call = bot.server.last_call_for(answer)
    assert call.params["parse_mode"] == "HTML"
    assert call.params["link_preview_options"] == {"is_disabled": True}
    assert any(e["type"] == "bold" for e in answer["entities"])  # the title, parsed from HTML
    buttons = [b for row in answer["reply_markup"]["inline_keyboard"] for b in row]
    assert any(b.get("callback_data", "").startswith("pts:") for b in buttons)
    assert bot.server.calls_of("sendChatAction")[0].params["action"] == "typing"


async def test_slow_work_shows_reading_placeholder_then_edits_it_into_the_digest(
    server: BotAPIServer, site: ArticleSite, tmp_path: Path, executor: ThreadPoolExecutor
) -> None:
    b = await make_bot(server, site, tmp_path, executor, placeholder_delay=0.0)
    try:
        url = site.add("/slow", article_page(HARBOUR_ARTICLE, "Harbour barrier approved"), delay=0.5)
        msg = await b.say(url)
        answer = await b.answer_to(msg)
        placeholder_sends = [c for c in sent_calls(server) if c.params["text"].startswith("<i>Reading")]
        assert len(placeholder_sends) == 1
        edits = sent_calls(server, "editMessageText")
        assert edits and edits[-1].params["message_id"] == answer["message_id"]
        assert answer["message_id"] == placeholder_sends[0].result["message_id"]
        assert "barrier" in text_of(answer).lower()
        assert len(server.replies_to(b.chat["id"], msg["message_id"])) == 1  # edited, not a second message
    finally:
        await close_bot(b)


@pytest.mark.parametrize(
    ("origin", "credit"),
    [
        (
            {
                "type": "channel",
                "chat": {"id": -1002000, "type": "channel", "title": "Elwen Daily"},
                "message_id": 9,
            },
            "Forwarded from Elwen Daily",
        ),
        (
            {
                "type": "user",
                "sender_user": {"id": 77, "is_bot": False, "first_name": "Mara", "last_name": "Stein"},
            },
            "Forwarded from Mara Stein",
        ),
        ({"type": "hidden_user", "sender_user_name": "Quiet Reader"}, "Forwarded from Quiet Reader"),
    ],
)
async def test_forwarded_post_is_credited_to_its_origin(
    bot: Bot, origin: dict[str, Any], credit: str
) -> None:
    origin = {**origin, "date": int(time.time())}
    msg = await bot.say(LIBRARY_ARTICLE, forward_origin=origin)
    answer = await bot.answer_to(msg)
    assert credit in text_of(answer)
    assert "library" in text_of(answer).lower()


async def test_a_forwarded_russian_post_gets_its_actors_in_the_nominative_without_the_footer(
    bot: Bot,
) -> None:
    origin = {"type": "channel", "chat": {"id": -1002001, "type": "channel", "title": "Вести Элери"}}
    msg = await bot.say(read_article("ru-actors.txt"), forward_origin={**origin, "message_id": 4, "date": 1})
    text = text_of(await bot.answer_to(msg))
    assert "Андрей Сухов" in text and "Министр транспорта России" in text
    assert "Подписывайтесь" not in text
    assert "Named actors are listed" not in text


async def test_link_in_url_entity_is_fetched_and_digested_with_a_source_button(bot: Bot) -> None:
    url = bot.site.add("/news/harbour", article_page(HARBOUR_ARTICLE, "Harbour barrier approved"))
    msg = await bot.say(f"look {url}")
    answer = await bot.answer_to(msg)
    assert "barrier" in text_of(answer).lower()
    assert bot.site.hits("/news/harbour") == 1
    buttons = [b for row in answer["reply_markup"]["inline_keyboard"] for b in row]
    assert {"text": "Open the source", "url": url} in buttons


async def test_teaser_with_a_hidden_text_link_reads_the_link(bot: Bot) -> None:
    url = bot.site.add("/news/hidden", article_page(LIBRARY_ARTICLE, "Library reopens"))
    text = TEASER + "read more"
    entity = {"type": "text_link", "offset": len(TEASER), "length": len("read more"), "url": url}
    msg = await bot.say(text, entities=[entity])
    answer = await bot.answer_to(msg)
    assert bot.site.hits("/news/hidden") == 1  # only an entity carried this link
    assert "library" in text_of(answer).lower()


async def test_photo_caption_with_a_link_and_a_caption_with_text(bot: Bot) -> None:
    url = bot.site.add("/news/caption", article_page(HARBOUR_ARTICLE, "Harbour barrier approved"))
    with_link = bot.server.message(bot.chat, bot.user, caption=f"Big news {url}", photo=True)
    await bot.server.send(with_link)
    assert "barrier" in text_of(await bot.answer_to(with_link)).lower()
    assert bot.site.hits("/news/caption") == 1
    with_text = bot.server.message(bot.chat, bot.user, caption=LIBRARY_ARTICLE[:1000], photo=True)
    await bot.server.send(with_text)
    assert "library" in text_of(await bot.answer_to(with_text)).lower()


async def test_text_and_html_documents_are_digested(bot: Bot) -> None:
    txt, _ = await bot.server.send_document(
        bot.chat, bot.user, LIBRARY_ARTICLE.encode("utf-8"), "library.txt", "text/plain"
    )
    assert "library" in text_of(await bot.answer_to(txt)).lower()
    page = article_page(HARBOUR_ARTICLE, "Harbour barrier approved").encode("utf-8")
    htm, _ = await bot.server.send_document(bot.chat, bot.user, page, "harbour.htm", "text/html")
    answer = text_of(await bot.answer_to(htm))
    assert "barrier" in answer.lower()
    assert "Subscribe to our newsletter" not in answer
    assert len(bot.server.calls_of("getFile")) == 2


async def test_unsupported_or_oversized_documents_get_a_short_reason(bot: Bot) -> None:
    pdf, _ = await bot.server.send_document(
        bot.chat, bot.user, b"%PDF-1.7 ...", "report.pdf", "application/pdf"
    )
    assert ".txt and .html" in text_of(await bot.answer_to(pdf))
    big, _ = await bot.server.send_document(
        bot.chat, bot.user, b"x" * 100, "huge.txt", "text/plain", declared_size=3 * 1024 * 1024
    )
    assert "2 MB" in text_of(await bot.answer_to(big))
    assert not bot.server.calls_of("getFile")  # refused before downloading anything


async def test_dead_link_and_too_short_text_get_short_useful_errors(bot: Bot) -> None:
    url = bot.site.add("/locked", "<html>Forbidden</html>", status=403)
    msg = await bot.say(url)
    answer = text_of(await bot.answer_to(msg))
    assert "403" in answer
    assert "Traceback" not in answer and len(answer) < 300
    short = await bot.say("Hello there, how are you?")
    answer = text_of(await bot.answer_to(short))
    assert answer and "Traceback" not in answer and len(answer) < 300


# ---------------------------------------------------------------------------------------------------------------
# Groups


@pytest.fixture
def group(bot: Bot) -> dict[str, Any]:
    return bot.server.group(-4001, "Book club")


async def test_summary_as_reply_digests_a_message_the_bot_never_saw(bot: Bot, group: dict[str, Any]) -> None:
    alice = bot.server.user(6001, "Alice")
    article, delivered = await bot.server.send_text(group, alice, HARBOUR_ARTICLE)
    assert delivered is None  # privacy mode: the bot doesn't get plain group messages
    _command, delivered = await bot.server.send_text(group, bot.user, "/summary", reply_to=article)
    assert delivered is not None
    answer = await bot.answer_to(article)  # the digest replies to the article, not to the command
    assert "barrier" in text_of(answer).lower()


@pytest.mark.parametrize(
    "command", ["/summary {url}", "/tldr {url}", "/sum {url}", "/summary@NewsDigestTestBot {url}"]
)
async def test_summary_with_a_link_and_aliases(bot: Bot, group: dict[str, Any], command: str) -> None:
    url = bot.site.add("/g/link", article_page(LIBRARY_ARTICLE, "Library reopens"))
    msg, delivered = await bot.server.send_text(group, bot.user, command.format(url=url))
    assert delivered is not None
    assert "library" in text_of(await bot.answer_to(msg)).lower()


async def test_bare_summary_gets_a_one_line_usage_hint(bot: Bot, group: dict[str, Any]) -> None:
    msg, _ = await bot.server.send_text(group, bot.user, "/summary")
    answer = text_of(await bot.answer_to(msg))
    assert "/summary" in answer and "\n" not in answer.strip()


async def test_commands_for_other_bots_are_ignored(
    server: BotAPIServer, site: ArticleSite, tmp_path: Path, executor: ThreadPoolExecutor
) -> None:
    server.privacy = False  # so the command for the other bot does reach ours
    b = await make_bot(server, site, tmp_path, executor)
    try:
        grp = server.group(-4002, "Two bots")
        other, delivered = await server.send_text(
            grp, b.user, f"/summary@OtherNewsBot {HARBOUR_ARTICLE[:200]}"
        )
        assert delivered is not None
        ours, _ = await server.send_text(grp, b.user, "/summary@NewsDigestTestBot")
        await b.answer_to(ours)  # the bot has processed both updates by now (they're handled in order)
        await asyncio.sleep(0.3)
        assert server.replies_to(grp["id"], other["message_id"]) == []
    finally:
        await close_bot(b)


async def test_supergroup_summary_reply(bot: Bot) -> None:
    sg = bot.server.group(-1009000000001, "Readers HQ", supergroup=True)
    alice = bot.server.user(6002, "Alice")
    article, _ = await bot.server.send_text(
        sg,
        alice,
        LIBRARY_ARTICLE,
        forward_origin={
            "type": "chat",
            "sender_chat": {"id": -1007, "type": "channel", "title": "Northfield News"},
            "date": int(time.time()),
        },
    )
    await bot.server.send_text(sg, bot.user, "/tldr", reply_to=article)
    answer = text_of(await bot.answer_to(article))
    assert "library" in answer.lower() and "Forwarded from Northfield News" in answer


async def test_auto_mode_admins_only_then_every_link_once_per_hour(bot: Bot, group: dict[str, Any]) -> None:
    server = bot.server
    member = server.user(6003, "Bob")
    msg, _ = await server.send_text(group, member, "/auto on")
    assert "Only group admins" in text_of(await bot.answer_to(msg))
    server.set_member(group["id"], bot.user["id"], "administrator")
    msg, _ = await server.send_text(group, bot.user, "/auto on")
    answer = text_of(
        await server.wait_for(
            lambda: next(
                (m for m in server.bot_messages(group["id"]) if "Auto mode is on" in m.get("text", "")), None
            )
        )
    )
    assert "privacy mode" in answer  # the bot can't see plain messages yet, and says how to fix it
    server.make_bot_admin(group["id"])
    url = bot.site.add("/auto/1", article_page(HARBOUR_ARTICLE, "Harbour barrier approved"))
    first, delivered = await server.send_text(group, member, f"Have you seen this? {url}")
    assert delivered is not None
    digest = await bot.answer_to(first)
    assert "barrier" in text_of(digest).lower()
    _again, _ = await server.send_text(group, member, f"{url} !!")
    pointer = await server.wait_for(
        lambda: next(
            (m for m in server.bot_messages(group["id"]) if "less than an hour ago" in m.get("text", "")),
            None,
        )
    )
    assert pointer["reply_to_message"]["message_id"] == digest["message_id"]
    assert bot.site.hits("/auto/1") == 1
    msg, _ = await server.send_text(group, bot.user, "/auto off")
    await server.wait_for(
        lambda: any("Auto mode is off" in m.get("text", "") for m in server.bot_messages(group["id"]))
    )
    quiet, _ = await server.send_text(
        group, member, bot.site.add("/auto/2", article_page(LIBRARY_ARTICLE, "L"))
    )
    await asyncio.sleep(0.5)
    assert server.replies_to(group["id"], quiet["message_id"]) == []


async def test_plain_group_links_are_ignored_without_auto_mode(bot: Bot, group: dict[str, Any]) -> None:
    bot.server.make_bot_admin(group["id"])  # the bot sees everything, but auto mode is off
    url = bot.site.add("/quiet", article_page(HARBOUR_ARTICLE, "Harbour"))
    msg, delivered = await bot.server.send_text(group, bot.server.user(6004, "Cy"), url)
    assert delivered is not None
    hint, _ = await bot.server.send_text(group, bot.user, "/summary")
    await bot.answer_to(hint)
    assert bot.server.replies_to(group["id"], msg["message_id"]) == []
    assert bot.site.hits("/quiet") == 0


# ---------------------------------------------------------------------------------------------------------------
# Inline mode, buttons, settings


async def test_inline_query_with_a_link_answers_with_the_digest(bot: Bot) -> None:
    url = bot.site.add("/inline", article_page(LIBRARY_ARTICLE, "Library reopens"))
    qid, _ = await bot.server.inline_query(bot.user, f"{url}")
    answer = await bot.server.wait_for(lambda: bot.server.inline_queries[qid].get("answer"))
    (result,) = answer["results"]
    assert result["type"] == "article" and result["title"]
    assert "library" in strip_html(result["input_message_content"]["message_text"]).lower()
    # A second query for the same link is served from the cache: no second fetch.
    qid2, _ = await bot.server.inline_query(bot.user, f"{url}")
    await bot.server.wait_for(lambda: bot.server.inline_queries[qid2].get("answer"))
    assert bot.site.hits("/inline") == 1


async def test_inline_query_without_a_link_or_slow_link(bot: Bot) -> None:
    qid, _ = await bot.server.inline_query(bot.user, "what is this")
    answer = await bot.server.wait_for(lambda: bot.server.inline_queries[qid].get("answer"))
    assert answer["results"] == [] and answer["button"]["start_parameter"] == "inline_help"
    bot.deps.inline_deadline = 0.2
    url = bot.site.add("/inline-slow", article_page(HARBOUR_ARTICLE, "Harbour"), delay=1.0)
    qid, _ = await bot.server.inline_query(bot.user, url)
    answer = await bot.server.wait_for(lambda: bot.server.inline_queries[qid].get("answer"))
    assert answer["results"][0]["title"].startswith("Still reading")
    # The read went on in the background: the next query gets the digest.
    await asyncio.sleep(1.5)
    bot.deps.inline_deadline = 5
    qid, _ = await bot.server.inline_query(bot.user, url)
    answer = await bot.server.wait_for(lambda: bot.server.inline_queries[qid].get("answer"))
    assert "barrier" in strip_html(answer["results"][0]["input_message_content"]["message_text"]).lower()
    assert bot.site.hits("/inline-slow") == 1


def _points_in(message: dict[str, Any]) -> int:
    return text_of(message).count("• ")


async def test_more_and_fewer_points_buttons_edit_the_digest(bot: Bot) -> None:
    msg = await bot.say(HARBOUR_ARTICLE)
    answer = await bot.answer_to(msg)
    before = _points_in(answer)
    more = next(
        b["callback_data"]
        for row in answer["reply_markup"]["inline_keyboard"]
        for b in row
        if b.get("callback_data", "").startswith("pts:") and "More" in b["text"]
    )
    cid, _ = await bot.server.press_button(bot.user, answer, more)
    await bot.server.wait_for(lambda: bot.server.callback_queries[cid].get("answer"))
    edited = await bot.server.wait_for(
        lambda: next((m for m in bot.server.bot_messages(bot.chat["id"]) if m.get("edit_date")), None)
    )
    assert edited["message_id"] == answer["message_id"]
    assert _points_in(edited) > before
    fewer = next(
        b["callback_data"]
        for row in edited["reply_markup"]["inline_keyboard"]
        for b in row
        if "Fewer" in b["text"]
    )
    cid, _ = await bot.server.press_button(bot.user, edited, fewer)
    await bot.server.wait_for(lambda: bot.server.callback_queries[cid].get("answer"))
    await bot.server.wait_for(
        lambda: _points_in(bot.server.chats[bot.chat["id"]].messages[answer["message_id"]]) == before
    )


def _buttons(markup: dict[str, Any]) -> list[dict[str, Any]]:
    return [b for row in markup["inline_keyboard"] for b in row]


def _button_data(markup: dict[str, Any], label: str) -> str:
    return next(str(b["callback_data"]) for b in _buttons(markup) if b["text"].startswith(label))


async def test_inline_result_carries_the_more_and_fewer_points_buttons(bot: Bot) -> None:
    url = bot.site.add("/inline-kb", article_page(LIBRARY_ARTICLE, "Library reopens"))
    qid, _ = await bot.server.inline_query(bot.user, url)
    answer = await bot.server.wait_for(lambda: bot.server.inline_queries[qid].get("answer"))
    (result,) = answer["results"]
    buttons = _buttons(result["reply_markup"])
    texts = [b["text"] for b in buttons]
    assert (
        "Fewer points (3)" in texts and "More points (5)" in texts
    )  # the default 4 points, one step each way
    assert {"text": "Open the source", "url": url} in buttons
    assert all(b["callback_data"].startswith("pts:") for b in buttons if "callback_data" in b)


async def test_points_buttons_on_an_inline_digest_edit_it_by_inline_message_id(bot: Bot) -> None:
    url = bot.site.add("/inline-more", article_page(LIBRARY_ARTICLE, "Library reopens"))
    qid, _ = await bot.server.inline_query(bot.user, url)
    await bot.server.wait_for(lambda: bot.server.inline_queries[qid].get("answer"))
    inline_id = bot.server.send_inline_result(bot.user, qid)
    sent = bot.server.inline_messages[inline_id]
    assert _points_in(sent) == 4

    cid, _ = await bot.server.press_inline_button(
        bot.user, inline_id, _button_data(sent["reply_markup"], "More")
    )
    call = await bot.server.wait_call(
        "editMessageText", lambda c: c.params.get("inline_message_id") == inline_id
    )
    assert call.ok and call.result is True  # Telegram returns True, not a Message, for inline messages
    assert "chat_id" not in call.params and "message_id" not in call.params
    assert call.params["parse_mode"] == "HTML"
    edited = bot.server.inline_messages[inline_id]
    assert _points_in(edited) == 5
    assert "library" in text_of(edited).lower()
    # The toast comes once the edit is done, so it tells what happened.
    answer = await bot.server.wait_for(lambda: bot.server.callback_queries[cid].get("answer"))
    assert answer["text"] == "5 key points"
    texts = [b["text"] for b in _buttons(edited["reply_markup"])]
    assert "Fewer points (4)" in texts and "More points (6)" in texts

    cid, _ = await bot.server.press_inline_button(
        bot.user, inline_id, _button_data(edited["reply_markup"], "Fewer")
    )
    await bot.server.wait_for(lambda: bot.server.callback_queries[cid].get("answer"))
    await bot.server.wait_for(lambda: _points_in(bot.server.inline_messages[inline_id]) == 4)
    assert all(c.ok for c in bot.server.calls_of("editMessageText"))
    assert bot.site.hits("/inline-more") == 1  # other point counts re-digest the cached article


async def test_inline_digest_buttons_still_work_after_a_restart(
    server: BotAPIServer, site: ArticleSite, tmp_path: Path, executor: ThreadPoolExecutor
) -> None:
    url = site.add("/inline-old", article_page(HARBOUR_ARTICLE, "Harbour barrier approved"))
    b = await make_bot(server, site, tmp_path, executor)
    try:
        qid, _ = await server.inline_query(b.user, url)
        await server.wait_for(lambda: server.inline_queries[qid].get("answer"))
    finally:
        await close_bot(b)
    inline_id = server.send_inline_result(b.user, qid)
    b = await make_bot(
        server, site, tmp_path, executor
    )  # a new Application, store and service: nothing in memory
    try:
        data = _button_data(server.inline_messages[inline_id]["reply_markup"], "More")
        cid, _ = await server.press_inline_button(b.user, inline_id, data)
        answer = await server.wait_for(lambda: server.callback_queries[cid].get("answer"))
        assert answer["text"] == "5 key points"
        await server.wait_for(lambda: _points_in(server.inline_messages[inline_id]) == 5)
        assert "barrier" in text_of(server.inline_messages[inline_id]).lower()
    finally:
        await close_bot(b)


async def test_inline_digest_buttons_whose_link_was_pruned_ask_for_the_link_again(
    server: BotAPIServer, site: ArticleSite, tmp_path: Path, executor: ThreadPoolExecutor
) -> None:
    url = site.add("/inline-forgotten", article_page(LIBRARY_ARTICLE, "Library reopens"))
    b = await make_bot(server, site, tmp_path, executor)
    try:
        qid, _ = await server.inline_query(b.user, url)
        await server.wait_for(lambda: server.inline_queries[qid].get("answer"))
        inline_id = server.send_inline_result(b.user, qid)
        # The link was last used long ago: age its row past the keep time and let the store's own pruning drop it.
        with sqlite3.connect(tmp_path / "newsbot.sqlite3") as conn:
            conn.execute("UPDATE inline_link SET created = created - ?", (INLINE_LINK_KEEP_SECONDS + 60,))
        assert await b.store.prune() >= 1
        data = _button_data(server.inline_messages[inline_id]["reply_markup"], "More")
        cid, _ = await server.press_inline_button(b.user, inline_id, data)
        answer = await server.wait_for(lambda: server.callback_queries[cid].get("answer"))
        assert "send the link again" in answer["text"]
        assert not server.calls_of("editMessageText")
        assert _points_in(server.inline_messages[inline_id]) == 4
    finally:
        await close_bot(b)


async def test_start_help_and_settings_persist_per_chat(
    server: BotAPIServer, site: ArticleSite, tmp_path: Path, executor: ThreadPoolExecutor
) -> None:
    b = await make_bot(server, site, tmp_path, executor)
    chat_id = b.chat["id"]
    try:
        await b.say("/start")
        first = await server.wait_for(lambda: server.bot_messages(chat_id))
        assert "digest" in text_of(first[0])
        await b.say("/help")
        await server.wait_for(lambda: any("Example" in text_of(m) for m in server.bot_messages(chat_id)))
        await b.say("/settings")
        panel = await server.wait_for(
            lambda: next((m for m in server.bot_messages(chat_id) if "Settings" in text_of(m)), None)
        )
        for data in ("set:p:3", "set:a:0"):
            cid, _ = await server.press_button(b.user, panel, data)
            await server.wait_for(lambda cid=cid: server.callback_queries[cid].get("answer"))
        await server.wait_for(
            lambda: "hidden" in text_of(server.chats[chat_id].messages[panel["message_id"]])
        )
    finally:
        await close_bot(b)
    # A restarted bot on the same data folder keeps the chat's settings.
    b = await make_bot(server, site, tmp_path, executor)
    try:
        msg = await b.say(HARBOUR_ARTICLE)
        answer = await b.answer_to(msg)
        assert _points_in(answer) == 3
        assert "Who's who" not in text_of(answer)
    finally:
        await close_bot(b)


async def test_group_settings_need_an_admin(bot: Bot, group: dict[str, Any]) -> None:
    await bot.server.send_text(group, bot.user, "/settings")
    panel = await bot.server.wait_for(lambda: next(iter(bot.server.bot_messages(group["id"])), None))
    cid, _ = await bot.server.press_button(bot.user, panel, "set:p:8")
    answer = await bot.server.wait_for(lambda: bot.server.callback_queries[cid].get("answer"))
    assert "admins" in answer["text"]
    assert (await bot.store.get_chat_settings(group["id"])).points != 8


# ---------------------------------------------------------------------------------------------------------------
# Telegram's limits and faults


async def test_a_digest_longer_than_one_message_arrives_in_valid_parts_with_one_keyboard_at_the_end(
    server: BotAPIServer, site: ArticleSite, tmp_path: Path, executor: ThreadPoolExecutor
) -> None:
    # The most points an operator can configure, and a page whose metadata and link are long: the realistic way
    # a digest outgrows Telegram's 4096 UTF-16 units (key points are capped at 300 characters each, a title at
    # 200, a byline at 100).
    b = await make_bot(server, site, tmp_path, executor, default_points=10)
    try:
        url, msg, _ = await send_night_train(b, site)
        digest = await b.service.digest_url(url, points=10)  # served from the cache: what the bot rendered
    finally:
        await close_bot(b)  # stopping waits for the handler, so every part has been sent
    parts = sorted(server.replies_to(b.chat["id"], msg["message_id"]), key=lambda m: m["message_id"])
    texts = [text_of(m) for m in parts]
    assert len(parts) >= 2
    # Too long for one message as the bot measures it (the HTML it sends, tags and the source link included).
    assert sum(utf16_len(server.last_call_for(m).params["text"]) for m in parts) > MAX_MESSAGE_LEN
    assert any(utf16_len(t) != len(t) for t in texts)  # the emoji count twice
    for part in parts:
        assert utf16_len(text_of(part)) <= MAX_MESSAGE_LEN
        call = server.last_call_for(part)
        assert call.params["parse_mode"] == "HTML"  # parsed and checked by the server, no plain-text fallback
        assert part.get("entities")
    assert not [c for c in server.calls if c.method in {"sendMessage", "editMessageText"} and not c.ok]
    joined = " ".join(" ".join(t.split()) for t in texts)
    assert len(digest.key_points) == 10
    for point in digest.key_points:
        assert " ".join(point.split()) in joined
    # The keyboard goes once, under the last part (where the digest ends and the reader is).
    assert [bool(p.get("reply_markup")) for p in parts] == [False] * (len(parts) - 1) + [True]
    buttons = _buttons(parts[-1]["reply_markup"])
    assert {"text": "Open the source", "url": url} in buttons
    assert [b["text"] for b in buttons if "callback_data" in b] == ["Fewer points (8)"]


def _digest_messages(server: BotAPIServer, chat_id: int, request: dict[str, Any]) -> list[dict[str, Any]]:
    """The bot's replies to a request as the chat shows them now, oldest first."""
    return sorted(server.replies_to(chat_id, request["message_id"]), key=lambda m: m["message_id"])


def _shows_digest_once(messages: list[dict[str, Any]], digest: Any) -> bool:
    """The chat shows this digest once: notes above, then its parts in order, the keyboard only under the last."""
    texts = [text_of(m) for m in messages]
    notes = [t for t in texts if t == "(digest updated below)"]
    body = texts[len(notes) :]
    if not body or notes != texts[: len(notes)] or "(digest updated below)" in body:
        return False
    joined = " ".join(" ".join(t.split()) for t in body)
    return (
        joined.count(" ".join((digest.title or "").split())) == 1
        and all(joined.count(" ".join(p.split())) == 1 for p in digest.key_points)
        and sum(_points_in(m) for m in messages) == len(digest.key_points)
        and [bool(m.get("reply_markup")) for m in messages] == [False] * (len(messages) - 1) + [True]
    )


async def test_points_buttons_under_a_digest_in_parts_rewrite_all_its_parts(
    server: BotAPIServer, site: ArticleSite, tmp_path: Path, executor: ThreadPoolExecutor
) -> None:
    b = await make_bot(server, site, tmp_path, executor, default_points=10)
    chat_id = b.chat["id"]
    try:
        url, msg, _ = await send_night_train(b, site)
        ten = await b.service.digest_url(url, points=10)
        parts = await server.wait_for(lambda: _shows_digest_once(_digest_messages(server, chat_id, msg), ten))
        first = _digest_messages(server, chat_id, msg)
        assert len(first) == 2
        db = tmp_path / "newsbot.sqlite3"
        with sqlite3.connect(db) as conn:  # sent 29 days ago
            conn.execute(
                "UPDATE digest_messages SET created = created - ?", (DIGEST_MESSAGES_KEEP_SECONDS - 86400,)
            )

        # Fewer (8): the new digest fits one message; the last one holds it, the first points down to it.
        cid, _ = await server.press_button(
            b.user, first[-1], _button_data(first[-1]["reply_markup"], "Fewer")
        )
        answer = await server.wait_for(lambda: server.callback_queries[cid].get("answer"))
        assert answer["text"] == "8 key points"
        with sqlite3.connect(db) as conn:  # a digest in use is kept another 30 days from now
            (created,) = conn.execute("SELECT created FROM digest_messages").fetchone()
        assert created > time.time() - 3600
        eight = await b.service.digest_url(url, points=8)
        await server.wait_for(lambda: _shows_digest_once(_digest_messages(server, chat_id, msg), eight))
        now = _digest_messages(server, chat_id, msg)
        assert [m["message_id"] for m in now] == [m["message_id"] for m in first]  # edited, nothing new sent
        assert text_of(now[0]) == "(digest updated below)" and _points_in(now[1]) == 8

        # More (10) again: two parts, back in the same two messages.
        cid, _ = await server.press_button(b.user, now[-1], _button_data(now[-1]["reply_markup"], "More"))
        await server.wait_for(lambda: server.callback_queries[cid].get("answer"))
        await server.wait_for(lambda: _shows_digest_once(_digest_messages(server, chat_id, msg), ten))
        again = _digest_messages(server, chat_id, msg)
        assert [m["message_id"] for m in again] == [m["message_id"] for m in first]
        assert parts and site.hits(NIGHT_TRAIN_PATH) == 1  # the article came from the cache each time
    finally:
        await close_bot(b)
    assert not [c for c in server.calls if c.method in {"sendMessage", "editMessageText"} and not c.ok]


async def test_a_digest_that_outgrows_its_messages_is_sent_again_below_and_the_old_one_points_to_it(
    server: BotAPIServer, site: ArticleSite, tmp_path: Path, executor: ThreadPoolExecutor
) -> None:
    b = await make_bot(server, site, tmp_path, executor, default_points=8)
    chat_id = b.chat["id"]
    try:
        url, msg, single = await send_night_train(b, site)
        assert len(_digest_messages(server, chat_id, msg)) == 1
        cid, _ = await server.press_button(b.user, single, _button_data(single["reply_markup"], "More"))
        await server.wait_for(lambda: server.callback_queries[cid].get("answer"))
        ten = await b.service.digest_url(url, points=10)
        await server.wait_for(lambda: _shows_digest_once(_digest_messages(server, chat_id, msg), ten))
        now = _digest_messages(server, chat_id, msg)
        assert text_of(now[0]) == "(digest updated below)"
        assert now[0]["message_id"] == single["message_id"]
        assert (
            len(now) == 3
        )  # the old message, then the two new parts, replying to the request like the first
        # The same link again within the hour: the pointer replies to where the digest is now.
        again = await b.say(url)
        pointer = await b.server.wait_for(
            lambda: next((m for m in server.bot_messages(chat_id) if "less than an hour" in text_of(m)), None)
        )
        assert pointer["reply_to_message"]["message_id"] == now[-1]["message_id"]
        assert not server.replies_to(chat_id, again["message_id"])

        # Fewer from the new last part: the record moved with the keyboard, so all three messages are used.
        cid, _ = await server.press_button(b.user, now[-1], _button_data(now[-1]["reply_markup"], "Fewer"))
        await server.wait_for(lambda: server.callback_queries[cid].get("answer"))
        eight = await b.service.digest_url(url, points=8)
        await server.wait_for(lambda: _shows_digest_once(_digest_messages(server, chat_id, msg), eight))
        final = _digest_messages(server, chat_id, msg)
        assert [m["message_id"] for m in final] == [m["message_id"] for m in now]
        assert [text_of(m) for m in final][:2] == ["(digest updated below)"] * 2
    finally:
        await close_bot(b)


async def test_429_retry_after_is_waited_out_and_the_answer_arrives_once(bot: Bot) -> None:
    bot.server.arm_error("sendMessage", code=429, retry_after=1)
    msg = await bot.say(LIBRARY_ARTICLE)
    answer = await bot.answer_to(msg)
    failed = [c for c in bot.server.calls_of("sendMessage") if not c.ok]
    assert len(failed) == 1 and "Too Many Requests" in (failed[0].error or "")
    assert bot.server.last_call_for(answer).at - failed[0].at >= 1.0
    assert len(bot.server.replies_to(bot.chat["id"], msg["message_id"])) == 1


async def test_markup_rejected_by_telegram_falls_back_to_plain_text(bot: Bot) -> None:
    bot.server.arm_error(
        "sendMessage", code=400, description="Bad Request: can't parse entities: Unsupported start tag"
    )
    msg = await bot.say(LIBRARY_ARTICLE)
    answer = await bot.answer_to(msg)
    retry = bot.server.last_call_for(answer)
    assert "parse_mode" not in retry.params and "<b>" not in retry.params["text"]
    assert "library" in text_of(answer).lower()


async def test_network_errors_to_telegram_are_retried(bot: Bot) -> None:
    bot.server.arm_disconnect("sendMessage", times=1)
    msg = await bot.say(HARBOUR_ARTICLE)
    answer = await bot.answer_to(msg)
    assert "barrier" in text_of(answer).lower()
    assert [c.ok for c in bot.server.calls_of("sendMessage")] == [False, True]


async def test_per_user_rate_limit_sends_one_polite_notice(
    server: BotAPIServer, site: ArticleSite, tmp_path: Path, executor: ThreadPoolExecutor
) -> None:
    b = await make_bot(server, site, tmp_path, executor, limiter=RateLimiter(per_user=2, period=60))
    try:
        msgs = [await b.say(LIBRARY_ARTICLE + f"\nPost {i}.") for i in range(4)]
        for m in msgs[:2]:
            assert "library" in text_of(await b.answer_to(m)).lower()
        notice = await b.answer_to(msgs[2])
        assert "please give me about" in text_of(notice)
        await asyncio.sleep(0.3)
        assert server.replies_to(b.chat["id"], msgs[3]["message_id"]) == []  # quiet after the one notice
        # Commands are not counted: /start still answers.
        await b.say("/start")
        await server.wait_for(lambda: any("Hi!" in text_of(m) for m in server.bot_messages(b.chat["id"])))
    finally:
        await close_bot(b)


async def test_an_unexpected_bug_is_logged_with_the_update_id_and_the_user_gets_an_apology(
    bot: Bot, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("pipeline exploded")

    monkeypatch.setattr(bot.service, "digest_article", broken)  # fault injection: a bug deep in the pipeline
    caplog.set_level(logging.INFO)
    msg, update_id = await bot.server.send_text(bot.chat, bot.user, HARBOUR_ARTICLE)
    answer = text_of(await bot.answer_to(msg))
    assert "Sorry" in answer and "exploded" not in answer and "Traceback" not in answer
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert any(str(update_id) in r.getMessage() and r.exc_info for r in errors)


# ---------------------------------------------------------------------------------------------------------------
# Running: start-up, secrets, webhook, access list, stopping


async def test_startup_sets_commands_for_private_and_group_chats_and_logs_the_username(
    server: BotAPIServer,
    site: ArticleSite,
    tmp_path: Path,
    executor: ThreadPoolExecutor,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    b = await make_bot(server, site, tmp_path, executor)
    await close_bot(b)
    assert {c["command"] for c in server.commands["all_private_chats"]} >= {"start", "help", "settings"}
    assert {c["command"] for c in server.commands["all_group_chats"]} >= {"summary", "tldr", "auto"}
    assert any("@NewsDigestTestBot" in r.getMessage() for r in caplog.records)
    # These test bots may fetch loopback pages; a bot configured that way must say so loudly.
    assert any(
        r.levelno == logging.WARNING and "NEWSBOT_ALLOW_PRIVATE_TARGETS is on" in r.getMessage()
        for r in caplog.records
    )


async def test_the_token_never_appears_in_any_log_line_of_a_full_run(
    server: BotAPIServer,
    site: ArticleSite,
    tmp_path: Path,
    executor: ThreadPoolExecutor,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)  # everything: PTB, httpx, httpcore, aiohttp, ours
    b = await make_bot(server, site, tmp_path, executor)
    try:
        server.arm_error("sendMessage", code=429, retry_after=1)
        server.arm_disconnect("editMessageText")
        url = site.add("/t", article_page(HARBOUR_ARTICLE, "Harbour"), delay=0.8)
        msg = await b.say(url)
        await b.answer_to(msg)
        bad = await b.say(site.add("/gone", "<html>x</html>", status=404))
        await b.answer_to(bad)
        doc, _ = await server.send_document(b.chat, b.user, LIBRARY_ARTICLE.encode(), "a.txt")
        await b.answer_to(doc)
    finally:
        await close_bot(b)
    secret_part = server.token.split(":", 1)[1]
    assert caplog.records  # the run did log
    handler_text = "\n".join(logging.Formatter("%(name)s %(message)s").format(r) for r in caplog.records)
    assert secret_part not in caplog.text and secret_part not in handler_text
    assert any(r.name.startswith("telegram") for r in caplog.records)


async def test_webhook_mode_checks_the_secret_token(
    server: BotAPIServer, site: ArticleSite, tmp_path: Path, executor: ThreadPoolExecutor
) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    settings = Settings(
        telegram_token=server.token,
        telegram_api_url=server.url,
        data_dir=tmp_path,
        allow_private_targets=True,
        webhook_listen="127.0.0.1",
        webhook_port=port,
        webhook_secret="s3cret-Hook_value",
    )
    store = await Store.open(tmp_path / "newsbot.sqlite3")
    service = DigestService(settings, store, executor=executor)
    app = build_application(settings, service, store)
    await start_application(app, settings, webhook_url="https://bot.example.test/tg/hook")
    try:
        assert server.webhook is not None
        assert server.webhook["url"] == "https://bot.example.test/tg/hook"
        assert server.webhook["secret_token"] == "s3cret-Hook_value"
        user = server.user(7001, "Wes")
        chat = server.private_chat(user)
        msg = server.message(chat, user, "/start")
        update = {"update_id": 1, "message": msg}
        async with ClientSession() as http:
            hook = f"http://127.0.0.1:{port}/tg/hook"
            async with http.post(
                hook, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "wrong"}
            ) as r:
                assert r.status == 403
            async with http.post(hook, json=update) as r:
                assert r.status == 403
            headers = {"X-Telegram-Bot-Api-Secret-Token": "s3cret-Hook_value"}
            async with http.post(hook, json=update, headers=headers) as r:
                assert r.status == 200
        answers = await server.wait_for(lambda: server.bot_messages(chat["id"]))
        assert len(answers) == 1 and "digest" in text_of(answers[0])
    finally:
        await stop_application(app)
        await service.aclose()
        await store.close()


async def test_allowed_chat_ids_restrict_who_the_bot_answers(
    server: BotAPIServer, site: ArticleSite, tmp_path: Path, executor: ThreadPoolExecutor
) -> None:
    b = await make_bot(server, site, tmp_path, executor, allowed_chat_ids=frozenset({5001}))
    try:
        stranger = server.user(9999, "Eve")
        other_chat = server.private_chat(stranger)
        ignored, _ = await server.send_text(other_chat, stranger, "/start")
        ok = await b.say("/start")
        await server.wait_for(lambda: server.bot_messages(b.chat["id"]))
        await asyncio.sleep(0.3)
        assert server.bot_messages(other_chat["id"]) == []
        assert ignored and ok
    finally:
        await close_bot(b)


async def test_stopping_finishes_the_digests_in_progress(
    server: BotAPIServer, site: ArticleSite, tmp_path: Path, executor: ThreadPoolExecutor
) -> None:
    b = await make_bot(server, site, tmp_path, executor, placeholder_delay=0.0)
    try:
        url = site.add("/slow-stop", article_page(LIBRARY_ARTICLE, "Library reopens"), delay=1.0)
        msg = await b.say(url)
        await server.wait_for(lambda: server.replies_to(b.chat["id"], msg["message_id"]))  # "Reading…" is up
        await stop_application(b.app)  # what SIGTERM does
        (reply,) = server.replies_to(b.chat["id"], msg["message_id"])
        assert "library" in text_of(reply).lower()  # finished before stop returned
    finally:
        await b.service.aclose()
        await b.store.close()


async def test_newsbot_run_answers_a_forwarded_article_and_stops_cleanly_on_sigterm(
    server: BotAPIServer, tmp_path: Path
) -> None:
    import os
    import signal
    import sys

    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": server.token,
        "TELEGRAM_API_URL": server.url,
        "NEWSBOT_DATA_DIR": str(tmp_path / "data"),
        "NEWSBOT_LOG_LEVEL": "DEBUG",
        "NEWSBOT_WORKERS": "1",
    }
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        await server.wait_for(lambda: server.calls_of("getUpdates") or server.commands, timeout=60)
        user = server.user(8001, "Pat")
        origin = {
            "type": "channel",
            "chat": server.channel(-100555, "Elwen Daily"),
            "message_id": 4,
            "date": int(time.time()),
        }
        msg, _ = await server.send_text(
            server.private_chat(user), user, HARBOUR_ARTICLE, forward_origin=origin
        )

        def final() -> dict[str, Any] | None:
            return next(
                (
                    m
                    for m in server.replies_to(user["id"], msg["message_id"])
                    if "barrier" in text_of(m).lower()
                ),
                None,
            )

        answer = await server.wait_for(final, timeout=90)
        assert "Forwarded from Elwen Daily" in text_of(answer)
    finally:
        if proc.returncode is None:
            proc.send_signal(signal.SIGTERM)
        out, err = await asyncio.wait_for(proc.communicate(), 30)
    log_text = (out + err).decode()
    assert proc.returncode == 0, log_text[-2000:]
    assert "@NewsDigestTestBot" in log_text
    assert server.token.split(":", 1)[1] not in log_text


def _digest_records(db: Path, chat_id: int) -> list[list[int]]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT message_ids FROM digest_messages WHERE chat_id = ?", (chat_id,)
        ).fetchall()
    return [json.loads(r[0]) for r in rows]


async def test_two_presses_at_once_on_one_digest_show_it_once(
    server: BotAPIServer, site: ArticleSite, tmp_path: Path, executor: ThreadPoolExecutor
) -> None:
    b = await make_bot(server, site, tmp_path, executor, default_points=8)
    chat_id = b.chat["id"]
    try:
        url, msg, single = await send_night_train(b, site)
        more = _button_data(single["reply_markup"], "More")
        # Both presses reach the bot before either is answered (a double tap): handled concurrently.
        (cid1, _), (cid2, _) = [await server.press_button(b.user, single, more) for _ in range(2)]
        answers = await server.wait_for(
            lambda: (
                all(server.callback_queries[c].get("answer") for c in (cid1, cid2))
                and [server.callback_queries[c]["answer"].get("text") for c in (cid1, cid2)]
            )
        )
        ten = await b.service.digest_url(url, points=10)
        await server.wait_for(lambda: _shows_digest_once(_digest_messages(server, chat_id, msg), ten))
    finally:
        await close_bot(b)  # every handler has finished
    messages = _digest_messages(server, chat_id, msg)
    assert _shows_digest_once(messages, ten) and len(messages) == 3
    assert len(_digest_records(tmp_path / "newsbot.sqlite3", chat_id)) == 1
    assert "10 key points" in answers and any("already" in (a or "").lower() for a in answers)


async def test_more_on_a_digest_whose_first_part_was_deleted_sends_it_anew_and_says_so(
    server: BotAPIServer,
    site: ArticleSite,
    tmp_path: Path,
    executor: ThreadPoolExecutor,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    b = await make_bot(server, site, tmp_path, executor, default_points=10)
    chat_id = b.chat["id"]
    try:
        url, msg, _ = await send_night_train(b, site)
        ten = await b.service.digest_url(url, points=10)
        await server.wait_for(lambda: _shows_digest_once(_digest_messages(server, chat_id, msg), ten))
        first, last = _digest_messages(server, chat_id, msg)
        # Fewer (8) fits the last message; the first becomes a note, which the user then deletes.
        cid, _ = await server.press_button(b.user, last, _button_data(last["reply_markup"], "Fewer"))
        await server.wait_for(lambda: server.callback_queries[cid].get("answer"))
        server.user_deletes(chat_id, first["message_id"])
        last = server.chats[chat_id].messages[last["message_id"]]
        # More (10) needs two messages again, and one of them is gone.
        cid, _ = await server.press_button(b.user, last, _button_data(last["reply_markup"], "More"))
        answer = await server.wait_for(lambda: server.callback_queries[cid].get("answer"))
        await server.wait_for(lambda: _shows_digest_once(_digest_messages(server, chat_id, msg), ten))
        now = _digest_messages(server, chat_id, msg)
        assert answer["text"] == "10 key points"
        assert now[0]["message_id"] == last["message_id"] and len(now) == 3
        # The record follows the new keyboard and no longer lists the deleted message.
        records = _digest_records(tmp_path / "newsbot.sqlite3", chat_id)
        assert records == [[m["message_id"] for m in now]]
    finally:
        await close_bot(b)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_buttons_under_a_deleted_inline_digest_ask_for_the_link_again(
    bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    url = bot.site.add("/inline-gone", article_page(LIBRARY_ARTICLE, "Library reopens"))
    qid, _ = await bot.server.inline_query(bot.user, url)
    await bot.server.wait_for(lambda: bot.server.inline_queries[qid].get("answer"))
    inline_id = bot.server.send_inline_result(bot.user, qid)
    more = _button_data(bot.server.inline_messages[inline_id]["reply_markup"], "More")
    # The press was already on its way when the message was deleted.
    cid, _ = await bot.server.press_inline_button(bot.user, inline_id, more)
    bot.server.user_deletes_inline(inline_id)
    answer = await bot.server.wait_for(lambda: bot.server.callback_queries[cid].get("answer"))
    assert "send the link again" in answer["text"]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_a_running_bot_prunes_expired_rows_periodically(
    server: BotAPIServer, site: ArticleSite, tmp_path: Path, executor: ThreadPoolExecutor
) -> None:
    b = await make_bot(server, site, tmp_path, executor, prune_every=0.05)
    db = tmp_path / "newsbot.sqlite3"
    try:
        await b.store.remember_digest_messages(b.chat["id"], [7, 8])
        await b.store.remember_link(b.chat["id"], "http://example.com/a", 8)
        with sqlite3.connect(db) as conn:  # both idle past their keep times, after the bot started
            conn.execute(
                "UPDATE digest_messages SET created = created - ?", (DIGEST_MESSAGES_KEEP_SECONDS + 60,)
            )
            conn.execute("UPDATE link_memory SET created = created - ?", (LINK_MEMORY_SECONDS + 60,))

        def left() -> int:
            with sqlite3.connect(db) as conn:
                tables = ("digest_messages", "link_memory")
                return sum(conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables)

        for _ in range(200):
            if not left():
                break
            await asyncio.sleep(0.05)
        assert left() == 0
        task = b.app.bot_data["newsbot.prune_task"]
    finally:
        await close_bot(b)
    assert task.cancelled()


QUARRY_ARTICLE = """\
Quarry pond reopens for swimmers after algae tests

The old quarry pond at Brackley reopened for swimming on Monday after water tests found the algae bloom had \
cleared. The town's lifeguards will be on duty every afternoon until the end of August, the parks department \
said. Swimmers had been kept out for three weeks while the pond was tested twice a week.
"""


async def test_buttons_after_a_press_count_from_the_points_the_digest_has(bot: Bot) -> None:
    msg = await bot.say(QUARRY_ARTICLE)
    answer = await bot.answer_to(msg)
    assert _points_in(answer) == 3  # three sentences: fewer points than the 4 asked for
    labels = [b["text"] for b in _buttons(answer["reply_markup"])]
    assert labels == ["Fewer points (2)", "More points (4)"]
    cid, _ = await bot.server.press_button(bot.user, answer, _button_data(answer["reply_markup"], "More"))
    toast = await bot.server.wait_for(lambda: bot.server.callback_queries[cid].get("answer"))
    assert toast["text"] == "3 key points"
    now = bot.server.chats[bot.chat["id"]].messages[answer["message_id"]]
    assert [b["text"] for b in _buttons(now["reply_markup"])] == labels


# ---------------------------------------------------------------------------------------------------------------
# The bot's words in the user's language (Telegram's language_code): Russian for "ru", English for the rest


def is_russian(text: str) -> bool:
    return bool(re.search(r"[а-яё]", text, re.IGNORECASE))


async def test_a_russian_user_gets_start_help_and_the_digest_in_russian_and_others_keep_english(
    bot: Bot,
) -> None:
    server = bot.server
    olga = server.user(5101, "Ольга", language_code="ru")
    chat = server.private_chat(olga)
    await server.send_text(chat, olga, "/start")
    await server.send_text(chat, olga, "/help")
    answers = await server.wait_for(lambda: (m := server.bot_messages(chat["id"]))[1:] and m)
    replies = sorted(text_of(m) for m in answers)  # both are handled at once: either may come first
    assert replies[0].startswith("Как мной пользоваться") and replies[1].startswith("Привет!")
    assert "@NewsDigestTestBot" in replies[1]

    msg, _ = await server.send_text(chat, olga, HARBOUR_ARTICLE)
    answer = await bot.answer_to(msg)
    text = text_of(answer)
    assert "Кто есть кто" in text and "английский" in text and re.search(r"\d+ слов", text)
    assert "barrier" in text.lower()  # the article's own words stay as they are
    labels = [b["text"] for b in _buttons(answer["reply_markup"])]
    assert labels == ["Меньше пунктов (3)", "Больше пунктов (5)"]
    cid, _ = await server.press_button(olga, answer, _button_data(answer["reply_markup"], "Больше"))
    toast = await server.wait_for(lambda: server.callback_queries[cid].get("answer"))
    assert toast["text"] == "5 ключевых моментов"

    # A Ukrainian app and an English one get English, in the same running bot.
    for user_id, code in ((5102, "uk"), (5103, None)):
        user = server.user(user_id, "Taras", language_code=code)
        other = server.private_chat(user)
        await server.send_text(other, user, "/start")
        (hi,) = await server.wait_for(lambda other=other: server.bot_messages(other["id"]))
        assert text_of(hi).startswith("Hi!")


async def test_errors_come_back_in_russian_for_a_russian_user_and_in_english_for_an_english_one(
    server: BotAPIServer, site: ArticleSite, tmp_path: Path, executor: ThreadPoolExecutor
) -> None:
    # A bot as in production: links to loopback and private addresses are refused.
    b = await make_bot(server, site, tmp_path, executor, allow_private_targets=False)
    try:
        olga = server.user(5201, "Ольга", language_code="ru-RU")
        ru_chat = server.private_chat(olga)
        internal = site.url("/admin")
        msg, _ = await server.send_text(ru_chat, olga, internal)
        assert text_of(await b.answer_to(msg)) == (
            "Эта ссылка ведёт на частный или внутренний адрес, а такие я не открываю."
        )
        msg = await b.say(internal)
        assert text_of(await b.answer_to(msg)) == (
            "That link points to a private or internal address, so it was not opened."
        )
        # An error with a detail keeps it: the word count, with its Russian plural.
        msg, _ = await server.send_text(ru_chat, olga, "Привет, как дела? Всё хорошо.")
        short = text_of(await b.answer_to(msg))
        assert short.startswith("Слишком коротко для пересказа (") and re.search(r"\(\d+ слов[оа]?\)", short)
        pdf, _ = await server.send_document(ru_chat, olga, b"%PDF-1.7 ...", "report.pdf", "application/pdf")
        assert text_of(await b.answer_to(pdf)).startswith("Я читаю файлы .txt и .html.")
    finally:
        await close_bot(b)


async def test_a_dead_link_is_explained_in_russian_with_its_status(bot: Bot) -> None:
    olga = bot.server.user(5301, "Ольга", language_code="ru")
    url = bot.site.add("/locked-ru", "<html>Forbidden</html>", status=403)
    msg, _ = await bot.server.send_text(bot.server.private_chat(olga), olga, url)
    assert text_of(await bot.answer_to(msg)) == (
        "Сайт ответил кодом 403 (доступ запрещён). Пришлите вместо ссылки текст статьи."
    )


async def test_russian_command_menus_are_registered_beside_the_default_english_ones(
    server: BotAPIServer, site: ArticleSite, tmp_path: Path, executor: ThreadPoolExecutor
) -> None:
    b = await make_bot(server, site, tmp_path, executor)
    await close_bot(b)
    for scope in ("all_private_chats", "all_group_chats"):
        english = server.commands[scope]
        russian = server.commands_by_language[(scope, "ru")]
        assert [c["command"] for c in russian] == [c["command"] for c in english]
        assert all(is_russian(c["description"]) for c in russian)
        assert not any(is_russian(c["description"]) for c in english)
    assert set(server.commands_by_language) == {("all_private_chats", "ru"), ("all_group_chats", "ru")}


async def test_a_press_in_a_group_keeps_the_digest_in_the_language_it_was_written_in(
    bot: Bot, group: dict[str, Any]
) -> None:
    server = bot.server
    olga = server.user(5401, "Ольга", language_code="ru")
    article, _ = await server.send_text(group, olga, HARBOUR_ARTICLE)
    await server.send_text(group, olga, "/summary", reply_to=article)
    digest = await bot.answer_to(article)
    assert "Кто есть кто" in text_of(digest)
    # An English-speaking member asks for more: everyone's digest stays Russian; only his toast is English.
    cid, _ = await server.press_button(bot.user, digest, _button_data(digest["reply_markup"], "Больше"))
    toast = await server.wait_for(lambda: server.callback_queries[cid].get("answer"))
    assert toast["text"] == "5 key points"
    edited = server.chats[group["id"]].messages[digest["message_id"]]
    assert _points_in(edited) == 5 and "Кто есть кто" in text_of(edited)
    assert [b["text"] for b in _buttons(edited["reply_markup"])] == [
        "Меньше пунктов (4)",
        "Больше пунктов (6)",
    ]


async def test_an_inline_digest_for_a_russian_user_is_russian_and_cached_for_that_user_only(bot: Bot) -> None:
    olga = bot.server.user(5501, "Ольга", language_code="ru")
    url = bot.site.add("/inline-ru", article_page(LIBRARY_ARTICLE, "Library reopens"))
    qid, _ = await bot.server.inline_query(olga, url)
    answer = await bot.server.wait_for(lambda: bot.server.inline_queries[qid].get("answer"))
    (result,) = answer["results"]
    assert "Кто есть кто" in strip_html(result["input_message_content"]["message_text"])
    assert {"text": "Открыть источник", "url": url} in _buttons(result["reply_markup"])
    # Telegram must not hand this answer to an English user sending the same query.
    assert str(answer["is_personal"]).lower() == "true"
    qid, _ = await bot.server.inline_query(olga, "что это")
    answer = await bot.server.wait_for(lambda: bot.server.inline_queries[qid].get("answer"))
    assert answer["button"]["text"] == "Вставьте ссылку на статью"
