"""Error-path coverage: which documented failures of each called action a suite never faced.

``CoverageLedger`` counts, per action, the calls and the error codes returned (natural or
injected); ``CoverageReport`` sets them against the catalogue's documented codes.
``CoveragePlugin`` is registered by the pytest plugin only when coverage is asked for.
"""

from __future__ import annotations

import fnmatch
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from pytest_fake_eni.catalogue import ACTION_CODES
from pytest_fake_eni.errors import CATALOGUE
from pytest_fake_eni.recipes import RECIPES
from pytest_fake_eni.testing.calls import Call

KIND_TITLES = {
    "client": "client errors",
    "quota": "quota/capacity",
    "permission": "permission",
    "server": "server/throttling",
}


@dataclass
class ActionTally:
    """What one action did across the session."""

    calls: int = 0
    codes: dict[str, int] = field(default_factory=dict)
    """Error code -> how many times it was returned."""
    injected: dict[str, int] = field(default_factory=dict)
    """Error code -> how many of those were injected."""


class CoverageLedger:
    """Counts calls and returned codes per action; mergeable across xdist workers."""

    def __init__(self) -> None:
        self.actions: dict[str, ActionTally] = {}

    def record(self, calls: Iterable[Call]) -> None:
        """Count a test's calls."""
        for call in calls:
            tally = self.actions.setdefault(call.action, ActionTally())
            tally.calls += 1
            if call.error_code:
                tally.codes[call.error_code] = tally.codes.get(call.error_code, 0) + 1
                if call.injected:
                    tally.injected[call.error_code] = tally.injected.get(call.error_code, 0) + 1

    def to_data(self) -> dict[str, Any]:
        """Plain data, for a worker to hand to the controller."""
        return {
            action: {"calls": t.calls, "codes": t.codes, "injected": t.injected}
            for action, t in self.actions.items()
        }

    def merge(self, data: dict[str, Any]) -> None:
        """Add another ledger's ``to_data()``."""
        for action, item in data.items():
            tally = self.actions.setdefault(action, ActionTally())
            tally.calls += int(item["calls"])
            for mine, theirs in ((tally.codes, item["codes"]), (tally.injected, item["injected"])):
                for code, count in theirs.items():
                    mine[code] = mine.get(code, 0) + int(count)


def recipe(action: str, code: str) -> str:
    """A one-line way for a test to make ``action`` answer ``code``."""
    found = RECIPES.get(action, {}).get(code)
    return found.one_line() if found else f'fake_ecs.inject_error("{action}", "{code}")'


@dataclass
class ActionReport:
    """Coverage of one called action."""

    action: str
    calls: int
    documented: list[str]
    exercised: list[str]
    injected: list[str]
    missing: list[str]
    excluded: list[str]
    other: list[str]
    """Codes returned that the action's table does not list (e.g. Throttling)."""

    @property
    def percent(self) -> float:
        """Exercised documented codes over the documented codes not excluded."""
        counted = len(self.documented) - len(self.excluded)
        return 100.0 if counted == 0 else 100.0 * len(self.exercised) / counted

    def state(self, code: str) -> str:
        """``excluded``, ``injected``, ``exercised`` (naturally) or ``missing``."""
        if code in self.excluded:
            return "excluded"
        if code in self.exercised:
            return "injected" if code in self.injected else "exercised"
        return "missing"


@dataclass
class CoverageReport:
    """Coverage of every called action, with what was excluded and why."""

    actions: list[ActionReport]
    exclude: list[str]

    @property
    def percent(self) -> float:
        """Over all called actions together."""
        counted = sum(len(a.documented) - len(a.excluded) for a in self.actions)
        done = sum(len(a.exercised) for a in self.actions)
        return 100.0 if counted == 0 else 100.0 * done / counted

    def to_json(self) -> dict[str, Any]:
        """The report as JSON-ready data."""
        return {
            "percent": round(self.percent, 2),
            "exclude": self.exclude,
            "actions": {
                a.action: {
                    "calls": a.calls,
                    "percent": round(a.percent, 2),
                    "documented": len(a.documented),
                    "exercised": a.exercised,
                    "injected": a.injected,
                    "excluded": a.excluded,
                    "other_codes": a.other,
                    "missing": {
                        kind: [{"code": c, "recipe": recipe(a.action, c)} for c in codes]
                        for kind, codes in _by_kind(a.missing)
                    },
                }
                for a in self.actions
            },
        }

    def to_text(self) -> str:
        """The terminal table."""
        lines: list[str] = []
        for a in self.actions:
            lines.append(
                f"{a.action}: {a.calls} call(s), {len(a.exercised)} of "
                f"{len(a.documented) - len(a.excluded)} documented codes exercised "
                f"({a.percent:.1f}%)"
            )
            if a.exercised:
                shown = [c + (" (injected)" if c in a.injected else "") for c in a.exercised]
                lines.append("  exercised: " + ", ".join(shown))
            if a.other:
                lines.append("  also returned (not in the action's table): " + ", ".join(a.other))
            for kind, codes in _by_kind(a.missing):
                lines.append(f"  never exercised, {KIND_TITLES[kind]} ({len(codes)}):")
                lines += [f"    {c:<55} {recipe(a.action, c)}" for c in codes]
            if a.excluded:
                lines.append(f"  excluded ({len(a.excluded)}): " + ", ".join(a.excluded))
        lines.append(f"total: {self.percent:.1f}% of the documented codes of the called actions")
        return "\n".join(lines)

    def to_markdown(self) -> str:
        """The report as a Markdown page."""
        out = ["# Error-path coverage", "", f"Total: **{self.percent:.1f}%**", ""]
        for a in self.actions:
            out += [f"## {a.action}", "", f"{a.calls} call(s), {a.percent:.1f}% exercised.", ""]
            out += ["| code | status | kind | exercised | recipe |", "|---|---|---|---|---|"]
            for code in a.documented:
                spec = CATALOGUE[code]
                state = {"exercised": "yes", "missing": "no"}.get(a.state(code), a.state(code))
                how = "" if code in a.exercised else f"`{recipe(a.action, code)}`"
                out.append(f"| `{code}` | {spec.status} | {spec.kind} | {state} | {how} |")
            out.append("")
        if self.exclude:
            out += ["Excluded by configuration: " + ", ".join(f"`{p}`" for p in self.exclude), ""]
        return "\n".join(out)

    def to_html(self) -> str:
        """The report as one self-contained HTML page (inline CSS, no script)."""
        from pytest_fake_eni.coverage_html import render

        return render(self)

    def write(self, path: str | Path) -> None:
        """Write the report to ``path``: HTML for ``.html``, Markdown for ``.md``, else JSON."""
        path = Path(path)
        suffix = path.suffix.lower()
        if suffix in (".html", ".htm"):
            text = self.to_html()
        elif suffix in (".md", ".markdown"):
            text = self.to_markdown()
        else:
            text = json.dumps(self.to_json(), indent=2) + "\n"
        path.write_text(text, encoding="utf-8")


