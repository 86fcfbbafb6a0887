"""The few site settings the generator reads from mkdocs.yml, so there is one place to set them.

- `site_url`: where the site is served; when set, badge embed snippets and the feed use
  absolute addresses, otherwise paths relative to the site root.
- `repo_url`: the repository holding catalog/; when set, every entry page links to "edit
  this entry" at `<repo_url>/<extra.entry_edit_uri><catalog path>`; when not set, no link.
- `extra.entry_edit_uri`: defaults to `edit/main/` (GitHub's form; GitLab's is `-/edit/main/`).
- `theme.custom_dir`: theme overrides; a change there rebuilds every page (generator/site/).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

DEFAULT_EDIT_URI = "edit/main/"


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml may hold `!!python/name:` and `!ENV` tags; they mean nothing here."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class SiteSettings:
    site_url: str | None = None
    repo_url: str | None = None
    entry_edit_uri: str = DEFAULT_EDIT_URI
    custom_dir: str | None = None

    def edit_url(self, catalog_path: str) -> str | None:
        if not self.repo_url:
            return None
        return f"{self.repo_url.rstrip('/')}/{self.entry_edit_uri.strip('/')}/{catalog_path.lstrip('/')}"

    def absolute(self, path_from_root: str) -> str | None:
        """The address of a file of the site, when the site's address is known."""
        if not self.site_url:
            return None
        return f"{self.site_url.rstrip('/')}/{path_from_root.lstrip('/')}"


def _http_url(value) -> str | None:
    if isinstance(value, str) and value.strip().lower().startswith(("https://", "http://")) and not any(
        ch.isspace() or ch in "<>\"'`" for ch in value.strip()
    ):
        return value.strip()
    return None


def read_settings(mkdocs_config: Path) -> SiteSettings:
    try:
        config = yaml.load(mkdocs_config.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
    except (OSError, yaml.YAMLError):
        return SiteSettings()
    extra = config.get("extra") if isinstance(config.get("extra"), dict) else {}
    edit_uri = extra.get("entry_edit_uri")
    theme = config.get("theme") if isinstance(config.get("theme"), dict) else {}
    custom_dir = theme.get("custom_dir")
    return SiteSettings(
        site_url=_http_url(config.get("site_url")),
        repo_url=_http_url(config.get("repo_url")),
        entry_edit_uri=edit_uri if isinstance(edit_uri, str) and edit_uri.strip() else DEFAULT_EDIT_URI,
        custom_dir=custom_dir if isinstance(custom_dir, str) and custom_dir.strip() else None,
    )
