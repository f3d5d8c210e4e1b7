"""Fixtures of the analytics tests."""

from __future__ import annotations

import pytest

from tests.indicators.analytics.test_fast_path import SLUGS, _data


@pytest.fixture
def loaded(ind):
    """The fast-path tests' data loaded; 2024 published everywhere, 2025's months left as drafts
    (seen by the analyst only)."""
    ind.loaded(_data())
    r = ind.publish(
        ["foreign_residents", "returnees_arrived", "wellbeing_score", "tcn_residents", "population_total"],
        [*SLUGS, "county-kaunas", "county-vilnius", "LT"],
        ["2024"],
    )
    assert r.status_code == 200, r.text
    return ind
