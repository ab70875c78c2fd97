"""Strangers' text made safe to store, to print, and to refuse in a field."""

from __future__ import annotations

from broadcaster.safetext import for_storage, for_terminal, unsafe_character


def test_storage_drops_nul_and_replaces_lone_surrogates() -> None:
    assert for_storage("seen him\x00 at 5") == "seen him at 5"
    assert for_storage("ok \ud83d then") == "ok \ufffd then"
    assert for_storage("plain 😀 text") == "plain 😀 text"
    for_storage("x\udfff").encode("utf-8")  # encodable now


def test_terminal_text_keeps_what_it_says_and_nothing_it_does() -> None:
    assert for_terminal("\x1b[2J\x1b[Hcleared") == "cleared"
    hyperlink = "\x1b]8;;https://evil.example\x07click\x1b]8;;\x07"
    assert for_terminal(hyperlink) == "click"
    assert for_terminal("bell\x07 and\rreturn") == "bell andreturn"
    assert for_terminal("abc\u202edcba") == "abcdcba"
    assert for_terminal("two\nlines\tand tab, é, 日本") == "two\nlines\tand tab, é, 日本"
    assert for_terminal("\x9b31mC1 CSI") == "31mC1 CSI"


def test_unsafe_character_names_the_first_one() -> None:
    assert unsafe_character("Wanted: John\x1b[31m") == "U+001B"
    assert unsafe_character("tip line \u202e5551234") == "U+202E"
    assert unsafe_character("bell\x07") == "U+0007"
    assert unsafe_character("line one\nline two\ttab") is None
    assert unsafe_character("Homme, 1,80 m, casquette rouge 🧢") is None
