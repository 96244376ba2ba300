"""Paging and tag filters shared by the Describe/List actions.

Two styles, as the service has them: ``PageNumber``/``PageSize`` (with ``TotalCount``),
and ``MaxResults``/``NextToken`` (an opaque token; empty on the last page).
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict

from pytest_fake_eni.errors import EcsError

T = TypeVar("T")
_TOKEN_HEAD = b"\x00\x00\x00\x01"


class TagFilter(BaseModel):
    """``Tag.N.Key`` / ``Tag.N.Value``: a key alone matches any value."""

    model_config = ConfigDict(extra="ignore")

    Key: str
    Value: str | None = None


def tag_pairs(tags: Sequence[TagFilter] | None) -> tuple[tuple[str, str | None], ...]:
    """A ``Tag.N`` filter as ``(key, value)`` pairs (see ``cloud.tags.matches``)."""
    return tuple((t.Key, t.Value) for t in tags or ())


def next_token(offset: int) -> str:
    """An opaque token for the page starting at ``offset`` (base64, like the real ones)."""
    check = hashlib.sha256(f"pytest-fake-eni:{offset}".encode()).digest()[:24]
    return base64.b64encode(_TOKEN_HEAD + offset.to_bytes(4, "big") + check).decode()


def token_offset(token: str) -> int:
    """The offset ``token`` stands for; ``InvalidParameter`` when it is not one of ours."""
    try:
        raw = base64.b64decode(token, validate=True)
        offset = int.from_bytes(raw[4:8], "big")
    except ValueError:
        raise EcsError("InvalidParameter", Parameter="NextToken") from None
    if len(raw) != 32 or next_token(offset) != token:
        raise EcsError("InvalidParameter", Parameter="NextToken")
    return offset


def by_number(items: Sequence[T], number: int, size: int) -> tuple[list[T], dict[str, Any]]:
    """Page ``number`` (from 1) of ``size`` items, and the body fields that describe it."""
    start = (number - 1) * size
    body = {"TotalCount": len(items), "PageNumber": number, "PageSize": size}
    return list(items[start : start + size]), body


def by_token(items: Sequence[T], token: str | None, size: int) -> tuple[list[T], dict[str, Any]]:
    """The page a ``NextToken`` (None or empty: the first) starts, of ``size`` items, and
    the body's ``NextToken`` (empty on the last page: terway stops on it)."""
    start = token_offset(token) if token else 0
    more = start + size < len(items)
    return list(items[start : start + size]), {
        "NextToken": next_token(start + size) if more else ""
    }
