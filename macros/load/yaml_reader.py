"""Read YAML without PyYAML's silent surprises, keeping the line of every value.

PyYAML keeps the last of two duplicate keys and reads `no`, `on`, `0123` and `1:30`
as booleans and numbers. Editors lose content that way, so this reader refuses them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

Path = tuple[str | int, ...]

class _PlainLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's parser (much faster than PyYAML's), tagging every scalar as text.

    PyYAML's resolver would guess YAML 1.1 types; `_plain_scalar` decides types itself, so
    guessing here only costs time.
    """

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is ScalarNode:
            return "tag:yaml.org,2002:str"
        return str(super().resolve(kind, value, implicit))


_LOADER: Any = _PlainLoader
_BOOL_TRUE = {"true", "True", "TRUE"}
_BOOL_FALSE = {"false", "False", "FALSE"}
_NULL = {"", "~", "null", "Null", "NULL"}
# Words YAML 1.1 reads as booleans; we ask the editor to say what they mean.
_YAML11_BOOLS = {
    w for base in ("yes", "no", "on", "off", "y", "n") for w in (base, base.title(), base.upper())
}
_SPECIAL_WORDS = _BOOL_TRUE | _BOOL_FALSE | _NULL | _YAML11_BOOLS
_INT = re.compile(r"^[-+]?(0|[1-9][0-9_]*)$")
_LEADING_ZERO = re.compile(r"^[-+]?0[0-9_]+$")
_FLOAT = re.compile(r"^[-+]?([0-9][0-9_]*)?\.[0-9_]+([eE][-+]?[0-9]+)?$|^[-+]?[0-9]+[eE][-+]?[0-9]+$")
_SEXAGESIMAL = re.compile(r"^[-+]?[0-9]+(:[0-5]?[0-9])+(\.[0-9_]*)?$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_TIMESTAMP = re.compile(r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ]|\s+)[0-9]")


@dataclass(frozen=True)
class YamlProblem:
    """A problem found while reading a YAML file, before any model sees it."""

    line: int | None
    path: Path
    message: str
    hint: str


@dataclass
class YamlDocument:
    """Plain Python data read from one file, with the line each value started on."""

    data: Any
    problems: list[YamlProblem] = field(default_factory=list)
    text: str = ""
    _lines: dict[Path, int] | None = None

    @property
    def lines(self) -> dict[Path, int]:
        """Field path → line; worked out on first use (by reading again), as valid files never need it."""
        if self._lines is None:
            self._lines = {}
            root = yaml.compose(self.text, Loader=_LOADER)
            if root is not None:
                _build(root, (), YamlDocument(None, _lines=self._lines))
        return self._lines

    def line_of(self, path: Path) -> int | None:
        """Line of the value at `path`, or of its nearest enclosing value."""
        lines = self.lines
        for end in range(len(path), -1, -1):
            line = lines.get(tuple(path[:end]))
            if line is not None:
                return line
        return None


class _NeedsDetailError(Exception):
    """The quick reading met something to report; read again, keeping paths and lines."""


def read_yaml(text: str) -> YamlDocument:
    """Parse one YAML document into plain data plus line numbers and problems."""
    doc = YamlDocument(data=None, _lines={})
    try:
        nodes = list(yaml.compose_all(text, Loader=_LOADER))
    except yaml.MarkedYAMLError as err:
        doc.problems.append(_syntax_problem(err, text))
        return doc
    if not nodes:
        doc.problems.append(
            YamlProblem(1, (), "the file is empty", "add the data this file should hold")
        )
        return doc
    if len(nodes) > 1:
        line = nodes[1].start_mark.line + 1
        doc.problems.append(
            YamlProblem(line, (), "the file holds more than one YAML document (a second '---')",
                        "remove the extra '---' line or move the rest into its own file")
        )
    doc.text = text
    try:
        doc.data = _quick(nodes[0])
        doc._lines = None
    except _NeedsDetailError:
        doc._lines = {}
        doc.data = _build(nodes[0], (), doc)
    return doc


def _quick(node: Node) -> Any:
    """Plain data without paths or lines: the fast way through a file with nothing to report."""
    if isinstance(node, ScalarNode):
        value = str(node.value)
        if node.style or node.tag != "tag:yaml.org,2002:str" or (
                value[:1].isalpha() and value not in _SPECIAL_WORDS):
            return value
        probe = YamlDocument(None, _lines={})
        scalar = _plain_scalar(value, 0, (), probe)
        if probe.problems:
            raise _NeedsDetailError
        return scalar
    if isinstance(node, SequenceNode):
        return [_quick(child) for child in node.value]
    if not isinstance(node, MappingNode):
        raise _NeedsDetailError
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode) or key_node.value in result:
            raise _NeedsDetailError
        result[str(key_node.value)] = _quick(value_node)
    return result


