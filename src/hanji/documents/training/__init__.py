"""Training the receipt line model from SROIE-style data (``img/``, ``key/``), numpy only.

Run through ``hanji train receipt``; nothing here is imported at request time.
"""
