"""The one table of served products and their hosts, read by every transport.

``SERVED_URL`` decides what a transport hands to the fake; ``product_of_host`` tells the
pipeline which product a request's host belongs to. A host the table does not name (the
loopback server's own ``127.0.0.1:PORT``) is resolved by the request's ``Version``.
"""

from __future__ import annotations

import functools
import re

PRODUCT_HOSTS: tuple[tuple[str, str], ...] = (
    (
        "Ecs",
        r"ecs(?:-[a-z0-9-]+)?\.aliyuncs\.com"  # ecs.aliyuncs.com, ecs-cn-hangzhou.aliyuncs.com
        r"|ecs(?:-vpc)?\.[a-z0-9-]+\.aliyuncs\.com",  # ecs.cn-beijing..., ecs-vpc.cn-beijing...
    ),
    (
        "Vpc",
        r"vpc\.aliyuncs\.com"  # vpc.aliyuncs.com
        r"|vpc(?:-vpc)?\.[a-z0-9-]+\.aliyuncs\.com",  # vpc.cn-beijing..., vpc-vpc.cn-beijing...
    ),
)
"""Each served product and the host names its endpoints have (a regular expression)."""

# A fully qualified name may end in a dot (``ecs.aliyuncs.com.``): the same host.
_HOST = r"(?:{})\.?"
_URL = r"^https?://(?:{})(?::\d+)?(?:[/?#]|$)"

_URLS = {p: re.compile(_URL.format(_HOST.format(h)), re.IGNORECASE) for p, h in PRODUCT_HOSTS}
_HOSTS = {p: re.compile(rf"^{_HOST.format(h)}(?::\d+)?$", re.IGNORECASE) for p, h in PRODUCT_HOSTS}
SERVED_URL = re.compile(
    _URL.format(_HOST.format("|".join(h for _, h in PRODUCT_HOSTS))), re.IGNORECASE
)
"""Every URL the fake answers, whatever the product."""


def is_served_url(url: str) -> bool:
    """True for a URL on any served product's endpoint, http or https, any port."""
    return SERVED_URL.match(url) is not None


@functools.lru_cache(maxsize=256)  # asked on every call, of the same few hosts
@functools.lru_cache(maxsize=256)
def product_of_host(host: str) -> str | None:
    """The product ``host`` (with or without a port) is an endpoint of, or None (read once
    per host: every request asks)."""
    return next((p for p, pattern in _HOSTS.items() if pattern.match(host)), None)


ECS_URL = _URLS["Ecs"]
"""URLs on ECS endpoints (the overhead benchmark's bare arm matches them)."""
