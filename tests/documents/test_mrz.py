from hanji.documents.mrz import find_mrz_lines, parse_mrz

TD3 = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]
TD2 = ["I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "D231458907UTO7408122F1204159<<<<<<<6"]
TD1 = ["I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"]


def test_td3_specimen_all_checks() -> None:
    mrz = parse_mrz(TD3)
    assert mrz is not None and mrz.format == "TD3" and mrz.valid
    assert set(mrz.checks) == {"num", "birthDate", "expireDate", "personalNum", "composite"}
    f = mrz.fields
    assert (f["num"], f["surName"], f["givenName"], f["personalNum"]) == (
        "L898902C3",
        "ERIKSSON",
        "ANNA MARIA",
        "ZE184226B",
    )
    assert (f["birthDate"], f["expireDate"], f["sex"], f["nationality"]) == ("740812", "120415", "F", "UTO")


def test_td2_and_td1_specimens() -> None:
    for lines, fmt in ((TD2, "TD2"), (TD1, "TD1")):
        mrz = parse_mrz(lines)
        assert mrz is not None and mrz.format == fmt and mrz.valid, mrz
        assert mrz.fields["num"] == "D23145890"
        assert mrz.fields["givenName"] == "ANNA MARIA"


def test_ocr_confusions_repaired_by_check_digits() -> None:
    noisy = ["P<UT0ERIKSS0N<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L8989O2C36UT074O8122F12O4159ZE184226B<<<<<1O"]
    mrz = parse_mrz(noisy)
    assert mrz is not None and mrz.valid
    assert mrz.fields["num"] == "L898902C3"
    assert mrz.fields["issueCountry"] == "UTO" and mrz.fields["surName"] == "ERIKSSON"


def test_wrong_digit_is_reported() -> None:
    bad = [TD3[0], TD3[1].replace("7408122", "7408132")]
    mrz = parse_mrz(bad)
    assert mrz is not None and not mrz.valid
    assert mrz.checks["birthDate"] is False and mrz.checks["composite"] is False


def test_find_lines_among_other_text() -> None:
    assert find_mrz_lines(["PASSPORT", "Surname", *TD3]) == TD3
    assert parse_mrz(["hello", "world"]) is None
