"""Hanji: a self-hosted, CLOVA-OCR-compatible document OCR platform."""

__version__ = "0.1.0"
