"""Receipt key fields by layout: the payable total after cash rounding, company names wrapped over
lines or boxes, and address blocks set by how addresses open. Hand-built pages, no OCR."""

from hanji.core.result import Line, Page
from hanji.documents.receipt import _address_block, _clean_name, _whole_name, extract_receipt
from hanji.documents.training.score import receipt_fields
from tests.documents.lines import text_line

HEIGHT = 20.0


def _row(text: str, y: float, x: float = 20.0) -> Line:
    return text_line(text, x, y, char_width=10.0, gap=8.0, height=HEIGHT, confidence=0.95)


def _page(*lines: Line) -> Page:
    return Page(0, 600, 800, lines)


def _till(*rows: tuple[str, str]) -> Page:
    """Label left, amount right, one row each 30 px apart."""
    lines = []
    for k, (label, amount) in enumerate(rows):
        y = 300.0 + 30 * k
        lines += [_row(label, y), _row(amount, y, x=450.0)]
    return _page(_row("KEDAI BUKU SDN BHD", 20.0), _row("12, JALAN SAGU 18,", 50.0), *lines)


def test_the_total_is_the_amount_after_the_rounding_adjustment() -> None:
    page = _till(
        ("Total Sales Incl GST", "42.48"),
        ("Rounding Adj", "0.02"),
        ("Total After Adj", "42.50"),
        ("CASH", "50.00"),
        ("Change", "7.50"),
    )
    assert receipt_fields(extract_receipt(page, None))["total"] == "42.50"


def test_a_rounding_step_printed_without_its_zero_still_counts() -> None:
    page = _till(
        ("Total Sales (Inclusive GST) RM", "72.74"),
        ("Rounding Adjustment RM", ".01"),
        ("Rounding RM", "72.75"),
    )
    assert receipt_fields(extract_receipt(page, None))["total"] == "72.75"


def test_without_a_matching_adjustment_the_total_stays_as_labelled() -> None:
    page = _till(("Total Sales Incl GST", "42.48"), ("Rounding Adj", "0.00"), ("CASH", "50.00"))
    assert receipt_fields(extract_receipt(page, None))["total"] == "42.48"


def test_a_company_form_on_its_own_line_takes_the_name_line_above() -> None:
    page = _page(_row("POPULAR BOOK", 20.0), _row("CO. (M) SDN BHD", 42.0), _row("(Co. No. 113825-W)", 64.0))
    assert _whole_name(page, [1], 1) == [0, 1]


def test_a_name_wrapped_over_three_lines_is_taken_whole() -> None:
    page = _page(
        _row("AIK HUAT HARDWARE", 20.0), _row("ENTERPRISE (SETIA", 42.0), _row("ALAM) SDN BHD", 64.0)
    )
    assert _whole_name(page, [2], 2) == [0, 1, 2]


def test_a_full_name_line_keeps_the_brand_above_it_out() -> None:
    page = _page(_row("DOMINO'S PIZZA", 20.0), _row("DOMMAL FOOD SERVICES SDN BHD", 42.0))
    assert _whole_name(page, [1], 1) == [1]


def test_boxes_left_of_the_company_form_on_its_row_belong_to_the_name() -> None:
    page = _page(_row("SWC", 20.0), _row("ENTERPRISE", 20.0, x=70.0), _row("SDN BHD", 20.0, x=190.0))
    assert _whole_name(page, [2], 2) == [0, 1, 2]


def test_registration_numbers_and_misread_forms_leave_the_name() -> None:
    assert _clean_name("THE STORE （MALAYSIA） SDN BHD （8199K）") == "THE STORE (MALAYSIA) SDN BHD"
    assert _clean_name("KING'S CONFECTIONERY S/B 273500-U(GKJ)") == "KING'S CONFECTIONERY S/B"
    assert _clean_name("AMANO MALAYSIA SON BHD") == "AMANO MALAYSIA SDN BHD"
    assert _clean_name("99 SPEED MART S/8") == "99 SPEED MART S/B"
    assert _clean_name("99 SPEED MART 5/BS19537-X)") == "99 SPEED MART S/B"
    assert _clean_name("MR. D.1.Y. (M) SDN BHD") == "MR. D.I.Y. (M) SDN BHD"
    assert _clean_name("AIK_HUAT HARDWARE ENTERPRISE") == "AIK HUAT HARDWARE ENTERPRISE"
    # A branch named in words is part of the name.
    assert _clean_name("CHECKERS HYPERMARKET SDN BHD (JALAN KLANG LAMA)") == (
        "CHECKERS HYPERMARKET SDN BHD (JALAN KLANG LAMA)"
    )


