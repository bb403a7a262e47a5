"""A Telegram Bot API test server: the unmodified python-telegram-bot Application talks to it over HTTP.

It lives on 127.0.0.1 on a random port and answers `{url}/bot{token}/{method}` and
`{url}/file/bot{token}/{path}` like Telegram does (`{"ok": true, "result": …}` or `{"ok": false,
"error_code": …, "description": …}`), and it enforces the rules that bite in production:

- the 4096-character limit on message text, counted after entity parsing, in UTF-16 code units;
- HTML parse mode with Telegram's tag set only (anything else → 400 "Bad Request: can't parse entities: …");
- 429 "Too Many Requests" with `parameters.retry_after`, armed by a test (`server.arm_error(...)`);
- group privacy mode: a group member's plain message reaches the bot only if privacy is off or the bot is
  admin; commands, replies to the bot's messages and service messages always do;
- edits of missing messages, "message is not modified", replies to missing messages, stale query ids.

Tests inject updates with the builder methods (`send_text`, `send_document`, `inline_query`,
`press_button`, …) and read what the bot did from `server.calls` (every API call, in order) and
`server.bot_messages(chat_id)` (the bot's messages as they look now, after edits). A user posting an inline
result is `send_inline_result` (the message lands in `server.inline_messages`, editable only by its
inline_message_id), and `press_inline_button` taps a button under it.
`await server.wait_for(predicate)` waits until something the bot did makes the predicate true.

Run it standalone (for trying the real bot by hand): `python -m tools.tgserver --port 8081`; it prints the
TELEGRAM_API_URL to use, and `POST /_test/forward` with a JSON body {"text": …, "channel": …} injects a
forwarded post into a private chat (a body that is not such an object gets 400 and the reason).
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import itertools
import json
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

DEFAULT_TOKEN = "7012345678:AAE-test-token-not-real_x1234567890abcde"
MAX_MESSAGE_LEN = 4096
MAX_CAPTION_LEN = 1024
MAX_CALLBACK_ANSWER_LEN = 200
MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024
CHAT_ACTIONS = {
    "typing",
    "upload_photo",
    "record_video",
    "upload_video",
    "record_voice",
    "upload_voice",
    "upload_document",
    "choose_sticker",
    "find_location",
    "record_video_note",
    "upload_video_note",
}
# Fields Telegram expects as JSON-serialized objects when sent as form fields.
JSON_FIELDS = {
    "reply_markup",
    "reply_parameters",
    "link_preview_options",
    "entities",
    "caption_entities",
    "results",
    "commands",
    "scope",
    "button",
    "allowed_updates",
}

# The kinds of message `BotAPIServer.media` builds: everything a user can send that has no text of its own.
MEDIA_KINDS = (
    "photo",
    "video",
    "animation",
    "sticker",
    "voice",
    "video_note",
    "audio",
    "poll",
    "contact",
    "location",
    "venue",
    "dice",
)

INT_FIELDS = {
    "chat_id",
    "message_id",
    "user_id",
    "offset",
    "limit",
    "timeout",
    "cache_time",
    "message_thread_id",
}


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


# ------------------------------------------------------------------------------------------------
# Telegram's HTML dialect


class EntityParseError(ValueError):
    """Raised with Telegram's own wording for markup it cannot parse."""


_TAG_ENTITY = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_TAG_RE = re.compile(
    r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*)\s*/?>"
)
_ATTR_RE = re.compile(r"([^\s=>/]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+))?")
_CHAR_REF_RE = re.compile(r"&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]+));")


@dataclass
class _Open:
    tag: str
    kind: str
    offset: int  # UTF-16 offset in the plain text
    extra: dict[str, Any]
    byte_offset: int


def parse_html(markup: str) -> tuple[str, list[dict[str, Any]]]:
    """Parse Telegram HTML into (plain text, entities with UTF-16 offsets), or raise EntityParseError."""
    out: list[str] = []
    out_len = 0  # UTF-16 length of the text so far
    entities: list[dict[str, Any]] = []
    stack: list[_Open] = []
    i = 0
    n = len(markup)
    while i < n:
        ch = markup[i]
        if ch == "<":
            byte_offset = len(markup[:i].encode())
            m = _TAG_RE.match(markup, i)
            if m is None:
                bad = markup[i + 1 : i + 8].split(">")[0]
                raise EntityParseError(f'Unsupported start tag "{bad}" at byte offset {byte_offset}')
            closing, name, attrs = m.group(1) == "/", m.group(2).lower(), m.group(3) or ""
            if name not in _TAG_ENTITY:
                raise EntityParseError(f'Unsupported start tag "{name}" at byte offset {byte_offset}')
            if closing:
                if not stack:
                    raise EntityParseError(f"Unexpected end tag at byte offset {byte_offset}")
                top = stack.pop()
                if top.tag != name:
                    raise EntityParseError(
                        f'Unmatched end tag at byte offset {byte_offset}, expected "</{top.tag}>", '
                        f'found "</{name}>"'
                    )
                _close(top, out_len, entities)
            else:
                stack.append(_open_tag(name, attrs, out_len, byte_offset, stack))
            i = m.end()
        elif ch == "&":
            m = _CHAR_REF_RE.match(markup, i)
            text = "&"
            if m is not None:
                if m.group(1) or m.group(2):
                    code = int(m.group(1)) if m.group(1) else int(m.group(2), 16)
                    if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF or code == 0:
                        raise EntityParseError(f"Invalid character reference at byte offset {i}")
                    text = chr(code)
                    i = m.end()
                elif m.group(3) in _NAMED_ENTITIES:
                    text = _NAMED_ENTITIES[m.group(3)]
                    i = m.end()
                else:  # Telegram leaves unsupported named entities as they are
                    i += 1
            else:
                i += 1
            out.append(text)
            out_len += utf16_len(text)
        else:
            j = i
            while j < n and markup[j] not in "<&":
                j += 1
            chunk = markup[i:j]  # a bare ">" is accepted by Telegram, a bare "<" is not
            out.append(chunk)
            out_len += utf16_len(chunk)
            i = j
    if stack:
        raise EntityParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1].tag}"')
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(out), entities


