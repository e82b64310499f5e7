"""Read YAML without PyYAML's silent surprises, keeping the line of every value.

PyYAML keeps the last of two duplicate keys and reads `no`, `on`, `0123` and `1:30`
as booleans and numbers. Editors lose content that way, so this reader refuses them.
It also refuses what a hostile file could use to exhaust the machine: anchors and aliases
(a few lines of them expand to gigabytes), nesting past `MAX_DEPTH`, text past
`MAX_TEXT_CHARS`, and YAML tags (`!!python/...`), which would otherwise be dropped silently.
The data is built from the parser's event stream in one loop, never by recursion.
"""

from __future__ import annotations

import datetime as dt
import functools
import pathlib
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    NodeEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from macros.load.limits import MAX_DEPTH, MAX_PROBLEMS_PER_FILE, MAX_TEXT_CHARS

Path = tuple[str | int, ...]

# libyaml's parser (much faster than PyYAML's) when it is there; only its events are used.
_LOADER: Any = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
_BOOL_TRUE = {"true", "True", "TRUE"}
_BOOL_FALSE = {"false", "False", "FALSE"}
_NULL = {"", "~", "null", "Null", "NULL"}
# Words YAML 1.1 reads as booleans; we ask the editor to say what they mean.
_YAML11_BOOLS = {
    w for base in ("yes", "no", "on", "off", "y", "n") for w in (base, base.title(), base.upper())
}
# Words a YAML 1.2 editor reads as special numbers; YAML 1.1 readers vary.
_SPECIAL_FLOATS = {
    sign + word for sign in ("", "+", "-") for word in (".inf", ".Inf", ".INF")
} | {".nan", ".NaN", ".NAN"}
_SPECIAL_WORDS = _BOOL_TRUE | _BOOL_FALSE | _NULL | _YAML11_BOOLS
_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_LEADING_ZERO = re.compile(r"^[-+]?0[0-9_]+$")
_FLOAT = re.compile(r"^[-+]?[0-9]*\.[0-9]+$")
# Numbers that YAML 1.1 (PyYAML) and YAML 1.2 (editors, JSON Schema tools) read differently:
# digit separators, hexadecimal/octal/binary prefixes, exponents, a trailing point.
_AMBIGUOUS_NUMBER = re.compile(
    r"^[-+]?([0-9][0-9_]*_[0-9_]*(\.[0-9_]*)?"       # 1_200, 1_000.5: digit separators
    r"|0[xXoObB][0-9a-fA-F_]+"                          # 0x1F, 0o17, 0b101
    r"|([0-9][0-9_]*\.?[0-9_]*|\.[0-9][0-9_]*)[eE][-+]?[0-9]+"  # 1e3, 1.5e3: exponents
    r"|[0-9]+\.)$")                                     # 1. : a trailing point
_SEXAGESIMAL = re.compile(r"^[-+]?[0-9]+(:[0-5]?[0-9])+(\.[0-9_]*)?$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_TIMESTAMP = re.compile(r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ]|\s+)[0-9]")
_TOO_DEEP = f"the data is nested more than {MAX_DEPTH} levels deep (MAX_DEPTH)"
_TOO_DEEP_HINT = "check the indentation; the playbook's files need far fewer levels"
# Explicit tags that change nothing: the node is read as it would be anyway.
_HARMLESS_TAGS = {
    ScalarEvent: "tag:yaml.org,2002:str",
    SequenceStartEvent: "tag:yaml.org,2002:seq",
    MappingStartEvent: "tag:yaml.org,2002:map",
}


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
    source: pathlib.Path | None = None  # the file, when `text` was not kept (a cache's hit)

    @property
    def lines(self) -> dict[Path, int]:
        """Field path → line; worked out on first use (by reading again), as valid files never need it."""
        if self._lines is None:
            if not self.text and self.source is not None:
                self.text = self.source.read_bytes().decode("utf-8")
            self._lines = _Reader(self.text, detail=True).read().lines
        return self._lines

    def line_of(self, path: Path) -> int | None:
        """Line of the value at `path`, or of its nearest enclosing value."""
        lines = self.lines
        for end in range(len(path), -1, -1):
            line = lines.get(tuple(path[:end]))
            if line is not None:
                return line
        return None


