"""The cache of parsed top-level items that `parse` shares with every caller (no Lark import)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lark import Token, Tree


class ItemCache:
    """Parse trees of top-level items keyed by their text, least recently used dropped first.

    An item is the lines from one top-level line to the next (comments and blank lines
    after it included). Its tree does not depend on what surrounds it, so after an edit
    only the items whose text changed are parsed again; every caller of `parse` shares it.
    Values hold the trees of the item's top-level nodes with the line, within the text the
    item was parsed from, at which it began (token lines are relative to that text).
    """

    def __init__(self, limit: int = 50_000) -> None:
        self.limit = limit
        self.items: dict[str, tuple[int, tuple[Tree[Token], ...]]] = {}
        self.hits = 0
        self.misses = 0

    def get(self, key: str) -> tuple[int, tuple[Tree[Token], ...]] | None:
        found = self.items.pop(key, None)
        if found is not None:
            self.items[key] = found  # now the most recently used
        return found

    def put(self, key: str, value: tuple[int, tuple[Tree[Token], ...]]) -> None:
        self.items[key] = value
        if len(self.items) > self.limit:
            # Drop the oldest tenth at once: dicts keep insertion order.
            for old in list(self.items)[: max(self.limit // 10, 1)]:
                del self.items[old]

    def clear(self) -> None:
        self.items.clear()
        self.hits = self.misses = 0


ITEM_CACHE = ItemCache()
