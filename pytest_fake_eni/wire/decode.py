"""Decode an HTTP request of either signature dialect into an API call."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit

from pytest_fake_eni.errors import EcsError
from pytest_fake_eni.transport.http import HttpRequest, host_of

# Parameters of the signature and envelope, not of the API itself.
COMMON_PARAMS = frozenset(
    {
        "Action",
        "Version",
        "Format",
        "AccessKeyId",
        "Signature",
        "SignatureMethod",
        "SignatureVersion",
        "SignatureNonce",
        "SignatureType",
        "Timestamp",
        "SecurityToken",
        "BearerToken",
    }
)
MAX_INDEX = 1000  # a list index beyond this is ignored, as an unknown parameter is
MAX_DEPTH = 16
"""Deepest nesting a parameter may have, in dotted name parts or JSON brackets; deeper is
``InvalidParameter`` (the deepest real parameter, ``Tag.N.Key``, has 3 levels)."""
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')


@dataclass(slots=True)
class ApiCall:
    """One API call as it arrived: who is asked what, in which dialect and format.

    Read-only by convention: a frozen dataclass's ``__init__`` costs ten times as much.
    """

    action: str
    version: str
    format: str  # "JSON" or "XML"
    dialect: str  # "rpc" or "acs3"
    host: str
    params: dict[str, str]
    """The API's own parameters, wire names to strings (signature fields removed)."""
    raw_params: dict[str, str] = field(repr=False, default_factory=dict)
    """Every parameter of the query and form body, signature fields included."""


def decode(request: HttpRequest) -> ApiCall:
    """Read action, version, format and parameters from query, form body and headers."""
    url = urlsplit(request.url)
    pairs = form_pairs(url.query)
    if request.body and "json" not in request.headers.get("content-type", ""):
        pairs += form_pairs(request.body.decode("utf-8", errors="replace"))
    raw = dict(pairs)
    if "Action" in raw:
        dialect = "rpc"
        action = raw["Action"]
        version = raw.get("Version", request.headers.get("x-acs-version", ""))
        fmt = raw.get("Format", "XML").upper()
    else:
        dialect = "acs3"
        action = request.headers.get("x-acs-action", "")
        version = request.headers.get("x-acs-version", raw.get("Version", ""))
        fmt = "JSON"
    params = (
        dict(raw)  # ACS3 signs in headers: its query holds the API's parameters alone
        if COMMON_PARAMS.isdisjoint(raw)
        else {k: v for k, v in raw.items() if k not in COMMON_PARAMS}
    )
    # By position (action, version, format, dialect, host, params, raw_params): a keyword
    # argument to a dataclass costs as much as a field, and every request passes here.
    fmt = "XML" if fmt == "XML" else "JSON"
    return ApiCall(action, version, fmt, dialect, host_of(url.netloc), params, raw)


def form_pairs(text: str) -> list[tuple[str, str]]:
    """``a=1&b=x+y`` -> ``[("a", "1"), ("b", "x y")]``: what ``parse_qsl(text,
    keep_blank_values=True)`` gives, without decoding the many pieces that need none."""
    pairs = []
    if "+" in text:  # a space, as ``unquote_plus`` reads it (a real "+" comes as %2B)
        text = text.replace("+", " ")
    for piece in text.split("&"):
        if not piece:
            continue
        name, _, value = piece.partition("=")
        if "%" in piece:  # one look at the piece: most need no decoding
            name, value = unquote(name), unquote(value)
        pairs.append((name, value))
    return pairs


def unflatten(params: dict[str, str]) -> dict[str, Any]:
    """Turn flat wire names into a tree: ``Tag.1.Key`` -> ``{"Tag": [{"Key": ...}]}``.

    A list sent as one JSON array string (``SecurityGroupIds=["sg-1"]``) becomes a
    list too. Malformed or out-of-range indexes are ignored, like unknown names.
    """
    tree: dict[Any, Any] = {}
    nested: set[Any] = set()  # top-level keys that got a subtree: only these need _listify
    for name, value in params.items():
        if "." not in name and name and not (name.isdigit() and name.isascii()):
            # A plain name, most parameters: no path to walk.
            if type(tree.get(name)) is not dict:
                tree[name] = _json_list(name, value) if value[:1] == "[" else value
            continue
        keys = _path(name)
        if keys is None:
            continue
        node = tree
        for key in keys[:-1]:
            child = node.get(key)
            if type(child) is not dict:
                child = node[key] = {}
            node = child
        if type(node.get(keys[-1])) is not dict:
            node[keys[-1]] = _json_list(name, value) if value[:1] == "[" else value
        if len(keys) > 1:
            nested.add(keys[0])
    for key in nested:
        tree[key] = _listify(tree[key])
    return tree


@functools.lru_cache(maxsize=4096)
def _path(name: str) -> tuple[str | int, ...] | None:
    """The keys a wire name stands for (``Tag.1.Key`` -> ``("Tag", 1, "Key")``); None when
    the name is ignored (an empty part, an index out of range). Clients send the same few
    names on every call: each is read once."""
    parts = name.split(".")
    if len(parts) > MAX_DEPTH:
        raise EcsError("InvalidParameter", Parameter=_shown(name))
    keys: list[str | int] = []
    for part in parts:
        if not part:
            return None
        if part.isdigit() and part.isascii():
            index = int(part)
            if not 1 <= index <= MAX_INDEX:
                return None
            keys.append(index)
        else:
            keys.append(part)
    return tuple(keys)


def _shown(name: str) -> str:
    return name if len(name) <= 64 else name[:61] + "..."


def _json_depth(text: str) -> int:
    """How deep ``text``'s brackets nest, outside JSON strings: one pass, no recursion."""
    depth = deepest = 0
    for char in _JSON_STRING.sub("", text):
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def _json_list(name: str, value: str) -> Any:
    if value.startswith("[") and value.endswith("]"):
        brackets = value.count("[") + value.count("{")  # C speed: most values stop here
        if brackets > MAX_DEPTH and _json_depth(value) > MAX_DEPTH:
            raise EcsError("InvalidParameter", Parameter=_shown(name))
        try:
            parsed = json.loads(value)
        except ValueError:
            return value
        if isinstance(parsed, list):
            return [p if isinstance(p, (str, dict)) else json.dumps(p) for p in parsed]
    return value


def _listify(node: dict[Any, Any]) -> Any:
    """A subtree with JSON-ready keys: a node whose keys are all indexes becomes a list in
    index order (gaps closed), any other node a dict with string keys.

    Loops rather than comprehensions: this runs on every list a request sends.
    """
    if not node:
        return {}
    for key in node:
        if type(key) is not int:
            break
    else:
        items: list[Any] = []
        for key in sorted(node) if len(node) > 1 else node:
            value = node[key]
            items.append(_listify(value) if type(value) is dict else value)
        return items
    for key, value in node.items():
        if type(key) is not str or type(value) is dict:
            break
    else:
        return node  # string keys over leaves (a tag's Key and Value): ready as it is
    return {
        key if type(key) is str else str(key): _listify(v) if type(v) is dict else v
        for key, v in node.items()
    }
