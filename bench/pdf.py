"""PDF reading: pypdf against pdfminer.six on PDFs made here, and newsbot's reader on the same files.

    python -m bench.pdf --data ../shared/data/cnndm-frank250 [--articles 20] [--out /tmp/pdfbench]

Every PDF is written by `tools/pdfmaker.py` from the CNN/DailyMail articles (the headline, then the sentences in
paragraphs of three), so the true text of each is known:

- text order: each article as one column; as two columns written column by column; as two columns written line
  by line across both (as some generators write them); with each word placed on its own (no space characters).
  A paragraph is *intact* when its words come out together, in order; *in order* counts the neighbouring
  paragraphs that come out one after the other; *kept apart* counts the paragraphs that come out as a block of
  their own (between blank lines), neither split nor run into the next, as the digest's cleaning needs them.
- speed and peak memory (the process's high-water mark, VmHWM, measured in a fresh process per file, less the
  same figure with the library imported and nothing read): a 20 MB report (5 pages of text, then 24 photographed
  pages), a 20 MB file of text alone (a few thousand pages; read whole, and only its first 300 pages as newsbot
  does), and a bomb: a page whose 1 MB stream inflates to 1 GB, then a page of text.
- damaged files: cut off half-way, every object offset wrong, garbage after the header, a scan with no text
  layer, a password, and an owner-only lock (empty user password: anyone may read it).
"""

from __future__ import annotations

import argparse
import functools
import io
import itertools
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bench.keypoints import DEFAULT_DATA, load
from tools.pdfmaker import encrypted, make_pdf, truncated

LIBRARIES = ("pypdf", "pdfminer", "newsbot")
CHILD_TIMEOUT = 900.0  # seconds for one library on one file, in its own process
_WORD = re.compile(r"\w+")


def extract(library: str, data: bytes, max_pages: int | None = None) -> str:
    """All the text a library reads from a PDF (its default settings), pages in order."""
    if library == "pypdf":
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            reader.decrypt("")
        pages = reader.pages if max_pages is None else reader.pages[:max_pages]
        return "\n".join(page.extract_text() for page in pages)
    if library == "pdfminer":
        from pdfminer.high_level import extract_text

        return str(extract_text(io.BytesIO(data), maxpages=max_pages or 0))
    from bot.sources.pdf import pdf_to_article  # what the bot and the CLI run: bounded, paragraphs rejoined

    return pdf_to_article(data).text


# --- the documents ---------------------------------------------------------------------------------------------


def _paragraphs(lines: Sequence[str]) -> list[str]:
    return [" ".join(lines[i : i + 3]) for i in range(0, len(lines), 3)]


def _as_printed(text: str) -> str:
    """The text as Helvetica's WinAnsi encoding can print it (what any reader can get back at best)."""
    return text.encode("cp1252", errors="replace").decode("cp1252")


LAYOUTS: dict[str, dict[str, Any]] = {
    "one column": {"columns": 1},
    "two columns": {"columns": 2},
    "two columns, line by line": {"columns": 2, "order": "rows"},
    "words placed one by one": {"columns": 1, "per_word": True},
}


