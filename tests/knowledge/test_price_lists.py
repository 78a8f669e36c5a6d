"""Price lists as dated versions: choosing the list by date, answers from the list chosen,
one rate in one place, kb-diff, and incomplete or malformed versions refused.

The second version, 2030-10-01, is a synthetic fixture (tests/knowledge/fixtures/), never
shipped: Voordeellanden calling € 1,10 (was € 1,00), NL/EU out of bundle € 0,25 (was
€ 0,23), Hussel 0 GB en 150 min/sms € 19,50 (was € 19,00), a Voordeellanden bundel 1000,
no Fax via sms, Marokko a Voordeelland.
"""
import asyncio
import re
import shutil
import subprocess
from datetime import date, datetime
from decimal import Decimal as D
from pathlib import Path

import pytest

from knowledge import bundles, countries, kb_diff, loader, price_lists, roaming, services, subscriptions, \
    terms, validate
from knowledge.countries import Zone
from knowledge.errors import DataFileError, KnowledgeInputError
from knowledge.price_lists import NoPriceListError
from tests.seed_price_list import seed_only_root

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "price_lists"
SHIPPED, FIXTURE = date(2020, 9, 28), date(2030, 10, 1)


@pytest.fixture(autouse=True)
def only_the_seed_list(tmp_path_factory, monkeypatch):
    """These tests are about choosing among versions: they see the seed list (2020-09-28)
    and the fixture only, also when a maintainer has added a newer real list beside it."""
    root = seed_only_root(tmp_path_factory.mktemp("shipped"))

    def forget_choices() -> None:  # as if the process started now
        for cached in (price_lists._env_roots, price_lists._valid_today, price_lists._pinned):
            cached.cache_clear()
        price_lists._active_cache[:] = [None, None, None]

    monkeypatch.setenv(price_lists.ROOT_ENV, str(root))
    forget_choices()
    yield
    monkeypatch.undo()
    forget_choices()


@pytest.fixture
def fixture_versions():
    with price_lists.extra_root(FIXTURES) as known:
        yield known


# ------------------------------------------------------------------ choosing a version

def test_the_shipped_list_is_the_only_real_version():
    assert [v.id for v in price_lists.versions()] == ["2020-09-28"]
    version = price_lists.active()
    assert version.valid_from == SHIPPED and version.label == "prijslijst van 28 september 2020"
    assert version.source_document.name == "source.txt" and version.source_document.is_file()


def test_the_fixture_is_known_only_inside_extra_root(fixture_versions):
    assert [v.id for v in fixture_versions] == ["2020-09-28", "2030-10-01"]
    assert price_lists.find("2030-10-01").label == "prijslijst van 1 oktober 2030"


def test_the_fixture_is_not_shipped():
    with pytest.raises(KeyError):
        price_lists.find("2030-10-01")


@pytest.mark.parametrize("day, expected", [
    (date(2020, 9, 27), None),                 # the day before the oldest list: none
    (date(2020, 9, 28), "2020-09-28"),          # its first day
    (date(2020, 9, 29), "2020-09-28"),
    (date(2030, 9, 30), "2020-09-28"),          # the day before the fixture
    (date(2030, 10, 1), "2030-10-01"),          # its first day
    (date(2030, 10, 2), "2030-10-01"),          # the day after
    (datetime(2030, 10, 1, 0, 0), "2030-10-01"),  # a moment counts by its day
])
def test_version_on_at_the_boundaries(fixture_versions, day, expected):
    found = price_lists.version_on(day)
    assert (found.id if found else None) == expected


def test_valid_on_selects_and_restores(fixture_versions):
    assert price_lists.active().id == "2020-09-28"
    with price_lists.valid_on(date(2030, 10, 1)) as version:
        assert version.id == "2030-10-01" and price_lists.active() is version
        with price_lists.valid_on(date(2021, 1, 1)):
            assert price_lists.active().id == "2020-09-28"
        assert price_lists.active().id == "2030-10-01"
    assert price_lists.active().id == "2020-09-28"


def test_no_list_before_the_oldest():
    with pytest.raises(NoPriceListError) as info:
        with price_lists.valid_on(date(2019, 6, 1)):
            pass
    assert isinstance(info.value, KnowledgeInputError)
    assert info.value.day == date(2019, 6, 1) and info.value.earliest == SHIPPED
    assert info.value.message == ("Ik heb geen prijslijst die op 1 juni 2019 gold; de oudste die ik ken "
                                  "geldt vanaf 28 september 2020.")


