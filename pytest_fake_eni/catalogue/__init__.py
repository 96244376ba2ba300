"""The one catalogue of every documented error code the fake can return, per action.

Each family of actions keeps its rows in a module of this package (``core`` for the ENI
actions and the VPC Describe calls; one module per further family), defining:

- ``ROWS``: ``(code, http_status, message_template, description, kind)`` tuples. Templates
  use ``{Name}`` placeholders: a wire parameter's value by its wire name, other specifics of
  the failure by the names ``EcsError`` is raised with. ``kind`` is ``client``, ``quota``,
  ``permission`` or ``server``. A code is defined once: the first family to list it
  (``core`` first, then the others by name) gives its status and message.
- ``ACTION_CODES``: action -> the codes it can return, in its documented order.
- ``VARIANTS`` (optional): ``(code, variant) -> message`` for codes with several wordings.
- ``STATUSES`` (optional): ``(action, code) -> http_status`` where an action documents a
  code at another status than the row's (e.g. ECS's 403 ``DependencyViolation``, VPC's 400).

Adding a family is adding a module here; nothing else changes.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType


def _families() -> list[ModuleType]:
    names = sorted((m.name for m in pkgutil.iter_modules(__path__)), key=lambda n: n != "core")
    return [importlib.import_module(f"{__name__}.{name}") for name in names]


ROWS: tuple[tuple[str, int, str, str, str], ...] = ()
VARIANTS: dict[tuple[str, str], str] = {}
STATUSES: dict[tuple[str, str], int] = {}
ACTION_CODES: dict[str, tuple[str, ...]] = {}
for _family in _families():
    ROWS += _family.ROWS
    VARIANTS.update(getattr(_family, "VARIANTS", {}))
    STATUSES.update(getattr(_family, "STATUSES", {}))
    for _action, _codes in _family.ACTION_CODES.items():
        if _action in ACTION_CODES:
            raise RuntimeError(f"{_action}'s codes are listed by two catalogue families")
        ACTION_CODES[_action] = _codes
