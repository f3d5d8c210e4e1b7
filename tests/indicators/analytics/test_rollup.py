"""Roll-up over places and time by aggregation type; computed indicators after aggregation."""

from __future__ import annotations

import pytest

from tests.indicators.conftest import csv_lines

KAUNAS_COUNTY = [
    "birstono", "jonavos-r", "kaisiadoriu-r", "kauno-m", "kauno-r", "kedainiu-r", "prienu-r", "raseiniu-r",
]  # fmt: skip


def test_county_sum_equals_the_sum_of_its_municipalities(ind):
    rows = [
        f"returnees_arrived,{slug},2024Q{q},{(i + 1) * 10 + q}"
        for i, slug in enumerate(KAUNAS_COUNTY)
        for q in (1, 2, 3, 4)
    ]
    ind.loaded(csv_lines("indicator,place,period,value", rows))
    t = ind.table(
        indicator="returnees_arrived",
        period="2024,2024Q2",
        place="county-kaunas,county-kaunas/municipalities",
    )
    expected_q2 = sum((i + 1) * 10 + 2 for i in range(len(KAUNAS_COUNTY)))
    assert t[("returnees_arrived", "county-kaunas", "2024Q2")] == expected_q2
    # A year of a SUM indicator adds up its quarters, in each municipality and in the county.
    assert t[("returnees_arrived", "kauno-m", "2024")] == sum(40 + q for q in (1, 2, 3, 4))
    assert t[("returnees_arrived", "county-kaunas", "2024")] == sum(
        t[("returnees_arrived", slug, "2024")] for slug in KAUNAS_COUNTY
    )
    # Lithuania is the same sum: no other municipality has data.
    t2 = ind.table(indicator="returnees_arrived", period="2024", place="LT")
    assert t2[("returnees_arrived", "LT", "2024")] == t[("returnees_arrived", "county-kaunas", "2024")]


def test_last_over_quarters_is_the_last_quarter(ind):
    ind.loaded(
        csv_lines(
            "indicator,place,period,value",
            [
                "foreign_residents,jonavos-r,2024Q1,100",
                "foreign_residents,jonavos-r,2024Q2,120",
                "foreign_residents,jonavos-r,2024Q3,130",
                "foreign_residents,jonavos-r,2024Q4,150",
                "foreign_residents,kauno-m,2024Q1,1000",
                "foreign_residents,kauno-m,2024Q3,1300",
            ],
        )
    )
    t = ind.table(indicator="foreign_residents", period="2024", place="jonavos-r,kauno-m,county-kaunas")
    assert t[("foreign_residents", "jonavos-r", "2024")] == 150
    # The latest quarter that has a value counts (Q3 in Kaunas).
    assert t[("foreign_residents", "kauno-m", "2024")] == 1300
    # A stock of persons sums over places: the county is the sum of each municipality's last value.
    assert t[("foreign_residents", "county-kaunas", "2024")] == 1450


def test_a_period_uses_its_own_value_before_rolling_up_finer_ones(ind):
    ind.loaded(
        csv_lines(
            "indicator,place,period,value",
            [
                "returnees_arrived,kauno-m,2024,500",
                "returnees_arrived,kauno-m,2024Q1,10",
                "returnees_arrived,kauno-m,2024Q2,20",
            ],
        )
    )
    t = ind.table(indicator="returnees_arrived", period="2024,2024Q1", place="kauno-m")
    assert t[("returnees_arrived", "kauno-m", "2024")] == 500
    assert t[("returnees_arrived", "kauno-m", "2024Q1")] == 10


def test_average_rolls_up_by_mean(ind):
    ind.loaded(
        csv_lines(
            "indicator,place,period,value",
            [
                "wellbeing_score,kauno-m,2024Q1,6",
                "wellbeing_score,kauno-m,2024Q2,8",
                "wellbeing_score,jonavos-r,2024Q1,5",
                "wellbeing_score,jonavos-r,2024Q2,5",
            ],
        )
    )
    t = ind.table(indicator="wellbeing_score", period="2024", place="kauno-m,county-kaunas")
    assert t[("wellbeing_score", "kauno-m", "2024")] == 7
    assert t[("wellbeing_score", "county-kaunas", "2024")] == 6


def test_computed_share_is_a_share_of_sums_not_a_sum_of_shares(ind):
    ind.loaded(
        csv_lines(
            "indicator,place,period,value",
            [
                "tcn_residents,kauno-m,2024,9000",
                "population_total,kauno-m,2024,300000",
                "tcn_residents,jonavos-r,2024,1000",
                "population_total,jonavos-r,2024,40000",
            ],
        )
    )
    t = ind.table(indicator="tcn_share", period="2024", place="kauno-m,jonavos-r,county-kaunas")
    assert t[("tcn_share", "kauno-m", "2024")] == pytest.approx(3.0)
    assert t[("tcn_share", "jonavos-r", "2024")] == pytest.approx(2.5)
    county = t[("tcn_share", "county-kaunas", "2024")]
    assert county == pytest.approx(10000 / 340000 * 100, abs=1e-6)
    assert county != pytest.approx(3.0 + 2.5)


def test_a_value_loaded_for_the_county_wins_over_the_roll_up(ind):
    ind.loaded(
        csv_lines(
            "indicator,place,period,value",
            [
                "employment_rate,kauno-m,2024,70",
                "employment_rate,jonavos-r,2024,60",
                "employment_rate,county-kaunas,2024,68.4",
            ],
        )
    )
    t = ind.table(indicator="employment_rate", period="2024", place="county-kaunas,county-vilnius")
    assert t[("employment_rate", "county-kaunas", "2024")] == pytest.approx(68.4)