def test_without_valid_on_the_list_valid_today_applies(fixture_versions, monkeypatch):
    monkeypatch.setattr(price_lists, "_pinned", lambda: None)  # as in production: no KPN_PRICE_LIST
    monkeypatch.setattr(price_lists, "today", lambda: date(2030, 9, 30))
    assert price_lists.active().id == "2020-09-28"
    monkeypatch.setattr(price_lists, "today", lambda: date(2030, 10, 1))
    assert price_lists.active().id == "2030-10-01"


def test_a_pinned_list_answers_unless_a_day_is_asked_about(fixture_versions, monkeypatch):
    monkeypatch.setenv(price_lists.PIN_ENV, "2020-09-28")
    price_lists._pinned.cache_clear()  # read once per process: as if the process started now
    monkeypatch.setattr(price_lists, "today", lambda: date(2030, 10, 2))
    try:
        assert price_lists.active().id == "2020-09-28"  # a newer list does not change the tests' answers
        with price_lists.valid_on(date(2030, 10, 2)) as version:
            assert version.id == "2030-10-01" and price_lists.active() is version
    finally:
        monkeypatch.undo()
        price_lists._pinned.cache_clear()


def test_extra_folders_from_the_environment():
    with pytest.MonkeyPatch.context() as env:
        env.setenv(price_lists.EXTRA_ENV, str(FIXTURES))
        price_lists._env_roots.cache_clear()  # read once per process: as if the process started now
        assert [v.id for v in price_lists.versions()] == ["2020-09-28", "2030-10-01"]
    price_lists._env_roots.cache_clear()
    assert [v.id for v in price_lists.versions()] == ["2020-09-28"]


def test_each_conversation_keeps_its_own_list(fixture_versions):
    # asyncio tasks (the action server's concurrency) each see the list they chose
    async def answer(day: date, seen: list) -> None:
        with price_lists.valid_on(day):
            await asyncio.sleep(0)
            seen.append((day, roaming.zone_rates(Zone.VOORDEEL).call_per_minute))

    async def both() -> list:
        seen: list = []
        await asyncio.gather(answer(SHIPPED, seen), answer(FIXTURE, seen), answer(SHIPPED, seen))
        return seen

    assert sorted(asyncio.run(both())) == [(SHIPPED, D("1.00")), (SHIPPED, D("1.00")), (FIXTURE, D("1.10"))]


@pytest.mark.parametrize("version_id, day, applies", [
    ("2020-09-28", date(2020, 9, 28), False),
    ("2020-09-28", date(2020, 9, 30), False),
    ("2020-09-28", date(2020, 10, 1), True),    # the first 1 October after 28 September 2020
    ("2020-09-28", date(2026, 11, 29), True),
    ("2030-10-01", date(2030, 10, 1), False),   # a list valid from 1 October: the next one counts
    ("2030-10-01", date(2031, 9, 30), False),
    ("2030-10-01", date(2031, 10, 1), True),
])
def test_inflation_note(fixture_versions, version_id, day, applies):
    assert price_lists.inflation_note_applies(price_lists.find(version_id), day) is applies


# ------------------------------------------------------------------ answers from the version chosen

def test_answers_use_the_fixture_figures_inside_valid_on(fixture_versions):
    with price_lists.valid_on(FIXTURE):
        assert roaming.zone_rates(Zone.VOORDEEL).call_per_minute == D("1.10")
        assert roaming.zone_rates(Zone.NL_EU).call_per_minute == D("0.25")
        assert roaming.out_of_bundle_nl_eu(call_seconds=60).total == D("0.25")
        assert [p.monthly_price for p in subscriptions.plans() if p.id == "hussel_0_150"] == [D("19.50")]
        assert "voordeel_1000" in [b.id for b in bundles.buitenland_bundles(Zone.VOORDEEL)]
        assert services.find_service("wat kost fax via sms") is None
        assert terms.valid_from() == FIXTURE and terms.price_list_conditions().valid_from == FIXTURE
    # and outside it the shipped list, from its own caches
    assert roaming.zone_rates(Zone.VOORDEEL).call_per_minute == D("1.00")
    assert roaming.out_of_bundle_nl_eu(call_seconds=60).total == D("0.23")
    assert [p.monthly_price for p in subscriptions.plans() if p.id == "hussel_0_150"] == [D("19.00")]
    assert services.find_service("wat kost fax via sms").price == D("0.46")
    assert terms.valid_from() == SHIPPED


