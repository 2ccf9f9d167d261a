"""Webhook subscriptions: who receives the LSP's events, and how each delivery is signed.

A subscription names a URL, a signing secret and, optionally, the public event types it wants.
It is made by a person holding an appointment in force in one of the feed's roles
(:data:`~certflow.service.feed.FEED_ROLES`) and receives the events saved after it was made.

Each delivery is one CloudEvent (:mod:`.feed_events`) as the body of a ``POST``
(``Content-Type: application/cloudevents+json``), signed as Standard Webhooks sign theirs:

* ``webhook-id``: the event's id (``<record id>/<version>``), the same on every retry;
* ``webhook-timestamp``: seconds since the epoch when the attempt was sent;
* ``webhook-signature``: ``v1,`` then the base64 HMAC-SHA256 of
  ``"<webhook-id>.<webhook-timestamp>.<body>"`` under the secret (a secret written
  ``whsec_<base64>`` is used as the bytes it encodes, any other as its UTF-8 bytes).

A receiver recomputes the signature over the raw body, compares in constant time
(:func:`verify_signature`) and refuses a timestamp more than five minutes away from its clock.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import ipaddress
import re
import time
import uuid
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from urllib.parse import urlsplit

import httpx

from certflow import CertificationBody
from certflow.adapters.sql import Subscription
from certflow.application import public_event_classes, public_type
from certflow.engine import InvalidInputError, NotAuthorizedError, Text
from certflow.service.feed import FEED_ROLES, may_read_feed
from certflow.service.feed_events import head_position

__all__ = [
    "SIGNATURE_TOLERANCE",
    "new_subscription",
    "require_manager",
    "sign",
    "signature_headers",
    "verify_signature",
]

SIGNATURE_TOLERANCE = 300
"""Seconds a receiver should accept between a delivery's timestamp and its own clock."""
_SECRET = re.compile(r"^[\x21-\x7e]{24,512}$")
_MAX_URL = 500


def _key(secret: str) -> bytes:
    if secret.startswith("whsec_"):
        return base64.b64decode(secret.removeprefix("whsec_"), validate=True)
    return secret.encode("utf-8")


def sign(secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    """The ``webhook-signature`` value of one delivery."""
    signed = f"{message_id}.{timestamp}.".encode() + body
    digest = hmac.new(_key(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode("ascii")


def signature_headers(secret: str, message_id: str, body: bytes, now: float) -> dict[str, str]:
    """The headers of one signed delivery attempt."""
    stamp = int(now)
    return {
        "content-type": "application/cloudevents+json",
        "webhook-id": message_id,
        "webhook-timestamp": str(stamp),
        "webhook-signature": sign(secret, message_id, stamp, body),
    }


def verify_signature(
    secret: str, headers: Mapping[str, str], body: bytes, *, now: float | None = None
) -> bool:
    """Whether a delivery is signed with ``secret`` and recent (what a receiver checks)."""
    lowered = {k.lower(): v for k, v in headers.items()}
    try:
        message_id = lowered["webhook-id"]
        stamp = int(lowered["webhook-timestamp"])
    except (KeyError, ValueError):
        return False
    if abs((time.time() if now is None else now) - stamp) > SIGNATURE_TOLERANCE:
        return False
    expected = sign(secret, message_id, stamp, body)
    given = lowered.get("webhook-signature", "").split()
    return any(hmac.compare_digest(expected, candidate) for candidate in given)


def require_manager(body: CertificationBody, person: str) -> None:
    """Refuse ``person`` unless they hold an appointment in force in the feed's roles.

    Raises:
        NotAuthorizedError: they hold none (managing webhooks, like reading the feed, needs one).
    """
    if not may_read_feed(body, person):
        raise NotAuthorizedError(
            "manage webhooks",
            "-",
            [r.value for r in FEED_ROLES],
            message=Text(
                "{person} holds no appointment in force as {roles}, which managing webhooks needs",
                person=person[:80],
                roles=", ".join(sorted(r.value for r in FEED_ROLES)),
            ),
        )


def new_subscription(
    body: CertificationBody,
    *,
    url: str,
    secret: str,
    types: Sequence[str] = (),
    person: str,
    after: int | None = None,
) -> Subscription:
    """A subscription ``person`` may make, checked, receiving the events after ``after``.

    ``after`` defaults to the store's last position: the events saved from now on.

    Raises:
        NotAuthorizedError: ``person`` holds no appointment in force in the feed's roles.
        InvalidInputError: the URL, the secret or a type is not acceptable.
    """
    require_manager(body, person)
    problems = [*_url_problems(url), *_secret_problems(secret)]
    known = {public_type(topic) for topic in public_event_classes()}
    problems += [
        Text("unknown event type {name}; see docs/schemas/index.json", name=name[:120])
        for name in types
        if name not in known
    ]
    if after is not None and after < 0:
        problems.append(Text("a position is 0 or more"))
    if problems:
        raise InvalidInputError(problems)
    return Subscription(
        subscription_id=f"whk-{uuid.uuid4().hex[:16]}",
        url=url,
        secret=secret,
        types=tuple(dict.fromkeys(types)),
        created_by=person,
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
        start_after=head_position(body) if after is None else after,
    )


def _url_problems(url: str) -> list[Text]:
    refusal = [
        Text(
            "the webhook URL must be an http or https address of at most {limit} "
            "characters, without credentials, spaces or a fragment",
            limit=_MAX_URL,
        )
    ]
    if len(url) > _MAX_URL or any(ord(c) < 0x21 or ord(c) == 0x7F for c in url):
        return refusal
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - a port that is no number raises here, not in the runner
        httpx.URL(url)  # what the runner will send to must parse for httpx too
    except (ValueError, httpx.InvalidURL):
        return refusal
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.username is not None
        or parts.fragment
    ):
        return refusal
    if _unroutable(parts.hostname):
        return [
            Text(
                "the webhook URL names a link-local, multicast or unspecified address "
                "(such as a cloud metadata service); give the receiver's own address",
            )
        ]
    return []


def _unroutable(host: str) -> bool:
    """Whether ``host`` is an IP address no receiver is at (link-local, multicast, 0.0.0.0)."""
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False  # a name: resolved when delivering
    return address.is_link_local or address.is_multicast or address.is_unspecified


def _secret_problems(secret: str) -> list[Text]:
    if not _SECRET.match(secret):
        return [Text("the secret must be 24 to 512 printable characters without spaces")]
    if secret.startswith("whsec_"):
        try:
            _key(secret)
        except (binascii.Error, ValueError):
            return [Text("a secret written whsec_... must be base64 after the prefix")]
    return []
