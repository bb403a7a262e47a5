"""Draw docs/digest.png: the bot's real digest of a sample article, as a Telegram chat shows it.

    python -m tools.digest_picture [--sample ../shared/samples/garbled-forwarded-article.txt] [--out docs/digest.png]

Run it from the repository root with the project's Python. It asks the bot itself for the digest
(`python -m bot digest SAMPLE --format html`, the Telegram HTML the bot sends), puts it in a page styled like a
Telegram chat (the user's file, then the bot's answer with its more/fewer buttons) and screenshots that page
with headless Chromium (Debian: `apt-get install chromium`). The window is sized to the page's content, so the
picture is cropped tight. Nothing else in the project needs this script: the tests never run it.
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SAMPLE = ROOT.parent / "shared" / "samples" / "garbled-forwarded-article.txt"
DEFAULT_OUT = ROOT / "docs" / "digest.png"
WIDTH = 560  # CSS pixels: about a phone held upright, or a narrow desktop chat column
POINT_STEPS = (2, 3, 4, 5, 6, 8, 10)  # the ladder the bot's more/fewer buttons walk (bot/telegram)
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)

PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>newsbot digest</title>
<style>
  * {{ box-sizing: border-box; }}
  html, body {{ margin: 0; padding: 0; }}
  body {{
    width: {width}px;
    font: 15px/1.38 Roboto, "Liberation Sans", "DejaVu Sans", sans-serif, "Noto Color Emoji";
    color: #000;
    background: linear-gradient(160deg, #dbddbb 0%, #a9c99a 40%, #d5d88d 70%, #8fbc8f 100%);
  }}
  #chat {{ display: flow-root; }}
  .header {{
    display: flex; align-items: center; gap: 12px; padding: 9px 14px;
    background: #fff; border-bottom: 1px solid #dadce0;
  }}
  .avatar {{
    width: 40px; height: 40px; border-radius: 50%; flex: none;
    background: linear-gradient(#72d5fd, #2a9ef1); color: #fff;
    font-weight: 500; font-size: 17px; display: flex; align-items: center; justify-content: center;
  }}
  .name {{ font-weight: 500; font-size: 16px; }}
  .status {{ color: #707579; font-size: 14px; }}
  .messages {{ padding: 12px 12px 14px; display: flex; flex-direction: column; gap: 8px; }}
  .bubble {{
    position: relative; max-width: 470px; padding: 6px 10px 7px; border-radius: 12px;
    box-shadow: 0 1px 2px rgba(16, 35, 47, 0.15); overflow-wrap: break-word;
  }}
  .out {{ align-self: flex-end; background: #eeffde; border-bottom-right-radius: 4px; }}
  .in {{ align-self: flex-start; background: #fff; border-bottom-left-radius: 4px; }}
  .in.with-keyboard {{ border-bottom-left-radius: 12px; }}
  .time {{ float: right; margin: 8px 0 -5px 12px; font-size: 12px; color: #8c9aa5; }}
  .out .time {{ color: #5fa85a; }}
  .doc {{ display: flex; align-items: center; gap: 10px; padding: 2px 0; }}
  .doc-icon {{
    width: 44px; height: 44px; border-radius: 50%; background: #4fae4e; flex: none;
    display: flex; align-items: center; justify-content: center;
  }}
  .doc-icon svg {{ width: 22px; height: 22px; fill: #fff; }}
  .doc-name {{ font-weight: 500; }}
  .doc-size {{ color: #5fa85a; font-size: 13px; }}
  .in a {{ color: #3390ec; text-decoration: none; }}
  .in code, .in pre {{ font-family: "DejaVu Sans Mono", monospace; font-size: 13.5px; }}
  .in blockquote {{
    margin: 4px 0; padding: 2px 8px; border-left: 3px solid #3390ec; background: rgba(51, 144, 236, 0.08);
    border-radius: 4px;
  }}
  .in .tg-spoiler, .in tg-spoiler {{ background: #d6dade; color: transparent; border-radius: 3px; }}
  .keyboard {{ align-self: flex-start; width: 470px; display: flex; gap: 4px; margin-top: -4px; }}
  .button {{
    flex: 1; text-align: center; padding: 9px 6px; border-radius: 10px; color: #fff; font-weight: 500;
    font-size: 14px; background: rgba(60, 90, 60, 0.38);
  }}
</style></head>
<body><div id="chat">
  <div class="header">
    <div class="avatar">N</div>
    <div><div class="name">newsbot</div><div class="status">bot</div></div>
  </div>
  <div class="messages">
    <div class="bubble out">
      <div class="doc">
        <div class="doc-icon"><svg viewBox="0 0 24 24"><path d="M6 2h8l6 6v12a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V4a2
          2 0 0 1 2-2zm7 1.5V9h5.5z"/></svg></div>
        <div><div class="doc-name">{file_name}</div><div class="doc-size">{file_size}</div></div>
      </div>
      <span class="time">12:04 ✓✓</span>
    </div>
    <div class="bubble in{keyboard_class}">{digest}<span class="time">12:04</span></div>
    {keyboard}
  </div>
</div>
<script>
  // Read back by --dump-dom: the page's height, to size the screenshot window to the content.
  document.body.setAttribute("data-height", Math.ceil(document.getElementById("chat").scrollHeight));
</script>
</body></html>
"""


