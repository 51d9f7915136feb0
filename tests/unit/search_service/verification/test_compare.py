"""The pure word comparison: verdicts, scores, diffs, speakers."""

from __future__ import annotations

import difflib
import random
import re
import sys
import unicodedata

import pytest

from search_service.verification.compare import (
    VERDICT_ORDER,
    _may_have_moved,
    _nfkc,
    compare,
    same_speaker,
    word_spans,
    words,
)

ORIGINAL = ("In Hessen richtet sich Integrationspolitik an alle Menschen, unabhängig davon "
            "wie lange sie bereits hier leben. Gerade die Betonung, dass auch Menschen, die "
            "vor Krieg und Verfolgung zu uns geflohen sind, hier ein neues Zuhause aufbauen "
            "können, ist mir besonders wichtig")


def test_exact_despite_quote_marks_dashes_and_case() -> None:
    result = compare('"' + ORIGINAL.upper().replace(",", " –") + '"', ORIGINAL)
    assert result.verdict == "exact" and result.score == 100.0


def test_fragment_of_a_longer_original() -> None:
    result = compare("In Hessen richtet sich Integrationspolitik an alle Menschen", ORIGINAL)
    assert result.verdict == "fragment"
    assert result.span is not None
    assert ORIGINAL[result.span[0]:result.span[1]] == (
        "In Hessen richtet sich Integrationspolitik an alle Menschen")


def test_too_short_a_run_is_not_a_fragment() -> None:
    assert compare("alle Menschen", ORIGINAL).verdict != "fragment"


def test_altered_lists_the_changed_words() -> None:
    result = compare("In Hessen richtet sich Integrationspolitik an alle Bürger", ORIGINAL)
    assert result.verdict == "altered"
    assert [(d.op, d.claimed, d.original) for d in result.changed_words] == [
        ("replace", ("bürger",), ("menschen",))]
    assert result.longest_fragment == "in hessen richtet sich integrationspolitik an alle"


def test_word_order_swap_and_missing_word_stay_altered() -> None:
    swapped = compare("Integrationspolitik richtet sich in Hessen an alle Menschen", ORIGINAL)
    missing = compare("In Hessen richtet sich Politik an alle Menschen", ORIGINAL)
    assert swapped.verdict == "altered" and missing.verdict == "altered"


def test_invented_sentence_is_not_found() -> None:
    result = compare("Wir werden die Steuern für alle Bürger sofort senken", ORIGINAL)
    assert result.verdict == "not found" and result.score < 60


def test_nothing_in_common_or_nothing_to_compare() -> None:
    assert compare("Völlig anderer Wortlaut zum Straßenbau", ORIGINAL).rule == "no word in common"
    assert compare("…", ORIGINAL).rule == "nothing to compare"


@pytest.mark.parametrize(("claimed", "name", "printed", "same"), [
    ("Kai Klose", "Kai Klose", "Klose", True),
    ("Klose", "Kai Klose", None, True),
    ("Staatssekretär Klose", "Kai Klose", None, True),
    ("Esther Walter", "Kai Klose", None, False),
    ("Klose", None, None, False),
    ("–", "Kai Klose", None, False),
])
def test_speaker_matching(claimed: str, name: str | None, printed: str | None,
                          same: bool) -> None:
    assert same_speaker(claimed, name, printed) is same


def test_words_normalise() -> None:
    assert words("„Danke“ – allen, Beteiligten!") == ["danke", "allen", "beteiligten"]


def test_folding_the_whole_text_moves_no_word_boundary_unseen(
) -> None:
    # _words folds a whole text at once unless its folding left a trace of a character
    # whose folding moves a word boundary; those characters are derived here from every
    # code point, so a new Unicode version that adds one without such a trace fails this
    # test instead of splitting words silently.
    word = re.compile(r"[^\W_]")
    moving = []
    for code in range(sys.maxunicode + 1):
        character = chr(code)
        folded = character.casefold()
        if folded == character:
            continue
        kinds = {bool(word.match(part)) for part in folded}
        if kinds != {bool(word.match(character))}:
            moving.append(character)
    assert "İ" in moving and "\u0345" in moving
    assert [c for c in moving if not _may_have_moved(c.casefold().encode())] == []
    assert not _may_have_moved("straße „zitat“ – 2024 ﬁnden".casefold().encode())


@pytest.mark.parametrize("text", [
    "İstanbul und İzmir: Bürgermeister Öztürk", "ǰ ΐ ΰ ẖ ẗ ẘ ẙ ὐ ᾶ ῆ ῒ ῖ ῢ ῤ ῦ ῶ ͅ x",
    "STRASSE Straße Maße ﬁnden Ǆemal ǅ", "Er sagte: „Danke’s allen“ – 2024/25"])
def test_words_fold_each_word_as_folding_it_alone_does(text: str) -> None:
    assert words(text) == words_by_definition(text)


def test_latin1_texts_folded_and_split_by_one_table_as_defined() -> None:
    # _words folds and splits a text all in Latin-1 (after NFKC, with the general
    # punctuation made spaces) with a byte table: each character is folded and told
    # from a separator alone, so each Latin-1 character and each of the general
    # punctuation in these places gives the words of the definition.
    for code in [*range(256), *range(0x2000, 0x2040)]:
        c = chr(code)
        for text in (c, c + c, f"x{c}y", f"Ab{c}CD", f"a'{c}'b", f"{c}'s", f"{c}_{c}"):
            assert words(text) == words_by_definition(text), repr(text)