def read_yaml(text: str) -> YamlDocument:
    """Parse one YAML document into plain data plus line numbers and problems."""
    try:
        return YamlDocument(_quick_read(text), [], text)
    except _NeedsDetailError:
        return _Reader(text, detail=True).read().document()


_STR_TAG = _HARMLESS_TAGS[ScalarEvent]


def _quick_read(text: str) -> Any:
    """The data of a file with nothing to report, in one tight loop over the parser's events.

    Anything the reader would report (or a syntax error, or an empty file) raises
    `_NeedsDetailError`, and `_Reader` reads the file again in detail: this loop only skips the
    bookkeeping that valid files never need, and reads nothing differently.
    """
    parser = _LOADER(text)
    stack: list[list[Any]] = []  # [list or dict being filled, is it a dict, key waiting for a value]
    top: list[Any] | None = None
    root: Any = None
    documents = 0
    try:
        while (event := parser.get_event()) is not None:
            kind = type(event)
            if kind is ScalarEvent:
                value, tag = event.value, event.tag
                if event.anchor is not None or len(value) > MAX_TEXT_CHARS or (
                        tag is not None and tag != _STR_TAG):
                    raise _NeedsDetailError
                if top is not None and top[1] and top[2] is None:  # a key
                    if value in top[0]:
                        raise _NeedsDetailError
                    top[2] = value
                    continue
                if not event.style and tag is None and not (
                        value[:1].isalpha() and value not in _SPECIAL_WORDS):
                    value = _quick_plain(value)
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                tag = event.tag
                if event.anchor is not None or len(stack) >= MAX_DEPTH or (
                        tag is not None and tag != _HARMLESS_TAGS[kind]) or (
                        top is not None and top[1] and top[2] is None):
                    raise _NeedsDetailError
                top = [{} if kind is MappingStartEvent else [], kind is MappingStartEvent, None]
                stack.append(top)
                continue
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                value = stack.pop()[0]
                top = stack[-1] if stack else None
            elif kind is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _NeedsDetailError
                continue
            elif kind is AliasEvent:
                raise _NeedsDetailError
            else:
                continue
            if top is None:
                root = value
            elif top[1]:
                top[0][top[2]] = value
                top[2] = None
            else:
                top[0].append(value)
    except (yaml.MarkedYAMLError, yaml.reader.ReaderError) as err:
        raise _NeedsDetailError from err
    finally:
        parser.dispose()
    if root is None:
        raise _NeedsDetailError
    return root


@functools.lru_cache(maxsize=4096)
def _quick_plain(value: str) -> Any:
    """An unquoted value read as `_plain_scalar` reads it; `_NeedsDetailError` at any trap.

    Cached: the same dates and numbers recur across files, and every result is immutable.
    """
    probe = YamlDocument(None)
    result = _plain_scalar(value, 0, (), probe)
    if probe.problems:
        raise _NeedsDetailError
    return result


class _NeedsDetailError(Exception):
    """The quick reading met something to report; read again, keeping paths and lines."""


class _StopReadingError(Exception):
    """The file broke a limit (or has too many problems); the rest of it is not read."""


@dataclass
class _Open:
    """A list or group of fields being filled, on the reader's stack."""

    value: list[Any] | dict[str, Any]
    path: Path
    is_map: bool
    is_key: bool = False            # a list or group written where a key belongs
    key: str | None = None          # a group's key that waits for its value
    key_line: int = 0
    skip_value: bool = False        # the key was refused: read its value but drop it
    key_lines: dict[str, int] = field(default_factory=dict)


