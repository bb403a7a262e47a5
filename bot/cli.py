"""The command line: `newsbot digest …` (the pipeline for scripts) and `newsbot run` (the Telegram bot)."""

from __future__ import annotations

import argparse
import asyncio
import codecs
import contextlib
import dataclasses
import json
import logging
import os
import sys
import threading
from collections.abc import AsyncGenerator, AsyncIterator, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from tqdm import tqdm

from bot.config import Settings, SettingsError
from bot.errors import InputError, NewsbotError
from bot.model import Article, Digest
from bot.pipeline import make_digest, summary_methods
from bot.sources.charset import decode_body

if TYPE_CHECKING:
    from bot.service import DigestService

MAX_FILE_BYTES = 5_000_000  # a text or HTML file (or stdin)
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024  # a PDF or .docx, which carry pictures and fonts: as the bot takes them
FORMATS = ("text", "json", "html")
READ_CHUNK = 65536
READ_AHEAD_LINES = 64  # --jsonl: how far the stdin reader may run ahead of the line being digested
TERMINAL_HINT = (
    "newsbot: paste the article, then press Ctrl-D on a line of its own (Ctrl-C cancels); "
    "or give a file or a link: newsbot digest FILE|URL"
)
MAX_LINE_BYTES = 16_000_000  # --jsonl: a 5 MB page, escaped as JSON, fits; a longer line is refused unread
EXIT_BAD_SETTINGS = 2  # as for a bad command line: the call, not the input, is wrong
EXIT_BROKEN_PIPE = 141  # what a shell reports for a tool stopped by SIGPIPE (`newsbot … | head -1`)


def decode_bytes(data: bytes) -> str:
    """Bytes from a file or stdin → text, by the same rules as a fetched page (BOM, UTF-8, detection); never binary."""
    if not data.strip():
        raise InputError("The input is empty. Give a file with the article's text, or pipe it to `-`.")
    # UTF-16 text (with its BOM) is full of NUL bytes; anything else with them is binary.
    if b"\x00" in data[:8192] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError("That looks like a binary file, not text.")
    return decode_body(data, None, "text/plain")


