"""Store words learned from truth texts repair one-letter misreads, and nothing else."""

from hanji.documents.store_words import NAME_SHORTEST, StoreWords, learn_store_words

TRUTHS = [
    "LOT 3, JALAN PELABUR 23/1, 40300 SHAH ALAM, SELANGOR.",
    "NO 7, JALAN 1/2, TAMAN BUKIT, 47301 PETALING JAYA, SELANGOR",
    "16A, JALAN ASTAKA U8/83, 40150 SHAH ALAM, SELANGOR",
    "NO 2, JALAN ASTANA 1C, 41050 KLANG, SELANGOR",
    "NO 9, JALAN ASTANA 1C, 41050 KLANG, SELANGOR",
    # five receipts of one chain: its street words and trade are learned well
    *[f"NO: G{n}, BLK G, JLN PJU 1A/3, 1ST FLR, SHAH ALAM PHARMACY SDN BHD" for n in range(5)],
]


def words() -> StoreWords:
    return StoreWords(learn_store_words(TRUTHS))


def test_words_held_by_two_receipts_are_learned_with_their_counts() -> None:
    learned = learn_store_words(TRUTHS)
    assert learned["SELANGOR"] == 5 and learned["JALAN"] == 5 and learned["ASTANA"] == 2
    assert "PELABUR" not in learned  # one receipt only
    assert all(len(w) >= 3 for w in learned)


def test_one_misread_letter_is_repaired_in_the_case_it_was_read() -> None:
    w = words()
    assert w.repair("Lot 3, Jalau Pelabur 23/1, 40300 Shah Alam, Selaugor.") == (
        "Lot 3, Jalan Pelabur 23/1, 40300 Shah Alam, Selangor."
    )
    assert w.repair("No: G3, BIk G, JIn PJU 1A/3") == "No: G3, Blk G, Jln PJU 1A/3"  # look-alikes
    assert w.repair("1st F1r, Paradigm Mall") == "1st Flr, Paradigm Mall"  # a digit between letters
    assert w.repair("LIVE9 PHARHACY SDN BHD", NAME_SHORTEST) == "LIVE9 PHARMACY SDN BHD"


def test_names_numbers_and_unknown_words_are_kept() -> None:
    w = words()
    # a short token only turns into a look-alike, and a name's short words not at all
    assert w.repair("SEA PARK, TAMAN SEA") == "SEA PARK, TAMAN SEA"
    assert w.repair("KEDAI BLN", NAME_SHORTEST) == "KEDAI BLN"
    # a digit at a token's end is part of it; codes and numbers stay
    assert w.repair("DAMANSARA UPTOWN3, SS21/39, U5") == "DAMANSARA UPTOWN3, SS21/39, U5"
    # a word one letter from a rare learned word (held by fewer than five receipts) is a name
    assert w.repair("JALAN ASTAKA") == "JALAN ASTAKA"
    assert StoreWords().repair("Jalau") == "Jalau"
