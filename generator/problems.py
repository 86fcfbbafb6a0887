"""A problem found in the catalog, located for the contributor who has to fix it."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field or '(entry)'}: {self.message}"


class CatalogError(Exception):
    """Raised with every problem at once, so a contributor fixes them in one round."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(f"{len(self.problems)} problem(s) in the catalog")


def format_problems(problems: list[Problem], fmt: str = "text") -> str:
    if fmt == "json":
        return json.dumps({"problems": [asdict(p) for p in problems], "total": len(problems)}, indent=2)
    return "\n".join(str(p) for p in problems)
