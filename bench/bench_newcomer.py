"""Issue 15's benchmark, through a real server: "near me" sorted by distance beside the same query
sorted by name, and word-form search beside today's literal search, on 100,000 services, on
PostgreSQL and on SQLite.

The data is bench_directory's (400 organisations, the demo's service generator) with a few more
templates whose names and descriptions carry other word forms in Lithuanian, Ukrainian, Russian and
English ("юридичних консультацій", "kalbos kursai", "курсы"…), and ``BRANCHES`` locations per
organisation spread within 7 km of the centres of the demo's towns (Vilnius, Kaunas, Klaipėda,
Šiauliai, Panevėžys…; a third of the branches in one of the five largest cities); 5 % of them are
confidential and 3 % have no coordinates. A non-online service is at one branch of its
organisation, a fifth of them at two.

The app is served by uvicorn in a thread of this process on a free port; one httpx client sends the
requests one after another (latency, not throughput), the compared requests alternating so both see
the same machine load, after a warm-up.

- Distance: ``GET /api/v1/services?near=<point>&sort=distance&limit=20`` beside the same ``near=``
  with ``sort=name``, at several points (aim of the issue: median within 2 × sort=name). A build
  without ``sort=distance`` answers 422: that is reported, and sort=name is still measured.
- Word forms: ``q=<a form not in the text>`` (юридична, kalbų, курсов, konsultacijų) beside
  ``q=<a form that is in the text>`` with the matching of the issue's day (each query word as a
  literal substring: ``search_stems`` of the search module patched to ``search_terms`` for those
  requests only; this build's stemming is otherwise untouched); the literal form with this build's
  matching and each query's first-page hit count are reported too (aim: within 2 × today's q).

    python -m bench newcomer     # LANGELIS_BENCH_NEWCOMER_SERVICES=100000, _REPEAT=100,
                                 # _DBS=postgresql,sqlite, _BRANCHES=5, _KEEP=1 keeps the loaded
                                 # databases (langelis_bench_newcomer_<N>) and reuses them next time

Results: ``bench/results/newcomer.json`` and a table on stdout. It measures; it asserts nothing.
"""

from __future__ import annotations

import json
import math
import os
import random
import socket
import statistics
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from itertools import pairwise
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa

from bench import bench_directory as directory
from bench.common import PG_URL, RESULTS, SECRET, BenchDatabase, Stats

N = int(os.environ.get("LANGELIS_BENCH_NEWCOMER_SERVICES", "100000"))
REPEAT = int(os.environ.get("LANGELIS_BENCH_NEWCOMER_REPEAT", "100"))
WARMUP = int(os.environ.get("LANGELIS_BENCH_NEWCOMER_WARMUP", "10"))
BRANCHES = int(os.environ.get("LANGELIS_BENCH_NEWCOMER_BRANCHES", "5"))
KINDS = [k for k in os.environ.get("LANGELIS_BENCH_NEWCOMER_DBS", "postgresql,sqlite").split(",") if k]
KEEP = os.environ.get("LANGELIS_BENCH_NEWCOMER_KEEP") == "1"
AIM = 2.0
HITS = ("form", "form_literal_matching", "literal_literal_matching")
SPREAD_M = 7000
METERS_PER_DEGREE = 111_320
BIG_CITIES = {"vilniaus-m": 0.4, "kauno-m": 0.25, "klaipedos-m": 0.15, "siauliu-m": 0.1, "panevezio-m": 0.1}

# (label, lat, lng, meters)
POINTS: list[tuple[str, float, float, int]] = [
    ("Vilnius centre 5 km", 54.6872, 25.2797, 5000),
    ("Vilnius Fabijoniškės 3 km", 54.7300, 25.2400, 3000),
    ("Kaunas centre 5 km", 54.8985, 23.9036, 5000),
    ("Klaipėda centre 5 km", 55.7033, 21.1443, 5000),
    ("Šiauliai 10 km", 55.9349, 23.3137, 10000),
    ("Panevėžys 2 km", 55.7348, 24.3575, 2000),
]
# (word form not in the text, a form of the same word that is in the text)
WORDS: list[tuple[str, str]] = [
    ("юридична", "юридичні"),
    ("kalbų", "kalbos"),
    ("курсов", "курсы"),
    ("konsultacijų", "konsultacijos"),
]