def test_the_number_line_above_an_address_block_opens_it() -> None:
    page = _page(
        _row("TSH HARDWARE SDN BHD", 20.0),
        _row("LOT 34817 JALAN BATU AMBAR", 50.0),
        _row("TAMAN KOK LIAN", 72.0),
        _row("51200 KUALA LUMPUR,", 94.0),
    )
    assert _address_block(page, [2, 3], [0]) == [1, 2, 3]


def test_a_store_line_at_the_top_of_an_address_block_is_dropped() -> None:
    page = _page(
        _row("DOMINO'S PIZZA PERMAS JAYA", 20.0),
        _row("NO.12, JALAN PERMAS JAYA 10,", 42.0),
        _row("81750 MASAI JOHOR", 64.0),
    )
    assert _address_block(page, [0, 1, 2], []) == [1, 2]
    # A building line ending in a comma is the address's own first line.
    page = _page(
        _row("WISMA UOA II,", 20.0), _row("NO 21, JALAN PINANG,", 42.0), _row("50450 KUALA LUMPUR", 64.0)
    )
    assert _address_block(page, [0, 1, 2], []) == [0, 1, 2]


def test_cash_tendered_is_not_the_total_when_the_change_says_what_was_paid() -> None:
    from hanji.documents.receipt import _before_change

    page = _till(("SUB TOTAL", "10.00"), ("CASH", "20.00"), ("CHANGE DUE", "10.00"))
    cash = next(ln for ln in page.lines if ln.text == "20.00")
    paid = _before_change(page, ("20.00", cash, "CASH"))
    assert paid is not None and paid[0] == "10.00"
    # A total labelled as one is left as it is.
    assert _before_change(page, ("20.00", cash, "TOTAL")) is None


def test_an_address_block_follows_its_commas_up_and_down_but_not_into_contacts() -> None:
    page = _page(
        _row("MEI LET RESTAURANT", 20.0),
        _row("NO 2, JALAN BULAN BM U5/BM,", 42.0),
        _row("SEKSYEN U5,", 64.0),
        _row("40150 SHAH ALAM, SELANGOR", 86.0),
        _row("TEL:03-7859 9863", 108.0),
    )
    assert _address_block(page, [3], [0]) == [1, 2, 3]  # the comma lines above run into it
    page = _page(
        _row("GROUND FLOOR, NO.4 & 6, JALAN SS15/4B,", 20.0),
        _row("47500 SUBANG JAYA, SELANGOR.", 42.0),
        _row("TEL: 03-5633 1188", 64.0),
    )
    assert _address_block(page, [0], []) == [0, 1]  # the comma line below goes on
    page = _page(_row("NO.50, JALAN PBS 14/11, BUKIT SERDANG,", 20.0), _row("Tel:03-89410243", 42.0))
    assert _address_block(page, [0], []) == [0]


def test_owner_labels_and_handwritten_notes_are_not_the_name() -> None:
    assert _clean_name("OWN BY: CHEF LEE SDN BHD") == "CHEF LEE SDN BHD"
    assert _clean_name("Dimiliki: banh mi cafe sdn bhd") == "banh mi cafe sdn bhd"
    assert (
        _clean_name("tan chay yee S.H.H.MOTOR(SUNGAIRENGIT)SDN.BHD.") == "S.H.H.MOTOR(SUNGAIRENGIT)SDN.BHD."
    )
    assert _clean_name("banh mi cafe sdn bhd") == "banh mi cafe sdn bhd"


def test_courtesy_lines_printed_on_top_are_not_the_store_name() -> None:
    page = _page(
        _row("Thank You. Please come again.", 20.0),
        _row("Goods Sold Are Not Returnable.", 42.0),
        _row("Segi Cash & Carry Sdn.Bhd", 64.0),
        _row("PT17920, SEKSYEN U9,", 86.0),
        _row("40150 SHAH ALAM, SELANGOR.", 108.0),
    )
    fields = receipt_fields(extract_receipt(page, None))
    assert fields["company"] == "Segi Cash & Carry Sdn.Bhd"
