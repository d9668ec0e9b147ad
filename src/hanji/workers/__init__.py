"""The Celery adapter: OCR tasks and async jobs on ``hanji worker`` processes (see docs/jobs.md)."""
