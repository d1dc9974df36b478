"""YAML loading that remembers where every value stood, so errors can name a line, and that
refuses what no knowledge or config file needs and an attacker would send: huge files, deep
nesting, alias bombs ("billion laughs") and aliases that contain themselves. The limits are
checked on the parser's event stream before anything is built, so a hostile file costs
milliseconds and no memory.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

Path_ = tuple[str | int, ...]

#: Largest file read (bytes); the biggest shipped file, salaries.yaml, is about 0.3 MB.
MAX_BYTES = 1024 * 1024
#: Deepest nesting of mappings and lists; the shipped files need 8.
MAX_DEPTH = 40
#: Aliases (``*name``) in one file; the shipped files use none.
MAX_ALIASES = 50
#: Values in one file, counting every alias as the value it stands for.
MAX_NODES = 250_000


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


def read(path: Path) -> str:
    """A file's text, refusing one over MAX_BYTES before reading it."""
    with path.open("rb") as file:
        raw = file.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise YamlSyntaxError(1, f"file larger than {MAX_BYTES // 1024} KB; refusing to read it")
    return raw.decode("utf-8")


def _check_events(text: str) -> None:
    """Depth, alias and size limits, on the event stream: libyaml builds nodes recursively in
    C (deep nesting would crash the process) and aliases multiply work later."""
    depth = aliases = 0
    for nodes, event in enumerate(yaml.parse(text, Loader=_Loader), 1):
        line = event.start_mark.line + 1 if event.start_mark else 1
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlSyntaxError(line, f"nested deeper than {MAX_DEPTH} levels",
                                      field_at(text, line))
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        elif isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > MAX_ALIASES:
                raise YamlSyntaxError(line, f"more than {MAX_ALIASES} aliases (*name)",
                                      field_at(text, line))
        if nodes > MAX_NODES:
            raise YamlSyntaxError(line, f"more than {MAX_NODES:,} values", field_at(text, line))


def load(text: str) -> Located:
    """Parse one YAML document with PyYAML's safe loader, keeping node line numbers."""
    if len(text) > MAX_BYTES:
        raise YamlSyntaxError(1, f"file larger than {MAX_BYTES // 1024} KB; refusing to read it")
    loader = _Loader(text)
    lines: dict[Path_, int] = {}
    try:
        _check_events(text)
        node = loader.get_single_node()
        if node is not None:
            _walk(node, (), lines, [MAX_NODES], set())
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
    return Located(data, lines)


def _walk(node: yaml.Node, path: Path_, lines: dict[Path_, int], budget: list[int],
          open_nodes: set[int]) -> None:
    """Record the line of every key path. An alias is walked again where it is used, so the
    walk counts what it expands to (``budget``) and notices an alias inside its own anchor."""
    line = node.start_mark.line + 1
    budget[0] -= 1
    if budget[0] < 0:
        raise YamlSyntaxError(line, f"aliases expand to more than {MAX_NODES:,} values")
    if id(node) in open_nodes:
        raise YamlSyntaxError(line, "an alias refers to the value that contains it")
    lines[path] = line
    open_nodes.add(id(node))
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                child = path + (key.value,)
                _walk(value, child, lines, budget, open_nodes)
                lines[child] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, path + (index,), lines, budget, open_nodes)
    open_nodes.discard(id(node))
