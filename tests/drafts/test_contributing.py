"""CONTRIBUTING.md names only commands that exist: every `atlas …` parses, every `make …` is a target."""
from __future__ import annotations

import re
import shlex
from pathlib import Path

from generator.cli import build_parser

REPO = Path(__file__).resolve().parents[2]


def _commands(prefix: str) -> list[str]:
    """Commands in code blocks (comments dropped) and in inline code."""
    text = (REPO / "CONTRIBUTING.md").read_text()
    blocks = re.findall(r"(?ms)^```sh\n(.*?)^```", text)
    found = [line.split("#")[0] for block in blocks for line in block.splitlines() if line.startswith(f"{prefix} ")]
    found += re.findall(rf"`({prefix} [^`]*)`", text)
    return sorted({c.strip() for c in found})


def test_every_atlas_command_in_contributing_parses():
    commands = _commands("atlas")
    assert {"atlas new model my-model", "atlas check"} <= set(commands)
    assert any(c.startswith("atlas import-hub ") for c in commands)
    parser = build_parser()
    verbs = next(a for a in parser._actions if a.dest == "command").choices
    for command in commands:
        # `<id>` stands for an id; `dataset|engine|…` for a choice of words.
        words = ["an-id" if w.startswith("<") else w.split("|")[0] for w in shlex.split(command)[1:]]
        if len(words) == 1:
            assert words[0] in verbs, command  # a command named in the text, without its arguments
            continue
        parser.parse_args(words)  # exits (fails the test) on an unknown command or option


def test_every_make_target_in_contributing_exists():
    makefile = (REPO / "Makefile").read_text()
    targets = set(re.findall(r"(?m)^([a-z][a-z-]*):", makefile))
    used = {c.split()[1] for c in _commands("make")}
    assert {"setup", "check", "site", "serve", "test"} <= used
    assert used <= targets, used - targets
