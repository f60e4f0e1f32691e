"""The Thai national ID: check digit, accepted spellings, Thai messages, masked form and keyed digest.

Plain pytest and hypothesis; no database.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from org import national_id
from org.validators import validate_national_id

FORMAT_MESSAGE = "เลขประจำตัวประชาชนต้องเป็นตัวเลข 13 หลัก"
CHECK_DIGIT_MESSAGE = "เลขประจำตัวประชาชนไม่ถูกต้อง: เลขตรวจสอบหลักสุดท้ายไม่ตรง กรุณาตรวจสอบอีกครั้ง"

# Worked by hand from the rule: weights 13…2 on the first twelve digits, check = (11 − sum mod 11) mod 10.
HAND_COMPUTED = [
    # 1·13 + 2·12 + 3·11 + 4·10 + 5·9 + 6·8 + 7·7 + 8·6 + 9·5 + 0·4 + 1·3 + 2·2 = 352; 352 mod 11 = 0 → 11 mod 10 = 1
    ("123456789012", 352, 1),
    # 1·13 = 13; 13 mod 11 = 2 → 9
    ("100000000000", 13, 9),
    # 3·13 + 1·12 = 51; 51 mod 11 = 7 → 4
    ("310000000000", 51, 4),
    # 1·13 + 5·2 = 23; 23 mod 11 = 1 → 10 mod 10 = 0
    ("100000000005", 23, 0),
    # 1·13 + 1·12 + 1·11 + … + 1·2 = 90; 90 mod 11 = 2 → 9
    ("111111111111", 90, 9),
]
VALID_IDS = [twelve + str(check) for twelve, _total, check in HAND_COMPUTED]


def reference_check_digit(first_twelve: str) -> int:
    """The rule written out again, independently of the code under test."""
    total = sum(int(first_twelve[index]) * (13 - index) for index in range(12))
    return (11 - total % 11) % 10


def messages_of(value: str) -> tuple[list[str], str | None]:
    with pytest.raises(ValidationError) as raised:
        validate_national_id(value)
    return raised.value.messages, raised.value.code


@pytest.mark.parametrize(("first_twelve", "weighted_sum", "expected"), HAND_COMPUTED)
def test_check_digit_matches_the_hand_computed_value(first_twelve: str, weighted_sum: int, expected: int) -> None:
    assert sum(int(d) * w for d, w in zip(first_twelve, range(13, 1, -1), strict=True)) == weighted_sum
    assert national_id.check_digit(first_twelve) == expected


@pytest.mark.parametrize("value", VALID_IDS)
def test_known_valid_ids_pass_the_validator(value: str) -> None:
    assert national_id.is_valid(value) is True
    validate_national_id(value)


@pytest.mark.parametrize("value", VALID_IDS)
def test_every_wrong_check_digit_is_refused_with_the_thai_message(value: str) -> None:
    wrong_digits = [digit for digit in "0123456789" if digit != value[12]]
    assert len(wrong_digits) == 9
    for digit in wrong_digits:
        wrong = value[:12] + digit
        assert national_id.is_valid(wrong) is False
        assert messages_of(wrong) == ([CHECK_DIGIT_MESSAGE], "national_id_check_digit")


@pytest.mark.parametrize(
    "value",
    [
        "",
        "123456789012",  # 12 digits
        "12345678901211",  # 14 digits
        "123456789012a",
        "1234567890l21",
        "1234567890.21",
        "๑๒๓๔๕๖๗๘๙๐๑๒๑",  # Thai digits: refused rather than silently converted
        "１２３４５６７８９０１２１",  # full-width digits
        "+123456789012",
        "x-2345-67890-12-1",
    ],
)
def test_wrong_shapes_are_refused_with_the_format_message(value: str) -> None:
    assert national_id.is_valid(value) is False
    assert messages_of(value) == ([FORMAT_MESSAGE], "national_id_format")


@pytest.mark.parametrize(
    "spelling",
    [
        "1-2345-67890-12-1",
        "1 2345 67890 12 1",
        " 1234567890121 ",
        "1-2345 67890-121",
        "1\t2345\t67890121",
    ],
)
def test_dashes_and_spaces_are_accepted(spelling: str) -> None:
    assert national_id.normalise(spelling) == "1234567890121"
    assert national_id.is_valid(spelling) is True
    validate_national_id(spelling)


def test_dashes_do_not_rescue_a_wrong_check_digit() -> None:
    assert messages_of("1-2345-67890-12-2") == ([CHECK_DIGIT_MESSAGE], "national_id_check_digit")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1234567890121", "1-xxxx-xxxxx-xx-1"),
        ("1-2345-67890-12-1", "1-xxxx-xxxxx-xx-1"),
        ("3100000000004", "3-xxxx-xxxxx-xx-4"),
        ("1000000000050", "1-xxxx-xxxxx-xx-0"),
    ],
)
def test_masked_form_shows_only_the_first_and_last_digits(value: str, expected: str) -> None:
    shown = national_id.masked(value)
    assert shown == expected
    hidden_digits = national_id.normalise(value)[1:12]
    assert [character for character in shown if character.isdigit()] == [value[0], value[-1]]
    assert hidden_digits not in shown


def test_digest_is_stable_and_ignores_dashes_and_spaces() -> None:
    key = "key-one"
    first = national_id.digest("1234567890121", key)
    assert first == national_id.digest("1234567890121", key)
    assert first == national_id.digest("1-2345-67890-12-1", key)
    assert first == national_id.digest(" 1 2345 67890 12 1 ", key)
    # HMAC-SHA256 in hex: 64 characters, and never the number itself.
    assert len(first) == 64
    assert int(first, 16) >= 0
    assert "1234567890121" not in first


def test_digest_depends_on_the_key_and_the_number() -> None:
    assert national_id.digest("1234567890121", "key-one") != national_id.digest("1234567890121", "key-two")
    assert national_id.digest("1234567890121", "key-one") != national_id.digest("1000000000009", "key-one")


def test_digest_is_the_documented_hmac_sha256() -> None:
    # Fixed vector so a change of algorithm (which would orphan every stored digest) cannot pass unnoticed.
    assert national_id.digest("1234567890121", "k") == (
        "bcc918144e30bb74c47a8be36d1574ecbf0f02c226ec1c8e955f16afa54755c8"
    )


@given(st.text(alphabet="0123456789", min_size=12, max_size=12))
def test_appending_the_check_digit_gives_a_valid_id(first_twelve: str) -> None:
    check = national_id.check_digit(first_twelve)
    assert check == reference_check_digit(first_twelve)
    assert national_id.is_valid(first_twelve + str(check)) is True
    validate_national_id(first_twelve + str(check))


@given(st.text(alphabet="0123456789", min_size=12, max_size=12), st.integers(min_value=1, max_value=9))
def test_any_other_thirteenth_digit_is_invalid(first_twelve: str, offset: int) -> None:
    wrong = (national_id.check_digit(first_twelve) + offset) % 10
    assert national_id.is_valid(first_twelve + str(wrong)) is False
    assert messages_of(first_twelve + str(wrong)) == ([CHECK_DIGIT_MESSAGE], "national_id_check_digit")
