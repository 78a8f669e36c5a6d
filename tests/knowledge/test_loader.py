from pathlib import Path

import pytest

from knowledge import loader
from knowledge.errors import DataFileError

SCHEMA = """
$schema: "https://json-schema.org/draft/2020-12/schema"
type: object
required: [items]
properties:
  items:
    type: array
    items:
      type: object
      required: [name, price, source]
      properties:
        name: {type: string}
        price: {type: string, pattern: "^\\\\d+\\\\.\\\\d{2,4}$"}
        source: {type: string}
"""


@pytest.fixture
def schema(tmp_path: Path) -> Path:
    path = tmp_path / "things.schema.yml"
    path.write_text(SCHEMA, encoding="utf-8")
    return path


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "things.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_file_loads(tmp_path, schema):
    data = loader.load_file(write(tmp_path, "items:\n  - {name: a, price: '1.00', source: x}\n"), schema)
    assert data["items"][0]["price"] == "1.00"


@pytest.mark.parametrize("text, entry, problem", [
    # float amount: rejected before the schema even looks at it
    ("items:\n  - {name: a, price: 1.5, source: x}\n", "items[0] (a).price", "float"),
    # wrong pattern
    ("items:\n  - {name: a, price: '1,50', source: x}\n", "items[0] (a).price", "does not match"),
    # missing source
    ("items:\n  - {name: a, price: '1.50'}\n  - {name: b, price: '2.00', source: y}\n",
     "items[0] (a)", "'source' is a required property"),
    # second entry broken: the entry index and name are reported
    ("items:\n  - {name: a, price: '1.00', source: x}\n  - {name: b, price: 2, source: y}\n",
     "items[1] (b).price", "is not of type 'string'"),
    # missing top-level key
    ("other: 1\n", "(top level)", "'items' is a required property"),
])
def test_broken_file_names_file_entry_and_problem(tmp_path, schema, text, entry, problem):
    with pytest.raises(DataFileError) as info:
        loader.load_file(write(tmp_path, text), schema)
    error = info.value
    assert error.file == (tmp_path / "things.yml").resolve().as_posix()  # outside the project: full path
    assert error.entry == entry
    assert problem in error.problem
    assert str(error).startswith(f"{error.file}: {entry}: ")


def test_duplicate_keys_are_refused(tmp_path):
    with pytest.raises(DataFileError) as info:
        loader.load_file(write(tmp_path, "a: 1\nb: 2\na: 3\n"))
    assert "duplicate key 'a'" in info.value.problem
    assert info.value.entry == "line 3"


def test_invalid_yaml(tmp_path):
    with pytest.raises(DataFileError) as info:
        loader.load_file(write(tmp_path, "items: [unclosed\n"))
    assert info.value.file.endswith("/things.yml")
    assert "invalid YAML" in info.value.problem


def test_missing_and_empty_files(tmp_path):
    with pytest.raises(DataFileError, match="file not found"):
        loader.load_file(tmp_path / "nope.yml")
    with pytest.raises(DataFileError, match="file is empty"):
        loader.load_file(write(tmp_path, "# nothing\n"))


def test_floats_are_refused_without_schema(tmp_path):
    with pytest.raises(DataFileError, match="float"):
        loader.load_file(write(tmp_path, "rate: 0.073\n"))


def test_yaml_norway_trap_is_caught_by_the_schema(tmp_path):
    # YAML 1.1 reads an unquoted NO as False: the zones schema must refuse it.
    text = loader.path_for("zones").read_text(encoding="utf-8")
    broken = text.replace('{code: "NO", source:', "{code: NO, source:")
    assert broken != text
    path = tmp_path / "zones.yml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        loader.load_file(path, loader.schema_path_for("zones"))
    assert "roam_like_home" in info.value.entry and "False" in info.value.problem


def test_invalid_schema_is_reported(tmp_path):
    bad_schema = tmp_path / "bad.schema.yml"
    bad_schema.write_text("type: 12\n", encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        loader.load_file(write(tmp_path, "a: 1\n"), bad_schema)
    assert info.value.file.endswith("/bad.schema.yml")


def test_every_data_file_validates_and_has_a_schema():
    names = loader.validate_all()
    assert {"countries", "rates", "zones", "bundles", "subscriptions", "extras", "insurance", "services",
            "terms", "date_rules", "kpn_pay"} <= set(names)
    for name in names:
        assert loader.schema_path_for(name) is not None, f"{name}.yml has no schema"


def test_load_is_cached():
    assert loader.load("rates") is loader.load("rates")


def test_files_are_shared_or_per_price_list():
    assert loader.shared_file_names() == ["countries", "kpn_pay"]
    assert loader.path_for("kpn_pay") == loader.DATA_DIR / "kpn_pay.yml"
    assert loader.path_for("rates").parent.name == "2020-09-28"
    with pytest.raises(DataFileError) as info:
        loader.load_file(loader.DATA_DIR / "nope.yml")
    assert info.value.file == "knowledge/data/nope.yml"  # inside the project: its path there


def test_schema_path_for_unknown_name():
    assert loader.schema_path_for("does_not_exist") is None
    with pytest.raises(DataFileError, match="file not found"):
        loader.load("does_not_exist")


def _walk(node, path=()):
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from _walk(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _walk(value, path + (index,))


K1_FILES = ["countries", "rates", "zones", "bundles", "subscriptions", "extras", "insurance", "services",
            "terms", "kpn_pay"]


@pytest.mark.parametrize("name", K1_FILES)
def test_every_entry_carries_a_source(name):
    """Each top-level section and each list entry (mapping) names its source section."""
    data = loader.load(name)
    for key, section in data.items():
        # aliases and demonyms are ways of naming a country, not facts from the price list
        if not isinstance(section, dict) or key in ("aliases", "weak_aliases", "demonyms") or "source" in section:
            continue
        # a grouping section without its own source: every sub-section must have one
        for sub_key, sub in section.items():
            if isinstance(sub, dict):
                assert sub.get("source"), f"{name}.yml {key}.{sub_key} has no source"
    for path, node in _walk(data):
        if path and isinstance(path[-1], int):
            assert node.get("source"), f"{name}.yml {path} has no source"
