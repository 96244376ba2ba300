"""Error specs, the exception that carries one, and lookups over the catalogue."""

from __future__ import annotations

from typing import Any, NamedTuple

from pytest_fake_eni.catalogue import ACTION_CODES, ROWS, STATUSES, VARIANTS


class ErrorSpec(NamedTuple):
    """One documented error: its code, HTTP status and message.

    ``message`` is a template: ``{Name}`` placeholders are filled from the
    request's wire parameters and from the specifics of the failure.
    """

    code: str
    status: int
    message: str
    description: str = ""
    kind: str = "client"  # client | quota | permission | server

    def render(self, details: dict[str, Any] | None = None, variant: str | None = None) -> str:
        """The message with its placeholders filled from ``details``."""
        template = VARIANTS[(self.code, variant)] if variant else self.message
        return template.format_map(_Details(details or {}))


class _Details(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return key


CATALOGUE: dict[str, ErrorSpec] = {}
for _row in ROWS:
    CATALOGUE.setdefault(_row[0], ErrorSpec(*_row))


class EcsError(Exception):
    """A documented ECS error, as the fake returns it on the wire."""

    def __init__(
        self,
        code: str,
        message: str | None = None,
        *,
        status: int | None = None,
        variant: str | None = None,
        extra: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        **details: Any,
    ) -> None:
        spec = lookup(code)
        self.code = code
        self.status = status if status is not None else spec.status
        self.message = message if message is not None else spec.render(details, variant)
        self.details = details
        self.extra = extra or {}
        """Further envelope fields (e.g. ``AccessDeniedDetail``)."""
        self.headers = headers or {}
        """Further HTTP response headers (e.g. ``x-acs-retry-after`` on throttling)."""
        super().__init__(f"{self.code} ({self.status}): {self.message}")


def lookup(code: str) -> ErrorSpec:
    """The catalogue's spec for ``code``; ``KeyError`` naming close codes when unknown."""
    try:
        return CATALOGUE[code]
    except KeyError:
        near = sorted(c for c in CATALOGUE if c.split(".")[0] == code.split(".")[0])
        hint = f" Did you mean one of {near}?" if near else ""
        raise KeyError(f"{code!r} is not a documented ECS error code.{hint}") from None


def status_for(action: str, error: EcsError) -> int:
    """The HTTP status ``error`` is answered with by ``action``: one the raiser set, else the
    action's own documented status for the code (``STATUSES``), else the catalogue's."""
    if error.status != CATALOGUE[error.code].status:
        return error.status
    return STATUSES.get((action, error.code), error.status)


def error_codes(action: str | None = None, *, status: int | None = None) -> list[ErrorSpec]:
    """The documented error codes of ``action`` (every code when None), one spec each.

    Usable directly in ``pytest.mark.parametrize``; each item's test id is its code.
    """
    if action is None:
        codes: tuple[str, ...] = tuple(CATALOGUE)
    else:
        try:
            codes = ACTION_CODES[action]
        except KeyError:
            raise ValueError(
                f"the fake documents no action {action!r}; it knows {sorted(ACTION_CODES)}"
            ) from None
    specs = [CATALOGUE[c] for c in codes]
    if action is not None:  # a code the action documents at its own status
        specs = [s._replace(status=STATUSES.get((action, s.code), s.status)) for s in specs]
    return [s for s in specs if status is None or s.status == status]
