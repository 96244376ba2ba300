"""Running a callback once a module is imported, so a router patches only loaded libraries.

A fake must answer the legacy SDK and aiohttp, but a test that uses neither should not
pay for importing them (some 250 modules). ``when_imported`` calls back at once when the
module is loaded already, else right after its import, from a finder that sits on
``sys.meta_path`` only while some callback waits. The finder hands the import on to the
other finders and leaves no trace on the module (``__loader__`` and ``__spec__.loader``
are the real loader's again once the module has run).
"""

from __future__ import annotations

import importlib.util
import sys
import threading
from collections.abc import Callable, Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType
from typing import Any, Protocol

Callback = Callable[[ModuleType], None]

_waiting: dict[str, list[Callback]] = {}
_lock = threading.RLock()


def when_imported(name: str, callback: Callback) -> Callable[[], None]:
    """Call ``callback(module)`` now if ``name`` is imported, else just after its import.

    Returns a function that cancels the callback if it has not run yet.
    """
    with _lock:
        module = sys.modules.get(name)
        if module is None:
            _waiting.setdefault(name, []).append(callback)
            if _FINDER not in sys.meta_path:
                sys.meta_path.insert(0, _FINDER)
    if module is not None:
        callback(module)
    return lambda: _cancel(name, callback)


def _cancel(name: str, callback: Callback) -> None:
    with _lock:
        callbacks = _waiting.get(name, [])
        if callback in callbacks:
            callbacks.remove(callback)
        if not callbacks:
            _waiting.pop(name, None)
        if not _waiting and _FINDER in sys.meta_path:
            sys.meta_path.remove(_FINDER)


def _imported(module: ModuleType) -> None:
    with _lock:
        callbacks = _waiting.pop(module.__name__, [])
        if not _waiting and _FINDER in sys.meta_path:
            sys.meta_path.remove(_FINDER)
    for callback in callbacks:
        callback(module)


class _Finder:
    """Finds a watched module through the other finders and wraps its loader."""

    def __init__(self) -> None:
        self._finding: set[str] = set()

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        """The real spec of a watched module, with a loader that reports its import."""
        if fullname not in _waiting or fullname in self._finding:
            return None
        self._finding.add(fullname)  # importlib.util.find_spec asks this finder again
        try:
            spec = importlib.util.find_spec(fullname)
        finally:
            self._finding.discard(fullname)
        if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return spec
        spec.loader = _Loader(spec.loader)  # type: ignore[assignment]
        return spec


class _Loader:
    """Runs the real loader, puts it back on the module, then fires the callbacks."""

    def __init__(self, loader: Any) -> None:
        self._loader = loader

    def __getattr__(self, name: str) -> Any:
        return getattr(self._loader, name)

    def create_module(self, spec: ModuleSpec) -> ModuleType | None:
        """The real loader's module."""
        module: ModuleType | None = self._loader.create_module(spec)
        return module

    def exec_module(self, module: ModuleType) -> None:
        """Run the module, then report it."""
        module.__loader__ = self._loader
        if module.__spec__ is not None:
            module.__spec__.loader = self._loader
        self._loader.exec_module(module)
        _imported(module)


_FINDER = _Finder()


class Router(Protocol):
    """Anything that patches a library between ``start`` and ``stop``."""

    def start(self) -> None: ...

    def stop(self) -> None: ...


class WhenImported:
    """A router started once ``module`` is imported (at once if it already is).

    ``make`` builds the router from the imported module, the first time it is needed; it
    runs when the library is there, so it may import the router's own module, which imports
    the library. The router is kept for the next ``start`` (routers restart: a fake per test
    should not rebuild them). ``stop`` before the import just cancels; a refused ``stop`` of
    the router (``RuntimeError``) may be retried.
    """

    def __init__(self, module: str, make: Callable[[ModuleType], Router]) -> None:
        self.module = module
        self._make = make
        self._router: Router | None = None
        self._started = False  # the router is patching its library
        self._running = False
        self._cancel: Callable[[], None] | None = None
        self._lock = threading.Lock()

    def start(self) -> None:
        """Start the router now, or when ``module`` is imported."""
        self._running = True
        module = sys.modules.get(self.module)
        if module is not None:  # loaded: nothing to wait for (when_imported would call at once)
            self._start_router(module)
            return
        self._cancel = when_imported(self.module, self._start_router)

    def _start_router(self, module: ModuleType) -> None:
        with self._lock:
            if self._running and not self._started:  # else stopped during the import
                if self._router is None:
                    self._router = self._make(module)
                self._router.start()
                self._started = True

    def stop(self) -> None:
        """Cancel the wait, or stop the router."""
        with self._lock:
            self._running = False
        if self._cancel is not None:
            self._cancel()
            self._cancel = None
        if self._started and self._router is not None:
            self._router.stop()
            self._started = False
