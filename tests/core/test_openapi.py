from __future__ import annotations

from pathlib import Path

from api.core.openapi import build_openapi, dump

ROOT = Path(__file__).resolve().parents[2]


def test_committed_openapi_matches_the_code(app):
    committed = (ROOT / "openapi" / "openapi.json").read_text(encoding="utf-8")
    assert committed == dump(build_openapi(app)), "run `langelis openapi` and commit openapi/openapi.json"


def test_every_operation_declares_problem_errors(app):
    schema = build_openapi(app)
    for path, item in schema["paths"].items():
        for method, op in item.items():
            assert op["operationId"], (path, method)
            default = op["responses"]["default"]["content"]
            assert "application/problem+json" in default, (path, method)
            for code, response in op["responses"].items():
                if code.isdigit() and int(code) >= 400:
                    assert "application/problem+json" in response["content"], (path, method, code)


def test_schema_names_are_unique_and_plain() -> None:
    """Two models with one name make FastAPI fall back to module paths (``api__x__schemas__Name``),
    which generated clients turn into colliding or missing classes: every name must be unique."""
    import json
    from pathlib import Path

    document = json.loads((Path(__file__).resolve().parents[2] / "openapi" / "openapi.json").read_text())
    names = list(document["components"]["schemas"])
    assert [n for n in names if "__" in n] == []
    assert len(names) == len({n.lower() for n in names})
