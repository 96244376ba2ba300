"""Authenticate a request: its signature, timestamp, nonce, access key and STS token.

The checks run in the order a gateway can make them: the signature's form, the
timestamp, the key and its token, the signature itself, then the nonce (so a
replayed request is caught even when its signature is right).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from pytest_fake_eni.cloud.clock import Clock, parse_utc
from pytest_fake_eni.cloud.credentials import Credentials, CredentialStore
from pytest_fake_eni.errors import EcsError
from pytest_fake_eni.transport.http import HttpRequest
from pytest_fake_eni.wire.signature import (
    ACS3_ALGORITHM,
    RPC_ALGORITHM,
    MalformedSignature,
    SignedRequest,
    read_signature,
    signature_matches,
)

TIMESTAMP_WINDOW = 15 * 60
"""Seconds a request's timestamp may differ from the fake's clock, either way."""


def parse_timestamp(value: str | None) -> datetime | None:
    """``2019-12-25T12:31:31Z`` (or another ISO 8601 form) as a datetime; None if not one."""
    try:
        return parse_utc(value) if value else None
    except ValueError:
        return None


def authenticate(
    request: HttpRequest, params: Mapping[str, str], store: CredentialStore, clock: Clock
) -> Credentials:
    """The registered key that signed ``request``; raise the gateway's ``EcsError`` otherwise.

    ``params`` are the request's decoded query and form parameters, signature fields
    included. Nothing changes on failure except that a verified nonce is remembered.
    """
    signed = _read(request, params)
    _check_timestamp(signed, clock)
    if not signed.nonce:
        name = "SignatureNonce" if signed.dialect == "rpc" else "x-acs-signature-nonce"
        raise EcsError("MissingParameter", Parameter=name)
    key = store.get(signed.access_key_id)
    if key is None:
        raise EcsError("InvalidAccessKeyId.NotFound")
    if key.disabled:
        raise EcsError("Forbidden.AccessKeyDisabled")
    _check_token(signed, key, store, clock)
    if not signed.payload_hash_ok or not signature_matches(signed, key.access_key_secret):
        if signed.dialect == "acs3":
            raise EcsError(
                "SignatureDoesNotMatch", variant="acs", StringToSign=signed.string_to_sign
            )
        # the legacy SDK compares this tail with its own string to sign (InvalidAccessKeySecret)
        raise EcsError("SignatureDoesNotMatch", StringToSign=signed.string_to_sign)
    if not store.use_nonce(key.access_key_id, signed.nonce, clock.monotonic()):
        raise EcsError("SignatureNonceUsed")
    return key


def _read(request: HttpRequest, params: Mapping[str, str]) -> SignedRequest:
    """The request's signature, in a form the server supports."""
    try:
        signed = read_signature(request, params)
    except MalformedSignature:
        raise EcsError("IncompleteSignature") from None
    if signed is None:
        missing = "AccessKeyId" if not params.get("AccessKeyId") else "Signature"
        raise EcsError("MissingParameter", Parameter=missing)
    if signed.dialect == "acs3":
        if signed.algorithm != ACS3_ALGORITHM:  # SM3 and RSA variants are not simulated
            raise EcsError("IncompleteSignature")
        return signed
    if signed.algorithm != RPC_ALGORITHM:
        raise EcsError("InvalidParamater", Parameter="SignatureMethod")
    if params.get("SignatureVersion", "1.0") != "1.0":
        raise EcsError("InvalidParamater", Parameter="SignatureVersion")
    if not signed.access_key_id:
        raise EcsError("MissingParameter", Parameter="AccessKeyId")
    return signed


def _check_timestamp(signed: SignedRequest, clock: Clock) -> None:
    sent = parse_timestamp(signed.timestamp)
    if sent is None:
        raise EcsError("IllegalTimestamp")
    if abs((clock.now() - sent).total_seconds()) > TIMESTAMP_WINDOW:
        raise EcsError("InvalidTimeStamp.Expired")


def _check_token(
    signed: SignedRequest, key: Credentials, store: CredentialStore, clock: Clock
) -> None:
    """An STS key needs its own live token; a token sent with any key must be that key's.

    ECS and VPC answer a missing token ``MissingParameter`` naming ``SecurityToken`` (STS,
    RAM and OSS answer ``MissingSecurityToken``); an expired one
    ``InvalidSecurityToken.Expired``, or the ``InvalidParameter`` form one ECS caller saw
    when ``store.expired_token_as_invalid_parameter`` is set (docs/observed-behaviour.md).
    """
    token = signed.security_token
    if not token:
        if key.security_token:
            raise EcsError("MissingParameter", Parameter="SecurityToken")
        return
    if token != key.security_token:
        owner = store.by_token(token)
        raise EcsError(
            "InvalidSecurityToken.MismatchWithAccessKey"
            if owner is not None
            else "InvalidSecurityToken.Malformed"
        )
    if key.expires_at is not None and clock.now() >= key.expires_at:
        if store.expired_token_as_invalid_parameter:
            raise EcsError("InvalidParameter", Parameter="SecurityToken.Expired")
        raise EcsError("InvalidSecurityToken.Expired")
