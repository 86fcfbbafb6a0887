"""Hostile YAML: every file is either read as plain data or refused with a located problem.

Never executed, never expanded, never a traceback.  `read_document` is the reader every entry
goes through; the same files are also put in a catalog and checked with the real `atlas check`.
"""
from __future__ import annotations

import re

import pytest

from generator.catalog.yaml_reader import MAX_BYTES, MAX_DEPTH, MAX_NODES, YamlProblem, read_document

from .project import BASE, assert_clean_failure, atlas, dump, entry, located, new_project, plain, problems_in, write

MODEL = dump(entry("models/tiny-lm-chat.yaml"))  # a valid entry, as text


def _with(extra: str) -> bytes:
    """The valid model entry with `extra` appended at the end (line 12 onwards)."""
    return (MODEL + extra).encode("utf-8")


MODEL_LINES = MODEL.count("\n")


def billion_laughs(levels: int = 9) -> bytes:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [{', '.join(['*' + prev] * 9)}]")
    return ("\n".join(lines) + "\n").encode()


# name → (bytes, line, field, fragment of the message)
REFUSED = {
    "duplicate key": (b"name: A\nsummary: B\nname: C\n", 3, "name", "duplicate key (first given on line 1)"),
    "duplicate nested key": (b"license:\n  weights: MIT\n  weights: Apache-2.0\n", 3, "license.weights", "duplicate key"),
    "duplicate key spelled differently": (b"'name': A\n\"name\": B\n", 2, "name", "duplicate key"),
    "python object apply": (b"name: !!python/object/apply:os.system ['touch /tmp/atlas-hostile-pwned']\n", 1, "name", "tag"),
    "python name": (b"name: !!python/name:os.system\n", 1, "name", "tag"),
    "python object new": (b"name: !!python/object/new:subprocess.Popen [['touch', '/tmp/atlas-hostile-pwned']]\n", 1, "name", "tag"),
    "python tag on mapping": (b"x: !!python/object:os.system {a: 1}\n", 1, "x", "tag"),
    "local tag": (b"name: !include /etc/passwd\n", 1, "name", "tag"),
    "binary tag": (b"name: !!binary aGVsbG8=\n", 1, "name", "tag"),
    "set tag": (b"tags: !!set {a, b}\n", 1, "tags", "tag"),
    # Refused at its first alias (b[0]), before anything is expanded.  Its line should be 2, where `*a` is
    # written; 1, the line of the anchor `&a`, is what is reported today (test_a_plain_alias_is_refused_where_it_is_used)
    "billion laughs": (billion_laughs(), "[12]", re.escape("b[0]"), "YAML aliases (*name) are not allowed"),
    "merge key": (b"base: &b {name: A}\nentry:\n  <<: *b\n", 3, "entry", "merge keys"),
    # Flow nesting ([ and {) is refused before libyaml parses it, so at the bracket's line with no field.
    "nested too deep": (b"a: " + b"[" * (MAX_DEPTH + 5) + b"]" * (MAX_DEPTH + 5) + b"\n", 1, "", f"nested deeper than {MAX_DEPTH} levels"),
    "nested too deep on line 3": (b"name: A\nsummary: B\ntags: " + b"[" * (MAX_DEPTH + 1) + b"]" * (MAX_DEPTH + 1) + b"\n", 3, "",
                                  f"nested deeper than {MAX_DEPTH} levels"),
    # Block nesting (indentation) is refused where the builder meets it, at that value.
    "block nested too deep": ("".join("  " * i + "a:\n" for i in range(MAX_DEPTH + 3)).encode() + b"  " * (MAX_DEPTH + 3) + b"a: 1\n",
                              MAX_DEPTH + 2, re.escape(".".join(["a"] * (MAX_DEPTH + 1))), f"nested deeper than {MAX_DEPTH} levels"),
    "too many values": (b"a: [" + b"1," * (MAX_NODES + 10) + b"1]\n", 1, r"a\[\d+\]", "more than"),
    "too big": (b"# " + b"x" * (MAX_BYTES + 1) + b"\n", 1, "", "at most"),
    "NUL byte": (b"name: A\x00B\n", 1, "", "binary"),
    "not UTF-8": (b"name: ok\nsummary: caf\xe9\n", 2, "", "UTF-8"),
    "UTF-16": ("name: A\n".encode("utf-16"), 1, "", ""),
    "empty": (b"", 1, "", "empty"),
    "only whitespace": (b"   \n\n  \n", 1, "", "empty"),
    "only a comment": (b"# nothing here\n", 1, "", "empty"),
    "tabs": (b"license:\n\tweights: MIT\n", 2, "", "not valid YAML"),
    "nested 1000 deep": (b"name: " + b"[" * 1000 + b"]" * 1000 + b"\n", 1, "", f"nested deeper than {MAX_DEPTH} levels"),
    "nested 5000 deep": (b"name: " + b"{a: " * 5000 + b"1" + b"}" * 5000 + b"\n", 1, "", f"nested deeper than {MAX_DEPTH} levels"),
    "unclosed quote": (b"name: 'A\nsummary: B\n", r"[13]", "", "not valid YAML"),
    "two documents": (b"name: A\n---\nname: B\n", 2, "", "not valid YAML"),
    "complex key": (b"? [a, b]\n: c\n", 1, "", "keys must be plain text"),
    "unquoted colon": (b"summary: a: b\n", 1, "", "not valid YAML"),
}

