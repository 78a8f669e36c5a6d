"""Numbers from the environment, with a default for a missing or malformed value."""
from __future__ import annotations

import logging
import os

logger = logging.getLogger(__name__)


def env_number(name: str, default: float, allow_zero: bool = True) -> float:
    """``float(os.environ[name])``, else ``default`` (with a warning when the value is not a
    number or is negative, or zero where zero makes no sense).

    >>> env_number("KPN_NOT_SET", 5.0)
    5.0
    """
    try:
        value = float(os.environ.get(name, default))
    except ValueError:
        logger.warning("%s is not a number; using %s", name, default)
        return default
    if value < 0 or (value == 0 and not allow_zero):
        logger.warning("%s must be %s; using %s", name, "0 or more" if allow_zero else "more than 0", default)
        return default
    return value
