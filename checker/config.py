"""Project configuration: ``[tool.checker]`` in pyproject.toml, or a ``.checker.toml`` file.

The nearest directory, from the current one up to the filesystem root, that holds a
``.checker.toml`` or a ``pyproject.toml`` with a ``[tool.checker]`` table gives the configuration
(``.checker.toml`` wins when a directory has both; it holds the keys at top level, or under
``[tool.checker]``).  Relative paths in it are relative to its directory, which is also the root
that include/exclude globs are matched from.  Command-line options override it.

Keys (every one optional; any other key is an error that names it):

    fail_on    = "error" | "warning" | "never"
    enable     = ["rate", "sum"]          # only these rules (default: all)
    disable    = ["elapsed"]              # never these
    rule_packs = ["rules-local"]          # extra rule pack directories, like --rules
    include    = ["docs/**/*.md"]         # which files are articles (globs, see checker.globs)
    exclude    = ["drafts/**"]
    rounding   = ["round_half_up", "truncation"]   # accepted conventions (default: the two roundings)
    baseline   = ".checker-baseline.json"          # baseline file (default: this name, if present)
    lang       = "zh" | "en"              # read every article as this language (default: detect; --lang wins)
    locale     = "zh" | "en"              # language of the findings (default: each article's; --locale wins)
"""
from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path

from checker.i18n import _


KEYS = ("fail_on", "enable", "disable", "rule_packs", "include", "exclude", "rounding", "baseline", "lang", "locale")
LANGUAGES = ("zh", "en")
FAIL_ON = ("error", "warning", "never")
ROUNDING = ("round_half_up", "round_half_even", "truncation")
CONFIG_FILE = ".checker.toml"


class ConfigError(ValueError):
    """A configuration file that cannot be used: one line naming the file, the key and the problem."""


MAX_CONFIG_BYTES = 1024 * 1024  # a configuration file is a few lines; pyproject.toml a few KB


def load_toml(path: Path, error: type[Exception] = ConfigError) -> dict:
    """A configuration TOML file, or ``error`` in one line naming the file and the reason: not
    found or unreadable, too large, not UTF-8, nested too deeply or not valid TOML.  A UTF-8 BOM
    (which Windows editors add) is accepted."""
    import tomllib

    from checker.diagnostic import cause
    from checker.report.sanitize import visible

    name = visible(str(path))
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_CONFIG_BYTES + 1)
    except OSError as exc:
        raise error(_("{name}: cannot read ({cause})").format(name=name, cause=cause(exc))) from None
    if len(raw) > MAX_CONFIG_BYTES:
        raise error(_("{name}: too large for a configuration file (limit {limit} bytes)").format(
            name=name, limit=MAX_CONFIG_BYTES))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise error(_("{name}:{line}: not valid TOML: not UTF-8 (byte {byte})").format(
            name=name, line=line, byte=exc.start)) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise error(_("{name}: not valid TOML: {cause}").format(name=name, cause=cause(exc))) from None
    except RecursionError:
        raise error(_("{name}: not valid TOML: arrays or tables nested too deeply").format(name=name)) from None


@dataclass(slots=True)
class Config:
    path: Path | None = None  # the file read, None when there is none
    root: Path = field(default_factory=Path.cwd)
    fail_on: str | None = None
    enable: tuple[str, ...] | None = None
    disable: tuple[str, ...] = ()
    rule_packs: tuple[str, ...] = ()
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    rounding: tuple[str, ...] | None = None
    baseline: str | None = None
    lang: str | None = None
    locale: str | None = None


def find_config(start: Path | None = None) -> tuple[Path, object, bool] | None:
    """The nearest configuration file from ``start`` (default: cwd) upwards: (file, its checker
    table, whether the table is ``[tool.checker]``)."""
    here = (start or Path.cwd()).resolve()
    for d in (here, *here.parents):
        dotfile = d / CONFIG_FILE
        if dotfile.is_file():
            return _table(dotfile, load_toml(dotfile, ConfigError))
        pyproject = d / "pyproject.toml"
        if pyproject.is_file():
            data = load_toml(pyproject, ConfigError)
            tool = data.get("tool")
            if isinstance(tool, dict) and "checker" in tool:
                return pyproject, tool["checker"], True
    return None