# Read fine: plain data, never anything else.
READ = {
    "BOM": ("\ufeffname: A\nsummary: B\n".encode(), {"name": "A", "summary": "B"}),
    "CRLF": (b"name: A\r\nsummary: B\r\ntags: [a, b]\r\n", {"name": "A", "summary": "B", "tags": ["a", "b"]}),
    "CR only": (b"name: A\rsummary: B\r", {"name": "A", "summary": "B"}),
    "tab inside a value": (b"name: 'A\tB'\nsummary: \"x\\ty\"\n", {"name": "A\tB", "summary": "x\ty"}),
    "only a list": (b"- a\n- b\n", ["a", "b"]),
    "only a scalar": (b"just words\n", "just words"),
    "only a number": (b"42\n", 42),
    "yes stays a word": (b"a: yes\nb: off\n", {"a": "yes", "b": "off"}),
    "dates stay text": (b"added: 2025-01-01\n", {"added": "2025-01-01"}),
    "explicit str": (b"a: !!str 12\n", {"a": "12"}),
    "infinite float": (b"a: .inf\nb: 1e400\n", {"a": float("inf"), "b": "1e400"}),
    "nested at the limit": (b"a: " + b"[" * MAX_DEPTH + b"]" * MAX_DEPTH + b"\n", None),
}


def test_the_refused_cases_are_what_they_say():
    assert len(REFUSED["too big"][0]) > MAX_BYTES
    assert REFUSED["billion laughs"][0].count(b"*") >= 8 * 9


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_hostile_yaml_is_refused_with_a_located_problem(name):
    raw, line, field, fragment = REFUSED[name]
    with pytest.raises(YamlProblem) as caught:
        read_document(raw)
    problem = caught.value
    assert re.fullmatch(str(line), str(problem.line)) and re.fullmatch(field, problem.field), (problem.line, problem.field, problem.message)
    assert fragment in problem.message
    assert "\n" not in problem.message and len(problem.message) < 600


@pytest.mark.parametrize("name", sorted(READ))
def test_odd_but_harmless_yaml_reads_as_plain_data(name):
    raw, expected = READ[name]
    document = read_document(raw)
    if expected is not None:
        assert document.data == expected
    assert plain(document.data)




def test_a_billion_laughs_is_refused_before_it_grows():
    """The first alias is refused, so nothing is expanded (9**12 strings otherwise)."""
    with pytest.raises(YamlProblem) as caught:
        read_document(billion_laughs(12))
    assert "aliases" in caught.value.message


@pytest.mark.parametrize("raw", [b"a: &x hello\nb: *x\n", b"a: &x {k: 1}\nb: *x\n", b"a: &x [1]\nb: [*x]\n"])
def test_a_plain_alias_is_refused_where_it_is_used(raw):
    with pytest.raises(YamlProblem) as caught:
        read_document(raw)
    assert caught.value.line == 2 and "aliases" in caught.value.message


