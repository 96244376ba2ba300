"""Request parts shared by the ENI lifecycle actions."""

from __future__ import annotations

import re
from collections.abc import Callable

from pydantic import BaseModel, ConfigDict, field_validator

from pytest_fake_eni.api.validation import rule

_ENI_ID = re.compile(r"eni-[a-z0-9]{1,64}")
NAME = re.compile(r"[\w:.\-]{2,128}")
URL_PREFIX = ("http://", "https://")


class EniCall(BaseModel):
    """A call naming one ENI in a region."""

    model_config = ConfigDict(extra="ignore", strict=False)

    RegionId: str
    NetworkInterfaceId: str


class EniCallChecked(EniCall):
    """A call whose ``NetworkInterfaceId`` must look like an ENI id (``InvalidParams.EniId``)."""

    @field_validator("NetworkInterfaceId")
    @classmethod
    def _eni_id(cls, eni_id: str) -> str:
        if not _ENI_ID.fullmatch(eni_id):
            raise rule("InvalidParams.EniId", NetworkInterfaceId=eni_id)
        return eni_id


def check_eni_name(name: str | None) -> str | None:
    """``NetworkInterfaceName``: 2-128 letters, digits, ``_:.-`` (``InvalidParams...``)."""
    if name is not None and not NAME.fullmatch(name):
        raise rule("InvalidParams.NetworkInterfaceName", NetworkInterfaceName=name)
    return name


def description_check(longest: int) -> Callable[[str | None], str | None]:
    """A ``Description`` rule: 2 to ``longest`` characters, not starting with a URL scheme."""

    def check(text: str | None) -> str | None:
        if text is not None and (not 2 <= len(text) <= longest or text.startswith(URL_PREFIX)):
            raise rule("InvalidParameter", Parameter="Description")
        return text

    return check


def check_unique_groups(ids: list[str] | None) -> list[str] | None:
    """A security-group set names each group once (``...SecurityGroupIdRepeated``)."""
    if ids is not None and len(ids) > 1 and len(set(ids)) != len(ids):
        raise rule("InvalidParameter.SecurityGroupIdRepeated")
    return ids


def check_token(token: str | None) -> str | None:
    """A ClientToken: ASCII, at most 64 characters."""
    if token is not None and (len(token) > 64 or not token.isascii()):
        raise rule("InvalidParameter", Parameter="ClientToken")
    return token


def fingerprint(request: BaseModel) -> str:
    """The request's parameters without its ClientToken, for idempotency checks."""
    return repr(sorted(request.model_dump(exclude={"ClientToken"}).items(), key=str))


def one_form(
    named: tuple[str, object], counted: tuple[str, object], prefixes: tuple[str, object],
    prefix_count: tuple[str, object],
) -> None:  # fmt: skip
    """Addresses named or counted, prefixes named or counted: one form per call, never both kinds.

    Each argument is ``(wire name, value)``; raises the rule of the first conflict, or
    ``MissingParameter`` (naming the address count) when nothing is asked for.
    """
    addresses = named[1] if named[1] is not None else counted[1]
    blocks = prefixes[1] if prefixes[1] is not None else prefix_count[1]
    for (name, value), (other, other_value) in (
        (named, counted), (prefixes, prefix_count), ((named[0], addresses), (prefixes[0], blocks)),
    ):  # fmt: skip
        if value is not None and other_value is not None:
            raise rule("InvalidParameter.Conflict", Parameter=name, ConflictParameter=other)
    if addresses is None and blocks is None:
        raise rule("MissingParameter", Parameter=counted[0])
