"""Settings: every variable is read by its form, and a value it cannot take is named with the form it takes."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from bot.cli import main
from bot.config import MAX_POINTS, Settings, SettingsError
from bot.pipeline import MAX_POINTS as PIPELINE_MAX_POINTS


def load(**env: str) -> Settings:
    return Settings.load(env, env_file=None)


def test_empty_environment_gives_the_defaults() -> None:
    settings = load()
    assert settings.default_points == 4
    assert settings.telegram_api_url == "https://api.telegram.org"
    assert settings.allowed_chat_ids == frozenset()
    assert settings.log_level == "INFO"


def test_well_formed_values_are_read() -> None:
    settings = load(
        NEWSBOT_POINTS=" 8 ",
        ALLOWED_CHAT_IDS="12345, -1001234567890;7",
        NEWSBOT_FETCH_TIMEOUT="2.5",
        NEWSBOT_ALLOW_PRIVATE_TARGETS="yes",
        NEWSBOT_EXECUTOR="Thread",
        NEWSBOT_LOG_LEVEL="debug",
        TELEGRAM_API_URL="http://127.0.0.1:8081/",
    )
    assert settings.default_points == 8
    assert settings.allowed_chat_ids == frozenset({12345, -1001234567890, 7})
    assert settings.fetch_timeout == 2.5
    assert settings.allow_private_targets is True
    assert settings.executor == "thread"
    assert settings.log_level == "DEBUG"
    assert settings.telegram_api_url == "http://127.0.0.1:8081"


@pytest.mark.parametrize(
    ("name", "value", "form"),
    [
        ("NEWSBOT_POINTS", "five", "whole number from 1 to 10"),
        ("NEWSBOT_POINTS", "0", "whole number from 1 to 10"),
        ("NEWSBOT_POINTS", "11", "whole number from 1 to 10"),
        ("NEWSBOT_POINTS", "4.5", "whole number from 1 to 10"),
        ("ALLOWED_CHAT_IDS", "@chan", "numeric chat ids"),
        ("ALLOWED_CHAT_IDS", "123,abc", "numeric chat ids"),
        ("WEBHOOK_PORT", "http", "whole number from 1 to 65535"),
        ("WEBHOOK_PORT", "70000", "whole number from 1 to 65535"),
        ("NEWSBOT_WORKERS", "-1", "whole number of at least 1"),
        ("NEWSBOT_FETCH_TIMEOUT", "soon", "seconds greater than 0"),
        ("NEWSBOT_DIGEST_TIMEOUT", "0", "seconds greater than 0"),
        ("NEWSBOT_DIGEST_TIMEOUT", "half a minute", "seconds greater than 0"),
        ("NEWSBOT_CACHE_TTL", "-5", "seconds greater than 0"),
        ("NEWSBOT_CACHE_TTL", "nan", "seconds greater than 0"),
        ("NEWSBOT_EXECUTOR", "gpu", "one of process, thread"),
        ("NEWSBOT_LOG_LEVEL", "loud", "one of DEBUG, INFO"),
        ("NEWSBOT_ALLOW_PRIVATE_TARGETS", "maybe", "1 or 0"),
        ("TELEGRAM_API_URL", "api.telegram.org", "http(s) address"),
        ("TELEGRAM_API_URL", "ftp://files.example.org", "http(s) address"),
    ],
)
def test_a_malformed_value_is_named_with_the_form_it_takes(name: str, value: str, form: str) -> None:
    with pytest.raises(SettingsError) as caught:
        load(**{name: value})
    (problem,) = caught.value.problems
    assert problem.startswith(f"{name}={value!r} is not valid") and form in problem


def test_every_malformed_value_is_named_at_once() -> None:
    with pytest.raises(SettingsError) as caught:
        load(NEWSBOT_POINTS="five", ALLOWED_CHAT_IDS="@chan", WEBHOOK_PORT="x")
    named = [p.split("=")[0] for p in caught.value.problems]
    assert sorted(named) == ["ALLOWED_CHAT_IDS", "NEWSBOT_POINTS", "WEBHOOK_PORT"]


def test_the_token_is_never_part_of_a_settings_message() -> None:
    with pytest.raises(SettingsError) as caught:
        load(TELEGRAM_BOT_TOKEN="123456:SECRET-token", NEWSBOT_POINTS="five")
    assert "SECRET" not in str(caught.value)


def test_the_points_cap_is_the_pipelines() -> None:
    assert MAX_POINTS == PIPELINE_MAX_POINTS


def test_the_cli_names_a_bad_setting_in_one_line_and_exits_2(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)  # no .env from the working tree
    monkeypatch.setenv("NEWSBOT_POINTS", "five")
    out = io.StringIO()
    code = main(["digest", "-"], stdin=io.BytesIO(b"text"), stdout=out)
    err = capsys.readouterr().err
    assert code == 2
    assert err == "newsbot: NEWSBOT_POINTS='five' is not valid: it takes a whole number from 1 to 10.\n"
    assert "Traceback" not in err and out.getvalue() == ""
