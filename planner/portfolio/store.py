"""The project file: one human-readable JSON document (``*.liftoff``), loaded safely, saved atomically.

**Loading** treats the file as untrusted. Every problem becomes a `ProjectFileError` whose one-line
message names the file, the place and the problem: ``demo.liftoff: not valid JSON: Expecting ','
delimiter at line 12, column 5``; ``demo.liftoff: pilots[3].ratings.mlops.score: Input should be less
than or equal to 5``; ``demo.liftoff: written by a newer Liftoff (schema 3); this version reads up to 1 —
update Liftoff``. Files over `MAX_FILE_BYTES`, empty files, non-UTF-8 bytes and a top level that is not
an object are refused the same way. Older schema versions are upgraded by
``planner.portfolio.migrations`` before validation. No pickle, no eval: JSON only.

**The method is consulted on load for one thing only**: weight overrides that weight every criterion
of a dimension 0 (or every dimension 0) are refused, naming the field path and the dimension, because
no score could be computed from them (``planner.method.weight_problems``). Otherwise ratings or gate
ticks keyed by ids the scoring method does not know are kept (a file written with another version of
a method must still open, and nothing is silently dropped); scoring ignores them. `validate` lists
them as warnings, each naming its path. A method this installation lacks is not an error here.

**Saving** writes a temporary file beside the target, flushes and fsyncs it, keeps the previous file as
``<name>.bak`` (e.g. ``demo.liftoff.bak``) and moves the new file into place with ``os.replace``
(retried a few times: on Windows another program may hold the file briefly), then fsyncs the folder
where the platform allows. A failed save leaves the previous file untouched.

**Output is stable**: indent 2, UTF-8, and every map written in sorted key order, so the same
portfolio gives the same bytes and files diff cleanly.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import re
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from planner.atomic import publish, replace
from planner.errors import LiftoffError, format_validation_error, safe_text
from planner.method import Method, MethodError, load_method, weight_problems
from planner.model import SCHEMA_VERSION, Pilot, Portfolio, reference_problems
from planner.portfolio.migrations import MigrationError, document_version, migrate
from planner.portfolio.sniff import file_kind

MAX_FILE_BYTES = 200 * 1024 * 1024
SUFFIX = ".liftoff"

PathLike = str | os.PathLike[str]
_CURRENT_HEADER = re.compile(rf'\s*\{{\s*"schema_version"\s*:\s*{SCHEMA_VERSION}\s*[,}}]')
_CURRENT_HEADER_BYTES = re.compile(_CURRENT_HEADER.pattern.encode("ascii"))


class ProjectFileError(LiftoffError):
    """A project file that cannot be read or written; the message names the file and the place."""


def _one_line(text: str) -> str:
    return safe_text(" ".join(text.split()) if any(c in text for c in "\r\n\t\x0b\x0c") else text)


def _fail(source: str, problem: str) -> ProjectFileError:
    return ProjectFileError(_one_line(f"{source}: {problem}"))


def _json_type(value: Any) -> str:
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "text"
    if value is None:
        return "null"
    return "true/false" if isinstance(value, bool) else "a number"


def _decode(data: bytes, source: str) -> str:
    if len(data) > MAX_FILE_BYTES:
        raise _fail(source, f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB, the most Liftoff opens")
    kind = file_kind(data)
    if kind is not None:
        raise _fail(source, f"this is {kind}, not a Liftoff project (a *.liftoff file of JSON text)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise _fail(
            source, f"not UTF-8 text: byte 0x{data[exc.start]:02x} at line {line}, column {column}"
        ) from None
    return text


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a large tree of objects is built.

    Building a portfolio creates hundreds of thousands of objects and none of them is garbage, yet each
    batch triggers a collection that walks the whole growing heap: with 10,000 pilots that tripled the
    load time. Pausing it only delays collection; the previous setting is restored.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def loads(text: str | bytes, source: str = "project") -> Portfolio:
    """The portfolio in a project document; `source` names it in errors (usually the file path).

    Guarantees: returns a fully validated, current-schema `Portfolio`, or raises `ProjectFileError`
    with a one-line message naming `source`, the JSON path or line/column, and the problem.
    """
    with _collector_paused():
        portfolio = _loads(text, source)
    _check_weights(portfolio, source)
    return portfolio


def _check_weights(portfolio: Portfolio, source: str) -> None:
    """ProjectFileError when the weight overrides leave a dimension or the composite uncomputable."""
    try:
        method = load_method(portfolio.method.id)
    except MethodError:
        return  # `validate` and the app report a missing method in their own words
    problems = weight_problems(method, portfolio.method)
    if problems:
        raise _fail(source, "; ".join(problems))


def _loads(text: str | bytes, source: str) -> Portfolio:
    if isinstance(text, bytes | bytearray) and _CURRENT_HEADER_BYTES.match(text, 0, 200):
        # the fast path straight from the file's bytes: no decoded copy of a large file in memory
        if len(text) > MAX_FILE_BYTES:
            raise _fail(source, f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB, the most Liftoff opens")
        fast = _strict(bytes(text))
        if fast is not None:
            return fast
    if isinstance(text, bytes | bytearray):
        text = _decode(bytes(text), source)
    elif len(text) > MAX_FILE_BYTES:
        raise _fail(source, f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB, the most Liftoff opens")
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise _fail(source, "the file is empty")
    # Fast path for a good file that opens with the current schema_version, as `dumps` writes it:
    # pydantic parses and validates in one strict pass (no type coercion to try, so it is quicker).
    # Anything else (another version, a hand-edited layout or type, any problem) takes the careful,
    # lenient path below, which checks the version and locates errors.
    if _CURRENT_HEADER.match(text, 0, 200):
        fast = _strict(text)
        if fast is not None:
            return fast
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _fail(source, f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    except RecursionError:
        raise _fail(source, "not a project file: the JSON is nested too deeply") from None
    except ValueError as exc:  # an integer with thousands of digits
        problem = "a number with more digits than Liftoff reads" if "digits" in str(exc) else str(exc)
        raise _fail(source, f"not valid JSON: {problem}") from None
    return _from_document(doc, source)


def _strict(text: str | bytes) -> Portfolio | None:
    """The portfolio when the document is exactly as `dumps` writes it; None to take the careful path."""
    try:
        portfolio = Portfolio.model_validate_json(text, strict=True)
    except (ValidationError, RecursionError):
        return None
    return portfolio if portfolio.schema_version == SCHEMA_VERSION else None


def _from_document(doc: Any, source: str) -> Portfolio:
    if not isinstance(doc, dict):
        raise _fail(source, f"a project file holds one JSON object at the top level, found {_json_type(doc)}")
    try:
        version = document_version(doc)
    except MigrationError as exc:
        raise _fail(source, str(exc)) from None
    if version > SCHEMA_VERSION:
        raise _fail(
            source,
            f"written by a newer Liftoff (schema {version}); this version reads up to {SCHEMA_VERSION} "
            "— update Liftoff",
        )
    upgraded = ""
    if version < SCHEMA_VERSION:
        upgraded = f" (upgraded from schema {version})"
        try:
            doc = migrate(doc, version)
        except MigrationError as exc:
            raise _fail(source, str(exc)) from None
        except RecursionError:
            raise _fail(source, "not a project file: the JSON is nested too deeply") from None
    try:
        return Portfolio.model_validate(doc)
    except ValidationError as exc:
        raise _fail(source + upgraded, format_validation_error(exc)) from None
    except RecursionError:
        raise _fail(source, "not a project file: the JSON is nested too deeply") from None


def read_bytes(path: PathLike) -> bytes:
    """The file's bytes, at most `MAX_FILE_BYTES`; ProjectFileError naming the path otherwise."""
    source = os.fspath(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise _fail(source, "no such file") from None
    except IsADirectoryError:
        raise _fail(source, "is a folder, not a project file") from None
    except OSError as exc:
        raise _fail(source, f"cannot read ({exc.strerror or exc})") from None
    if len(data) > MAX_FILE_BYTES:
        raise _fail(source, f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB, the most Liftoff opens")
    return data


def load(path: PathLike) -> Portfolio:
    """The portfolio saved at `path` (see `loads` for what is guaranteed)."""
    return loads(read_bytes(path), os.fspath(path))


def _sorted(mapping: dict[Any, Any]) -> dict[Any, Any]:
    keys = list(mapping)
    return mapping if keys == sorted(keys) else dict(sorted(mapping.items()))


def canonical(portfolio: Portfolio) -> Portfolio:
    """The same portfolio with every map in sorted key order (shallow copies; the input is not changed)."""
    pilots: list[Pilot] | None = None
    for i, pilot in enumerate(portfolio.pilots):
        ratings, gates = _sorted(pilot.ratings), _sorted(pilot.gates)
        if any(r.raters for r in ratings.values()):
            by_rater = {c: _sorted(r.raters) for c, r in ratings.items()}
            if any(by_rater[c] is not r.raters for c, r in ratings.items()):
                ratings = {c: r.model_copy(update={"raters": by_rater[c]}) for c, r in ratings.items()}
        if ratings is not pilot.ratings or gates is not pilot.gates:
            if pilots is None:
                pilots = list(portfolio.pilots)
            pilots[i] = pilot.model_copy(update={"ratings": ratings, "gates": gates})
    update: dict[str, Any] = {} if pilots is None else {"pilots": pilots}
    maps = ("weights", "dimension_weights", "thresholds")
    method = portfolio.method
    weight_sets = [
        ws.model_copy(update={k: _sorted(getattr(ws, k)) for k in maps}) for ws in method.weight_sets
    ]
    update["method"] = method.model_copy(
        update={k: _sorted(getattr(method, k)) for k in maps} | {"weight_sets": weight_sets}
    )
    update["scenarios"] = [
        s.model_copy(update={"forced_in": _sorted(s.forced_in), "forced_out": _sorted(s.forced_out)})
        for s in portfolio.scenarios
    ]
    update["workshop"] = portfolio.workshop.model_copy(
        update={
            "rounds": [
                rnd.model_copy(
                    update={
                        "ratings": {
                            p: {c: _sorted(by_rater) for c, by_rater in sorted(by_crit.items())}
                            for p, by_crit in sorted(rnd.ratings.items())
                        }
                    }
                )
                for rnd in portfolio.workshop.rounds
            ]
        }
    )
    plan = portfolio.plan
    update["plan"] = plan.model_copy(
        update={"session_capacity": dict(sorted(plan.session_capacity.items(), key=lambda kv: kv[0].value))}
    )
    return portfolio.model_copy(update=update)


def dumps(portfolio: Portfolio) -> str:
    """The project document: JSON, indent 2, non-ASCII kept as is, maps sorted, ending in a newline.

    Raises ProjectFileError when the portfolio's references are broken (such a file would not load).
    """
    problems = reference_problems(portfolio)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise ProjectFileError(_one_line(f"cannot save: {problems[0]}{more}"))
    with _collector_paused():
        return canonical(portfolio).model_dump_json(indent=2) + "\n"


def backup_path(path: PathLike) -> Path:
    """Where `save` keeps the previous version of `path`: the same name with ``.bak`` appended."""
    target = Path(path)
    return target.with_name(target.name + ".bak")


def _fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable where the platform allows opening folders (not Windows)."""
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    try:
        fd = os.open(folder, flags)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def dated_backup(path: PathLike) -> Path:
    """Keep a copy of the project at `path` as ``NAME.YYYYMMDD-HHMMSS.bak`` beside it; that path.

    For writes that replace a project with other data (``liftoff import --replace``): the one
    ``.bak`` that every save rotates would be gone after the next save.
    """
    target = Path(os.path.realpath(path))
    stamp = time.strftime("%Y%m%d-%H%M%S")
    backup = target.with_name(f"{target.name}.{stamp}.bak")
    try:
        _keep_backup(target, target.parent, backup)
    except OSError as exc:
        raise _fail(
            os.fspath(path), f"cannot keep a backup ({exc.strerror or exc}); nothing written"
        ) from None
    return backup


def _keep_backup(target: Path, folder: Path, backup: Path | None = None) -> None:
    """Leave the current file's bytes at `backup` (the usual backup path by default), replaced atomically."""
    backup = backup or backup_path(target)
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".bak.tmp", dir=folder)
    os.close(fd)
    try:
        os.unlink(temp)
        try:
            os.link(target, temp)  # the old file itself becomes the backup: no copy, no extra write
        except OSError:
            with open(target, "rb") as old, open(temp, "wb") as new:
                while chunk := old.read(1 << 20):
                    new.write(chunk)
                new.flush()
                os.fsync(new.fileno())
        replace(temp, backup)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)


