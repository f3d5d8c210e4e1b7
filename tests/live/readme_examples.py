"""The README's shell examples, extracted in order: every ```sh or ```bash block that calls the API
(`curl`) is an example a reader runs against `make run`'s demo server, in one shell, top to bottom.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"
FENCE = re.compile(r"^```(sh|bash)\n(.*?)^```", re.S | re.M)
DEMO = "http://127.0.0.1:8000"
BASH = shutil.which("bash") or "/bin/bash"

PRELUDE = """set -euo pipefail
# Every example's curl fails on an HTTP error, as a reader would notice one.
curl() { command curl --fail-with-body -sS "$@"; }
"""


@dataclass
class Example:
    line: int
    code: str


def examples(text: str | None = None) -> list[Example]:
    text = README.read_text(encoding="utf-8") if text is None else text
    found = []
    for match in FENCE.finditer(text):
        code = match.group(2)
        if "curl" in code:
            found.append(Example(line=text[: match.start()].count("\n") + 1, code=code))
    return found


def run_all(
    base_url: str, workdir: Path, timeout: float = 120
) -> list[tuple[Example, subprocess.CompletedProcess[str]]]:
    """Run the examples one after another in one bash session; stop at the first that fails."""
    results = []
    state = workdir / "state.sh"
    state.write_text("")
    for example in examples():
        code = example.code.replace(DEMO, base_url)
        script = (
            PRELUDE
            + f"source {state}\n"
            + code
            + f"\ndeclare -p > {state}.new 2>/dev/null; declare -f >> {state}.new\n"
        )
        done = subprocess.run(
            [BASH, "-c", script], cwd=workdir, capture_output=True, text=True, timeout=timeout
        )
        results.append((example, done))
        if done.returncode != 0:
            break
        new_state = (workdir / "state.sh.new").read_text()
        # Keep the reader's variables and functions, not bash's read-only ones.
        kept = [
            line
            for line in new_state.splitlines()
            if not re.match(r"declare -[a-zA-Z]*r", line)
            and not line.startswith(("declare -x", "declare -- BASH", "declare -a BASH", "declare -i "))
        ]
        state.write_text("\n".join(kept) + "\n")
    return results


if __name__ == "__main__":
    import sys
    import tempfile

    base = sys.argv[1] if len(sys.argv) > 1 else DEMO
    with tempfile.TemporaryDirectory() as tmp:
        for ex, done in run_all(base, Path(tmp)):
            status = "ok" if done.returncode == 0 else f"FAILED ({done.returncode})"
            print(f"README line {ex.line}: {status}")
            if done.returncode != 0:
                print(done.stdout[-1500:], done.stderr[-1500:])