def bot_digest_html(python: str, sample: Path) -> str:
    """The Telegram HTML the bot itself makes for `sample` (the CLI's --format html)."""
    done = subprocess.run(
        [python, "-m", "bot", "digest", str(sample), "--format", "html"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def button_labels(python: str, points: int) -> list[str]:
    """The more/fewer buttons under a digest of `points` points, in the bot's own (English) words."""
    fewer = next((p for p in reversed(POINT_STEPS) if p < points), None)
    more = next((p for p in POINT_STEPS if p > points), None)
    code = (
        "import sys\nfrom bot.i18n import texts\nt = texts('en')\n"
        "fewer, more = (int(a) if a != '-' else None for a in sys.argv[1:3])\n"
        "if fewer is not None: print(t.fewer_points(fewer))\n"
        "if more is not None: print(t.more_points(more))\n"
    )
    args = [str(fewer) if fewer else "-", str(more) if more else "-"]
    done = subprocess.run([python, "-c", code, *args], cwd=ROOT, capture_output=True, text=True, check=True)
    return done.stdout.splitlines()


def telegram_to_page_html(markup: str) -> str:
    """Telegram's HTML subset as a web page shows it: its tags are HTML already; newlines become <br>."""
    markup = re.sub(
        r"<tg-spoiler>(.*?)</tg-spoiler>", r'<span class="tg-spoiler">\1</span>', markup, flags=re.S
    )
    # Telegram drops the newline right after a block's start or before its end; a page would show it.
    markup = re.sub(r"(<blockquote[^>]*>|<pre[^>]*>)\n", r"\1", markup)
    markup = re.sub(r"\n(</blockquote>|</pre>)", r"\1", markup)
    return markup.replace("\n", "<br>")


def human_size(size: int) -> str:
    return f"{size / 1024:.1f} KB" if size >= 1024 else f"{size} B"


def build_page(digest_html: str, file_name: str, file_size: int, labels: list[str]) -> str:
    keyboard = "".join(f'<div class="button">{html.escape(label)}</div>' for label in labels)
    return PAGE.format(
        width=WIDTH,
        file_name=html.escape(file_name),
        file_size=human_size(file_size),
        digest=telegram_to_page_html(digest_html),
        keyboard_class=" with-keyboard" if labels else "",
        keyboard=f'<div class="keyboard">{keyboard}</div>' if labels else "",
    )


def chromium(binary: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def content_height(binary: str, page: Path, scale: float) -> int:
    """The page's height in CSS pixels, as the page's own script measured it."""
    with tempfile.TemporaryDirectory(prefix="digest-picture-") as profile:
        done = chromium(
            binary, Path(profile), f"--force-device-scale-factor={scale}", "--dump-dom", page.as_uri()
        )
    found = re.search(r'data-height="(\d+)"', done.stdout)
    if found is None:
        raise SystemExit(f"digest_picture: Chromium did not render the page:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def screenshot(binary: str, page: Path, out: Path, height: int, scale: float) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="digest-picture-") as profile:
        done = chromium(
            binary,
            Path(profile),
            f"--force-device-scale-factor={scale}",
            f"--screenshot={out}",
            f"--window-size={WIDTH},{height}",
            page.as_uri(),
        )
    if not out.is_file():
        raise SystemExit(f"digest_picture: no screenshot was written:\n{done.stderr[-2000:]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=Path, default=DEFAULT_SAMPLE, help="the article file to digest")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="the PNG to write")
    parser.add_argument("--python", default=sys.executable, help="the Python that runs the bot")
    parser.add_argument("--chromium", default="chromium", help="the Chromium binary")
    parser.add_argument("--scale", type=float, default=2.0, help="device pixels per CSS pixel")
    parser.add_argument("--keep-html", type=Path, help="also save the page drawn, for a look in a browser")
    args = parser.parse_args(argv)

    binary = shutil.which(args.chromium)
    if binary is None:
        raise SystemExit("digest_picture: Chromium not found (Debian: apt-get install chromium)")
    sample = args.sample.resolve()
    digest = bot_digest_html(args.python, sample)
    points = sum(1 for line in digest.splitlines() if line.startswith("• "))
    page = build_page(digest, sample.name, sample.stat().st_size, button_labels(args.python, points))
    with tempfile.TemporaryDirectory(prefix="digest-picture-") as work:
        page_path = Path(work) / "digest.html"
        page_path.write_text(page, encoding="utf-8")
        if args.keep_html:
            args.keep_html.write_text(page, encoding="utf-8")
        height = content_height(binary, page_path, args.scale)
        screenshot(binary, page_path, args.out.resolve(), height, args.scale)
    print(f"digest_picture: {args.out} ({WIDTH}×{height} CSS pixels, scale {args.scale:g})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