def test_crlf_keeps_line_numbers():
    raw = b"name: A\r\nsummary: B\r\n\r\nname: C\r\n"
    with pytest.raises(YamlProblem) as caught:
        read_document(raw)
    assert caught.value.line == 4


def test_the_python_tags_never_run(tmp_path):
    target = tmp_path / "pwned"
    payloads = [
        f"name: !!python/object/apply:os.system ['touch {target}']\n",
        f"name: !!python/object/apply:subprocess.call [['touch', '{target}']]\n",
        f"name: !!python/object/new:subprocess.Popen [['touch', '{target}']]\n",
        f"!!python/object/apply:os.system ['touch {target}']\n",
        f"- !!python/object/apply:os.system ['touch {target}']\n",
        f"? !!python/object/apply:os.system ['touch {target}']\n: x\n",
    ]
    for payload in payloads:
        with pytest.raises(YamlProblem):
            read_document(payload.encode())
    root = new_project(tmp_path / "project", {f"models/pwn-{i}.yaml": p for i, p in enumerate(payloads)}, site_files=False)
    write(root, "models/pwn-entry.yaml", MODEL + f"talk: !!python/object/apply:os.system ['touch {target}']\n")
    result = atlas(root, "check")
    assert_clean_failure(result)
    assert not target.exists()
    for i in range(len(payloads)):
        assert f"catalog/models/pwn-{i}.yaml:" in result.stderr
    assert f"catalog/models/pwn-entry.yaml:{MODEL_LINES + 1}: talk: YAML tag" in result.stderr


def test_a_50_mb_file_is_refused_without_reading_it_as_yaml(tmp_path):
    root = new_project(tmp_path / "project", site_files=False)
    big = root / "catalog" / "models" / "huge.yaml"
    with big.open("wb") as handle:
        handle.write(MODEL.encode())
        chunk = b"# " + b"x" * (1024 * 1024 - 3) + b"\n"
        for _ in range(50):
            handle.write(chunk)
    assert big.stat().st_size > 50 * 1024 * 1024
    problems = located(problems_in(root), "catalog/models/huge.yaml")
    assert len(problems) == 1 and problems[0].line == 1 and "at most" in problems[0].message


@pytest.mark.parametrize("content, kind_word", [
    (b"- name: A\n- name: B\n", "list"),
    (b"just a sentence\n", "str"),
    (b"42\n", "int"),
    (b"null\n", ""),
    (b"~\n", ""),
])
def test_a_file_that_is_not_a_mapping_is_located(catalog_only, content, kind_word):
    write(catalog_only, "engines/odd.yaml", content)
    problems = located(problems_in(catalog_only), "catalog/engines/odd.yaml")
    assert len(problems) == 1 and problems[0].line == 1
    assert "mapping" in problems[0].message or "empty" in problems[0].message
    assert kind_word in problems[0].message


def test_bom_crlf_and_tabs_in_values_make_a_valid_entry(catalog_only):
    text = MODEL.replace("\n", "\r\n")
    write(catalog_only, "models/windows.yaml", "\ufeff".encode() + text.encode())
    write(catalog_only, "models/tabbed.yaml", MODEL.replace("summary: Tiny LM tuned to chat.", "summary: \"Tiny\\tLM\""))
    assert problems_in(catalog_only) == []


def test_every_hostile_file_is_reported_by_atlas_check_in_one_run(tmp_path):
    """All the refused cases at once, as files: exit 1, each located, no traceback, no other file blamed."""
    files = {f"models/case-{i}.yaml": raw for i, (raw, *_) in enumerate(REFUSED[n] for n in sorted(REFUSED))}
    root = new_project(tmp_path / "project", files, site_files=False)
    result = atlas(root, "check")
    assert_clean_failure(result)
    report = result.stderr.splitlines()
    assert report[-1].endswith("problem(s) found.")
    for line in report[:-1]:
        assert re.match(r"^catalog/[a-z]+/[^:]+\.yaml:\d+: [^:]+: .+", line), line
    for i, name in enumerate(sorted(REFUSED)):
        raw, line, field, fragment = REFUSED[name]
        expected = rf"catalog/models/case-{i}\.yaml:{line}: {field or re.escape('(entry)')}: .*{re.escape(fragment)}"
        assert any(re.match(expected, l) for l in report), (name, expected)
    assert not any(l.startswith(tuple(f"catalog/{r}" for r in BASE)) for l in report)


