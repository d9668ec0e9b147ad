"""SYNTHETIC Korean documents for tests and benchmarks: rendered with Pillow + Nanum fonts, random valid data.

Each family module has ``render(rng) -> SyntheticDoc`` (RGB pixels + ground truth); the same seed
always gives the same page. Never a real document, never reported as real-data accuracy.
"""
