"""Fuzzing the pipeline: inputs of every shape, each must end in a valid digest or one clear refusal, in time.

    python -m bench.fuzz [--count 10000] [--seed 0] [--workers 2]

Each input is made from a seed by one of the generators below (huge blank runs, a sentence with no full stop,
one enormous "word", repeated lines, lists and tables, mixed scripts, lone surrogates, numbers, and the project's
own English and Russian test stories with hundreds of random edits). For each it records the outcome (digest,
refusal, crash, invalid output) and the seconds it took, and prints the counts and the slowest inputs against the
stated bound: BASE_SECONDS plus SECONDS_PER_100KB for each 100 KB of input.
"""

from __future__ import annotations

import argparse
import json
import random
import string
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "articles"
BASE_SECONDS = 3.0  # any input of a few KB, with models loaded
SECONDS_PER_100KB = 1.0


def bound_seconds(chars: int) -> float:
    """How long one input of this many characters may take."""
    return BASE_SECONDS + SECONDS_PER_100KB * chars / 100_000


def _story(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def _mutate(rng: random.Random, text: str, edits: int) -> str:
    chars = list(text)
    junk = [
        "\x00",
        "\x07",
        "\x1b[31m",
        "<b>",
        "</p>",
        "&amp;",
        "«",
        "»",
        "—",
        "\u200b",
        "\ufeff",
        "\n",
        "  ",
        ".",
    ]
    for _ in range(edits):
        i = rng.randrange(len(chars) or 1)
        roll = rng.random()
        if roll < 0.35:
            chars[i : i + 1] = [rng.choice(string.ascii_letters + "абвгдежзиклмнопрстуфхцч")]
        elif roll < 0.7:
            chars.insert(i, rng.choice(junk))
        elif chars:
            del chars[i]
    return "".join(chars)


def mutated_english(rng: random.Random, scale: float) -> str:
    text = _story(rng.choice(["en-actors.txt", "en-near-duplicates.txt", "furniture-everywhere.txt"]))
    text = (text + "\n\n") * rng.randint(1, max(1, int(4 * scale)))
    return _mutate(rng, text, rng.randint(10, 600))


def mutated_russian(rng: random.Random, scale: float) -> str:
    text = _story(rng.choice(["ru-actors.txt", "ru-zavod.txt", "ru-actors-forum.txt"]))
    text = (text + "\n\n") * rng.randint(1, max(1, int(4 * scale)))
    return _mutate(rng, text, rng.randint(10, 600))


def blank_runs(rng: random.Random, scale: float) -> str:
    story = _story("en-near-duplicates.txt")
    return "\n" * int(100_000 * scale) + story + rng.choice(["\n", " ", "\t", "\r\n"]) * int(50_000 * scale)


def no_full_stop(rng: random.Random, scale: float) -> str:
    words = _story("en-actors.txt").replace(".", " ").split()
    return " ".join(rng.choice(words) for _ in range(int(50_000 * scale)))


def one_huge_word(rng: random.Random, scale: float) -> str:
    word = "".join(rng.choice(string.ascii_lowercase) for _ in range(int(100_000 * scale)))
    return _story("en-near-duplicates.txt") + " " + word


def repeated_lines(rng: random.Random, scale: float) -> str:
    line = rng.choice(_story("en-actors.txt").splitlines() or ["The council met."])
    return "\n".join([line] * int(rng.randint(50, 3_000) * scale))


def lists_and_tables(rng: random.Random, scale: float) -> str:
    rows = []
    for i in range(int(rng.randint(20, 800) * scale)):
        cells = [
            str(rng.randint(0, 10**6)),
            rng.choice(["Oslo", "Lima", "Perth", "Tver"]),
            f"{rng.random():.3f}",
        ]
        rows.append(
            rng.choice(["| ", "- ", "* ", f"{i}. ", ""]) + rng.choice([" | ", "\t", ", "]).join(cells)
        )
    return "Results of the regional count\n\n" + "\n".join(rows)


def mixed_scripts(rng: random.Random, scale: float) -> str:
    pieces = [
        _story("en-actors.txt"),
        _story("ru-zavod.txt"),
        "東京都は月曜日、新しい計画を発表した。",
        "مرحبا بالعالم",
    ]
    pieces += ["🙂🔥📰" * 20, "שלום עולם", "Ελληνικά κείμενα"]
    return "\n\n".join(rng.choice(pieces) for _ in range(int(rng.randint(3, 30) * scale)))


def lone_surrogates(rng: random.Random, scale: float) -> str:
    text = list(_story("en-near-duplicates.txt"))
    for _ in range(rng.randint(1, 50)):
        text.insert(rng.randrange(len(text)), chr(rng.randint(0xD800, 0xDFFF)))
    return "".join(text)


def numbers_and_punctuation(rng: random.Random, scale: float) -> str:
    return " ".join(
        f"{rng.randint(0, 10**6)}{rng.choice('.,;:-/%')}" for _ in range(int(rng.randint(50, 5_000) * scale))
    )


GENERATORS: dict[str, Callable[[random.Random, float], str]] = {
    f.__name__: f
    for f in (
        mutated_english,
        mutated_russian,
        blank_runs,
        no_full_stop,
        one_huge_word,
        repeated_lines,
        lists_and_tables,
        mixed_scripts,
        lone_surrogates,
        numbers_and_punctuation,
    )
}


def generate(seed: int, scale: float = 1.0, kind: str | None = None) -> tuple[str, str]:
    """(generator name, input) for one seed; `kind` picks the generator, else the seed does."""
    rng = random.Random(seed)
    name = kind or rng.choice(sorted(GENERATORS))
    return name, GENERATORS[name](rng, scale)


@dataclass(frozen=True)
class Outcome:
    seed: int
    kind: str
    chars: int
    seconds: float
    result: str  # "digest", "refused", "crash: …", "invalid: …"


def check(text: str) -> str:
    """Digest `text` and judge the result: a valid digest, one refusal, or what went wrong."""
    from bot.errors import InputError
    from bot.model import Article
    from bot.pipeline import make_digest
    from bot.render import render_json, render_telegram_html

    try:
        digest = make_digest(Article(text=text))
    except InputError as exc:
        message = exc.user_message
        return "refused" if message and "\n" not in message else f"invalid: refusal {message!r}"
    except Exception as exc:
        return f"crash: {type(exc).__name__}: {exc}"[:200]
    try:
        json.loads(render_json(digest).encode("utf-8"))
        render_telegram_html(digest).encode("utf-8")
    except Exception as exc:
        return f"invalid: {type(exc).__name__}: {exc}"[:200]
    if not digest.key_points or any(len(p.strip()) < 2 for p in digest.key_points):
        return "invalid: a digest without key points"
    return "digest"


def _run(seed: int) -> Outcome:
    kind, text = generate(seed)
    start = time.perf_counter()
    result = check(text)
    return Outcome(seed, kind, len(text), time.perf_counter() - start, result)


def _warm() -> None:
    """A worker as the bot starts one: models loaded, one native thread (bot/workers/process.py)."""
    from bot.pipeline import load_models
    from bot.workers import one_thread_each

    one_thread_each()
    load_models()  # both languages' models
    one_thread_each()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0, help="the first seed; inputs use seed … seed+count-1")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--slowest", type=int, default=10)
    parser.add_argument("--kinds", help="only the seeds whose input is of these kinds (comma-separated)")
    args = parser.parse_args(argv)
    seeds: Sequence[int] = range(args.seed, args.seed + args.count)
    if args.kinds:  # the same inputs as in the full run, re-measured by themselves
        wanted = set(args.kinds.split(","))
        seeds = [s for s in seeds if random.Random(s).choice(sorted(GENERATORS)) in wanted]
    outcomes: list[Outcome] = []
    started = time.perf_counter()
    with ProcessPoolExecutor(args.workers, initializer=_warm) as pool:
        for outcome in pool.map(_run, seeds, chunksize=8):
            outcomes.append(outcome)
    wall = time.perf_counter() - started
    results = Counter(
        o.result if not o.result.startswith(("crash", "invalid")) else o.result.split(":")[0]
        for o in outcomes
    )
    over = [o for o in outcomes if o.seconds > bound_seconds(o.chars)]
    print(
        f"{len(outcomes)} inputs in {wall:.0f} s: "
        + ", ".join(f"{k} {v}" for k, v in sorted(results.items()))
    )
    print(f"bound: {BASE_SECONDS:g} s + {SECONDS_PER_100KB:g} s per 100 KB; over the bound: {len(over)}")
    for o in outcomes:
        if o.result.startswith(("crash", "invalid")):
            print(f"  seed {o.seed} ({o.kind}, {o.chars} chars): {o.result}")
    print(
        "| kind | inputs | digests | refused | crashes or invalid | slowest s | its chars | over the bound |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for kind in sorted(GENERATORS):
        mine = [o for o in outcomes if o.kind == kind]
        if not mine:
            continue
        slowest = max(mine, key=lambda o: o.seconds)
        bad = sum(o.result.startswith(("crash", "invalid")) for o in mine)
        print(
            f"| {kind} | {len(mine)} | {sum(o.result == 'digest' for o in mine)} | "
            f"{sum(o.result == 'refused' for o in mine)} | {bad} | {slowest.seconds:.2f} | {slowest.chars} | "
            f"{sum(o in over for o in mine)} |"
        )
    print()
    print("| seed | kind | chars | seconds | bound | result |\n|---:|---|---:|---:|---:|---|")
    for o in sorted(outcomes, key=lambda o: -o.seconds)[: args.slowest]:
        print(
            f"| {o.seed} | {o.kind} | {o.chars} | {o.seconds:.2f} | {bound_seconds(o.chars):.1f} | {o.result} |"
        )
    return 1 if over or any(o.result.startswith(("crash", "invalid")) for o in outcomes) else 0


if __name__ == "__main__":
    raise SystemExit(main())
