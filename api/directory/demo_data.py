"""Kept only for ``bench/bench_directory.py``, which imports ``ORGANIZATIONS`` from here: the demo
data lives in :mod:`api.directory.demo.data`. Remove once the bench imports it from there."""

from api.directory.demo.data import ORGANIZATIONS

__all__ = ["ORGANIZATIONS"]
