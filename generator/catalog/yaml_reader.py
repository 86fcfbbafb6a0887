"""Reads one YAML document safely, keeping the line of every key and value.

PyYAML's loaders keep the last of two duplicate keys and forget positions, and the full
loader can build arbitrary objects.  We compose the node graph with the safe loader and
build plain data ourselves, so we can refuse what a catalog entry never needs (aliases,
custom tags, duplicate keys, absurd nesting) and say where it happened.
"""
from __future__ import annotations

import re
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


_HINTS = {  # PyYAML's and libyaml's wording
    "mapping values are not allowed here": " (a value containing ': ' must be quoted)",
    "mapping values are not allowed in this context": " (a value containing ': ' must be quoted)",
    "found character '\\t' that cannot start any token": " (indent with spaces, not tabs)",
    "found character that cannot start any token": " (indent with spaces, not tabs, and quote values that start with @ or `)",
}
# Characters YAML refuses, and line separators YAML counts as line breaks although editors
# do not (so every later line number would be off): refused up front, at their real line.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff\x85\u2028\u2029]")
_FLOW_OPEN, _FLOW_CLOSE = "[{", "]}"


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


class PackedDocument(Document):
    """A Document kept as pickled bytes (see catalog/cache.py) and unpickled on first use."""

    def __init__(self, packed: bytes):
        self._packed = packed

    def _unpack(self) -> None:
        import pickle

        data, lines = pickle.loads(self._packed)
        self.__dict__.update(data=data, lines=lines)

    def __getattr__(self, name: str):  # only called while `data` and `lines` are not set yet
        if name in ("data", "lines"):
            self._unpack()
            return self.__dict__[name]
        raise AttributeError(name)


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
    _refuse_forbidden_characters(text)
    if text.count("[") + text.count("{") > MAX_DEPTH:  # fewer cannot nest deeper
        _refuse_deep_flow_nesting(text)
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        # An unclosed quote is noticed at the end of the file; where it opened is the useful line.
        opened_quote = exc.context and "quoted scalar" in exc.context and exc.context_mark
        mark = exc.context_mark if opened_quote else (exc.problem_mark or exc.context_mark)
        line = mark.line + 1 if mark else 1
        hint = _HINTS.get(str(exc.problem), "")
        raise YamlProblem(line, "", f"not valid YAML: {exc.problem or exc}{hint}") from None
    except (yaml.YAMLError, RecursionError) as exc:
        raise YamlProblem(1, "", f"not valid YAML: {str(exc).splitlines()[0]}") from None
    finally:
        loader.dispose()
    if root is None:
        raise YamlProblem(1, "", "file is empty; an entry is a YAML mapping of fields")
    builder = _Builder(loader, text)
    data = builder.build(root, (), 0)
    return Document(data, builder.lines)


def _refuse_forbidden_characters(text: str) -> None:
    match = _FORBIDDEN.search(text)
    if match:
        line = text.count("\n", 0, match.start()) + 1
        raise YamlProblem(line, "", f"contains the character U+{ord(match.group()):04X}, which an entry may not hold; delete it")


def _refuse_deep_flow_nesting(text: str) -> None:
    """libyaml recurses once per level of `[`/`{` and can exhaust the C stack long before our
    own depth check runs, so count them first.  Brackets inside quotes are counted too, which
    can only over-count, and no real entry comes near the limit."""
    depth = 0
    for index, char in enumerate(text):
        if char in _FLOW_OPEN:
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlProblem(text.count("\n", 0, index) + 1, "", f"nested deeper than {MAX_DEPTH} levels")
        elif char in _FLOW_CLOSE and depth:
            depth -= 1


class _Builder:
    def _first_alias_line(self, fallback: int) -> int:
        """The composer hands an alias back as the anchored node, whose line is the anchor's;
        the events still know where the `*name` was written."""
        try:
            for event in yaml.parse(self.text, Loader=_Loader):
                if isinstance(event, yaml.AliasEvent):
                    return event.start_mark.line + 1
        except yaml.YAMLError:
            pass
        return fallback

    def __init__(self, loader, text: str = ""):
        self.text = text
        self.constructor = loader
        self.lines: dict[Path, int] = {}
        self.seen_nodes = 0
        self.visited: set[int] = set()  # the composer hands an alias back as the same node

    def build(self, node: Node, path: Path, depth: int) -> object:
        self.seen_nodes += 1
        line = node.start_mark.line + 1
        if self.seen_nodes > MAX_NODES:
            raise YamlProblem(line, dotted(path), f"more than {MAX_NODES:,} values; an entry is far smaller")
        if depth > MAX_DEPTH:
            raise YamlProblem(line, dotted(path), f"nested deeper than {MAX_DEPTH} levels")
        if id(node) in self.visited:
            raise YamlProblem(self._first_alias_line(line), dotted(path), "YAML aliases (*name) are not allowed; write the value out")
        self.visited.add(id(node))
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
            try:
                return self.constructor.construct_object(node, deep=True)
            except (ValueError, IndexError, OverflowError, yaml.YAMLError):
                kind = node.tag.rsplit(":", 1)[-1]
                raise YamlProblem(line, dotted(path), f"{node.value[:40]!r} is not a valid {kind}") from None
        if isinstance(node, SequenceNode):
            return [self.build(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        if not isinstance(node, MappingNode):
            raise YamlProblem(line, dotted(path), "unexpected YAML node")
        return self._mapping(node, path, depth)

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
