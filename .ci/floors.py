"""Write pip constraints pinning every runtime dependency of pyproject.toml at its floor.

``tox -e lowest`` installs with these (and ``.ci/oldest-sdks.txt``), so the floors that
``pyproject.toml`` declares are the versions the suite runs with: a floor cannot drift
from what is tested. Every dependency must declare one (``name>=X``); one that does not
fails here.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import tomllib

_REQUIREMENT = re.compile(
    r"^(?P<name>[A-Za-z0-9._-]+)\s*>=\s*(?P<floor>[^,;\s]+)\s*(?P<marker>;.*)?$"
)


def constraints(pyproject: Path) -> list[str]:
    """One ``name==floor[; marker]`` line per runtime dependency."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    lines = []
    for requirement in project["dependencies"]:
        match = _REQUIREMENT.match(requirement)
        if match is None:
            raise SystemExit(f"{pyproject}: {requirement!r} has no single '>=' floor")
        lines.append(f"{match['name']}=={match['floor']}{match['marker'] or ''}")
    return lines


if __name__ == "__main__":  # python .ci/floors.py [OUT]: to OUT, else to stdout
    root = Path(__file__).resolve().parent.parent
    text = "".join(f"{line}\n" for line in constraints(root / "pyproject.toml"))
    if len(sys.argv) > 1:
        Path(sys.argv[1]).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
