"""The catalog: loading entries from YAML and checking them, alone and together."""
from .kinds import BY_FOLDER, KINDS, Kind
from .validate import Catalog, load_and_validate

__all__ = ["BY_FOLDER", "KINDS", "Catalog", "Kind", "load_and_validate"]
