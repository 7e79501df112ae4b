"""Method files: reading a method from any path or from the shipped ones, and writing one.

`parse_method` and `load_method_file` treat a method file as untrusted: at most `MAX_METHOD_BYTES`,
JSON only, validated whole (``planner.method_schema``); a `MethodError` names the file and the JSON
path of each problem on one line. `load_method` reads a method shipped in ``templates/methods/`` by
id (cached: a method is read-only once loaded); `method_json` is what ``liftoff method export``
writes, and reading it back gives the same method.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from pydantic import ValidationError

from planner.errors import LiftoffError, format_validation_error
from planner.method_schema import DEFAULT_METHOD, MAX_METHOD_BYTES, Method
from planner.resources import templates_dir


class MethodError(LiftoffError):
    """A method file that cannot be used; the message names the file and the place."""


def parse_method(text: str | bytes, source: str = "method") -> Method:
    """Validate a method document; MethodError names `source` and the JSON path of each problem."""
    if len(text) > MAX_METHOD_BYTES:
        mb = MAX_METHOD_BYTES // (1024 * 1024)
        raise MethodError(f"{source}: larger than {mb} MB, more than a method holds")
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise MethodError(f"{source}: not valid JSON ({exc})") from None
    except RecursionError:
        raise MethodError(f"{source}: not a method file: the JSON is nested too deeply") from None
    except ValueError as exc:  # an integer with thousands of digits
        raise MethodError(f"{source}: not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise MethodError(f"{source}: not a method file: it holds no JSON object")
    try:
        return Method.model_validate(data)
    except ValidationError as exc:
        raise MethodError(" ".join(f"{source}: {format_validation_error(exc)}".split())) from None


def method_json(method: Method) -> str:
    """The method as a method file: JSON, indent 2, anchors keyed "0" … "5", fields at their default left out.

    ``parse_method(method_json(m)) == m`` for every valid method."""
    return method.model_dump_json(indent=2, exclude_defaults=True, by_alias=True) + "\n"


def available_methods() -> list[str]:
    """Ids of the methods shipped in templates/methods."""
    return sorted(p.stem for p in (templates_dir() / "methods").glob("*.json"))


_cache: dict[str, Method] = {}
_METHOD_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}")


def load_method(method_id: str = DEFAULT_METHOD) -> Method:
    """The shipped method with this id (cached: methods are read-only once loaded)."""
    if method_id not in _cache:
        path = templates_dir() / "methods" / f"{method_id}.json"
        # an id is a plain name: "../x" or "/tmp/x" must not reach a file outside the methods folder
        if not _METHOD_ID.fullmatch(method_id) or not path.is_file():
            known = ", ".join(available_methods()) or "none"
            raise MethodError(f"unknown scoring method {method_id!r} (available: {known})")
        _cache[method_id] = load_method_file(path)
    return _cache[method_id]


def installed_method(method_id: str) -> Method | None:
    """The shipped method with this id, or None when this installation has none by that id."""
    try:
        return load_method(method_id)
    except (MethodError, FileNotFoundError):
        return None


def load_method_file(path: Path) -> Method:
    """The method in the file at `path`, from any folder; MethodError names the path and the place."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_METHOD_BYTES + 1)
    except IsADirectoryError:
        raise MethodError(f"{path}: is a folder, not a method file") from None
    except OSError as exc:
        raise MethodError(f"{path}: cannot read ({exc.strerror or exc})") from None
    return parse_method(data, str(path))