def _table(path: Path, data: dict) -> tuple[Path, object, bool]:
    """A .checker.toml holds the keys at top level or, like pyproject.toml, under [tool.checker]."""
    tool = data.get("tool")
    if isinstance(tool, dict) and "checker" in tool and (set(data) == {"tool"} or path.name == "pyproject.toml"):
        return path, tool["checker"], True
    if path.name == "pyproject.toml":
        return path, {}, True
    return path, data, False


def load_config(start: Path | None = None, explicit: str | None = None) -> Config:
    """The configuration in force (an empty Config when no file is found).

    ``explicit`` names a file to use instead of searching (``--config FILE``).
    """
    if explicit is not None:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError(_("{name}: configuration file not found").format(name=explicit))
        found = _table(path, load_toml(path, ConfigError))
    else:
        found = find_config(start)
    if found is None:
        return Config(root=(start or Path.cwd()).resolve())
    path, table, section = found
    return _parse(table, path, f"{path} [tool.checker]" if section else str(path))


def _known_values(key: str, where: str, allowed: tuple[str, ...], value: object) -> ConfigError:
    return ConfigError(_("{where}: {key} must be one of {allowed}, not {value}").format(
        where=where, key=key, allowed=", ".join(allowed), value=repr(value)))


def _parse(table: object, path: Path, where: str) -> Config:
    if not isinstance(table, dict):
        raise ConfigError(_("{where}: must be a table of keys").format(where=where))
    base = path.resolve().parent
    cfg = Config(path=path, root=base)
    for key, value in table.items():
        if key not in KEYS:
            close = difflib.get_close_matches(key.replace("-", "_"), KEYS, n=1)
            hint = (_("; did you mean {key}?").format(key=repr(close[0])) if close
                    else _(" (known keys: {keys})").format(keys=", ".join(KEYS)))
            raise ConfigError(_("{where}: unknown key {key}{hint}").format(where=where, key=repr(key), hint=hint))
        if key == "fail_on":
            if value not in FAIL_ON:
                raise _known_values(key, where, FAIL_ON, value)
            cfg.fail_on = value
        elif key in ("enable", "disable", "include", "exclude"):
            items = _strings(value, key, where)
            if key in ("include", "exclude"):
                from checker.globs import check_pattern

                for pattern in items:
                    check_pattern(pattern, f"{where}: {key}")
            if key == "enable":
                cfg.enable = items
            else:
                setattr(cfg, key, items)
        elif key == "rule_packs":
            cfg.rule_packs = tuple(str((base / p)) if not os.path.isabs(p) else p
                                   for p in _strings(value, key, where))
        elif key == "rounding":
            items = _strings(value, key, where)
            bad = [r for r in items if r not in ROUNDING]
            if bad or not items:
                raise ConfigError(_("{where}: rounding must list some of {allowed}").format(
                    where=where, allowed=", ".join(ROUNDING))
                    + (_(", not {value}").format(value=repr(bad[0])) if bad else ""))
            cfg.rounding = items
        elif key == "lang":
            if value not in LANGUAGES:
                raise _known_values(key, where, LANGUAGES, value)
            cfg.lang = value
        elif key == "locale":
            if value not in LANGUAGES:
                raise _known_values(key, where, LANGUAGES, value)
            cfg.locale = value
        elif key == "baseline":
            if not isinstance(value, str) or not value:
                raise ConfigError(_("{where}: baseline must be a file name").format(where=where))
            cfg.baseline = str(base / value) if not os.path.isabs(value) else value
    return cfg


def _strings(value: object, key: str, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(_("{where}: {key} must be a list of strings").format(where=where, key=key))
    return tuple(value)


def split_codes(values: list[str] | None) -> tuple[str, ...] | None:
    """``--enable rate,sum --enable bound`` → ("rate", "sum", "bound"); None when not given."""
    if values is None:
        return None
    return tuple(code.strip() for v in values for code in v.split(",") if code.strip())
