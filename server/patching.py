"""Guard for the patches of Rasa internals in server/ (speed-ups, caches, bounded payloads).

Every patched or re-implemented Rasa function is pinned by a hash of its source code (the
module's PINS); tests/test_server_speedups.py fails on any changed pin, so a Rasa upgrade
shows at once which patch must be looked at again. At run time ``install()`` applies a
patch only under the Rasa version the pins were taken from (PINNED_RASA; hashing the
sources at every start would cost a second), and otherwise leaves Rasa as it is and logs a
warning: the assistant stays correct, only slower.
"""
from __future__ import annotations

import ast
import hashlib
import importlib.util
import logging
from pathlib import Path
from typing import Dict, Iterable, List

logger = logging.getLogger(__name__)


def _source_of(dotted: str) -> str:
    """Source text of a module, or of a module-level or class-level function or class,
    read from the installed file (so a patch applied at run time does not hide Rasa's own
    code)."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            spec = importlib.util.find_spec(".".join(parts[:cut]))
        except ImportError:
            continue
        if spec is None or not spec.origin or not spec.origin.endswith(".py"):
            continue
        text = Path(spec.origin).read_text(encoding="utf-8")
        if cut == len(parts):
            return text
        body = ast.parse(text).body
        node = None
        for name in parts[cut:]:
            node = next((n for n in body if isinstance(
                n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and n.name == name), None)
            if node is None:
                raise LookupError(dotted)
            body = getattr(node, "body", [])
        segment = ast.get_source_segment(text, node) if node is not None else None
        if segment is None:
            raise LookupError(dotted)
        return segment
    raise LookupError(dotted)


def source_digest(dotted: str) -> str:
    """First 16 hex digits of the SHA-256 of the object's source code."""
    return hashlib.sha256(_source_of(dotted).encode()).hexdigest()[:16]


def changed(pins: Dict[str, str]) -> List[str]:
    """The pinned names whose source differs from the pin (or cannot be found)."""
    out = []
    for dotted, digest in pins.items():
        try:
            if source_digest(dotted) != digest:
                out.append(dotted)
        except (ImportError, LookupError, OSError, SyntaxError, ValueError):
            out.append(dotted)
    return out


PINNED_RASA = "3.6.21"


def unchanged(what: str, pins: Dict[str, str]) -> bool:
    """True under the pinned Rasa version; else a warning naming the patch."""
    from rasa.version import __version__

    if __version__ != PINNED_RASA:
        logger.warning("Not applying %s: it was written for Rasa %s, this is Rasa %s "
                       "(run the tests: tests/test_server_speedups.py names the changed "
                       "sources).", what, PINNED_RASA, __version__)
        return False
    return True


def all_pins(modules: Iterable[object]) -> Dict[str, str]:
    pins: Dict[str, str] = {}
    for module in modules:
        pins.update(getattr(module, "PINS", {}))
    return pins


if __name__ == "__main__":  # python -m server.patching server/x.py: the current digests
    import re
    import sys

    for path in sys.argv[1:]:
        names = re.findall(r'"(rasa\.[A-Za-z0-9_.]+)": "[0-9a-f]{16}"', open(path).read())
        for name in names:
            print(f'    "{name}": "{source_digest(name)}",')