def test_breakdown_as_dimension_and_as_filter(ind):
    ind.loaded(
        csv_lines(
            "indicator,place,period,value,citizenship,sex",
            [
                "foreign_residents,jonavos-r,2024Q4,900,,",
                "foreign_residents,jonavos-r,2024Q4,300,SY,",
                "foreign_residents,jonavos-r,2024Q4,200,UA,",
                "foreign_residents,jonavos-r,2024Q4,400,BY,",
                "foreign_residents,jonavos-r,2024Q4,500,,female",
                "foreign_residents,jonavos-r,2024Q4,400,,male",
            ],
        )
    )
    t = ind.table(indicator="foreign_residents", period="2024Q4", place="jonavos-r", breakdown="citizenship")
    assert t == {
        ("foreign_residents", "jonavos-r", "2024Q4", "BY"): 400,
        ("foreign_residents", "jonavos-r", "2024Q4", "SY"): 300,
        ("foreign_residents", "jonavos-r", "2024Q4", "UA"): 200,
    }
    # A filter keeps the chosen values and aggregates the breakdown away.
    t = ind.table(
        indicator="foreign_residents", period="2024Q4", place="jonavos-r", filter="citizenship:SY;UA"
    )
    assert t == {("foreign_residents", "jonavos-r", "2024Q4"): 500}
    # No breakdown: the total row.
    t = ind.table(indicator="foreign_residents", period="2024Q4", place="jonavos-r")
    assert t == {("foreign_residents", "jonavos-r", "2024Q4"): 900}


def test_relative_periods_follow_as_of(ind):
    ind.loaded(
        csv_lines(
            "indicator,place,period,value",
            [f"returnees_arrived,kauno-m,{y},{y - 2000}" for y in range(2019, 2026)],
        )
    )
    r = ind.analytics(
        indicator="returnees_arrived", period="LAST_5_YEARS", place="kauno-m", as_of="2025-03-01"
    )
    assert r.status_code == 200
    body = r.json()
    assert [row[2] for row in body["rows"]] == ["2020", "2021", "2022", "2023", "2024"]
    assert body["meta"]["dimensions"]["period"] == ["2020", "2021", "2022", "2023", "2024"]


def test_meta_names_in_the_chosen_language(ind):
    ind.loaded(csv_lines("indicator,place,period,value,sex", ["population_total,kauno-m,2024,160000,female"]))
    body = ind.analytics(
        indicator="population_total", period="2024", place="kauno-m", breakdown="sex", lang="en"
    ).json()
    assert body["headers"][3]["name"] == "sex"
    assert body["meta"]["indicators"]["population_total"]["name"] == "Total population"
    assert body["meta"]["places"]["kauno-m"]["name"] == "Kaunas city municipality"
    assert body["meta"]["breakdowns"]["sex"]["values"]["female"] == "Female"
    body = ind.analytics(
        indicator="population_total", period="2024", place="kauno-m", breakdown="sex", lang="uk"
    ).json()
    assert body["meta"]["indicators"]["population_total"]["name"] == "Чисельність населення"
    assert body["meta"]["breakdowns"]["sex"]["values"]["female"] == "Жінки"


def test_wrong_codes_are_422_naming_them(ind):
    r = ind.analytics(
        indicator="nope,foreign_residents", period="2024,20X4", place="atlantis", breakdown="shoe_size"
    )
    assert r.status_code == 422
    detail = r.json()["detail"]
    for name in ("nope", "20X4", "atlantis", "shoe_size"):
        assert name in detail
    locs = {tuple(e["loc"]) for e in r.json()["errors"]}
    assert ("query", "indicator") in locs and ("query", "place") in locs
    r = ind.analytics(indicator="returnees_arrived", period="2024", breakdown="citizenship")
    assert r.status_code == 422 and "citizenship" in r.json()["detail"]
    r = ind.analytics(indicator="returnees_arrived", period="2024", filter="sex:alien")
    assert r.status_code == 422 and "alien" in r.json()["detail"]


def test_csv_and_sdmx_csv_outputs(ind):
    ind.loaded(
        csv_lines(
            "indicator,place,period,value,sex",
            ["population_total,kauno-m,2024,160000,female", "population_total,kauno-m,2024,140000,male"],
        )
    )
    r = ind.analytics(
        indicator="population_total", period="2024", place="kauno-m", breakdown="sex", format="csv", lang="en"
    )
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    lines = r.text.strip().splitlines()
    assert lines[0] == "indicator,indicator_name,place,place_name,period,period_name,sex,sex_name,value,flags"
    assert lines[1].startswith(
        "population_total,Total population,kauno-m,Kaunas city municipality,2024,2024,female,Female,160000,draft"
    )
    r = ind.analytics(
        indicator="population_total", period="2024", place="kauno-m", breakdown="sex", format="sdmx-csv"
    )
    lines = r.text.strip().splitlines()
    assert (
        lines[0]
        == "STRUCTURE,STRUCTURE_ID,ACTION,INDICATOR,REF_AREA,TIME_PERIOD,SEX,OBS_VALUE,UNIT_MEASURE,OBS_STATUS,CONF_STATUS"
    )
    assert (
        lines[1] == "dataflow,LANGELIS:INDICATORS(1.0),I,population_total,kauno-m,2024,F,160000,persons,A,F"
    )
