"""Access keys the fake knows: secrets, STS tokens, disabled keys, RAM user bindings."""

from __future__ import annotations

import random
import string
from dataclasses import dataclass
from datetime import datetime

STS_LIFETIME = 3600.0
"""Seconds an STS token lives unless told otherwise (AssumeRole's default duration)."""

NONCE_WINDOW = 15 * 60
"""Seconds a signature nonce may not be reused (Alibaba support: 15 minutes)."""


@dataclass
class Credentials:
    """One access key. Mutable: set ``disabled`` or ``expires_at`` on a live key."""

    access_key_id: str
    access_key_secret: str
    security_token: str | None = None
    """Set for STS credentials: requests must carry exactly this token."""
    expires_at: datetime | None = None
    """When the STS token expires, on the fake's clock (None: never)."""
    ram_user: str | None = None
    """The RAM user the key acts as; None for the account's own keys (allowed everything)."""
    disabled: bool = False


class CredentialStore:
    """Access keys by id, and the signature nonces seen recently."""

    def __init__(self, seed: int | str = 0) -> None:
        self._keys: dict[str, Credentials] = {}
        self._nonces: dict[tuple[str, str], float] = {}
        self._seed = seed
        self._rng: random.Random | None = None  # made on first use: most fakes sign nothing
        self.expired_token_as_invalid_parameter = False
        """Answer an expired STS token ``InvalidParameter`` (``"SecurityToken.Expired"``),
        the form one ECS caller saw, instead of ``InvalidSecurityToken.Expired``."""

    def __len__(self) -> int:
        return len(self._keys)

    def add(self, credentials: Credentials) -> Credentials:
        """Register ``credentials`` (replacing a key of the same id)."""
        if not credentials.access_key_id or not credentials.access_key_secret:
            raise ValueError("an access key needs a non-empty id and secret")
        self._keys[credentials.access_key_id] = credentials
        return credentials

    def get(self, access_key_id: str) -> Credentials | None:
        """The key ``access_key_id``, None when unknown."""
        return self._keys.get(access_key_id)

    def by_token(self, security_token: str) -> Credentials | None:
        """The key an STS token was issued with, None when no key has it."""
        return next((k for k in self._keys.values() if k.security_token == security_token), None)

    def new_key_pair(self) -> tuple[str, str]:
        """A fresh ``LTAI5t...`` id (24 characters) and a 30-character secret."""
        alnum = string.ascii_letters + string.digits
        if self._rng is None:
            self._rng = random.Random(f"{self._seed}:access-keys")
        rng = self._rng
        while True:
            key_id = "LTAI5t" + "".join(rng.choice(alnum) for _ in range(18))
            if key_id not in self._keys:
                break
        return key_id, "".join(rng.choice(alnum) for _ in range(30))

    def use_nonce(self, access_key_id: str, nonce: str, now: float) -> bool:
        """Remember ``nonce`` at ``now`` (seconds); False when it was used in the window."""
        if len(self._nonces) > 1024:  # forget expired nonces now and then, not on every call
            self._nonces = {k: t for k, t in self._nonces.items() if now - t < NONCE_WINDOW}
        seen = self._nonces.get((access_key_id, nonce))
        if seen is not None and now - seen < NONCE_WINDOW:
            return False
        self._nonces[(access_key_id, nonce)] = now
        return True