def test_zone_membership_follows_the_version(fixture_versions):
    morocco = countries.find_country("Marokko").country
    assert morocco.zone == Zone.OVERIG
    with price_lists.valid_on(FIXTURE):
        assert morocco.zone == Zone.VOORDEEL  # the same Country object, the list in use decides
        assert roaming.roaming_cost(morocco, call_seconds=60).total == D("1.10")
        assert "Marokko" in [c.name_nl for c in countries.countries_in_zone(Zone.VOORDEEL)]
    assert roaming.roaming_cost(morocco, call_seconds=60).total == D("2.00")


def test_zone_membership_does_not_change_the_country_names(fixture_versions):
    names = countries.all_country_names()
    with price_lists.valid_on(FIXTURE):
        assert countries.all_country_names() == names


# One fact, one place: the Voordeellanden calling rate is stored once (rates.yml roaming);
# the zone-to-zone table names it. Changing it changes every answer that uses it.
@pytest.mark.parametrize("ask, before, after", [
    (lambda: roaming.zone_rates(Zone.VOORDEEL).call_per_minute, "1.00", "1.10"),
    (lambda: roaming.roaming_cost("Thailand", call_seconds=600).total, "10.00", "11.00"),
    (lambda: roaming.call_between("Thailand", "Nederland").call_per_minute, "1.00", "1.10"),
    (lambda: roaming.call_between("Thailand", "Japan").call_per_minute, "1.00", "1.10"),
    (lambda: roaming.call_between("Frankrijk", "Thailand").call_per_minute, "1.00", "1.10"),
    (lambda: roaming.call_between("Thailand", "Nederland", seconds=60).total, "1.00", "1.10"),
    (lambda: roaming.call_between("Thailand", "Egypte").call_per_minute, "2.00", "2.00"),   # Overige landen
    (lambda: roaming.from_netherlands("Thailand", call_seconds=60).total, "0.30", "0.30"),  # its own rate
    (lambda: roaming.from_netherlands("Spanje", call_seconds=60).total, "0.23", "0.25"),    # = out of bundle
    (lambda: bundles.cheapest_for_need("Thailand", call_minutes=10).options[0].total, "9.99", "9.99"),
    (lambda: next(o.total for o in bundles.cheapest_for_need("Thailand", call_minutes=10).options
                  if o.kind == bundles.OptionKind.PAY_PER_USE), "10.00", "11.00"),
])
def test_one_rate_one_place(fixture_versions, ask, before, after):
    assert ask() == D(before)
    with price_lists.valid_on(FIXTURE):
        assert ask() == D(after)


def test_the_fixture_repeats_no_rate_it_could_name():
    # The zone-to-zone table and the EU row of 'vanuit Nederland' hold no amounts of their own.
    for folder in (price_lists.ROOT / "2020-09-28", FIXTURES / "2030-10-01"):
        rates = loader.load_file(folder / "rates.yml")
        cells = [v for row in rates["zone_to_zone"]["rows"] for k, v in row.items() if k.startswith("to_")]
        assert all(cell in (None, "VOORDEEL", "OVERIG", "SATELLIET") for cell in cells)
        eu_row = next(r for r in rates["from_netherlands"] if r["zone"] == "NL_EU")
        assert eu_row["rates_of"] == "out_of_bundle_nl_eu" and "call_per_minute" not in eu_row


# ------------------------------------------------------------------ kb-diff

def test_kb_diff_lists_every_change_once(fixture_versions, capsys):
    assert kb_diff.main(["2020-09-28", "2030-10-01"]) == 0
    out = capsys.readouterr().out
    rows = [re.sub(r"\s{2,}", " | ", line.strip()) for line in out.splitlines()]
    assert rows[0] == "file | entry | 2020-09-28 → 2030-10-01"
    for expected in [
        "version.yml | valid_from | 2020-09-28 → 2030-10-01",
        "rates.yml | out_of_bundle_nl_eu.call_per_minute | 0.23 → 0.25",
        "rates.yml | roaming[VOORDEEL].call_per_minute | 1.00 → 1.10",
        "zones.yml | voordeellanden[MA] | added: Marokko",
        "bundles.yml | buitenland_bundles[voordeel_1000] | added: name Voordeellanden buiten EU bundel 1000, price 69.99, units 1000",
        "subscriptions.yml | hussel[hussel_0_150].monthly_price | 19.00 → 19.50",
        "services.yml | services[fax_via_sms] | removed: name Fax via sms, price 0.46",
    ]:
        assert expected in rows, expected
    assert "zone_to_zone" not in out and "from_netherlands" not in out  # they name the rate, not repeat it
    assert rows[-1] == "10 change(s): 7 changed, 2 added, 1 removed"


