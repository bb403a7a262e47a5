"""Chinese, Japanese and Thai are written without spaces: their stories get a title, are measured in characters,
and the digest says so."""

from __future__ import annotations

import pytest
from conftest import read_article

from bot.errors import InputError
from bot.model import Article
from bot.pipeline import make_digest, split_title
from bot.render import render_telegram_html, render_text

STORIES = {
    "zh": "青石港渡轮将于六月停运\n\n"
    "青石港市政府星期一宣布，连接港口两岸的渡轮将于六月底停止运营。这条航线自一九二一年开通，每天运送约三百名乘客。"
    "运营公司表示，燃油价格上涨和乘客减少使航线持续亏损。市长表示，政府将寻找新的运营商，并从七月起开通替代公交线路，"
    "但单程时间将增加四十分钟。不少在对岸船厂工作的居民对此表示担忧。",
    "ja": "青石港のフェリー、六月に運航終了\n\n"
    "青石港市は月曜日、港の両岸を結ぶフェリーが六月末で運航を終えると発表した。この航路は一九二一年に開設され、"
    "平日には約三百人が利用している。運航会社は、燃料費の高騰と利用者の減少で赤字が続いていると説明した。"
    "市長は新しい運航会社を探すとともに、七月から代替バスを走らせると述べたが、所要時間は四十分長くなる。",
}


@pytest.mark.parametrize("code", sorted(STORIES))
def test_a_story_without_spaces_has_a_title_and_a_length_in_characters(code: str) -> None:
    digest = make_digest(Article(text=STORIES[code]), points=3)
    assert digest.language == code
    assert digest.title == STORIES[code].split("\n\n")[0]
    assert digest.characters > 100
    assert f"{digest.characters} characters" in render_text(digest)
    assert "words" not in render_telegram_html(digest).split("\n")[1]
    assert f"{digest.characters} знак" in render_telegram_html(digest, lang="ru")


def test_a_headline_without_spaces_is_a_title_and_a_sentence_is_not() -> None:
    assert split_title("港口渡轮六月停运\n\n正文。")[0] == "港口渡轮六月停运"
    assert split_title("港口渡轮六月停运。\n\n正文。")[0] is None


def test_a_short_text_without_spaces_is_refused_by_its_characters() -> None:
    with pytest.raises(InputError, match=r"too short to summarize \(\d+ characters\)"):
        make_digest(Article(text="渡轮六月停运。市长寻找新的运营商。"))


def test_a_spaced_script_is_still_measured_in_words() -> None:
    assert make_digest(Article(text=read_article("en-near-duplicates.txt"))).characters == 0
