"""`checker batch`: the per-document pipeline over an archive, on a Dask cluster, into Parquet.

Why Dask distributed: an archive (every bulletin of a decade: millions of files) outgrows one
machine; the same code runs on a ``LocalCluster`` (every core here) or on a scheduler with workers
on many machines (``--scheduler tcp://host:8786``), and Dask reschedules the task of a worker that
dies, so a killed worker loses no document.  Why Parquet: a columnar, partitioned dataset that
pandas, DuckDB, Spark or Arrow read without loading it whole; one row a check.

Layout of the output directory (``--output DIR``):

- ``findings/part-<digest>.parquet``: one part per task, one row per check (``FINDINGS_SCHEMA``),
  named by the content it holds, written atomically by the worker, so a task run twice (its worker
  died after writing) writes the same part again and nothing is doubled;
- ``failures.parquet``: the documents of this run that could not be checked (path, error line);
  failures are tried again on a rerun;
- ``done.jsonl``: the done-manifest, one line per document checked (sha256, path, part, verdict
  counts), appended as each task finishes: a rerun skips every document whose content hash is in it,
  wherever it now lives, and a run stopped half-way resumes where it was;
- ``summary.json``: documents, checks by verdict and failures, over the whole dataset.

Workers must see the paths given (a shared file system, or fsspec URLs such as ``s3://`` when the
matching fsspec backend is installed) and the output directory.  The checks are the ones
``checker check --format json --no-baseline`` reports (rule selection and inline suppressions
applied, review states and baselines not: they belong to a review, not to an archive scan).
"""
from __future__ import annotations

import glob
import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

FINDINGS_DIR = "findings"
FAILURES_FILE = "failures.parquet"
MANIFEST_FILE = "done.jsonl"
SUMMARY_FILE = "summary.json"
#: Documents per task: large enough that scheduling costs little, small enough to balance workers.
BATCH_SIZE = 32
_GLOB_CHARS = set("*?[")


class BatchError(ValueError):
    """A usage problem of `checker batch` (one line, exit 2)."""


def findings_schema():
    """The Arrow schema of a findings part: fixed, so that every part (even an empty one) agrees."""
    import pyarrow as pa

    return pa.schema([
        ("document", pa.string()), ("sha256", pa.string()), ("id", pa.string()), ("rule", pa.string()),
        ("verdict", pa.string()), ("severity", pa.string()), ("start", pa.int64()), ("end", pa.int64()),
        ("line", pa.int64()), ("column", pa.int64()), ("numbers", pa.string()), ("message", pa.string()),
        ("suppressed", pa.bool_()),
    ])


def failures_schema():
    import pyarrow as pa

    return pa.schema([("document", pa.string()), ("sha256", pa.string()), ("error", pa.string())])


# --- which documents ----------------------------------------------------------------------------------

def is_url(item: str) -> bool:
    """An fsspec URL (``s3://bucket/dir``, ``file:///srv/archive``): read through fsspec."""
    return "://" in item


def expand_inputs(items: Iterable[str], include: Iterable[str] = (), exclude: Iterable[str] = ()
                  ) -> tuple[list[str], list[tuple[str, str]]]:
    """Files named by paths, directories, globs (``**`` recursive) and fsspec URLs, in order, each
    once; and the ``(item, error line)`` of those that name nothing."""
    from checker.reader import ARTICLE_SUFFIXES, InputError, expand

    files: list[str] = []
    errors: list[tuple[str, str]] = []
    for item in items:
        try:
            if is_url(item):
                files.extend(_expand_url(item, ARTICLE_SUFFIXES))
            elif _GLOB_CHARS & set(item):
                matched = sorted(glob.glob(item, recursive=True))
                if not matched:
                    raise InputError(f"{item}: no file matches this pattern")
                for m in matched:
                    if os.path.isdir(m):
                        continue  # a glob names files; `dir/**` also lists the directories
                    files.extend(expand([m], include=include, exclude=exclude))
            else:
                files.extend(expand([item], include=include, exclude=exclude))
        except InputError as exc:
            errors.append((item, str(exc)))
    seen: set[str] = set()
    return [f for f in files if not (f in seen or seen.add(f))], errors


def _expand_url(url: str, suffixes: tuple[str, ...]) -> list[str]:
    from checker.reader import InputError

    try:
        import fsspec
    except ImportError:
        raise InputError(f"{url}: a URL needs fsspec (pip install 'checker[batch]')") from None
    try:
        fs, _, paths = fsspec.get_fs_token_paths(url)
        out = []
        for p in paths:
            if fs.isdir(p):
                out.extend(f for f in sorted(fs.find(p)) if f.lower().endswith(suffixes))
            elif fs.exists(p):
                out.append(p)
    except (ValueError, ImportError, OSError) as exc:
        raise InputError(f"{url}: cannot list ({exc})") from None
    if not out:
        raise InputError(f"{url}: no articles there")
    protocol = fs.protocol[0] if isinstance(fs.protocol, (tuple, list)) else fs.protocol
    return [p if "://" in p else f"{protocol}://{p}" for p in out]


