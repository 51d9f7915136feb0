"""Quote verification, the pure comparison: normalise, align, score, diff, decide.

A claim is compared with candidate originals word by word. Punctuation, quotation
marks, dashes and case never count; words do. For each candidate:

- ``score`` (0-100): how much of the claim and of the best-aligned stretch of the
  original agree (Dice coefficient over aligned words), lifted for reordered words
  by the overlap of the word sets;
- ``longest_fragment``: the longest run of words claim and original share;
- ``diff``: the word-level operations (equal / insert / delete / replace) that turn
  the original stretch into the claim.

Verdicts, each with the rule that produced it: ``exact`` (same words),
``fragment`` (the claim is a contiguous part of a longer original), ``altered``
(score >= ALTERED_MIN), ``different speaker`` (exact, fragment or altered, but the
original is by someone other than the claimed speaker: :func:`same_speaker`, applied
by :func:`search_service.verification.service.judge`), ``not found``.
:data:`VERDICT_ORDER` ranks them, best first.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from cydifflib import SequenceMatcher
from rapidfuzz.distance import LCSseq

from search_service.words import WordFinder

ALTERED_MIN = 60.0
MIN_FRAGMENT_WORDS = 4
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_WORDS = WordFinder(_WORD, "'’")  # its words found mostly in C
VERDICT_ORDER = {"exact": 0, "fragment": 1, "altered": 2, "different speaker": 3,
                 "not found": 4}
"""The verdicts, best first (the order matches are listed in)."""


@dataclass(frozen=True)
class DiffOp:
    op: str  # equal | insert | delete | replace
    claimed: tuple[str, ...]
    original: tuple[str, ...]


@dataclass(frozen=True)
class Comparison:
    score: float
    verdict: str
    rule: str
    longest_fragment: str
    diff: tuple[DiffOp, ...]
    span: tuple[int, int] | None  # character span of the matched stretch in the original
    changed_words: tuple[DiffOp, ...] = field(default=())


def words(text: str) -> list[str]:
    """Normalised words: case-folded, compatibility-normalised, punctuation dropped."""
    return list(_words(text))


def word_spans(text: str) -> list[tuple[str, int, int]]:
    """:func:`words` with where each is in ``text`` (start, end)."""
    return [(word, *offsets) for word, offsets in zip(_words(text), _offsets(text),
                                                       strict=True)]


def _may_have_moved(folded: bytes) -> bool:
    """Could folding have moved a word boundary in the text folded to ``folded``
    (UTF-8)?

    "İ" folds to "i" and a combining dot, "ͅ" (a mark) to "ι" (a letter). Every character
    whose folding moves a boundary folds to something with a combining mark of
    U+0300-U+036F (UTF-8 CC 80 - CD AF) or with a "ι" (CE B9): a unit test derives them
    from every code point of this Python's Unicode tables. A folded text without those
    bytes had none of them, so its words are the words of the text, each folded - one
    call for the whole text instead of one per word."""
    return b"\xcc" in folded or b"\xcd" in folded or b"\xce\xb9" in folded


def _latin1_folding() -> tuple[bytes, bytes]:
    """A table folding each Latin-1 character that folds to one Latin-1 character, and
    those that fold to something else than that or "ss" ("ß", replaced after the
    table): derived from this Python's Unicode tables."""
    table, other = bytearray(range(256)), bytearray()
    for byte in range(256):
        folded = chr(byte).casefold()
        if len(folded) == 1 and ord(folded) < 256:
            table[byte] = ord(folded)
        elif folded != "ss":
            other.append(byte)  # "µ" (to "μ"); NFKC makes it "μ" before anyway
    return bytes(table), bytes(other)


_LATIN1_FOLD, _LATIN1_UNFOLDED = _latin1_folding()
_LATIN1_WORDS = _WORDS.latin1_table(_LATIN1_FOLD)


def _nfkc(text: str) -> str:
    """NFKC of ``text``. NFKC checks a text in one pass unless it holds a character
    it changes, and then normalises it whole: no-break spaces, common in the bench's
    English quotes, are made spaces first. The same result: NFKC composes the
    compatibility decomposition, and a no-break space decomposes to a space."""
    return unicodedata.normalize("NFKC", text.replace("\xa0", " "))


def _latin1_normal(text: str) -> bytes | None:
    """NFKC of ``text`` in Latin-1, its general punctuation (U+2000-U+203F: quotation
    marks, dashes) made spaces first, or None if it is not all Latin-1 then.

    Nearly every candidate quote is Latin-1 (ASCII and "À"-"ÿ") once its quotation marks
    and dashes are spaces, and the no-break spaces that NFKC would change (which makes
    it normalise the whole text instead of checking it) are spaces too. A fifth of the
    bench's candidates, long English quotes with curly quotation marks, cost 99 k
    instructions in NFKC alone, 12 k this way. The words are the same: no character of
    Latin-1 or of the general punctuation is a combining mark, so NFKC takes each
    character alone and makes a punctuation character punctuation again (a unit test
    checks each one); a space stands for it as well."""
    spaced = _WORDS.latin1(text.replace("’", "'"))
    if spaced is None:
        return None
    normal = unicodedata.normalize("NFKC", spaced.decode("latin-1"))
    latin = normal.encode("latin-1", "ignore")
    if len(latin) != len(normal) or any(byte in latin for byte in _LATIN1_UNFOLDED):
        return None
    return latin


