"""Alibaba Cloud request signatures: RPC V1 (HMAC-SHA1) and ACS3-HMAC-SHA256 (V3).

Pure functions a verifier needs to recompute, server-side, the string to sign of a
request as received and to check the signature a client sent against a secret.

Quirks of the real SDKs these rules absorb (see the reference, section 2):

* The Tea SDK puts spaces in the query as ``+`` but signs them as ``%20``; the
  legacy SDK sends ``%20``. Parameters must therefore be form-decoded, then
  re-encoded with :func:`percent_encode`, never signed as they appear on the wire.
* V1 signs the query *and* the form body; ACS3 signs only the URL's query (the body
  is covered by ``x-acs-content-sha256``).
* The Tea SDK's ACS3 requests sign more headers than the docs require (``accept``,
  ``user-agent``, ``x-acs-credentials-provider``), so the client's own
  ``SignedHeaders`` list is honoured.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal
from urllib.parse import parse_qsl, quote, urlsplit

from pytest_fake_eni.transport.http import HttpRequest

RPC_ALGORITHM = "HMAC-SHA1"
"""The only ``SignatureMethod`` V1 verification supports."""

ACS3_ALGORITHM = "ACS3-HMAC-SHA256"
"""The only ACS3 algorithm verification supports (SM3 and RSA variants exist)."""

EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()
"""``x-acs-content-sha256`` of an empty body."""

Dialect = Literal["rpc", "acs3"]


class MalformedSignature(ValueError):
    """An ``Authorization: ACS3-...`` header that cannot be parsed (``IncompleteSignature``)."""


def percent_encode(value: str) -> str:
    """RFC 3986 encoding of UTF-8 bytes: ``A-Za-z0-9-_.~`` kept, the rest as uppercase ``%XX``."""
    return quote(value, safe="~", encoding="utf-8", errors="strict")


def _canonical_query(params: Mapping[str, str], exclude: str | None = None) -> str:
    """Sorted ``k=v`` pairs, names and values percent-encoded, joined with ``&``."""
    return "&".join(
        f"{percent_encode(name)}={percent_encode(params[name])}"
        for name in sorted(params)
        if name != exclude
    )


# --------------------------------------------------------------------------- RPC V1


def rpc_string_to_sign(method: str, params: Mapping[str, str]) -> str:
    """V1 StringToSign: ``METHOD&%2F&`` + encoded canonical query of all params but Signature."""
    canonical = _canonical_query(params, exclude="Signature")
    return f"{method.upper()}&%2F&{percent_encode(canonical)}"


def rpc_signature(string_to_sign: str, secret: str) -> str:
    """V1 signature: Base64(HMAC-SHA1(key=secret + "&", string_to_sign))."""
    digest = hmac.new(
        (secret + "&").encode("utf-8"), string_to_sign.encode("utf-8"), hashlib.sha1
    ).digest()
    return base64.b64encode(digest).decode("ascii")


# --------------------------------------------------------------------------- ACS3


@dataclass(frozen=True)
class Acs3Authorization:
    """The parts of an ``Authorization: ACS3-...`` header."""

    algorithm: str
    access_key_id: str
    signed_headers: tuple[str, ...]
    signature: str


def parse_acs3_authorization(value: str) -> Acs3Authorization | None:
    """Parse ``ACS3-<alg> Credential=..,SignedHeaders=a;b,Signature=..``; None when malformed."""
    algorithm, _, rest = value.strip().partition(" ")
    if not algorithm.startswith("ACS3-") or len(algorithm) <= len("ACS3-"):
        return None
    fields: dict[str, str] = {}
    for part in rest.split(","):
        name, sep, item = part.strip().partition("=")
        if not sep or name in fields:
            return None
        fields[name] = item.strip()
    if set(fields) != {"Credential", "SignedHeaders", "Signature"}:
        return None
    if not fields["Credential"] or not fields["Signature"]:
        return None
    names = fields["SignedHeaders"].split(";") if fields["SignedHeaders"] else []
    if any(not name or name != name.strip() for name in names):
        return None
    return Acs3Authorization(
        algorithm=algorithm,
        access_key_id=fields["Credential"],
        signed_headers=tuple(name.lower() for name in names),
        signature=fields["Signature"],
    )


def acs3_canonical_request(
    method: str,
    path: str,
    query: Mapping[str, str],
    headers: Mapping[str, str],
    signed_headers: Sequence[str],
    payload_hash: str,
) -> str:
    """ACS3 CanonicalRequest; ``headers`` keyed by lower-case name, missing ones signed empty."""
    names = sorted({name.lower() for name in signed_headers})
    canonical_headers = "".join(f"{name}:{headers.get(name, '').strip()}\n" for name in names)
    return "\n".join(
        [
            method.upper(),
            path or "/",
            _canonical_query(query),
            canonical_headers,
            ";".join(names),
            payload_hash,
        ]
    )


def acs3_string_to_sign(canonical_request: str, algorithm: str = ACS3_ALGORITHM) -> str:
    """ACS3 StringToSign: ``ACS3-HMAC-SHA256\\n`` + hex SHA-256 of the canonical request."""
    digest = hashlib.sha256(canonical_request.encode("utf-8")).hexdigest()
    return f"{algorithm}\n{digest}"


def acs3_signature(string_to_sign: str, secret: str) -> str:
    """ACS3 signature: hex HMAC-SHA256 keyed with the bare secret (no ``&``)."""
    return hmac.new(
        secret.encode("utf-8"), string_to_sign.encode("utf-8"), hashlib.sha256
    ).hexdigest()


# --------------------------------------------------------------------------- requests


@dataclass(frozen=True)
class SignedRequest:
    """What a request says about its own signature, and the server's string to sign."""

    dialect: Dialect
    algorithm: str
    """``SignatureMethod`` for rpc ("" when absent), the Authorization algorithm for acs3."""
    access_key_id: str
    """"" when the request names none."""
    security_token: str | None
    timestamp: str | None
    nonce: str | None
    signature: str
    """As the client sent it."""
    string_to_sign: str
    """Computed here from the request as received."""
    canonical_request: str | None = None
    """acs3 only."""
    signed_headers: tuple[str, ...] = ()
    """acs3 only: the client's ``SignedHeaders``."""
    payload_hash_ok: bool = True
    """acs3: False when ``x-acs-content-sha256`` is missing or is not SHA-256 of the body."""