# More templates for the demo generator: other word forms of the words searched for (none of the
# searched forms themselves). Descriptions: lt, en, uk.
EXTRA_TEMPLATES: list[dict[str, Any]] = [
    {
        "cat": "legal.migration",
        "name": (
            "Teisinė pagalba užsieniečiams",
            "Legal consultation for foreigners",
            "Центр юридичних консультацій для іноземців",
            "Центр юридических консультаций для иностранцев",
        ),
        "desc": (
            "Teisininkas konsultuoja dėl leidimo gyventi ir darbo sutarčių; konsultacija nemokama.",
            "A lawyer advises on residence permits and work contracts; the consultation is free.",
            "Юрист консультує щодо посвідки на проживання та трудових договорів; запис на консультацію.",
        ),
        "langs": ["lt", "uk", "ru", "en"],
        "format": "in_person",
    },
    {
        "cat": "language.course",
        "name": (
            "Lietuvių kalbos kursai pradedantiesiems",
            "Lithuanian language courses for beginners",
            "Курси литовської мови для початківців",
            "Курсы литовского языка для начинающих",
        ),
        "desc": (
            "Kalbos kursai A1–A2 lygiu vakarais; mokytojai kalba ukrainiečių ir rusų kalbomis.",
            "Evening courses at A1–A2; the teachers speak Ukrainian and Russian.",
            "Вечірні курси мови рівня A1–A2; викладачі говорять українською та російською.",
        ),
        "langs": ["lt", "uk", "ru"],
        "format": "in_person",
        "course": True,
    },
    {
        "cat": "language.informal",
        "name": (
            "Pokalbių klubas kalbai praktikuoti",
            "Conversation club for language practice",
            "Розмовний клуб для практики мови",
            "Разговорный клуб для выпускников курса",
        ),
        "desc": (
            "Kas savaitę kalbame lietuviškai apie kasdienius dalykus; kalba – lengva ir draugiška.",
            "Every week we speak Lithuanian about everyday things, in a friendly group.",
            "Щотижня говоримо литовською про повсякденні речі; мова – легка й дружня.",
        ),
        "langs": ["lt", "uk", "ru", "en"],
        "format": "informal",
    },
    {
        "cat": "employment.qualifications",
        "name": (
            "Profesinės kvalifikacijos kursai",
            "Vocational qualification courses",
            "Курси професійної кваліфікації",
            "Курсы профессиональной квалификации",
        ),
        "desc": (
            "Kursų trukmė – trys mėnesiai; po kursų – konsultacija dėl darbo paieškos.",
            "Three-month courses, then advice on finding work.",
            "Курси тривають три місяці; після них – консультація щодо пошуку роботи.",
        ),
        "langs": ["lt", "uk", "ru"],
        "format": "hybrid",
        "course": True,
    },
]


# --- data -------------------------------------------------------------------------------------


