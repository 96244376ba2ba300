"""Account quotas a test can lower to make limits bite."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Quotas:
    """Per-account limits, with the real service's defaults."""

    max_enis_per_region: int = 100
    """Secondary ENIs one account may hold in a region (``MaxEniCountExceeded``)."""
    max_security_groups_per_eni: int = 5
    """Security groups one ENI may join (``JoinedGroupLimitExceed``)."""
    max_private_ips_per_eni: int = 50
    """Private IPv4 addresses on one ENI, the primary included."""
    max_ipv6_addresses_per_eni: int = 10
    """IPv6 addresses and /80 prefixes on one ENI (``...MaxEniIpv6IpsCountExceeded``)."""
    max_queues_per_eni: int = 2048
    """``QueueNumber`` of one ENI (``InvalidOperation.MaxEniQueueNumberExceeded``)."""
    max_acl_rules_per_eni: int = 1000
    """Rules of all the groups one ENI joins together (``AclLimitExceed``)."""
