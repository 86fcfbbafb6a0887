"""Make contributor text inert in generated Markdown.

Everything a template prints is escaped unless it is `Markup` made here: plain text becomes
literal text (no HTML, no Markdown syntax), and Markdown prose is rendered and then sanitised
to an allow-list, so a contributor can write emphasis and http(s) links but never a tag,
an attribute or a `javascript:` URL.
"""
from __future__ import annotations

import html
import json
import re
from functools import lru_cache

import markdown
import nh3
from markupsafe import Markup

_MARKDOWN_ESCAPES = str.maketrans({char: "\\" + char for char in "\\`*_{}[]()#+-.!|"})
_SAFE_TAGS = {"p", "a", "em", "strong", "code", "pre", "ul", "ol", "li", "blockquote", "br", "hr", "h3", "h4"}
_SAFE_ATTRIBUTES = {"a": {"href"}}
_SAFE_SCHEMES = {"http", "https", "mailto"}
_SAFE_URL = re.compile(r"^https?://[^\s<>\"'`\\]+$", re.IGNORECASE)


def is_safe_url(url: str) -> bool:
    """An absolute http(s) URL that cannot leave its attribute or link destination."""
    return bool(_SAFE_URL.match(url))


def md_text(value: object) -> Markup:
    """Literal text, safe anywhere inline in Markdown, including table cells."""
    if isinstance(value, Markup):
        return value
    return Markup(_literal(str(value)))


@lru_cache(maxsize=1 << 16)
def _literal(text: str) -> str:
    # Remembered: the same names, licences and words recur on thousands of pages.
    text = html.escape(" ".join(text.split()), quote=True).replace("&#x27;", "'").replace("&quot;", '"')
    # `~` has no Markdown escape, and `~~~` at the start of a line would open a code fence.
    return text.translate(_MARKDOWN_ESCAPES).replace("~", "&#126;")


def md_prose(value: str | None) -> Markup:
    """Contributor Markdown → sanitised HTML, emitted as one raw block."""
    if not value:
        return Markup("")
    rendered = markdown.markdown(html.escape(value, quote=False), output_format="html")
    cleaned = nh3.clean(
        rendered,
        tags=_SAFE_TAGS,
        attributes=_SAFE_ATTRIBUTES,
        url_schemes=_SAFE_SCHEMES,
        link_rel="nofollow noopener noreferrer",
        strip_comments=True,
    )
    # Fences are found before raw HTML is set aside, so no line of the block may look like one.
    cleaned = cleaned.replace("~", "&#126;").replace("`", "&#96;")
    return Markup(f'<div class="atlas-prose">\n{cleaned}\n</div>')


def md_link(label: object, url: str) -> Markup:
    """A link to a URL the schema has already restricted to http(s) without spaces or quotes."""
    if not is_safe_url(url):
        return md_text(label)
    return Markup(f"[{md_text(label)}](<{url}>)")


def md_page_link(label: object, target: str) -> Markup:
    """A link to another generated page, by its path relative to the current page."""
    return Markup(f"[{md_text(label)}]({target})")


def md_codeblock(code: str, language: str) -> Markup:
    """A fenced block no line of the code can close early."""
    longest = max((len(run) for run in re.findall(r"~+", code)), default=0)
    fence = "~" * max(3, longest + 1)
    lang = language if re.fullmatch(r"[a-z]+", language) else "text"
    return Markup(f"{fence} {lang}\n{code.rstrip()}\n{fence}")


def page_title(value: object) -> Markup:
    """A page title for front matter.  The theme prints titles through `striptags`, which
    removes tags but turns entities back into characters, so the characters that could
    become markup are left out rather than escaped."""
    text = re.sub(r"[<>&\\`]", "", " ".join(str(value).split()))
    return Markup(json.dumps(text, ensure_ascii=True))


def md_code(value: object) -> Markup:
    """An inline code span; Markdown shows its content literally, so it is not escaped."""
    text = " ".join(str(value).split())
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return Markup(f"{fence}{pad}{text}{pad}{fence}")


def html_text(value: object) -> Markup:
    """Literal text for a raw HTML block (where Markdown escapes would show): element text or a
    double-quoted attribute value.  Raw HTML blocks are passed through by Markdown untouched."""
    if isinstance(value, Markup):
        return value
    return Markup(html.escape(" ".join(str("" if value is None else value).split()), quote=True))
