"""The command line: `newsbot digest …` (the pipeline for scripts) and `newsbot run` (the Telegram bot)."""

from __future__ import annotations

import argparse
import asyncio
import codecs
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from bot.charset import decode_body
from bot.config import Settings
from bot.digest import Article, Digest, make_digest
from bot.errors import InputError, NewsbotError

MAX_FILE_BYTES = 5_000_000
FORMATS = ("text", "json", "html")


def decode_bytes(data: bytes) -> str:
    """Bytes from a file or stdin → text, by the same rules as a fetched page (BOM, UTF-8, detection); never binary."""
    if not data.strip():
        raise InputError("The input is empty. Give a file with the article's text, or pipe it to `-`.")
    # UTF-16 text (with its BOM) is full of NUL bytes; anything else with them is binary.
    if b"\x00" in data[:8192] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError("That looks like a binary file, not text.")
    return decode_body(data, None, "text/plain")


def _is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def _read_source(source: str, stdin: IO[bytes]) -> tuple[bytes, str | None]:
    if source == "-":
        data = stdin.read(MAX_FILE_BYTES + 1)
        name = None
    else:
        path = Path(source)
        if not path.is_file():
            raise InputError(f"No such file: {source}")
        with path.open("rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
        name = path.name
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"That input is over {MAX_FILE_BYTES // 1_000_000} MB; send the article itself.")
    return data, name


def _article_from_html(html: str, url: str | None) -> Article:
    from bot.extract import extract_article

    article: Article = extract_article(html, url)
    return article


def _looks_like_html(name: str | None, text: str) -> bool:
    if name and name.lower().endswith((".html", ".htm", ".xhtml")):
        return True
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html"))


async def _digest_url(settings: Settings, url: str, points: int) -> Digest:
    from bot.service import DigestService, make_executor
    from bot.store import Store

    store = await Store.from_settings(settings)
    # A one-shot command is faster on threads: a process pool would load the models again in each worker.
    executor = make_executor(settings, "thread")
    service = DigestService(settings, store, executor=executor)
    try:
        return await service.digest_url(url, points=points)
    finally:
        await service.aclose()
        await store.close()
        executor.shutdown(wait=True)


def _render(d: Digest, fmt: str) -> str:
    from bot.render import render_json, render_telegram_html, render_text

    if fmt == "json":
        return render_json(d) + "\n"
    if fmt == "html":
        return render_telegram_html(d) + "\n"
    return render_text(d)


def _digest_one(source: str, args: argparse.Namespace, stdin: IO[bytes], settings: Settings) -> Digest:
    if _is_url(source):
        return asyncio.run(_digest_url(settings, source, args.points))
    data, name = _read_source(source, stdin)
    text = decode_bytes(data)
    if args.html or _looks_like_html(name, text):
        article = _article_from_html(text, args.url)
    else:
        article = Article(text=text, title=args.title, source=name)
    return make_digest(article, points=args.points, method=args.method)


def _jsonl(args: argparse.Namespace, stdin: IO[bytes], stdout: IO[str], settings: Settings) -> int:
    """One JSON request a line in, one JSON digest (or {"id", "error"}) a line out; models load once."""
    failures = 0
    for raw in stdin:
        line = raw.decode("utf-8", errors="replace").strip()
        if not line:
            continue
        item_id: Any = None
        try:
            request = json.loads(line)
            if not isinstance(request, dict):
                raise InputError("each line must be a JSON object")
            item_id = request.get("id")
            points = int(request.get("points", args.points))
            if "url" in request:
                digest = asyncio.run(_digest_url(settings, str(request["url"]), points))
            elif "html" in request:
                digest = make_digest(
                    _article_from_html(str(request["html"]), request.get("source_url")), points=points
                )
            elif "text" in request:
                digest = make_digest(
                    Article(
                        text=str(request["text"]), title=request.get("title"), source=request.get("source")
                    ),
                    points=points,
                    method=args.method,
                )
            else:
                raise InputError('each line needs "text", "url" or "html"')
            out = {"id": item_id, **digest.to_json()}
        except json.JSONDecodeError:
            out, failures = {"id": item_id, "error": "not a JSON line"}, failures + 1
        except NewsbotError as exc:
            out, failures = {"id": item_id, "error": exc.user_message}, failures + 1
        except Exception as exc:  # one bad item must not end the batch
            logging.getLogger(__name__).debug("jsonl item failed", exc_info=True)
            out, failures = {"id": item_id, "error": f"internal error: {type(exc).__name__}"}, failures + 1
        stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        stdout.flush()
    return 0


def _cmd_digest(args: argparse.Namespace, stdin: IO[bytes], stdout: IO[str], settings: Settings) -> int:
    if args.jsonl:
        return _jsonl(args, stdin, stdout, settings)
    sources = list(args.sources)
    if args.html:
        sources = [args.html]
    if not sources:
        sources = ["-"]
    digests = [_digest_one(source, args, stdin, settings) for source in sources]
    if args.format == "json" and len(digests) > 1:
        stdout.write(json.dumps([d.to_json() for d in digests], ensure_ascii=False, indent=2) + "\n")
    else:
        stdout.write("\n".join(_render(d, args.format) for d in digests))
    return 0


def _cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    from bot.app import run

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
    settings = Settings.load()
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
