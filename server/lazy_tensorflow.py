"""TensorFlow only when a component needs it.

No component of ours uses TensorFlow, yet importing Rasa and spaCy imported it at every
start: 3-6 s of the start-up and ~270 MB (RSS 757 -> 488 MB in `make bench`), for nothing.
Three import paths did it, and each is deferred here (installed by server/cli.py before Rasa
is imported; every Rasa command):

1. **thinc** (spaCy's machine-learning library) tries `import tensorflow` at import time to
   offer its TensorFlow wrapper layers (`thinc.compat.has_tensorflow`). Our spaCy pipeline
   (tokenizer + lookup lemmatizer) has no such layer, so thinc is imported once while
   TensorFlow is hidden, and TensorFlow is visible again right after for whoever needs it.
2. **`rasa.utils.train_utils`** (imported by the entity-extractor base class, the policy
   featurizers and `rasa.validator`) imports Rasa's TensorFlow callbacks at its top. It is
   loaded lazily (importlib's LazyLoader): the module runs at its first attribute access,
   which only a TensorFlow model (DIET, TED) makes.
3. **A model's training graph** is read when the model is loaded, and reading a graph imports
   every component class in it, the recipe validator among them (which imports DIET, TED and
   the other TensorFlow models). Serving runs the prediction graph only, so the training
   graph is read when something first asks for its nodes (`LazyGraphSchema`).

A model with a TensorFlow component (plain Rasa's DIET/TED) still loads: its prediction
graph imports them, and TensorFlow with them. Tests: tests/test_lazy_tensorflow.py.
"""
from __future__ import annotations

import importlib.abc
import importlib.util
import sys
from typing import Any, Dict, Optional, Sequence, Text

LAZY_MODULES = frozenset({"rasa.utils.train_utils"})
ORIGINALS: dict = {}  # "module:attribute" -> what a patch replaced (tests pin them)


class _LazyModuleKeepingSpec(importlib.util._LazyModule):  # type: ignore[name-defined]
    """importlib's lazy module, except that reading `__spec__` does not run it: every later
    `import rasa.utils.train_utils` statement reads it (to see whether the module is still
    initialising) and would otherwise load TensorFlow right there."""

    def __getattribute__(self, attr: str) -> Any:
        if attr == "__spec__":
            return object.__getattribute__(self, "__dict__")["__spec__"]
        return super().__getattribute__(attr)


class _SpecKeepingLazyLoader(importlib.util.LazyLoader):
    def exec_module(self, module: Any) -> None:
        super().exec_module(module)
        module.__class__ = _LazyModuleKeepingSpec


class _LazyModules(importlib.abc.MetaPathFinder):
    """Finds the modules in LAZY_MODULES as the other finders do, with a lazy loader."""

    def find_spec(self, name: str, path: Optional[Sequence[str]], target: Any = None) -> Any:
        if name not in LAZY_MODULES:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None and spec.loader is not None:
                spec.loader = _SpecKeepingLazyLoader(spec.loader)
                return spec
        return None


def _thinc_without_tensorflow() -> None:
    if "thinc.compat" in sys.modules or "tensorflow" in sys.modules:
        return  # too late (or TensorFlow is wanted already): leave thinc as it is
    sys.modules["tensorflow"] = None  # type: ignore[assignment]  # `import tensorflow` raises ImportError
    try:
        import thinc.compat  # noqa: F401
    finally:
        del sys.modules["tensorflow"]


def _lazy_train_schema() -> None:
    from rasa.engine.graph import GraphSchema
    from rasa.engine.storage.storage import ModelMetadata

    class LazyGraphSchema(GraphSchema):
        """A graph schema read from its dictionary when its nodes are first asked for."""

        def __init__(self, serialized: Dict[Text, Any]) -> None:  # noqa: D107 (no dataclass init)
            self._serialized = serialized
            self._nodes: Optional[Dict[Text, Any]] = None

        @property  # type: ignore[override]
        def nodes(self) -> Dict[Text, Any]:
            if self._nodes is None:
                self._nodes = GraphSchema.from_dict(self._serialized).nodes
            return self._nodes

    original = ModelMetadata.from_dict.__func__  # type: ignore[attr-defined]
    ORIGINALS["rasa.engine.storage.storage:ModelMetadata.from_dict"] = original

    def from_dict(cls: type, serialized: Dict[Text, Any]) -> ModelMetadata:
        metadata = original(cls, {**serialized, "train_schema": {"nodes": {}}})
        metadata.train_schema = LazyGraphSchema(serialized["train_schema"])
        return metadata

    ModelMetadata.from_dict = classmethod(from_dict)  # type: ignore[assignment]


def install() -> None:
    """Before Rasa or spaCy is imported (idempotent)."""
    if ORIGINALS:
        return
    if not any(isinstance(finder, _LazyModules) for finder in sys.meta_path):
        sys.meta_path.insert(0, _LazyModules())
    _thinc_without_tensorflow()
    _lazy_train_schema()
