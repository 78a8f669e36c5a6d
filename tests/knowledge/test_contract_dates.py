"""Tests for knowledge.contract_dates and knowledge/data/date_rules.yml."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from dateutil.relativedelta import relativedelta

from knowledge import contract_dates as cd
from knowledge.errors import KnowledgeInputError
from knowledge.loader import load

AMS = ZoneInfo("Europe/Amsterdam")


# --------------------------------------------------------------------------- data file

def test_date_rules_file_validates_and_every_entry_has_a_source():
    raw = load("date_rules")
    for name, entry in raw.items():
        assert entry["source"], name
        assert entry["text"], name


@pytest.mark.parametrize(
    "entry, source",
    [
        ("plan_change", "Abonnement aanpassen"),
        ("contract_terms", "Contractsduur"),
        ("inflation_correction", "Inflatiecorrectie"),
        ("buitenland_bundle_validity", "Werking BuitenlandBundels"),
        ("nl_eu_bundle_validity", "ExtraOpties"),
        ("subscription_bundle_validity", "Bundeltarief Voorwaarden"),
    ],
)
def test_sources_are_the_price_list_headings(entry, source):
    assert load("date_rules")[entry]["source"] == source


def test_rules_match_the_price_list_text():
    rules = cd.date_rules()
    assert rules.plan_change.interval_days == 31 and "1 keer per 31 dagen" in rules.plan_change.text
    assert rules.plan_change.free_changes_per_interval == 1
    assert rules.contract_terms.minimum_terms_months == (1, 12, 24)
    assert rules.contract_terms.notice_period_months == 1
    assert "opzegtermijn van 1 maand" in rules.contract_terms.text
    assert (rules.inflation.month, rules.inflation.day) == (10, 1)
    assert rules.inflation.min_months_elapsed == 3 and rules.inflation.strictly_more_than
    assert rules.inflation.index_period_start == (7, 1) and rules.inflation.index_period_end == (6, 30)
    assert rules.inflation.skipped_when_index_negative
    assert rules.inflation.url == "kpn.com/inflatiecorrectie"
    assert rules.buitenland_bundle.total_hours == 744 and "31 x 24 uur" in rules.buitenland_bundle.text
    assert rules.buitenland_bundle.stackable
    assert rules.nl_eu_bundle.days == 31 and rules.nl_eu_bundle.one_off
    assert rules.nl_eu_bundle.unused_credit_lapses
    assert rules.subscription_bundle.months == 1 and not rules.subscription_bundle.carry_over


def test_rules_are_frozen():
    with pytest.raises(AttributeError):
        cd.date_rules().plan_change.interval_days = 30  # type: ignore[misc]


# --------------------------------------------------------------------------- bundle expiry

@pytest.mark.parametrize(
    "activated, expected_local",
    [
        # no DST change in between
        (datetime(2027, 1, 5, 9, 0), datetime(2027, 2, 5, 9, 0)),
        # spring forward (28 March 2027) in between: 744 real hours end one clock hour later
        (datetime(2027, 3, 5, 9, 0), datetime(2027, 4, 5, 10, 0)),
        # fall back (31 October 2027) in between: one clock hour earlier
        (datetime(2027, 10, 5, 9, 0), datetime(2027, 11, 5, 8, 0)),
        # 2026 transitions: 29 March and 25 October
        (datetime(2026, 3, 1, 23, 30), datetime(2026, 4, 2, 0, 30)),
        (datetime(2026, 10, 20, 0, 15), datetime(2026, 11, 19, 23, 15)),
        # activated in summer time, ends in summer time
        (datetime(2026, 6, 30, 18, 0), datetime(2026, 7, 31, 18, 0)),
        # year end
        (datetime(2026, 12, 15, 12, 0), datetime(2027, 1, 15, 12, 0)),
        # leap year: 31 x 24 h after 10 Feb 2028 is 12 March 2028
        (datetime(2028, 2, 10, 8, 0), datetime(2028, 3, 12, 8, 0)),
    ],
)
def test_bundle_expiry(activated, expected_local):
    result = cd.bundle_expiry(activated)
    assert result.tzinfo is not None
    assert result.astimezone(AMS).replace(tzinfo=None) == expected_local
    # always exactly 744 real hours
    # always exactly 744 real hours (compare in UTC: same-tzinfo subtraction uses wall time)
    elapsed = result.astimezone(timezone.utc) - activated.replace(tzinfo=AMS).astimezone(timezone.utc)
    assert elapsed == timedelta(hours=744)


def test_bundle_expiry_aware_input_and_utc():
    utc_start = datetime(2027, 3, 5, 8, 0, tzinfo=timezone.utc)  # 09:00 CET
    result = cd.bundle_expiry(utc_start)
    assert result.utcoffset() == timedelta(hours=2)
    assert result.replace(tzinfo=None) == datetime(2027, 4, 5, 10, 0)


def test_bundle_expiry_date_means_midnight():
    assert cd.bundle_expiry(date(2027, 1, 5)).replace(tzinfo=None) == datetime(2027, 2, 5, 0, 0)


def test_bundle_expiry_nonexistent_and_ambiguous_local_times():
    # 02:30 on 28 March 2027 does not exist; read with the winter offset (= 01:30 UTC)
    assert cd.bundle_expiry(datetime(2027, 3, 28, 2, 30)).astimezone(timezone.utc) == datetime(
        2027, 4, 28, 1, 30, tzinfo=timezone.utc)
    # 02:30 on 31 October 2027 happens twice; the first (summer time) occurrence is used
    assert cd.bundle_expiry(datetime(2027, 10, 31, 2, 30)).astimezone(timezone.utc) == datetime(
        2027, 12, 1, 0, 30, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    "bought, expected_local",
    [
        (datetime(2027, 3, 5, 9, 0), datetime(2027, 4, 5, 9, 0)),  # calendar days: same clock time
        (datetime(2027, 1, 31, 12, 0), datetime(2027, 3, 3, 12, 0)),
        (datetime(2028, 2, 1, 12, 0), datetime(2028, 3, 3, 12, 0)),  # leap year
        (datetime(2026, 12, 15, 12, 0), datetime(2027, 1, 15, 12, 0)),
    ],
)
def test_nl_eu_bundle_expiry(bought, expected_local):
    result = cd.nl_eu_bundle_expiry(bought)
    assert result.tzinfo is not None
    assert result.replace(tzinfo=None) == expected_local


@pytest.mark.parametrize("bad", [datetime(2150, 1, 1), datetime(1990, 1, 1), "morgen", None, 5])
def test_bundle_expiry_bad_input(bad):
    with pytest.raises(cd.ContractDateError) as info:
        cd.bundle_expiry(bad)
    assert info.value.message
    assert info.value.code in {"out_of_range", "not_a_date"}


# --------------------------------------------------------------------------- plan changes

@pytest.mark.parametrize(
    "change_day, effective",
    [
        (date(2027, 3, 10), date(2027, 4, 1)),
        (date(2027, 3, 1), date(2027, 4, 1)),
        (date(2027, 3, 31), date(2027, 4, 1)),
        (date(2026, 12, 31), date(2027, 1, 1)),
        (date(2026, 12, 1), date(2027, 1, 1)),
        (date(2028, 2, 29), date(2028, 3, 1)),
        (date(2027, 1, 31), date(2027, 2, 1)),
        (datetime(2027, 3, 10, 15, 0), date(2027, 4, 1)),
    ],
)
def test_plan_change_effective(change_day, effective):
    assert cd.plan_change_effective(change_day) == effective


@pytest.mark.parametrize(
    "last_change, next_free",
    [
        (date(2027, 3, 1), date(2027, 4, 1)),
        (date(2027, 1, 31), date(2027, 3, 3)),
        (date(2028, 1, 31), date(2028, 3, 2)),  # leap year
        (date(2026, 12, 15), date(2027, 1, 15)),
        (date(2027, 2, 1), date(2027, 3, 4)),
    ],
)
def test_next_free_plan_change(last_change, next_free):
    assert cd.next_free_plan_change(last_change) == next_free


@pytest.mark.parametrize(
    "start, requested, last, free, reason, next_free, effective",
    [
        (date(2026, 1, 15), date(2026, 3, 10), None, True, "free", date(2026, 3, 10), date(2026, 4, 1)),
        (date(2026, 1, 15), date(2026, 1, 15), None, True, "free", date(2026, 1, 15), date(2026, 2, 1)),
        (date(2026, 1, 15), date(2026, 1, 10), None, False, "before_contract_start", date(2026, 1, 15),
         date(2026, 2, 1)),
        (date(2026, 1, 15), date(2026, 3, 10), date(2026, 3, 1), False, "within_interval", date(2026, 4, 1),
         date(2026, 4, 1)),
        (date(2026, 1, 15), date(2026, 4, 1), date(2026, 3, 1), True, "free", date(2026, 4, 1), date(2026, 5, 1)),
        (date(2026, 1, 15), date(2026, 3, 31), date(2026, 3, 1), False, "within_interval", date(2026, 4, 1),
         date(2026, 4, 1)),
    ],
)
def test_plan_change(start, requested, last, free, reason, next_free, effective):
    answer = cd.plan_change(start, requested, last_change=last)
    assert answer.free is free
    assert answer.reason == reason
    assert answer.next_free_date == next_free
    assert answer.effective_date == effective
    assert answer.effective_if_changed_on_next_free_date == cd.plan_change_effective(next_free)
    assert answer.interval_days == 31
    assert answer.source == "Abonnement aanpassen"


# --------------------------------------------------------------------------- inflation correction

@pytest.mark.parametrize(
    "start, asked, checked, applies, first, months",
    [
        # the brief's examples
        (date(2026, 8, 1), date(2026, 10, 1), date(2026, 10, 1), False, date(2027, 10, 1), 2),
        (date(2026, 7, 1), date(2026, 10, 1), date(2026, 10, 1), False, date(2027, 10, 1), 3),  # exactly 3: no
        (date(2026, 6, 30), date(2026, 10, 1), date(2026, 10, 1), True, date(2026, 10, 1), 3),
        # one day later than exactly 3 months
        (date(2026, 7, 2), date(2026, 10, 1), date(2026, 10, 1), False, date(2027, 10, 1), 2),
        # month-end start: 31 May + 3 months = 31 Aug < 1 Oct
        (date(2026, 5, 31), date(2026, 10, 1), date(2026, 10, 1), True, date(2026, 10, 1), 4),
        # asked after 1 October: the next year's 1 October is checked
        (date(2026, 8, 1), date(2026, 10, 2), date(2027, 10, 1), True, date(2027, 10, 1), 14),
        (date(2026, 8, 1), date(2026, 12, 31), date(2027, 10, 1), True, date(2027, 10, 1), 14),
        # asked before 1 October in the same year
        (date(2025, 1, 1), date(2026, 3, 15), date(2026, 10, 1), True, date(2026, 10, 1), 21),
        # contract not started yet on the date checked
        (date(2026, 11, 1), date(2026, 9, 1), date(2026, 10, 1), False, date(2027, 10, 1), 0),
        # contract starting on 1 October itself
        (date(2026, 10, 1), date(2026, 10, 1), date(2026, 10, 1), False, date(2027, 10, 1), 0),
        # leap day start
        (date(2028, 2, 29), date(2028, 1, 1), date(2028, 10, 1), True, date(2028, 10, 1), 7),
    ],
)
def test_inflation_correction(start, asked, checked, applies, first, months):
    answer = cd.inflation_correction(start, asked)
    assert answer.date_checked == checked
    assert answer.applies is applies
    assert answer.first_applicable == first
    assert answer.months_elapsed == months
    assert answer.threshold_date == start + relativedelta(months=3)
    assert answer.first_applicable > answer.threshold_date
    assert (answer.first_applicable.month, answer.first_applicable.day) == (10, 1)
    assert answer.index_period == (date(checked.year - 1, 7, 1), date(checked.year, 6, 30))
    assert answer.url == "kpn.com/inflatiecorrectie"
    assert answer.skipped_when_index_negative
    assert answer.source == "Inflatiecorrectie"


# --------------------------------------------------------------------------- minimum term and end

@pytest.mark.parametrize(
    "start, term, end",
    [
        (date(2026, 2, 20), 12, date(2027, 2, 20)),
        (date(2026, 2, 20), 24, date(2028, 2, 20)),
        (date(2026, 2, 20), 1, date(2026, 3, 20)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),  # month end clipped
        (date(2028, 1, 31), 1, date(2028, 2, 29)),  # leap year
        (date(2024, 2, 29), 12, date(2025, 2, 28)),  # leap day, dateutil clips
        (date(2024, 2, 29), 24, date(2026, 2, 28)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),  # year end
        (date(2026, 3, 31), 1, date(2026, 4, 30)),
    ],
)
def test_minimum_term_end(start, term, end):
    assert cd.minimum_term_end(start, term) == end
    assert cd.last_day_of_minimum_term(start, term) == end - timedelta(days=1)


@pytest.mark.parametrize("term", [0, 2, 3, 6, 36, -12, 12.0, "12", None, True])
def test_minimum_term_invalid(term):
    with pytest.raises(cd.ContractDateError) as info:
        cd.minimum_term_end(date(2026, 1, 1), term)
    assert info.value.code == "invalid_term"
    assert "1 maand, 1 jaar" in info.value.message
    assert isinstance(info.value, KnowledgeInputError)


@pytest.mark.parametrize(
    "start, code",
    [(date(2150, 1, 1), "out_of_range"), (date(1999, 12, 31), "out_of_range"), ("2026-01-01", "not_a_date")],
)
def test_minimum_term_bad_start(start, code):
    with pytest.raises(cd.ContractDateError) as info:
        cd.minimum_term_end(start, 12)
    assert info.value.code == code
    assert info.value.message


def test_far_future_message_is_dutch():
    with pytest.raises(cd.ContractDateError) as info:
        cd.minimum_term_end(date(2150, 1, 1), 12)
    assert info.value.message == (
        "De ingangsdatum van het contract 1 januari 2150 ligt te ver in de toekomst om mee te rekenen.")


@pytest.mark.parametrize(
    "start, term, notice, end, deadline, in_time, in_minimum",
    [
        # notice early in the minimum term: ends at the minimum term end
        (date(2026, 2, 20), 12, date(2026, 6, 1), date(2027, 2, 20), date(2027, 1, 20), True, True),
        # notice exactly on the deadline
        (date(2026, 2, 20), 12, date(2027, 1, 20), date(2027, 2, 20), date(2027, 1, 20), True, True),
        # one day late: one day later end
        (date(2026, 2, 20), 12, date(2027, 1, 21), date(2027, 2, 21), date(2027, 1, 20), False, True),
        # after the minimum term: monthly, counted from the notice date
        (date(2026, 2, 20), 12, date(2027, 5, 10), date(2027, 6, 10), date(2027, 1, 20), False, False),
        # notice on the minimum term end itself
        (date(2026, 2, 20), 12, date(2027, 2, 20), date(2027, 3, 20), date(2027, 1, 20), False, False),
        # 1-month contract, notice on the start day
        (date(2026, 3, 1), 1, date(2026, 3, 1), date(2026, 4, 1), date(2026, 3, 1), True, True),
        # month ends: notice 31 Jan -> 28 Feb
        (date(2025, 1, 1), 1, date(2027, 1, 31), date(2027, 2, 28), date(2025, 1, 1), False, False),
        # leap-day start, 2 years: term ends 28 Feb 2026; notice 31 Jan + 1 month = 28 Feb still fits
        (date(2024, 2, 29), 24, date(2026, 1, 28), date(2026, 2, 28), date(2026, 1, 31), True, True),
        (date(2024, 2, 29), 24, date(2026, 1, 31), date(2026, 2, 28), date(2026, 1, 31), True, True),
        (date(2024, 2, 29), 24, date(2026, 2, 1), date(2026, 3, 1), date(2026, 1, 31), False, True),
        # term ending 30 April: deadline 31 March
        (date(2025, 4, 30), 12, date(2026, 3, 31), date(2026, 4, 30), date(2026, 3, 31), True, True),
        # year end
        (date(2026, 1, 15), 12, date(2026, 12, 31), date(2027, 1, 31), date(2026, 12, 15), False, True),
    ],
)
def test_earliest_end(start, term, notice, end, deadline, in_time, in_minimum):
    answer = cd.earliest_end(start, term, notice)
    assert answer.end_date == end
    assert answer.last_day == end - timedelta(days=1)
    assert answer.notice_deadline_for_earliest_end == deadline
    assert answer.notice_in_time is in_time
    assert answer.in_minimum_term is in_minimum
    assert answer.minimum_term_end == cd.minimum_term_end(start, term)
    assert answer.last_day_of_minimum_term == answer.minimum_term_end - timedelta(days=1)
    assert answer.notice_period_months == 1
    assert answer.source == "Contractsduur"


@pytest.mark.parametrize("term", [1, 12, 24])
def test_notice_deadline_is_the_latest_day_that_still_works(term):
    """For every start day of 2026-2027: notice on the deadline ends the contract at the minimum
    term end, notice one day later ends it later (month ends, leap years, year ends included)."""
    start = date(2026, 1, 1)
    while start < date(2028, 1, 1):
        answer = cd.earliest_end(start, term, start)
        term_end = answer.minimum_term_end
        deadline = answer.notice_deadline_for_earliest_end
        if deadline >= start:
            assert cd.earliest_end(start, term, deadline).end_date == term_end, start
        assert cd.earliest_end(start, term, deadline + timedelta(days=1)).end_date > term_end, start
        start += timedelta(days=1)


def test_earliest_end_notice_before_start():
    with pytest.raises(cd.ContractDateError) as info:
        cd.earliest_end(date(2026, 3, 1), 12, date(2026, 2, 1))
    assert info.value.code == "notice_before_start"
    assert info.value.message == (
        "De opzegdatum 1 februari 2026 ligt vóór de ingangsdatum van het contract (1 maart 2026).")


def test_answers_are_frozen():
    answer = cd.earliest_end(date(2026, 2, 20), 12, date(2026, 6, 1))
    with pytest.raises(AttributeError):
        answer.end_date = date(2030, 1, 1)  # type: ignore[misc]
