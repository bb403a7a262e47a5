"""`newsbot digest`: files, stdin, formats, --points, --jsonl batches, and one-line errors for bad input."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ARTICLES_DIR, REPO_ROOT, read_article

from bot.cli import main
from bot.digest import Digest

ENGLISH = ARTICLES_DIR / "en-near-duplicates.txt"


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No .env or NEWSBOT_* from the developer's shell changes what the CLI does."""
    monkeypatch.chdir(tmp_path)
    for name in ("NEWSBOT_POINTS", "NEWSBOT_DEBUG"):
        monkeypatch.delenv(name, raising=False)


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