def spread_places(
    session: Any, rng: random.Random, now: Any, orgs: list[dict[str, Any]]
) -> Callable[[dict[str, Any]], list[uuid.UUID]]:
    """``BRANCHES`` locations per organisation with coordinates; a service is at one of its
    organisation's branches, a fifth of them at two."""
    from api.directory.demo import CITY
    from api.directory.models import Location
    from api.municipalities.logic import get_by_slug

    ids = {slug: get_by_slug(session, slug).id for slug in CITY}
    big, weights = list(BIG_CITIES), list(BIG_CITIES.values())
    branches: dict[uuid.UUID, list[uuid.UUID]] = {}
    rows = []
    for o in orgs:
        for b in range(BRANCHES):
            slug = o["slug"] if b == 0 or rng.random() > 1 / 3 else rng.choices(big, weights)[0]
            city, lat0, lng0, streets = CITY[slug]
            distance, angle = SPREAD_M * math.sqrt(rng.random()), rng.uniform(0, 2 * math.pi)
            lat = lat0 + distance * math.cos(angle) / METERS_PER_DEGREE
            lng = lng0 + distance * math.sin(angle) / (METERS_PER_DEGREE * math.cos(math.radians(lat0)))
            located = rng.random() >= 0.03
            row = {
                "id": uuid.UUID(int=rng.getrandbits(128), version=4),
                "organization_id": o["id"],
                "municipality_id": ids[slug],
                "name": {"lt": f"{o['name']['lt']} – {city}"},
                "address": f"{streets[rng.randrange(len(streets))]} {rng.randint(1, 120)}",
                "city": city,
                "postal_code": "LT-01103",
                "latitude": round(lat, 6) if located else None,
                "longitude": round(lng, 6) if located else None,
                "accessibility": {},
                "opening_hours": [],
                "confidential": rng.random() < 0.05,
                "version": 1,
                "created_at": now,
                "updated_at": now,
            }
            rows.append(row)
            branches.setdefault(o["id"], []).append(row["id"])
    session.execute(sa.insert(Location.__table__), rows)  # type: ignore[attr-defined]

    def places(service: dict[str, Any]) -> list[uuid.UUID]:
        own = branches[service["organization_id"]]
        return rng.sample(own, k=2 if len(own) > 1 and rng.random() < 0.2 else 1)

    return places


def load(db: BenchDatabase) -> dict[str, Any]:
    from sqlmodel import Session

    from api.core.db import utcnow
    from api.directory.demo.data import TEMPLATES

    started = time.perf_counter()
    assert db.engine is not None
    rng = random.Random(15)
    now = utcnow()
    with Session(db.engine) as session:
        orgs = directory.organizations(session, rng, now)
        places = spread_places(session, rng, now, orgs)
        session.commit()
        directory.services(session, rng, now, orgs, places, count=N, templates=[*TEMPLATES, *EXTRA_TEMPLATES])
    counts = directory.analyzed(db)
    return {"counts": counts, "load_seconds": round(time.perf_counter() - started, 1)}


