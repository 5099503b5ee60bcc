"""Stage 1, the source: the capture read, checked, repaired and segmented into paragraphs.

``capture`` (the file, its hash, pinyin, OpenCC), ``segment`` (table of contents, body
split), ``repairs`` (mojibake repairs and their proofs), ``tables`` (paragraphs.csv and
toc.csv regenerated). The names below are the stage's public API.
"""

from analysis.source.capture import *  # noqa: F401,F403
from analysis.source.checksums import write_checksums  # noqa: F401
from analysis.source.repairs import *  # noqa: F401,F403
from analysis.source.segment import *  # noqa: F401,F403
from analysis.source.tables import *  # noqa: F401,F403
