"""Reads one YAML document safely, keeping the line of every key and value.

PyYAML's loaders keep the last of two duplicate keys and forget positions, and the full
loader can build arbitrary objects.  We compose the node graph with the safe loader and
build plain data ourselves, so we can refuse what a catalog entry never needs (aliases,
custom tags, duplicate keys, absurd nesting) and say where it happened.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

MAX_BYTES = 256 * 1024
MAX_DEPTH = 20
MAX_NODES = 20_000

Path = tuple[str | int, ...]
# libyaml's parser when PyYAML was built with it: about fifteen times faster, same nodes and marks.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_STR = "tag:yaml.org,2002:str"
_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


_HINTS = {
    "mapping values are not allowed here": " (a value containing ': ' must be quoted)",
    "found character '\\t' that cannot start any token": " (indent with spaces, not tabs)",
}


class YamlProblem(Exception):
    def __init__(self, line: int, field: str, message: str):
        super().__init__(message)
        self.line = line
        self.field = field
        self.message = message


@dataclass
class Document:
    data: object
    lines: dict[Path, int] = field(default_factory=dict)

    def line_of(self, path: Path) -> int:
        """The line of the deepest part of `path` that exists in the file."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


def dotted(path: Path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def read_document(raw: bytes) -> Document:
    if len(raw) > MAX_BYTES:
        raise YamlProblem(1, "", f"file is {len(raw):,} bytes; an entry may have at most {MAX_BYTES:,}")
    if b"\x00" in raw:
        raise YamlProblem(1, "", "file is binary (contains NUL bytes); entries are UTF-8 YAML text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlProblem(line, "", f"file is not valid UTF-8 (byte {exc.start}); save it as UTF-8") from None
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        hint = _HINTS.get(str(exc.problem), "")
        raise YamlProblem(line, "", f"not valid YAML: {exc.problem or exc}{hint}") from None
    except yaml.YAMLError as exc:
        raise YamlProblem(1, "", f"not valid YAML: {exc}") from None
    finally:
        loader.dispose()
    if root is None:
        raise YamlProblem(1, "", "file is empty; an entry is a YAML mapping of fields")
    builder = _Builder(loader)
    data = builder.build(root, (), 0)
    return Document(data, builder.lines)


class _Builder:
    def __init__(self, loader):
        self.constructor = loader
        self.lines: dict[Path, int] = {}
        self.seen_nodes = 0
        self.anchors: set[int] = set()

    def build(self, node: Node, path: Path, depth: int) -> object:
        self.seen_nodes += 1
        line = node.start_mark.line + 1
        if self.seen_nodes > MAX_NODES:
            raise YamlProblem(line, dotted(path), f"more than {MAX_NODES:,} values; an entry is far smaller")
        if depth > MAX_DEPTH:
            raise YamlProblem(line, dotted(path), f"nested deeper than {MAX_DEPTH} levels")
        if id(node) in self.anchors:
            raise YamlProblem(line, dotted(path), "YAML aliases (*name) are not allowed; write the value out")
        if node.tag not in _PLAIN_TAGS:
            raise YamlProblem(line, dotted(path), f"YAML tag {node.tag!r} is not allowed; use plain values")
        self.lines.setdefault(path, line)
        if isinstance(node, ScalarNode):
            if node.tag == _STR:
                return node.value  # the common case, without the constructor's overhead
            if node.tag == "tag:yaml.org,2002:timestamp":
                return node.value
            if node.tag == "tag:yaml.org,2002:bool" and node.value.lower() not in ("true", "false"):
                return node.value  # YAML 1.1 reads yes/no/on/off as booleans; we keep the word
            return self.constructor.construct_object(node, deep=True)
        self.anchors.add(id(node))
        try:
            if isinstance(node, SequenceNode):
                return [self.build(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
            assert isinstance(node, MappingNode)
            return self._mapping(node, path, depth)
        finally:
            self.anchors.discard(id(node))

    def _mapping(self, node: MappingNode, path: Path, depth: int) -> dict:
        result: dict = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlProblem(key_line, dotted(path), "YAML merge keys (<<) are not allowed")
            if not isinstance(key_node, ScalarNode):
                raise YamlProblem(key_line, dotted(path), "keys must be plain text")
            key = str(key_node.value)
            if key in result:
                first = self.lines.get(path + (key,), key_line)
                raise YamlProblem(key_line, dotted(path + (key,)), f"duplicate key (first given on line {first})")
            self.lines[path + (key,)] = key_line
            result[key] = self.build(value_node, path + (key,), depth + 1)
            self.lines[path + (key,)] = key_line
        return result
