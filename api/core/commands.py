"""What the ``langelis`` command hands a domain's sub-commands: settings and a session factory.

Domain ``cli.py`` modules never import the app factory; a command is ``func(args, ctx)`` and opens
its sessions with ``ctx.session()``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property

from sqlalchemy.engine import Engine
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session

from api.core.config import Settings, get_settings
from api.core.db import make_engine, make_session_factory, side_session


@dataclass
class CommandContext:
    settings: Settings = field(default_factory=get_settings)

    @cached_property
    def engine(self) -> Engine:
        return make_engine(self.settings.database_url)

    @cached_property
    def session_factory(self) -> sessionmaker[Session]:
        return make_session_factory(self.engine)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session committed when the block ends without error."""
        with side_session(self.session_factory) as session:
            yield session

    def close(self) -> None:
        if "engine" in self.__dict__:
            self.engine.dispose()