def save(portfolio: Portfolio, path: PathLike, *, backup: bool = True) -> Path:
    """Write `portfolio` to `path` atomically and return the path written (symlinks resolved).

    Guarantees: after a successful return the file holds exactly ``dumps(portfolio)`` and, when
    `backup` is true and a file existed, its previous contents are at ``backup_path(path)``. If anything
    fails, a ProjectFileError names the path and the reason and the previous file is unchanged.
    """
    text = dumps(portfolio)
    data = text.encode("utf-8")
    target = Path(os.path.realpath(path))
    folder = target.parent
    source = os.fspath(path)
    if len(data) > MAX_FILE_BYTES:
        mb = MAX_FILE_BYTES // (1024 * 1024)
        raise _fail(source, f"cannot save: the project would be over {mb} MB, more than Liftoff opens")
    if target.is_dir():
        raise _fail(source, "is a folder; choose a file name")
    if not folder.is_dir():
        raise _fail(source, f"cannot save: the folder {os.fspath(folder)} does not exist")
    temp: str | None = None
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if backup and target.exists():
            _keep_backup(target, folder)
        publish(temp, target)
        temp = None
    except OSError as exc:
        raise _fail(source, f"cannot save ({exc.strerror or exc}); the previous file is unchanged") from None
    finally:
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)
    _fsync_dir(folder)
    return target


