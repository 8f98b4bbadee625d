"""The JSON report and the SARIF log written document by document (`checker check --format json|sarif`).

Why: built whole, a report holds every document until the end, so memory grew with the corpus
(7–8 bytes per input byte).  Here each finished document of a ``checker.streaming.CheckStream`` is
encoded as soon as it comes and only the totals are kept, and the bytes written are exactly those of
``json.dumps`` of the whole report (``build_report`` + ``finish_run``; ``build_sarif``): the same
separators, the same indentation for a terminal, the same escapes (``json_text`` works character
by character, so piece by piece is the same as all at once).

What comes before the documents is not always known at the start: the report's ``locale`` depends
on every document's language (unless the run forces one), and SARIF's ``invocations`` (errors, exit
code) come before its ``results``.  Until it is known the encoded documents go to a temporary file
(a spool on disk, not in memory), which is copied after the header once the run is over.
"""
from __future__ import annotations

import json
import shutil
import tempfile
from typing import TextIO

from checker import __version__
from checker.report.sanitize import json_text

_COPY_CHUNK = 1 << 20


class _Body:
    """Where the encoded items go: straight after the header when it is known, else a spool file."""

    def __init__(self, out, header: str | None) -> None:
        self.out = out
        self.spool = None
        if header is None:
            self.spool = tempfile.TemporaryFile("w+", encoding="utf-8", newline="\n")
        else:
            out.write(header)
        self.count = 0

    def add(self, first: str, text: str, sep: str) -> None:
        """Write one item: ``first`` before the first one, ``sep`` before each later one."""
        (self.spool or self.out).write((first if self.count == 0 else sep) + text)
        self.count += 1

    def close(self, header: str, end: str, trailer: str) -> None:
        """Write the header (if still due), the spooled items, ``end`` when there were items, the trailer."""
        if self.spool is not None:
            self.out.write(header)
            self.spool.seek(0)
            shutil.copyfileobj(self.spool, self.out, _COPY_CHUNK)
            self.spool.close()
        self.out.write((end if self.count else "") + trailer)


def _split(skeleton: dict, key: str, indent: int | None) -> tuple[str, str]:
    """The JSON text of ``skeleton`` (whose ``key`` is an empty list) cut around that list: the text
    up to and with its ``[`` and from its ``]``.  Why the first ``"key": []`` is the one: in JSON text
    a quote inside a string is always escaped, and no member before ``key`` is named so."""
    text = json_text(json.dumps(skeleton, ensure_ascii=False, indent=indent))
    before, found, after = text.partition(f'"{key}": []')
    if not found:  # never: the skeleton holds the key
        raise ValueError(f"no {key!r} list in the skeleton")
    return before + f'"{key}": [', "]" + after


def _item_layout(indent: int | None) -> tuple[str, str, str]:
    """``(first, sep, end)`` around the items of a list two levels deep, as json.dumps writes them."""
    if indent is None:
        return "", ", ", ""
    inner = "\n" + " " * (2 * indent)
    return inner, "," + inner, "\n" + " " * indent


def _report_skeleton(locale: str, errors: list[str], summary: dict, baseline: dict | None) -> dict:
    """The report around its documents (key order of findings_json.assemble_report + ci.finish_report)."""
    report = {"schema_version": 1, "tool": {"name": "checker", "version": __version__}, "locale": locale,
              "documents": [], "errors": list(errors), "summary": dict(summary)}
    if baseline is not None:
        report["baseline"] = baseline
    return report


def write_json(stream, out: TextIO, indent: int | None = None) -> None:
    """The JSON report of ``stream`` (a ``checker.streaming.CheckStream`` made with ``line=True``
    when ``indent`` is None, else ``document=True``) to ``out``, as each document is finished."""
    from checker.i18n import forced_locale

    forced = forced_locale()
    header = _split(_report_skeleton(forced, [], {}, None), "documents", indent)[0] if forced else None
    body = _Body(out, header)
    first, sep, end = _item_layout(indent)
    for piece in stream:
        if indent is None:
            text = piece.line
        else:  # the document's own indented text, shifted two levels in (``first`` is that newline)
            text = json_text(json.dumps(piece.document, ensure_ascii=False, indent=indent)).replace("\n", first)
        body.add(first, text, sep)
    header, trailer = _split(_report_skeleton(stream.locale(), stream.errors, stream.summary,
                                              stream.baseline_stats()), "documents", indent)
    body.close(header, end, trailer + "\n")


def write_sarif(stream, out: TextIO, rules: list[dict], cwd: str | None = None) -> None:
    """The SARIF log of ``stream`` (made with ``document=True``) to ``out``: each document's results
    encoded as it is finished (spooled: the invocation, with the errors and exit code, comes first)."""
    from checker.report.sarif import document_results, rule_index, sarif_log

    index = rule_index(rules)
    with_baseline = stream.baseline is not None
    body = _Body(out, None)
    for piece in stream:
        for result in document_results(piece.document, index, with_baseline, cwd):
            body.add("", json_text(json.dumps(result, ensure_ascii=False)), ", ")
    report: dict = {"errors": stream.errors}
    if with_baseline:
        report["baseline"] = stream.baseline_stats()
    header, trailer = _split(sarif_log(report, rules, [], cwd, exit_code=stream.code), "results", None)
    body.close(header, "", trailer + "\n")