def test_kb_diff_defaults_to_the_newest_against_the_one_before(fixture_versions, capsys):
    assert kb_diff.main([]) == 0
    assert "2020-09-28 → 2030-10-01" in capsys.readouterr().out


def test_kb_diff_takes_folders_and_ignores_order(tmp_path, capsys):
    draft = copy_version(tmp_path, "2031-01-01")
    services_file = draft / "services.yml"
    services_file.write_text(services_file.read_text(encoding="utf-8").replace(
        "  - {id: number_porting,", "  - {id: number_porting_moved,", 1), encoding="utf-8")
    insurance_file = draft / "insurance.yml"
    text = insurance_file.read_text(encoding="utf-8")
    first, second = re.findall(r"      - \{from: .*\n", text)[:2]
    insurance_file.write_text(text.replace(first + second, second + first), encoding="utf-8")  # reordered
    assert kb_diff.main([str(FIXTURES / "2030-10-01"), str(draft)]) == 0
    out = capsys.readouterr().out
    assert "insurance" not in out  # moving entries around is no change
    assert "services[number_porting] " in out and "services[number_porting_moved] " in out


def test_kb_diff_unknown_version(capsys):
    assert kb_diff.main(["2020-09-28", "2099-01-01"]) == 2
    assert "no price list '2099-01-01'" in capsys.readouterr().err


# ------------------------------------------------------------------ complete and well-formed

def copy_version(root: Path, day: str) -> Path:
    """A copy of the fixture version as if published for ``day`` (folder, valid_from, source)."""
    target = root / day
    shutil.copytree(FIXTURES / "2030-10-01", target)
    valid_from = date.fromisoformat(day)
    from knowledge.dutch_dates import format_date

    for name, old, new in (("version.yml", '"2030-10-01"', f'"{day}"'),
                           ("version.yml", "1 oktober 2030", format_date(valid_from)),
                           ("source.txt", "1 oktober 2030", format_date(valid_from)),
                           ("terms.yml", "1 oktober 2030", format_date(valid_from))):
        path = target / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    return target


def test_the_fixture_and_the_shipped_list_are_complete(fixture_versions):
    for version in fixture_versions:
        assert validate.check_version(version) == []
    assert validate.check_shared() == []


def test_a_copy_made_as_documented_is_complete(tmp_path):
    with price_lists.extra_root(tmp_path):
        version = price_lists.read_version(copy_version(tmp_path, "2031-01-01"))
        assert validate.check_version(version) == []


def _replace(old: str, new: str, count: int = 1):
    def edit(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, count)
    return edit


def _drop_entry(start: str):
    """Remove the list entry (block or one-line) that begins with ``start``."""
    def edit(text: str) -> str:
        pattern = re.escape(start) + r".*\n(?:    (?!- ).*\n)*"
        changed, n = re.subn(pattern, "", text, count=1)
        assert n == 1, start
        return changed
    return edit


