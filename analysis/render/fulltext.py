"""Full-text search words for Chinese text in SQLite, so that Datasette's search box finds Chinese words.

SQLite's FTS5 tokenizers do not split Chinese: ``unicode61`` reads a run of Chinese characters as one token,
and ``trigram`` finds any substring of three characters or more but nothing shorter, so the two-character names
a reader types first (京东, 淘宝, 得物) would find nothing. The database therefore indexes, per row, a column of
search words separated by spaces, read with ``unicode61`` (``TOKENIZER``):

- every substring of two to ``MAX_NGRAM`` characters of each run of Chinese characters (so any Chinese word
  of that length is found, whether or not a dictionary knows it: 直播电商, 拼多多, 即时零售);
- jieba's words in its search mode (longer dictionary words: 电子商务平台);
- every number as printed, alone and with the one to four characters after it (13.8, 13.8万亿元, 25%);
- whatever the caller adds whole (claim ids such as 2.1.1-03).

Datasette quotes each term a reader types (``escape_fts``), so a term is found when it is one of these words.
Longer strings are found by typing them as words with spaces (直播电商 渗透率), or by any substring with the
database's trigram index (the canned query ``search_text``). ``tests/test_database.py`` measures the recall.
"""

from __future__ import annotations

import logging
import re

#: FTS5 tokenizer of the search-word columns: '.', '-' and '%' stay inside a word (13.8, 2.1.1-03, 25%)
TOKENIZER = "unicode61 remove_diacritics 0 tokenchars '.-%'"
#: the longest Chinese substring indexed whole (longer: jieba's words, or two terms)
MAX_NGRAM = 6
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?%?")
_AFTER = 4  # characters after a number kept with it: 13.8万亿元


def _jieba():
    import jieba  # heavy (its dictionary loads on first use): imported only when an index is built

    jieba.setLogLevel(logging.WARNING)
    return jieba


def words(text: str, extra: tuple[str, ...] = ()) -> list[str]:
    """The search words of a text, each once, in a deterministic order (first appearance)."""
    out: dict[str, None] = {w: None for w in extra if w}
    for run in _HAN.findall(text):
        for n in range(2, MAX_NGRAM + 1):
            for i in range(len(run) - n + 1):
                out.setdefault(run[i : i + n])
        if len(run) == 1:
            out.setdefault(run)
    for w in _jieba().cut_for_search(text):
        w = w.strip()
        if w and (_HAN.search(w) or w[0].isascii() and w[0].isalnum()):
            out.setdefault(w)
    for m in _NUMBER.finditer(text):
        out.setdefault(m.group())
        tail = text[m.end() : m.end() + _AFTER]
        for k in range(1, len(tail) + 1):
            if not _HAN.fullmatch(tail[:k]) and tail[:k] not in ("%",):
                break
            out.setdefault(m.group() + tail[:k])
    return list(out)


def search_text(text: str, extra: tuple[str, ...] = ()) -> str:
    """The column an FTS5 index with ``TOKENIZER`` reads: the search words joined by spaces."""
    return " ".join(words(text, extra))
