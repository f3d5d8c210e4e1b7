"""The integration contract of the build (issue 11): the README's settings table is the settings,
installs are pinned and hashed, and the image is built from exact versions, non-editable.

Everything here reads files only (no database, no network), so it runs in any pass.
"""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from api.core.config import Settings

ROOT = Path(__file__).resolve().parents[2]
API = ROOT / "api"
LOCKS = {name: ROOT / "requirements" / f"{name}.txt" for name in ("runtime", "dev")}

_VAR = re.compile(r"`(LANGELIS_[A-Z0-9_]+|…_[A-Z0-9_]+)`")
_ENV_READ = re.compile(
    r"""(?:os\.environ(?:\.get|\.setdefault|\.pop)?\s*[(\[]|os\.getenv\s*\()\s*["'](LANGELIS_[A-Z0-9_]+)["']"""
)


# -- README "## Configuration" against the code ---------------------------------------------------


def _section(title: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", text, re.S | re.M)
    assert match, f"README.md has no '## {title}' section"
    return match.group(1)


def _expand(first: str, short: str, known: set[str]) -> str:
    """``…_WINDOW_SECONDS`` after ``LANGELIS_LOGIN_RATE_LIMIT``: the first variable's longest prefix
    (whole ``_`` words) that makes a real variable, else its name without the last word."""
    suffix = short.removeprefix("…")
    words = first.split("_")
    for cut in range(len(words) - 1, 1, -1):
        candidate = "_".join(words[:cut]) + suffix
        if candidate in known:
            return candidate
    return "_".join(words[:-1]) + suffix


def documented_variables(known: set[str]) -> list[str]:
    found: list[str] = []
    for line in _section("Configuration").splitlines():
        if not line.startswith("|"):
            continue
        first_cell = line.strip("|").split("|")[0]
        names = _VAR.findall(first_cell)
        if not names:
            continue
        assert names[0].startswith("LANGELIS_"), f"row starts with a shorthand: {line}"
        found.extend(
            name if name.startswith("LANGELIS_") else _expand(names[0], name, known) for name in names
        )
    return found


def settings_variables() -> set[str]:
    prefix = Settings.model_config.get("env_prefix", "")
    return {f"{prefix}{name}".upper() for name in Settings.model_fields}


def _settings_classes_in_source() -> set[str]:
    """Variables read by every ``BaseSettings`` subclass under api/ (env_prefix + field name)."""
    names: set[str] = set()
    for path in API.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.ClassDef):
                continue
            bases = {b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases}
            if "BaseSettings" not in bases:
                continue
            prefix = ""
            fields: list[str] = []
            for stmt in node.body:
                if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
                    if stmt.target.id == "model_config" and isinstance(stmt.value, ast.Call):
                        prefix = _env_prefix(stmt.value)
                    elif not stmt.target.id.startswith("_"):
                        fields.append(stmt.target.id)
                elif (
                    isinstance(stmt, ast.Assign)
                    and isinstance(stmt.value, ast.Call)
                    and any(isinstance(t, ast.Name) and t.id == "model_config" for t in stmt.targets)
                ):
                    prefix = _env_prefix(stmt.value)
            names.update(f"{prefix}{field}".upper() for field in fields)
    return names


def _env_prefix(call: ast.Call) -> str:
    for keyword in call.keywords:
        if keyword.arg == "env_prefix" and isinstance(keyword.value, ast.Constant):
            return str(keyword.value.value)
    return ""


def _environ_reads_in_source() -> set[str]:
    return {
        name for path in API.rglob("*.py") for name in _ENV_READ.findall(path.read_text(encoding="utf-8"))
    }


def test_the_source_scan_finds_what_it_should() -> None:
    # Guards the scanners themselves: Settings is found with its prefix, domain settings too.
    read = _settings_classes_in_source()
    assert settings_variables() <= read
    assert "LANGELIS_IDEAS_VOTE_RATE_LIMIT" in read
    assert "LANGELIS_INDICATORS_DERIVE_AT" in _environ_reads_in_source()


def test_expanding_the_shorthand() -> None:
    known = {"LANGELIS_LOGIN_RATE_WINDOW_SECONDS", "LANGELIS_DATABASE_MAX_OVERFLOW"}
    assert (
        _expand("LANGELIS_LOGIN_RATE_LIMIT", "…_WINDOW_SECONDS", known)
        == "LANGELIS_LOGIN_RATE_WINDOW_SECONDS"
    )
    assert _expand("LANGELIS_DATABASE_POOL_SIZE", "…_MAX_OVERFLOW", known) == "LANGELIS_DATABASE_MAX_OVERFLOW"
    assert _expand("LANGELIS_A_B", "…_C", set()) == "LANGELIS_A_C"


def test_every_setting_is_documented_in_the_readme() -> None:
    known = settings_variables() | _settings_classes_in_source() | _environ_reads_in_source()
    missing = settings_variables() - set(documented_variables(known))
    assert not missing, f"settings missing from README.md's Configuration table: {sorted(missing)}"


def test_every_documented_variable_is_read_by_the_code() -> None:
    known = settings_variables() | _settings_classes_in_source() | _environ_reads_in_source()
    documented = documented_variables(known)
    assert len(documented) == len(set(documented)), "a variable is documented twice"
    unknown = set(documented) - known
    assert not unknown, f"README.md documents variables nothing reads: {sorted(unknown)}"


# -- lock files ------------------------------------------------------------------------------------


