"""checker: fact-check the statistical claims of articles (Chinese first, English second).

Pipeline: read → normalize → extract (mentions) → assemble claims → evaluate rules → report/review.

The public Python API is what ``__all__`` lists (implemented in ``checker.api``)::

    import checker
    result = checker.check_text("受理100起，办结90起，办结率95%。")
    [f.message for f in result.failing]

Everything else is internal.  The API is loaded on first use (PEP 562 ``__getattr__``), so
``import checker`` (and every command, which imports ``__version__``) stays as fast as before.
"""
__version__ = "0.1.0"

__all__ = ["__version__", "check_text", "check_paths", "extract_text", "findings_frame",
           "DocumentReport", "Finding", "Number", "Mention", "Results"]

_API = frozenset(__all__) - {"__version__"}


def __getattr__(name: str):
    if name in _API:
        from checker import api

        return getattr(api, name)
    raise AttributeError(f"module 'checker' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | _API)
