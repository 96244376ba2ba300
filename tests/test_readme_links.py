"""The README's relative links reach a file, and its anchors a heading there.

``mkdocs build --strict`` checks the links between the pages under ``docs/``; the README is
not one of them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINKS = re.findall(r"\]\(([^)\s]+)\)", (ROOT / "README.md").read_text(encoding="utf-8"))


def _anchor(heading: str) -> str:
    """The anchor GitHub and MkDocs give a Markdown heading."""
    text = re.sub(r"[^\w\- ]", "", heading.strip("# ").lower())
    return text.replace(" ", "-")


def _anchors(page: Path) -> set[str]:
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.DOTALL)
    return {_anchor(line) for line in text.splitlines() if line.startswith("#")}


def test_the_readme_links_somewhere() -> None:
    assert len(LINKS) > 10


@pytest.mark.parametrize("link", [link for link in LINKS if "://" not in link])
def test_relative_link_resolves(link: str) -> None:
    path, _, anchor = link.partition("#")
    target = ROOT / path
    assert target.exists(), f"README links to {path}, which does not exist"
    if anchor:
        assert anchor in _anchors(target), f"{path} has no heading with anchor #{anchor}"
