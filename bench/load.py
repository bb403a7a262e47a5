"""Load benchmark of the Telegram bot: `python -m bench.load`.

The real bot runs as its own process (`python -m bot run`, as in production) against the Bot API test server
(tools/tgserver.py) in this process; links point at article pages served on loopback (the bot runs with
NEWSBOT_ALLOW_PRIVATE_TARGETS=1, for testing only). Two phases:

1. Throughput: 200 chats × 5 messages (texts and links mixed), arriving as an open-loop Poisson stream at
   `--rate` messages/s. Checks that every message is answered exactly once; reports p50/p95/max latency from
   injecting the update to the final reply (the digest, or its edit over "Reading…"), messages/s, peak RSS of
   the bot and its workers.
2. Responsiveness: 20 link digests are started at once (pages that take `--slow` seconds to serve), and /start is
   sent from other chats while they run; reports /start latency.

Articles come from ../shared/data/cnndm-frank250 (read at run time, never copied), each message a distinct
variant so the cache cannot answer for the pipeline; without that data, invented filler articles are used.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import signal
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiohttp import web

from tools.tgserver import BotAPIServer

REPO = Path(__file__).resolve().parent.parent

DEFAULT_DATA = REPO.parent / "shared" / "data" / "cnndm-frank250" / "cnndm_test_frank250.jsonl"


# ----------------------------------------------------------------------------------------------------------------
# Inputs


def load_articles(path: Path) -> list[tuple[str, str]]:
    """(title, text) pairs from the shared CNN/DM set, or invented filler when it is absent."""
    if path.is_file():
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        return [(r.get("title") or "Untitled", r["article"]) for r in rows if len(r["article"]) > 800]
    print(f"note: {path} not found; using invented filler articles", file=sys.stderr)
    rng = random.Random(7)
    towns = ["Port Elwen", "Northfield", "Ashby", "Kerrow", "Millbrook", "Dunmere", "Tolland", "Brackwater"]
    people = ["Ines Varga", "Tomas Reiner", "Dalia Okafor", "Pieter Lund", "Mara Stein", "Owen Pryce"]
    verbs = ["approved", "delayed", "rejected", "funded", "debated", "postponed"]
    things = [
        "a flood barrier",
        "a new library",
        "a tram line",
        "a school roof",
        "a harbour levy",
        "a bike lane",
    ]
    out = []
    for i in range(250):
        town = rng.choice(towns)
        sentences = [
            f"The council of {town} {rng.choice(verbs)} {rng.choice(things)} on day {i} after a long debate.",
            f"{rng.choice(people)} said the decision would cost about {rng.randint(2, 90)} million euros.",
            f"Residents of {town} had asked for the change for {rng.randint(2, 12)} years, officials said.",
            f"Critics including {rng.choice(people)} argued that the money was needed elsewhere in {town}.",
            f"Work is due to start in {rng.choice(['spring', 'autumn', 'winter'])} and take "
            f"{rng.randint(3, 30)} months.",
            f"The regional authority will pay {rng.randint(10, 90)} percent of the cost, the rest coming from "
            "local taxes.",
            f"A public meeting in {town} drew {rng.randint(100, 900)} people on {rng.choice(['Monday', 'Friday'])}.",
            f"{rng.choice(people)} promised a report on progress every {rng.randint(2, 6)} months.",
        ]
        rng.shuffle(sentences)
        out.append((f"{town} council decision {i}", " ".join(sentences * 2)))
    return out


def variant(text: str, n: int) -> str:
    """A distinct version of an article (drops `n` leading sentences) so every message is new work."""
    sentences = text.split(". ")
    keep = sentences[min(n, max(0, len(sentences) - 6)) :]
    return ". ".join(keep)


def page(title: str, text: str) -> str:
    paragraphs = "".join(f"<p>{p.strip()}.</p>" for p in text.split(". ") if p.strip())
    return (
        f"<!doctype html><html><head><title>{title}</title></head><body><nav>Home | World | Sport</nav>"
        f"<article><h1>{title}</h1>{paragraphs}</article><footer>Contact us</footer></body></html>"
    )


class Site:
    """Article pages on loopback: /a/<n> returns page n; `slow` pages wait before answering."""

    def __init__(self, pages: dict[str, str], slow: float) -> None:
        self.pages = pages
        self.slow = slow
        self.port = 0
        self._runner: web.AppRunner | None = None

    async def handle(self, request: web.Request) -> web.Response:
        body = self.pages.get(request.path)
        if body is None:
            return web.Response(status=404, text="not found")
        if request.path.startswith("/slow/"):
            await asyncio.sleep(self.slow)
        return web.Response(text=body, content_type="text/html")

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/{tail:.*}", self.handle)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.2)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()


# ----------------------------------------------------------------------------------------------------------------
# Measuring


def tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants (Linux /proc), in kB."""
    total = 0
    stack = [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
            with open(f"/proc/{p}/task/{p}/children") as f:
                stack.extend(int(c) for c in f.read().split())
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total


@dataclass
class Tracker:
    """Matches the bot's replies to the messages they answer (by reply_to_message) as calls arrive."""

    server: BotAPIServer
    sent_at: dict[tuple[int, int], float] = field(default_factory=dict)
    kind: dict[tuple[int, int], str] = field(default_factory=dict)
    done_at: dict[tuple[int, int], float] = field(default_factory=dict)
    finals: dict[tuple[int, int], set[int]] = field(default_factory=dict)
    texts: dict[tuple[int, int], str] = field(default_factory=dict)
    seen: int = 0

    def scan(self) -> int:
        """Reads the calls made since the last scan; returns how many messages still await their reply."""
        calls = self.server.calls
        while self.seen < len(calls):
            call = calls[self.seen]
            self.seen += 1
            if not call.ok or call.method not in {"sendMessage", "editMessageText"}:
                continue
            result = call.result
            if not isinstance(result, dict) or "reply_to_message" not in result:
                continue
            text = result.get("text", "")
            if text.startswith("Reading"):
                continue
            key = (result["chat"]["id"], result["reply_to_message"]["message_id"])
            if key not in self.sent_at:
                continue
            self.finals.setdefault(key, set()).add(result["message_id"])
            self.done_at.setdefault(key, call.at)
            self.texts.setdefault(key, text)
        return self.pending()

    def pending(self) -> int:
        return len(self.sent_at) - len(self.done_at)


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


# ----------------------------------------------------------------------------------------------------------------
# The run


async def start_bot(server: BotAPIServer, data_dir: Path, workers: int) -> asyncio.subprocess.Process:
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": server.token,
        "TELEGRAM_API_URL": server.url,
        "NEWSBOT_DATA_DIR": str(data_dir),
        "NEWSBOT_ALLOW_PRIVATE_TARGETS": "1",  # the article pages are on loopback; for testing only
        "NEWSBOT_LOG_LEVEL": "WARNING",
        "NEWSBOT_WORKERS": str(workers),
    }
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        cwd=data_dir,
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    await server.wait_for(lambda: server.commands and server.calls_of("deleteWebhook"), timeout=120)
    return proc


