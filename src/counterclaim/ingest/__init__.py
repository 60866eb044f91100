"""Readers: files, pages, feeds and records turned into ``Article``s. Nothing else reads files.

``read_paths`` walks files, folders, JSON(L) and standard input in order; ``check_article`` is
what every article passes before analysis.
"""

from .checks import check_article, set_max_bytes
from .readers import Item, Overrides, count_items, parse_bytes, read_path, read_paths

__all__ = [
    "Item",
    "Overrides",
    "check_article",
    "count_items",
    "parse_bytes",
    "read_path",
    "read_paths",
    "set_max_bytes",
]