class _Reader:
    """Turns the parser's events into plain data, one event at a time (no recursion).

    The quick reading (`detail=False`) keeps neither paths nor lines: at the first problem it
    gives up and the file is read again in detail, so valid files pay for nothing they never use.
    """

    def __init__(self, text: str, *, detail: bool) -> None:
        self.text, self.detail = text, detail
        self.stack: list[_Open] = []
        self.top: _Open | None = None
        self.root: Any = None
        self.documents = 0
        self.problems: list[YamlProblem] = []
        self.lines: dict[Path, int] = {}

    def read(self) -> _Reader:
        """Read the whole text (or up to the first limit it breaks)."""
        handlers: dict[type[Event], Any] = {
            ScalarEvent: self._scalar, SequenceStartEvent: self._open,
            MappingStartEvent: self._open, SequenceEndEvent: self._close,
            MappingEndEvent: self._close, AliasEvent: self._alias,
            DocumentStartEvent: self._document,
        }
        parser = _LOADER(self.text)
        try:
            while (event := parser.get_event()) is not None:
                handler = handlers.get(type(event))
                if handler is not None:
                    handler(event)
        except yaml.MarkedYAMLError as err:
            self.problems, self.root = [_syntax_problem(err, self.text)], None
        except yaml.reader.ReaderError as err:  # a control character, before any parsing
            line = self.text.count("\n", 0, max(err.position, 0)) + 1
            char = err.character if isinstance(err.character, int) else ord(str(err.character)[:1] or " ")
            self.problems = [YamlProblem(line, (), f"the file contains the control character "
                                         f"U+{char:04X}, which YAML does not allow",
                                         "delete it (it is invisible in most editors)")]
            self.root = None
        except _StopReadingError:
            self.root = None
        finally:
            parser.dispose()
        return self

    def document(self) -> YamlDocument:
        """The result as a document: data and problems (lines are kept only when detailed)."""
        if not self.problems and self.root is None:
            self.problems.append(YamlProblem(1, (), "the file is empty",
                                             "add the data this file should hold"))
        return YamlDocument(self.root, self.problems, self.text,
                            self.lines if self.detail else None)

    def problem(self, event: Event, path: Path, message: str, hint: str,
                *, stop: bool = False) -> None:
        """Note a problem (asking for the detailed reading first); stop when told or at the cap."""
        if not self.detail:
            raise _NeedsDetailError
        line = _line(event)
        self.problems.append(YamlProblem(line, path, message, hint))
        if len(self.problems) >= MAX_PROBLEMS_PER_FILE:
            self.problems.append(YamlProblem(line, path, f"more than {MAX_PROBLEMS_PER_FILE} "
                                             "problems (MAX_PROBLEMS_PER_FILE); the rest of the "
                                             "file was not read", "fix these first"))
            raise _StopReadingError
        if stop:
            raise _StopReadingError

    def _document(self, event: DocumentStartEvent) -> None:
        self.documents += 1
        if self.documents > 1:
            self.problem(event, (), "the file holds more than one YAML document (a second '---')",
                         "remove the extra '---' line or move the rest into its own file",
                         stop=True)

    def _refuse_extras(self, event: NodeEvent, path: Path) -> None:
        """Anchors, aliases and tags: refused, each with its own message."""
        if event.anchor is not None or isinstance(event, AliasEvent):
            self.problem(event, path, "anchors and aliases ('&name', '*name') are not allowed",
                         "write the value out in full where it is needed")
        tag = getattr(event, "tag", None)
        if tag is not None and _HARMLESS_TAGS.get(type(event)) != tag:
            self.problem(event, path, f"the YAML tag '{_short_tag(tag)}' is not allowed",
                         "remove the tag and write the value plainly")

    def _alias(self, event: AliasEvent) -> None:
        self._refuse_extras(event, self._child_path())
        top = self.top
        if top is not None and top.is_map and top.key is None:
            top.key, top.skip_value = "", True  # an alias where a key belongs: drop the entry
        else:
            self._place(None, event)

    def _scalar(self, event: ScalarEvent) -> None:
        value = event.value
        if event.anchor is not None or event.tag is not None:
            self._refuse_extras(event, self._child_path())
        if len(value) > MAX_TEXT_CHARS:
            self.problem(event, self._child_path(), f"this text is {len(value):,} characters "
                         f"long, above the limit of {MAX_TEXT_CHARS:,} (MAX_TEXT_CHARS)",
                         "shorten it, or link to a longer document instead")
            value = ""
        top = self.top
        if top is not None and top.is_map and top.key is None:
            self._key(top, value, event)
            return
        if not event.style and event.tag is None and not (
                value[:1].isalpha() and value not in _SPECIAL_WORDS):
            value = self._plain(value, event)
        self._place(value, event)

    def _plain(self, value: str, event: ScalarEvent) -> Any:
        probe = YamlDocument(None)
        result = _plain_scalar(value, 0, (), probe)
        for found in probe.problems:
            self.problem(event, self._child_path(), found.message, found.hint)
        return result

    def _open(self, event: CollectionStartEvent) -> None:
        path = self._child_path()
        if event.anchor is not None or event.tag is not None:
            self._refuse_extras(event, path)
        if len(self.stack) >= MAX_DEPTH:
            self.problem(event, path, _TOO_DEEP, _TOO_DEEP_HINT, stop=True)
        top = self.top
        as_key = top is not None and top.is_map and top.key is None
        if as_key:
            self.problem(event, path, "this key is not a plain name",
                         "write keys as plain words, e.g. 'name:'")
        is_map = isinstance(event, MappingStartEvent)
        if self.detail:
            self.lines[path] = self._line_for(event)
        self.top = _Open({} if is_map else [], path, is_map, is_key=as_key)
        self.stack.append(self.top)

    def _close(self, event: Event) -> None:
        done = self.stack.pop()
        self.top = self.stack[-1] if self.stack else None
        if done.is_key and self.top is not None:
            self.top.key, self.top.skip_value = "", True
        else:
            self._place(done.value, None)

    def _key(self, top: _Open, key: str, event: ScalarEvent) -> None:
        line = _line(event)
        first = top.key_lines.get(key)
        if first is not None:
            self.problem(event, (*top.path, key), f"duplicate key '{key}' (first given on line "
                         f"{first}); YAML would silently keep only the last one",
                         "merge the two entries into one, or rename one of them")
            top.skip_value = True
        else:
            top.key_lines[key] = line
        top.key, top.key_line = key, line

    def _child_path(self) -> Path:
        top = self.top
        if not self.detail or top is None:
            return ()
        if not top.is_map:
            return (*top.path, len(top.value))
        return (*top.path, top.key) if top.key is not None else top.path

    def _line_for(self, event: Event) -> int:
        # A mapping value is placed on its key's line; anything else on its own first line.
        top = self.top
        if top is not None and top.is_map and top.key is not None:
            return top.key_line
        return _line(event)

    def _place(self, value: Any, event: Event | None) -> None:
        """Put a finished value into the list or group being filled (its line, when detailed)."""
        top = self.top
        if self.detail and event is not None:
            self.lines[self._child_path()] = self._line_for(event)
        if top is None:
            self.root = value
        elif isinstance(top.value, list):
            top.value.append(value)
        else:
            if not top.skip_value and top.key is not None:
                top.value[top.key] = value
            top.key, top.skip_value = None, False


