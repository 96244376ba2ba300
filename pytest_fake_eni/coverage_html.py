"""The error-path coverage report as one self-contained HTML page (inline CSS, no script).

Per called action: how many calls, the share of its documented codes exercised, and a row
per code saying whether it was exercised, injected, missing or excluded, with the recipe
that makes a test meet it. Every text (codes, messages, recipes) is escaped.
"""

from __future__ import annotations

from html import escape

from pytest_fake_eni.error_coverage import ActionReport, CoverageReport, recipe
from pytest_fake_eni.errors import CATALOGUE

_STYLE = """
body { margin: 0 auto; max-width: 1100px; padding: 16px 24px 48px; color: #1d2733;
       font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; }
h1 { font-size: 22px; } h2 { font-size: 17px; margin: 28px 0 4px; }
.summary { color: #5b6673; margin: 0 0 8px; }
.bar { height: 8px; background: #f0d6d3; border-radius: 4px; overflow: hidden; max-width: 420px; }
.bar span { display: block; height: 100%; background: #3f9f5f; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; vertical-align: top; padding: 4px 8px;
         border-bottom: 1px solid #d9dee4; }
th { background: #f6f8fa; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; }
.state { font-weight: 600; white-space: nowrap; }
tr.exercised .state { color: #2e7d46; } tr.injected .state { color: #8a5a00; }
tr.missing .state { color: #a3261b; } tr.excluded td { color: #8a8f98; }
tr.exercised .recipe, tr.injected .recipe { color: #8a8f98; }
.other { color: #5b6673; }
"""

_STATES = ("exercised", "injected", "missing", "excluded")


def render(report: CoverageReport) -> str:
    """The whole page."""
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        "<title>fake-ecs error-path coverage</title>",
        f"<style>{_STYLE}</style></head><body>",
        "<h1>Error-path coverage</h1>",
        f'<p class="summary">Total: <strong>{report.percent:.1f}%</strong> of the documented '
        f"codes of {len(report.actions)} called action(s) exercised.</p>",
        _bar(report.percent),
    ]
    for action in report.actions:
        parts += _action(action)
    if report.exclude:
        patterns = ", ".join(f"<code>{escape(p)}</code>" for p in report.exclude)
        parts.append(f'<p class="other">Excluded by configuration: {patterns}</p>')
    parts.append("</body></html>\n")
    return "\n".join(parts)


def _bar(percent: float) -> str:
    return f'<div class="bar"><span style="width: {percent:.1f}%"></span></div>'


def _action(a: ActionReport) -> list[str]:
    counted = len(a.documented) - len(a.excluded)
    counts = {state: sum(1 for c in a.documented if a.state(c) == state) for state in _STATES}
    anchor = escape(a.action, quote=True)
    out = [
        f'<h2 id="{anchor}">{escape(a.action)}</h2>',
        f'<p class="summary">{a.calls} call(s); {len(a.exercised)} of {counted} documented '
        f"codes exercised ({a.percent:.1f}%): {counts['exercised']} naturally, "
        f"{counts['injected']} injected, {counts['missing']} missing"
        + (f", {counts['excluded']} excluded" if counts["excluded"] else "")
        + ".</p>",
        _bar(a.percent),
        "<table><thead><tr><th>code</th><th>status</th><th>kind</th><th>state</th>"
        "<th>recipe</th></tr></thead><tbody>",
    ]
    for code in a.documented:
        spec = CATALOGUE[code]
        state = a.state(code)
        out.append(
            f'<tr class="{state}" data-code="{escape(code, quote=True)}">'
            f"<td><code>{escape(code)}</code></td><td>{spec.status}</td>"
            f'<td>{escape(spec.kind)}</td><td class="state">{state}</td>'
            f'<td class="recipe"><code>{escape(recipe(a.action, code))}</code></td></tr>'
        )
    out.append("</tbody></table>")
    if a.other:
        codes = ", ".join(f"<code>{escape(c)}</code>" for c in a.other)
        out.append(f'<p class="other">Also returned (not in the action\'s table): {codes}</p>')
    return out