def batches(files: list[str], size: int = BATCH_SIZE) -> Iterator[list[str]]:
    for i in range(0, len(files), size):
        yield files[i:i + size]


# --- the worker's side ------------------------------------------------------------------------------

@dataclass(slots=True)
class TaskResult:
    """What a task sends back: small (the rows went to the part file)."""

    part: str | None
    done: list[dict] = field(default_factory=list)  # {"sha256", "path", "checks", "verdicts"}
    failures: list[dict] = field(default_factory=list)  # {"document", "sha256", "error"}
    skipped: int = 0


def _read(path: str):
    """The Document of a path or fsspec URL, read as `checker check` reads (size cap, encodings)."""
    from checker.reader import InputError, _OPTIONS, make_document, read_documents

    if not is_url(path):
        return next(iter(read_documents([path])))
    import fsspec

    cap = _OPTIONS["max_bytes"]
    try:
        with fsspec.open(path, "rb") as fh:
            data = fh.read(cap + 1)
    except (OSError, ValueError) as exc:
        raise InputError(f"{path}: cannot read ({exc})") from None
    if len(data) > cap:
        raise InputError(f"{path}: file too large (more than {cap} bytes; limit {cap}: --max-bytes)")
    return make_document(path, data)


def check_batch(paths: list[str], output: str, rule_dirs: tuple[str, ...], done: frozenset[str],
                reader_options: dict, enable: tuple[str, ...] | None = None, disable: tuple[str, ...] = ()
                ) -> TaskResult:
    """Check ``paths`` (skipping content already ``done``) and write their rows as one part.

    Runs on a Dask worker.  The rule pack is loaded once per worker process (load_rulepack caches
    it).  Each document is checked and finished exactly as `checker check` does; a document that
    cannot be read or that the checker fails on becomes a failure row, never a lost task.
    """
    from checker import ci, pipeline, reader
    from checker.reader import InputError
    from checker.rulepack import load_rulepack

    reader._OPTIONS.update(reader_options)
    pack = load_rulepack(tuple(rule_dirs))
    settings = ci.Settings(paths=[], rule_dirs=tuple(rule_dirs), enable=enable, disable=tuple(disable))
    out = TaskResult(part=None)
    rows: list[dict] = []
    for path in paths:
        sha = None
        try:
            doc = _read(path)
            sha = doc.sha256
            if sha in done:
                out.skipped += 1
                continue
            result = pipeline.check_document(doc, pack)
            report = ci.finish_run([result], [], pack, settings, use_review_db=False).report
        except InputError as exc:
            out.failures.append({"document": path, "sha256": sha, "error": str(exc)})
            continue
        except Exception as exc:  # a bug in the checker: this document's failure, not the task's
            out.failures.append({"document": path, "sha256": sha, "error": pipeline.internal_error(path, exc)})
            continue
        checks = report["documents"][0]["checks"]
        rows.extend(finding_row(path, sha, c) for c in checks)
        verdicts: dict[str, int] = {}
        for c in checks:
            verdicts[c["verdict"]] = verdicts.get(c["verdict"], 0) + 1
        out.done.append({"sha256": sha, "path": path, "checks": len(checks), "verdicts": verdicts})
    if out.done:
        digest = hashlib.sha256("\n".join(f"{d['sha256']} {d['path']}" for d in out.done).encode(
            "utf-8", "surrogateescape")).hexdigest()[:24]
        out.part = f"part-{digest}.parquet"
        _write_table(rows, findings_schema(), Path(output) / FINDINGS_DIR / out.part)
        for d in out.done:
            d["part"] = out.part
    return out


def finding_row(path: str, sha256: str, c: dict) -> dict:
    """One check of the JSON report as a row (numbers as a JSON string: nested and variable)."""
    return {"document": path, "sha256": sha256, "id": c["id"], "rule": c["rule"], "verdict": c["verdict"],
            "severity": c["severity"], "start": c["span"]["start"], "end": c["span"]["end"],
            "line": c["line"], "column": c["column"],
            "numbers": json.dumps(c["numbers"], ensure_ascii=False, sort_keys=True),
            "message": c["message"], "suppressed": bool(c.get("suppressed"))}


def _write_table(rows: list[dict], schema, target: Path) -> None:
    """Write rows as a Parquet file atomically (a reader never sees half a part)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), tmp)
    os.replace(tmp, target)


# --- the client's side ------------------------------------------------------------------------------

def read_manifest(output: Path) -> list[dict]:
    """The done-manifest's entries; a line cut short by a crash is ignored (its task is redone)."""
    path = output / MANIFEST_FILE
    if not path.is_file():
        return []
    entries = []
    with path.open(encoding="utf-8", errors="surrogateescape") as fh:
        for line in fh:
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            if isinstance(entry, dict) and isinstance(entry.get("sha256"), str):
                entries.append(entry)
    return entries


@dataclass(slots=True)
class RunStats:
    checked: int = 0
    skipped: int = 0
    failures: list[dict] = field(default_factory=list)


