"""`newsbot digest`: files, stdin, formats, --points, --jsonl batches, and one-line errors for bad input."""

from __future__ import annotations

import asyncio
import io
import json
import logging
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from aiohttp import web
from conftest import ARTICLES_DIR, REPO_ROOT, read_article

from bot.cli import main
from bot.model import Digest
from tools.loopback_server import LoopbackServer

ENGLISH = ARTICLES_DIR / "en-near-duplicates.txt"

# An invented story whose first sentences set a scene and whose news comes after: "lead" and "keypoints" differ.
FERRY_LEAD = (
    "On a grey Tuesday morning the gulls circled the old slipway at {town} as they have done for a century.",
    "A handful of commuters waited under the shelter, coffee cups in hand, watching the tide come in.",
)
FERRY_PARAGRAPHS = (
    " ".join(FERRY_LEAD),
    "The {town} harbour ferry will stop running at the end of June, its operator Tidewell Marine announced on "
    "Monday, ending a crossing that has carried passengers across the estuary since 1921.",
    "Tidewell Marine said rising fuel costs and a fall in passenger numbers had made the route unprofitable, and "
    "that talks with the county council about a subsidy had failed.",
    "Council leader Imogen Vasquez said the council would look for another operator and that a replacement bus "
    "link would run from July, but warned that the journey would take forty minutes longer.",
    "About 300 people use the ferry each weekday, most of them workers at the shipyard on the far bank.",
)
FERRY_HTML = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{town} ferry service to stop in June, operator says</title>
<meta property="og:site_name" content="The Saltmarsh Gazette"></head>
<body><header><nav><a href="/">Home</a> <a href="/local">Local</a></nav></header>
<article><h1>{town} ferry service to stop in June, operator says</h1>
{body}
</article><footer>Copyright The Saltmarsh Gazette. All rights reserved.</footer></body></html>"""


def ferry_page(town: str = "Brackwater") -> str:
    body = "\n".join(f"<p>{p.format(town=town)}</p>" for p in FERRY_PARAGRAPHS)
    return FERRY_HTML.format(town=town, body=body)


def ferry_text(town: str = "Brackwater") -> str:
    return "\n\n".join(p.format(town=town) for p in FERRY_PARAGRAPHS)


def ferry_lead(town: str = "Brackwater") -> list[str]:
    return [sentence.format(town=town) for sentence in FERRY_LEAD]


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No .env or NEWSBOT_* from the developer's shell changes what the CLI does."""
    monkeypatch.chdir(tmp_path)
    for name in ("NEWSBOT_POINTS", "NEWSBOT_DEBUG", "NEWSBOT_DATA_DIR", "NEWSBOT_ALLOW_PRIVATE_TARGETS"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def loopback_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests only: let the CLI's fetcher reach the loopback server."""
    monkeypatch.setenv("NEWSBOT_ALLOW_PRIVATE_TARGETS", "1")


async def run_in_thread(argv: list[str], stdin: bytes = b"") -> tuple[int, str]:
    """The CLI runs its own event loop; in a thread it leaves this test's loop free to serve the pages."""
    return await asyncio.to_thread(run, argv, stdin)


def jsonl(*requests: dict[str, object]) -> bytes:
    return "".join(json.dumps(r) + "\n" for r in requests).encode()


def cached_links(database: Path) -> int:
    conn = sqlite3.connect(database)
    try:
        count: int = conn.execute("SELECT count(*) FROM url_digest").fetchone()[0]
    finally:
        conn.close()
    return count


def closed_port() -> int:
    """A loopback port that nothing listens on (connections to it are refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def run(argv: list[str], stdin: bytes = b"") -> tuple[int, str]:
    out = io.StringIO()
    code = main(argv, stdin=io.BytesIO(stdin), stdout=out)
    return code, out.getvalue()


def test_digest_a_file_as_text() -> None:
    code, out = run(["digest", str(ENGLISH)])
    assert code == 0
    assert out.startswith("Storm Closes Schools Across the Northern Valley\n")
    assert "en-near-duplicates.txt · English" in out
    assert out.count("\n  • ") >= 3


def test_digest_stdin_as_json() -> None:
    code, out = run(["digest", "--format", "json", "-"], stdin=ENGLISH.read_bytes())
    assert code == 0
    data = json.loads(out)
    assert data["title"] == "Storm Closes Schools Across the Northern Valley"
    assert data["language"] == "en"
    assert len(data["key_points"]) == 4
    assert Digest.from_json(data).to_json() == data


def test_no_source_means_stdin() -> None:
    code, out = run(["digest", "-f", "json"], stdin=ENGLISH.read_bytes())
    assert code == 0
    assert json.loads(out)["language"] == "en"


def test_html_format_is_telegram_html() -> None:
    code, out = run(["digest", "--format", "html", str(ENGLISH)])
    assert code == 0
    assert out.startswith("<b>Storm Closes Schools Across the Northern Valley</b>\n")


@pytest.mark.parametrize("points", [1, 3, 5])
def test_points_option(points: int) -> None:
    code, out = run(["digest", "--format", "json", "--points", str(points), str(ENGLISH)])
    assert code == 0
    assert len(json.loads(out)["key_points"]) == points


def test_points_default_comes_from_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSBOT_POINTS", "2")
    code, out = run(["digest", "-f", "json", str(ENGLISH)])
    assert code == 0
    assert len(json.loads(out)["key_points"]) == 2


def test_several_files_as_json_give_a_list() -> None:
    code, out = run(["digest", "-f", "json", str(ENGLISH), str(ARTICLES_DIR / "fr-greve-transports.txt")])
    assert code == 0
    assert [d["language"] for d in json.loads(out)] == ["en", "fr"]


def test_jsonl_carries_ids_and_a_bad_line_does_not_stop_the_batch() -> None:
    lines = [
        json.dumps({"id": "a-1", "text": read_article("en-near-duplicates.txt")}),
        json.dumps({"id": 2, "text": "Too short to digest."}),
        "this is not json",
        json.dumps({"id": "no-text"}),
        json.dumps(["not", "an", "object"]),
        "",
        json.dumps({"id": "fr", "text": read_article("fr-greve-transports.txt"), "points": 2}),
    ]
    code, out = run(["digest", "--jsonl"], stdin=("\n".join(lines) + "\n").encode())
    assert code == 0
    results = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in results] == ["a-1", 2, None, "no-text", None, "fr"]
    assert results[0]["language"] == "en" and "error" not in results[0]
    assert "too short" in results[1]["error"]
    assert results[2]["error"] == "not a JSON line"
    assert "text" in results[3]["error"]
    assert "JSON object" in results[4]["error"]
    assert results[5]["language"] == "fr" and len(results[5]["key_points"]) == 2


async def test_jsonl_links_share_one_store_and_one_http_connection_and_keep_their_order(
    server: LoopbackServer, loopback_allowed: None, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    peers: list[int] = []

    def story(town: str) -> None:
        async def handler(request: web.Request) -> web.StreamResponse:
            peers.append(request.transport.get_extra_info("peername")[1] if request.transport else -1)
            return web.Response(text=ferry_page(town), content_type="text/html")

        server.route(f"/news/{town.lower()}", handler)

    towns = ["Brackwater", "Saltcombe", "Eelmouth", "Fennick"]
    for town in towns:
        story(town)
    caplog.set_level(logging.DEBUG, logger="bot.store")
    requests: list[dict[str, object]] = [{"id": t, "url": server.url(f"/news/{t.lower()}")} for t in towns]
    requests.insert(2, {"id": "gone", "url": f"http://127.0.0.1:{closed_port()}/news/gone"})

    code, out = await run_in_thread(["digest", "--jsonl", "--points", "2"], jsonl(*requests))

    assert code == 0
    results = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in results] == ["Brackwater", "Saltcombe", "gone", "Eelmouth", "Fennick"]
    assert "error" in results[2] and "key_points" not in results[2]
    assert [r["title"] for r in results if r["id"] != "gone"] == [
        f"{t} ferry service to stop in June, operator says" for t in towns
    ]
    assert len([r for r in caplog.records if r.getMessage().startswith("store opened")]) == 1
    assert len(peers) == 4 and len(set(peers)) == 1  # one HTTP client: all pages over one kept-alive socket
    database = tmp_path / "data" / "newsbot.sqlite3"
    assert not database.with_name("newsbot.sqlite3-wal").exists()  # the store's connection closed cleanly
    assert cached_links(database) == 4


async def test_jsonl_html_text_and_url_lines_all_honour_method_lead(
    server: LoopbackServer, loopback_allowed: None
) -> None:
    server.page("/news/ferry", ferry_page())
    requests = [
        {"id": "html", "html": ferry_page(), "source_url": "https://gazette.example/ferry"},
        {"id": "url", "url": server.url("/news/ferry")},
        {"id": "text", "text": ferry_text(), "title": "Ferry service to stop"},
    ]

    code, out = await run_in_thread(
        ["digest", "--jsonl", "--method", "lead", "--points", "2"], jsonl(*requests)
    )
    code_kp, out_kp = await run_in_thread(["digest", "--jsonl", "--points", "2"], jsonl(requests[0]))

    assert (code, code_kp) == (0, 0)
    results = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in results] == ["html", "url", "text"]
    assert all(r["key_points"] == ferry_lead() for r in results), results
    assert json.loads(out_kp)["key_points"] != ferry_lead()  # the fixture tells the two methods apart


async def test_a_link_cached_under_keypoints_is_not_served_for_lead(
    server: LoopbackServer, loopback_allowed: None
) -> None:
    server.page("/news/ferry", ferry_page())
    line = jsonl({"id": 1, "url": server.url("/news/ferry")})

    _, keypoints = await run_in_thread(["digest", "--jsonl", "--points", "2"], line)
    _, lead = await run_in_thread(["digest", "--jsonl", "--points", "2", "--method", "lead"], line)
    hits_after_lead = server.hits("/news/ferry")
    _, lead_again = await run_in_thread(["digest", "--jsonl", "--points", "2", "--method", "lead"], line)
    _, keypoints_again = await run_in_thread(["digest", "--jsonl", "--points", "2"], line)

    assert json.loads(keypoints)["key_points"] != ferry_lead()
    assert json.loads(lead)["key_points"] == ferry_lead()
    assert hits_after_lead == 1  # lead re-digested the cached page; its digest is not the keypoints one
    assert json.loads(lead_again) == json.loads(lead)
    assert json.loads(keypoints_again) == json.loads(keypoints)
    assert server.hits("/news/ferry") == 1  # each method's digest is cached under its own key


async def test_a_single_link_honours_method(server: LoopbackServer, loopback_allowed: None) -> None:
    server.page("/news/ferry", ferry_page())
    code, out = await run_in_thread(
        ["digest", "-f", "json", "--points", "2", "--method", "lead", server.url("/news/ferry")]
    )
    assert code == 0
    assert json.loads(out)["key_points"] == ferry_lead()


async def test_several_links_on_one_command_line_share_one_store_and_keep_their_order(
    server: LoopbackServer, loopback_allowed: None, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    towns = ["Brackwater", "Saltcombe"]
    for town in towns:
        server.page(f"/news/{town.lower()}", ferry_page(town))
    (tmp_path / "eelmouth.txt").write_text(ferry_text("Eelmouth"), encoding="utf-8")
    caplog.set_level(logging.DEBUG, logger="bot.store")
    argv = ["digest", "-f", "json", "--points", "2", server.url("/news/brackwater"), "eelmouth.txt"]
    code, out = await run_in_thread([*argv, server.url("/news/saltcombe")])
    assert code == 0
    digests = json.loads(out)
    order = ["Brackwater", "Eelmouth", "Saltcombe"]
    assert [next(t for t in order if t in d["text"]) for d in digests] == order
    assert len([r for r in caplog.records if r.getMessage().startswith("store opened")]) == 1


async def test_the_first_failing_source_on_the_command_line_decides_the_exit(
    server: LoopbackServer, loopback_allowed: None
) -> None:
    server.page("/news/ferry", ferry_page())
    gone = f"http://127.0.0.1:{closed_port()}/news/gone"
    code, out = await run_in_thread(["digest", server.url("/news/ferry"), gone])
    assert code == 12  # a network error decides the exit; the good link is still digested
    assert "Brackwater" in out


def test_files_alone_create_no_data_folder(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(ferry_text(), encoding="utf-8")
    code, out = run(["digest", "story.txt"])
    assert code == 0 and "Key points" in out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["story.txt"]


def test_jsonl_text_and_html_lines_create_no_data_folder(tmp_path: Path) -> None:
    # The cwd is tmp_path and NEWSBOT_DATA_DIR is unset: a store would be ./data/newsbot.sqlite3.
    lines = jsonl(
        {"id": "text", "text": ferry_text()},
        {"id": "html", "html": ferry_page("Saltcombe")},
    )
    code, out = run(["digest", "--jsonl", "--points", "2"], stdin=lines)
    assert code == 0
    results = [json.loads(line) for line in out.splitlines()]
    assert [(r["id"], len(r["key_points"])) for r in results] == [("text", 2), ("html", 2)]
    assert list(tmp_path.iterdir()) == []  # no data folder, no database, nothing


async def test_jsonl_opens_the_store_at_the_first_link(
    server: LoopbackServer, loopback_allowed: None, tmp_path: Path
) -> None:
    server.page("/news/ferry", ferry_page())
    lines = jsonl({"id": 1, "text": ferry_text("Eelmouth")}, {"id": 2, "url": server.url("/news/ferry")})
    code, out = await run_in_thread(["digest", "--jsonl", "--points", "2"], lines)
    assert code == 0 and len(out.splitlines()) == 2
    assert cached_links(tmp_path / "data" / "newsbot.sqlite3") == 1


async def test_jsonl_links_are_read_without_a_cache_when_the_data_folder_cannot_be_made(
    server: LoopbackServer,
    loopback_allowed: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    (tmp_path / "blocker").write_text("a file where the data folder's parent should be")
    monkeypatch.setenv("NEWSBOT_DATA_DIR", str(tmp_path / "blocker" / "data"))
    server.page("/news/ferry", ferry_page())
    line = {"url": server.url("/news/ferry")}
    code, out = await run_in_thread(
        ["digest", "--jsonl", "--points", "2"], jsonl({"id": 1, **line}, {"id": 2, **line})
    )
    assert code == 0
    results = [json.loads(out_line) for out_line in out.splitlines()]
    assert [len(r["key_points"]) for r in results] == [2, 2]
    warnings = [r for r in caplog.records if "can't open the cache" in r.getMessage()]
    assert len(warnings) == 1  # said once, not once a line
    assert server.hits("/news/ferry") == 2  # no cache: each line read the page


def test_jsonl_a_line_longer_than_a_read_chunk_is_one_request() -> None:
    story = read_article("en-near-duplicates.txt")
    lines = jsonl({"id": "long", "text": story, "note": "x" * 200_000}, {"id": "next", "text": story})
    code, out = run(["digest", "--jsonl"], stdin=lines)
    assert code == 0
    assert [json.loads(line)["language"] for line in out.splitlines()] == ["en", "en"]


def test_jsonl_bad_points_is_that_lines_own_error() -> None:
    story = read_article("en-near-duplicates.txt")
    lines = jsonl(
        {"id": "zero", "text": story, "points": 0},
        {"id": "word", "text": story, "points": "many"},
        {"id": "ok", "text": story, "points": "3"},
    )
    code, out = run(["digest", "--jsonl"], stdin=lines)
    assert code == 0
    results = [json.loads(line) for line in out.splitlines()]
    assert [r.get("error", "") for r in results[:2]] == ['"points" must be a whole number, at least 1'] * 2
    assert len(results[2]["key_points"]) == 3


def test_an_unknown_method_is_refused_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(["digest", "--jsonl", "--method", "best"], stdin=jsonl({"text": "x"}))
    err = capsys.readouterr().err
    assert (code, out) == (2, "")
    assert (
        err.startswith("newsbot: unknown --method 'best'; choose one of keypoints, keypoints-whole, lead")
        and err.count("\n") == 1
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (b"The ferry left at six. It was full.", "too short"),
        (b"\x00\x01\x02\x03\xff\xfe" * 100, "binary"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20, "binary"),
        (b"\x1b[31m" * 400, "binary"),
        (bytes(range(128, 256)) * 40, "binary"),  # decodes as some code page, reads as noise
    ],
)
def test_bad_input_gives_one_line_on_stderr_and_a_nonzero_exit(
    data: bytes, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run(["digest", "-"], stdin=data)
    err = capsys.readouterr().err
    assert code != 0
    assert out == ""
    assert err.startswith("newsbot: ") and err.count("\n") == 1
    assert message in err
    assert "Traceback" not in err


def test_missing_file_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = run(["digest", "no-such-article.txt"])
    err = capsys.readouterr().err
    assert code != 0
    assert err == "newsbot: No such file: no-such-article.txt\n"


def test_latin1_file_is_decoded(tmp_path: Path) -> None:
    text = read_article("fr-greve-transports.txt")
    path = tmp_path / "latin1.txt"
    path.write_bytes(text.encode("latin-1"))
    code, out = run(["digest", "-f", "json", str(path)])
    assert code == 0
    assert "grève" in json.loads(out)["text"]


def test_utf16_file_with_bom_is_text_not_binary(tmp_path: Path) -> None:
    text = read_article("fr-greve-transports.txt")
    path = tmp_path / "utf16.txt"
    path.write_bytes(text.encode("utf-16"))  # Python writes the BOM first
    code, out = run(["digest", "-f", "json", str(path)])
    assert code == 0
    assert "grève" in json.loads(out)["text"]


def test_zero_points_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = run(["digest", "--points", "0", str(ENGLISH)])
    assert code == 2
    assert "--points" in capsys.readouterr().err


def test_console_script_reads_stdin_and_writes_json() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "digest", "--format", "json", "-"],
        input=ENGLISH.read_bytes(),
        capture_output=True,
        cwd=REPO_ROOT,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert json.loads(result.stdout)["title"] == "Storm Closes Schools Across the Northern Valley"


def test_console_script_error_is_one_line_without_traceback() -> None:
    newsbot = Path(sys.executable).parent / "newsbot"
    argv = [str(newsbot)] if newsbot.exists() else [sys.executable, "-m", "bot"]
    result = subprocess.run(
        [*argv, "digest", "-"],
        input=b"Too short.",
        capture_output=True,
        cwd=REPO_ROOT,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == b""
    assert result.stderr.decode().count("\n") == 1
    assert b"Traceback" not in result.stderr


def start_jsonl_process(tmp_path: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "NEWSBOT_DATA_DIR": str(tmp_path / "data"),
        "NEWSBOT_ALLOW_PRIVATE_TARGETS": "1",  # so a loopback link opens the store and fails fast
        "PYTHONPATH": str(REPO_ROOT),
        "PYTHONFAULTHANDLER": "1",  # SIGABRT prints every thread's stack: where a stuck process is stuck
    }
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "digest", "--jsonl", "--points", "2"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
        env=env,
        preexec_fn=_ctrl_c_as_on_a_terminal,
    )


def _ctrl_c_as_on_a_terminal() -> None:
    """SIGINT at its default in the child, as in a terminal: a test suite started in the background (nohup,
    `cmd &` without job control) hands its children SIGINT ignored, and Python keeps it ignored."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def ask(proc: subprocess.Popen[bytes], request: dict[str, object]) -> dict[str, object]:
    """Send one line and read its answer before sending anything else (as an interactive script does)."""
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(jsonl(request))
    proc.stdin.flush()
    answer: dict[str, object] = json.loads(proc.stdout.readline())
    return answer


def test_jsonl_answers_each_line_as_it_comes_and_ctrl_c_closes_the_store(tmp_path: Path) -> None:
    proc = start_jsonl_process(tmp_path)
    try:
        # A link opens the store (text lines alone would not); nothing listens there, so it fails at once.
        gone = ask(proc, {"id": 0, "url": f"http://127.0.0.1:{closed_port()}/news/gone"})
        first = ask(proc, {"id": 1, "text": ferry_text()})
        second = ask(proc, {"id": 2, "text": ferry_text("Saltcombe")})
        # stderr is read while the process stops (a full pipe would hold it up), and stdin stays open: the
        # process must stop on Ctrl-C alone, not on the end of its input.
        stderr = proc.stderr
        assert stderr is not None
        errors: list[bytes] = []
        reader = threading.Thread(target=lambda: errors.append(stderr.read()), daemon=True)
        reader.start()
        proc.send_signal(signal.SIGINT)  # while it waits for a third line on a pipe that stays open
        try:
            code = proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGABRT)  # the faulthandler's stacks go to stderr
            reader.join(timeout=10)
            pytest.fail(
                "still running 60 s after Ctrl-C:\n" + b"".join(errors).decode(errors="replace")[-6000:]
            )
        reader.join(timeout=10)
    finally:
        proc.kill()
        proc.wait()
    err = b"".join(errors)
    assert (gone["id"], first["id"], second["id"]) == (0, 1, 2) and "error" in gone
    assert code == 130, err.decode(errors="replace")[-2000:]
    assert b"Traceback" not in err
    database = tmp_path / "data" / "newsbot.sqlite3"
    assert database.exists() and not database.with_name("newsbot.sqlite3-wal").exists()


def test_jsonl_stops_quietly_when_the_reader_goes_away(tmp_path: Path) -> None:
    proc = start_jsonl_process(tmp_path)
    assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
    try:
        assert "error" in ask(proc, {"id": 0, "url": f"http://127.0.0.1:{closed_port()}/news/gone"})
        assert ask(proc, {"id": 1, "text": ferry_text()})["id"] == 1
        proc.stdout.close()  # `| head -1`: the reader has what it wanted
        proc.stdin.write(jsonl({"id": 2, "text": ferry_text("Saltcombe")}))
        proc.stdin.close()
        code = proc.wait(timeout=60)
    finally:
        proc.kill()
        proc.wait()
    assert code == 141
    assert proc.stderr.read() == b""
    database = tmp_path / "data" / "newsbot.sqlite3"
    assert database.exists() and not database.with_name("newsbot.sqlite3-wal").exists()
