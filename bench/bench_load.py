"""`python -m bench load`: real servers under wrk beside Datasette and the raw driver (bench/load.py)."""

from bench.load import main

__all__ = ["main"]
