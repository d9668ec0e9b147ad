"""Use cases. Keyword-only functions that own the database session they are given."""