async def warm_up(server: BotAPIServer, tracker: Tracker, texts: list[str]) -> None:
    """Digests first, several at once, so every worker process has its models loaded before the clock starts."""
    for i, text in enumerate(texts):
        user = server.user(1 + i, f"Warm{i}")
        chat = server.private_chat(user)
        msg, _ = await server.send_text(chat, user, text)
        tracker.sent_at[(chat["id"], msg["message_id"])] = time.monotonic()
        tracker.kind[(chat["id"], msg["message_id"])] = "warmup"
    await server.wait_for(lambda: tracker.scan() == 0, timeout=180)


async def sample_rss(pid: int, peak: list[int], stop: asyncio.Event) -> None:
    while not stop.is_set():
        peak[0] = max(peak[0], tree_rss_kb(pid))
        await asyncio.sleep(0.25)


async def phase_throughput(
    server: BotAPIServer,
    tracker: Tracker,
    site: Site,
    articles: list[tuple[str, str]],
    args: argparse.Namespace,
) -> dict[str, Any]:
    rng = random.Random(args.seed)
    plan: list[tuple[int, int, str]] = []  # (chat number, round, kind)
    for round_no in range(args.messages):
        order = list(range(args.chats))
        rng.shuffle(order)
        plan += [(c, round_no, "link" if rng.random() < args.link_share else "text") for c in order]
    start = time.monotonic()
    next_at = start
    for i, (c, _round, kind) in enumerate(plan):
        title, text = articles[i % len(articles)]
        body = variant(text, i // len(articles))
        user = server.user(100_000 + c, f"Reader{c}")
        chat = server.private_chat(user)
        if kind == "link":
            path = f"/a/{i}"
            site.pages[path] = page(title, body)
            content = f"http://127.0.0.1:{site.port}{path}"
        else:
            content = body
        next_at += rng.expovariate(args.rate)
        delay = next_at - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        msg, _ = await server.send_text(chat, user, content)
        key = (chat["id"], msg["message_id"])
        tracker.sent_at[key] = time.monotonic()
        tracker.kind[key] = kind
        tracker.scan()
    sent_done = time.monotonic()
    with contextlib.suppress(TimeoutError):
        await server.wait_for(lambda: tracker.scan() == 0, timeout=args.timeout)
    await asyncio.sleep(1.0)  # let any duplicate answer show itself
    tracker.scan()
    keys = [k for k, v in tracker.kind.items() if v in {"text", "link"}]
    answered = [k for k in keys if k in tracker.done_at]
    dupes = [k for k in keys if len(tracker.finals.get(k, ())) > 1]
    errors = [k for k in answered if "•" not in tracker.texts.get(k, "")]
    lat = {
        kind: [tracker.done_at[k] - tracker.sent_at[k] for k in answered if tracker.kind[k] == kind]
        for kind in ("text", "link")
    }
    last = max((tracker.done_at[k] for k in answered), default=sent_done)
    return {
        "messages": len(keys),
        "answered": len(answered),
        "lost": len(keys) - len(answered),
        "duplicates": len(dupes),
        "not_digests": len(errors),
        "error_samples": [tracker.texts[k][:120] for k in errors[:3]],
        "lat": lat,
        "offered_rate": args.rate,
        "throughput": len(answered) / (last - start) if last > start else float("nan"),
        "duration": last - start,
    }


async def phase_start_latency(
    server: BotAPIServer,
    tracker: Tracker,
    site: Site,
    articles: list[tuple[str, str]],
    args: argparse.Namespace,
) -> dict[str, Any]:
    heavy = []
    for i in range(args.concurrent):
        # Half are CPU work at once (long texts), half wait on slow pages and then need CPU too.
        title, text = articles[(i * 7) % len(articles)]
        body = variant(text, 9 + i)
        user = server.user(300_000 + i, f"Heavy{i}")
        chat = server.private_chat(user)
        if i % 2:
            path = f"/slow/{i}"
            site.pages[path] = page(title, body)
            body = f"http://127.0.0.1:{site.port}{path}"
        msg, _ = await server.send_text(chat, user, body)
        key = (chat["id"], msg["message_id"])
        tracker.sent_at[key], tracker.kind[key] = time.monotonic(), "heavy"
        heavy.append(key)
    await asyncio.sleep(0.2)
    latencies: list[float] = []
    overlapped = 0
    for j in range(args.start_probes):
        user = server.user(400_000 + j, f"Probe{j}")
        chat = server.private_chat(user)
        msg, _ = await server.send_text(chat, user, "/start")
        t0 = time.monotonic()
        running = sum(1 for k in heavy if k not in tracker.done_at)
        answer = await server.wait_for(lambda chat=chat: server.bot_messages(chat["id"]), timeout=60)

        def answered_at(chat_id: int = chat["id"], message_id: int = answer[0]["message_id"]) -> float | None:
            return next(
                (
                    c.at
                    for c in reversed(server.calls)
                    if c.ok
                    and isinstance(c.result, dict)
                    and c.result.get("message_id") == message_id
                    and c.result["chat"]["id"] == chat_id
                ),
                None,
            )

        # The message can be visible a moment before the server has recorded the call that sent it.
        done = await server.wait_for(answered_at, timeout=10)
        latencies.append(done - t0)
        tracker.scan()
        overlapped += running >= args.concurrent // 2
        await asyncio.sleep(0.05)

    def heavy_done() -> bool:
        tracker.scan()
        return all(k in tracker.done_at for k in heavy)

    await server.wait_for(heavy_done, timeout=300)
    return {"latencies": latencies, "probes_with_half_running": overlapped, "concurrent": args.concurrent}


def report(tp: dict[str, Any], st: dict[str, Any], peak_kb: int, args: argparse.Namespace) -> str:
    ms = lambda v: f"{v * 1000:.0f} ms"  # noqa: E731
    rows = [
        ("Messages sent (chats × messages)", f"{tp['messages']} ({args.chats} × {args.messages})"),
        ("Answered / lost / answered twice", f"{tp['answered']} / {tp['lost']} / {tp['duplicates']}"),
        ("Answers that were not digests", str(tp["not_digests"])),
    ]
    for kind in ("text", "link"):
        v = tp["lat"][kind]
        if v:
            rows.append(
                (
                    f"{kind.title()} digests ({len(v)}): p50 / p95 / max",
                    f"{ms(statistics.median(v))} / {ms(pct(v, 95))} / {ms(max(v))}",
                )
            )
    rows += [
        ("Offered load", f"{tp['offered_rate']:.1f} msg/s (Poisson)"),
        ("Throughput", f"{tp['throughput']:.1f} msg/s over {tp['duration']:.0f} s"),
        ("Peak RSS (bot + workers)", f"{peak_kb / 1024:.0f} MB"),
        (
            f"/start probes sent while ≥ {st['concurrent'] // 2} of the {st['concurrent']} digests were running",
            f"{st['probes_with_half_running']} of {len(st['latencies'])}",
        ),
        (
            f"/start while {st['concurrent']} digests run: p50 / p95 / max",
            f"{ms(statistics.median(st['latencies']))} / {ms(pct(st['latencies'], 95))} / {ms(max(st['latencies']))}",
        ),
    ]
    width = max(len(r[0]) for r in rows)
    lines = [f"| {'Measure'.ljust(width)} | Result |", f"|{'-' * (width + 2)}|--------|"]
    lines += [f"| {k.ljust(width)} | {v} |" for k, v in rows]
    return "\n".join(lines)


async def main_async(args: argparse.Namespace) -> int:
    articles = load_articles(args.data)
    server = BotAPIServer()
    await server.start()
    site = Site({}, args.slow)
    await site.start()
    tracker = Tracker(server)
    with tempfile.TemporaryDirectory(prefix="newsbot-load-") as tmp:
        proc = await start_bot(server, Path(tmp), args.workers)
        peak = [0]
        stop = asyncio.Event()
        sampler = asyncio.create_task(sample_rss(proc.pid, peak, stop))
        try:
            await warm_up(server, tracker, [variant(a[1], 7) for a in articles[: 3 * args.workers]])
            print(
                f"bot started (pid {proc.pid}); sending {args.chats * args.messages} messages "
                f"at {args.rate}/s…",
                file=sys.stderr,
            )
            tp = await phase_throughput(server, tracker, site, articles, args)
            print("throughput phase done; measuring /start under load…", file=sys.stderr)
            st = await phase_start_latency(server, tracker, site, articles, args)
        finally:
            stop.set()
            await sampler
            proc.send_signal(signal.SIGTERM)
            _, err = await asyncio.wait_for(proc.communicate(), 60)
            await site.stop()
            await server.stop()
    table = report(tp, st, peak[0], args)
    print(table)
    if tp["error_samples"]:
        print("\nSample non-digest answers:", *tp["error_samples"], sep="\n  ", file=sys.stderr)
    if proc.returncode != 0:
        print(f"bot exited with {proc.returncode}:\n{err.decode()[-2000:]}", file=sys.stderr)
    out = REPO / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "load.md").write_text(table + "\n", encoding="utf-8")
    ok = tp["lost"] == 0 and tp["duplicates"] == 0 and proc.returncode == 0
    return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="cnndm-frank250 JSONL (read at run time)"
    )
    parser.add_argument("--chats", type=int, default=200)
    parser.add_argument("--messages", type=int, default=5, help="messages per chat")
    parser.add_argument("--rate", type=float, default=8.0, help="offered load, messages per second")
    parser.add_argument("--link-share", type=float, default=0.3, help="share of messages that are links")
    parser.add_argument("--concurrent", type=int, default=20, help="digests running while /start is probed")
    parser.add_argument("--start-probes", type=int, default=30)
    parser.add_argument("--slow", type=float, default=2.0, help="seconds the slow pages take to serve")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--timeout", type=float, default=600.0)
    parser.add_argument("--seed", type=int, default=1)
    return asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    raise SystemExit(main())
