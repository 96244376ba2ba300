"""``assert_tagged``: a resource has the given tags, or a message that shows what it has."""

from __future__ import annotations

from collections.abc import Mapping

from pytest_fake_eni.cloud.tags import Tagged


def assert_tagged(
    resource_id: str, entry: Tagged | None, expected: Mapping[str, str], known: int
) -> dict[str, str]:
    """``entry`` (the resource's, None when the store has none) holds every ``expected``
    key with its value; return its tags. ``known``: how many resources the store holds."""
    __tracebackhide__ = True
    if entry is None:
        raise AssertionError(
            f"the tag store knows no resource {resource_id!r} ({known} resources have entries)"
        )
    wrong = {k: v for k, v in expected.items() if entry.tags.get(k) != v}
    if wrong:
        lines = [f"{entry.resource_type} {resource_id} is not tagged {dict(expected)}:"]
        for key, want in wrong.items():
            got = repr(entry.tags[key]) if key in entry.tags else "absent"
            lines.append(f"  {key}: expected {want!r}, is {got}")
        lines.append(f"its tags: {entry.tags}")
        raise AssertionError("\n".join(lines))
    return dict(entry.tags)
