"""Load the catalogs: `actions/phrasebook/<language>/<topic>.yml`, keys `<topic>.<name>`,
values Python format strings; and the English names of Dutch terms from knowledge/."""
from __future__ import annotations

import functools
import string
from pathlib import Path
from typing import Mapping

import yaml

HERE = Path(__file__).resolve().parent
LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"
TERMS_FILE = HERE / "terms_en.yml"


class PhrasebookError(Exception):
    """An unknown key, a missing value or a broken template: a bug, never the user's fault."""


@functools.lru_cache(maxsize=None)
def catalog(language: str) -> Mapping[str, str]:
    """Every template of one language, by key."""
    if language not in LANGUAGES:
        raise PhrasebookError(f"unknown language {language!r}")
    templates: dict[str, str] = {}
    for path in sorted((HERE / language).glob("*.yml")):
        entries = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if not isinstance(entries, dict):
            raise PhrasebookError(f"{path.name}: a catalog is a mapping of key to template")
        for key, template in entries.items():
            if not str(key).startswith(f"{path.stem}."):
                raise PhrasebookError(f"{language}/{path.name}: key {key!r} must start with '{path.stem}.'")
            if not isinstance(template, str):
                raise PhrasebookError(f"{language}/{path.name}: {key} is not a string")
            templates[key] = template
    return templates


def template(key: str, language: str) -> str:
    try:
        return catalog(language)[key]
    except KeyError:
        raise PhrasebookError(f"no phrase {key!r} in the {language!r} catalog") from None


@functools.lru_cache(maxsize=4096)
def fields(text: str) -> tuple[tuple[str, str], ...]:
    """The (name, format spec) of every placeholder in a template, in order."""
    found = []
    try:
        for _, name, spec, conversion in string.Formatter().parse(text):
            if name is None:
                continue
            if not name.isidentifier() or conversion:
                raise PhrasebookError(f"placeholder {{{name}}} in {text!r}: use a plain name, no conversions")
            found.append((name, spec or ""))
    except ValueError as error:
        raise PhrasebookError(f"broken template {text!r}: {error}") from None
    return tuple(found)


@functools.lru_cache(maxsize=1)
def english_terms() -> Mapping[str, str]:
    """Dutch wording that knowledge/ holds (price-list rows, field names) -> English."""
    entries = yaml.safe_load(TERMS_FILE.read_text(encoding="utf-8")) or {}
    return {str(k): str(v) for k, v in entries.items()}
