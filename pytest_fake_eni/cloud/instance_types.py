"""Instance types: the built-in table of real types (data, with its source per family) and
each account's catalogue of them, which tests may extend or override.

Every value in ``FAMILIES`` is copied from Alibaba Cloud's instance-family documentation
(the GitHub mirror AlibabaCloudDocs/ecs, file named in each family's ``source``). Columns
the pages give: vCPUs, memory, NIC queues, ENIs (the primary included) and private IPv4
addresses per ENI. A field the pages do not give (IPv6 per ENI, trunking, ERIs, queue
defaults, network cards ...) is left out; ``add_instance_type`` can supply it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

_DOCS = "https://github.com/AlibabaCloudDocs/ecs/blob/master/intl.en-US/Instance/"

# (instance type, vCPUs, memory GiB, NIC queues, ENIs, private IPv4 addresses per ENI)
Row = tuple[str, int, float, int | None, int, int | None]

FAMILIES: tuple[dict[str, Any], ...] = (
    {
        "family": "ecs.g7",
        "category": "General-purpose",
        "source": _DOCS + "Instance families.md",
        "title": "General purpose instance families: g7, general purpose instance family",
        "rows": (
            ("ecs.g7.large", 2, 8.0, 2, 3, 6),
            ("ecs.g7.xlarge", 4, 16.0, 4, 4, 15),
            ("ecs.g7.2xlarge", 8, 32.0, 8, 4, 15),
            ("ecs.g7.3xlarge", 12, 48.0, 8, 8, 15),
            ("ecs.g7.4xlarge", 16, 64.0, 8, 8, 30),
            ("ecs.g7.6xlarge", 24, 96.0, 12, 8, 30),
            ("ecs.g7.8xlarge", 32, 128.0, 16, 8, 30),
            ("ecs.g7.16xlarge", 64, 256.0, 32, 8, 30),
            ("ecs.g7.32xlarge", 128, 512.0, 32, 15, 30),
        ),
    },
    {
        "family": "ecs.g7ne",
        "category": "General-purpose",
        "source": _DOCS + "Instance families.md",
        "title": "g7ne, general purpose instance family with enhanced network performance",
        "rows": (
            ("ecs.g7ne.large", 2, 8.0, 2, 3, 10),
            ("ecs.g7ne.xlarge", 4, 16.0, 4, 4, 15),
            ("ecs.g7ne.2xlarge", 8, 32.0, 8, 6, 15),
            ("ecs.g7ne.4xlarge", 16, 64.0, 16, 8, 30),
            ("ecs.g7ne.8xlarge", 32, 128.0, 16, 8, 30),
            ("ecs.g7ne.12xlarge", 48, 192.0, 32, 8, 30),
            ("ecs.g7ne.16xlarge", 64, 256.0, 32, 8, 30),
            ("ecs.g7ne.24xlarge", 96, 384.0, 32, 15, 50),
        ),
    },
    {
        "family": "ecs.g6",
        "category": "General-purpose",
        "source": _DOCS + "Instance families.md",
        "title": "g6, general purpose instance family (previous generation)",
        "rows": (
            ("ecs.g6.large", 2, 8.0, 2, 2, 6),
            ("ecs.g6.xlarge", 4, 16.0, 4, 3, 10),
            ("ecs.g6.2xlarge", 8, 32.0, 8, 4, 10),
            ("ecs.g6.3xlarge", 12, 48.0, 8, 6, 10),
            ("ecs.g6.4xlarge", 16, 64.0, 8, 8, 20),
            ("ecs.g6.6xlarge", 24, 96.0, 12, 8, 20),
            ("ecs.g6.8xlarge", 32, 128.0, 16, 8, 20),
            ("ecs.g6.13xlarge", 52, 192.0, 32, 7, 20),
            ("ecs.g6.26xlarge", 104, 384.0, 32, 15, 20),
        ),
    },
    {
        "family": "ecs.c7",
        "category": "Compute-optimized",
        "source": _DOCS + "Instance families.md",
        "title": "Compute optimized instance families: c7, compute optimized instance family",
        "rows": (
            ("ecs.c7.large", 2, 4.0, 2, 3, 6),
            ("ecs.c7.xlarge", 4, 8.0, 4, 4, 15),
            ("ecs.c7.2xlarge", 8, 16.0, 8, 4, 15),
            ("ecs.c7.3xlarge", 12, 24.0, 8, 8, 15),
            ("ecs.c7.4xlarge", 16, 32.0, 8, 8, 30),
            ("ecs.c7.6xlarge", 24, 48.0, 12, 8, 30),
            ("ecs.c7.8xlarge", 32, 64.0, 16, 8, 30),
            ("ecs.c7.16xlarge", 64, 128.0, 32, 8, 30),
            ("ecs.c7.32xlarge", 128, 256.0, 32, 15, 30),
        ),
    },
    {
        "family": "ecs.r7",
        "category": "Memory-optimized",
        "source": _DOCS + "Instance families.md",
        "title": "Memory optimized instance families: r7, memory optimized instance family",
        "rows": (
            ("ecs.r7.large", 2, 16.0, 2, 3, 6),
            ("ecs.r7.xlarge", 4, 32.0, 4, 4, 15),
            ("ecs.r7.2xlarge", 8, 64.0, 8, 4, 15),
            ("ecs.r7.3xlarge", 12, 96.0, 8, 8, 15),
            ("ecs.r7.4xlarge", 16, 128.0, 8, 8, 30),
            ("ecs.r7.6xlarge", 24, 192.0, 12, 8, 30),
            ("ecs.r7.8xlarge", 32, 256.0, 16, 8, 30),
            ("ecs.r7.16xlarge", 64, 512.0, 32, 8, 30),
            ("ecs.r7.32xlarge", 128, 1024.0, 32, 15, 30),
        ),
    },
    {
        "family": "ecs.hfg7",
        "category": "High Clock Speed",
        "source": _DOCS + "Instance families.md",
        "title": "hfg7, general purpose instance family with high clock speeds",
        "rows": (
            ("ecs.hfg7.large", 2, 8.0, 2, 2, 6),
            ("ecs.hfg7.xlarge", 4, 16.0, 4, 3, 15),
            ("ecs.hfg7.2xlarge", 8, 32.0, 8, 4, 15),
            ("ecs.hfg7.3xlarge", 12, 48.0, 8, 6, 15),
            ("ecs.hfg7.4xlarge", 16, 64.0, 8, 8, 30),
            ("ecs.hfg7.6xlarge", 24, 96.0, 12, 8, 30),
            ("ecs.hfg7.8xlarge", 32, 128.0, 16, 8, 30),
            ("ecs.hfg7.12xlarge", 48, 192.0, 24, 8, 30),
            ("ecs.hfg7.24xlarge", 96, 384.0, 32, 15, 30),
        ),
    },
    {
        "family": "ecs.gn6i",
        "category": "Compute-optimized with GPU",
        "source": _DOCS + "Instance type families/Compute optimized type family with GPU/"
        "GPU-accelerated compute optimized instance families.md",
        "title": "gn6i, GPU-accelerated compute optimized instance family (NVIDIA T4)",
        "gpu_spec": "NVIDIA T4",
        "gpus": {
            "ecs.gn6i-c4g1.xlarge": 1,
            "ecs.gn6i-c8g1.2xlarge": 1,
            "ecs.gn6i-c16g1.4xlarge": 1,
            "ecs.gn6i-c24g1.6xlarge": 1,
            "ecs.gn6i-c24g1.12xlarge": 2,
            "ecs.gn6i-c24g1.24xlarge": 4,
        },
        "rows": (
            ("ecs.gn6i-c4g1.xlarge", 4, 15.0, 2, 2, 10),
            ("ecs.gn6i-c8g1.2xlarge", 8, 31.0, 2, 2, 10),
            ("ecs.gn6i-c16g1.4xlarge", 16, 62.0, 4, 3, 10),
            ("ecs.gn6i-c24g1.6xlarge", 24, 93.0, 6, 4, 10),
            ("ecs.gn6i-c24g1.12xlarge", 48, 186.0, 12, 6, 10),
            ("ecs.gn6i-c24g1.24xlarge", 96, 372.0, 24, 8, 10),
        ),
    },
    {
        "family": "ecs.ebmg6",
        "category": "ECS Bare Metal",
        "source": _DOCS + "Instance type families/ECS Bare Metal Instance types/Overview.md",
        "title": "ebmg6, general purpose ECS Bare Metal Instance family",
        "rows": (("ecs.ebmg6.26xlarge", 104, 384.0, None, 32, 10),),
    },
    {
        "family": "ecs.ebmc6",
        "category": "ECS Bare Metal",
        "source": _DOCS + "Instance type families/ECS Bare Metal Instance types/Overview.md",
        "title": "ebmc6, compute optimized ECS Bare Metal Instance family",
        "rows": (("ecs.ebmc6.26xlarge", 104, 192.0, None, 32, 10),),
    },
    {
        "family": "ecs.ebmr6",
        "category": "ECS Bare Metal",
        "source": _DOCS + "Instance type families/ECS Bare Metal Instance types/Overview.md",
        "title": "ebmr6, memory optimized ECS Bare Metal Instance family",
        "rows": (("ecs.ebmr6.26xlarge", 104, 768.0, None, 32, 10),),
    },
)

FIELDS = frozenset(
    {
        "InstanceTypeFamily", "InstanceCategory", "CpuCoreCount", "MemorySize", "EniQuantity",
        "EniTotalQuantity", "EniPrivateIpAddressQuantity", "EniIpv6AddressQuantity",
        "EniTrunkSupported", "EriQuantity", "MaximumQueueNumberPerEni", "PrimaryEniQueueNumber",
        "SecondaryEniQueueNumber", "TotalEniQueueQuantity", "QueuePairNumber",
        "NetworkCardQuantity", "NetworkCards", "GPUAmount", "GPUSpec",
    }
)  # fmt: skip
"""The DescribeInstanceTypes fields an instance type may carry (the API's own names)."""

_INTEGERS = (
    FIELDS
    - {"InstanceTypeFamily", "InstanceCategory", "MemorySize", "GPUSpec"}
    - {
        "EniTrunkSupported",
        "NetworkCards",
    }
)


@dataclass(frozen=True)
class InstanceType:
    """One instance type: its id, its documented fields (API names) and their source."""

    instance_type_id: str
    fields: Mapping[str, Any]
    source: str = ""

    @property
    def family(self) -> str:
        """``InstanceTypeFamily``, e.g. ``ecs.g7``."""
        return str(self.fields.get("InstanceTypeFamily", ""))

    def get(self, name: str) -> Any:
        """A field's value, None when the type does not give it."""
        return self.fields.get(name)

    def as_item(self) -> dict[str, Any]:
        """The type as DescribeInstanceTypes returns it: only the fields it has."""
        return {"InstanceTypeId": self.instance_type_id, **self.fields}


def _builtin() -> dict[str, InstanceType]:
    table: dict[str, InstanceType] = {}
    for family in FAMILIES:
        for type_id, cpus, memory, queues, enis, ipv4 in family["rows"]:
            fields: dict[str, Any] = {
                "InstanceTypeFamily": family["family"],
                "InstanceCategory": family["category"],
                "CpuCoreCount": cpus,
                "MemorySize": memory,
                "EniQuantity": enis,
            }
            if ipv4 is not None:
                fields["EniPrivateIpAddressQuantity"] = ipv4
            if queues is not None:  # the pages' "NIC queues" (see docs/instances.md)
                fields["MaximumQueueNumberPerEni"] = queues
            gpus = family.get("gpus", {}).get(type_id)
            if gpus is not None:
                fields["GPUAmount"] = gpus
                fields["GPUSpec"] = family["gpu_spec"]
            table[type_id] = InstanceType(type_id, fields, family["source"])
    return table


BUILTIN: Mapping[str, InstanceType] = _builtin()
"""The built-in types by id."""


def check_fields(fields: Mapping[str, Any]) -> None:
    """``TypeError`` for a field DescribeInstanceTypes lacks or a value of the wrong kind."""
    for name, value in fields.items():
        if name not in FIELDS:
            raise TypeError(f"an instance type has no field {name!r}; fields: {sorted(FIELDS)}")
        if name in _INTEGERS and (isinstance(value, bool) or not isinstance(value, int)):
            raise TypeError(f"{name} is an integer, not {value!r}")
        if name == "EniTrunkSupported" and not isinstance(value, bool):
            raise TypeError(f"EniTrunkSupported is True or False, not {value!r}")


class InstanceTypes:
    """One account's instance types: the built-in table plus what a test added or changed."""

    def __init__(self) -> None:
        self._added: dict[str, InstanceType] = {}

    def add(self, instance_type_id: str, **fields: Any) -> InstanceType:
        """Add a type, or override fields of an existing one (the others are kept)."""
        if not instance_type_id.startswith("ecs.") or instance_type_id.count(".") < 2:
            raise ValueError(f"a type id is ecs.<family>.<size>, not {instance_type_id!r}")
        check_fields(fields)
        base = self.get(instance_type_id)
        merged = dict(base.fields) if base else {}
        merged.setdefault("InstanceTypeFamily", instance_type_id.rsplit(".", 1)[0])
        merged.update(fields)
        if "EniQuantity" not in merged:
            raise ValueError(f"a new instance type needs EniQuantity ({instance_type_id})")
        kind = InstanceType(instance_type_id, merged, base.source if base else "added by a test")
        self._added[instance_type_id] = kind
        return kind

    def get(self, instance_type_id: str) -> InstanceType | None:
        """The type, or None when the account has no such type."""
        return self._added.get(instance_type_id) or BUILTIN.get(instance_type_id)

    def require(self, instance_type_id: str) -> InstanceType:
        """The type, or ``ValueError`` naming a few that exist."""
        kind = self.get(instance_type_id)
        if kind is None:
            known = ", ".join(sorted(BUILTIN)[:5])
            raise ValueError(
                f"no instance type {instance_type_id!r} (built in: {len(BUILTIN)} types, e.g. "
                f"{known}; add one with add_instance_type)"
            )
        return kind

    def __iter__(self) -> Iterator[InstanceType]:
        """Every type, built-in ones first in table order, then added ones."""
        for type_id in BUILTIN:
            yield self._added.get(type_id) or BUILTIN[type_id]
        for type_id, kind in self._added.items():
            if type_id not in BUILTIN:
                yield kind

    def __len__(self) -> int:
        return len(BUILTIN) + sum(1 for t in self._added if t not in BUILTIN)
