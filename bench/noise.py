"""How the not-language rule reads real articles and noise: no real article may be refused.

    python -m bench.noise [--data ../shared/data]

Prints, for the 250 CNN/DailyMail articles and the 181 saved pages (extracted as the link path does), how many
the rule refuses and the lowest structure measure seen; and the same for generated noise of several kinds.
"""

from __future__ import annotations

import argparse
import base64
import gzip
import json
import random
import string
from pathlib import Path

from bot.pipeline import clean_text
from bot.pipeline.lang import detect_language
from bot.pipeline.noise import NO_LANGUAGE, not_language, structure

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"


def _refused(text: str) -> bool:
    body = clean_text(text)
    return detect_language(body)[0] == NO_LANGUAGE or not_language(body)


def _articles(data: Path) -> list[str]:
    path = data / "cnndm-frank250" / "cnndm_test_frank250.jsonl"
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line)["article"] for line in fh]


def _pages(data: Path) -> list[str]:
    from bot.errors import NotAnArticleError
    from bot.sources.extract import extract_article

    texts = []
    for path in sorted((data / "article-extraction-benchmark" / "html").glob("*.html.gz")):
        try:
            texts.append(
                extract_article(gzip.decompress(path.read_bytes()).decode("utf-8", "replace"), None).text
            )
        except NotAnArticleError:
            continue
    return texts


def _noise(count: int) -> dict[str, list[str]]:
    rng = random.Random(0)

    def words(alphabet: str) -> str:
        return " ".join("".join(rng.choice(alphabet) for _ in range(rng.randint(1, 9))) for _ in range(600))[
            :3000
        ]

    return {
        "random latin letters": [words(string.ascii_lowercase) for _ in range(count)],
        "random cyrillic letters": [words("абвгдеёжзийклмнопрстуфхцчшщъыьэюя") for _ in range(count)],
        "base64": [base64.b64encode(rng.randbytes(2250)).decode() for _ in range(count)],
        "numbers": [" ".join(str(rng.randint(0, 10**6)) for _ in range(400)) for _ in range(count)],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--noise", type=int, default=50, help="generated inputs of each kind")
    args = parser.parse_args(argv)
    sets = {"CNN/DailyMail articles": _articles(args.data), "saved pages": _pages(args.data)}
    sets |= _noise(args.noise)
    print("| set | inputs | refused | lowest structure |\n|---|---:|---:|---:|")
    for name, texts in sets.items():
        measures = [m for t in texts if (m := structure(clean_text(t))) is not None]
        lowest = f"{min(measures):.3f}" if measures else "–"
        print(f"| {name} | {len(texts)} | {sum(map(_refused, texts))} | {lowest} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
