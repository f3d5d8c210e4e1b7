"""The integration contract (issue 11): a Python client generated from the committed
`openapi/openapi.json` by openapi-python-client — with no warning — does each partner's whole job
against a live server, unmodified: a municipal system's intake, an NGO's directory sync, an analyst's
script loading analytics into pandas.
"""

from __future__ import annotations

import importlib
import io
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import REQUIRE_BROWSER
from tests.live.conftest import COORDINATOR, LiveServer

ROOT = Path(__file__).resolve().parents[2]
GENERATOR = Path(
    os.environ.get("LANGELIS_CLIENT_GENERATOR", ROOT / ".venv-tools" / "bin" / "openapi-python-client")
)
PACKAGE = "langelis_client"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, str]]:
    if not GENERATOR.exists():
        if REQUIRE_BROWSER or os.environ.get("LANGELIS_FAIL_ON_SKIP") == "1":
            pytest.fail(f"{GENERATOR} is missing: run `make install`")
        pytest.skip("openapi-python-client is not installed (make install puts it in .venv-tools)")
    out = tmp_path_factory.mktemp("client")
    done = subprocess.run(
        [
            str(GENERATOR),
            "generate",
            "--path",
            str(ROOT / "openapi" / "openapi.json"),
            "--output-path",
            str(out / PACKAGE),
            "--config",
            str(Path(__file__).with_name("openapi-client.yaml")),
            "--meta",
            "none",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    sys.path.insert(0, str(out))
    try:
        yield importlib.import_module(PACKAGE), output
    finally:
        sys.path.remove(str(out))
        for name in [m for m in sys.modules if m == PACKAGE or m.startswith(PACKAGE + ".")]:
            del sys.modules[name]


def op(package: Any, tag: str, name: str) -> Any:
    return importlib.import_module(f"{package.__name__}.api.{tag}.{name}")


def model(package: Any, name: str) -> Any:
    return getattr(importlib.import_module(f"{package.__name__}.models"), name)


def test_the_generator_reports_no_warning(generated: tuple[Any, str]) -> None:
    _, output = generated
    assert "Warning" not in output and "WARNING" not in output, output


def _token(package: Any, base: str, **form: str) -> str:
    client = package.Client(base_url=base)
    body = model(package, "BodyAuthToken").from_dict(form)
    answer = op(package, "auth", "auth_token").sync_detailed(client=client, body=body)
    assert answer.status_code == 200, answer.content
    return str(answer.parsed.access_token)


def test_municipal_it_intake_with_retry_and_read_back(generated: tuple[Any, str], live: LiveServer) -> None:
    package, _ = generated
    token = _token(
        package,
        live.url,
        grant_type="client_credentials",
        client_id="demo-vilnius-intake",
        client_secret="Langelis-demo-2026-intake",
    )
    client = package.AuthenticatedClient(base_url=live.url, token=token)
    ref = f"GDV-{uuid.uuid4().hex[:8]}"
    body = model(package, "IntakeCreate").from_dict(
        {
            "external_ref": ref,
            "given_name": "Rūta",
            "family_name": "Grįžusi",
            "birth_date": "1990-02-02",
            "legal_status": "returnee",
            "citizenships": ["LT"],
            "preferred_language": "lt",
            "consents": ["case_management"],
        }
    )
    intake = op(package, "migrants", "migrants_intake")
    key = uuid.uuid4().hex
    first = intake.sync_detailed(client=client, body=body, idempotency_key=key)
    assert first.status_code == 201, first.content
    retry = intake.sync_detailed(client=client, body=body, idempotency_key=key)
    assert retry.status_code == 201 and retry.parsed.id == first.parsed.id
    assert retry.headers.get("idempotent-replayed") == "true"
    _read_back(package, client, ref, first.parsed.id)


def _read_back(package: Any, client: Any, ref: str, person_id: Any) -> None:
    """The client reads back what its intake created and updates it by its own reference."""
    try:
        status_op = op(package, "migrants", "migrants_read_intake_status")
    except ModuleNotFoundError:
        pytest.fail("no read-back operation for intakes in the OpenAPI document")
    status = status_op.sync_detailed(ref, client=client)
    assert status.status_code == 200, status.content
    assert str(status.parsed.id) == str(person_id)
    assert "Rūta" not in status.content.decode()
    update = op(package, "migrants", "migrants_update_intake")
    changed = update.sync_detailed(
        ref,
        client=client,
        if_match=status.headers["etag"],
        body=model(package, "IntakeUpdate").from_dict({"preferred_language": "en"}),
    )
    assert changed.status_code == 200, changed.content


def test_partner_ngo_pages_and_syncs_the_directory(generated: tuple[Any, str], live: LiveServer) -> None:
    package, _ = generated
    client = package.Client(base_url=live.url)
    list_services = op(package, "directory", "directory_list_services")
    seen: dict[str, Any] = {}
    cursor = None
    while True:
        page = list_services.sync_detailed(client=client, limit=100, cursor=cursor)
        assert page.status_code == 200, page.content
        for item in page.parsed.items:
            seen[str(item.id)] = item
        cursor = page.parsed.next_cursor
        if not cursor:
            break
    assert len(seen) > 50
    # A coordinator deletes one of Vilnius' services; the NGO's next sync sees it as a tombstone.
    staff = live.headers(COORDINATOR)
    mine = httpx.get(f"{live.url}/api/v1/services?municipality=vilniaus-m&limit=1", headers=staff).json()[
        "items"
    ][0]
    read = httpx.get(f"{live.url}/api/v1/services/{mine['id']}", headers=staff)
    since = read.json()["last_modified"]
    gone = httpx.delete(
        f"{live.url}/api/v1/services/{mine['id']}", headers={**staff, "If-Match": read.headers["etag"]}
    )
    assert gone.status_code == 204, gone.text
    changes = list_services.sync_detailed(client=client, modified_after=since, limit=100)
    assert changes.status_code == 200, changes.content
    tombstones = [i for i in changes.parsed.items if str(i.id) == mine["id"]]
    assert tombstones and tombstones[0].__class__.__name__ == "ServiceTombstone"
    # The same directory through HSDS 3.0, page by page.
    hsds = op(package, "hsds", "hsds_hsds_services")
    total, page_number = 0, 1
    while True:
        answer = hsds.sync_detailed(client=client, page=page_number, per_page=50)
        assert answer.status_code == 200, answer.content[:300]
        data = answer.parsed if isinstance(answer.parsed, dict) else answer.parsed.to_dict()
        total += len(data["contents"])
        if data["last_page"] or not data["contents"]:
            break
        page_number += 1
    assert total == len(seen) - 1


def test_analyst_script_loads_analytics_into_pandas(generated: tuple[Any, str], live: LiveServer) -> None:
    pandas = pytest.importorskip("pandas")
    package, _ = generated
    token = _token(
        package,
        live.url,
        grant_type="password",
        username="analitike@demo.langelis.lt",
        password="Langelis-demo-2026",
    )
    client = package.AuthenticatedClient(base_url=live.url, token=token)
    analytics = op(package, "analytics", "analytics_get_analytics")
    query = {
        "indicator": ["foreign_residents"],
        "period": ["LAST_5_YEARS"],
        "place": ["county-kaunas/municipalities"],
    }
    as_json = analytics.sync_detailed(client=client, **query)
    assert as_json.status_code == 200, as_json.content[:300]
    table_json = as_json.parsed.to_dict()
    frame = pandas.DataFrame(table_json["rows"], columns=[h["name"] for h in table_json["headers"]])
    assert len(frame) > 0
    # CSV and SDMX-CSV are files, not JSON: the generated client's own HTTP session (its base URL and
    # token) fetches them, choosing the format by Accept, and pandas reads them as they come.
    http = client.get_httpx_client()
    params = {
        "indicator": "foreign_residents",
        "period": "LAST_5_YEARS",
        "place": "county-kaunas/municipalities",
    }
    for media in ("text/csv", "application/vnd.sdmx.data+csv; version=2.0.0"):
        answer = http.get("/api/v1/analytics", params=params, headers={"Accept": media})
        assert answer.status_code == 200, answer.text[:300]
        assert answer.headers["content-type"].startswith(media.split(";")[0])
        table = pandas.read_csv(io.BytesIO(answer.content))
        assert len(table) == len(frame) > 0
