"""Run one function over many files on every core, results in input order (``--jobs N``).

Why a process pool and not threads: the checker is pure Python, so threads share one core (the
GIL).  Why spawn-safe: nothing reaches a worker by inheritance — the worker's state (the rule pack,
the reading options, the rounding conventions) is rebuilt once per worker by an initializer from
plain arguments, and tasks are top-level functions named by reference, so the pool works the same
under ``fork``, ``forkserver`` and ``spawn`` (the default of macOS and Windows, and the one used
here, so what is tested is what runs everywhere).

A task is ``fn(item, state) -> outcome`` where ``state = factory(*args)`` is built once per process
(once in the parent for the in-process path).  ``ordered_map`` yields outcomes in the order of the
items while at most a bounded window of them is in flight, so memory stays flat however many files
there are.  Small runs — one item, or fewer than ``POOL_MIN_BYTES`` bytes in all — stay in-process:
starting a pool costs about as much as checking a few hundred kilobytes.

A worker that dies (killed, out of memory, a crash in C code) breaks the pool: the items that were
in flight are tried again, each alone in a fresh pool, so one poisonous file costs that file (one
error line from ``on_died``) and never the others.
"""
from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: Below this many input bytes in all a run stays in-process (the pool's fixed cost is not worth it).
POOL_MIN_BYTES = 1 << 20
#: A progress bar is shown (stderr a terminal) only for runs of at least this many documents.
PROGRESS_MIN_ITEMS = 50
#: Tasks in flight per worker: enough to keep every worker busy, few enough for flat memory.
WINDOW_PER_JOB = 4

_STATE: Any = None  # the worker's state, built by _init
_CONVENTIONS: Any = None


def default_jobs() -> int:
    """The machine's cores (the ones this process may run on, where the OS tells)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def jobs_option(text: str) -> int:
    """``--jobs`` value: a positive number of processes (argparse type; 1 = in-process)."""
    import argparse

    t = text.strip()
    if not t.isascii() or not t.isdigit() or int(t) <= 0:
        raise argparse.ArgumentTypeError(f"not a positive number of processes: {text!r} (e.g. 1, 2, 8)")
    return int(t)


def add_jobs_option(p) -> None:
    """``--jobs N`` on a command that checks or reads many articles."""
    p.add_argument("--jobs", "-j", type=jobs_option, default=None, metavar="N",
                   help=f"processes to check articles in (default: the machine's cores, here {default_jobs()}; "
                        "1 = in this process)")


def input_bytes(items: Iterable[str]) -> int:
    """Total size of the files named (stdin and unreadable names count as nothing)."""
    total = 0
    for p in items:
        if p == "-":
            continue
        try:
            total += os.stat(p).st_size
        except OSError:
            pass
    return total


def use_pool(items: list[str], jobs: int, min_bytes: int | None = None) -> bool:
    """Whether a pool pays for itself: more than one process asked, more than one file, enough bytes."""
    if jobs <= 1 or len(items) <= 1:
        return False
    floor = POOL_MIN_BYTES if min_bytes is None else min_bytes
    return floor <= 0 or input_bytes(items) >= floor


def _init(factory: Callable[..., Any], args: tuple, reader_options: dict, conventions, debug: bool,
          locale: str | None = None) -> None:
    """Worker initializer: the parent's reading options, conventions and forced locale, then the state, once."""
    global _STATE
    from checker import i18n, pipeline, precision, reader

    if locale is not None:
        i18n._forced.set(locale)  # the run's --locale, for the life of the worker
        i18n._active.set(locale)  # and its error lines (an unreadable file) in it, as in-process

    reader._OPTIONS.update(reader_options)
    pipeline.DEBUG = debug
    if conventions is not None:
        global _CONVENTIONS  # held, or collecting the context manager would restore the defaults
        _CONVENTIONS = precision.accepted_conventions(conventions)
        _CONVENTIONS.__enter__()  # for the life of the worker
    _STATE = factory(*args)


def _call(fn: Callable[[Any, Any], Any], item: Any) -> Any:
    return fn(item, _STATE)


def ordered_map(fn: Callable[[T, Any], R], items: list[T], factory: Callable[..., Any], args: tuple = (), *,
                jobs: int = 1, pool: bool | None = None, conventions=None,
                on_died: Callable[[T], R] | None = None, progress: bool | None = None) -> Iterator[R]:
    """``fn(item, state)`` for every item, yielded in input order.

    ``pool``: None decides by ``use_pool``; True/False force it (tests).  ``conventions``: the
    rounding conventions of the run, re-entered in each worker.  ``on_died(item)`` is the outcome of
    an item whose worker died twice (default: raise).  ``progress``: None shows a bar on a terminal
    for long runs (``PROGRESS_MIN_ITEMS``).  A stdin item ``"-"`` is always run in this process.
    """
    with _progress_bar(len(items), progress) as advance:
        if not (use_pool(items, jobs) if pool is None else pool and jobs > 1 and len(items) > 1):
            state = factory(*args)
            for item in items:
                yield fn(item, state)
                advance()
            return
        yield from _pooled(fn, items, factory, args, jobs, conventions, on_died, advance)


def _pooled(fn, items, factory, args, jobs, conventions, on_died, advance) -> Iterator:
    import multiprocessing

    from checker import pipeline, reader

    from checker.i18n import forced_locale

    initargs = (factory, args, dict(reader._OPTIONS), conventions, pipeline.DEBUG, forced_locale())
    context = multiprocessing.get_context("spawn")

    def new_pool(workers: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init, initargs=initargs)

    local_state: list = []  # built only if stdin is among the items

    def local(item):
        if not local_state:
            local_state.append(factory(*args))
        return fn(item, local_state[0])

    executor = new_pool(min(jobs, len(items)))
    window: deque[tuple[Any, Future | None]] = deque()
    pending = iter(items)
    try:
        while True:
            while len(window) < jobs * WINDOW_PER_JOB:
                item = next(pending, _END)
                if item is _END:
                    break
                window.append((item, None if item == "-" else executor.submit(_call, fn, item)))
            if not window:
                return
            item, future = window.popleft()
            if future is None:
                yield local(item)
            else:
                try:
                    outcome = future.result()
                except BrokenProcessPool:
                    executor.shutdown(wait=True, cancel_futures=True)
                    # the dead worker's item is among those in flight: each one alone, in a fresh pool
                    retry = [item] + [i for i, _ in window]
                    window.clear()
                    for again in retry:
                        if again == "-":
                            yield local(again)
                        else:
                            yield _alone(fn, again, new_pool, on_died)
                        advance()
                    executor = new_pool(min(jobs, len(items)))
                    continue
                yield outcome
            advance()
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


_END = object()


def _alone(fn, item, new_pool, on_died):
    """Run one item in a pool of its own: the outcome, or ``on_died(item)`` when its worker dies too."""
    with new_pool(1) as solo:
        try:
            return solo.submit(_call, fn, item).result()
        except BrokenProcessPool:
            if on_died is None:
                raise
            return on_died(item)


class _progress_bar:
    """A rich progress bar on stderr for long runs on a terminal; a no-op ``advance`` otherwise."""

    def __init__(self, total: int, show: bool | None) -> None:
        if show is None:
            show = total >= PROGRESS_MIN_ITEMS and sys.stderr is not None and sys.stderr.isatty()
        self.show, self.total, self.bar = show, total, None

    def __enter__(self) -> Callable[[], None]:
        if not self.show:
            return lambda: None
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

        self.bar = Progress("checking", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                            console=Console(file=sys.stderr), transient=True)
        self.bar.start()
        task = self.bar.add_task("checking", total=self.total)
        return lambda: self.bar.advance(task)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()
