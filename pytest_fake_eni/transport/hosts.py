"""Which hosts belong to which product."""

from __future__ import annotations

import functools
import re

_ECS_HOST = (
    r"ecs(?:-[a-z0-9-]+)?\.aliyuncs\.com"  # ecs.aliyuncs.com, ecs-cn-hangzhou.aliyuncs.com
    r"|ecs(?:-vpc)?\.[a-z0-9-]+\.aliyuncs\.com"  # ecs.cn-beijing..., ecs-vpc.cn-beijing...
)
ECS_URL = re.compile(rf"^https?://(?:{_ECS_HOST})(?::\d+)?(?:[/?#]|$)", re.IGNORECASE)


def is_ecs_url(url: str) -> bool:
    """True for a URL on any ECS endpoint, http or https, any port."""
    return ECS_URL.match(url) is not None


_VPC_HOST = (
    r"vpc\.aliyuncs\.com"  # vpc.aliyuncs.com
    r"|vpc(?:-vpc)?\.[a-z0-9-]+\.aliyuncs\.com"  # vpc.cn-beijing..., vpc-vpc.cn-beijing...
)
VPC_URL = re.compile(rf"^https?://(?:{_VPC_HOST})(?::\d+)?(?:[/?#]|$)", re.IGNORECASE)
SERVED_URL = re.compile(
    rf"^https?://(?:{_ECS_HOST}|{_VPC_HOST})(?::\d+)?(?:[/?#]|$)", re.IGNORECASE
)
"""Every URL the fake answers: ECS and VPC endpoints."""


def is_vpc_url(url: str) -> bool:
    """True for a URL on any VPC endpoint, http or https, any port."""
    return VPC_URL.match(url) is not None


@functools.lru_cache(maxsize=256)  # asked on every call, of the same few hosts
def is_vpc_host(host: str) -> bool:
    """True when ``host`` (with or without a port) is a VPC endpoint."""
    return is_vpc_url(f"https://{host}/")
