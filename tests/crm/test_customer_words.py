"""The words a customer is found by, and the words of what is typed (pure, no database)."""

from __future__ import annotations

from crm.services.customer_words import customer_words, sort_name, text_words


def test_a_name_is_found_without_polish_letters_and_by_each_part_of_a_double_surname() -> None:
    words = customer_words("Anna Żak-Kowalska", None, None)
    assert {"anna", "zak-kowalska", "zak", "kowalska"} <= words


def test_an_email_and_a_phone_give_their_parts() -> None:
    words = customer_words("Jan Nowak", "Jan.Nowak@Firma.pl", "+48601234567")
    assert {"jan.nowak@firma.pl", "jan", "nowak", "firma", "pl"} <= words
    assert {"48601234567", "601234567"} <= words


def test_a_typed_phone_is_one_word_of_digits() -> None:
    assert text_words("+48 601-234 567") == ["48601234567"]
    assert text_words("601 23") == ["60123"]


def test_typed_words_are_folded() -> None:
    assert text_words("  ŁUKASZ  Żółć ") == ["lukasz", "zolc"]
    assert text_words("") == []


def test_sort_names_put_polish_letters_among_their_base_letters() -> None:
    names = ["Łukasz", "Lucyna", "Mateusz", "Ludwik"]
    assert sorted(names, key=sort_name) == ["Lucyna", "Ludwik", "Łukasz", "Mateusz"]


def test_a_name_with_letters_outside_polish_is_found_as_typed() -> None:
    """Issue 11: "Ørsted" could not be found by typing "orsted"."""
    assert {"orsted", "aeble"} <= customer_words("Ørsted Æble", None, None)
    assert text_words("ORSTED") == ["orsted"]
    assert sort_name("Ørsted") == "orsted"