def read_signature(request: HttpRequest, params: Mapping[str, str]) -> SignedRequest | None:
    """Read the signature of ``request`` (``params``: decoded query + form); None if unsigned.

    An ``Authorization`` header starting with ``ACS3-`` wins over a ``Signature``
    parameter. Raises :class:`MalformedSignature` when that header cannot be parsed.
    """
    headers = {name.lower(): value for name, value in request.headers.items()}
    authorization = headers.get("authorization", "").strip()
    if authorization.startswith("ACS3-"):
        return _read_acs3(request, headers, authorization)
    if "Signature" in params:
        return SignedRequest(
            dialect="rpc",
            algorithm=params.get("SignatureMethod", ""),
            access_key_id=params.get("AccessKeyId", ""),
            security_token=params.get("SecurityToken", headers.get("x-acs-security-token")),
            timestamp=params.get("Timestamp"),
            nonce=params.get("SignatureNonce"),
            signature=params["Signature"],
            string_to_sign=rpc_string_to_sign(request.method, params),
        )
    return None


def _read_acs3(request: HttpRequest, headers: dict[str, str], authorization: str) -> SignedRequest:
    """The acs3 half of :func:`read_signature`."""
    parsed = parse_acs3_authorization(authorization)
    if parsed is None:
        raise MalformedSignature(authorization)
    url = urlsplit(request.url)
    query = dict(parse_qsl(url.query, keep_blank_values=True))
    if "host" not in headers:
        headers["host"] = url.netloc
    body_hash = hashlib.sha256(request.body).hexdigest()
    sent_hash = headers.get("x-acs-content-sha256")
    canonical = acs3_canonical_request(
        request.method,
        url.path or "/",
        query,
        headers,
        parsed.signed_headers,
        body_hash if sent_hash is None else sent_hash,
    )
    return SignedRequest(
        dialect="acs3",
        algorithm=parsed.algorithm,
        access_key_id=parsed.access_key_id,
        security_token=headers.get("x-acs-security-token", query.get("SecurityToken")),
        timestamp=headers.get("x-acs-date"),
        nonce=headers.get("x-acs-signature-nonce"),
        signature=parsed.signature,
        string_to_sign=acs3_string_to_sign(canonical, parsed.algorithm),
        canonical_request=canonical,
        signed_headers=parsed.signed_headers,
        payload_hash_ok=sent_hash is not None and sent_hash.strip().lower() == body_hash,
    )


def expected_signature(signed: SignedRequest, secret: str) -> str | None:
    """The signature ``secret`` gives for ``signed``; None for an unsupported algorithm."""
    if signed.dialect == "rpc":
        if signed.algorithm not in ("", RPC_ALGORITHM):
            return None
        return rpc_signature(signed.string_to_sign, secret)
    if signed.algorithm != ACS3_ALGORITHM:
        return None
    return acs3_signature(signed.string_to_sign, secret)


def signature_matches(signed: SignedRequest, secret: str) -> bool:
    """Whether the client's signature is the one ``secret`` gives (constant-time compare)."""
    expected = expected_signature(signed, secret)
    if expected is None:
        return False
    return hmac.compare_digest(expected.encode("utf-8"), signed.signature.encode("utf-8"))
