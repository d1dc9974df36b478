"""YAML loading that remembers where every value stood, so errors can name a line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Located:
    """A parsed YAML document plus the 1-based line of every key path in it."""

    data: Any
    lines: dict[Path_, int]

    def line_of(self, path: Path_) -> int:
        """Line of the deepest part of ``path`` that exists (a missing field points at its parent)."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:end]))
            if line is not None:
                return line
        return 1


class YamlSyntaxError(ValueError):
    def __init__(self, line: int, message: str, field: str = "") -> None:
        super().__init__(message)
        self.line = line
        self.message = message
        self.field = field


_KEY = re.compile(r"^(\s*)(?:-\s+)?([A-Za-z_][\w .-]*?)\s*:(?:\s|$)")


def _unclosed_quote(text: str, first: int, last: int) -> int | None:
    for number, raw in enumerate(text.splitlines()[first - 1: last], first):
        opened = re.search(r"(?::|^\s*-)\s+([\"'])", raw)
        if opened and raw[opened.end():].count(opened.group(1)) % 2 == 0:
            return number
    return None


def field_at(text: str, line: int) -> str:
    """The dotted key path around a 1-based line, read from indentation (for syntax errors,
    where there is no parsed document to ask)."""
    path: list[str] = []
    limit: int | None = None
    for raw in reversed(text.splitlines()[:line]):
        found = _KEY.match(raw)
        if not found:
            continue
        indent = len(found.group(1))
        if limit is None or indent < limit:
            path.append(found.group(2))
            limit = indent
            if indent == 0:
                break
    return ".".join(reversed(path))


# libyaml's parser when PyYAML was built with it (about ten times faster), else pure Python;
# both give the same nodes and marks.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(text: str) -> Located:
    """Parse one YAML document with PyYAML's safe loader, keeping node line numbers."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        # The construct that failed starts at the context mark (an unclosed "[" say); the
        # parser noticed at the problem mark, often a line later.
        problem = exc.problem_mark.line + 1 if exc.problem_mark else 1
        start = exc.context_mark.line + 1 if exc.context_mark else problem
        if (exc.context or "").startswith("while parsing a block"):
            # A quote opened and never closed swallows lines until some later quote; the
            # parser then complains far away. Point at the line that opened it.
            start = _unclosed_quote(text, start, problem) or problem
        where = f" (noticed at line {problem})" if problem != start else ""
        message = f"{exc.context or ''} {exc.problem or ''}".strip() + where
        field = field_at(text, start)
        if "could not find expected ':'" in message:
            # "family engineering": the first word is the key that lost its colon.
            words = text.splitlines()[start - 1].strip().lstrip("- ").split()
            field = words[0] if words else field
        raise YamlSyntaxError(start, message, field) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(1, str(exc)) from None
    finally:
        loader.dispose()
    lines: dict[Path_, int] = {}
    if node is not None:
        _walk(node, (), lines)
    return Located(data, lines)


def _walk(node: yaml.Node, path: Path_, lines: dict[Path_, int]) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                child = path + (key.value,)
                _walk(value, child, lines)
                lines[child] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, path + (index,), lines)