def _line(event: Event) -> int:
    return event.start_mark.line + 1 if event.start_mark is not None else 1


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org") else tag


def _syntax_problem(err: yaml.MarkedYAMLError, text: str) -> YamlProblem:
    mark = err.problem_mark or err.context_mark
    line = mark.line + 1 if mark is not None else None
    problem = (err.problem or err.context or "the file is not valid YAML").strip()
    problem = problem.replace(" in this context", " here")  # libyaml's wording → PyYAML's
    if "maximum nesting depth" in problem:  # libyaml's own limit, far above ours
        return YamlProblem(line, (), _TOO_DEEP, _TOO_DEEP_HINT)
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


def _plain_scalar(value: str, line: int, path: Path, doc: YamlDocument) -> Any:
    """An unquoted value as YAML 1.2 and YAML 1.1 agree to read it; a problem where they differ."""
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
    return _number_or_date(value, line, path, doc)


def _number_or_date(value: str, line: int, path: Path, doc: YamlDocument) -> Any:
    if _LEADING_ZERO.match(value):
        return _trap(doc, line, path, value, "a number with a leading zero is read as octal",
                     f"write it without the leading zero, or quote it (\"{value}\") if it is a code")
    if _SEXAGESIMAL.match(value):
        return _trap(doc, line, path, value, "YAML 1.1 reads it as a base-60 number",
                     f"quote it (\"{value}\")")
    if value in _SPECIAL_FLOATS or _AMBIGUOUS_NUMBER.match(value):
        plain = value.replace("_", "")
        example = plain if _INT.match(plain) or _FLOAT.match(plain) else "1200"
        return _trap(doc, line, path, value, "YAML readers disagree on it (your editor may read "
                     "text where the check reads a number, or the other way round)",
                     f"write the number in plain digits, e.g. {example}, or quote it "
                     f"(\"{value}\") if it is text")
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value):
        return float(value)
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
