"""A folder of price-list versions that holds the seed list alone, for PRICE_LISTS_ROOT:
tests written against the 2020 document keep holding after a maintainer adds a newer real
list beside it (knowledge/data/price_lists/)."""
from __future__ import annotations

import os
from pathlib import Path

from knowledge import price_lists


def seed_only_root(folder: Path) -> Path:
    """`folder`, holding a link to the seed list (KPN_PRICE_LIST, set by tests/conftest.py) only."""
    seed = os.environ["KPN_PRICE_LIST"]
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    (folder / seed).symlink_to(price_lists.ROOT / seed, target_is_directory=True)
    return folder
