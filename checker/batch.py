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
``checker check --format json`` reports with the same settings (``ci.settings_from``: configuration
file, ``--rounding``, ``--baseline``, ``--db``, rule selection): each document is checked under the
run's rounding conventions and locale and finished by ``ci.finish_run`` (rule selection, inline
suppressions, end positions, review states from the review database), and the baseline is
matched as `check` matches it.

The baseline is matched across the run in input order, as `checker check` does (an entry is used
once; a document takes an entry recorded for its own path first, else the first one left with its
fingerprint), whatever order the workers finish in: a worker marks its documents' failing findings
against their own path's entries only, and reports their fingerprints; the client takes the tasks
in input order, matches those fingerprints against the whole baseline, and in the rare case where
the answer differs (a document took another's entry: a copied or renamed file) rewrites that part
before the task is recorded as done.  Documents skipped as done before keep their rows.
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
        ("suppressed", pa.bool_()), ("convention", pa.string()), ("baseline", pa.string()), ("review", pa.string()),
        ("failing", pa.bool_()),
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

@dataclass(frozen=True, slots=True)
class BatchSettings:
    """What a worker needs of the run's settings (``ci.Settings`` holds more, and paths of the
    client's machine): plain data, sent with each task."""

    rule_dirs: tuple[str, ...] = ()
    enable: tuple[str, ...] | None = None
    disable: tuple[str, ...] = ()
    conventions: tuple[str, ...] | None = None  # accepted rounding conventions; None: the default
    locale: str | None = None  # the configuration's locale, forced on every document as `check` does
    review_db: str | None = None  # absolute path of the review database to read states from
    baseline_file: str | None = None  # the baseline in use (its entries come with each task)

    def settings(self):
        """The ``ci.Settings`` that ``ci.finish_run`` finishes a document with (the baseline is
        applied after it, document by document: see the module's docstring)."""
        from checker import ci

        return ci.Settings(paths=[], rule_dirs=self.rule_dirs, enable=self.enable, disable=self.disable,
                           conventions=self.conventions, db=self.review_db)


@dataclass(slots=True)
class TaskResult:
    """What a task sends back: small (the rows went to the part file)."""

    part: str | None
    done: list[dict] = field(default_factory=list)  # {"sha256", "path", "checks", "verdicts"}
    failures: list[dict] = field(default_factory=list)  # {"document", "sha256", "error"}
    skipped: int = 0
    marked: dict[str, list[list[str]]] = field(default_factory=dict)  # path: [[id, baseline state], ...]


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


def check_batch(paths: list[str], output: str, job: BatchSettings, done: frozenset[str], reader_options: dict,
                baseline_entries: dict[str, list[dict]] | None = None) -> TaskResult:
    """Check ``paths`` (skipping content already ``done``) and write their rows as one part.

    Runs on a Dask worker.  The rule pack is loaded once per worker process (load_rulepack caches
    it).  Each document is checked and finished as `checker check` does (``check_and_finish``); a
    document that cannot be read or that the checker fails on becomes a failure row, never a lost
    task.  ``baseline_entries``: with a baseline, the entries recorded for each path (None without
    one): a first marking, which the client corrects in input order (``_commit``).
    """
    from checker import pipeline, reader
    from checker.reader import InputError
    from checker.rulepack import load_rulepack

    reader._OPTIONS.update(reader_options)
    pack = load_rulepack(tuple(job.rule_dirs))
    settings = job.settings()
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
            report = check_and_finish(doc, pack, job, settings, baseline_entries, path)
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
        out.done.append({"sha256": sha, "path": path, "checks": len(checks), "verdicts": verdicts,
                         "statuses": {k: report["summary"][k] for k in _STATUSES}})
        if baseline_entries is not None:  # the marked findings, in order, for the client's matching
            out.marked[path] = [[c["id"], c["baseline"]] for c in checks if "baseline" in c]
    if out.done:
        digest = hashlib.sha256("\n".join(f"{d['sha256']} {d['path']}" for d in out.done).encode(
            "utf-8", "surrogateescape")).hexdigest()[:24]
        out.part = f"part-{digest}.parquet"
        _write_table(rows, findings_schema(), Path(output) / FINDINGS_DIR / out.part)
        for d in out.done:
            d["part"] = out.part
    return out


#: The summary counts of where findings stand, kept per document in the manifest and summed.
_STATUSES = ("suppressed", "dismissed", "baselined", "failing")


def check_and_finish(doc, pack, job: BatchSettings, settings, baseline_entries, path: str) -> dict:
    """One document checked under the run's conventions and locale, finished by ``ci.finish_run``
    (the one way `check` and `review` finish a run), then its baseline applied; the report."""
    from checker import ci, pipeline
    from checker.i18n import using_locale
    from checker.precision import accepted_conventions
    from checker.report.status import is_active, summarize

    with using_locale(job.locale, force=True), accepted_conventions(job.conventions):
        result = pipeline.check_document(doc, pack)
        report = ci.finish_run([result], [], pack, settings, use_review_db=job.review_db is not None).report
    if baseline_entries is not None:
        from checker.baseline import Baseline, apply

        apply(report, Baseline(Path(job.baseline_file), list(baseline_entries.get(path, ()))), is_active)
        summarize(report)
    return report


def finding_row(path: str, sha256: str, c: dict) -> dict:
    """One check of the JSON report as a row (numbers as a JSON string: nested and variable); where
    it stands as the report says: suppressed inline, its baseline state, its review verdict, failing."""
    from checker.report.status import is_active

    review = c.get("review")
    return {"document": path, "sha256": sha256, "id": c["id"], "rule": c["rule"], "verdict": c["verdict"],
            "severity": c["severity"], "start": c["span"]["start"], "end": c["span"]["end"],
            "line": c["line"], "column": c["column"],
            "numbers": json.dumps(c["numbers"], ensure_ascii=False, sort_keys=True),
            "message": c["message"], "suppressed": bool(c.get("suppressed")), "convention": c.get("convention"),
            "baseline": c.get("baseline"), "review": review.get("verdict") if isinstance(review, dict) else None,
            "failing": is_active(c)}


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
    baseline: dict | None = None  # the baseline's statistics over this run (entries, matched, absent)


def run_batch(items: list[str], output: str, *, scheduler: str | None = None, workers: int | None = None,
              rule_dirs: tuple[str, ...] = (), include: tuple[str, ...] = (), exclude: tuple[str, ...] = (),
              enable: tuple[str, ...] | None = None, disable: tuple[str, ...] = (), batch_size: int = BATCH_SIZE,
              client=None, on_failure=None, settings=None) -> tuple[dict, RunStats]:
    """Check the articles ``items`` name on a Dask cluster into ``output``; returns the summary and
    this run's statistics.  ``settings``: the run's ``ci.Settings`` (``ci.settings_from``, as `check`
    makes them: rounding, baseline, review database, locale and rule selection of the configuration
    and command line); without them, ``rule_dirs``, ``include``, ``exclude``, ``enable`` and
    ``disable`` alone.  ``client``: an existing distributed Client (tests); else one is made on
    ``scheduler`` or on a new LocalCluster of ``workers`` processes.  ``on_failure(failure)`` is told
    of each failure as it happens."""
    from checker import ci, reader
    from checker.rulepack import load_rulepack

    if settings is None:
        settings = ci.Settings(paths=list(items), rule_dirs=tuple(rule_dirs), enable=enable,
                               disable=tuple(disable), include=tuple(include), exclude=tuple(exclude))
    out_dir = Path(output)
    if out_dir.exists() and not out_dir.is_dir():
        raise BatchError(f"{output}: not a directory")
    out_dir.mkdir(parents=True, exist_ok=True)
    pack = load_rulepack(tuple(settings.rule_dirs))  # a bad rule pack: refused here, not once per worker
    ci.selected_rules(settings, set(pack.rules) | {"suppression"})  # so is an unknown rule code (ConfigError)
    files, missing = expand_inputs(items, settings.include, settings.exclude)
    job = BatchSettings(rule_dirs=tuple(settings.rule_dirs), enable=settings.enable, disable=tuple(settings.disable),
                        conventions=settings.conventions, locale=settings.config.locale,
                        review_db=_review_db(items, settings.db),
                        baseline_file=str(Path(settings.baseline).resolve()) if settings.baseline else None)
    baseline = None
    if settings.baseline:  # the whole baseline, matched here in input order (checker.streaming)
        from checker.streaming import StreamBaseline

        baseline = StreamBaseline(settings.baseline)
    stats = RunStats()
    for item, error in missing:
        _failed(stats, {"document": item, "sha256": None, "error": error}, on_failure)
    done = frozenset(e["sha256"] for e in read_manifest(out_dir))
    own = None
    if client is None:
        client, own = _client(scheduler, workers)
    try:
        if files:
            _run_tasks(client, files, out_dir, job, done, dict(reader._OPTIONS), baseline, batch_size, stats,
                       on_failure)
        if baseline is not None:
            stats.baseline = baseline.stats()
    finally:
        if own is not None:
            client.close()
            own.close()
    _write_table(stats.failures, failures_schema(), out_dir / FAILURES_FILE)
    summary = summarize(out_dir, stats)
    from checker.report.output import write_text

    write_text(out_dir / SUMMARY_FILE, json.dumps(summary, ensure_ascii=False, indent=1) + "\n")
    return summary, stats


def _review_db(items: list[str], db: str | None) -> str | None:
    """The review database whose states the rows carry, as an absolute path for the workers: ``db``
    (which must exist: ReviewStoreError otherwise, as for `check`), else the default one beside the
    articles when it exists (checker.review.store.default_db_path), else None."""
    from checker.review.export import report_hook
    from checker.review.store import default_db_path

    local = [i for i in items if not is_url(i)]
    if db:
        report_hook(local, db)  # refused here, before any task, when it is not a review database
        return str(Path(db).resolve())
    path = default_db_path(local)
    return str(path.resolve()) if local and path.is_file() else None


def _own_entries(baseline, files: list[str]) -> dict[str, list[dict]]:
    """The baseline's entries by the file of the run they were recorded for (paths relative to the
    baseline's directory, computed here as `check` computes them, not on the workers)."""
    from checker.baseline import relative

    by_path: dict[str, list[dict]] = {}
    for e in baseline.baseline.entries:
        by_path.setdefault(e.get("path", ""), []).append(e)
    rel = {f: relative(f, baseline.base_dir) for f in files}
    return {f: by_path[r] for f, r in rel.items() if r in by_path}


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


def _run_tasks(client, files, out_dir, job, done, reader_options, baseline, batch_size, stats, on_failure) -> None:
    from distributed import as_completed

    # the content hashes already done travel with each task: a broadcast scatter to every worker was
    # seen to hang a run in Dask's retry loop, and a set of hashes is small beside a batch of articles
    done = frozenset(done)
    own = _own_entries(baseline, files) if baseline is not None else None
    parts = list(batches(files, batch_size))
    futures = {client.submit(check_batch, part, str(out_dir), job, done, reader_options,
                             None if own is None else {p: own[p] for p in part if p in own}, pure=False): k
               for k, part in enumerate(parts)}
    finished: dict[int, object] = {}  # tasks done out of order, until those before them are
    following = 0
    with (out_dir / MANIFEST_FILE).open("a", encoding="utf-8", errors="surrogateescape") as manifest:
        for future in as_completed(futures):
            k = futures[future]
            try:
                finished[k] = future.result()
            except Exception as exc:  # the task itself failed (e.g. its workers kept dying): its documents
                finished[k] = exc
            future.release()
            while following in finished:  # in input order, so the baseline is matched as `check` does
                _commit(finished.pop(following), parts[following], out_dir, baseline, manifest, stats, on_failure)
                following += 1


def _commit(result, paths: list[str], out_dir: Path, baseline, manifest, stats: RunStats, on_failure) -> None:
    """A finished task, in input order: its failures, its baseline states matched across the run
    (its part rewritten in the rare case they differ from the worker's), then its documents
    recorded as done (a rerun resumes after the last task recorded)."""
    if isinstance(result, Exception):
        line = f"{type(result).__name__}: {str(result).splitlines()[0][:200] if str(result) else ''}"
        for path in paths:
            _failed(stats, {"document": path, "sha256": None, "error": f"{path}: not checked (task failed: {line})"},
                    on_failure)
        return
    if baseline is not None:
        changed = {}
        for entry in result.done:
            marked = result.marked.get(entry["path"], [])
            report = {"documents": [{"path": entry["path"],
                                     "checks": [{"id": i, "verdict": "inconsistent"} for i, _ in marked]}]}
            baseline.apply(report)
            states = [c["baseline"] for c in report["documents"][0]["checks"]]
            entry["statuses"]["baselined"] = states.count("unchanged")
            entry["statuses"]["failing"] = states.count("new")
            if states != [state for _, state in marked]:
                changed[entry["path"]] = states
        if changed and result.part:
            _restate(out_dir / FINDINGS_DIR / result.part, changed)
    for entry in result.done:
        manifest.write(json.dumps(entry, ensure_ascii=False) + "\n")
    manifest.flush()  # done is durable as soon as the task is: a rerun resumes here
    stats.checked += len(result.done)
    stats.skipped += result.skipped
    for f in result.failures:
        _failed(stats, f, on_failure)


def _restate(part: Path, states: dict[str, list[str]]) -> None:
    """Rewrite a part with the baseline states matched across the run: for each document named, its
    marked rows (those with a baseline state, in order) get the new states, and ``failing`` with them."""
    import pyarrow.parquet as pq

    rows = pq.read_table(part).to_pylist()
    seen: dict[str, int] = {}
    for row in rows:
        doc = row["document"]
        if doc in states and row["baseline"] is not None:
            k = seen.get(doc, 0)
            seen[doc] = k + 1
            row["baseline"] = states[doc][k]
            row["failing"] = states[doc][k] == "new"
    _write_table(rows, findings_schema(), part)


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
    statuses = dict.fromkeys(_STATUSES, 0)
    checks = 0
    for e in seen.values():
        checks += int(e.get("checks", 0))
        for verdict, n in (e.get("verdicts") or {}).items():
            by_verdict[verdict] = by_verdict.get(verdict, 0) + int(n)
        for k, n in (e.get("statuses") or {}).items():
            if k in statuses:
                statuses[k] += int(n)
    return {"documents": len(seen), "checks": checks, "verdicts": dict(sorted(by_verdict.items())),
            "statuses": statuses,
            "this_run": {"checked": stats.checked, "skipped": stats.skipped, "failed": len(stats.failures),
                         **({"baseline": stats.baseline} if stats.baseline is not None else {})},
            "failures": [{"document": f["document"], "error": f["error"]} for f in stats.failures]}
