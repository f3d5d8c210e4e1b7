"""Building the analytics cells (:mod:`.cells`) again right after a change to their data commits.

Until the cells are built under the new data tag, questions about the changed data are computed from
the observations; the minute's periodic job would build them, this asks for it at once. Every
writer of what the tag covers (observations, definitions) calls :func:`build_soon`; the build skips
the series already built under the current tag, so tasks asked for together cost one build.
"""

from __future__ import annotations

from sqlmodel import Session

from api.core.jobs import enqueue_after_commit

# The job's name, periodic (every minute) and as a task.
BUILD_JOB = "indicators.analytics_cells"


def build_soon(session: Session) -> None:
    """Enqueue a build once this session's transaction commits (never for a rolled-back change)."""
    enqueue_after_commit(session, BUILD_JOB)