# Cached for one verification, which reads each candidate twice (the hope check, the
# alignment) and its claim once per candidate. Small on purpose: not an archive cache.
@lru_cache(maxsize=64)
def _words(text: str) -> tuple[str, ...]:
    latin = _latin1_normal(text)
    if latin is not None:  # folded and split in one byte pass
        return tuple(_WORDS.latin1_in_order(
            latin.translate(_LATIN1_WORDS).replace(b"\xdf", b"ss")))
    normal = _nfkc(text).replace("’", "'")
    folded = normal.casefold()
    if not _may_have_moved(folded.encode("utf-8", "surrogatepass")):
        return tuple(_WORDS.in_order(folded))
    return tuple([word.casefold() for word in _WORDS.in_order(normal)])


@lru_cache(maxsize=64)
def _offsets(text: str) -> tuple[tuple[int, int], ...]:
    # The same words as _words: the regex treats both apostrophes alike.
    return tuple([m.span() for m in _WORD.finditer(_nfkc(text))])


def _span(text: str, first: int, last: int) -> tuple[int, int]:
    """Where the words ``first`` to ``last`` (of :func:`_words`) stand in ``text``
    (:meth:`WordFinder.bounds`: the words after ``last`` are not looked for)."""
    return _WORDS.bounds(_nfkc(text), first, last)


@lru_cache(maxsize=64)
def _vocabulary(words: tuple[str, ...]) -> frozenset[str]:
    """The distinct words (cached like :func:`_words`: the claim's serve every
    candidate)."""
    return frozenset(words)


def _contains(haystack: list[str], needle: list[str]) -> int:
    """Index of ``needle`` as a contiguous run in ``haystack``, or -1."""
    n = len(needle)
    if not n:
        return 0
    first, stop = needle[0], len(haystack) - n + 1
    at = 0
    while at < stop:
        try:
            at = haystack.index(first, at, stop)  # where the run could start
        except ValueError:
            return -1
        if haystack[at:at + n] == needle:
            return at
        at += 1
    return -1


def compare(claim_text: str, original: str) -> Comparison:
    """Align a claim with one original and decide how it relates (speaker aside)."""
    claimed = words(claim_text)
    orig = words(original)
    if not claimed or not orig:
        return Comparison(0.0, "not found", "nothing to compare", "", (), None)
    at = _contains(orig, claimed)
    if at >= 0:
        span = _span(original, at, at + len(claimed) - 1)
        diff: tuple[DiffOp, ...] = (DiffOp("equal", tuple(claimed), tuple(claimed)),)
        text = " ".join(claimed)
        if len(claimed) == len(orig):
            return Comparison(100.0, "exact", "same words as the original (punctuation, "
                              "quotation marks and case aside)", text, diff, span)
        if len(claimed) >= MIN_FRAGMENT_WORDS:
            return Comparison(100.0, "fragment", f"the claim is words {at + 1}-"
                              f"{at + len(claimed)} of a {len(orig)}-word original", text,
                              diff, span)
    lo, hi = _best_window(claimed, orig)
    if lo == hi:
        return Comparison(0.0, "not found", "no word in common", "", (), None)
    window = orig[lo:hi]
    aligned = SequenceMatcher(None, claimed, window, autojunk=False)
    matched = sum(b.size for b in aligned.get_matching_blocks())
    dice = 2 * matched / (len(claimed) + len(window))
    overlap = len(set(claimed) & set(window)) / max(len(set(claimed)), len(set(window)))
    score = round(100 * max(dice, 0.9 * overlap), 1)
    longest = max(aligned.get_matching_blocks(), key=lambda b: b.size)
    diff = tuple(
        DiffOp(tag, tuple(claimed[i1:i2]), tuple(window[j1:j2]))
        for tag, i1, i2, j1, j2 in aligned.get_opcodes()
    )
    changes = tuple(d for d in diff if d.op != "equal")
    span = _span(original, lo, hi - 1)
    fragment = " ".join(window[longest.b:longest.b + longest.size])
    if score >= ALTERED_MIN:
        return Comparison(score, "altered", f"{score:.0f}/100 of the words agree, "
                          f"{len(changes)} change(s)", fragment, diff, span, changes)
    return Comparison(score, "not found", f"best agreement {score:.0f}/100 is below "
                      f"{ALTERED_MIN:.0f}", fragment, diff, span, changes)


