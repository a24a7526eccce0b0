"""Settings from flags and the environment (CONTRACT.md §1 defaults)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Settings:
    db: Path
    raw_dir: Path
    sources: Path
    notify: tuple[str, ...] = field(default_factory=tuple)
    quiet: bool = False

    @property
    def state_dir(self) -> Path:
        """Crawl work files, the HTTP cache and Prefect's home live beside the database."""
        return self.db.parent

    @property
    def cache_dir(self) -> Path:
        return self.state_dir / "httpcache"

    @property
    def crawl_dir(self) -> Path:
        return self.state_dir / "crawls"


def notify_from_env() -> tuple[str, ...]:
    value = os.environ.get("KJWATCH_NOTIFY", "").strip()
    return (value,) if value else ()


def _sources_path(flag: str | None) -> Path:
    """--sources, else $KJWATCH_SOURCES, else ./sources.yaml, else the bundled registry."""
    chosen = flag or os.environ.get("KJWATCH_SOURCES")
    if chosen:
        return Path(chosen)
    local = Path("sources.yaml")
    if local.exists():
        return local
    from flows.registry import bundled_sources_path

    return bundled_sources_path()


def settings_from(db: str | None = None, sources: str | None = None, notify: list[str] | None = None,
                  raw_dir: str | None = None, quiet: bool = False) -> Settings:
    """Flags win over the environment, which wins over the contract's defaults."""
    return Settings(
        db=Path(db or os.environ.get("KJWATCH_DB", "data/kjwatch.duckdb")),
        raw_dir=Path(raw_dir or os.environ.get("KJWATCH_DATA", "data/raw")),
        sources=_sources_path(sources),
        notify=tuple(notify) if notify else notify_from_env(),
        quiet=quiet,
    )


class StateDirError(RuntimeError):
    """The folder for the database, the crawl state and Prefect's home cannot be made."""


def prepare_prefect(state_dir: Path) -> None:
    """Ephemeral Prefect with nothing to set up: home under the data dir, telemetry off.

    Must run before `prefect` is imported; values already in the environment win. Prefect
    only warns when it cannot make its home and then waits 90 s for a server that cannot
    start, so the home is made here, parents included, and a failure stops the run at once.
    """
    defaults = {
        "PREFECT_HOME": str((state_dir / "prefect").resolve()),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        # Run logs (INFO) are stored in Prefect; the terminal shows only warnings from Prefect itself.
        "PREFECT_LOGGING_LEVEL": "INFO",
        "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL": "WARNING",
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
        "PREFECT_UI_ENABLED": "false",
    }
    for key, value in defaults.items():
        os.environ.setdefault(key, value)
    home = Path(os.environ["PREFECT_HOME"]).expanduser()
    try:
        home.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StateDirError(f"cannot create the state folder {home}: {exc.strerror or exc}") from None
