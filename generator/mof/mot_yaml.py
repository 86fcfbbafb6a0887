"""Read Model Openness Tool (MOT) model files and classify them, for `atlas mof classify`.

File format: https://github.com/lfai/model_openness_tool/blob/main/schema/mof_schema.json
(examples: https://github.com/lfai/model_openness_tool/tree/main/models).
Output: one JSON object per file and line, {"file", "class", "progress": {"1","2","3"}};
progress keys are strings because JSON keys are, and values are MOT's unrounded floats.
"""
from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

import yaml

from generator.mof.classify import MotDocumentError, classify


class MotFileError(Exception):
    """A MOT file could not be read or is not a MOT model file; the message names the file."""


def load_mot_yaml(path: str | Path) -> dict:
    """The parsed file, which must be a YAML mapping (safe_load: no arbitrary objects)."""
    try:
        with open(path, encoding="utf-8") as stream:
            document = yaml.safe_load(stream)
    except OSError as error:
        raise MotFileError(f"{path}: cannot read: {error.strerror or error}") from error
    except UnicodeDecodeError as error:
        raise MotFileError(f"{path}: not UTF-8 text: {error}") from error
    except yaml.YAMLError as error:
        raise MotFileError(f"{path}: not valid YAML: {error}") from error
    if not isinstance(document, dict):
        raise MotFileError(f"{path}: expected a YAML mapping, found {type(document).__name__}")
    return document


def classify_file(path: str | Path) -> dict:
    """{"file", "class", "progress"} for one MOT file; MotFileError if it cannot be classified."""
    document = load_mot_yaml(path)
    try:
        result = classify(document)
    except MotDocumentError as error:
        raise MotFileError(f"{path}: not a MOT model file: {error}") from error
    return {
        "file": str(path),
        "class": result.mof_class,
        "progress": {str(cls): result.progress[cls] for cls in (1, 2, 3)},
    }


def classify_files(paths: Iterable[str | Path]) -> Iterator[dict]:
    """classify_file for each path in turn; stops with MotFileError at the first bad file."""
    for path in paths:
        yield classify_file(path)


def main_classify(paths: list[str], out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Print one JSON line per file; exit status 0, or 1 if any file could not be classified.

    Bad files are reported on stderr and skipped, so one typo does not hide the other results.
    """
    out = out or sys.stdout
    err = err or sys.stderr
    status = 0
    for path in paths:
        try:
            line = classify_file(path)
        except MotFileError as error:
            print(f"atlas mof classify: {error}", file=err)
            status = 1
            continue
        print(json.dumps(line), file=out)
    return status