def _open_tag(name: str, attrs: str, offset: int, byte_offset: int, stack: list[_Open]) -> _Open:
    values = {k.lower(): (v or "").strip("\"'") for k, v in _ATTR_RE.findall(attrs)}
    kind = _TAG_ENTITY[name]
    extra: dict[str, Any] = {}
    if any(o.kind in {"pre", "code"} for o in stack) and not (name == "code" and stack[-1].kind == "pre"):
        raise EntityParseError(f"Entities can't be nested in pre or code at byte offset {byte_offset}")
    if name == "span" and values.get("class") != "tg-spoiler":
        raise EntityParseError(f'Tag "span" must have class "tg-spoiler" at byte offset {byte_offset}')
    if name == "a":
        href = values.get("href", "")
        if not href:
            raise EntityParseError(f'Empty or missing href of tag "a" at byte offset {byte_offset}')
        extra["url"] = html.unescape(href)
    if name == "tg-emoji":
        if not values.get("emoji-id"):
            raise EntityParseError(
                f'Tag "tg-emoji" must have attribute "emoji-id" at byte offset {byte_offset}'
            )
        extra["custom_emoji_id"] = values["emoji-id"]
    if name == "blockquote":
        if any(o.kind == "blockquote" for o in stack):
            raise EntityParseError(f"Blockquote entities can't be nested at byte offset {byte_offset}")
        if "expandable" in values:
            kind = "expandable_blockquote"
    if (
        name == "code"
        and stack
        and stack[-1].kind == "pre"
        and values.get("class", "").startswith("language-")
    ):
        stack[-1].extra["language"] = values["class"][len("language-") :]
    return _Open(tag=name, kind=kind, offset=offset, extra=extra, byte_offset=byte_offset)


def _close(top: _Open, end: int, entities: list[dict[str, Any]]) -> None:
    if end <= top.offset:
        return  # Telegram drops empty entities
    if (
        top.kind == "code"
        and entities
        and entities[-1]["type"] == "pre"
        and entities[-1]["offset"] == top.offset
    ):
        return
    entities.append({"type": top.kind, "offset": top.offset, "length": end - top.offset, **top.extra})


def strip_html(markup: str) -> str:
    """Plain text of well-formed Telegram HTML (for tests reading the bot's answers)."""
    return parse_html(markup)[0]


# ------------------------------------------------------------------------------------------------
# Auto-detected entities in injected texts (Telegram's clients and servers add these)

_URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>\"']+[^\s<>\"'.,;:!?)\]}]", re.IGNORECASE)
_COMMAND_RE = re.compile(r"(?<![\w/])/[a-zA-Z0-9_]{1,32}(?:@[a-zA-Z0-9_]{3,32})?(?![\w/])")
_MENTION_RE = re.compile(r"(?<![\w@])@[a-zA-Z0-9_]{5,32}\b")


def detect_entities(text: str) -> list[dict[str, Any]]:
    """bot_command, url and mention entities, with UTF-16 offsets, as Telegram would attach them."""
    found: list[tuple[int, int, str]] = []
    for regex, kind in ((_COMMAND_RE, "bot_command"), (_URL_RE, "url"), (_MENTION_RE, "mention")):
        for m in regex.finditer(text):
            if any(s <= m.start() < e for s, e, _ in found):
                continue
            found.append((m.start(), m.end(), kind))
    found.sort()
    return [
        {"type": kind, "offset": utf16_len(text[:s]), "length": utf16_len(text[s:e])} for s, e, kind in found
    ]


# ------------------------------------------------------------------------------------------------
# The server


