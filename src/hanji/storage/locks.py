"""Named locks held until the transaction ends, the same way on SQLite and PostgreSQL.

A rule that counts rows ("at most 2 secret keys", "at most 2 domains per specialised model") is
checked and then written; two writers that both check before either writes would both pass. Each
such check runs after ``hold``: the lock is a write to a ``named_locks`` row, so on PostgreSQL the
second writer waits on the row lock, and on SQLite (whose driver begins a transaction at its first
write) on the database's write lock — either way it checks only after the first has committed.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session


def hold(db: Session, name: str) -> None:
    """Take the lock ``name`` (created on first use) until ``db``'s transaction commits or rolls back."""
    params = {"name": name}
    db.execute(
        text("INSERT INTO named_locks (name, taken) VALUES (:name, 0) ON CONFLICT (name) DO NOTHING"), params
    )
    db.execute(text("UPDATE named_locks SET taken = taken + 1 WHERE name = :name"), params)


def domain_lock(domain_id: int) -> str:
    """One domain: its keys, copies and deletion."""
    return f"domain:{domain_id}"


DOMAIN_CREATION = "domains:create"
"""Every domain creation: ids (SQLite), unique names and codes, and the per-type limits."""
