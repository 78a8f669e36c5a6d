"""Check every knowledge data file and every price list before anything uses them.

    python -m knowledge.validate [--quiet]     # make validate; scripts/stack.sh before a start

For the shared files (country names, KPN Pay) and for each price list version: every file
parses and matches its schema; each version is complete (an entry for every zone, plan,
fee, coverage, ... that the code reads by name), its references resolve (zone-to-zone
cells, ExtraOpties that are bundles, zone codes that are countries) and its rounded rates
are its exact ones rounded. Each problem is one line ``file: entry: problem``; the exit
status is 1 when there is any.
"""
from __future__ import annotations

import argparse
import sys
from typing import Any, Callable, Iterable, Iterator

from knowledge import loader, price_lists
from knowledge.errors import DataFileError
from knowledge.money import round_cents, to_decimal
from knowledge.price_lists import Version

# Entries the code reads by name, per file: (section, key field, values). A price list
# without one of them cannot answer some question, so it is incomplete.
_ZONES_ABROAD = ("VOORDEEL", "OVERIG", "SATELLIET")
_FROM_ZONES = ("NL_EU",) + _ZONES_ABROAD
REQUIRED: dict[str, tuple[tuple[str, str, tuple[str, ...]], ...]] = {
    "rates": (
        ("roaming", "zone", _ZONES_ABROAD),
        ("zone_to_zone.rows", "from_zone", _FROM_ZONES),
        ("from_netherlands", "zone", _FROM_ZONES),
        ("billing", "key", ("roaming_call_minimum", "sms_per_message", "data_per_kb")),
    ),
    "zones": (
        ("zones", "zone", ("NL",) + _FROM_ZONES),
        ("home", "code", ("NL",)),
    ),
    "subscriptions": (
        ("connection_fee", "product", ("phone", "tablet")),
        ("device_instalments", "product", ("phone", "tablet")),
    ),
    "insurance": (("coverages", "id", ("standaard", "extra")),),
    "services": (("voicemail", "id", ("receive_nl_eu", "call_back", "outside_eu")),),
    "terms": (
        ("notifications", "id", ("bundle", "hussel_unlimited_day_bundle", "buitenland_bundle",
                                 "internet_protection")),
        ("links", "id", ("latest_tariffs", "invoice")),
    ),
}
# Billing rules whose figure the code reads (key -> fields it needs besides text).
_BILLING_FIELDS = {"roaming_call_minimum": ("value", "applies_in_zones"), "sms_per_message": ("value",),
                   "data_per_kb": ("value",)}


def _section(document: Any, dotted: str) -> Any:
    node = document
    for part in dotted.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return node


def _keyed(entries: list[dict], field: str) -> dict[str, int]:
    return {str(entry.get(field)): index for index, entry in enumerate(entries)}


def _duplicates(file: str, section: str, entries: list[dict], field: str) -> Iterator[DataFileError]:
    seen: set[Any] = set()
    for index, entry in enumerate(entries):
        value = entry.get(field)
        if value in seen:
            yield DataFileError(file, f"{section}[{index}] ({value})", f"a second entry with {field} {value}")
        seen.add(value)


def _required(file: str, data: Any, rules: Iterable[tuple[str, str, tuple[str, ...]]]) -> Iterator[DataFileError]:
    for section, field, values in rules:
        entries = _section(data, section) or []
        present = _keyed(entries, field)
        for value in values:
            if value not in present:
                yield DataFileError(file, section, f"no entry with {field} {value}; every price list needs one")
        yield from _duplicates(file, section, entries, field)


def _rounded(file: str, entry: str, shown: str, actual: str) -> Iterator[DataFileError]:
    if round_cents(to_decimal(actual)) != to_decimal(shown):
        yield DataFileError(file, entry, (f"shown rate {shown} is not the exact rate {actual} rounded to "
                                          "whole cents"))


def _check_rates(file: str, data: dict) -> Iterator[DataFileError]:
    billing = {rule["key"]: rule for rule in data["billing"]}
    for key, fields in _BILLING_FIELDS.items():
        for name in fields:
            if key in billing and name not in billing[key]:
                yield DataFileError(file, f"billing ({key})", f"'{name}' is missing; the code reads it")
    oob = data["out_of_bundle_nl_eu"]
    yield from _rounded(file, "out_of_bundle_nl_eu", oob["sms_shown"], oob["sms_actual"])
    for index, row in enumerate(data["from_netherlands"]):
        if "sms_actual" in row:
            yield from _rounded(file, f"from_netherlands[{index}] ({row['zone']})", row["sms_shown"], row["sms_actual"])


