"""Load and validate the knowledge data files.

Two kinds of data file:

* price-list facts (rates, zones, bundles, ...: ``price_lists.FILES``) live in each price
  list version, ``knowledge/data/price_lists/<valid_from>/<name>.yml``; ``load(name)``
  reads them from the version in use (``knowledge.price_lists``: the one valid today, or
  the one chosen with ``price_lists.valid_on(day)``);
* the rest (country names, the KPN Pay page) is ``knowledge/data/<name>.yml``.

Convention (generic, so every data file gets the same treatment):

* ``load(name)`` reads the file and, when ``knowledge/schemas/<name>.schema.yml`` exists,
  validates it against that JSON Schema (written in YAML). Adding a data file plus a
  schema file of the same name is all it takes; no registry to edit. Files without a
  schema are still parsed and checked.
* Checks on every file, schema or not: valid YAML, no duplicate keys (PyYAML would
  silently keep the last one), no floats anywhere (amounts are decimal strings such as
  "0.073"; a float would already have lost precision when parsed).
* Any problem raises ``knowledge.errors.DataFileError`` naming the file (its path in the
  project, e.g. ``knowledge/data/price_lists/2020-09-28/rates.yml``), the entry (path
  inside the file, e.g. ``roaming[1] (VOORDEEL).data_per_mb``) and what is wrong.
* Results are cached per file (``functools.lru_cache``); callers must treat them as read-only.
* ``knowledge.validate`` checks everything at once (``make validate``, before every start).
"""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, Iterable

import jsonschema
import yaml

from knowledge.errors import DataFileError

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
DATA_DIR = PACKAGE_DIR / "data"
SCHEMA_DIR = PACKAGE_DIR / "schemas"

# Keys whose value names an entry well enough to mention it in an error message.
_NAME_KEYS = ("id", "name", "code", "zone", "from_zone", "key", "product", "prefix")