def run_batch(items: list[str], output: str, *, scheduler: str | None = None, workers: int | None = None,
              rule_dirs: tuple[str, ...] = (), include: tuple[str, ...] = (), exclude: tuple[str, ...] = (),
              enable: tuple[str, ...] | None = None, disable: tuple[str, ...] = (), batch_size: int = BATCH_SIZE,
              client=None, on_failure=None) -> tuple[dict, RunStats]:
    """Check the articles ``items`` name on a Dask cluster into ``output``; returns the summary and
    this run's statistics.  ``client``: an existing distributed Client (tests); else one is made on
    ``scheduler`` or on a new LocalCluster of ``workers`` processes.  ``on_failure(failure)`` is told
    of each failure as it happens."""
    from checker import reader
    from checker.rulepack import load_rulepack

    out_dir = Path(output)
    if out_dir.exists() and not out_dir.is_dir():
        raise BatchError(f"{output}: not a directory")
    out_dir.mkdir(parents=True, exist_ok=True)
    from checker import ci

    pack = load_rulepack(tuple(rule_dirs))  # a bad rule pack: refused here, not once per worker
    ci.selected_rules(ci.Settings(paths=[], enable=enable, disable=tuple(disable)),
                      set(pack.rules) | {"suppression"})  # so is an unknown rule code (ConfigError)
    files, missing = expand_inputs(items, include, exclude)
    stats = RunStats()
    for item, error in missing:
        _failed(stats, {"document": item, "sha256": None, "error": error}, on_failure)
    done = frozenset(e["sha256"] for e in read_manifest(out_dir))
    own = None
    if client is None:
        client, own = _client(scheduler, workers)
    try:
        if files:
            _run_tasks(client, files, out_dir, tuple(rule_dirs), done, dict(reader._OPTIONS), enable, disable,
                       batch_size, stats, on_failure)
    finally:
        if own is not None:
            client.close()
            own.close()
    _write_table(stats.failures, failures_schema(), out_dir / FAILURES_FILE)
    summary = summarize(out_dir, stats)
    from checker.report.output import write_text

    write_text(out_dir / SUMMARY_FILE, json.dumps(summary, ensure_ascii=False, indent=1) + "\n")
    return summary, stats


def _client(scheduler: str | None, workers: int | None):
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            return Client(scheduler, timeout="10s"), None
        except (OSError, TimeoutError) as exc:
            raise BatchError(f"--scheduler {scheduler}: cannot connect ({exc})") from None
    from checker.parallel import default_jobs

    cluster = LocalCluster(n_workers=workers or default_jobs(), threads_per_worker=1, processes=True,
                           dashboard_address=":0")
    return Client(cluster), cluster


def _run_tasks(client, files, out_dir, rule_dirs, done, reader_options, enable, disable, batch_size, stats,
               on_failure) -> None:
    from distributed import as_completed

    # sent once to each worker, not once per task (in a list: a bare set would be scattered item by item)
    done_future = client.scatter([done], broadcast=True)[0]
    parts = list(batches(files, batch_size))
    futures = {client.submit(check_batch, part, str(out_dir), rule_dirs, done_future, reader_options, enable,
                             disable, pure=False): part for part in parts}
    with (out_dir / MANIFEST_FILE).open("a", encoding="utf-8", errors="surrogateescape") as manifest:
        for future in as_completed(futures):
            try:
                result: TaskResult = future.result()
            except Exception as exc:  # the task itself failed (e.g. its workers kept dying): its documents
                line = f"{type(exc).__name__}: {str(exc).splitlines()[0][:200] if str(exc) else ''}"
                for path in futures[future]:
                    _failed(stats, {"document": path, "sha256": None,
                                    "error": f"{path}: not checked (task failed: {line})"}, on_failure)
                continue
            for entry in result.done:
                manifest.write(json.dumps(entry, ensure_ascii=False) + "\n")
            manifest.flush()  # done is durable as soon as the task is: a rerun resumes here
            stats.checked += len(result.done)
            stats.skipped += result.skipped
            for f in result.failures:
                _failed(stats, f, on_failure)
            future.release()


def _failed(stats: RunStats, failure: dict, on_failure) -> None:
    stats.failures.append(failure)
    if on_failure is not None:
        on_failure(failure)


def summarize(out_dir: Path, stats: RunStats) -> dict:
    """The dataset's summary: every document done so far (by content), checks by verdict, and this
    run's failures."""
    seen: dict[tuple, dict] = {}
    for e in read_manifest(out_dir):
        seen.setdefault((e["sha256"], e.get("path")), e)
    by_verdict: dict[str, int] = {}
    checks = 0
    for e in seen.values():
        checks += int(e.get("checks", 0))
        for verdict, n in (e.get("verdicts") or {}).items():
            by_verdict[verdict] = by_verdict.get(verdict, 0) + int(n)
    return {"documents": len(seen), "checks": checks, "verdicts": dict(sorted(by_verdict.items())),
            "this_run": {"checked": stats.checked, "skipped": stats.skipped, "failed": len(stats.failures)},
            "failures": [{"document": f["document"], "error": f["error"]} for f in stats.failures]}