class ApiError(Exception):
    def __init__(self, code: int, description: str, parameters: dict[str, Any] | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters


def bad_request(description: str) -> ApiError:
    return ApiError(400, f"Bad Request: {description}")


def _command_language(p: dict[str, Any]) -> str:
    """setMyCommands' language_code: "" (every language) or a two-letter ISO 639-1 code (Bot API)."""
    language = str(p.get("language_code") or "")
    if language and not re.fullmatch(r"[a-z]{2}", language):
        raise bad_request("language_code must be a two-letter ISO 639-1 code")
    return language


@dataclass
class Call:
    """One Bot API call as the server saw it (params JSON-decoded) and what it answered."""

    method: str
    params: dict[str, Any]
    at: float
    ok: bool = True
    result: Any = None
    error: str | None = None


@dataclass
class ChatState:
    chat: dict[str, Any]
    messages: dict[int, dict[str, Any]] = field(default_factory=dict)
    next_message_id: int = 1
    last_bot_id: int | None = None  # the last bot that posted here (privacy mode rule for general commands)


@dataclass
class _ArmedError:
    method: str
    times: int
    code: int
    description: str
    retry_after: int | None
    disconnect: bool


class BotAPIServer:
    """An in-process fake of api.telegram.org for one bot. Use `async with BotAPIServer() as server:`."""

    def __init__(
        self,
        *,
        token: str = DEFAULT_TOKEN,
        bot_id: int | None = None,
        username: str = "NewsDigestTestBot",
        first_name: str = "News Digest",
        privacy: bool = True,
    ) -> None:
        self.token = token
        self.bot_user: dict[str, Any] = {
            "id": bot_id if bot_id is not None else int(token.split(":", 1)[0]),
            "is_bot": True,
            "first_name": first_name,
            "username": username,
        }
        self.privacy = privacy
        self.calls: list[Call] = []
        self.updates: list[dict[str, Any]] = []  # delivered but not yet confirmed
        self.delivered_ids: list[int] = []  # every update id handed to the bot, in order
        self.filtered: list[dict[str, Any]] = []  # updates privacy mode kept away from the bot
        self.chats: dict[int, ChatState] = {}
        self.members: dict[tuple[int, int], str] = {}
        self.commands: dict[str, list[dict[str, Any]]] = {}  # by scope, for users of any language
        self.commands_by_language: dict[tuple[str, str], list[dict[str, Any]]] = {}  # by (scope, language)
        self.webhook: dict[str, Any] | None = None
        self.files: dict[str, tuple[str, bytes]] = {}
        self.inline_queries: dict[str, dict[str, Any]] = {}  # id → the query; answered ones get "answer"
        self.callback_queries: dict[str, dict[str, Any]] = {}
        # Messages users sent via the bot in inline mode: inline_message_id → text, entities, reply_markup.
        # The bot never gets these as messages; it can only edit them by inline_message_id.
        self.inline_messages: dict[str, dict[str, Any]] = {}
        self.injected_at: dict[int, float] = {}  # update id → monotonic time it was injected
        self.request_delay: float = 0.0  # seconds to wait before answering any method (slow network)
        self._armed: list[_ArmedError] = []
        self._next_update_id = 100_000
        self._ids = itertools.count(1)
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.port = 0

    # -- lifecycle --------------------------------------------------------------------------------

    @property
    def url(self) -> str:
        """The TELEGRAM_API_URL for the bot."""
        return f"http://127.0.0.1:{self.port}"

    async def start(self, port: int = 0) -> None:
        app = web.Application(client_max_size=60 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_method)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        app.router.add_post("/_test/forward", self._handle_test_forward)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=0.5)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", port)
        await site.start()
        server = site._server
        assert server is not None
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def stop(self) -> None:
        async with self._changed:
            self._changed.notify_all()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> BotAPIServer:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    # -- fault injection --------------------------------------------------------------------------

    def arm_error(
        self,
        method: str,
        *,
        times: int = 1,
        code: int = 429,
        description: str | None = None,
        retry_after: int | None = None,
    ) -> None:
        """Make the next `times` calls of `method` fail; by default with 429 and retry_after=1."""
        if code == 429 and retry_after is None:
            retry_after = 1
        if description is None:
            description = f"Too Many Requests: retry after {retry_after}" if code == 429 else "Bad Request"
        self._armed.append(_ArmedError(method, times, code, description, retry_after, disconnect=False))

    def arm_disconnect(self, method: str, *, times: int = 1) -> None:
        """Drop the connection without an answer on the next `times` calls of `method` (a network error)."""
        self._armed.append(_ArmedError(method, times, 0, "", None, disconnect=True))

    def _take_armed(self, method: str) -> _ArmedError | None:
        for armed in self._armed:
            if armed.method == method and armed.times > 0:
                armed.times -= 1
                return armed
        return None

    # -- building chats, users and updates --------------------------------------------------------

    def user(
        self,
        user_id: int,
        first_name: str = "Ann",
        *,
        username: str | None = None,
        language_code: str | None = "en",
    ) -> dict[str, Any]:
        """A user as updates carry them; `language_code` is their Telegram app's language (None: not sent)."""
        user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
        if language_code is not None:
            user["language_code"] = language_code
        if username:
            user["username"] = username
        return user

    def private_chat(self, user: dict[str, Any]) -> dict[str, Any]:
        chat = {"id": user["id"], "type": "private", "first_name": user["first_name"]}
        if "username" in user:
            chat["username"] = user["username"]
        return self._chat(chat)["chat"]

    def group(self, chat_id: int, title: str = "Readers", *, supergroup: bool = False) -> dict[str, Any]:
        chat = {"id": chat_id, "type": "supergroup" if supergroup else "group", "title": title}
        return self._chat(chat)["chat"]

    def channel(self, chat_id: int, title: str, *, username: str | None = None) -> dict[str, Any]:
        chat: dict[str, Any] = {"id": chat_id, "type": "channel", "title": title}
        if username:
            chat["username"] = username
        return chat

    def _chat(self, chat: dict[str, Any]) -> dict[str, Any]:
        state = self.chats.setdefault(chat["id"], ChatState(chat=chat))
        return {"chat": state.chat}

    def set_member(self, chat_id: int, user_id: int, status: str) -> None:
        """Status for getChatMember: creator, administrator, member, restricted, left, kicked."""
        self.members[(chat_id, user_id)] = status

    def make_bot_admin(self, chat_id: int) -> None:
        self.set_member(chat_id, self.bot_user["id"], "administrator")

    def _new_message_id(self, chat_id: int) -> int:
        state = self.chats[chat_id]
        mid = state.next_message_id
        state.next_message_id += 1
        return mid

    def message(
        self,
        chat: dict[str, Any],
        sender: dict[str, Any],
        text: str | None = None,
        *,
        entities: list[dict[str, Any]] | None = None,
        caption: str | None = None,
        caption_entities: list[dict[str, Any]] | None = None,
        reply_to: dict[str, Any] | None = None,
        forward_origin: dict[str, Any] | None = None,
        document: dict[str, Any] | None = None,
        photo: bool = False,
        media: dict[str, Any] | None = None,
        via_bot: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Build a message as Telegram would deliver it (entities auto-detected unless given) and store it.

        `media`: the fields of a message with no text of its own (see `media`), e.g. `server.media("sticker")`.
        """
        if chat["id"] not in self.chats:
            self._chat(chat)
        msg: dict[str, Any] = {
            "message_id": self._new_message_id(chat["id"]),
            "from": sender,
            "chat": chat,
            "date": int(time.time()),
        }
        if text is not None:
            msg["text"] = text
            ents = detect_entities(text) if entities is None else entities
            if ents:
                msg["entities"] = ents
        if caption is not None:
            msg["caption"] = caption
            ents = detect_entities(caption) if caption_entities is None else caption_entities
            if ents:
                msg["caption_entities"] = ents
        if photo:
            msg["photo"] = [
                {"file_id": f"photo{next(self._ids)}", "file_unique_id": "p", "width": 90, "height": 60}
            ]
        if document is not None:
            msg["document"] = document
        if media is not None:
            msg.update(media)
        if forward_origin is not None:
            msg["forward_origin"] = forward_origin
        if via_bot is not None:
            msg["via_bot"] = via_bot
        if reply_to is not None:
            msg["reply_to_message"] = _shallow(reply_to)
        self.chats[chat["id"]].messages[msg["message_id"]] = msg
        if sender.get("is_bot"):
            self.chats[chat["id"]].last_bot_id = sender["id"]
        return msg

    async def send(self, msg: dict[str, Any]) -> int | None:
        """Deliver a built message as an update; None when group privacy mode keeps it from the bot."""
        update = {"message": msg}
        if not self._bot_sees(msg):
            self.filtered.append(update)
            return None
        return await self.push_update(update)

    async def send_text(
        self, chat: dict[str, Any], sender: dict[str, Any], text: str, **kwargs: Any
    ) -> tuple[dict[str, Any], int | None]:
        msg = self.message(chat, sender, text, **kwargs)
        return msg, await self.send(msg)

    def media(self, kind: str) -> dict[str, Any]:
        """The fields of a message Telegram delivers without text: one of `MEDIA_KINDS` (a GIF comes, as from
        Telegram, as both an animation and a document; a venue carries its location too)."""
        n = next(self._ids)

        def file(**extra: Any) -> dict[str, Any]:
            return {"file_id": f"{kind}{n}", "file_unique_id": f"{kind[:2]}{n}", **extra}

        clip = {"width": 320, "height": 240, "duration": 3}
        where = {"latitude": 52.37, "longitude": 4.89}
        shapes: dict[str, dict[str, Any]] = {
            "photo": {"photo": [file(width=90, height=60), file(width=800, height=600)]},
            "video": {"video": file(**clip, mime_type="video/mp4")},
            "animation": {
                "animation": file(**clip, file_name="giphy.mp4", mime_type="video/mp4"),
                "document": file(file_name="giphy.mp4", mime_type="video/mp4"),
            },
            "sticker": {
                "sticker": file(
                    type="regular", width=512, height=512, is_animated=False, is_video=False, emoji="👍"
                )
            },
            "voice": {"voice": file(duration=4, mime_type="audio/ogg")},
            "video_note": {"video_note": file(length=240, duration=5)},
            "audio": {"audio": file(duration=180, title="Harbour Song", mime_type="audio/mpeg")},
            "poll": {
                "poll": {
                    "id": f"{5_000_000 + n}",
                    "question": "Tea or coffee?",
                    "options": [
                        {"text": "Tea", "voter_count": 0, "persistent_id": "0"},
                        {"text": "Coffee", "voter_count": 0, "persistent_id": "1"},
                    ],
                    "total_voter_count": 0,
                    "is_closed": False,
                    "is_anonymous": True,
                    "type": "regular",
                    "allows_multiple_answers": False,
                    "allows_revoting": False,  # required since Bot API 9.6
                    "members_only": False,  # required since Bot API 10.0
                }
            },
            "contact": {"contact": {"phone_number": "+15550100", "first_name": "Mara"}},
            "location": {"location": where},
            "venue": {
                "venue": {"location": where, "title": "Harbour Museum", "address": "Quay 1"},
                "location": where,
            },
            "dice": {"dice": {"emoji": "🎲", "value": 4}},
        }
        if kind not in shapes:
            raise ValueError(f"unknown media kind {kind!r}; one of {', '.join(MEDIA_KINDS)}")
        return shapes[kind]

    async def send_media(
        self, chat: dict[str, Any], sender: dict[str, Any], kind: str, *, caption: str | None = None
    ) -> tuple[dict[str, Any], int | None]:
        """A user sends a photo, a sticker, a poll… (`media`), with a caption if given."""
        msg = self.message(chat, sender, media=self.media(kind), caption=caption)
        return msg, await self.send(msg)

    async def edit_message(
        self,
        chat: dict[str, Any],
        message_id: int,
        text: str | None = None,
        *,
        caption: str | None = None,
        entities: list[dict[str, Any]] | None = None,
    ) -> tuple[dict[str, Any], int | None]:
        """The user edits their message: its text (or caption) changes in the chat and the bot gets an
        `edited_message` update with `edit_date` (privacy mode decides as for a new message)."""
        msg = self.chats[chat["id"]].messages[message_id]
        key = "text" if text is not None else "caption"
        new = text if text is not None else caption
        if new is None:
            raise ValueError("an edit changes the text or the caption")
        msg[key] = new
        ents = detect_entities(new) if entities is None else entities
        msg.pop(f"{'entities' if key == 'text' else 'caption_entities'}", None)
        if ents:
            msg["entities" if key == "text" else "caption_entities"] = ents
        msg["edit_date"] = int(time.time())
        update = {"edited_message": json.loads(json.dumps(msg))}
        if not self._bot_sees(msg):
            self.filtered.append(update)
            return msg, None
        return msg, await self.push_update(update)

    def add_file(self, content: bytes, file_name: str, mime_type: str) -> dict[str, Any]:
        """Store a file the bot can fetch with getFile; returns the Document object for a message."""
        n = next(self._ids)
        file_id = f"BQACAgIAAxkBAAI{n:06d}"
        self.files[file_id] = (f"documents/file_{n}{_suffix(file_name)}", content)
        return {
            "file_id": file_id,
            "file_unique_id": f"AgAD{n:04d}",
            "file_name": file_name,
            "mime_type": mime_type,
            "file_size": len(content),
        }

    async def send_document(
        self,
        chat: dict[str, Any],
        sender: dict[str, Any],
        content: bytes,
        file_name: str,
        mime_type: str = "text/plain",
        *,
        caption: str | None = None,
        declared_size: int | None = None,
    ) -> tuple[dict[str, Any], int | None]:
        document = self.add_file(content, file_name, mime_type)
        if declared_size is not None:
            document["file_size"] = declared_size
        msg = self.message(chat, sender, document=document, caption=caption)
        return msg, await self.send(msg)

    async def inline_query(self, sender: dict[str, Any], query: str) -> tuple[str, int]:
        qid = str(next(self._ids) * 7919 + 4_000_000_000)
        iq = {"id": qid, "from": sender, "query": query, "offset": "", "chat_type": "sender"}
        self.inline_queries[qid] = dict(iq)
        update_id = await self.push_update({"inline_query": iq})
        return qid, update_id

    async def press_button(
        self, sender: dict[str, Any], message: dict[str, Any], data: str
    ) -> tuple[str, int]:
        """A user taps an inline keyboard button (callback_data) under `message` (a bot message)."""
        cid = str(next(self._ids) * 104729 + 8_000_000_000)
        chat_id = message["chat"]["id"]
        current = self.chats[chat_id].messages.get(message["message_id"], message)
        cq = {
            "id": cid,
            "from": sender,
            "message": json.loads(json.dumps(current)),
            "chat_instance": str(abs(chat_id) * 31),
            "data": data,
        }
        self.callback_queries[cid] = dict(cq)
        update_id = await self.push_update({"callback_query": cq})
        return cid, update_id

    def send_inline_result(self, sender: dict[str, Any], qid: str, result_id: str | None = None) -> str:
        """A user picks a result of an answered inline query (the first one by default): Telegram posts its
        input_message_content, with the result's inline keyboard, in the user's chat and returns no update to
        the bot (feedback is off). Returns the new inline_message_id."""
        answer = self.inline_queries[qid].get("answer")
        if answer is None:
            raise ValueError(f"inline query {qid} has no answer to choose from")
        results = answer["results"]
        result = next(r for r in results if result_id is None or r["id"] == result_id)
        content = result["input_message_content"]
        text, entities = self._render_text(content, key="message_text")
        inline_message_id = f"AgAAA{next(self._ids):08d}{sender['id']}"
        message: dict[str, Any] = {"text": text, "entities": entities, "from_query": qid}
        if result.get("reply_markup"):
            message["reply_markup"] = result["reply_markup"]
        self.inline_messages[inline_message_id] = message
        return inline_message_id

    async def press_inline_button(
        self, sender: dict[str, Any], inline_message_id: str, data: str
    ) -> tuple[str, int]:
        """A user taps a callback button under a message sent via the bot: the update carries
        inline_message_id and no message (Bot API, CallbackQuery)."""
        current = self.inline_messages[inline_message_id]
        buttons = [b for row in current.get("reply_markup", {}).get("inline_keyboard", []) for b in row]
        if not any(b.get("callback_data") == data for b in buttons):
            raise ValueError(
                f"no button with callback_data {data!r} under inline message {inline_message_id}"
            )
        cid = str(next(self._ids) * 104729 + 8_000_000_000)
        cq = {
            "id": cid,
            "from": sender,
            "inline_message_id": inline_message_id,
            "chat_instance": str(sender["id"] * 37),
            "data": data,
        }
        self.callback_queries[cid] = dict(cq)
        update_id = await self.push_update({"callback_query": cq})
        return cid, update_id

    async def push_update(self, payload: dict[str, Any]) -> int:
        self._next_update_id += 1
        update = {"update_id": self._next_update_id, **payload}
        self.injected_at[update["update_id"]] = time.monotonic()
        async with self._changed:
            self.updates.append(update)
            self._changed.notify_all()
        return update["update_id"]

    def _bot_sees(self, msg: dict[str, Any]) -> bool:
        """Telegram's group privacy mode, from the Bot API FAQ "What messages will my bot get?"."""
        chat = msg["chat"]
        if chat["type"] in {"private", "channel"}:
            return True
        if msg.get("from", {}).get("is_bot"):
            return False  # bots never see other bots' messages in groups
        bot_id = self.bot_user["id"]
        if not self.privacy or self.members.get((chat["id"], bot_id)) in {"administrator", "creator"}:
            return True
        if msg.get("via_bot", {}).get("id") == bot_id:
            return True
        reply = msg.get("reply_to_message")
        if reply and reply.get("from", {}).get("id") == bot_id:
            return True
        text = msg.get("text") or msg.get("caption") or ""
        ents = msg.get("entities") or msg.get("caption_entities") or []
        if ents and ents[0]["type"] == "bot_command" and ents[0]["offset"] == 0:
            command = _utf16_slice(text, ents[0]["offset"], ents[0]["length"])
            if "@" in command:
                return command.split("@", 1)[1].lower() == self.bot_user["username"].lower()
            last_bot = self.chats[chat["id"]].last_bot_id
            return last_bot in (None, bot_id)
        return False

    def user_deletes(self, chat_id: int, message_id: int) -> None:
        """Someone deletes a message in a chat (a user may delete the bot's messages in a private chat, an admin
        in a group): later calls on it answer as Telegram does, e.g. "message to edit not found"."""
        del self.chats[chat_id].messages[message_id]

    def user_deletes_inline(self, inline_message_id: str) -> None:
        """The user deletes a message they sent via the bot in inline mode: edits of it fail."""
        del self.inline_messages[inline_message_id]

    # -- reading what the bot did -----------------------------------------------------------------

    def calls_of(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    def last_call_for(self, message: dict[str, Any]) -> Call:
        """The last successful sendMessage/editMessageText that produced this bot message."""
        return next(
            c
            for c in reversed(self.calls)
            if c.ok
            and c.method in {"sendMessage", "editMessageText"}
            and isinstance(c.result, dict)
            and c.result.get("message_id") == message["message_id"]
            and c.result["chat"]["id"] == message["chat"]["id"]
        )

    def bot_messages(self, chat_id: int) -> list[dict[str, Any]]:
        """The bot's messages in a chat as they are now (edits applied), oldest first."""
        state = self.chats.get(chat_id)
        if state is None:
            return []
        return [m for m in state.messages.values() if m.get("from", {}).get("id") == self.bot_user["id"]]

    def replies_to(self, chat_id: int, message_id: int) -> list[dict[str, Any]]:
        return [
            m
            for m in self.bot_messages(chat_id)
            if m.get("reply_to_message", {}).get("message_id") == message_id
        ]

    async def wait_for(self, predicate: Callable[[], Any], timeout: float = 20.0) -> Any:
        """Wait until predicate() is truthy (checked after every API call and update) and return its value."""
        deadline = time.monotonic() + timeout
        async with self._changed:
            while True:
                value = predicate()
                if value:
                    return value
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError(f"condition not met in {timeout}s; calls: {self.summary()}")
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._changed.wait(), remaining)

    async def wait_call(
        self, method: str, where: Callable[[Call], bool] = lambda c: True, timeout: float = 20.0
    ) -> Call:
        return await self.wait_for(
            lambda: next((c for c in self.calls if c.method == method and where(c)), None), timeout
        )

    def summary(self) -> str:
        return "; ".join(
            f"{c.method}({_short(c.params)})" + ("" if c.ok else f"!{c.error}") for c in self.calls[-15:]
        )

    # -- HTTP handlers ----------------------------------------------------------------------------

    async def _handle_file(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
            )
        path = request.match_info["path"]
        for stored_path, content in self.files.values():
            if stored_path == path:
                return web.Response(body=content, content_type="application/octet-stream")
        return web.json_response({"ok": False, "error_code": 404, "description": "Not Found"}, status=404)

    async def _handle_test_forward(self, request: web.Request) -> web.Response:
        """POST a JSON object {"text": …, "channel": …} (channel, user_id, first_name optional): a post of that
        channel forwarded into the user's private chat. A body that is not such an object is refused with 400
        and the reason (a 500 would tell a person trying the bot by hand nothing)."""
        try:
            forward = _forward_request(await request.read())
        except ValueError as err:
            return web.json_response(
                {"ok": False, "error_code": 400, "description": f"Bad Request: {err}"}, status=400
            )
        user = self.user(forward.user_id, forward.first_name)
        chat = self.private_chat(user)
        channel = self.channel(-1001111111111, forward.channel)
        origin = {"type": "channel", "chat": channel, "message_id": 7, "date": int(time.time())}
        msg, _ = await self.send_text(chat, user, forward.text, forward_origin=origin)
        return web.json_response({"ok": True, "message_id": msg["message_id"], "chat_id": chat["id"]})

    async def _handle_method(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
            )
        method_name = request.match_info["method"]
        params = await _read_params(request)
        broken = next((v for v in params.values() if isinstance(v, ApiError)), None)
        call = Call(method=method_name, params=params, at=time.monotonic())
        if self.request_delay and method_name != "getUpdates":
            await asyncio.sleep(self.request_delay)
        armed = self._take_armed(method_name)
        if armed is not None and armed.disconnect:
            call.ok, call.error = False, "disconnected"
            await self._record(call)
            assert request.transport is not None
            request.transport.close()
            raise asyncio.CancelledError  # aiohttp drops the connection without writing a response
        try:
            if broken is not None:
                raise broken
            if armed is not None:
                raise ApiError(
                    armed.code,
                    armed.description,
                    {"retry_after": armed.retry_after} if armed.retry_after is not None else None,
                )
            handler = getattr(self, "_api_" + method_name.lower(), None)
            if handler is None:
                raise ApiError(404, "Not Found: method not found")
            result = await handler(params)
        except ApiError as err:
            call.ok, call.error = False, err.description
            await self._record(call)
            body: dict[str, Any] = {"ok": False, "error_code": err.code, "description": err.description}
            if err.parameters:
                body["parameters"] = err.parameters
            return web.json_response(body, status=err.code)
        call.result = result
        if method_name != "getUpdates":
            await self._record(call)
        return web.json_response({"ok": True, "result": result})

    async def _record(self, call: Call) -> None:
        async with self._changed:
            self.calls.append(call)
            self._changed.notify_all()

    # -- Bot API methods --------------------------------------------------------------------------

    async def _api_getme(self, p: dict[str, Any]) -> Any:
        return {
            **self.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": not self.privacy,
            "supports_inline_queries": True,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def _api_logout(self, p: dict[str, Any]) -> Any:
        return True

    async def _api_close(self, p: dict[str, Any]) -> Any:
        return True

    async def _api_deletewebhook(self, p: dict[str, Any]) -> Any:
        self.webhook = None
        if _truthy(p.get("drop_pending_updates")):
            self.updates.clear()
        return True

    async def _api_setwebhook(self, p: dict[str, Any]) -> Any:
        url = p.get("url", "")
        if url and not url.startswith("https://"):
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        secret = p.get("secret_token")
        if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", secret):
            raise bad_request("secret token contains unallowed characters")
        self.webhook = dict(p) if url else None
        return True

    async def _api_getwebhookinfo(self, p: dict[str, Any]) -> Any:
        return {
            "url": (self.webhook or {}).get("url", ""),
            "has_custom_certificate": False,
            "pending_update_count": len(self.updates),
        }

    async def _api_getupdates(self, p: dict[str, Any]) -> Any:
        if self.webhook is not None:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset = int(p.get("offset") or 0)
        limit = max(1, min(100, int(p.get("limit") or 100)))
        timeout = max(0.0, float(p.get("timeout") or 0))
        if offset:
            # Telegram forgets every update below the offset: they are confirmed.
            self.updates = [u for u in self.updates if u["update_id"] >= offset]
        deadline = time.monotonic() + timeout
        async with self._changed:
            while not self.updates and time.monotonic() < deadline:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._changed.wait(), deadline - time.monotonic())
                if self._runner is None:
                    break
        batch = self.updates[:limit]
        for u in batch:
            if u["update_id"] not in self.delivered_ids[-500:]:
                self.delivered_ids.append(u["update_id"])
        return batch

    async def _api_setmycommands(self, p: dict[str, Any]) -> Any:
        commands = p.get("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise bad_request("commands must be an array of at most 100 BotCommand")
        for c in commands:
            if not re.fullmatch(r"[a-z0-9_]{1,32}", str(c.get("command", ""))):
                raise bad_request("BOT_COMMAND_INVALID")
            if not 1 <= len(str(c.get("description", ""))) <= 256:
                raise bad_request("command description is empty or too long")
        scope = (p.get("scope") or {"type": "default"})["type"]
        language = _command_language(p)
        if language:
            self.commands_by_language[(scope, language)] = commands
        else:
            self.commands[scope] = commands
        return True

    async def _api_getmycommands(self, p: dict[str, Any]) -> Any:
        scope = (p.get("scope") or {"type": "default"})["type"]
        language = _command_language(p)
        if language:
            return self.commands_by_language.get((scope, language), [])
        return self.commands.get(scope, [])

    async def _api_deletemycommands(self, p: dict[str, Any]) -> Any:
        scope = (p.get("scope") or {"type": "default"})["type"]
        language = _command_language(p)
        if language:
            self.commands_by_language.pop((scope, language), None)
        else:
            self.commands.pop(scope, None)
        return True

    def _state(self, p: dict[str, Any]) -> ChatState:
        raw = p.get("chat_id")
        if raw is None or raw == "":
            raise bad_request("chat_id is empty")
        try:
            chat_id = int(raw)
        except ValueError:
            chat_id = next((cid for cid, s in self.chats.items() if f"@{s.chat.get('username')}" == raw), 0)
        state = self.chats.get(chat_id)
        if state is None:
            raise bad_request("chat not found")
        return state

    def _render_text(
        self, p: dict[str, Any], key: str = "text", limit: int = MAX_MESSAGE_LEN
    ) -> tuple[str, list]:
        raw = p.get(key)
        if raw is None or str(raw).strip() == "":
            raise bad_request("message text is empty")
        raw = str(raw)
        mode = (p.get("parse_mode") or "").lower()
        if mode == "html":
            try:
                text, entities = parse_html(raw)
            except EntityParseError as err:
                raise bad_request(f"can't parse entities: {err}") from None
        elif mode:
            raise bad_request(f"unsupported parse_mode {p['parse_mode']!r} in this test server")
        else:
            text, entities = raw, list(p.get("entities") or [])
        stripped = text.strip()
        if not stripped:
            raise bad_request("message text is empty")
        if utf16_len(stripped) > limit:
            raise bad_request("message is too long")
        return text, entities

    def _keyboard(self, p: dict[str, Any]) -> dict[str, Any] | None:
        markup = p.get("reply_markup")
        if not markup:
            return None
        if "inline_keyboard" in markup:
            for row in markup["inline_keyboard"]:
                for button in row:
                    if not button.get("text"):
                        raise bad_request("text buttons are unallowed in the inline keyboard")
                    if "callback_data" in button and not 1 <= len(button["callback_data"].encode()) <= 64:
                        raise bad_request("BUTTON_DATA_INVALID")
                    if "url" in button and not re.match(r"(https?|tg)://", button["url"]):
                        raise bad_request("inline keyboard button URL is invalid")
        return markup

    async def _api_sendmessage(self, p: dict[str, Any]) -> Any:
        state = self._state(p)
        text, entities = self._render_text(p)
        markup = self._keyboard(p)
        reply = p.get("reply_parameters") or (
            {"message_id": int(p["reply_to_message_id"])} if p.get("reply_to_message_id") else None
        )
        reply_to = None
        if reply:
            reply_to = state.messages.get(int(reply["message_id"]))
            if reply_to is None and not (
                reply.get("allow_sending_without_reply") or _truthy(p.get("allow_sending_without_reply"))
            ):
                raise bad_request("message to be replied not found")
        msg: dict[str, Any] = {
            "message_id": self._new_message_id(state.chat["id"]),
            "from": self._bot_from(),
            "chat": state.chat,
            "date": int(time.time()),
            "text": text,
        }
        if entities:
            msg["entities"] = entities
        if markup:
            msg["reply_markup"] = markup
        if p.get("link_preview_options"):
            msg["link_preview_options"] = p["link_preview_options"]
        if reply_to is not None:
            msg["reply_to_message"] = _shallow(reply_to)
        state.messages[msg["message_id"]] = msg
        state.last_bot_id = self.bot_user["id"]
        return msg

    def _bot_from(self) -> dict[str, Any]:
        return {k: self.bot_user[k] for k in ("id", "is_bot", "first_name", "username")}

    async def _api_editmessagetext(self, p: dict[str, Any]) -> Any:
        if p.get("inline_message_id"):
            return self._edit_inline_text(p)
        state = self._state(p)
        msg = state.messages.get(int(p.get("message_id") or 0))
        if msg is None:
            raise bad_request("message to edit not found")
        if msg["from"]["id"] != self.bot_user["id"]:
            raise bad_request("message can't be edited")
        text, entities = self._render_text(p)
        markup = self._keyboard(p)
        if (
            text == msg.get("text")
            and entities == msg.get("entities", [])
            and markup == msg.get("reply_markup")
        ):
            raise bad_request(
                "message is not modified: specified new message content and reply markup are exactly the "
                "same as a current content and reply markup of the message"
            )
        msg["text"] = text
        msg["entities"] = entities
        if markup:
            msg["reply_markup"] = markup
        else:
            msg.pop("reply_markup", None)
        if p.get("link_preview_options"):
            msg["link_preview_options"] = p["link_preview_options"]
        msg["edit_date"] = int(time.time())
        return msg

    def _edit_inline_text(self, p: dict[str, Any]) -> bool:
        """editMessageText on a message sent via the bot: identified by inline_message_id alone; True on success
        (the Bot API returns no Message for inline messages)."""
        if p.get("chat_id") or p.get("message_id"):
            raise bad_request("chat_id and message_id must be empty when inline_message_id is specified")
        msg = self.inline_messages.get(str(p["inline_message_id"]))
        if msg is None:
            raise bad_request("MESSAGE_ID_INVALID")
        text, entities = self._render_text(p)
        markup = self._keyboard(p)
        if text == msg["text"] and entities == msg["entities"] and markup == msg.get("reply_markup"):
            raise bad_request(
                "message is not modified: specified new message content and reply markup are exactly the "
                "same as a current content and reply markup of the message"
            )
        msg.update(text=text, entities=entities, edit_date=int(time.time()))
        if markup:
            msg["reply_markup"] = markup
        else:
            msg.pop("reply_markup", None)
        return True

    async def _api_editmessagereplymarkup(self, p: dict[str, Any]) -> Any:
        state = self._state(p)
        msg = state.messages.get(int(p.get("message_id") or 0))
        if msg is None:
            raise bad_request("message to edit not found")
        markup = self._keyboard(p)
        if markup:
            msg["reply_markup"] = markup
        else:
            msg.pop("reply_markup", None)
        return msg

    async def _api_deletemessage(self, p: dict[str, Any]) -> Any:
        state = self._state(p)
        if state.messages.pop(int(p.get("message_id") or 0), None) is None:
            raise bad_request("message to delete not found")
        return True

    async def _api_sendchataction(self, p: dict[str, Any]) -> Any:
        self._state(p)
        if p.get("action") not in CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        return True

    async def _api_getchatmember(self, p: dict[str, Any]) -> Any:
        state = self._state(p)
        user_id = int(p.get("user_id") or 0)
        if state.chat["type"] == "private":
            status = "member"
        else:
            status = self.members.get((state.chat["id"], user_id), "member")
        user = self._bot_from() if user_id == self.bot_user["id"] else self.user(user_id, "Member")
        member: dict[str, Any] = {"status": status, "user": user}
        if status == "administrator":
            member.update(
                can_be_edited=False,
                is_anonymous=False,
                can_manage_chat=True,
                can_delete_messages=True,
                can_manage_video_chats=True,
                can_restrict_members=True,
                can_promote_members=False,
                can_change_info=True,
                can_invite_users=True,
                can_post_stories=False,
                can_edit_stories=False,
                can_delete_stories=False,
            )
        elif status == "creator":
            member.update(is_anonymous=False)
        elif status == "restricted":
            member.update(is_member=True, until_date=0)
        elif status == "kicked":
            member.update(until_date=0)
        return member

    async def _api_getfile(self, p: dict[str, Any]) -> Any:
        file_id = p.get("file_id", "")
        if file_id not in self.files:
            raise bad_request("invalid file_id")
        path, content = self.files[file_id]
        if len(content) > MAX_DOWNLOAD_BYTES:
            raise bad_request("file is too big")
        return {
            "file_id": file_id,
            "file_unique_id": "u" + file_id[-6:],
            "file_size": len(content),
            "file_path": path,
        }

    async def _api_answerinlinequery(self, p: dict[str, Any]) -> Any:
        qid = str(p.get("inline_query_id", ""))
        query = self.inline_queries.get(qid)
        if query is None or "answer" in query:
            raise bad_request("query is too old and response timeout expired or query ID is invalid")
        results = p.get("results")
        if not isinstance(results, list) or len(results) > 50:
            raise bad_request("RESULTS_TOO_MUCH")
        ids = set()
        for r in results:
            if not r.get("id") or len(str(r["id"]).encode()) > 64 or r["id"] in ids:
                raise bad_request("RESULT_ID_INVALID")
            ids.add(r["id"])
            if r.get("type") == "article":
                if not r.get("title"):
                    raise bad_request("RESULT_TITLE_EMPTY")
                content = r.get("input_message_content") or {}
                self._render_text(content, key="message_text")
            self._keyboard(r)
        query["answer"] = p
        return True

    async def _api_answercallbackquery(self, p: dict[str, Any]) -> Any:
        cid = str(p.get("callback_query_id", ""))
        query = self.callback_queries.get(cid)
        if query is None or "answer" in query:
            raise bad_request("query is too old and response timeout expired or query ID is invalid")
        if len(p.get("text") or "") > MAX_CALLBACK_ANSWER_LEN:
            raise bad_request("MESSAGE_TOO_LONG")
        query["answer"] = p
        return True


# ------------------------------------------------------------------------------------------------
# helpers

JSON_HINT = (
    "write the body with a JSON encoder (an article's quotes and newlines must be escaped) and send it as it is: "
    "curl --data-binary @update.json (see the README)"
)


@dataclass(frozen=True)
class _Forward:
    text: str
    channel: str = "Test Channel"
    user_id: int = 1001
    first_name: str = "Tester"


def _forward_request(body: bytes) -> _Forward:
    """The body of POST /_test/forward, checked; ValueError says what is wrong with it and how to fix it."""
    try:
        data = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        raise ValueError(f"the body is not UTF-8 text; {JSON_HINT}") from None
    except json.JSONDecodeError as err:
        raise ValueError(f"the body is not valid JSON ({err}); {JSON_HINT}") from None
    if not isinstance(data, dict):
        raise ValueError('the body must be a JSON object: {"text": "…", "channel": "…"}')
    text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError('"text" is missing or empty: {"text": "the post", "channel": "…"}')
    for name, kind in (("channel", str), ("first_name", str), ("user_id", int)):
        value = data.get(name)
        if value is not None and (not isinstance(value, kind) or isinstance(value, bool)):
            raise ValueError(f'"{name}" must be a {"string" if kind is str else "whole number"}')
    given = {k: data[k] for k in ("channel", "user_id", "first_name") if data.get(k) is not None}
    return _Forward(text=text, **given)


async def _read_params(request: web.Request) -> dict[str, Any]:
    params: dict[str, Any] = dict(request.query)
    if request.method == "POST" and request.can_read_body:
        if request.content_type == "application/json":
            params.update(await request.json())
        else:
            form = await request.post()
            for key, value in form.items():
                params[key] = value if isinstance(value, str) else value.file.read()
    for key in INT_FIELDS:
        value = params.get(key)
        if isinstance(value, str) and re.fullmatch(r"-?\d+", value):
            params[key] = int(value)
    for key in JSON_FIELDS:
        if isinstance(params.get(key), str):
            try:
                params[key] = json.loads(params[key])
            except json.JSONDecodeError:
                params[key] = ApiError(400, f"Bad Request: can't parse {key} JSON object")
    return params


def _truthy(value: Any) -> bool:
    return value in (True, "true", "True", "1", 1)


def _suffix(name: str) -> str:
    return name[name.rfind(".") :] if "." in name else ""


def _shallow(msg: dict[str, Any]) -> dict[str, Any]:
    """A replied-to message as Telegram embeds it: without its own reply_to_message."""
    return {k: v for k, v in msg.items() if k != "reply_to_message"}


def _utf16_slice(text: str, offset: int, length: int) -> str:
    raw = text.encode("utf-16-le")
    return raw[offset * 2 : (offset + length) * 2].decode("utf-16-le")


def _short(params: dict[str, Any]) -> str:
    shown = {k: v for k, v in params.items() if k in {"chat_id", "text", "message_id", "action", "results"}}
    text = json.dumps(shown, ensure_ascii=False, default=str)
    return text if len(text) < 160 else text[:157] + "..."


def entity_texts(message: dict[str, Any], kinds: Iterable[str]) -> list[str]:
    """Substrings of a message's text covered by entities of the given kinds (UTF-16 aware)."""
    wanted = set(kinds)
    text = message.get("text") or message.get("caption") or ""
    ents = message.get("entities") or message.get("caption_entities") or []
    return [_utf16_slice(text, e["offset"], e["length"]) for e in ents if e["type"] in wanted]


async def _serve_forever(port: int) -> None:
    server = BotAPIServer()
    await server.start(port)
    print(f"TELEGRAM_API_URL={server.url}\nTELEGRAM_BOT_TOKEN={server.token}", flush=True)
    print(f"inject a forwarded post: curl --data-binary @update.json {server.url}/_test/forward", flush=True)
    print(
        '  (update.json: {"text": "the article", "channel": "Some Channel"}, written by a JSON encoder)',
        flush=True,
    )
    seen = 0
    try:
        while True:
            await asyncio.sleep(0.5)
            for call in server.calls[seen:]:
                if call.method in {"sendMessage", "editMessageText"} and call.ok:
                    print(f"--- {call.method} to {call.params.get('chat_id')}:\n{call.result.get('text')}")
            seen = len(server.calls)
    finally:
        await server.stop()


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="A Telegram Bot API test server on 127.0.0.1")
    parser.add_argument("--port", type=int, default=8081)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve_forever(parser.parse_args().port))
