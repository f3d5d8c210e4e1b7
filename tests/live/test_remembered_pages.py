"""Remembered directory pages against a real server with two workers: clients asking together all
get the same page, and once a change is committed every client sees it, whichever worker answers
(each worker remembers its own pages; the database's data tag tells them all)."""

from __future__ import annotations

import uuid

import httpx

from tests.live.conftest import COORDINATOR, LiveServer, start_server, stop_server, together

V = "/api/v1"


def test_pages_asked_together_follow_a_change_on_every_worker(live_env: dict[str, str]) -> None:
    proc, url = start_server(live_env, "--workers", "2")
    try:
        server = LiveServer(url=url, process=proc, env=live_env)
        listing = f"{url}{V}/services?municipality=vilniaus-m&limit=5&lang=uk"

        def pages(path: str) -> list[bytes]:
            answers = together(16, lambda _i, client: client.get(path))
            assert all(isinstance(a, httpx.Response) and a.status_code == 200 for a in answers), answers
            return [a.content for a in answers if isinstance(a, httpx.Response)]

        before = pages(listing)
        assert len(set(before)) == 1  # one page, however many computed or waited for it
        service = httpx.get(listing, timeout=30).json()["items"][0]
        one = f"{url}{V}/services/{service['id']}"
        assert len(set(pages(one))) == 1
        headers = server.headers(COORDINATOR)
        current = httpx.get(one, headers=headers, timeout=30)
        marker = f"remembered-{uuid.uuid4().hex[:8]}@example.org"
        changed = httpx.patch(
            one, json={"email": marker}, headers={**headers, "If-Match": current.headers["etag"]}, timeout=30
        )
        assert changed.status_code == 200, changed.text
        for _ in range(3):  # both workers had the old pages; none may answer with them now
            assert all(marker.encode() in page for page in pages(listing))
            assert all(marker.encode() in page for page in pages(one))
    finally:
        stop_server(proc)
