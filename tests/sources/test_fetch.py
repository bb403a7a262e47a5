"""The fetcher against real HTTP servers on loopback: limits, decoding, redirects and the address guard."""

from __future__ import annotations

import asyncio
import gzip
import ipaddress
import shutil
import ssl
import subprocess
import tracemalloc
import zlib
from collections.abc import AsyncIterator, Sequence
from pathlib import Path

import pytest
from aiohttp import web

from bot import PROJECT_URL, __version__
from bot.config import Settings
from bot.errors import (
    BlockedAddressError,
    FetchError,
    HTTPStatusError,
    NetworkError,
    NotAnArticleError,
    TooLargeError,
)
from bot.sources.charset import decode_body
from bot.sources.fetch import Fetcher
from bot.sources.guard import IPAddress, check_url, is_public_address
from tools.loopback_server import LoopbackServer

ARTICLE = (
    "<!doctype html><html><head><title>Harbour reopens</title></head><body>"
    "<article><h1>Harbour reopens</h1>"
    "<p>The old harbour reopened on Monday after a long repair.</p></article>"
    "</body></html>"
)
LOOPBACK = ipaddress.IPv4Address("127.0.0.1")


def settings(**overrides: object) -> Settings:
    values: dict[str, object] = {"allow_private_targets": True, "fetch_timeout": 5.0}
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture
async def inner_server() -> AsyncIterator[LoopbackServer]:
    """A second server on 127.0.0.2: stands in for an internal service that must never be reached."""
    srv = await LoopbackServer("127.0.0.2").start()
    yield srv
    await srv.stop()


def only_first_loopback(ip: IPAddress) -> bool:
    """Treat 127.0.0.1 (the test server) as public; every other address gets the real check."""
    return ip == LOOPBACK or is_public_address(ip)


def fixed_resolver(table: dict[str, Sequence[str]]):  # type: ignore[no-untyped-def]
    async def resolve(host: str, port: int) -> list[IPAddress]:
        if host not in table:
            raise NetworkError("no such name")
        return [ipaddress.ip_address(a) for a in table[host]]

    return resolve


# --- the happy path ---------------------------------------------------------------------------------------


async def test_fetches_an_article_page(server: LoopbackServer) -> None:
    server.page("/story", ARTICLE)
    async with Fetcher(settings()) as fetcher:
        result = await fetcher.fetch(server.url("/story"))
    assert result.status == 200
    assert result.content_type == "text/html"
    assert "The old harbour reopened" in result.text
    assert result.final_url == result.url == server.url("/story")


async def test_user_agent_names_the_bot_and_its_project(server: LoopbackServer) -> None:
    server.page("/", ARTICLE)
    async with Fetcher(settings()) as fetcher:
        await fetcher.fetch(server.url("/"))
    agent = server.requests[0].headers["User-Agent"]
    assert f"newsbot/{__version__}" in agent
    assert PROJECT_URL in agent


async def test_plain_text_and_xhtml_are_accepted(server: LoopbackServer) -> None:
    server.page("/a.txt", "Plain words about the harbour.", "text/plain; charset=utf-8")
    server.page("/a.xhtml", ARTICLE, "application/xhtml+xml")
    async with Fetcher(settings()) as fetcher:
        text = await fetcher.fetch(server.url("/a.txt"))
        xhtml = await fetcher.fetch(server.url("/a.xhtml"))
    assert (text.content_type, text.text) == ("text/plain", "Plain words about the harbour.")
    assert xhtml.content_type == "application/xhtml+xml"


async def test_follows_redirects_and_reports_the_final_url(server: LoopbackServer) -> None:
    server.redirect("/short", "/middle", 301)
    server.redirect("/middle", server.url("/story"), 307)
    server.page("/story", ARTICLE)
    async with Fetcher(settings()) as fetcher:
        result = await fetcher.fetch(server.url("/short"))
    assert result.url == server.url("/short")
    assert result.final_url == server.url("/story")
    assert [r.path for r in server.requests] == ["/short", "/middle", "/story"]


async def test_more_than_five_redirects_is_an_error(server: LoopbackServer) -> None:
    for i in range(10):
        server.redirect(f"/r{i}", f"/r{i + 1}")
    async with Fetcher(settings()) as fetcher:
        with pytest.raises(NetworkError, match="redirects too many times"):
            await fetcher.fetch(server.url("/r0"))
    assert len(server.requests) == 6  # the first request plus five redirects, no more