def lock_entries(path: Path) -> dict[str, tuple[str, list[str]]]:
    """name -> (requirement, hashes), from a pip-compile output with continuation lines."""
    logical: list[str] = []
    current = ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split(" #", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if not line:
            continue
        current += " " + line.removesuffix("\\").strip()
        if not line.endswith("\\"):
            logical.append(current.strip())
            current = ""
    assert not current, f"{path.name} ends in a continuation line"
    entries: dict[str, tuple[str, list[str]]] = {}
    for entry in logical:
        requirement, *options = entry.split()
        assert not requirement.startswith("-"), f"{path.name}: option line {entry!r} (no -e, -r, --index-url)"
        hashes = [o.removeprefix("--hash=") for o in options if o.startswith("--hash=")]
        assert len(hashes) == len(options), f"{path.name}: unexpected options in {entry!r}"
        name = canonicalize_name(Requirement(requirement).name)
        assert name not in entries, f"{path.name} pins {name} twice"
        entries[name] = (requirement, hashes)
    return entries


@pytest.mark.parametrize("lock", sorted(LOCKS))
def test_lock_pins_every_package_exactly_with_hashes(lock: str) -> None:
    entries = lock_entries(LOCKS[lock])
    assert len(entries) > 10
    for name, (requirement, hashes) in entries.items():
        req = Requirement(requirement)
        specs = list(req.specifier)
        assert len(specs) == 1 and specs[0].operator == "==", (
            f"{lock}.txt: {requirement} is not pinned with =="
        )
        assert req.url is None and not req.extras, f"{lock}.txt: {requirement} must be a plain pin"
        assert hashes, f"{lock}.txt: {name} has no --hash"
        assert all(re.fullmatch(r"sha256:[0-9a-f]{64}", h) for h in hashes), (
            f"{lock}.txt: bad hash for {name}"
        )


def test_locks_cover_pyproject_and_agree() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime, dev = lock_entries(LOCKS["runtime"]), lock_entries(LOCKS["dev"])
    for wanted, lock, label in (
        (project["dependencies"], runtime, "runtime"),
        (project["dependencies"] + project["optional-dependencies"]["dev"], dev, "dev"),
    ):
        for spec in wanted:
            req = Requirement(spec)
            name = canonicalize_name(req.name)
            assert name in lock, f"{label}.txt lacks {req.name}: run `make lock`"
            pinned = Requirement(lock[name][0]).specifier
            version = next(iter(pinned)).version
            assert req.specifier.contains(version, prereleases=True), (
                f"{label}.txt pins {name}=={version}, outside pyproject's {spec!r}: run `make lock`"
            )
    for name, (requirement, _) in runtime.items():
        assert dev.get(name, ("",))[0] == requirement, f"dev.txt and runtime.txt disagree on {name}"


def test_make_installs_from_the_lock() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"pip install [^\n]*--require-hashes -r requirements/dev\.txt", makefile)
    assert re.search(r"\$\(STAMP\):[^\n]*requirements/", makefile.replace("$(LOCKS)", "requirements/"))


# -- Dockerfile and compose ------------------------------------------------------------------------


def _exact_image(reference: str) -> bool:
    """A digest, or a tag with the full release: ``3.11.13-slim-bookworm`` (x.y.z), and for
    PostgreSQL, whose releases are major.minor, ``16.10``. ``3.11-slim`` or ``16`` move."""
    if "@sha256:" in reference:
        return True
    name, _, tag = reference.rpartition(":")
    if not name or "/" in tag:
        return False
    parts = 2 if name.rsplit("/", 1)[-1] == "postgres" else 3
    return bool(re.match(r"\d+" + r"\.\d+" * (parts - 1) + r"(-|$)", tag))


def test_dockerfile_base_images_are_exact_versions() -> None:
    lines = (ROOT / "Dockerfile").read_text(encoding="utf-8").splitlines()
    stages: set[str] = set()
    froms = [line.split() for line in lines if line.upper().startswith("FROM ")]
    assert froms
    for words in froms:
        image = next(w for w in words[1:] if not w.startswith("--"))
        if image not in stages:
            assert _exact_image(image), f"Dockerfile: {' '.join(words)} is not pinned to an exact version"
            if image.startswith("python:"):
                assert re.match(r"python:\d+\.\d+\.\d+-", image), f"{image}: give the full Python version"
        if len(words) >= 4 and words[-2].upper() == "AS":
            stages.add(words[-1])
    assert not any(map(_exact_image, ("python:3.11-slim", "python:3.11", "postgres:16", "postgres:latest")))


def test_dockerfile_installs_locked_and_non_editable() -> None:
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    installs = re.findall(r"pip install[^\n]*", text)
    assert any("--require-hashes" in i and "-r requirements/runtime.txt" in i for i in installs)
    assert any(re.search(r"--no-deps \.(\s|$)", i) for i in installs), (
        "the project is installed with --no-deps ."
    )
    assert not any(re.search(r"(\s-e\s|--editable)", i) for i in installs), "no editable install in the image"
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert ".env" in ignored and "requirements" not in ignored


def test_compose_images_are_pinned_and_secret_comes_from_the_environment() -> None:
    text = (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
    for image in re.findall(r"^\s*image:\s*(\S+)", text, re.M):
        assert image == "langelis:local" or _exact_image(image), f"compose image {image} is not pinned"
    assert "${LANGELIS_SECRET_KEY:?" in text
    assert "service_completed_successfully" in text and "service_healthy" in text
