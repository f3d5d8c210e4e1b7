"""`langelis indicators import FILE`, `derive` and `cells` on a database of their own."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from tests.conftest import run_migrations


@pytest.fixture
def own_database(tmp_path, monkeypatch):
    from api.core.config import get_settings

    url = f"sqlite:///{tmp_path / 'cli.db'}"
    run_migrations(url)
    monkeypatch.setenv("LANGELIS_DATABASE_URL", url)
    get_settings.cache_clear()
    yield url
    get_settings.cache_clear()


def test_import_with_progress_and_summary(own_database, tmp_path, capsys):
    from api.cli import main
    from api.core.db import make_engine

    data = tmp_path / "obs.csv"
    data.write_text(
        "indicator,place,period,value,sex\n"
        "returnees_arrived,kauno-m,2024Q1,12,\n"
        "returnees_arrived,kauno-m,2024Q1,7,female\n"
        "returnees_arrived,atlantis,2024Q1,1,\n",
        encoding="utf-8",
    )
    assert main(["indicators", "import", str(data), "--dry-run"]) == 0
    out = capsys.readouterr()
    assert json.loads(out.out)["status"] == "dry_run"
    assert "rows" in out.err and "[" in out.err  # the progress bar
    assert main(["indicators", "import", str(data), "--quiet"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert (summary["imported"], summary["conflict_count"]) == (2, 1)
    assert summary["conflicts"][0]["line"] == 4
    assert main(["indicators", "import", str(data), "--quiet", "--atomic"]) == 1
    engine = make_engine(own_database)
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM indicator_observations")).scalar() == 2
        conn.execute(sa.text("UPDATE indicator_observations SET status = 'published'"))
        conn.commit()
    engine.dispose()
    capsys.readouterr()
    # The analytics cells: built once (2 series: the total and by sex), then nothing to do until forced.
    assert main(["indicators", "cells"]) == 0
    built = json.loads(capsys.readouterr().out)
    assert (built["built"], built["up_to_date"]) == (2, 0) and built["cells"] > 0
    assert main(["indicators", "cells"]) == 0
    assert json.loads(capsys.readouterr().out)["built"] == 0
    assert main(["indicators", "cells", "--force"]) == 0
    assert json.loads(capsys.readouterr().out)["cells"] == built["cells"]


def test_derive_command_records_a_run(own_database, capsys, monkeypatch):
    from api.cli import main
    from api.indicators import derivation

    monkeypatch.setattr(derivation, "discover", lambda: [])
    assert main(["indicators", "derive", "--period", "2023..2024"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["status"] == "completed" and result["years"] == [2023, 2024]
    assert main(["indicators", "derive", "--daily"]) == 0
    assert main(["indicators", "derive", "--daily"]) == 0
    assert "already done today" in capsys.readouterr().out
    assert main(["indicators", "derive", "--period", "20X4"]) == 2