# --- errors the user should understand --------------------------------------------------------------------


@pytest.mark.parametrize("status", [403, 404, 500])
async def test_error_status_says_the_status(server: LoopbackServer, status: int) -> None:
    async def handler(_r: web.Request) -> web.StreamResponse:
        return web.Response(status=status, text=ARTICLE, content_type="text/html")

    server.route("/", handler)
    async with Fetcher(settings()) as fetcher:
        with pytest.raises(HTTPStatusError) as info:
            await fetcher.fetch(server.url("/"))
    assert f"answered {status}" in info.value.user_message
    assert "paste the" in info.value.user_message.lower()


@pytest.mark.parametrize("content_type", ["image/png", "application/json", "application/zip"])
async def test_other_content_types_are_not_an_article(server: LoopbackServer, content_type: str) -> None:
    server.page("/file", b"\x89PNG binary stuff", content_type)
    async with Fetcher(settings()) as fetcher:
        with pytest.raises(NotAnArticleError, match="not an article page"):
            await fetcher.fetch(server.url("/file"))


async def test_missing_or_generic_content_type_is_sniffed(server: LoopbackServer) -> None:
    async def html(_r: web.Request) -> web.StreamResponse:
        response = web.Response(body=ARTICLE.encode())
        response.headers.popall("Content-Type", None)
        return response

    async def binary(_r: web.Request) -> web.StreamResponse:
        response = web.Response(body=b"\x89PNG\r\n\x1a\n" + bytes(100))
        response.headers.popall("Content-Type", None)
        return response

    server.route("/html", html)
    server.route("/bin", binary)
    async with Fetcher(settings()) as fetcher:
        assert "harbour" in (await fetcher.fetch(server.url("/html"))).text
        with pytest.raises(NotAnArticleError):
            await fetcher.fetch(server.url("/bin"))


async def test_unreachable_port_is_a_network_error() -> None:
    srv = await LoopbackServer().start()
    url = srv.url("/")
    await srv.stop()
    async with Fetcher(settings()) as fetcher:
        with pytest.raises(NetworkError):
            await fetcher.fetch(url)


# --- limits -----------------------------------------------------------------------------------------------


