"""Address repairs on texts as Hanji read them off SROIE receipts (truth in the comments' receipts)."""

import pytest

from hanji.documents.address_text import clean_address


@pytest.mark.parametrize(
    ("read", "repaired"),
    [
        # a full stop between parts, after a number or a word, is a misread comma
        (
            "NO.32 & 33. JALAN SR 1/9. SEKSYEN 9. TAMAN SERDANG RAYA",
            "NO.32 & 33, JALAN SR 1/9, SEKSYEN 9, TAMAN SERDANG RAYA",
        ),
        ("F JALAN PUDU. 55100 KUALA LUMPUR", "F JALAN PUDU, 55100 KUALA LUMPUR"),
        ("NO. 47.JALAN MERANTI 1A", "NO. 47,JALAN MERANTI 1A"),
        ("TARA SELATAN., 84600,PAGOH", "TARA SELATAN, 84600,PAGOH"),
        # digits with one zero-like letter are a number
        ("NO 29O, JALAN AIR PANAS", "NO 290, JALAN AIR PANAS"),
        ("SEKSYEN U13, 4D170 SHAH ALAM", "SEKSYEN U13, 40170 SHAH ALAM"),
    ],
)
def test_misreads_are_repaired(read: str, repaired: str) -> None:
    assert clean_address(read) == repaired


@pytest.mark.parametrize(
    "kept",
    [
        "NO. 5, JALAN BESAR",  # abbreviations keep their stop
        "LOT P.T. 33198, BATU 4 JALAN KAPAR",
        "SELANGOR D.E.",
        "BATU 1.5, JALAN IPOH",  # a decimal point
        "KUALA LUMPUR.",  # the final stop
        "BAHRU.JOHOR",  # a word glued to a word: a stop may be a lost space
        "JLN SS 7/26A, G3O",  # a letter-led code stays as read
        "서울특별시 강남구 테헤란로 1. 2층",  # only Latin addresses are touched
    ],
)
def test_what_is_right_is_kept(kept: str) -> None:
    assert clean_address(kept) == kept
