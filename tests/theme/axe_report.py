"""The per-screen count of axe-core's violations (any impact), filled by
test_accessibility_chromium.py and shown in pytest's terminal summary
(tests/theme/conftest.py); MITTELANGELN_AXE_REPORT names a file for the
same table as Markdown, with each violation's rule and elements."""

import os
from pathlib import Path


IMPACTS = ("critical", "serious", "moderate", "minor")

# screen key: {"title", "user", "violations"} in the order the tests ran
RESULTS = {}


def record(key, title, user, violations):
    RESULTS[key] = {"title": title, "user": user or "anonym", "violations": violations}


def counts(violations):
    """Rules violated per impact, and the elements affected in all."""
    by_impact = {impact: sum(1 for rule in violations if rule["impact"] == impact) for impact in IMPACTS}
    return by_impact, sum(len(rule["nodes"]) for rule in violations)


def table():
    lines = [
        "| Bildschirm | Benutzer | critical | serious | moderate | minor | Regeln gesamt | Elemente |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for key, result in RESULTS.items():
        by_impact, elements = counts(result["violations"])
        cells = " | ".join(str(by_impact[impact]) for impact in IMPACTS)
        lines.append(f"| {key} | {result['user']} | {cells} | {len(result['violations'])} | {elements} |")
    return lines


def details():
    lines = []
    for key, result in RESULTS.items():
        for rule in result["violations"]:
            targets = "; ".join(node["target"] for node in rule["nodes"][:5])
            found = f"{rule['impact']} `{rule['id']}` ({len(rule['nodes'])}×)"
            lines.append(f"- {key}: {found} {rule['help']}: `{targets}`")
    return lines


def write_report():
    path = os.environ.get("MITTELANGELN_AXE_REPORT")
    if not path or not RESULTS:
        return None
    text = ["# axe-core: WCAG 2.0/2.1 A und AA je Bildschirm", "", *table(), "", "## Verstöße", "", *details()]
    Path(path).write_text("\n".join(text) + "\n", encoding="utf-8")
    return path