BROKEN = [
    # (file, edit, shown file, entry, problem)
    ("rates.yml", _replace('call_per_minute: "1.10"', 'call_per_minute: "1,10"'),
     "rates.yml", "roaming[0] (VOORDEEL).call_per_minute", "'1,10' does not match"),
    ("rates.yml", _replace('call_per_minute: "1.10"', "call_per_minute: 1.10"),
     "rates.yml", "roaming[0] (VOORDEEL).call_per_minute", "1.1 is a float"),
    ("rates.yml", _drop_entry("  - zone: SATELLIET"),
     "rates.yml", "roaming", "no entry with zone SATELLIET; every price list needs one"),
    ("rates.yml", _replace("to_overig: OVERIG, to_satelliet: SATELLIET, source: *z2z}\n    - {from_zone: OVERIG",
                           "to_overig: NL_EU, to_satelliet: SATELLIET, source: *z2z}\n    - {from_zone: OVERIG"),
     "rates.yml", "zone_to_zone.rows[1] (VOORDEEL).to_overig", "is not valid"),
    ("rates.yml", _replace('sms_shown: "0.07"', 'sms_shown: "0.08"'),
     "rates.yml", "out_of_bundle_nl_eu", "shown rate 0.08 is not the exact rate 0.073 rounded"),
    ("rates.yml", _replace("    value: 30\n    applies_in_zones: [NL_EU, VOORDEEL, OVERIG, SATELLIET]\n", "    value: 30\n"),
     "rates.yml", "billing (roaming_call_minimum)", "'applies_in_zones' is missing"),
    ("zones.yml", _replace('  - {code: "MA", source: *vl}', '  - {code: "XQ", source: *vl}'),
     "zones.yml", "voordeellanden[30] (XQ)", "unknown place code"),
    ("zones.yml", _replace('  - {code: "MA", source: *vl}', '  - {code: "ES", source: *vl}'),
     "zones.yml", "voordeellanden[30] (ES)", "ES is already listed under roam_like_home"),
    ("zones.yml", _drop_entry("  - {zone: OVERIG,"),
     "zones.yml", "zones", "no entry with zone OVERIG"),
    ("subscriptions.yml", _drop_entry("  - product: tablet\n    min_per_month"),
     "subscriptions.yml", "device_instalments", "no entry with product tablet"),
    ("insurance.yml", _replace('{from: "351.00", to: "650.00", premium: "8.99"', '{from: "340.00", to: "650.00", premium: "8.99"'),
     "insurance.yml", "coverages[0] (standaard).bands[1]", "overlaps the band before"),
    ("extras.yml", _replace("bundle_id: nl_eu_1000", "bundle_id: nl_eu_2000"),
     "extras.yml", "extras[3] (nl_eu_bundel_1000).bundle_id", "nl_eu_2000 is not an nl_eu_bundles id"),
    ("bundles.yml", _replace("  - id: voordeel_500", "  - id: voordeel_100"),
     "bundles.yml", "buitenland_bundles + nl_eu_bundles[1] (voordeel_100)", "a second entry with id voordeel_100"),
    ("terms.yml", _drop_entry("  - {id: invoice,"),
     "terms.yml", "links", "no entry with id invoice"),
    ("services.yml", _replace("customer_service:\n  number: \"1200\"\n", "customer_service:\n"),
     "services.yml", "customer_service", "'number' is a required property"),
    ("source.txt", _replace("1 januari 2031", "1 februari 2031", count=-1),
     "source.txt", "(file)", "does not mention 1 januari 2031"),
]


@pytest.mark.parametrize("file, edit, shown, entry, problem", BROKEN, ids=lambda v: v if isinstance(v, str) else "")
def test_an_incomplete_or_malformed_version_is_refused(tmp_path, file, edit, shown, entry, problem):
    folder = copy_version(tmp_path, "2031-01-01")
    path = folder / file
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    with price_lists.extra_root(tmp_path):
        problems = validate.check_version(price_lists.read_version(folder))
    assert problems, "the broken version was accepted"
    first = problems[0]
    assert first.file.endswith(f"2031-01-01/{shown}"), first.file
    assert first.entry == entry
    assert problem in first.problem


