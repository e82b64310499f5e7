"""Turn pydantic's validation errors into sentences an editor can act on."""

from __future__ import annotations

import datetime as dt
import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel

Loc = tuple[str | int, ...]


def describe(value: object) -> str:
    """Name a YAML value's type the way an editor sees it."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"the true/false value {str(value).lower()}"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    return f"the text '{value}'"


def explain(model: type[BaseModel], detail: Any, loc: Loc) -> tuple[str, str]:
    """Message and fix for one pydantic error at `loc` inside `model`."""
    kind = detail["type"]
    value = detail.get("input")
    ctx = detail.get("ctx") or {}
    handler = _HANDLERS.get(kind)
    if handler is not None:
        message, hint = handler(model, loc, value, ctx)
        return str(message), str(hint)
    if kind.endswith("_type") or kind.endswith("_parsing"):
        return _wrong_type(kind, value)
    return str(detail["msg"]), "correct the value"


def _missing(model: type[BaseModel], loc: Loc, value: Any, ctx: Any) -> tuple[str, str]:
    return (f"required field '{loc[-1]}' is missing",
            f"add '{loc[-1]}:' with a value here (see the starter files of `playbook new`)")


def _extra(model: type[BaseModel], loc: Loc, value: Any, ctx: Any) -> tuple[str, str]:
    allowed = allowed_fields(model, loc[:-1])
    name = str(loc[-1])
    close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
    if close:
        return f"unknown field '{name}'", f"did you mean '{close[0]}'?"
    listed = ", ".join(allowed) if allowed else "none"
    return f"unknown field '{name}'", f"remove it, or use one of: {listed}"


def _wrong_type(kind: str, value: Any) -> tuple[str, str]:
    expected = {
        "string": "text", "int": "a whole number", "float": "a number", "bool": "true or false",
        "date": "a date written YYYY-MM-DD", "list": "a list ('- ' items)", "tuple": "a list ('- ' items)",
        "dict": "a group of 'key: value' fields", "model": "a group of 'key: value' fields",
    }
    name = kind.removesuffix("_type").removesuffix("_parsing").split("_from_")[0]
    want = expected.get(name, name)
    hint = f"write {want} here"
    if name == "string" and not isinstance(value, str):
        hint = "put the value in double quotes so it is read as text"
    elif name == "int" and isinstance(value, str) and value.strip("% ").isdigit():
        hint = f"write the number alone ({value.strip('% ')}), without units or quotes"
    elif name == "int" and isinstance(value, float):
        hint = "write a whole number, without decimals"
    return f"expected {want}, got {describe(value)}", hint


def _bound(word: str, key: str) -> Any:
    def handler(model: type[BaseModel], loc: Loc, value: Any, ctx: Any) -> tuple[str, str]:
        limit = ctx.get(key)
        unit = " (percent of time)" if str(loc[-1]) in _PERCENT_FIELDS else ""
        return (f"{value} is {word} {limit}{unit}",
                f"use a value {'at most' if word.startswith('above') else 'at least'} {limit}")
    return handler


def _literal(model: type[BaseModel], loc: Loc, value: Any, ctx: Any) -> tuple[str, str]:
    expected = str(ctx.get("expected", "")).replace("'", "")
    return f"{describe(value)} is not allowed here", f"use one of: {expected}"


def _pattern(model: type[BaseModel], loc: Loc, value: Any, ctx: Any) -> tuple[str, str]:
    return (f"'{value}' is not a valid id",
            "use lowercase letters, digits and single hyphens, e.g. 'revenue-cycle'")


def _too_short(model: type[BaseModel], loc: Loc, value: Any, ctx: Any) -> tuple[str, str]:
    if isinstance(value, str):
        return "this text is empty", "write the text, or remove the field if it is optional"
    return "this list is empty", "add at least one item"


_PERCENT_FIELDS = {"allocation", "min", "max", "minimum", "coverage_percent"}

_HANDLERS: dict[str, Any] = {
    "missing": _missing,
    "extra_forbidden": _extra,
    "less_than_equal": _bound("above the maximum of", "le"),
    "less_than": _bound("above the limit of", "lt"),
    "greater_than_equal": _bound("below the minimum of", "ge"),
    "greater_than": _bound("below the limit of", "gt"),
    "literal_error": _literal,
    "string_pattern_mismatch": _pattern,
    "string_too_short": _too_short,
    "too_short": _too_short,
}


def allowed_fields(model: type[BaseModel], loc: Loc) -> list[str]:
    """Field names the model accepts at `loc` (walking through lists and optionals)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        info = current.model_fields.get(str(part))
        if info is None:
            return []
        current = _inner_model(info.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _inner_model(annotation: Any) -> Any:
    origin = typing.get_origin(annotation)
    if origin is None:
        return annotation
    if origin is typing.Annotated:
        return _inner_model(typing.get_args(annotation)[0])
    if origin in (tuple, list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _inner_model(arg)
            if isinstance(found, type) and issubclass(found, BaseModel):
                return found
    return annotation
