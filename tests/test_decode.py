"""Unit tests of the wire decoder's pieces (the wire itself is tested through the SDKs)."""

from __future__ import annotations

from urllib.parse import parse_qsl

from hypothesis import given
from hypothesis import strategies as st

from pytest_fake_eni.wire.decode import form_pairs

# Separators, escapes (good and broken), plus signs and a few plain and non-ASCII characters.
FORM_TEXT = st.text(alphabet="ab=&%+;2F0E9x ü", max_size=40)


@given(FORM_TEXT)
def test_form_pairs_are_what_parse_qsl_gives(text: str) -> None:
    assert form_pairs(text) == parse_qsl(text, keep_blank_values=True)


def test_form_pairs_decode_escapes_and_keep_blank_values() -> None:
    text = "Name=%E4%BD%A0+x&Empty=&Bare&&Odd=%ZZ&Eq=a=b"
    assert form_pairs(text) == [
        ("Name", "你 x"),
        ("Empty", ""),
        ("Bare", ""),
        ("Odd", "%ZZ"),
        ("Eq", "a=b"),
    ]