def _syntax_problem(err: yaml.MarkedYAMLError, text: str) -> YamlProblem:
    mark = err.problem_mark or err.context_mark
    line = mark.line + 1 if mark is not None else None
    problem = (err.problem or err.context or "the file is not valid YAML").strip()
    problem = problem.replace(" in this context", " here")  # libyaml's wording → PyYAML's
    lines = text.splitlines()
    if line is not None and line <= len(lines) and "\t" in lines[line - 1]:
        return YamlProblem(line, (), "this line contains a tab character",
                           "indent with spaces only (two per level), never tabs")
    hint = "check the indentation of this line and the one before it"
    if "mapping values are not allowed" in problem:
        hint = "a value containing ': ' must be put in quotes, or the indentation is off"
    elif "could not find expected ':'" in problem:
        hint = "each line needs 'key: value'; check for a missing colon or a stray line"
    elif "found character" in problem and "cannot start any token" in problem:
        hint = "put the value in quotes"
    return YamlProblem(line, (), f"not valid YAML: {problem}", hint)


def _build(node: Node, path: Path, doc: YamlDocument, line: int = 0) -> Any:
    # A mapping value is placed on its key's line; anything else on its own first line.
    assert doc._lines is not None
    doc._lines[path] = line or node.start_mark.line + 1
    if isinstance(node, ScalarNode):
        return _scalar(node, path, doc)
    if isinstance(node, MappingNode):
        return _build_mapping(node, path, doc)
    if isinstance(node, SequenceNode):
        return [_build(child, (*path, i), doc) for i, child in enumerate(node.value)]
    raise TypeError(f"unexpected YAML node {node!r}")


def _build_mapping(node: MappingNode, path: Path, doc: YamlDocument) -> dict[str, Any]:
    result: dict[str, Any] = {}
    first_line: dict[str, int] = {}
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1
        if not isinstance(key_node, ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
            doc.problems.append(YamlProblem(line, path, "this key is not a plain name",
                                            "write keys as plain words, e.g. 'name:'"))
            continue
        key = str(key_node.value)
        if key in first_line:
            doc.problems.append(YamlProblem(
                line, (*path, key),
                f"duplicate key '{key}' (first given on line {first_line[key]}); "
                "YAML would silently keep only the last one",
                "merge the two entries into one, or rename one of them"))
            continue
        first_line[key] = line
        result[key] = _build(value_node, (*path, key), doc, line)
    return result


def _scalar(node: ScalarNode, path: Path, doc: YamlDocument) -> Any:
    value = str(node.value)
    if node.style or node.tag != "tag:yaml.org,2002:str":
        return value  # quoted or block text, or an explicit !tag, is always text
    return _plain_scalar(value, node.start_mark.line + 1, path, doc)


def _plain_scalar(value: str, line: int, path: Path, doc: YamlDocument) -> Any:
    # Fast path: ordinary words are text unless YAML gives them a meaning.
    if value[:1].isalpha() and value not in _SPECIAL_WORDS:
        return value
    if value in _NULL:
        return None
    if value in _BOOL_TRUE:
        return True
    if value in _BOOL_FALSE:
        return False
    if value in _YAML11_BOOLS:
        return _trap(doc, line, path, value,
                     "some YAML readers take it as true/false",
                     f"write true or false for yes/no, or quote it (\"{value}\") if you mean the word")
    if _LEADING_ZERO.match(value):
        return _trap(doc, line, path, value, "a number with a leading zero is read as octal",
                     f"write it without the leading zero, or quote it (\"{value}\") if it is a code")
    if _SEXAGESIMAL.match(value):
        return _trap(doc, line, path, value, "YAML 1.1 reads it as a base-60 number",
                     f"quote it (\"{value}\")")
    if _INT.match(value):
        return int(value.replace("_", ""))
    if _FLOAT.match(value):
        return float(value.replace("_", ""))
    if _DATE.match(value):
        return _date(value, line, path, doc)
    if _TIMESTAMP.match(value):
        return _trap(doc, line, path, value, "a date with a time is not used here",
                     "write the date alone as YYYY-MM-DD")
    return value


def _date(value: str, line: int, path: Path, doc: YamlDocument) -> Any:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return _trap(doc, line, path, value, "this is not a real calendar date",
                     "write a real date as YYYY-MM-DD")


def _trap(doc: YamlDocument, line: int, path: Path, value: str, why: str, hint: str) -> str:
    doc.problems.append(YamlProblem(line, path, f"'{value}' is ambiguous: {why}", hint))
    return value
