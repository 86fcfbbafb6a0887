"""Property tests: the reader and the validator never crash, whatever a stranger sends.

`read_document` returns a Document or raises YamlProblem; `load_and_validate` returns a Catalog or
raises CatalogError whose every problem is located on one line.  Anything else is a bug.  (The
crashes these tests once tolerated, on explicit tags, huge integers and the licence "()", are fixed
and are pinned in test_yaml.py and test_types.py.)

Examples are derandomized (the same inputs every run) and no example database is written.
"""
from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from generator.catalog import load_and_validate
from generator.catalog.kinds import KINDS
from generator.catalog.yaml_reader import Document, YamlProblem, read_document
from generator.problems import CatalogError

from .project import BASE, dump, new_project, plain

SETTINGS = settings(max_examples=200, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _read(raw: bytes) -> None:
    try:
        document = read_document(raw)
    except YamlProblem as problem:
        assert isinstance(problem.line, int) and problem.line >= 1
        # lines are counted as editors count them (U+0085, U+2028 and U+2029 are refused, not line breaks)
        breaks = raw.count(b"\n") + raw.count(b"\r")
        assert problem.line <= breaks + 2, (problem.line, problem.message)
        assert isinstance(problem.field, str) and problem.message
        assert "\n" not in problem.message, problem.message
        return
    assert isinstance(document, Document)
    assert plain(document.data)




@SETTINGS
@given(st.binary(max_size=3000))
def test_the_reader_never_crashes_on_random_bytes(raw):
    _read(raw)


YAML_TOKENS = [
    ": ", "- ", "\n", "\n  ", "\n    ", "  ", "[", "]", "{", "}", ", ", "&a ", "*a", "&b ", "*b", "!!int ", "!!str ",
    "!!float ", "!!bool ", "!!null ", "!!map ", "!!seq ", "!!timestamp ", "!!binary ", "!!set ", "!local ",
    "!!python/object/apply:os.system ", "!!python/name:os.system ", "<<: ", "? ", "| ", "|-\n  ", "> ", "'", '"',
    "# ", "---\n", "...\n", "%YAML 1.1\n", "%TAG ! tag:x,2000:\n", "yes", "no", "on", "1", "-1", "0x1F", "0o17",
    "1_000", "1.5", "1e3", ".inf", ".nan", "190:20:30", "2025-01-01", "2025-13-45", "2025-01-01T10:00:00Z", "~",
    "null", "true", "name", "summary", "tags", "\t", "\ufeff", "\r\n", "\r", "\\", "\\x41", "\\u263a", "@", "`", "%",
    "\u0430", "\u202e", "é", "😀", "\x85", "\u2028",
]
yamlish = st.lists(st.one_of(st.sampled_from(YAML_TOKENS), st.text(max_size=6)), max_size=60).map("".join)


@SETTINGS
@given(yamlish)
def test_the_reader_never_crashes_on_yaml_ish_text(text):
    _read(text.encode("utf-8", "surrogatepass"))


@SETTINGS
@given(yamlish, st.sampled_from(["utf-8", "utf-16", "latin-1"]))
def test_the_reader_never_crashes_on_other_encodings(text, encoding):
    _read(text.encode(encoding, "replace"))


# --- the validator ------------------------------------------------------------------------------

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
                    st.text(max_size=40), st.dates(min_value=dt.date(1, 1, 1)))
json_like = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                          st.dictionaries(st.text(max_size=12), inner, max_size=4)),
                         max_leaves=20)
PLAUSIBLE = st.sampled_from([
    "tiny-lm", "runner", "web-mix", "quiz", "hostly", "chat-ui", "acme-terms", "small", ["runner"], ["web-mix"],
    ["tiny-lm"], "MIT", "Apache-2.0 OR MIT", "LicenseRef-acme-terms", "unknown", "none", "MIT AND", "(MIT",
    "https://example.org", "javascript:alert(1)", "2025-01-01", "2999-01-01", "2024-06", "7B", 7_000_000_000, -1, 0,
    "published", "not-published", "text", ["text"], "gated", "available", "inference-engine", ["frontend"],
    "behind-app", "open-weight", {"status": "published", "url": "https://example.org"}, {"weights": "MIT"},
    [{"url": "https://example.org"}], [{"id": "x", "name": "X", "parameters": "1B"}], {"seed": {"how": "--seed"}},
    [{"title": "t", "code": "c"}], "<script>alert(1)</script>", "a\nb", "x" * 400,
])
licences = st.lists(st.sampled_from(["MIT", "Apache-2.0", "AND", "OR", "WITH", "(", ")", "LicenseRef-acme-terms",
                                     "LLVM-exception", "GPL-2.0", "unknown", "x", " "]), max_size=6).map(" ".join)


@st.composite
def documents(draw):
    kind = draw(st.sampled_from(KINDS))
    base = next(data for relative, data in BASE.items() if relative.startswith(kind.folder + "/"))
    fields = list(kind.schema.model_fields)
    document = dict(base) if draw(st.booleans()) else {}
    for _ in range(draw(st.integers(0, 6))):
        key = draw(st.one_of(st.sampled_from(fields), st.text(max_size=10)))
        value = draw(st.one_of(json_like, PLAUSIBLE, licences))
        document[key] = value
    if draw(st.booleans()):
        for name in draw(st.lists(st.sampled_from(fields), max_size=3)):
            document.pop(name, None)
    top = draw(st.sampled_from(["mapping"] * 8 + ["list", "scalar"]))
    return kind.folder, (document if top == "mapping" else [document] if top == "list" else "just text")


def _check_catalog(root: Path) -> None:
    try:
        catalog = load_and_validate(root / "catalog")
    except CatalogError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.path.startswith("catalog/") and isinstance(problem.line, int) and problem.line >= 1
            assert isinstance(problem.field, str) and problem.message and "\n" not in problem.message, str(problem)
        return
    assert set(catalog.entries) == {k.folder for k in KINDS}


def test_the_documents_strategy_makes_valid_entries_too():
    """Without changes a drawn document is a valid BASE entry, so the validator's success path is explored."""
    with tempfile.TemporaryDirectory() as folder:
        root = new_project(Path(folder) / "p", site_files=False)
        (root / "catalog" / "models" / "fuzz.yaml").write_text(dump(BASE["models/tiny-lm-chat.yaml"]), encoding="utf-8")
        load_and_validate(root / "catalog")


@settings(max_examples=150, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(documents(), min_size=1, max_size=3))
def test_the_validator_never_crashes_on_random_documents(drawn):
    with tempfile.TemporaryDirectory() as folder:
        root = new_project(Path(folder) / "p", site_files=False)
        for i, (kind_folder, document) in enumerate(drawn):
            text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
            (root / "catalog" / kind_folder / f"fuzz-{i}.yaml").write_text(text, encoding="utf-8")
        _check_catalog(root)
