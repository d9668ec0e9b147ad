"""The HTTP edge: the management API, invoke URLs, health and metrics. Only this layer knows HTTP."""
