from hanji.engines.korean import repair_text


def test_won_sign_and_full_width_forms_are_repaired() -> None:
    assert repair_text("\\96,584") == "₩96,584"
    assert repair_text("달러(당일)\\22,908") == "달러(당일)₩22,908"
    assert repair_text("￦1,000") == "₩1,000"
    assert repair_text("Ａ１：") == "A1:"
    assert repair_text("C:\\temp") == "C:\\temp"  # a backslash before no digit stays
    assert repair_text("㈜한빛") == "㈜한빛"
