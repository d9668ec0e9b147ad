"""Persistence: SQLAlchemy models, the database engine, Alembic migrations and the blob store."""
