"""Call statistics: each call recorded, old records purged, summaries computed by the database."""