def _is_terminal(stream: IO[Any]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def _read_source(source: str, stdin: IO[bytes]) -> tuple[bytes, str | None]:
    """A file's (or stdin's) bytes and the file's name, read up to the larger limit; `_check_size` decides."""
    if source == "-":
        data = stdin.read(MAX_DOCUMENT_BYTES + 1)
        name = None
    else:
        path = Path(source)
        if path.is_dir():
            raise InputError(f"{source} is a folder; give a file in it.")
        if not path.is_file():
            raise InputError(f"No such file: {source}")
        with path.open("rb") as fh:
            data = fh.read(MAX_DOCUMENT_BYTES + 1)
        name = path.name
    return data, name


def _check_size(data: bytes, document: bool) -> None:
    if document and len(data) > MAX_DOCUMENT_BYTES:
        raise InputError(f"That file is over {MAX_DOCUMENT_BYTES // 1024 // 1024} MB; give a smaller one.")
    if not document and len(data) > MAX_FILE_BYTES:
        raise InputError(f"That input is over {MAX_FILE_BYTES // 1_000_000} MB; send the article itself.")


def _article_from_html(html: str, url: str | None) -> Article:
    from bot.sources.extract import extract_article

    article: Article = extract_article(html, url)
    return article


def _looks_like_html(name: str | None, text: str) -> bool:
    if name and name.lower().endswith((".html", ".htm", ".xhtml")):
        return True
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html"))


@contextlib.asynccontextmanager
async def _open_service(settings: Settings, *, lazy_store: bool = False) -> AsyncIterator[DigestService]:
    from bot.service import open_service

    # A command is faster on threads: a process pool would load the models again in each worker.
    async with open_service(settings, executor_kind="thread", lazy_store=lazy_store) as service:
        yield service


async def _digest_urls(
    settings: Settings, urls: list[str], points: int, method: str
) -> list[Digest | BaseException]:
    """Every link of one command through one service (one cache, one HTTP client), read concurrently."""
    async with _open_service(settings) as service:
        return await asyncio.gather(
            *(service.digest_url(url, points=points, method=method) for url in urls), return_exceptions=True
        )


def _render(d: Digest, fmt: str) -> str:
    from bot.render import render_json, render_telegram_html, render_text

    if fmt == "json":
        return render_json(d) + "\n"
    if fmt == "html":
        return render_telegram_html(d) + "\n"
    return render_text(d)


def _digest_one(source: str, args: argparse.Namespace, stdin: IO[bytes]) -> Digest:
    from bot.sources.documents import BINARY_KINDS, MARKDOWN, kind_of, read_document, sniff
    from bot.sources.markdown import markdown_text

    data, name = _read_source(source, stdin)
    kind = "text/html" if args.html else sniff(data, kind_of(name) or "text/plain")
    _check_size(data, kind in BINARY_KINDS)
    if kind in BINARY_KINDS:  # a PDF or a .docx, by its name or by its bytes
        article = dataclasses.replace(read_document(data, kind), title=args.title, source=name)
    else:
        text = decode_bytes(data)
        if kind == MARKDOWN:
            article = Article(text=markdown_text(text), title=args.title, source=name)
        elif args.html or _looks_like_html(name, text):
            article = _article_from_html(text, args.url)
        else:
            article = Article(text=text, title=args.title, source=name)
    return make_digest(article, points=args.points, method=args.method)


def _jsonl(args: argparse.Namespace, stdin: IO[bytes], stdout: IO[str], settings: Settings) -> int:
    """One JSON request a line in, one JSON digest (or {"id", "error"}) a line out, in input order, each line
    flushed as it is written. One event loop, store, HTTP client and worker pool serve the whole stream; the
    store is opened on the first link (text and HTML lines are never cached), so they create no data folder."""
    asyncio.run(_jsonl_stream(args, stdin, stdout, settings))
    return 0


async def _jsonl_stream(
    args: argparse.Namespace, stdin: IO[bytes], stdout: IO[str], settings: Settings
) -> None:
    # A count of lines answered on a terminal's stderr; nothing when stderr is a pipe or a file.
    show = _is_terminal(sys.stderr)
    async with (
        _open_service(settings, lazy_store=True) as service,
        contextlib.aclosing(_read_lines(stdin)) as lines,
    ):
        with tqdm(desc="newsbot", unit=" lines", file=sys.stderr, disable=not show, leave=False) as progress:
            async for raw in lines:
                if isinstance(raw, OverlongLine):
                    out: dict[str, Any] = {"id": None, "error": f"line over {MAX_LINE_BYTES:,} bytes"}
                else:
                    line = raw.decode("utf-8", errors="replace").strip()
                    if not line:
                        continue
                    out = await _answer(service, line, args)
                progress.update()
                stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
                stdout.flush()


async def _answer(service: DigestService, line: str, args: argparse.Namespace) -> dict[str, Any]:
    """The output object for one input line: its digest, or its own error (one bad line never ends the stream)."""
    item_id: Any = None
    try:
        request = json.loads(line)
        if not isinstance(request, dict):
            raise InputError("each line must be a JSON object")
        item_id = request.get("id")
        points = _line_points(request.get("points", args.points))
        if "url" in request:
            digest = await service.digest_url(str(request["url"]), points=points, method=args.method)
        elif "html" in request:
            article = await service.read_page(str(request["html"]), "text/html", request.get("source_url"))
            digest = await service.digest_uncached(article, points=points, method=args.method)
        elif "text" in request:
            article = Article(
                text=str(request["text"]), title=request.get("title"), source=request.get("source")
            )
            digest = await service.digest_uncached(article, points=points, method=args.method)
        else:
            raise InputError('each line needs "text", "url" or "html"')
        return {"id": item_id, **digest.to_json()}
    except json.JSONDecodeError:
        return {"id": item_id, "error": "not a JSON line"}
    except NewsbotError as exc:
        return {"id": item_id, "error": exc.user_message}
    except Exception as exc:  # a bug on one line must not end the stream either
        logging.getLogger(__name__).debug("jsonl item failed", exc_info=True)
        return {"id": item_id, "error": f"internal error: {type(exc).__name__}"}


def _line_points(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise InputError('"points" must be a whole number, at least 1')
    try:
        points = int(value)
    except ValueError:
        raise InputError('"points" must be a whole number, at least 1') from None
    if points < 1:
        raise InputError('"points" must be a whole number, at least 1')
    return points


async def _read_lines(stdin: IO[bytes]) -> AsyncGenerator[bytes, None]:
    """stdin's lines as they arrive, read by a daemon thread: a read blocked on a terminal or an idle pipe must
    neither keep Ctrl-C from stopping the stream nor keep the process alive after it."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[bytes | BaseException | None] = asyncio.Queue()
    room = threading.Semaphore(READ_AHEAD_LINES)
    stopped = threading.Event()

    def hand_over(item: bytes | BaseException | None) -> bool:
        try:
            loop.call_soon_threadsafe(queue.put_nowait, item)
        except RuntimeError:  # the loop is closed: nobody is reading any more
            return False
        return True

    def pump() -> None:
        try:
            for raw in _split_lines(_chunks(stdin)):
                while not room.acquire(timeout=0.2):  # wait for room, but notice when the stream has ended
                    if stopped.is_set():
                        return
                if stopped.is_set() or not hand_over(raw):
                    return
        except Exception as exc:  # an unreadable stdin ends the stream with that error
            hand_over(exc)
            return
        hand_over(None)

    threading.Thread(target=pump, name="jsonl-stdin", daemon=True).start()
    try:
        while (item := await queue.get()) is not None:
            if isinstance(item, BaseException):
                raise item
            room.release()
            yield item
    finally:
        stopped.set()


def _chunks(stdin: IO[bytes]) -> Iterator[bytes]:
    """stdin's bytes as they arrive. A real descriptor is read with os.read, which holds none of the buffered
    reader's locks: the reading thread, blocked at exit, would otherwise make Python abort its shutdown."""
    try:
        fd = stdin.fileno()
    except (AttributeError, OSError, ValueError):  # an in-memory stream (tests): it never blocks
        yield from iter(lambda: stdin.read(READ_CHUNK), b"")
        return
    while chunk := os.read(fd, READ_CHUNK):  # returns what a pipe has, without waiting to fill the chunk
        yield chunk


class OverlongLine(bytes):
    """Stands for a --jsonl line longer than MAX_LINE_BYTES: its bytes were dropped as they came, never held."""


def _split_lines(chunks: Iterable[bytes], limit: int | None = None) -> Iterator[bytes]:
    """Whole lines (with their newline) from chunks, in linear time however long a line is. A line longer than
    `limit` (default MAX_LINE_BYTES) comes out as an empty OverlongLine, so memory stays bounded."""
    limit = MAX_LINE_BYTES if limit is None else limit
    parts: list[bytes] = []
    size = 0
    overlong = False
    for chunk in chunks:
        start = 0
        while (end := chunk.find(b"\n", start)) >= 0:
            size += end + 1 - start
            if overlong or size > limit:
                yield OverlongLine()
            else:
                parts.append(chunk[start : end + 1])
                yield b"".join(parts)
            parts, start, size, overlong = [], end + 1, 0, False
        if start < len(chunk):
            size += len(chunk) - start
            overlong = overlong or size > limit
            if overlong:
                parts = []
            else:
                parts.append(chunk[start:])
    if overlong:
        yield OverlongLine()
    elif parts:
        yield b"".join(parts)


def _check_method(method: str) -> None:
    methods = summary_methods()
    if method not in methods:
        raise InputError(f"unknown --method {method!r}; choose one of {', '.join(methods)}")


def _cmd_digest(args: argparse.Namespace, stdin: IO[bytes], stdout: IO[str], settings: Settings) -> int:
    _check_method(args.method)
    if args.jsonl:
        return _jsonl(args, stdin, stdout, settings)
    sources = list(args.sources)
    if args.html:
        sources = [args.html]
    if not sources:
        sources = ["-"]
    if "-" in sources and _is_terminal(stdin):
        print(TERMINAL_HINT, file=sys.stderr)
    urls = list(dict.fromkeys(s for s in sources if _is_url(s)))
    read: dict[str, Digest | BaseException] = {}
    if urls:  # files and stdin alone need no cache, so no data folder is made for them
        read = dict(
            zip(urls, asyncio.run(_digest_urls(settings, urls, args.points, args.method)), strict=True)
        )
    digests: list[Digest] = []
    exit_code = 0
    for source in sources:  # each source that fails is named; the first failure, in order, decides the exit
        try:
            result = read[source] if source in read else _digest_one(source, args, stdin)
            if isinstance(result, BaseException):
                raise result
        except NewsbotError as exc:
            if len(sources) == 1:
                raise
            label = "stdin" if source == "-" else source
            message = exc.user_message if label in exc.user_message else f"{label}: {exc.user_message}"
            print(f"newsbot: {message}", file=sys.stderr)
            exit_code = exit_code or exc.exit_code
            continue
        digests.append(result)
    if args.format == "json" and len(sources) > 1:
        stdout.write(json.dumps([d.to_json() for d in digests], ensure_ascii=False, indent=2) + "\n")
    elif digests:
        stdout.write("\n".join(_render(d, args.format) for d in digests))
    return exit_code


def _cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    from bot.telegram.app import run

    return run(settings, webhook_url=args.webhook or settings.webhook_url or None)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsbot",
        description="Turn an article or a link into a short digest: key points and named actors.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("digest", help="digest files, stdin (-) or links")
    d.add_argument("sources", nargs="*", metavar="SOURCE", help="a file, - for stdin, or an http(s) link")
    d.add_argument("--points", "-n", type=int, default=None, help="number of key points (default 4)")
    d.add_argument("--format", "-f", choices=FORMATS, default="text")
    d.add_argument("--jsonl", action="store_true", help='read {"id", "text"|"url"|"html"} lines from stdin')
    d.add_argument("--html", metavar="FILE", help="read a saved HTML page and extract its article")
    d.add_argument("--url", help="the page's URL (with --html), for metadata only; nothing is fetched")
    d.add_argument("--title", help="the article's title, when the text has none")
    d.add_argument("--method", default="keypoints", help="summarizer: keypoints (default), lead, lexrank, …")
    r = sub.add_parser("run", help="start the Telegram bot (long polling, or --webhook URL)")
    r.add_argument("--webhook", metavar="URL", help="public HTTPS URL for webhook mode")
    return parser


def main(
    argv: Sequence[str] | None = None,
    *,
    stdin: IO[bytes] | None = None,
    stdout: IO[str] | None = None,
) -> int:
    args = build_parser().parse_args(argv)
    stdin = stdin or sys.stdin.buffer
    stdout = stdout or sys.stdout
    try:
        settings = Settings.load()
    except SettingsError as exc:  # one line per variable, naming it and the form it takes; no traceback
        for problem in exc.problems:
            print(f"newsbot: {problem}", file=sys.stderr)
        return EXIT_BAD_SETTINGS
    if getattr(args, "points", None) is None:
        args.points = settings.default_points
    if getattr(args, "points", 1) < 1:
        print("newsbot: --points must be at least 1", file=sys.stderr)
        return 2
    try:
        if args.command == "digest":
            return _cmd_digest(args, stdin, stdout, settings)
        return _cmd_run(args, settings)
    except NewsbotError as exc:
        print(f"newsbot: {exc.user_message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`| head -1`): stop quietly, and keep Python's exit-time flush from failing too.
        if stdout is sys.stdout:
            with contextlib.suppress(OSError, ValueError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except Exception as exc:  # a CLI user gets one line; NEWSBOT_DEBUG=1 shows the traceback
        if os.environ.get("NEWSBOT_DEBUG"):
            raise
        print(
            f"newsbot: internal error ({type(exc).__name__}); set NEWSBOT_DEBUG=1 for details",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
