"""Async jobs: the queue, the steps a job runs in, the runners that drive them, and webhooks."""
