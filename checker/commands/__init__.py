"""Sub-commands beyond `extract`, one module each; every module has ``register(subparsers)``."""
from __future__ import annotations

import importlib

COMMAND_MODULES = ("checker.commands.check", "checker.commands.rules", "checker.commands.review",
                   "checker.commands.baseline", "checker.commands.suppressions", "checker.commands.claims",
                   "checker.commands.batch")


def register_all(subparsers) -> None:
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