def test_nfkc_leaves_general_punctuation_punctuation() -> None:
    # _words makes the general punctuation spaces before NFKC, not after: the same words
    # only if NFKC turns none of it into a letter, a digit or an apostrophe, and none of
    # it is a combining mark (which NFKC could compose with what stands before it).
    for code in range(0x2000, 0x2040):
        character = chr(code)
        if character == "’":
            continue
        normal = unicodedata.normalize("NFKC", character)
        assert normal, hex(code)
        assert not any(c.isalnum() or c in "'’" for c in normal), hex(code)
        assert unicodedata.combining(character) == 0, hex(code)


def words_by_definition(text: str) -> list[str]:
    normal = unicodedata.normalize("NFKC", text).replace("’", "'")
    return [w.casefold() for w in re.findall(r"[^\W_]+(?:['’][^\W_]+)*", normal)]


def test_words_of_random_texts_as_defined() -> None:
    rng = random.Random(7)
    alphabet = ("abcXYZ09 ,.-'_äÄöÖüÜßẞéÉÿ×µ½\xa0\xad’„“”‘‚–—‐‑…\u200e€İﬁ\u0301")
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(12)))
        assert words(text) == words_by_definition(text), repr(text)
        assert _nfkc(text) == unicodedata.normalize("NFKC", text), repr(text)


def test_word_spans_point_into_the_text() -> None:
    text = "Er sagte: „Danke’s allen“"
    assert [(w, text[a:b]) for w, a, b in word_spans(text)] == [
        ("er", "Er"), ("sagte", "sagte"), ("danke's", "Danke’s"), ("allen", "allen")]


def test_verdict_order_best_first() -> None:
    assert list(VERDICT_ORDER) == ["exact", "fragment", "altered", "different speaker",
                                   "not found"]


def test_could_agree_is_false_only_where_compare_finds_no_agreement() -> None:
    """The shared-word bound never drops an original that agrees (exact, fragment or
    altered), and drops one that shares too few words."""
    from search_service.verification.compare import could_agree

    original = ("Wir werden die Mieten in der Stadt für alle Menschen bezahlbar halten, "
                "sagte die Senatorin am Montag im Abgeordnetenhaus.")
    claims = ["Wir werden die Mieten in der Stadt bezahlbar halten",
              "Wir werden die Preise in der Stadt für alle Menschen bezahlbar halten",
              "die Mieten in der Stadt", "Der Bund baut neue Brücken über die Spree",
              "Mieten Stadt Menschen"]
    for claim in claims:
        agrees = compare(claim, original).verdict != "not found"
        assert could_agree(words(claim), original) or not agrees
    assert not could_agree(words("Der Bund baut neue Brücken über die Spree"), original)


def _scanned_window(claimed: list[str], orig: list[str]) -> tuple[int, int]:
    """The definition _best_window speeds up: align every window, left to right, and
    keep the first with the most aligned words."""
    size = min(len(orig), len(claimed) + max(2, len(claimed) // 4))
    best = (0, 0, 0)
    for start in range(len(orig) - size + 1):
        blocks = [b for b in difflib.SequenceMatcher(
            None, claimed, orig[start:start + size], autojunk=False).get_matching_blocks()
            if b.size]
        matched = sum(b.size for b in blocks)
        if matched > best[0]:
            first, last = blocks[0], blocks[-1]
            best = (matched, max(0, start + first.b - first.a),
                    min(len(orig), start + last.b + last.size + len(claimed) - last.a
                        - last.size))
    return best[1], best[2]


def test_the_best_window_is_the_one_a_full_scan_finds() -> None:
    from search_service.verification.compare import _best_window

    rng = random.Random(7)
    for _ in range(400):
        vocabulary = rng.randint(2, 12)
        claimed = [f"w{rng.randrange(vocabulary)}" for _ in range(rng.randint(1, 20))]
        orig = [f"w{rng.randrange(vocabulary + rng.randint(0, 20))}"
                for _ in range(rng.randint(1, 60))]
        assert _best_window(claimed, orig) == _scanned_window(claimed, orig), (claimed, orig)


def test_could_agree_never_drops_an_agreeing_original_among_random_texts() -> None:
    from search_service.verification.compare import could_agree

    rng = random.Random(11)
    kept = dropped = 0
    for _ in range(3000):
        vocabulary = [f"wort{i}" for i in range(rng.randint(2, 15))]
        original = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(1, 40)))
        claim = " ".join(rng.choice([*vocabulary, "neu", "anders"])
                         for _ in range(rng.randint(1, 15)))
        if could_agree(words(claim), original):
            kept += 1
        else:
            dropped += 1
            assert compare(claim, original).verdict == "not found", (claim, original)
    assert kept and dropped  # both branches were taken


def test_spans_are_those_of_the_words_offsets() -> None:
    from search_service.verification.compare import _offsets, _span

    rng = random.Random(5)
    pieces = ["Wort", "„Zitat“", "Straße", "İstanbul", "’s", "–", "ﬁnden", "2024", ",", " "]
    for _ in range(500):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(1, 30)))
        offsets = _offsets(text)
        if not offsets:
            continue
        first = rng.randrange(len(offsets))
        last = rng.randrange(first, len(offsets))
        assert _span(text, first, last) == (offsets[first][0], offsets[last][1]), text


def test_contains_finds_the_first_run() -> None:
    from search_service.verification.compare import _contains

    def first_run(haystack: list[str], needle: list[str]) -> int:
        return next((at for at in range(len(haystack) - len(needle) + 1)
                     if haystack[at:at + len(needle)] == needle), -1)

    rng = random.Random(7)
    for _ in range(3000):
        haystack = rng.choices("abc", k=rng.randint(0, 12))
        needle = rng.choices("abc", k=rng.randint(0, 4))
        assert _contains(haystack, needle) == first_run(haystack, needle), (haystack, needle)
