"""Searchable PDF output: the input's pages with the OCR words laid over them as invisible text."""

from hanji.searchable.writer import searchable_pdf_bytes, write_searchable_pdf

__all__ = ["searchable_pdf_bytes", "write_searchable_pdf"]