def could_agree(claimed: Sequence[str], original: str) -> bool:
    """Could :func:`compare` find ``original`` agreeing with a claim of the words
    ``claimed`` (:func:`words`): exact, fragment or altered? ``False`` only when it cannot,
    which a count of shared words proves for a fraction of an alignment's cost.

    The alignment's words are shared words in the same order (at most ``s``, the claim's
    words, repeats counted, that occur in the original, and at most ``l``, their longest
    common subsequence), its stretch of the original is at least as long as them, and its
    word sets share at most the claim's distinct words found in the original (``o``): the
    score is at most ``max(2l / (len(claimed) + l), 0.9 o / distinct claimed words)``. The
    count ``s`` decides most candidates; ``l`` (in C) the ones it cannot.
    """
    if not claimed:
        return True  # compare() says why there is nothing to compare
    have = _vocabulary(_words(original))
    wanted = _vocabulary(tuple(claimed))
    shared = sum(map(have.__contains__, claimed))
    overlap = 0.9 * len(wanted & have) / len(wanted)
    if not _may_reach(shared, len(claimed), overlap):
        return False
    return _may_reach(LCSseq.similarity(claimed, _words(original)), len(claimed), overlap)


def _may_reach(aligned: int, claimed: int, overlap: float) -> bool:
    """Could a score with at most ``aligned`` aligned words (of a claim of ``claimed``
    words) and at most ``overlap`` reach ALTERED_MIN? (The score is rounded to one
    decimal.)"""
    return 100 * max(2 * aligned / (claimed + aligned), overlap) >= ALTERED_MIN - 0.1


def _best_window(claimed: list[str], orig: list[str]) -> tuple[int, int]:
    """The stretch of the original that lines up best with the claim.

    Windows a little longer than the claim slide over the original; the one with
    the most aligned words wins, is trimmed to its first and last aligned word, and
    is widened by the claim's unaligned words at either end (so a changed last word
    shows as a replacement, not a deletion).
    """
    size = min(len(orig), len(claimed) + max(2, len(claimed) // 4))
    # The words a window shares with the claim (as multisets) bound how many can align.
    # Windows are aligned in order of that bound, so most are never aligned: once the
    # bound falls below the best count, no later window can win. Among windows with
    # the same count the earliest wins, as in a left-to-right scan.
    wanted = Counter(claimed)
    # Only the claim's words can align. Between two starts where one of them enters or
    # leaves the window, every window holds them in the same places from its start, so
    # aligns them alike (the same stretch, lo to hi): the first of those windows stands
    # for them all, and only the claim's words are counted.
    hits = [at for at, word in enumerate(orig) if word in wanted]
    last = len(orig) - size
    starts = sorted({0, *(at + 1 for at in hits if at < last),
                     *(at - size + 1 for at in hits if size <= at <= last + size - 1)})
    have = dict.fromkeys(wanted, 0)
    shared = entered = left = 0
    bounds = []  # sorted below: highest bound first, then the earliest window
    for start in starts:
        while entered < len(hits) and hits[entered] < start + size:
            word = orig[hits[entered]]
            have[word] += 1
            shared += have[word] <= wanted[word]
            entered += 1
        while left < entered and hits[left] < start:  # only what entered can leave
            word = orig[hits[left]]
            shared -= have[word] <= wanted[word]
            have[word] -= 1
            left += 1
        bounds.append((-shared, start))
    bounds.sort()
    best: tuple[int, int, int, int] = (0, 0, 0, 0)  # matched words, start, lo, hi
    for negative, start in bounds:
        bound = -negative
        if bound == 0 or bound < best[0]:
            break
        if bound == best[0] and start > best[1]:
            continue  # at most a tie with an earlier window, which wins ties
        window = orig[start:start + size]
        # The aligned words are a common subsequence, so the longest one (a fast exact
        # count) bounds them too: the alignment is made only where it could win.
        need = best[0] + (start > best[1])  # a later window wins only with more
        if best[0] and LCSseq.similarity(claimed, window, score_cutoff=need) < need:
            continue
        matcher = SequenceMatcher(None, claimed, window, autojunk=False)
        blocks = [b for b in matcher.get_matching_blocks() if b.size]
        matched = sum(b.size for b in blocks)
        if matched > best[0] or (matched == best[0] and matched and start < best[1]):
            first, last = blocks[0], blocks[-1]
            lo = max(0, start + first.b - first.a)
            hi = min(len(orig), start + last.b + last.size + (len(claimed) - last.a - last.size))
            best = (matched, start, lo, hi)
    return best[2], best[3]


def same_speaker(claimed: str, name: str | None, as_printed: str | None = None) -> bool:
    """Does a claimed speaker name fit the original's speaker (full name or surname)?"""
    if not name:
        return False
    wanted = words(claimed)
    if not wanted:
        return False
    for candidate in (name, as_printed or ""):
        have = words(candidate)
        if not have:
            continue
        if wanted == have or wanted[-1] == have[-1] or set(wanted) <= set(have):
            return True
    return False

