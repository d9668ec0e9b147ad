"""Generic key–value pairing on a small hand-built form laid out like FUNSD pages."""

from hanji.core.geometry import Box
from hanji.core.result import Line, Page, Word
from hanji.documents import pair_key_values


def _line(text: str, x: float, y: float) -> Line:
    words = []
    for tok in text.split():
        words.append(Word(tok, Box(x, y, x + 9 * len(tok), y + 14).to_quad(), 0.95))
        x += 9 * len(tok) + 7
    return Line(tuple(words))


def _form() -> Page:
    lines = (
        _line("TO:", 40, 40),  # a label with its value to the right
        _line("Dr. Jane Smith", 120, 40),
        _line("FROM:", 40, 80),  # two labels on one row: FROM's value is not the next label
        _line("DATE:", 400, 80),
        _line("Remarks", 40, 140),  # a label whose value sits under it
        _line("Ship 2 crates by truck", 40, 170),
        _line("Fax: 555-0100", 400, 220),  # key and value in one line
    )
    return Page(0, 700, 300, lines)


def test_pairs_right_below_and_inline() -> None:
    pairs = [(kv.key, kv.value) for kv in pair_key_values(_form())]
    assert ("TO", "Dr. Jane Smith") in pairs
    assert ("Remarks", "Ship 2 crates by truck") in pairs
    assert ("Fax", "555-0100") in pairs
    assert all(k != "FROM" or v != "DATE:" for k, v in pairs)


def test_pair_words_come_from_each_side() -> None:
    kv = next(kv for kv in pair_key_values(_form()) if kv.key == "TO")
    assert [w.text for w in kv.key_words] == ["TO:"]
    assert [w.text for w in kv.value_words] == ["Dr.", "Jane", "Smith"]
