"""`newsbot digest` with what people type first: several files with a bad one, a folder, no input on a terminal,
a long --jsonl run on a terminal, and a --jsonl line too long to hold."""

from __future__ import annotations

import fcntl
import io
import json
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import ARTICLES_DIR, REPO_ROOT

import bot.cli
from bot.cli import _split_lines, main
from bot.model import Article

ENGLISH = ARTICLES_DIR / "en-near-duplicates.txt"
FRENCH = ARTICLES_DIR / "fr-greve-transports.txt"


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("NEWSBOT_POINTS", "NEWSBOT_DEBUG", "NEWSBOT_DATA_DIR", "NEWSBOT_ALLOW_PRIVATE_TARGETS"):
        monkeypatch.delenv(name, raising=False)


def run(argv: list[str], stdin: bytes = b"") -> tuple[int, str]:
    out = io.StringIO()
    code = main(argv, stdin=io.BytesIO(stdin), stdout=out)
    return code, out.getvalue()


def test_good_files_are_digested_and_each_bad_one_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(["digest", "-f", "json", str(ENGLISH), "missing.txt", str(FRENCH), "gone.txt"])
    err = capsys.readouterr().err
    assert code != 0
    digests = json.loads(out)
    assert [d["language"] for d in digests] == ["en", "fr"]
    assert err.splitlines() == ["newsbot: No such file: missing.txt", "newsbot: No such file: gone.txt"]


def test_a_bad_file_among_text_outputs_keeps_the_good_digest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    short = tmp_path / "note.txt"
    short.write_text("Back at six.", encoding="utf-8")
    code, out = run(["digest", str(ENGLISH), str(short)])
    err = capsys.readouterr().err
    assert code != 0
    assert "Storm Closes Schools" in out
    assert err.startswith("newsbot: note.txt: ") or err.startswith(f"newsbot: {short}: ")
    assert "too short" in err and err.count("\n") == 1


@pytest.mark.parametrize("several", [False, True])
def test_a_folder_is_named_as_a_folder(
    tmp_path: Path, several: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    argv = ["digest", str(folder), *([str(ENGLISH)] if several else [])]
    code, out = run(argv)
    err = capsys.readouterr().err
    assert code != 0
    assert err == f"newsbot: {folder} is a folder; give a file in it.\n"
    assert ("Storm Closes Schools" in out) is several


def _read_until(fd: int, needle: bytes, timeout: float) -> bytes:
    seen = b""
    deadline = time.monotonic() + timeout
    while needle not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # the other side closed
                break
            if not chunk:
                break
            seen += chunk
    return seen


def test_no_input_on_a_terminal_prints_a_hint_then_reads_what_is_pasted() -> None:
    primary, secondary = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "digest"],
        stdin=secondary,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO_ROOT,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    )
    os.close(secondary)
    try:
        assert proc.stderr is not None
        hint = _read_until(proc.stderr.fileno(), b"\n", timeout=60)
        assert b"paste the article" in hint and b"Ctrl-D" in hint
        for line in ENGLISH.read_text(encoding="utf-8").splitlines():
            os.write(primary, line.encode("utf-8")[:2000] + b"\n")
        os.write(primary, b"\x04")  # Ctrl-D at the start of a line: end of input
        out, _ = proc.communicate(timeout=120)
    finally:
        proc.kill()
        os.close(primary)
    assert proc.returncode == 0
    assert b"Storm Closes Schools" in out


def test_a_jsonl_run_shows_progress_on_a_terminal_stderr(tmp_path: Path) -> None:
    primary, secondary = pty.openpty()
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a terminal 100 wide
    story = ENGLISH.read_text(encoding="utf-8")
    lines = "".join(json.dumps({"id": i, "text": story}) + "\n" for i in range(3))
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "digest", "--jsonl"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=secondary,
        cwd=REPO_ROOT,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT), "NEWSBOT_DATA_DIR": str(tmp_path)},
    )
    os.close(secondary)
    shown: list[bytes] = []
    reader = threading.Thread(target=lambda: shown.append(_read_until(primary, b"lines", timeout=180)))
    reader.start()  # read while it runs: a terminal's buffer may be gone once the process has exited
    try:
        out, _ = proc.communicate(lines.encode("utf-8"), timeout=180)
        reader.join(timeout=30)
    finally:
        proc.kill()
        os.close(primary)
    assert proc.returncode == 0
    assert len(out.splitlines()) == 3
    assert b"newsbot: " in shown[0] and b" lines" in shown[0]


def test_an_overlong_jsonl_line_is_refused_and_the_next_is_answered(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bot.cli, "MAX_LINE_BYTES", 5_000)
    story = ENGLISH.read_text(encoding="utf-8")
    huge = json.dumps({"id": "huge", "text": "word " * 3_000})
    small = json.dumps({"id": "ok", "text": story[:4_000]})
    code, out = run(["digest", "--jsonl"], stdin=f"{huge}\n{small}\n".encode())
    assert code == 0
    first, second = (json.loads(line) for line in out.splitlines())
    assert first == {"id": None, "error": "line over 5,000 bytes"}
    assert second["id"] == "ok" and second["key_points"]


@pytest.mark.parametrize("chunk", [1, 7, 4096])
def test_the_line_splitter_never_holds_more_than_the_limit(chunk: int) -> None:
    data = b"short\n" + b"x" * 50 + b"\n" + b"tail"
    chunks = [data[i : i + chunk] for i in range(0, len(data), chunk)]
    lines = list(_split_lines(iter(chunks), limit=20))
    assert lines[0] == b"short\n" and lines[2] == b"tail"
    assert isinstance(lines[1], bot.cli.OverlongLine) and lines[1] == b""
    assert len(lines) == 3


def test_a_bug_in_the_pipeline_for_one_jsonl_line_does_not_stop_the_batch(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import bot.service

    real = bot.service.make_digest

    def failing_on_one(article: Article, **kwargs: Any) -> Any:
        if "TRIGGER-BUG" in article.text:
            raise RuntimeError("a bug deep in the pipeline")
        return real(article, **kwargs)

    monkeypatch.setattr(bot.service, "make_digest", failing_on_one)  # the one place a fault is injected
    story = ENGLISH.read_text(encoding="utf-8")
    lines = [json.dumps({"id": i, "text": story + ("\nTRIGGER-BUG" if i == 1 else "")}) for i in range(3)]
    code, out = run(["digest", "--jsonl"], stdin="\n".join(lines).encode())
    assert code == 0
    answers = [json.loads(line) for line in out.splitlines()]
    assert [a["id"] for a in answers] == [0, 1, 2]
    assert answers[1] == {"id": 1, "error": "internal error: RuntimeError"}
    assert answers[0]["key_points"] and answers[2]["key_points"]