def test_make_validate_prints_file_entry_problem_and_fails(tmp_path, capsys):
    # `make validate` and the check before `make run`: one line per problem, exit status 1
    folder = copy_version(tmp_path, "2031-01-01")
    path = folder / "rates.yml"
    path.write_text(path.read_text(encoding="utf-8").replace('call_per_minute: "1.10"', 'call_per_minute: "1,10"'),
                    encoding="utf-8")
    with price_lists.extra_root(tmp_path):
        assert validate.main(["--quiet"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == (f"error: {(folder / 'rates.yml').as_posix()}: roaming[0] (VOORDEEL).call_per_minute: "
                      "'1,10' does not match the amount format: euros with a decimal point and 2 to 4 "
                      'decimals, quoted (e.g. "1.10")')
    assert err[-1] == "knowledge data: 1 problem(s); fix the file(s) named above."


def test_make_validate_is_quiet_when_all_is_well(capsys):
    assert validate.main(["--quiet"]) == 0
    assert capsys.readouterr() == ("", "")
    assert validate.main([]) == 0
    assert capsys.readouterr().out.startswith("knowledge data OK: countries, kpn_pay and 1 price list(s): 2020-09-28")


def test_a_broken_shared_file_is_named(tmp_path, monkeypatch, capsys):
    shutil.copytree(loader.DATA_DIR, tmp_path / "data", ignore=shutil.ignore_patterns("price_lists"))
    countries_file = tmp_path / "data" / "countries.yml"
    countries_file.write_text(countries_file.read_text(encoding="utf-8").replace(
        '"US-AK": [Alaska]', '"US-AK": [Alaska]\n  "US-AK": [Alaska]'), encoding="utf-8")
    monkeypatch.setattr(loader, "DATA_DIR", tmp_path / "data")
    countries._index.cache_clear()
    try:
        assert validate.main(["--quiet"]) == 1
    finally:
        monkeypatch.undo()
        countries._index.cache_clear()
    err = capsys.readouterr().err
    assert f"error: {countries_file.as_posix()}: line " in err and "duplicate key 'US-AK'" in err


def test_a_missing_data_file_is_named(tmp_path):
    folder = copy_version(tmp_path, "2031-01-01")
    (folder / "services.yml").unlink()
    with price_lists.extra_root(tmp_path):
        problems = validate.check_version(price_lists.read_version(folder))
    assert [(p.file.split("/")[-2:], p.problem) for p in problems] == [(["2031-01-01", "services.yml"], "file not found")]


@pytest.mark.parametrize("edit, entry, problem", [
    (lambda f: (f / "version.yml").write_text((f / "version.yml").read_text().replace('"2031-01-01"', '"2031-01-02"')),
     "valid_from", "does not match the folder name '2031-01-01'"),
    (lambda f: (f / "version.yml").write_text((f / "version.yml").read_text().replace('"2031-01-01"', '"2031-02-30"')),
     "valid_from", "is not a date"),
    (lambda f: (f / "source.txt").unlink(), "source_document", "source.txt not found"),
    (lambda f: (f / "version.yml").write_text((f / "version.yml").read_text().replace("label:", "name:")),
     "(top level)", "'label' is a required property"),
])
def test_a_broken_version_file_is_refused(tmp_path, edit, entry, problem):
    folder = copy_version(tmp_path, "2031-01-01")
    edit(folder)
    with pytest.raises(DataFileError) as info:
        with price_lists.extra_root(tmp_path):
            pass
    assert info.value.file.endswith("2031-01-01/version.yml") and info.value.entry == entry
    assert problem in info.value.problem


def test_two_lists_for_one_day_are_refused(tmp_path):
    shutil.copytree(FIXTURES / "2030-10-01", tmp_path / "2030-10-01")
    with pytest.raises(DataFileError, match="two price lists are valid from 2030-10-01"):
        with price_lists.extra_root(FIXTURES), price_lists.extra_root(tmp_path):
            pass


def test_a_folder_without_version_file_is_refused(tmp_path):
    (tmp_path / "2031-01-01").mkdir()
    with pytest.raises(DataFileError, match="not a price list: version.yml is missing"):
        with price_lists.extra_root(tmp_path):
            pass


# ------------------------------------------------------------------ no retraining for prices

def _make_prerequisites(target: str) -> list[str]:
    project = Path(__file__).resolve().parents[2]
    database = subprocess.run(["make", "-pq", target], cwd=project, capture_output=True, text=True).stdout
    line = next(line for line in database.splitlines() if line.startswith(f"{target}:"))
    return line.split(":", 1)[1].split()


def test_a_price_change_does_not_retrain_the_model():
    model = _make_prerequisites("models/.trained")
    assert "data/nlu/generated/countries.yml" in model and "domain.yml" in model
    assert not [p for p in model if p.startswith("knowledge/")]
    lookups = _make_prerequisites("data/nlu/generated/.countries.checked")
    assert "knowledge/data/countries.yml" in lookups
    assert not [p for p in lookups if p.startswith("knowledge/data/price_lists")]


def test_an_unchanged_lookup_table_is_not_rewritten(tmp_path):
    project = Path(__file__).resolve().parents[2]
    target = tmp_path / "countries.yml"
    run = [str(project / ".venv" / "bin" / "python"), str(project / "scripts" / "generate_lookups.py"), str(target)]
    first = subprocess.run(run, capture_output=True, text=True, check=True)
    assert "place names written" in first.stdout
    stamp = target.stat().st_mtime_ns
    again = subprocess.run(run, capture_output=True, text=True, check=True)
    assert again.stdout == "" and target.stat().st_mtime_ns == stamp