async def test_slow_drip_body_hits_the_overall_deadline(server: LoopbackServer) -> None:
    # One byte every 0.1 s never trips a per-read timeout; only a deadline on the whole fetch stops it.
    async def drip(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/html"})
        await response.prepare(request)
        for _ in range(300):
            await response.write(b"a")
            await asyncio.sleep(0.1)
        return response

    server.route("/drip", drip)
    async with Fetcher(settings(fetch_timeout=1.0)) as fetcher:
        with pytest.raises(NetworkError, match="too long"):
            await fetcher.fetch(server.url("/drip"))


async def test_declared_oversized_body_is_refused(server: LoopbackServer) -> None:
    server.page("/big", b"<p>" + b"x" * 3000 + b"</p>")
    async with Fetcher(settings(fetch_max_bytes=2000)) as fetcher:
        with pytest.raises(TooLargeError):
            await fetcher.fetch(server.url("/big"))


async def test_undeclared_oversized_body_is_cut_off(server: LoopbackServer) -> None:
    async def endless(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/html"})  # chunked, no length
        await response.prepare(request)
        for _ in range(1000):
            await response.write(b"<p>" + b"y" * 10_000 + b"</p>")
        return response

    server.route("/endless", endless)
    async with Fetcher(settings(fetch_max_bytes=100_000)) as fetcher:
        with pytest.raises(TooLargeError):
            await fetcher.fetch(server.url("/endless"))


async def test_gzip_bomb_is_stopped_without_inflating_it(server: LoopbackServer) -> None:
    bomb = gzip.compress(b"<html>" + b"\0" * 200_000_000, compresslevel=9)  # ~200 KB that inflates to 200 MB
    server.page("/bomb", b"")

    async def handler(_r: web.Request) -> web.StreamResponse:
        return web.Response(body=bomb, headers={"Content-Type": "text/html", "Content-Encoding": "gzip"})

    server.route("/bomb", handler)
    limit = 1_000_000
    async with Fetcher(settings(fetch_max_bytes=limit)) as fetcher:
        tracemalloc.start()
        try:
            with pytest.raises(TooLargeError):
                await fetcher.fetch(server.url("/bomb"))
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert peak < 20 * limit  # far below the 200 MB the body inflates to


async def test_gzip_and_deflate_bodies_are_decoded(server: LoopbackServer) -> None:
    payload = ARTICLE.encode()
    raw = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    raw_deflate = raw.compress(payload) + raw.flush()
    for path, body, encoding in [
        ("/gz", gzip.compress(payload), "gzip"),
        ("/zlib", zlib.compress(payload), "deflate"),
        ("/raw", raw_deflate, "deflate"),
        ("/two", gzip.compress(payload[:50]) + gzip.compress(payload[50:]), "gzip"),  # two gzip members
    ]:

        async def handler(
            _r: web.Request, body: bytes = body, encoding: str = encoding
        ) -> web.StreamResponse:
            return web.Response(
                body=body, headers={"Content-Type": "text/html", "Content-Encoding": encoding}
            )

        server.route(path, handler)
    async with Fetcher(settings()) as fetcher:
        for path in ("/gz", "/zlib", "/raw", "/two"):
            assert (await fetcher.fetch(server.url(path))).text == ARTICLE, path


async def test_concurrent_fetches_are_capped(server: LoopbackServer) -> None:
    active = 0
    most = 0

    async def slow(_r: web.Request) -> web.StreamResponse:
        nonlocal active, most
        active += 1
        most = max(most, active)
        await asyncio.sleep(0.2)
        active -= 1
        return web.Response(text=ARTICLE, content_type="text/html")

    server.route("/slow", slow)
    async with Fetcher(settings(fetch_max_concurrency=2)) as fetcher:
        results = await asyncio.gather(*(fetcher.fetch(server.url(f"/slow?n={i}")) for i in range(6)))
    assert len(results) == 6
    assert most == 2


# --- decoding ---------------------------------------------------------------------------------------------

ACCENTED = "Le café de la gare a rouvert. Les élèves déjeunent à côté du théâtre; ça coûte très peu. " * 5


async def test_wrong_declared_charset_falls_back_to_detection(server: LoopbackServer) -> None:
    server.page("/lying", f"<p>{ACCENTED}</p>".encode("cp1252"), "text/html; charset=utf-8")
    server.page("/bogus", f"<p>{ACCENTED}</p>".encode(), "text/html; charset=x-no-such-charset")
    async with Fetcher(settings()) as fetcher:
        lying = await fetcher.fetch(server.url("/lying"))
        bogus = await fetcher.fetch(server.url("/bogus"))
    assert "café de la gare" in lying.text and "élèves" in lying.text
    assert "café de la gare" in bogus.text


async def test_meta_charset_is_used_when_the_header_has_none(server: LoopbackServer) -> None:
    text = "Городской совет утвердил новый бюджет на следующий год. " * 3
    body = f'<html><head><meta charset="windows-1251"></head><body><p>{text}</p></body></html>'
    server.page("/ru", body.encode("cp1251"), "text/html")
    async with Fetcher(settings()) as fetcher:
        assert "Городской совет" in (await fetcher.fetch(server.url("/ru"))).text


def test_latin1_label_is_read_as_windows_1252() -> None:
    assert decode_body("“quoted”".encode("cp1252"), "iso-8859-1") == "“quoted”"


def test_byte_order_mark_wins_over_the_label() -> None:
    assert decode_body("\ufeffnaïve".encode("utf-8"), "cp1251") == "naïve"


# --- no state between requests ------------------------------------------------------------------------------


async def test_cookies_are_not_kept(server: LoopbackServer) -> None:
    async def set_cookie(_r: web.Request) -> web.StreamResponse:
        response = web.Response(text=ARTICLE, content_type="text/html")
        response.set_cookie("session", "secret", path="/")
        return response

    server.route("/login", set_cookie)
    server.page("/after", ARTICLE)
    async with Fetcher(settings()) as fetcher:
        await fetcher.fetch(server.url("/login"))
        await fetcher.fetch(server.url("/after"))
    assert "Cookie" not in server.requests[1].headers


async def test_proxy_environment_is_ignored(server: LoopbackServer, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy"):
        monkeypatch.setenv(name, "http://127.0.0.1:9")  # nothing listens there
    server.page("/", ARTICLE)
    async with Fetcher(settings()) as fetcher:
        assert (await fetcher.fetch(server.url("/"))).status == 200


# --- the address guard --------------------------------------------------------------------------------------

BLOCKED_HOSTS = [
    "127.0.0.1",
    "2130706433",
    "0177.0.0.1",
    "127.1",
    "0x7f000001",
    "0x7f.0.0.1",
    "localhost",
    "localhost.",
    "LOCALHOST",
    "db.localhost",
    "[::1]",
    "[::]",
    "[::ffff:127.0.0.1]",
    "[::ffff:7f00:1]",
    "[64:ff9b::7f00:1]",
    "[64:ff9b::a00:1]",
    "[64:ff9b:1::8.8.8.8]",
    "[2002:7f00:1::1]",
    "[2002:a9fe:a9fe::]",
    "[fe80::1]",
    "[fc00::1]",
    "[fec0::1]",
    "[::127.0.0.1]",
    "0.0.0.0",
    "10.1.2.3",
    "172.16.0.1",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "224.0.0.1",
    "240.0.0.1",
    "255.255.255.255",
    "198.18.0.1",
]


@pytest.mark.parametrize("host", BLOCKED_HOSTS)
async def test_internal_addresses_are_refused_before_connecting(server: LoopbackServer, host: str) -> None:
    async with Fetcher(Settings()) as fetcher:  # default settings: private targets not allowed
        with pytest.raises(BlockedAddressError):
            await fetcher.fetch(f"http://{host}:{server.port}/")
    assert server.requests == []


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://example.com/x",
        "gopher://example.com/",
        "javascript:alert(1)",
        "http://user:pass@example.com/",
        "http://user@example.com/",
        "http://example.com\\@127.0.0.1/",
    ],
)
def test_other_schemes_and_credentials_are_refused(url: str) -> None:
    with pytest.raises(BlockedAddressError):
        check_url(url)


@pytest.mark.parametrize("url", ["http:///path", "http://exa mple.com/", "http://-bad-.com/", "http://a..b/"])
def test_malformed_links_are_refused(url: str) -> None:
    with pytest.raises(FetchError):
        check_url(url)


def test_overlong_link_is_refused() -> None:
    with pytest.raises(FetchError, match="too long"):
        check_url("https://example.com/" + "a" * 3000)


def test_check_url_normalises_host_and_keeps_the_rest() -> None:
    assert str(check_url("HTTPS://News.Example.COM./a/B?x=1")) == "https://news.example.com/a/B?x=1"
    assert str(check_url("http://bücher.example/")) == "http://xn--bcher-kva.example/"
    assert str(check_url("http://93.184.215.14:8080")) == "http://93.184.215.14:8080/"


@pytest.mark.parametrize(
    "ip",
    ["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "64:ff9b::808:808", "2002:808:808::1", "::ffff:8.8.8.8"],
)
def test_public_addresses_pass(ip: str) -> None:
    assert is_public_address(ip)


def test_teredo_with_an_internal_client_is_refused() -> None:
    # Teredo stores the client address inverted in the last 32 bits: here it decodes to 127.0.0.1.
    teredo = ipaddress.IPv6Address("2001:0:4136:e378:8000:63bf:80ff:fffe")
    assert teredo.teredo is not None and str(teredo.teredo[1]) == "127.0.0.1"
    assert not is_public_address(teredo)


async def test_a_name_resolving_to_an_internal_address_is_refused(server: LoopbackServer) -> None:
    resolver = fixed_resolver({"intranet.example": ["127.0.0.1"]})
    async with Fetcher(Settings(), resolver=resolver) as fetcher:
        with pytest.raises(BlockedAddressError):
            await fetcher.fetch(f"http://intranet.example:{server.port}/")
    assert server.requests == []


async def test_one_internal_address_among_public_ones_is_enough_to_refuse(
    server: LoopbackServer, inner_server: LoopbackServer
) -> None:
    resolver = fixed_resolver({"mixed.example": ["127.0.0.1", "127.0.0.2"]})
    async with Fetcher(Settings(), resolver=resolver, is_allowed=only_first_loopback) as fetcher:
        with pytest.raises(BlockedAddressError):
            await fetcher.fetch(f"http://mixed.example:{server.port}/")
    assert server.requests == [] and inner_server.requests == []


async def test_connects_to_the_checked_address_and_keeps_the_host_name(server: LoopbackServer) -> None:
    # "news.example" exists only in this resolver: the page arriving proves the fetcher connected to the
    # address it checked, and the Host header shows the name was kept for the site.
    server.page("/", ARTICLE)
    resolver = fixed_resolver({"news.example": ["127.0.0.1"]})
    async with Fetcher(Settings(), resolver=resolver, is_allowed=only_first_loopback) as fetcher:
        result = await fetcher.fetch(f"http://news.example:{server.port}/")
    assert "harbour" in result.text
    assert server.requests[0].headers["Host"] == f"news.example:{server.port}"


@pytest.mark.parametrize(
    "target",
    [
        "http://127.0.0.2:{inner}/secret",
        "http://internal.example:{inner}/secret",
        "http://[::1]:{inner}/secret",
        "http://[::ffff:127.0.0.2]:{inner}/secret",
        "http://localhost:{outer}/secret",
        "http://2130706434:{inner}/secret",
        "file:///etc/passwd",
    ],
)
async def test_redirect_to_an_internal_address_is_refused(
    server: LoopbackServer, inner_server: LoopbackServer, target: str
) -> None:
    server.redirect("/go", target.format(inner=inner_server.port, outer=server.port))
    inner_server.page("/secret", "internal data")
    server.page("/secret", "internal data")
    resolver = fixed_resolver({"internal.example": ["127.0.0.2"]})
    async with Fetcher(Settings(), resolver=resolver, is_allowed=only_first_loopback) as fetcher:
        with pytest.raises(BlockedAddressError):
            await fetcher.fetch(server.url("/go"))
    assert [r.path for r in server.requests] == ["/go"]
    assert inner_server.requests == []


async def test_allow_private_targets_is_what_lets_tests_reach_loopback(server: LoopbackServer) -> None:
    server.page("/", ARTICLE)
    async with Fetcher(Settings(allow_private_targets=True)) as fetcher:
        assert (await fetcher.fetch(server.url("/"))).status == 200
    async with Fetcher(Settings()) as fetcher:
        with pytest.raises(BlockedAddressError):
            await fetcher.fetch(server.url("/"))
    assert len(server.requests) == 1


def test_blocked_address_message_is_friendly() -> None:
    with pytest.raises(BlockedAddressError) as info:
        check_url("http://10.0.0.1/")
    assert "private or internal address" in info.value.user_message


# --- TLS: SNI and certificate checks use the name, while the connection goes to the pinned address ----------


def _make_certificates(tmp: Path) -> tuple[Path, Path, Path]:
    def run(*args: str) -> None:
        subprocess.run(["openssl", *args], check=True, capture_output=True, cwd=tmp)

    run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
        "-subj", "/CN=newsbot test CA")  # fmt: skip
    run(
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "leaf.key",
        "-out",
        "leaf.csr",
        "-subj",
        "/CN=news.example",
    )
    (tmp / "ext.cnf").write_text("subjectAltName=DNS:news.example\n")
    run("x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
        "-out", "leaf.pem", "-days", "2", "-extfile", "ext.cnf")  # fmt: skip
    return tmp / "ca.pem", tmp / "leaf.pem", tmp / "leaf.key"


@pytest.mark.skipif(
    shutil.which("openssl") is None, reason="needs the openssl command to make test certificates"
)
async def test_tls_uses_the_host_name_for_sni_and_certificate_checks(tmp_path: Path) -> None:
    ca, cert, key = _make_certificates(tmp_path)
    server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_ctx.load_cert_chain(cert, key)
    srv = await LoopbackServer(ssl_context=server_ctx).start()
    srv.page("/", ARTICLE)
    client_ctx = ssl.create_default_context(cafile=str(ca))
    resolver = fixed_resolver({"news.example": ["127.0.0.1"], "other.example": ["127.0.0.1"]})
    try:
        async with Fetcher(
            Settings(), resolver=resolver, is_allowed=only_first_loopback, ssl_context=client_ctx
        ) as fetcher:
            result = await fetcher.fetch(f"https://news.example:{srv.port}/")
            assert "harbour" in result.text
            # Same address, a name the certificate does not cover: verification must fail.
            with pytest.raises(NetworkError):
                await fetcher.fetch(f"https://other.example:{srv.port}/")
    finally:
        await srv.stop()


def test_certificate_checks_cannot_be_switched_off() -> None:
    lax = ssl.create_default_context()
    lax.check_hostname = False
    lax.verify_mode = ssl.CERT_NONE
    with pytest.raises(ValueError):
        Fetcher(Settings(), ssl_context=lax)