def _check_zones(file: str, data: dict) -> Iterator[DataFileError]:
    from knowledge import countries  # local: builds the name index (Babel) only when validating

    known = countries.known_codes()
    zone_of: dict[str, str] = {}
    for section in ("home", "roam_like_home", "voordeellanden", "satellite"):
        for index, entry in enumerate(data[section]):
            code = entry["code"]
            where = f"{section}[{index}] ({code})"
            if code not in known:
                yield DataFileError(file, where, ("unknown place code; use an ISO 3166 code or add the "
                                                  "place to knowledge/data/countries.yml places"))
            if code in zone_of:
                yield DataFileError(file, where, f"{code} is already listed under {zone_of[code]}; a place is in one zone")
            zone_of.setdefault(code, section)


def _check_bundles(file: str, data: dict) -> Iterator[DataFileError]:
    entries = data["buitenland_bundles"] + data["nl_eu_bundles"]
    yield from _duplicates(file, "buitenland_bundles + nl_eu_bundles", entries, "id")
    for section, allowed in (("buitenland_bundles", ("VOORDEEL", "OVERIG")), ("nl_eu_bundles", ("NL_EU",))):
        for index, entry in enumerate(data[section]):
            if entry["zone"] not in allowed:
                yield DataFileError(file, f"{section}[{index}] ({entry['id']}).zone",
                                    f"{entry['zone']} does not belong here (expected {' or '.join(allowed)})")


def _check_insurance(file: str, data: dict) -> Iterator[DataFileError]:
    for c_index, coverage in enumerate(data["coverages"]):
        previous = None
        for b_index, band in enumerate(coverage["bands"]):
            low, high = to_decimal(band["from"]), to_decimal(band["to"])
            where = f"coverages[{c_index}] ({coverage['id']}).bands[{b_index}]"
            if low > high:
                yield DataFileError(file, where, f"from {band['from']} is above to {band['to']}")
            if previous is not None and low <= previous:
                yield DataFileError(file, where, f"from {band['from']} overlaps the band before (to {previous})")
            previous = high


def _check_extras(file: str, data: dict, bundles: dict) -> Iterator[DataFileError]:
    bundle_ids = {entry["id"] for entry in bundles["nl_eu_bundles"]}
    yield from _duplicates(file, "extras", data["extras"], "id")
    for index, entry in enumerate(data["extras"]):
        if "bundle_id" in entry and entry["bundle_id"] not in bundle_ids:
            yield DataFileError(file, f"extras[{index}] ({entry['id']}).bundle_id",
                                f"{entry['bundle_id']} is not an nl_eu_bundles id in bundles.yml")
        if not ({"bundle_id", "price", "free", "price_text"} & set(entry)):
            yield DataFileError(file, f"extras[{index}] ({entry['id']})",
                                "no price: give price, free, price_text or bundle_id")


_CHECKS: dict[str, Callable[[str, dict], Iterator[DataFileError]]] = {
    "rates": _check_rates, "zones": _check_zones, "bundles": _check_bundles, "insurance": _check_insurance,
}


def _exercise() -> Iterator[tuple[str, Callable[[], Any]]]:
    """Every accessor of the price-list facts, as (name, call): each must work on a complete list."""
    from knowledge import bundles, contract_dates, countries, extras, insurance, roaming, services, \
        subscriptions, terms
    from knowledge.countries import Zone

    for zone in Zone:
        yield f"roaming.zone_rates({zone.value})", lambda zone=zone: roaming.zone_rates(zone)
        yield f"countries.zone_label({zone.value})", lambda zone=zone: countries.zone_label(zone)
        for to_zone in Zone:
            yield (f"roaming call rate {zone.value} -> {to_zone.value}",
                   lambda a=zone, b=to_zone: roaming._rate_between(a, b))
    for name, module in (("roaming", roaming), ("bundles", bundles), ("subscriptions", subscriptions),
                         ("extras", extras), ("insurance", insurance), ("services", services),
                         ("terms", terms), ("contract_dates", contract_dates)):
        for attr in sorted(vars(module)):
            func = getattr(module, attr)
            if (attr.startswith("_") or not callable(func) or isinstance(func, type)
                    or getattr(func, "__module__", None) != module.__name__):
                continue
            if _takes_no_arguments(func):
                yield f"{name}.{attr}()", func
    for coverage in insurance.Coverage:
        yield f"insurance.premium_table({coverage.value})", lambda c=coverage: insurance.premium_table(c)
    yield "subscriptions.device_instalments(tablet=True)", lambda: subscriptions.device_instalments(tablet=True)
    yield "bundles.cheapest_nl_eu_stack(1000)", lambda: bundles.cheapest_nl_eu_stack(1000)