class KeptDatabase(BenchDatabase):
    """A benchmark database with a fixed name (``langelis_bench_newcomer_<N>``), kept afterwards and
    reused when it holds the N services (migrated to the heads first); otherwise made afresh."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.name = f"langelis_bench_newcomer_{N}"
        self.path = Path(tempfile.gettempdir()) / f"{self.name}.db"
        self.loaded = False

    def _admin(self) -> sa.Engine:
        base = PG_URL.replace("postgresql://", "postgresql+psycopg://", 1).rsplit("/", 1)[0]
        return sa.create_engine(base + "/postgres", isolation_level="AUTOCOMMIT")

    def _exists(self) -> bool:
        if self.kind != "postgresql":
            return self.path.exists()
        admin = self._admin()
        with admin.connect() as conn:
            found = conn.execute(
                sa.text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": self.name}
            ).first()
        admin.dispose()
        return found is not None

    def _services(self) -> int:
        from api.core.db import make_engine

        engine = make_engine(self.url)
        try:
            with engine.connect() as conn:
                return int(conn.execute(sa.text("SELECT count(*) FROM services")).scalar() or 0)
        except sa.exc.DBAPIError:
            return -1
        finally:
            engine.dispose()

    def __enter__(self) -> BenchDatabase:
        from api.cli import migrate
        from api.core.db import make_engine

        self.url = (
            PG_URL.rsplit("/", 1)[0] + f"/{self.name}"
            if self.kind == "postgresql"
            else f"sqlite:///{self.path}"
        )
        if self._exists() and self._services() == N:
            self.loaded = True
        elif self._exists():
            super().__exit__()  # a partial load: drop it
        if not self.loaded and self.kind == "postgresql":
            admin = self._admin()
            with admin.connect() as conn:
                conn.execute(sa.text(f'CREATE DATABASE "{self.name}"'))
            admin.dispose()
        migrate("heads", url=self.url)
        self.engine = make_engine(self.url)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.engine is not None:
            self.engine.dispose()


def haversine_m(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lng2 - lng1) / 2) ** 2
    )
    return 2 * 6_371_000 * math.asin(math.sqrt(a))


def in_range(db: BenchDatabase, lat: float, lng: float, meters: float) -> dict[str, int | None]:
    """How many live services have a public, located place within reach of a point (counted here,
    independently of the API, for the table)."""
    assert db.engine is not None
    with db.engine.connect() as conn:
        places = conn.execute(
            sa.text(
                "SELECT id, latitude, longitude FROM locations WHERE deleted_at IS NULL "
                "AND NOT confidential AND latitude IS NOT NULL AND longitude IS NOT NULL"
            )
        ).all()
        reach = {r.id: haversine_m(lat, lng, r.latitude, r.longitude) for r in places}
        near = {k: v for k, v in reach.items() if v <= meters}
        links = conn.execute(
            sa.text(
                "SELECT sl.service_id, sl.location_id FROM service_at_locations sl "
                "JOIN services s ON s.id = sl.service_id WHERE s.deleted_at IS NULL"
            )
        ).all()
    served = [r for r in links if r.location_id in near]
    return {
        "locations": len(near),
        "services": len({r.service_id for r in served}),
        # What the first item's distance_m should be (a confidential place must never make it less).
        "nearest_m": round(min(near[r.location_id] for r in served)) if served else None,
    }


# --- the server and the timing ------------------------------------------------------------------


@contextmanager
def served(db: BenchDatabase) -> Iterator[str]:
    """The app on uvicorn in a thread, on a free port; its base URL."""
    import uvicorn

    from api.main import create_app

    app = create_app(db.settings(), db.engine)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    server = uvicorn.Server(
        uvicorn.Config(
            app, host="127.0.0.1", port=port, log_config=None, log_level="warning", access_log=False
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError("the server thread ended before it started")
        time.sleep(0.02)  # waiting for the server thread to bind
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextmanager
def literal_matching() -> Iterator[bool]:
    """The search of the issue's day for the requests inside: each query word a literal substring
    (this build's ``search_stems`` swapped for ``search_terms``). Yields False when this build's
    search module has no ``search_stems`` to swap (then the request runs as the build has it)."""
    from api.core.i18n import search_terms
    from api.directory.services import search

    original = getattr(search, "search_stems", None)
    if original is None:
        yield False
        return
    setattr(search, "search_stems", search_terms)  # noqa: B010 (a swap for the baseline requests)
    try:
        yield True
    finally:
        setattr(search, "search_stems", original)  # noqa: B010


Call = Callable[[], httpx.Response]


def alternating(calls: dict[str, Call], *, repeat: int = REPEAT, warmup: int = WARMUP) -> dict[str, Stats]:
    """Each call ``repeat`` times, taking turns (so all see the same load), after a warm-up."""
    for _ in range(warmup):
        for call in calls.values():
            call()
    samples: dict[str, list[float]] = {label: [] for label in calls}
    for _ in range(repeat):
        for label, call in calls.items():
            started = time.perf_counter()
            call()
            samples[label].append(time.perf_counter() - started)
    return {label: Stats.of(s) for label, s in samples.items()}


def pooled(parts: list[Stats]) -> float:
    """The median of per-case medians (each case weighs the same)."""
    return round(statistics.median(p.median_ms for p in parts), 3) if parts else math.nan


def ratio(a: float, b: float) -> float | None:
    return round(a / b, 2) if b else None


# --- the cases ----------------------------------------------------------------------------------


def distance_cases(db: BenchDatabase, client: httpx.Client) -> dict[str, Any]:
    out: dict[str, Any] = {"supported": True, "note": None, "points": []}
    lat, lng, meters = POINTS[0][1:]
    probe = client.get("/api/v1/services", params={"near": f"{lat},{lng},{meters}", "sort": "distance"})
    if probe.status_code == 422:
        out["supported"] = False
        problem = probe.json()
        why = "; ".join(e.get("msg", "") for e in problem.get("errors") or []) or problem.get("detail")
        out["note"] = f"sort=distance not supported by this build (422: {why})"
    elif probe.status_code != 200:
        out["supported"] = False
        out["note"] = f"sort=distance answered {probe.status_code}: {probe.text[:300]}"
    for label, lat, lng, meters in POINTS:
        near = f"{lat},{lng},{meters}"
        by_name: dict[str, str | int] = {"near": near, "sort": "name", "limit": 20}
        by_distance: dict[str, str | int] = {"near": near, "sort": "distance", "limit": 20}
        calls: dict[str, Call] = {"name": lambda p=by_name: client.get("/api/v1/services", params=p)}  # type: ignore[misc]
        check: dict[str, Any] = {}
        reach = in_range(db, lat, lng, meters)
        if out["supported"]:
            calls["distance"] = lambda p=by_distance: client.get("/api/v1/services", params=p)  # type: ignore[misc]
            items = client.get("/api/v1/services", params=by_distance).json()["items"]
            distances = [i.get("distance_m") for i in items]
            check = {
                "first_page": len(items),
                "distance_m_on_every_item": all(d is not None for d in distances),
                "ascending": all(a <= b for a, b in pairwise(distances) if a is not None and b is not None),
                "nearest_m": distances[0] if distances else None,
                "farthest_on_page_m": distances[-1] if distances else None,
                "nearest_counted_here_m": reach["nearest_m"],
            }
            check["ok"] = (
                check["distance_m_on_every_item"]
                and check["ascending"]
                and check["nearest_m"] is not None
                and reach["nearest_m"] is not None
                and abs(check["nearest_m"] - reach["nearest_m"]) <= 1
            )
        stats = alternating(calls)
        row = {
            "point": label,
            "near": near,
            "in_range": reach,
            "name": asdict(stats["name"]),
            "distance": asdict(stats["distance"]) if "distance" in stats else None,
            "ratio": ratio(stats["distance"].median_ms, stats["name"].median_ms)
            if "distance" in stats
            else None,
            "check": check,
        }
        out["points"].append(row)
    names = [Stats(**p["name"]) for p in out["points"]]
    dists = [Stats(**p["distance"]) for p in out["points"] if p["distance"]]
    out["median_of_medians_ms"] = {"name": pooled(names), "distance": pooled(dists) if dists else None}
    out["ratio"] = ratio(pooled(dists), pooled(names)) if dists else None
    out["worst_ratio"] = max((p["ratio"] for p in out["points"] if p["ratio"]), default=None)
    return out


def word_cases(client: httpx.Client) -> dict[str, Any]:
    out: dict[str, Any] = {"words": []}
    patched = True

    def get(q: str, *, literal: bool = False) -> httpx.Response:
        nonlocal patched
        if not literal:
            return client.get("/api/v1/services", params={"q": q, "limit": 20})
        with literal_matching() as swapped:
            patched = patched and swapped
            return client.get("/api/v1/services", params={"q": q, "limit": 20})

    for form, literal in WORDS:
        hits = {
            "form": len(get(form).json()["items"]),
            "form_literal_matching": len(get(form, literal=True).json()["items"]),
            "literal": len(get(literal).json()["items"]),
            "literal_literal_matching": len(get(literal, literal=True).json()["items"]),
        }
        stats = alternating(
            {
                "form": lambda f=form: get(f),  # type: ignore[misc]
                "today": lambda w=literal: get(w, literal=True),  # type: ignore[misc]
                "literal_now": lambda w=literal: get(w),  # type: ignore[misc]
            }
        )
        out["words"].append(
            {
                "q": form,
                "in_text": literal,
                "first_page_hits": hits,
                "word_form": asdict(stats["form"]),
                "today": asdict(stats["today"]),
                "in_text_this_build": asdict(stats["literal_now"]),
                "ratio": ratio(stats["form"].median_ms, stats["today"].median_ms),
            }
        )
    forms = [Stats(**w["word_form"]) for w in out["words"]]
    today = [Stats(**w["today"]) for w in out["words"]]
    out["baseline"] = (
        "q of the in-text form, each word matched as a literal substring (search_stems -> search_terms)"
        if patched
        else "q of the in-text form as this build matches it (no search_stems to swap for literal matching)"
    )
    out["median_of_medians_ms"] = {"word_form": pooled(forms), "today": pooled(today)}
    out["ratio"] = ratio(pooled(forms), pooled(today))
    out["worst_ratio"] = max((w["ratio"] for w in out["words"] if w["ratio"]), default=None)
    return out


def run(kind: str) -> dict[str, Any]:
    database: BenchDatabase = KeptDatabase(kind) if KEEP else BenchDatabase(kind)
    with database as db:
        if isinstance(db, KeptDatabase) and db.loaded:
            loaded: dict[str, Any] = {"counts": directory.analyzed(db), "load_seconds": 0, "reused": db.url}
        else:
            loaded = load(db)
        print(f"[{kind}] {loaded['counts']} loaded in {loaded['load_seconds']} s{' (kept)' if KEEP else ''}")
        with served(db) as base, httpx.Client(base_url=base, timeout=120) as client:
            assert client.get("/healthz").status_code == 200
            distance = distance_cases(db, client)
            words = word_cases(client)
    return {"data": loaded, "distance": distance, "word_forms": words}


def show(kind: str, result: dict[str, Any]) -> None:
    d, w = result["distance"], result["word_forms"]
    print(f"\n== newcomer [{kind}] {N:,} services, {REPEAT} requests each, sequential, medians/p95 in ms ==")
    if not d["supported"]:
        print(f"  {d['note']}")
    print(
        f"{'near= point':<28} {'services':>8} {'name med':>9} {'name p95':>9} {'dist med':>9} {'dist p95':>9} {'ratio':>6} {'check':>6}"
    )
    for p in d["points"]:
        dist = p["distance"] or {}
        print(
            f"{p['point']:<28} {p['in_range']['services']:>8} {p['name']['median_ms']:>9.2f} {p['name']['p95_ms']:>9.2f}"
            f" {dist.get('median_ms', math.nan):>9.2f} {dist.get('p95_ms', math.nan):>9.2f} {p['ratio'] or '-':>6}"
            f" {'-' if 'ok' not in p['check'] else 'ok' if p['check']['ok'] else 'DIFF':>6}"
        )
    print("(check: distance_m on every item, ascending, the first one the nearest public place counted here)")
    print(
        f"sort=distance / sort=name (median of medians): {d['ratio'] or '-'} (aim ≤ {AIM}); worst point {d['worst_ratio'] or '-'}"
    )
    print(
        f"\n{'q (in text)':<30} {'hits':>9} {'form med':>9} {'form p95':>9} {'today med':>9} {'today p95':>9} {'ratio':>6}"
    )
    for x in w["words"]:
        h = x["first_page_hits"]
        print(
            f"{x['q'] + ' (' + x['in_text'] + ')':<30} {'/'.join(str(h[k]) for k in HITS):>9}"
            f" {x['word_form']['median_ms']:>9.2f} {x['word_form']['p95_ms']:>9.2f}"
            f" {x['today']['median_ms']:>9.2f} {x['today']['p95_ms']:>9.2f} {x['ratio'] or '-':>6}"
        )
    print(
        f"word form / today's q (median of medians): {w['ratio'] or '-'} (aim ≤ {AIM}); worst word {w['worst_ratio'] or '-'}"
    )
    print(
        f"(hits on the first page: the word form / the word form matched literally / today's q; {w['baseline']})"
    )


def main() -> None:
    # The harness migrates through the `langelis` settings, which need a key outside demo mode.
    os.environ.setdefault("LANGELIS_SECRET_KEY", SECRET)
    results: dict[str, Any] = {}
    for kind in KINDS:
        results[kind] = run(kind)
        show(kind, results[kind])
    out = {
        "benchmark": "newcomer",
        "services": N,
        "repeat": REPEAT,
        "warmup": WARMUP,
        "branches_per_organisation": BRANCHES,
        "aim": f"median ratio ≤ {AIM}",
        "note": "uvicorn in a thread on a free port, one httpx client, sequential requests, compared requests "
        "alternating; ratio = median of the per-case medians of the new query over the baseline's",
        "databases": results,
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "newcomer.json").write_text(json.dumps(out, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
