"""The realistic bench corpus follows Heaps' law: the pure parts (no corpora needed)."""

from __future__ import annotations

import random

from bench.realistic import Vocabulary, heaps_fit


def test_heaps_fit_recovers_the_exponent_of_a_zipfian_text() -> None:
    rng = random.Random(3)
    letters = "abcdefghij"
    ranks = [int(1 / (rng.random() ** 1.6 + 1e-9)) for _ in range(200_000)]
    words = ["x" + "".join(letters[int(d)] for d in str(rank)) for rank in ranks]
    sentences = [" ".join(words[i:i + 20]) for i in range(0, 200_000, 20)]
    k, beta, curve = heaps_fit(sentences)
    assert 0.3 < beta < 0.9
    n, v = curve[-1]
    assert abs(k * n ** beta - v) / v < 0.05  # the fit runs through the measured points


def test_vocabulary_is_behind_until_enough_distinct_words_are_seen() -> None:
    vocabulary = Vocabulary(k=1.5, beta=0.5)  # wants 1.5·sqrt(n) distinct words
    vocabulary.add("Amt Amt Amt Amt")
    assert vocabulary.behind()  # 1 distinct < 1.5·2
    vocabulary.add("Bau Chor Dach")
    assert not vocabulary.behind()  # 4 distinct >= 1.5·sqrt(7)
