"""Encode success bodies and error envelopes as JSON or XML."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any
from xml.etree.ElementTree import Element, SubElement, tostring

from pytest_fake_eni.errors import EcsError
from pytest_fake_eni.transport.http import HttpResponse

JSON_TYPE = "application/json;charset=utf-8"
XML_TYPE = "text/xml;charset=utf-8"
# Characters XML 1.0 cannot carry, even escaped: a request may echo them back.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
RECOMMEND = "https://api.aliyun.com/troubleshoot?q={code}&product={product}&requestId={request_id}"


def success(action: str, body: dict[str, Any], fmt: str) -> HttpResponse:
    """A 200 response carrying ``body`` (which holds ``RequestId``)."""
    return _respond(200, f"{action}Response", body, fmt)


def error(
    err: EcsError, request_id: str, host: str, fmt: str, product: str = "Ecs"
) -> HttpResponse:
    """The error envelope, in the key order the real service sends.

    ``product`` is the name of the product answering (``Ecs``, ``Vpc``), as ``Recommend``
    names it.
    """
    body: dict[str, Any] = {
        "RequestId": request_id,
        "Message": err.message,
        "Recommend": RECOMMEND.format(code=err.code, product=product, request_id=request_id),
        "HostId": host,
        "Code": err.code,
    }
    body.update(err.extra)
    response = _respond(err.status, "Error", body, fmt)
    if err.headers:  # e.g. x-acs-retry-after: milliseconds until a throttled call may retry
        response.headers.update(err.headers)
    return response


def _respond(status: int, root: str, body: dict[str, Any], fmt: str) -> HttpResponse:
    if fmt == "XML":
        return HttpResponse(status, {"content-type": XML_TYPE}, to_xml(root, body))
    # Compact UTF-8, byte for byte what json.dumps(ensure_ascii=False, separators=(",",
    # ":")) gives, in a third of the time: this runs on every JSON response.
    return HttpResponse(status, {"content-type": JSON_TYPE}, _to_json()(body))


@functools.cache
def _to_json() -> Callable[[Any], bytes]:
    from pydantic_core import to_json  # on first use: the module is imported with the fake

    return to_json


def to_xml(root: str, body: dict[str, Any]) -> bytes:
    """``body`` as XML under ``<root>``: a list repeats its element, as the API does."""
    element = Element(root)
    _fill(element, body)
    return (
        b"<?xml version='1.0' encoding='UTF-8'?>" + tostring(element, encoding="unicode").encode()
    )


def _fill(parent: Element, value: dict[str, Any]) -> None:
    for key, item in value.items():
        for one in item if isinstance(item, list) else [item]:
            child = SubElement(parent, key)
            if isinstance(one, dict):
                _fill(child, one)
            elif isinstance(one, bool):
                child.text = "true" if one else "false"
            elif one is not None:
                child.text = _XML_ILLEGAL.sub("\ufffd", str(one))
