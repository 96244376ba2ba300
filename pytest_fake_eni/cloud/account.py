"""Account-level conditions a test can switch on to make permission errors happen."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Account:
    """Flags describing the calling account; all off for a healthy account."""

    access_key_expired: bool = False
    """The account is gone or its AccessKey expired (``Abs.InvalidAccount.NotFound``)."""
    not_real_name_verified: bool = False
    """The account type may not create ENIs, e.g. unverified (``InvalidUserType.NotSupported``)."""
    ram_not_supported: bool = False
    """RAM users may not call the action in this account (``Forbidden.NotSupportRAM``)."""
    created_by_another_user: bool = False
    """The account was created by another user, e.g. a reseller (``Forbidden.SubUser``)."""
