"""Flows that compose the parts: General (text + tables), Document (specialized extractors)."""
