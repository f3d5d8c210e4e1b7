"""Helpers for the indicators tests: load CSV through the API, ask analytics, publish."""

from __future__ import annotations

from typing import Any

import pytest


class Indicators:
    def __init__(self, client: Any, auth: Any, base: Any) -> None:
        self.client = client
        self.auth = auth
        self.base = base

    @property
    def analyst(self) -> dict[str, str]:
        return self.auth.headers(self.base.analyst)

    def load(self, text: str, *, who: Any = None, fmt: str = "text/csv", **params: Any) -> Any:
        headers = {**self.auth.headers(who or self.base.analyst), "Content-Type": fmt}
        return self.client.post(
            "/api/v1/indicators/data", content=text.encode(), headers=headers, params=params
        )

    def loaded(self, text: str, **params: Any) -> dict[str, Any]:
        r = self.load(text, **params)
        assert r.status_code == 200, r.text
        return r.json()

    def publish(self, indicators: list[str], places: list[str], periods: list[str], who: Any = None) -> Any:
        return self.client.post(
            "/api/v1/indicators/publish",
            json={"indicators": indicators, "places": places, "periods": periods},
            headers=self.auth.headers(who or self.base.analyst),
        )

    def analytics(self, who: Any = "analyst", **params: Any) -> Any:
        headers = (
            {} if who is None else self.auth.headers(getattr(self.base, who) if isinstance(who, str) else who)
        )
        return self.client.get("/api/v1/analytics", params=params, headers=headers)

    def table(self, who: Any = "analyst", **params: Any) -> dict[tuple[Any, ...], Any]:
        """{(indicator, place, period, *breakdowns): value} of an analytics answer."""
        r = self.analytics(who, **params)
        assert r.status_code == 200, r.text
        return {tuple(row[:-2]): row[-2] for row in r.json()["rows"]}


@pytest.fixture
def ind(client: Any, auth: Any, base: Any) -> Indicators:
    return Indicators(client, auth, base)


def csv_lines(header: str, rows: list[str]) -> str:
    return header + "\n" + "\n".join(rows) + "\n"