def _by_kind(codes: Sequence[str]) -> Iterator[tuple[str, list[str]]]:
    for kind in KIND_TITLES:
        chosen = [c for c in codes if CATALOGUE[c].kind == kind]
        if chosen:
            yield kind, chosen


def _excluded(action: str, code: str, patterns: Sequence[str]) -> bool:
    for pattern in patterns:
        scope, _, code_pattern = pattern.rpartition(":")
        if (not scope or fnmatch.fnmatchcase(action, scope)) and fnmatch.fnmatchcase(
            code, code_pattern
        ):
            return True
    return False


def build_report(ledger: CoverageLedger, exclude: Sequence[str] = ()) -> CoverageReport:
    """Set the ledger against the catalogue; ``exclude`` holds ``[Action:]Code`` globs."""
    reports = []
    for action in sorted(ledger.actions):
        tally = ledger.actions[action]
        documented = list(ACTION_CODES.get(action, ()))
        excluded = [c for c in documented if _excluded(action, c, exclude)]
        counted = [c for c in documented if c not in excluded]
        reports.append(
            ActionReport(
                action=action,
                calls=tally.calls,
                documented=documented,
                exercised=[c for c in counted if c in tally.codes],
                injected=[c for c in counted if c in tally.injected],
                missing=[c for c in counted if c not in tally.codes],
                excluded=excluded,
                other=sorted(c for c in tally.codes if c not in documented),
            )
        )
    return CoverageReport(reports, list(exclude))


class CoveragePlugin:
    """The pytest side: collect per test, merge xdist workers, report, fail under."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.ledger = CoverageLedger()
        self.exclude: list[str] = list(config.getini("fake_ecs_coverage_exclude"))
        self.report_path: str | None = config.getoption("fake_ecs_coverage_report")
        self.fail_under: float | None = config.getoption("fake_ecs_coverage_fail_under")
        self.failed_message: str | None = None

    @property
    def is_worker(self) -> bool:
        """True inside an xdist worker, which hands its ledger to the controller."""
        return hasattr(self.config, "workerinput")

    def record(self, calls: Iterable[Call]) -> None:
        """Count one test's calls (the fixture calls this at teardown)."""
        self.ledger.record(calls)

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        if self.is_worker:
            self.config.workeroutput["fake_ecs_coverage"] = json.dumps(self.ledger.to_data())  # type: ignore[attr-defined]

    @pytest.hookimpl(optionalhook=True)
    def pytest_testnodedown(self, node: Any, error: Any) -> None:
        data = getattr(node, "workeroutput", {}).get("fake_ecs_coverage")
        if data:
            self.ledger.merge(json.loads(data))

    @pytest.hookimpl(wrapper=True)
    def pytest_runtestloop(self, session: pytest.Session) -> Iterator[None]:
        result = yield
        if self.is_worker:
            return result
        report = build_report(self.ledger, self.exclude)
        if self.report_path:
            report.write(self.report_path)
        if self.fail_under is not None and report.percent < self.fail_under:
            self.failed_message = (
                f"FAIL: fake-ecs error-path coverage {report.percent:.1f}% is under "
                f"--fake-ecs-coverage-fail-under={self.fail_under:g}"
            )
            session.testsfailed += 1
        self._report = report
        return result

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        report = getattr(self, "_report", None)
        if report is None:
            return
        terminalreporter.write_sep("-", "fake-ecs error-path coverage")
        terminalreporter.write_line(report.to_text())
        if self.failed_message:
            terminalreporter.write_line(self.failed_message, red=True, bold=True)
