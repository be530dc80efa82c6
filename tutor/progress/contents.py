"""What a database at each schema version must contain, derived from MIGRATIONS itself.

The version in the header is one 32-bit field: a flipped bit, a crash in a tool that edited the
file, or a copy from somewhere else can leave it saying something the tables do not. Migrating on
the word of a wrong version re-runs migrations on tables that exist ("table ... already exists",
forever) or skips ones that are missing. So at open the store compares the file with what running
the first N migrations produces, and treats a mismatch as damage.

The expected contents come from applying the migrations to an in-memory database, so a migration
added later is covered without changing this module. That costs 8 ms and half a MiB at every start
(each start is a new process), so what it derived is kept beside the catalogue cache, keyed by the
migrations' text. The kept copy is trusted only to confirm that a file matches: a file it does not
confirm is judged against contents derived again, so a stale, damaged or edited copy can never make a
healthy file look damaged. A new, empty file needs neither: version 0 holds nothing.
"""

from __future__ import annotations

import functools
import sqlite3
import zlib
from collections.abc import Sequence, Set
from pathlib import Path

import msgspec
from msgspec import Struct

from tutor.content.kept_entries import keep_file

# (object type, object name, column name or ""): every table, index, view and trigger, and every
# column of every table. Columns matter for migrations that only ALTER TABLE ... ADD COLUMN. The
# SQL text itself is not compared: SQLite versions differ in how ALTER TABLE rewrites it.
Item = tuple[str, str, str]

# sqlite_% objects (sqlite_sequence, sqlite_stat1, automatic indexes) are SQLite's own.
_CONTENTS_QUERY = """
    SELECT m.type, m.name, coalesce(c.name, '')
    FROM sqlite_master AS m LEFT JOIN pragma_table_info(m.name) AS c ON m.type = 'table'
    WHERE m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
"""


class Expected(Struct, frozen=True):
    by_version: tuple[frozenset[Item], ...]
    # Everything any version has: only these are compared, so a table or column someone added by
    # hand (with the sqlite3 shell, say) is not taken for damage.
    known: frozenset[Item]


def contents(conn: sqlite3.Connection) -> frozenset[Item]:
    """What the database on `conn` holds, in the form the expected contents are kept in."""
    return frozenset((str(kind), str(name), str(column)) for kind, name, column in conn.execute(_CONTENTS_QUERY))


@functools.lru_cache(maxsize=4)
def expected_contents(migrations: Sequence[Sequence[str]]) -> Expected:
    """What each version 0..len(migrations) contains, by running the migrations in memory."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        by_version = [contents(conn)]
        for statements in migrations:
            for statement in statements:
                conn.execute(statement)
            by_version.append(contents(conn))
    finally:
        conn.close()
    return Expected(tuple(by_version), frozenset().union(*by_version))


class _Kept(Struct, frozen=True):
    key: int  # of the migrations the contents were derived from
    expected: Expected


def _key(migrations: Sequence[Sequence[str]]) -> int:
    return zlib.crc32("\0\0".join("\0".join(statements) for statements in migrations).encode())


def _kept(kept: Path, migrations: Sequence[Sequence[str]]) -> Expected | None:
    try:
        found = msgspec.json.decode(kept.read_bytes(), type=_Kept)
    except (OSError, msgspec.DecodeError, msgspec.ValidationError):
        return None
    if found.key != _key(migrations) or len(found.expected.by_version) != len(migrations) + 1:
        return None
    return found.expected


def version_mismatch(
    conn: sqlite3.Connection, version: int, migrations: Sequence[Sequence[str]], kept: Path | None = None
) -> str | None:
    """Why the database on `conn` cannot be at `version`, in words; None if it matches.

    `version` must not be newer than the migrations know (that is NewerSchemaError, not damage).
    `kept`: a file where the expected contents are kept between runs (read, and written when derived).
    """
    if version < 0:
        return f"its header records schema version {version}, which no tutor ever writes"
    held = contents(conn)
    if version == 0 and not held:
        return None  # a new file: nothing in it, as version 0 wants
    remembered = _kept(kept, migrations) if kept is not None else None
    if remembered is not None and held & remembered.known == remembered.by_version[version]:
        return None
    expected = expected_contents(tuple(tuple(m) for m in migrations))
    if kept is not None and expected != remembered:
        keep_file(kept, msgspec.json.encode(_Kept(_key(migrations), expected)))
    found = held & expected.known
    wanted = expected.by_version[version]
    if found == wanted:
        return None
    details = "; ".join(
        f"{label}: {names}"
        for label, names in (("missing", _difference(wanted, found)), ("not expected", _difference(found, wanted)))
        if names
    )
    return f"its header says schema version {version}, but its tables do not match that version ({details})"


def _difference(these: Set[Item], those: Set[Item]) -> str:
    """What `these` has and `those` lacks: whole objects by name, else table.column; at most five."""
    their_objects = {item[:2] for item in those}
    objects = sorted({name for kind, name, _ in these if (kind, name) not in their_objects})
    columns = sorted(
        f"{name}.{column}" for kind, name, column in these - those if column and (kind, name) in their_objects
    )
    shown = objects + columns
    more = f" and {len(shown) - 5} more" if len(shown) > 5 else ""
    return ", ".join(shown[:5]) + more
