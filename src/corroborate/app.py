"""The application object shared by the CLI and the web app (as in datasette).

Both entry points build one `Corroborate` from `Settings`; every command and
every view is then a call to a plain library function with this object's store
and settings.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

from .config import Settings

if TYPE_CHECKING:
    from .store import Store


class Corroborate:
    def __init__(self, settings: Settings | None = None, *, create: bool = True,
                 **overrides: Any) -> None:
        """``settings`` as the caller holds them; a library user without any (plain
        ``Corroborate()``, or only keyword ``overrides`` such as ``db=``) gets the
        documented ones, loaded as the CLI loads them: the TOML file named by
        ``CORROBORATE_CONFIG``, then ``CORROBORATE_*`` variables, then ``overrides``."""
        if settings is None:
            settings = Settings.load(**overrides)
        elif overrides:
            # overrides beside settings would be dropped without a word
            raise TypeError(f"Corroborate: pass settings or overrides "
                            f"({', '.join(sorted(overrides))}), not both")
        self.settings = settings
        # False for commands that only read: a mistyped --db is then an error, not a new store
        self.create = create

    @cached_property
    def store(self) -> Store:
        from .store import open_store

        return open_store(self.settings.db, create=self.create)

    def close(self) -> None:
        if "store" in self.__dict__:
            self.store.close()
            del self.__dict__["store"]

    def __enter__(self) -> Corroborate:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
