"""--fake-ecs-coverage-report=PATH.html: the coverage report as a self-contained HTML page."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pytest_fake_eni.error_coverage import CoverageLedger, build_report, recipe
from pytest_fake_eni.testing.calls import Call
from tests.test_error_coverage import CREATE, EXERCISED, SUITE


@dataclass
class Page(HTMLParser):
    """What a report page holds: tags used, headings, and each code row's cells."""

    tags: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    rows: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    text: str = ""
    _row: tuple[str, str] | None = None
    _cells: list[str] = field(default_factory=list)
    _in: str = ""

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.add(tag)
        self.links += [v or "" for k, v in attrs if k in ("src", "href")]
        if tag == "tr" and "data-code" in found:
            self._row = (self._action(), found["data-code"] or "")
            self.rows.setdefault(self._action(), {})[found["data-code"] or ""] = self._cells = [
                found.get("class") or ""
            ]
        if tag in ("td", "h2"):
            self._in = tag
            if tag == "td":
                self._cells.append("")
            else:
                self.headings.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "h2"):
            self._in = ""

    def handle_data(self, data: str) -> None:
        self.text += data
        if self._in == "td":
            self._cells[-1] += data
        elif self._in == "h2":
            self.headings[-1] += data

    def _action(self) -> str:
        return self.headings[-1] if self.headings else ""


def _page(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.fixture
def suite(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makepyfile(test_app=SUITE)
    return pytester


def test_the_html_report_lists_every_code_with_its_state_and_recipe(suite: pytest.Pytester) -> None:
    result = suite.runpytest_subprocess(
        "--fake-ecs-coverage", "--fake-ecs-coverage-report=cov.html"
    )
    result.assert_outcomes(passed=7)
    page = _page(suite.path / "cov.html")
    assert page.headings == [CREATE]
    assert "style" in page.tags and "script" not in page.tags and page.links == []
    rows = page.rows[CREATE]
    state = {code: cells[0] for code, cells in rows.items()}
    assert state["InvalidVSwitchId.NotFound"] == "exercised"
    assert state["InvalidSecurityGroupId.NotFound"] == "exercised"
    assert state["InternalError"] == "injected"
    assert state["MissingParameter"] == "missing"
    assert rows["MissingParameter"][1:] == ["MissingParameter", "400", "client", "missing",
                                            "create_eni(VSwitchId=None)"]  # fmt: skip
    for code, cells in rows.items():  # every recipe, as text (quotes and all, unescaped)
        assert cells[-1] == recipe(CREATE, code)
    assert '"' in rows["UnsupportedParameter"][-1]  # an injection recipe survived escaping

    # The same codes, states and total as the JSON form of the same run.
    suite.runpytest_subprocess("--fake-ecs-coverage", "--fake-ecs-coverage-report=cov.json")
    data = json.loads((suite.path / "cov.json").read_text())["actions"][CREATE]
    missing = {m["code"] for kind in data["missing"].values() for m in kind}
    assert {c for c, s in state.items() if s == "missing"} == missing
    assert [c for c, s in state.items() if s in ("exercised", "injected")] == EXERCISED
    assert "3 of 83 documented codes exercised (3.6%)" in page.text
    assert "1 injected" in page.text and "Also returned" in page.text and "Throttling" in page.text


def test_exclusions_show_in_the_html_report(suite: pytest.Pytester) -> None:
    suite.makeini(
        """
        [pytest]
        fake_ecs_coverage = true
        fake_ecs_coverage_exclude =
            CreateNetworkInterface:InvalidIp.*
        """
    )
    suite.runpytest_subprocess("--fake-ecs-coverage-report=report.HTML").assert_outcomes(passed=7)
    page = _page(suite.path / "report.HTML")
    excluded = [c for c, cells in page.rows[CREATE].items() if cells[0] == "excluded"]
    assert excluded and all(c.startswith("InvalidIp.") for c in excluded)
    assert "CreateNetworkInterface:InvalidIp.*" in page.text


def test_everything_on_the_page_is_escaped(tmp_path: Path) -> None:
    ledger = CoverageLedger()
    ledger.record([Call("<script>alert(1)</script>", {}, 400, "<b>Bad</b>", "r1")])
    report = build_report(ledger, exclude=["<i>x</i>"])
    html = report.to_html()
    assert "<script>" not in html and "<b>" not in html and "<i>" not in html
    report.write(tmp_path / "r.html")
    page = _page(tmp_path / "r.html")
    assert page.headings == ["<script>alert(1)</script>"]
    assert "<b>Bad</b>" in page.text and "<i>x</i>" in page.text
    assert "script" not in page.tags and "b" not in page.tags
