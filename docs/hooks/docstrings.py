"""MkDocs hook: a public name on an API reference page without a docstring is a warning.

mkdocstrings leaves such a name out of the page silently; under ``mkdocs build --strict``
this warning fails the build instead. Checked: each object a page names with ``::: path``
and its own public functions, methods, properties and classes (not plain attributes, which
the class docstrings describe).
"""

from __future__ import annotations

import functools
import logging
import re
from typing import Any

import griffe

log = logging.getLogger("mkdocs.hooks.docstrings")
_DIRECTIVE = re.compile(r"^::: *([\w.]+)", re.MULTILINE)


@functools.cache
def _package(name: str) -> Any:
    return griffe.load(name, search_paths=["."])


def _undocumented(obj: Any, path: str) -> list[str]:
    missing = [] if obj.docstring else [path]
    if obj.is_class:
        for name, member in obj.members.items():
            if name.startswith("_") or member.is_alias:
                continue
            checked = member.is_function or member.is_class or "property" in member.labels
            if checked and not member.docstring:
                missing.append(f"{path}.{name}")
    return missing


def on_page_markdown(markdown: str, page: Any, **_: Any) -> str:
    """Warn for every undocumented public name the page's ``:::`` directives show."""
    for path in _DIRECTIVE.findall(markdown):
        package, _, rest = path.partition(".")
        obj = _package(package)[rest] if rest else _package(package)
        for name in _undocumented(obj, path):
            log.warning("%s: %s has no docstring", page.file.src_uri, name)
    return markdown
