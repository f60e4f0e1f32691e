"""Thai word search, shared by help pages and questions: words, not substrings.

Thai is written without spaces between words, so a substring search for "ตา" (eye) would find "ตาราง"
(table) and "ตาม" (follow). Texts are segmented into words with pythainlp's newmm dictionary segmenter
(`thaitext.thai_words`) and each word is stored in a word table beside its record; a query is segmented
the same way and records rank by how many of its words they contain. The same index works on SQLite and
PostgreSQL.

The nominalisers การ and ความ make a noun from a verb ("การประเมิน", evaluation, from "ประเมิน", to
evaluate), and newmm keeps the pair as one word. Both the whole word and its stem are indexed, so a query
for "การประเมิน" finds a page that says "ประเมิน" and the other way round.
"""

from __future__ import annotations

import string
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.db.models import Case, Count, IntegerField, QuerySet, Sum, Value, When
from pythainlp.util import normalize, thai_digit_to_arabic_digit

from thaitext import thai_words

WORD_MAX = 100  # the word column's length
QUERY_WORDS_MAX = 12  # a pasted paragraph is searched by its first words only
NOMINALISERS = ("การ", "ความ")
# Function words that would match nearly every page; kept short on purpose: "ส่ง" (submit) and "ผล"
# (result) are stop words in general Thai lists but carry meaning here.
STOP_WORDS = frozenset(
    {
        "การ", "ความ", "ใน", "และ", "ที่", "ของ", "ให้", "ได้", "เป็น", "มี", "ว่า", "กับ", "จะ", "ซึ่ง",
        "หรือ", "แล้ว", "ก็", "นี้", "นั้น", "ไป", "มา", "อยู่", "โดย", "เพื่อ", "แต่", "ๆ", "the", "a", "of",
    }
)  # fmt: skip
_PUNCTUATION = string.punctuation + "“”‘’…–—•·ฯ"


@lru_cache(maxsize=100_000)
def normalised(token: str) -> str:
    """A token as it is indexed: trimmed of punctuation, lower case, Thai digits as Arabic ones.

    Cached: pythainlp's normalize costs about 0.2 ms a token, and the same words come back all the time.
    """
    text = str(thai_digit_to_arabic_digit(str(normalize(token.strip())))).lower()
    return text.strip(_PUNCTUATION)[:WORD_MAX]


@lru_cache(maxsize=100_000)
def forms_of(word: str) -> frozenset[str]:
    """The word and, for a nominalised noun, its stem: "การประเมิน" → {"การประเมิน", "ประเมิน"}."""
    for prefix in NOMINALISERS:
        stem = word.removeprefix(prefix)
        if stem != word and len(stem) >= 2:
            return frozenset({word, stem})
    return frozenset({word})


def _words(text: str) -> Iterable[str]:
    for token in thai_words(text):
        word = normalised(token)
        if word and word not in STOP_WORDS:
            yield word


def index_words(text: str) -> Counter[str]:
    """Each indexed word of `text` with how often it occurs (stems counted with their words)."""
    counts: Counter[str] = Counter()
    for word in _words(text):
        counts.update(forms_of(word))
    return counts


def query_groups(query: str) -> list[frozenset[str]]:
    """The query's words, each as the set of forms that match it, in order and without repeats."""
    groups: list[frozenset[str]] = []
    for word in _words(query):
        forms = forms_of(word)
        if forms not in groups:
            groups.append(forms)
    return groups[:QUERY_WORDS_MAX]


def all_terms(groups: list[frozenset[str]]) -> set[str]:
    return {term for group in groups for term in group}


@dataclass(frozen=True)
class Hit:
    owner_id: int
    matched: int  # how many of the query's words the record contains
    occurrences: int


def ranked(words: QuerySet[Any], owner: str, groups: list[frozenset[str]], limit: int) -> list[Hit]:
    """Records of a word table (`owner` is its foreign key column) best first: most query words, then most often.

    One aggregate query: each word row is mapped to the number of the query word it matches, and the
    distinct numbers are counted per record.
    """
    if not groups:
        return []
    which = Case(
        *(When(word__in=sorted(group), then=Value(number)) for number, group in enumerate(groups)),
        output_field=IntegerField(),
    )
    rows = (
        words.filter(word__in=sorted(all_terms(groups)))
        .values(owner)
        .annotate(matched=Count(which, distinct=True), occurrences=Sum("count"))
        .order_by("-matched", "-occurrences", f"-{owner}")[:limit]
    )
    return [Hit(row[owner], row["matched"], row["occurrences"]) for row in rows]


SNIPPET_BEFORE, SNIPPET_AFTER = 50, 150


@lru_cache(maxsize=20_000)
def _passage_words(passage: str) -> tuple[str, ...]:
    """A passage's words, cached: the same pages come back for the same queries, and newmm is pure Python."""
    return tuple(thai_words(passage))


def snippet(text: str, groups: list[frozenset[str]]) -> list[tuple[str, bool]]:
    """A short passage around the first word of the query found in `text`: (piece, is a matched word) pairs.

    The passage is found with a plain `find` and then segmented, so only whole words are marked.
    """
    terms = all_terms(groups)
    lowered = text.lower()
    found = [position for position in (lowered.find(term) for term in terms) if position >= 0]
    start = max(min(found) - SNIPPET_BEFORE, 0) if found else 0
    end = min(start + SNIPPET_BEFORE + SNIPPET_AFTER, len(text))
    tokens = list(_passage_words(" ".join(text[start:end].split())))
    if start > 0 and len(tokens) > 1:
        tokens = ["…", *tokens[1:]]  # the first token may be the end of a word cut in two
    if end < len(text) and len(tokens) > 1:
        tokens = [*tokens[:-1], "…"]
    pieces: list[tuple[str, bool]] = []
    for token in tokens:
        word = normalised(token)
        matched = bool(word) and bool(forms_of(word) & terms)
        if pieces and pieces[-1][1] == matched:
            pieces[-1] = (pieces[-1][0] + token, matched)
        else:
            pieces.append((token, matched))
    return pieces
