"""The tag store: one for every resource that has tags (ENIs, instances, security groups,
vSwitches, VPCs, EIPs). Each resource's ``tags`` attribute is its entry here, the same dict,
so what one API writes every other API, filter and RAM condition reads."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


@dataclass
class Tagged:
    """A resource's entry in the store."""

    resource_id: str
    resource_type: str
    """The ECS/VPC resource type name, e.g. ``eni``, ``instance``, ``securitygroup``,
    ``VSWITCH``, ``VPC``, ``EIP``."""
    region_id: str
    tags: dict[str, str] = field(default_factory=dict)


class TagStore:
    """Tags of every resource of one account, keyed by resource id."""

    def __init__(self) -> None:
        self._entries: dict[str, Tagged] = {}

    def register(
        self,
        resource_id: str,
        resource_type: str,
        region_id: str,
        tags: Iterable[tuple[str, str]] = (),
    ) -> dict[str, str]:
        """Enter a new resource; return its live tag dict (store it as the resource's ``tags``)."""
        entry = Tagged(resource_id, resource_type, region_id, dict(tags))
        self._entries[resource_id] = entry
        return entry.tags

    def forget(self, resource_id: str) -> None:
        """The resource is gone: drop its tags."""
        self._entries.pop(resource_id, None)

    def entry(self, resource_id: str) -> Tagged | None:
        """The resource's entry, or None when the store does not know it."""
        return self._entries.get(resource_id)

    def of(self, resource_id: str) -> dict[str, str]:
        """The resource's tags (a copy); empty when it has none or is unknown."""
        entry = self._entries.get(resource_id)
        return dict(entry.tags) if entry else {}

    def entries(self, resource_type: str | None = None) -> list[Tagged]:
        """Every entry (of ``resource_type`` when given), oldest first."""
        return [e for e in self._entries.values() if resource_type in (None, e.resource_type)]

    def __len__(self) -> int:
        return len(self._entries)


def matches(tags: dict[str, str], wanted: Sequence[tuple[str, str | None]]) -> bool:
    """Every ``(key, value)`` of a ``Tag.N`` filter is among ``tags`` (a None value: any)."""
    return all(key in tags and value in (None, tags[key]) for key, value in wanted)
