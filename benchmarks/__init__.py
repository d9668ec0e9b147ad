"""Benchmark scripts (run them; they are not tests)."""
