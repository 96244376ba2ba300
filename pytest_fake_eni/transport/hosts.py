"""Which hosts belong to which product."""

from __future__ import annotations

import re

_ECS_HOST = (
    r"ecs(?:-[a-z0-9-]+)?\.aliyuncs\.com"  # ecs.aliyuncs.com, ecs-cn-hangzhou.aliyuncs.com
    r"|ecs(?:-vpc)?\.[a-z0-9-]+\.aliyuncs\.com"  # ecs.cn-beijing..., ecs-vpc.cn-beijing...
)
ECS_URL = re.compile(rf"^https?://(?:{_ECS_HOST})(?::\d+)?(?:[/?#]|$)", re.IGNORECASE)


def is_ecs_url(url: str) -> bool:
    """True for a URL on any ECS endpoint, http or https, any port."""
    return ECS_URL.match(url) is not None
