"""Rate limits of the public verification routes, against enumerating names and numbers.

Each client address has two token buckets: one for answers by token (a QR code scanned), one
for look-ups by number and name, which is stricter, since a wrong name would otherwise be
guessed over and over. A bucket holds ``burst`` requests and refills at ``per_minute``; an
empty bucket answers 429 with ``Retry-After``. The client address is the peer's, or, when the
peer is one of :attr:`~certflow.service.settings.ServiceSettings.trusted_proxies`, the nearest
address in ``X-Forwarded-For`` that is not a trusted proxy.

The counters live in the worker process: with ``workers = N`` a client may make up to ``N``
times the burst before every worker has slowed it down. At most :data:`MAX_CLIENTS` addresses
are remembered per bucket (the least recently seen are forgotten first), so memory is bounded
whatever the traffic.
"""

from __future__ import annotations

import ipaddress
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from fastapi import Request

from certflow.service.settings import ServiceSettings

__all__ = ["MAX_CLIENTS", "RateLimiter", "VerificationLimits", "client_address", "client_key"]

MAX_CLIENTS = 20_000
_MAX_HOPS = 20
_MAX_ADDRESS = 64

Kind = Literal["token", "lookup"]

_Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@dataclass
class _Bucket:
    tokens: float
    stamp: float


@dataclass
class RateLimiter:
    """A token bucket per key: ``burst`` requests at once, refilled at ``per_minute``."""

    burst: int
    per_minute: float
    clock: Callable[[], float] = time.monotonic
    max_keys: int = MAX_CLIENTS
    _buckets: OrderedDict[str, _Bucket] = field(default_factory=OrderedDict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def take(self, key: str) -> int:
        """Spend one request of ``key``'s allowance: 0 if allowed, else the seconds to wait."""
        rate = self.per_minute / 60.0
        with self._lock:
            now = self.clock()
            bucket = self._buckets.pop(key, None) or _Bucket(float(self.burst), now)
            bucket.tokens = min(float(self.burst), bucket.tokens + (now - bucket.stamp) * rate)
            bucket.stamp = now
            self._buckets[key] = bucket
            while len(self._buckets) > self.max_keys:
                self._buckets.popitem(last=False)
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return 0
            return max(1, math.ceil((1.0 - bucket.tokens) / rate))


@dataclass
class VerificationLimits:
    """The two buckets of one service process, from its settings."""

    token: RateLimiter
    lookup: RateLimiter
    trusted: tuple[_Network, ...]

    @classmethod
    def from_settings(cls, settings: ServiceSettings) -> VerificationLimits:
        """The limits the settings name."""
        return cls(
            token=RateLimiter(
                settings.verification_token_burst, settings.verification_token_per_minute
            ),
            lookup=RateLimiter(
                settings.verification_lookup_burst, settings.verification_lookup_per_minute
            ),
            trusted=_networks(settings.trusted_proxies),
        )

    def wait(self, request: Request, kind: Kind) -> int:
        """Spend one request of the client's ``kind`` allowance: 0, or the seconds to wait."""
        bucket = self.token if kind == "token" else self.lookup
        return bucket.take(client_key(client_address(request, self.trusted)))


def _networks(addresses: tuple[str, ...]) -> tuple[_Network, ...]:
    found: list[_Network] = []
    for address in addresses:
        try:
            found.append(ipaddress.ip_network(address.strip(), strict=False))
        except ValueError:
            continue  # a host name cannot be matched against a peer address; ignored
    return tuple(found)


def _trusted(address: str, trusted: tuple[_Network, ...]) -> bool:
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(parsed in network for network in trusted)


def client_key(address: str) -> str:
    """Whose bucket a request takes from: the IPv4 address, or the IPv6 address's /64.

    One IPv6 client holds a whole /64 (and often more): counting each address apart would let
    it guess names without limit, so its whole /64 shares one bucket.
    """
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:  # ::ffff:a.b.c.d is that IPv4 client
            return str(parsed.ipv4_mapped)
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


def client_address(request: Request, trusted: tuple[_Network, ...]) -> str:
    """The address a request came from: the peer, unless a trusted proxy forwarded it."""
    peer = request.client.host if request.client is not None else "-"
    if not _trusted(peer, trusted):
        return peer[:_MAX_ADDRESS]
    forwarded = request.headers.get("x-forwarded-for", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()][-_MAX_HOPS:]
    for hop in reversed(hops):
        if not _trusted(hop, trusted):
            return hop[:_MAX_ADDRESS]
    return (hops[0] if hops else peer)[:_MAX_ADDRESS]