# --- files that once crashed the reader instead of being reported --------------------------------

# name → bytes: explicit tags on values they cannot construct, and an integer over Python's 4300-digit limit
CRASHES = {
    "integer of 5000 digits": b"name: A\nsummary: " + b"9" * 5000 + b"\n",
    "!!int on a word": b"name: !!int abc\n",
    "!!int on nothing": b"name: !!int\nsummary: x\n",
    "!!float on a word": b"name: !!float abc\n",
    "!!map on a scalar": b"name: !!map abc\n",
    "!!seq on a scalar": b"name: !!seq abc\n",
}


@pytest.mark.parametrize("name", sorted(CRASHES))
def test_every_malformed_file_is_a_yaml_problem(name):
    with pytest.raises(YamlProblem) as caught:
        read_document(CRASHES[name])
    assert caught.value.line >= 1 and caught.value.message


def test_atlas_check_reports_malformed_files_without_a_traceback(tmp_path):
    files = {f"models/crash-{i}.yaml": CRASHES[name] for i, name in enumerate(sorted(CRASHES))}
    root = new_project(tmp_path / "project", files, site_files=False)
    result = atlas(root, "check")
    assert_clean_failure(result)
    for i in range(len(CRASHES)):
        assert re.search(rf"^catalog/models/crash-{i}\.yaml:\d+: ", result.stderr, re.M)


def test_a_file_nested_50000_deep_is_refused_not_a_segfault(tmp_path):
    root = new_project(tmp_path / "project", {"models/deep.yaml": b"name: " + b"[" * 50_000 + b"]" * 50_000 + b"\n"},
                       site_files=False)
    result = atlas(root, "check")
    assert result.returncode == 1, f"exit status {result.returncode}"
    assert "Traceback" not in result.stderr
    assert re.search(r"^catalog/models/deep\.yaml:1: ", result.stderr, re.M)


@pytest.mark.parametrize("raw, line", [(b"name: ok\nsummary: A\x01B\n", 2), (b"name: ok\n\nsummary: x\x7f\n", 3),
                                        (b"name: ok\nsummary: \x1b[31mred\n", 2)])
def test_a_control_character_is_located_on_its_line(raw, line):
    with pytest.raises(YamlProblem) as caught:
        read_document(raw)
    assert caught.value.line == line and "\n" not in caught.value.message


@pytest.mark.parametrize("raw, hint", [(b"license:\n\tweights: MIT\n", "tabs"), (b"summary: a: b\n", "quoted")])
def test_common_mistakes_get_their_hint(raw, hint):
    with pytest.raises(YamlProblem) as caught:
        read_document(raw)
    assert hint in caught.value.message


# YAML 1.1 counts U+0085 (NEL), U+2028 and U+2029 as line breaks although editors, git and grep do not, so
# after one every line PyYAML reports would be off by one: they are refused up front, at their real line.
@pytest.mark.parametrize("char", ["\x85", "\u2028", "\u2029"], ids=["NEL", "LS", "PS"])
@pytest.mark.parametrize("raw, line", [
    ('summary: "A{char}B"\nname: x # {char}\nname: y\n', 1),
    ('name: x\nsummary: y\n# a comment{char}\nsummary: "A{char}B"\nname: y\n', 3),
], ids=["line 1", "line 3"])
def test_unicode_line_separators_do_not_shift_line_numbers(char, raw, line):
    with pytest.raises(YamlProblem) as caught:
        read_document(raw.format(char=char).encode())
    assert (caught.value.line, caught.value.field) == (line, ""), caught.value.message
    assert f"U+{ord(char):04X}" in caught.value.message and "\n" not in caught.value.message
