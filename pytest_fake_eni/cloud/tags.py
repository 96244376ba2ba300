"""The tag store: one for every resource that has tags (ENIs, instances, security groups,
vSwitches, VPCs, EIPs). Each resource's ``tags`` attribute is its entry here, the same dict,
so what one API writes every other API, filter and RAM condition reads.

The rules every tag API shares live here too: 20 tags per resource (counting the ones it
has), keys of 1 to 128 characters that start with neither ``aliyun`` nor ``acs:`` and hold
no ``http://``/``https://``, values of at most 128 characters without those.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

MAX_TAGS = 20
"""Tags one resource may hold (ECS and VPC alike)."""
MAX_KEY = 128
MAX_VALUE = 128
_RESERVED = ("aliyun", "acs:")

ECS_TYPES = ("instance", "securitygroup", "eni")
"""The ECS resource types the fake holds (ECS ``ResourceType`` names)."""
VPC_TYPES = ("VPC", "VSWITCH", "EIP")
"""The VPC-product resource types the fake holds (VPC ``ResourceType`` names)."""


def bad_key(key: str) -> bool:
    """A key the tag APIs refuse: empty, too long, reserved prefix, or a URL in it."""
    return (
        not key
        or len(key) > MAX_KEY
        or key.startswith(_RESERVED)
        or "http://" in key  # two tests, not a loop: every tag of every call passes here
        or "https://" in key
    )


def bad_value(value: str) -> bool:
    """A value the tag APIs refuse: too long, or a URL in it (an empty value is fine)."""
    return len(value) > MAX_VALUE or "http://" in value or "https://" in value


@dataclass
class Tagged:
    """A resource's entry in the store."""

    resource_id: str
    resource_type: str
    """The ECS/VPC resource type name, e.g. ``eni``, ``instance``, ``securitygroup``,
    ``VSWITCH``, ``VPC``, ``EIP``."""
    region_id: str
    tags: dict[str, str] = field(default_factory=dict)

    def room_for(self, tags: Mapping[str, str], limit: int = MAX_TAGS) -> bool:
        """Whether adding ``tags`` keeps this resource within ``limit`` tags."""
        return len(self.tags.keys() | tags.keys()) <= limit


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

    def find(self, resource_id: str, resource_type: str, region_id: str) -> Tagged | None:
        """The entry of ``resource_id`` if it is a ``resource_type`` in ``region_id``, else None
        (unknown, of another type or in another region: the service finds nothing)."""
        entry = self._entries.get(resource_id)
        if entry is None or (entry.resource_type, entry.region_id) != (resource_type, region_id):
            return None
        return entry

    def of(self, resource_id: str) -> dict[str, str]:
        """The resource's tags (a copy); empty when it has none or is unknown."""
        entry = self._entries.get(resource_id)
        return dict(entry.tags) if entry else {}

    def entries(
        self, resource_type: str | None = None, region_id: str | None = None
    ) -> list[Tagged]:
        """Every entry (of ``resource_type``, in ``region_id``, when given), oldest first."""
        return [
            e
            for e in self._entries.values()
            if resource_type in (None, e.resource_type) and region_id in (None, e.region_id)
        ]

    @staticmethod
    def tag(entries: Sequence[Tagged], tags: Mapping[str, str]) -> Tagged | None:
        """Add ``tags`` to every entry (an existing key takes its new value), all or nothing:
        return the first entry that would pass ``MAX_TAGS`` (nothing changed), else None."""
        full = next((e for e in entries if not e.room_for(tags)), None)
        if full is None:
            for entry in entries:
                entry.tags.update(tags)
        return full

    @staticmethod
    def untag(entries: Sequence[Tagged], keys: Iterable[str] | None) -> None:
        """Remove ``keys`` from every entry (every tag when None); absent keys are no error."""
        wanted = None if keys is None else tuple(keys)
        for entry in entries:
            if wanted is None:
                entry.tags.clear()
            for key in wanted or ():
                entry.tags.pop(key, None)

    def __len__(self) -> int:
        return len(self._entries)


def matches(tags: dict[str, str], wanted: Sequence[tuple[str, str | None]]) -> bool:
    """Every ``(key, value)`` of a ``Tag.N`` filter is among ``tags`` (a None value: any)."""
    return all(key in tags and value in (None, tags[key]) for key, value in wanted)
