"""Which links and addresses may be opened: the SSRF guard's checks, before and at connection time.

`check_url` validates a link before anything touches the network (and checks the address when the host is an
IP literal); `is_public_address` is the test every resolved address must pass when `transport` connects.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable
from urllib.parse import urlsplit

import httpx
import idna

from bot.errors import BlockedAddressError, FetchError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
AddressCheck = Callable[[IPAddress], bool]

MAX_URL_LENGTH = 2048

# Ranges that Python's flags miss or that embed an IPv4 address we must check in turn.
_CGNAT = ipaddress.IPv4Network("100.64.0.0/10")
_NAT64_WELL_KNOWN = ipaddress.IPv6Network("64:ff9b::/96")
_NAT64_LOCAL = ipaddress.IPv6Network("64:ff9b:1::/48")  # RFC 8215: local use only
_IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")  # deprecated ::a.b.c.d form


def is_public_address(ip: IPAddress | str) -> bool:
    """True when `ip` is an ordinary public unicast address, including every IPv6 form that embeds IPv4."""
    addr = ipaddress.ip_address(ip) if isinstance(ip, str) else ip
    if isinstance(addr, ipaddress.IPv6Address):
        if addr.scope_id:
            return False
        # Forms that carry an IPv4 address: the IPv4 inside decides (is_global alone says True for some).
        if addr.ipv4_mapped is not None:
            return is_public_address(addr.ipv4_mapped)
        if addr in _NAT64_WELL_KNOWN:
            return is_public_address(ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF))
        if addr in _NAT64_LOCAL or addr in _IPV4_COMPATIBLE:
            return False
        if addr.sixtofour is not None:
            return is_public_address(addr.sixtofour)
        if addr.teredo is not None:
            server, client = addr.teredo
            if not (is_public_address(server) and is_public_address(client)):
                return False
        if addr.is_site_local:
            return False
    elif addr in _CGNAT:
        return False
    return not (
        addr.is_loopback
        or addr.is_private
        or addr.is_link_local
        or addr.is_multicast
        or addr.is_reserved
        or addr.is_unspecified
    ) and bool(addr.is_global)


def allow_any(_ip: IPAddress) -> bool:
    """The address check when private targets are allowed (settings.allow_private_targets)."""
    return True


_NUMERIC_LABEL = re.compile(r"^(?:0x[0-9a-f]*|[0-9]+)$", re.IGNORECASE)
_HOST_LABEL = re.compile(r"^(?!-)[a-z0-9_-]{1,63}(?<!-)$")


def _parse_ip_literal(host: str) -> IPAddress | None:
    """The IP address a URL host spells, or None for a name. Odd IPv4 spellings are refused outright."""
    if ":" in host:
        if "%" in host:
            raise BlockedAddressError("Links with an IPv6 zone index are not opened.")
        try:
            return ipaddress.IPv6Address(host)
        except ValueError:
            raise FetchError("That doesn't look like a valid link.") from None
    labels = host.split(".")
    # The URL standard reads a host whose last label is numeric as an IPv4 address (127.1, 0x7f000001,
    # 2130706433, 0177.0.0.1). Browsers and some resolvers accept those; only a plain dotted quad passes here.
    if _NUMERIC_LABEL.match(labels[-1]):
        try:
            addr = ipaddress.IPv4Address(host)
        except ValueError:
            raise BlockedAddressError(
                "That link spells its address in an unusual way, so it was not opened."
            ) from None
        return addr
    return None


def _host_name(raw: str) -> str:
    """Lower-case ASCII (IDNA) form of a host name, without trailing dots; raises FetchError when invalid."""
    name = raw.rstrip(".").lower()
    if not name:
        raise FetchError("That doesn't look like a valid link.")
    if not name.isascii():
        try:
            name = idna.encode(name, uts46=True).decode("ascii")
        except idna.IDNAError:
            raise FetchError("That link has an invalid host name.") from None
    if not all(_HOST_LABEL.match(label) for label in name.split(".")):
        raise FetchError("That link has an invalid host name.")
    return name


def check_url(url: str, *, allow_private: bool = False, is_allowed: AddressCheck | None = None) -> httpx.URL:
    """Validate a link before anything touches the network, and return it as an `httpx.URL`.

    Purely syntactic, plus the address check when the host is an IP literal: only http(s), no user name or
    password, a length cap, no odd numeric spellings, no `localhost`. Names are resolved and checked later,
    at connection time. `is_allowed` replaces the public-address check (tests use it to admit loopback).
    """
    url = url.strip()
    if len(url) > MAX_URL_LENGTH:
        raise FetchError("That link is too long.")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise FetchError("That doesn't look like a valid link.") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise BlockedAddressError("Only http:// and https:// links can be opened.")
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        raise BlockedAddressError("Links with a user name or password in them are not opened.")
    raw_host = parts.hostname
    if not raw_host:
        raise FetchError("That doesn't look like a valid link.")
    if port == 0:
        raise FetchError("That doesn't look like a valid link.")
    check = is_allowed or (allow_any if allow_private else is_public_address)
    ip = _parse_ip_literal(raw_host)
    if ip is not None:
        if not check(ip):
            raise BlockedAddressError()
        host = f"[{ip}]" if ip.version == 6 else str(ip)
    else:
        host = _host_name(raw_host)
        if not allow_private and (host == "localhost" or host.endswith(".localhost")):
            raise BlockedAddressError()
    netloc = host if port is None else f"{host}:{port}"
    path = parts.path or "/"
    target = f"{scheme}://{netloc}{path}" + (f"?{parts.query}" if parts.query else "")
    try:
        return httpx.URL(target)
    except (httpx.InvalidURL, ValueError):
        raise FetchError("That doesn't look like a valid link.") from None
