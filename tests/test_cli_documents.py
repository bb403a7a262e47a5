"""`newsbot digest` reads the files the bot reads: PDF (also on stdin, or under another name), Markdown and .docx,
with a PDF or .docx up to 20 MB, and one line with an exit code when one can't be read."""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
import pytest
from conftest import read_article

from bot import cli
from bot.cli import main
from tools.pdfmaker import encrypted, make_pdf

HEADLINE, *STORY = [p.strip() for p in read_article("en-actors.txt").split("\n\n") if p.strip()]


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("NEWSBOT_POINTS", "NEWSBOT_DEBUG", "NEWSBOT_DATA_DIR"):
        monkeypatch.delenv(name, raising=False)


def run(argv: list[str], stdin: bytes = b"") -> tuple[int, str]:
    out = io.StringIO()
    code = main(argv, stdin=io.BytesIO(stdin), stdout=out)
    return code, out.getvalue()


def _digest(out: str) -> dict[str, object]:
    data = json.loads(out)
    assert isinstance(data, dict)
    return data


def test_a_pdf_file_is_digested(tmp_path: Path) -> None:
    path = tmp_path / "cable.pdf"
    path.write_bytes(make_pdf(STORY, headline=HEADLINE, columns=2))
    code, out = run(["digest", "-f", "json", "-n", "3", str(path)])
    digest = _digest(out)
    assert code == 0
    assert (digest["title"], digest["source"]) == (HEADLINE, "cable.pdf")
    assert len(digest["key_points"]) == 3  # type: ignore[arg-type]


def test_a_pdf_on_stdin_or_under_another_name_is_still_a_pdf(tmp_path: Path) -> None:
    data = make_pdf(STORY, headline=HEADLINE)
    code, out = run(["digest", "-f", "json", "-"], stdin=data)
    assert code == 0 and _digest(out)["title"] == HEADLINE
    disguised = tmp_path / "notes.txt"
    disguised.write_bytes(data)
    code, out = run(["digest", "-f", "json", str(disguised)])
    assert code == 0 and _digest(out)["title"] == HEADLINE


def test_markdown_and_docx_files_are_digested(tmp_path: Path) -> None:
    markdown = tmp_path / "cable.md"
    markdown.write_text(f"# {HEADLINE}\n\n" + "\n\n".join(f"**{p}**" for p in STORY), encoding="utf-8")
    code, out = run(["digest", "-f", "json", str(markdown)])
    digest = _digest(out)
    assert code == 0 and digest["title"] == HEADLINE
    assert "**" not in str(digest["text"])

    word = docx.Document()
    for paragraph in [HEADLINE, *STORY]:
        word.add_paragraph(paragraph)
    path = tmp_path / "cable.docx"
    word.save(str(path))
    code, out = run(["digest", "-f", "json", "--title", "Given title", str(path)])
    digest = _digest(out)
    assert code == 0 and (digest["title"], digest["source"]) == ("Given title", "cable.docx")


def test_a_pdf_over_5_mb_is_read_and_one_over_20_mb_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # A PDF with photographs passes the 5 MB a text file may have.
    big = tmp_path / "photos.pdf"
    big.write_bytes(make_pdf(STORY, headline=HEADLINE, scanned_pages=6, image_size=(1000, 1000)))
    assert big.stat().st_size > cli.MAX_FILE_BYTES
    code, out = run(["digest", "-f", "json", str(big)])
    assert code == 0 and _digest(out)["title"] == HEADLINE
    monkeypatch.setattr(cli, "MAX_DOCUMENT_BYTES", big.stat().st_size - 1)
    code, _ = run(["digest", str(big)])
    assert code == 2
    assert capsys.readouterr().err.startswith("newsbot: That file is over")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (make_pdf(scanned_pages=1, image_size=(100, 100)), "no text layer"),
        (encrypted(make_pdf(STORY), "secret"), "locked with a password"),
        (make_pdf(STORY)[:900], "damaged or cut short"),
    ],
    ids=["scan", "password", "cut short"],
)
def test_an_unreadable_pdf_gets_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes, message: str
) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    code, out = run(["digest", str(path)])
    err = capsys.readouterr().err
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and message in err and "Traceback" not in err