def _takes_no_arguments(func: Callable[..., Any]) -> bool:
    import inspect

    try:
        parameters = inspect.signature(func).parameters.values()
    except (TypeError, ValueError):
        return False
    return all(p.default is not p.empty or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD) for p in parameters)


def check_version(version: Version) -> list[DataFileError]:
    """Every problem of one price list version (empty: complete and well-formed).

    >>> check_version(price_lists.find("2020-09-28"))
    []
    """
    problems: list[DataFileError] = []
    documents: dict[str, Any] = {}
    with price_lists.using(version):
        for name in price_lists.FILES:
            try:
                documents[name] = loader.load(name)
            except DataFileError as error:
                problems.append(error)
        if problems:
            return problems  # the checks below assume well-formed files
        from knowledge.dutch_dates import format_date

        text = version.source_document.read_text(encoding="utf-8")
        if format_date(version.valid_from) not in text:
            problems.append(DataFileError(
                loader.display_path(version.source_document), "(file)",
                f"does not mention {format_date(version.valid_from)} (valid_from): is it this version's price list?"))
        for name, document in documents.items():
            file = loader.display_path(version.file(name))
            problems += _required(file, document, REQUIRED.get(name, ()))
            if name in _CHECKS:
                try:
                    problems += _CHECKS[name](file, document)
                except DataFileError as error:  # a shared file it needs is broken (reported there)
                    problems.append(error)
        problems += _check_extras(loader.display_path(version.file("extras")), documents["extras"],
                                  documents["bundles"])
        if problems:
            return problems
        where = loader.display_path(version.path)
        for name, call in _exercise():
            try:
                call()
            except DataFileError as error:
                problems.append(error)
            except Exception as error:  # noqa: BLE001 - reported as the incomplete entry it shows
                problems.append(DataFileError(where, name, (
                    f"fails ({type(error).__name__}: {error}); an entry the code needs is missing or malformed")))
    return problems


def check_shared() -> list[DataFileError]:
    """Problems of the files every price list shares (country names, KPN Pay).

    >>> check_shared()
    []
    """
    problems: list[DataFileError] = []
    for name in loader.shared_file_names():
        try:
            loader.load(name)
        except DataFileError as error:
            problems.append(error)
    if not problems:
        from knowledge import countries, kpn_pay

        for name, call in (("countries index", countries.known_codes),
                           ("kpn_pay.setup_steps(ios)", lambda: kpn_pay.setup_steps("ios")),
                           ("kpn_pay.setup_steps(android)", lambda: kpn_pay.setup_steps("android")),
                           ("kpn_pay.limits()", kpn_pay.limits)):
            try:
                call()
            except DataFileError as error:
                problems.append(error)
            except Exception as error:  # noqa: BLE001
                problems.append(DataFileError("knowledge/data", name, f"fails ({type(error).__name__}: {error})"))
    return problems


def check_all() -> tuple[list[DataFileError], tuple[Version, ...]]:
    """Every problem of the shared files and of every known version, and the versions checked."""
    problems = check_shared()
    try:
        known = price_lists.versions()
    except DataFileError as error:
        return problems + [error], ()
    for version in known:
        problems += check_version(version)
    unique = {str(problem): problem for problem in problems}  # a broken shared file shows up per version too
    return list(unique.values()), known


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m knowledge.validate", description=__doc__.split("\n")[0])
    parser.add_argument("--quiet", "-q", action="store_true", help="print nothing when all is well")
    args = parser.parse_args(argv)
    problems, known = check_all()
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    if problems:
        print(f"knowledge data: {len(problems)} problem(s); fix the file(s) named above.", file=sys.stderr)
        return 1
    if not args.quiet:
        lists = ", ".join(f"{v.id} ({v.label})" for v in known)
        print(f"knowledge data OK: {', '.join(loader.shared_file_names())} and {len(known)} price list(s): {lists}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