# libyaml's parser (PyYAML's C extension, in its wheels) reads the data files ~10x faster than
# the pure-Python one, with the same safe constructors; the pure one where it is missing.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_SAFE_LOADER):  # type: ignore[misc, valid-type]
    """SafeLoader that rejects duplicate mapping keys."""


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen.add(key)
    return _SAFE_LOADER.construct_mapping(loader, node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _entry_path(document: Any, path: Iterable[Any]) -> str:
    """Render a jsonschema path as ``a.b[2] (NAME).c`` using the document for entry names."""
    parts: list[str] = []
    node = document
    for step in path:
        if isinstance(step, int):
            label = f"[{step}]"
            try:
                node = node[step]
            except (IndexError, KeyError, TypeError):
                node = None
            if isinstance(node, dict):
                for key in _NAME_KEYS:
                    if isinstance(node.get(key), (str, int)):
                        label += f" ({node[key]})"
                        break
            parts.append(label)
        else:
            parts.append(("." if parts else "") + str(step))
            node = node.get(step) if isinstance(node, dict) else None
    return "".join(parts) or "(top level)"


def _find_floats(node: Any, path: tuple[Any, ...] = ()) -> Iterable[tuple[tuple[Any, ...], float]]:
    if isinstance(node, float):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _find_floats(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _find_floats(value, path + (index,))


def display_path(path: Path) -> str:
    """How an error names a file: its path in the project, else its full path.

    >>> display_path(DATA_DIR / "countries.yml")
    'knowledge/data/countries.yml'
    """
    resolved = path.resolve()
    try:
        return resolved.relative_to(PROJECT_DIR).as_posix()
    except ValueError:
        return resolved.as_posix()


def _read_yaml(path: Path) -> Any:
    if not path.is_file():
        raise DataFileError(display_path(path), "(file)", "file not found")
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=_StrictLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else "(file)"
        problem = getattr(exc, "problem", None) or str(exc)
        raise DataFileError(display_path(path), where, f"invalid YAML: {problem}") from exc


def load_file(data_path: Path, schema_path: Path | None = None) -> Any:
    """Parse one data file and validate it (schema optional); raise DataFileError on problems.

    Example: ``load_file(Path("knowledge/data/countries.yml"), Path("knowledge/schemas/countries.schema.yml"))``
    """
    document = _read_yaml(data_path)
    file = display_path(data_path)
    if document is None:
        raise DataFileError(file, "(file)", "file is empty")
    for path, value in _find_floats(document):
        raise DataFileError(file, _entry_path(document, path),
                            f"{value!r} is a float; write amounts as quoted decimal strings")
    if schema_path is not None:
        schema = _read_yaml(schema_path)
        validator_class = jsonschema.validators.validator_for(schema)
        try:
            validator_class.check_schema(schema)
        except jsonschema.SchemaError as exc:
            raise DataFileError(display_path(schema_path), "(schema)", exc.message) from exc
        errors = sorted(validator_class(schema).iter_errors(document),
                        key=lambda e: [str(p) for p in e.absolute_path])
        if errors:
            first = errors[0]
            more = f" (and {len(errors) - 1} more problem(s))" if len(errors) > 1 else ""
            raise DataFileError(file, _entry_path(document, first.absolute_path),
                                _message(first) + more)
    return document


# The schemas' pattern for an amount in euros ("0.073", "19.00").
AMOUNT_PATTERN = r"^\d+\.\d{2,4}$"


def _message(error: jsonschema.ValidationError) -> str:
    """jsonschema's message, in words for the one pattern a maintainer meets most: amounts."""
    if error.validator == "pattern" and error.validator_value == AMOUNT_PATTERN:
        return (f"{error.instance!r} does not match the amount format: euros with a decimal point and "
                '2 to 4 decimals, quoted (e.g. "1.10")')
    return error.message


def schema_path_for(name: str) -> Path | None:
    """The schema file for data file ``name`` if there is one.

    >>> schema_path_for("rates").name
    'rates.schema.yml'
    """
    path = SCHEMA_DIR / f"{name}.schema.yml"
    return path if path.is_file() else None


def path_for(name: str) -> Path:
    """The file ``load(name)`` reads: in the price list in use, or in ``knowledge/data/``.

    >>> path_for("rates").relative_to(DATA_DIR).as_posix()
    'price_lists/2020-09-28/rates.yml'
    >>> path_for("kpn_pay").relative_to(DATA_DIR).as_posix()
    'kpn_pay.yml'
    """
    from knowledge import price_lists  # price_lists reads its version files with this module

    if name in price_lists.FILES:
        return price_lists.active().file(name)
    return DATA_DIR / f"{name}.yml"


def load(name: str) -> Any:
    """Load data file ``name`` (from the price list in use when it is a price-list file),
    validated against its schema; cached per file.

    >>> load("rates")["out_of_bundle_nl_eu"]["call_per_minute"]
    '0.23'
    """
    return _load_path(path_for(name), name)


@functools.lru_cache(maxsize=None)
def _load_path(path: Path, name: str) -> Any:
    return load_file(path, schema_path_for(name))


def shared_file_names() -> list[str]:
    """Names (without ``.yml``) of the data files that are the same for every price list.

    >>> shared_file_names()
    ['countries', 'kpn_pay']
    """
    return sorted(path.name[: -len(".yml")] for path in DATA_DIR.glob("*.yml"))


def data_file_names() -> list[str]:
    """Names (without ``.yml``) of every data file: shared ones and price-list ones, sorted.

    >>> "rates" in data_file_names() and "countries" in data_file_names()
    True
    """
    from knowledge import price_lists

    return sorted(set(shared_file_names()) | set(price_lists.FILES))


def validate_all() -> list[str]:
    """Load and validate every data file of the price list in use and the shared ones;
    return the names checked (raises on the first bad one). ``knowledge.validate`` checks
    every version and reports every problem.

    >>> "countries" in validate_all()
    True
    """
    names = data_file_names()
    for name in names:
        load(name)
    return names
