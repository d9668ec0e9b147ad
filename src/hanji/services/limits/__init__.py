"""Limits on callers: calls per minute, calls per month, failed sign-ins and secrets per client."""
