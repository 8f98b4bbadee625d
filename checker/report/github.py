"""GitHub Actions output of `checker check --format github`: workflow commands that annotate lines.

Each failing finding becomes ``::error file=…,line=…,endLine=…,col=…,endColumn=…,title=…::message``
(``warning`` and ``notice`` for the other severities).  Data is escaped as the runner expects
(``%`` → %25, CR → %0D, LF → %0A) and so are property values (also ``:`` → %3A, ``,`` → %2C).
GitHub shows at most 10 annotations of each level per step, so the most severe come first; when
``$GITHUB_STEP_SUMMARY`` is set, the full list is appended to the job summary as a Markdown table.
Paths are relative to ``$GITHUB_WORKSPACE`` (the repository) when set, else to the current
directory.  ``col``/``endColumn`` (endColumn is the last character, inclusive) are only given when
a finding lies on one line, as GitHub requires.
"""
from __future__ import annotations

import os

from checker.report import sanitize
from checker.report.status import SEVERITY_RANK, is_active
from checker.report.wording import count

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}
ANNOTATION_LIMIT = 10  # per level and step, GitHub's display limit


def escape_data(text: str) -> str:
    """A workflow command's data: %, CR, LF escaped; other controls shown visibly (checker.report.sanitize)."""
    return sanitize.workflow_data(text)


def escape_property(text: str) -> str:
    return sanitize.workflow_property(text)


def _path(path: str, root: str) -> str:
    if path == "-":
        return "stdin"
    rel = os.path.relpath(os.path.abspath(path), root)
    if rel == ".." or rel.startswith(".." + os.sep):
        rel = os.path.abspath(path)
    return rel.replace(os.sep, "/")


def findings(report: dict) -> list[tuple[str, dict]]:
    """(path, check) of every failing finding, most severe first, then by file and line."""
    out = [(d["path"], c) for d in report["documents"] for c in d["checks"] if is_active(c)]
    out.sort(key=lambda pc: (-SEVERITY_RANK.get(pc[1]["severity"], 0), pc[0], pc[1]["line"], pc[1]["column"]))
    return out


def _message(c: dict) -> str:
    return c["message"] + "".join("\n→ " + s for s in c.get("suggestions", []))


def annotation(path: str, c: dict, root: str) -> str:
    where = c.get("location")
    if where and "line" not in where:  # a PDF or DOCX article: the file, and the place in the title
        props = [("file", _path(path, root)), ("title", f"checker [{c['rule']}] {c['severity']} ({where['text']})")]
        head = ",".join(f"{k}={escape_property(v)}" for k, v in props)
        return f"::{COMMAND.get(c['severity'], 'warning')} {head}::{escape_data(_message(c))}"
    props = [("file", _path(path, root)), ("line", str(c["line"]))]
    end_line = c.get("end_line") or c["line"]
    props.append(("endLine", str(end_line)))
    if end_line == c["line"]:
        props.append(("col", str(c["column"])))
        props.append(("endColumn", str(max(c["column"], (c.get("end_column") or c["column"] + 1) - 1))))
    props.append(("title", f"checker [{c['rule']}] {c['severity']}"))
    head = ",".join(f"{k}={escape_property(v)}" for k, v in props)
    return f"::{COMMAND.get(c['severity'], 'warning')} {head}::{escape_data(_message(c))}"


def render(report: dict, out, root: str | None = None) -> None:
    """Write the annotations and a one-line summary to ``out``; the step summary when available."""
    root = os.path.abspath(root or os.environ.get("GITHUB_WORKSPACE") or os.getcwd())
    items = findings(report)
    for path, c in items:
        out.write(annotation(path, c, root) + "\n")
    for e in report.get("errors", []):
        out.write(f"::error title=checker input error::{escape_data(e)}\n")
    out.write(sanitize.one_line(summary_line(report)) + "\n")
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file:
        with open(summary_file, "a", encoding="utf-8", errors="backslashreplace") as fh:
            fh.write(step_summary(report, items, root))


def summary_line(report: dict) -> str:
    s = report["summary"]
    parts = [f"checker: {count(s['documents'], 'document')}, {count(s.get('failing', 0), 'failing finding')} "
             f"({count(s['errors'], 'error')}, {count(s['warnings'], 'warning')})"]
    for key, what in (("suppressed", "suppressed inline"), ("dismissed", "dismissed in review"),
                      ("baselined", "in the baseline")):
        if s.get(key):
            parts.append(f"{s[key]} {what}")
    b = report.get("baseline")
    if b and b.get("absent"):
        parts.append(f"{count(b['absent'], 'baseline entry')} no longer {'occurs' if b['absent'] == 1 else 'occur'}")
    return "; ".join(parts)


def _cell(text: str) -> str:
    return sanitize.markdown(text)


def step_summary(report: dict, items: list[tuple[str, dict]], root: str) -> str:
    lines = [f"### {_cell(summary_line(report))}", ""]
    levels = {}
    for _, c in items:
        levels[c["severity"]] = levels.get(c["severity"], 0) + 1
    if any(n > ANNOTATION_LIMIT for n in levels.values()):
        lines += [f"GitHub shows at most {ANNOTATION_LIMIT} annotations of each level per step; "
                  f"all {len(items)} findings are listed here.", ""]
    if items:
        lines += ["| severity | file | line | rule | finding |", "| --- | --- | --- | --- | --- |"]
        for path, c in items:
            lines.append(f"| {c['severity']} | {sanitize.markdown_code(_path(path, root))} | {c['line']} | `{c['rule']}` | "
                         f"{_cell(_message(c))} |")
    else:
        lines.append("No failing findings.")
    for e in report.get("errors", []):
        lines.append(f"\n- input error: {_cell(e)}")
    return "\n".join(lines) + "\n\n"
