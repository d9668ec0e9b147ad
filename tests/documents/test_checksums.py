from hanji.documents.checksums import (
    biz_number_check_digit,
    biz_number_valid,
    luhn_check_digit,
    luhn_valid,
    mrz_check_digit,
    mrz_check_ok,
    rrn_check_digit,
    rrn_valid,
)


def test_luhn_known_numbers() -> None:
    assert luhn_valid("4539148803436467")
    assert luhn_valid("79927398713")
    assert not luhn_valid("79927398710")
    assert not luhn_valid("4539 1488")
    assert luhn_check_digit("7992739871") == "3"


def test_mrz_check_digits_of_icao_specimen() -> None:
    assert mrz_check_digit("L898902C3") == "6"
    assert mrz_check_digit("740812") == "2"
    assert mrz_check_digit("120415") == "9"
    assert mrz_check_digit("ZE184226B<<<<<") == "1"
    assert mrz_check_digit("L898902C36" + "7408122" + "1204159" + "ZE184226B<<<<<1") == "0"
    assert mrz_check_ok("<<<<<<<<<<<<<<", "<")
    assert not mrz_check_ok("L898902C3", "7")


def test_korean_business_number() -> None:
    assert biz_number_valid("1248100998")  # Samsung Electronics, published
    assert not biz_number_valid("1248100997")
    assert biz_number_check_digit("124810099") == "8"


def test_resident_registration_number() -> None:
    payload = "900101123456"
    full = payload + rrn_check_digit(payload)
    assert rrn_valid(full)
    assert not rrn_valid(full[:-1] + str((int(full[-1]) + 1) % 10))