def method_warnings(portfolio: Portfolio, method: Method) -> list[str]:
    """Entries the method does not know, each with its path; scoring ignores them.

    Covers ratings and gate ticks keyed by unknown criterion or gate ids, typed ratings of derived
    criteria (computed from data instead), and weight or threshold overrides with unknown keys.
    """
    criteria = {c.id: c for c in method.criteria}
    gates = {g.id for g in method.gates}
    dimensions = {d.id for d in method.dimensions}
    thresholds = set(method.thresholds)
    name = f"method {method.id!r}"
    warnings: list[str] = []
    for i, pilot in enumerate(portfolio.pilots):
        for key in pilot.ratings:
            crit = criteria.get(key)
            if crit is None:
                warnings.append(f"pilots[{i}].ratings.{key}: {name} has no criterion {key!r}; ignored")
            elif crit.derived is not None:
                warnings.append(
                    f"pilots[{i}].ratings.{key}: {crit.name!r} is derived ({crit.derived.value}); "
                    "the typed rating is ignored"
                )
        for key in pilot.gates:
            if key not in gates:
                warnings.append(f"pilots[{i}].gates.{key}: {name} has no gate check {key!r}; ignored")

    def overrides(
        base: str, weights: dict[str, float], dims: dict[str, float], limits: dict[str, float]
    ) -> None:
        for key in weights:
            if key not in criteria:
                warnings.append(f"{base}.weights.{key}: {name} has no criterion {key!r}; ignored")
        for key in dims:
            if key not in dimensions:
                warnings.append(f"{base}.dimension_weights.{key}: {name} has no dimension {key!r}; ignored")
        for key in limits:
            if key not in thresholds:
                warnings.append(f"{base}.thresholds.{key}: {name} has no threshold {key!r}; ignored")

    choice = portfolio.method
    overrides("method", choice.weights, choice.dimension_weights, choice.thresholds)
    for k, ws in enumerate(choice.weight_sets):
        overrides(f"method.weight_sets[{k}]", ws.weights, ws.dimension_weights, ws.thresholds)
    return warnings


def load_with_method(path: PathLike) -> tuple[Portfolio, Method]:
    """The portfolio at `path` and the scoring method it names; ProjectFileError naming the file
    when either cannot be had. Every command that scores a file reads it through here, so a file
    one command refuses, all refuse, in the same words."""
    portfolio = load(path)
    try:
        method = load_method(portfolio.method.id)
    except MethodError as exc:
        raise _fail(os.fspath(path), f"method.id: {exc}") from None
    return portfolio, method


def validate(path: PathLike) -> list[str]:
    """Warnings about a project file that loads and can be scored; raises ProjectFileError (naming
    the file) when it cannot, exactly as `load_with_method` does. Each warning is one line starting
    with the JSON path."""
    portfolio, method = load_with_method(path)
    return method_warnings(portfolio, method)
