"""Behaviour snapshot: every digest the pipeline makes for the shared sets and the test fixtures, as JSON lines.

Two runs of this script on two versions of the code give byte-identical files when behaviour is unchanged:

    python -m bench.snapshot --out /tmp/before.jsonl          # on the old code
    python -m bench.snapshot --out /tmp/after.jsonl           # on the new code
    cmp /tmp/before.jsonl /tmp/after.jsonl

It feeds `newsbot digest --jsonl` in a subprocess (the CLI is the contract being compared) with each article at
3, 4 and 8 points: the 250 CNN/DailyMail articles with and without their headline, the 181 saved pages, and every
text and HTML fixture under tests/fixtures. A missing shared set is skipped with a note, so the fixtures alone
still give a snapshot.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data"
FIXTURES = ROOT / "tests" / "fixtures"
POINTS = (3, 4, 8)


def _cnndm(data: Path) -> Iterator[dict[str, Any]]:
    path = data / "cnndm-frank250" / "cnndm_test_frank250.jsonl"
    if not path.is_file():
        print(f"snapshot: {path} not found, skipped", file=sys.stderr)
        return
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            yield {"id": f"cnndm/{row['id']}/titled", "text": row["article"], "title": row.get("title")}
            yield {"id": f"cnndm/{row['id']}/untitled", "text": row["article"]}


def _pages(data: Path) -> Iterator[dict[str, Any]]:
    folder = data / "article-extraction-benchmark" / "html"
    if not folder.is_dir():
        print(f"snapshot: {folder} not found, skipped", file=sys.stderr)
        return
    for path in sorted(folder.glob("*.html.gz")):
        html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        yield {"id": f"page/{path.name}", "html": html}


def _fixtures() -> Iterator[dict[str, Any]]:
    for path in sorted((FIXTURES / "articles").glob("*.txt")):
        yield {"id": f"fixture/{path.name}", "text": path.read_text(encoding="utf-8")}
    for path in sorted((FIXTURES / "pages").glob("*.html")):
        yield {"id": f"fixture/{path.name}", "html": path.read_text(encoding="utf-8")}


def requests(data: Path) -> Iterator[dict[str, Any]]:
    """Every request line, each article once per point count."""
    for item in (*_cnndm(data), *_pages(data), *_fixtures()):
        for points in POINTS:
            yield {**item, "id": f"{item['id']}@{points}", "points": points}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    parser.add_argument("--out", type=Path, required=True, help="where to write the digests (JSON lines)")
    args = parser.parse_args(argv)
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in requests(args.data))
    with tempfile.TemporaryDirectory() as home:
        # The code beside this script, whatever the installed (editable) package points at.
        path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
        env = {**os.environ, "PYTHONPATH": path, "NEWSBOT_DATA_DIR": home, "TELEGRAM_BOT_TOKEN": ""}
        done = subprocess.run(
            [sys.executable, "-m", "bot", "digest", "--jsonl"],
            input=lines.encode("utf-8"),
            capture_output=True,
            env=env,
            cwd=home,
            check=False,
        )
    if done.returncode != 0:
        sys.stderr.write(done.stderr.decode("utf-8", errors="replace"))
        return done.returncode
    args.out.write_bytes(done.stdout)
    count = done.stdout.count(b"\n")
    print(f"snapshot: {count} digests written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
