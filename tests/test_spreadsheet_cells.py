"""L3: OCR text that a spreadsheet would run as a formula is exported as plain text."""

from hanji.core.geometry import Box
from hanji.core.result import Cell, Line, Table, Word
from hanji.core.spreadsheet import inert
from hanji.tables.export import to_csv
from hanji.templates.export import to_csv as fields_csv


def test_formula_starts_get_an_apostrophe_and_numbers_do_not() -> None:
    for attack in ('=HYPERLINK("http://x")', "+cmd|' /C calc'!A0", "-2+3+cmd", "@SUM(A1)", "\t=1"):
        assert inert(attack) == "'" + attack
    for number in ("-1,200", "+3.5%", "-0.50", "12,000"):
        assert inert(number) == number
    assert inert("합계 =") == "합계 ="


def _cell(text: str, row: int, column: int) -> Cell:
    word = Word(text, Box(0, 0, 10, 10).to_quad(), 1.0)
    return Cell(row, column, 1, 1, Box(0, 0, 10, 10).to_quad(), (Line((word,)),))


def test_table_and_field_exports_are_inert() -> None:
    table = Table(Box(0, 0, 20, 10).to_quad(), (_cell("=1+1", 0, 0), _cell("-5", 0, 1)))
    assert to_csv(table).splitlines() == ["'=1+1,-5"]
    text = fields_csv([{"field": "@evil", "text": "=2*3"}])
    assert "'@evil" in text and "'=2*3" in text
