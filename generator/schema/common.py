"""Field types and the base every catalog entry shares."""
from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_SLUG = re.compile(SLUG_PATTERN)
_URL = re.compile(r"^https?://[^\s/?#<>\"'`\\]+[^\s<>\"'`\\]*$", re.IGNORECASE)
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([KMBT]?)\s*$", re.IGNORECASE)
_MULTIPLIER = {"": 1, "K": 10**3, "M": 10**6, "B": 10**9, "T": 10**12}


def today() -> dt.date:
    return dt.date.today()


def _check_url(value: str) -> str:
    if not _URL.match(value):
        raise ValueError("must be an absolute http:// or https:// URL with no spaces or quotes")
    return value


def _check_partial_date(value: object) -> str:
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    match = _PARTIAL_DATE.match(text)
    if not match:
        raise ValueError(f"{text!r} is not a date; write YYYY-MM-DD, YYYY-MM or YYYY")
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        earliest = dt.date(year, month or 1, day or 1)
    except ValueError:
        raise ValueError(f"{text!r} is not a real date") from None
    if earliest > today():
        raise ValueError(f"{text} is in the future")
    if year < 1990:
        raise ValueError(f"{text} is before 1990; check the year")
    return text


def _check_past_date(value: dt.date) -> dt.date:
    if value > today():
        raise ValueError(f"{value.isoformat()} is in the future")
    return value


def _check_slug(value: str) -> str:
    if not _SLUG.match(value):
        raise ValueError(f"{value!r} is not an id: use lowercase ASCII letters, digits and single hyphens")
    return value


def _check_count(value: object) -> int:
    """Counts may be written 7000000000, 7_000_000_000 or '7B'."""
    if isinstance(value, bool):
        raise ValueError("must be a number such as 7000000000 or '7B'")
    if isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str) and (match := _SIZE.match(value)):
        number = round(float(match.group(1)) * _MULTIPLIER[match.group(2).upper()])
    else:
        raise ValueError("must be a number such as 7000000000 or '7B'")
    if number <= 0:
        raise ValueError("must be greater than zero")
    return number


Url = Annotated[str, AfterValidator(_check_url), Field(json_schema_extra={"format": "uri"})]
PartialDate = Annotated[
    str | dt.date,
    AfterValidator(_check_partial_date),
    Field(json_schema_extra={"pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}),
]
PastDate = Annotated[dt.date, AfterValidator(_check_past_date)]
Slug = Annotated[str, AfterValidator(_check_slug), Field(json_schema_extra={"pattern": SLUG_PATTERN})]
def _refuse_bool(value: object) -> object:
    if isinstance(value, bool):
        raise ValueError("must be a number, not true or false")
    return value


Count = Annotated[int | str, BeforeValidator(_refuse_bool), AfterValidator(_check_count)]
WholeNumber = Annotated[int, BeforeValidator(_refuse_bool)]
Line = Annotated[str, Field(min_length=1, max_length=300, pattern=r"^[^\n\r]*$")]
Prose = Annotated[str, Field(min_length=1, max_length=20_000)]
# An SPDX licence expression (`Apache-2.0`, `MIT AND CC-BY-4.0`), a `LicenseRef-<id>` of
# catalog/licenses/, or `unknown`.  Parsed and resolved by generator.licenses.
LicenseExpression = Annotated[str, Field(min_length=1, max_length=300, examples=["Apache-2.0", "LicenseRef-gemma-terms"])]


class Strict(BaseModel):
    """Unknown keys are errors: a typo must not silently drop a fact."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class Source(Strict):
    url: Url = Field(description="The page, file or paper that was read.")
    about: Line | None = Field(None, description="Which facts this source supports, and what was read there.")


class Entry(Strict):
    """Fields every entry has.  The id is the file's stem, never a field."""

    name: Line = Field(description="The name as its makers write it.")
    summary: Line = Field(description="One plain sentence.")
    description: Prose | None = Field(None, description="Markdown: paragraphs, lists, emphasis and http(s) links.")
    homepage: Url | None = Field(None, description="The official home page.")
    sources: list[Source] = Field(min_length=1, description="Where the facts in this entry come from.")
    added: PastDate = Field(description="When the entry joined the catalog.")
    updated: PastDate | None = Field(None, description="When the entry was last revised, if it was.")
    tags: list[Slug] = Field([], description="Free tags, as ids.")