def _words(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def order_scores(truth: Sequence[str], text: str) -> tuple[float, float, float]:
    """(paragraphs intact, neighbours in order, paragraphs kept apart), each a fraction of what could be."""
    flat = " " + " ".join(_WORD.findall(text.casefold())) + " "
    positions = []
    for paragraph in truth:
        words = " " + " ".join(_WORD.findall(paragraph.casefold())) + " "
        at = flat.find(words)
        positions.append(at if at >= 0 else None)
    intact = sum(p is not None for p in positions) / len(truth)
    pairs = list(itertools.pairwise(positions))
    ordered = sum(a is not None and b is not None and a < b for a, b in pairs)
    blocks = {_words(block) for block in re.split(r"\n\s*\n", text)}
    apart = sum(_words(p) in blocks for p in truth) / len(truth)
    return intact, ordered / len(pairs) if pairs else 1.0, apart


def _shifted(pdf: bytes) -> bytes:
    """Every offset in the cross-reference table wrong by 37 bytes (junk inserted after the header)."""
    cut = pdf.index(b"\n") + 1
    return pdf[:cut] + b"%" + b"x" * 35 + b"\n" + pdf[cut:]


def build(data: Path, articles: int, out: Path) -> dict[str, Any]:
    """Write the PDFs under `out`; returns what each one is and, for the order set, its true paragraphs."""
    items = [it for it in load(data) if len(it.lines) >= 9][:articles]
    out.mkdir(parents=True, exist_ok=True)
    order: list[dict[str, Any]] = []
    for n, item in enumerate(items):
        paragraphs = [_as_printed(p) for p in _paragraphs(item.lines)]
        headline = _as_printed(item.title) or None
        for name, options in LAYOUTS.items():
            path = out / f"order-{n:02d}-{name.replace(' ', '-').replace(',', '')}.pdf"
            path.write_bytes(make_pdf(paragraphs, headline=headline, **options))
            order.append({"path": str(path), "layout": name, "truth": [headline or "", *paragraphs][1:]})
    every = [_as_printed(p) for it in load(data) for p in [it.title, *_paragraphs(it.lines)] if p]
    article = make_pdf(every[:60], headline="A report of five pages", furniture="Bench report - page header")
    files = {
        "report-20mb": make_pdf(every[:60], headline="A report with photographs", scanned_pages=24),
        "text-20mb": _text_of_size(every, 20_000_000),
        "bomb-1gb": make_pdf(every[:3], bomb_page=1 << 30),
        "truncated": truncated(article, 0.6),
        "offsets-wrong": _shifted(article),
        "garbage": b"%PDF-1.7\n" + bytes(range(256)) * 400,
        "scan": make_pdf(scanned_pages=3),
        "password": encrypted(article, "secret"),
        "owner-only-lock": encrypted(article, ""),
    }
    paths = {}
    for name, pdf in files.items():
        path = out / f"{name}.pdf"
        path.write_bytes(pdf)
        paths[name] = str(path)
    return {"order": order, "files": paths}


def _text_of_size(paragraphs: Sequence[str], size: int) -> bytes:
    """Uncompressed pages of text, repeated until the file is at least `size` bytes."""
    one: bytes = make_pdf(paragraphs, compress=False)
    times = -(-size // len(one))
    many: bytes = make_pdf(list(paragraphs) * times, compress=False)
    return many


# --- measuring --------------------------------------------------------------------------------------------------


def _rss_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def child(library: str, path: str, max_pages: int | None) -> None:
    """One library on one file in this fresh process: prints seconds, peak memory, characters or the error."""
    data = Path(path).read_bytes()
    extract(library, make_pdf(["warm up"]))  # imports and first-use set-up are not the file's cost
    base = _rss_mb("VmHWM")
    start = time.perf_counter()
    result: dict[str, Any] = {}
    try:
        text = extract(library, data, max_pages)
        result["chars"] = len(text.strip())
    except Exception as exc:  # the outcome on damaged input is what this measures
        result["error"] = f"{type(exc).__name__}: {str(exc)[:80]}"
    result["seconds"] = time.perf_counter() - start
    result["peak_mb"] = _rss_mb("VmHWM") - base
    print(json.dumps(result))


def measure(library: str, path: str, max_pages: int | None = None) -> dict[str, Any]:
    command = [sys.executable, "-m", "bench.pdf", "--child", library, path]
    if max_pages:
        command += ["--max-pages", str(max_pages)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=CHILD_TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        return {"error": f"still reading after {CHILD_TIMEOUT:.0f} s"}
    lines = done.stdout.strip().splitlines()
    if not lines:
        return {"error": f"the process died (exit {done.returncode})"}
    return dict(json.loads(lines[-1]))


def _timed(fn: Callable[[], str], repeat: int) -> tuple[str, float]:
    times, text = [], ""
    for _ in range(repeat):
        start = time.perf_counter()
        text = fn()
        times.append(time.perf_counter() - start)
    return text, statistics.median(times)


def _outcome(result: dict[str, Any]) -> str:
    if "error" in result:
        return f"error: {result['error']}"
    return f"{result['chars']:,} characters" if result["chars"] else "no text"


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--articles", type=int, default=20)
    ap.add_argument("--out", type=Path, help="folder for the PDFs (default: a temporary one)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument(
        "--readers", default=",".join(LIBRARIES), help="comma-separated: pypdf, pdfminer, newsbot"
    )
    ap.add_argument("--child", nargs=2, metavar=("LIBRARY", "FILE"), help=argparse.SUPPRESS)
    ap.add_argument("--max-pages", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        child(args.child[0], args.child[1], args.max_pages)
        return 0
    if not args.data.exists():
        print(f"no data at {args.data} (pass --data)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        made = build(args.data, args.articles, args.out or Path(tmp))
        readers = [r for r in args.readers.split(",") if r in LIBRARIES]
        _report_order(made["order"], readers, args.repeat)
        _report_files(made["files"], readers)
    return 0


def _report_order(order: list[dict[str, Any]], readers: Sequence[str], repeat: int) -> None:
    print("| layout | reader | paragraphs intact | in order | kept apart | median ms a file |")
    print("|---|---|---:|---:|---:|---:|")
    for layout in LAYOUTS:
        docs = [d for d in order if d["layout"] == layout]
        for library in readers:
            intact, ordered, apart, ms = [], [], [], []
            for doc in docs:
                data = Path(doc["path"]).read_bytes()
                text, seconds = _timed(functools.partial(extract, library, data), repeat)
                a, b, c = order_scores(doc["truth"], text)
                intact.append(a)
                ordered.append(b)
                apart.append(c)
                ms.append(seconds * 1000)
            print(
                f"| {layout} | {library} | {statistics.mean(intact):.1%} | {statistics.mean(ordered):.1%} "
                f"| {statistics.mean(apart):.1%} | {statistics.median(ms):.1f} |"
            )
    print()


def _report_files(files: dict[str, str], readers: Sequence[str]) -> None:
    print("| file | size | reader | outcome | seconds | peak MB |")
    print("|---|---:|---|---|---:|---:|")
    for name, path in files.items():
        size = Path(path).stat().st_size
        shown = f"{size / 1e6:.1f} MB" if size >= 1_000_000 else f"{size / 1e3:.0f} KB"
        runs: list[tuple[str, int | None]] = [(lib, None) for lib in readers]
        if name == "text-20mb":
            runs = [(lib, 300) for lib in readers if lib != "newsbot"] + runs
        for library, pages in runs:
            result = measure(library, path, pages)
            label = f"{library}, first {pages} pages" if pages else library
            seconds = f"{result['seconds']:.2f}" if "seconds" in result else "–"
            peak = f"{result['peak_mb']:.0f}" if "peak_mb" in result else "–"
            print(f"| {name} | {shown} | {label} | {_outcome(result)} | {seconds} | {peak} |", flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
