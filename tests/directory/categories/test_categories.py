"""The category tree."""

from __future__ import annotations


def test_categories_tree(client) -> None:
    body = client.get("/api/v1/categories", params={"lang": "uk"}).json()
    legal = next(n for n in body["items"] if n["code"] == "legal")
    assert legal["name"] == "Юридичні консультації"
    assert {c["code"] for c in legal["children"]} == {"legal.migration", "legal.labour"}
    assert client.get("/api/v1/services/legal-statuses").json()["items"][0]["code"] == "asylum_seeker"
