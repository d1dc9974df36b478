"""YAML loading that remembers where every value stood, so errors can name a line."""

from __future__ import annotations

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
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


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
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise YamlSyntaxError(line, f"{exc.context or ''} {exc.problem or ''}".strip()) from None
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
