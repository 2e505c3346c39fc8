"""Script variants: the one layer that makes 萬元 read as 万元 and 鎮(zhèn) as 镇.

Published replies come in simplified characters, in traditional characters
(mirror sites, Hong Kong and Taiwan copies) and, on some sites, with a pinyin
reading printed after characters: ``鄉(xiāng)鎮(zhèn)``. To a reader these are
one text. Rules and the index work on the folded form; everything reported to
the user (names, evidence, snippets) is cut from the original as written.

Two folds, for two consumers:

* :func:`fold_chars` keeps every length: traditional characters become
  simplified ones (OpenCC ``t2s``) and a pinyin reading becomes as many spaces
  as it had characters. Offsets into the folded text are offsets into the
  original, so the index and the highlighter need no map. Whitespace is
  transparent to the index, so ``鄉(xiāng)鎮`` still holds the bigram 乡镇.
* :func:`fold_for_rules` also drops the readings (regular expressions would
  trip over the spaces) and returns a :class:`Folded` text with the map back to
  the original, so an extracted name can be restored as written.

OpenCC converts phrase by phrase (乾淨 → 干净, but 乾隆 stays); a phrase that
changed length would shift every offset after it. ``t2s`` keeps lengths on
every reply we have seen, but that is checked, not assumed: a line whose
length would change is converted character by character.
"""
from __future__ import annotations

import bisect
import re
from functools import cache

# A pinyin reading in brackets right after a Han character: 鎮(zhèn), 乡（xiāng）.
# The letters must form one syllable (optional initial, vowels, optional -n/-ng/-r),
# so a bracketed abbreviation such as 附件(A) or 中国(CN) is left alone.
_VOWELS = "aeiouvüāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_RUBY = (
    rf"(?<=[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])[(（]"
    rf"(?:zh|ch|sh|[bpmfdtnlgkhjqxzcsryw])?[{_VOWELS}]{{1,4}}(?:ng|n|r)?[)）]"
)


@cache
def _ruby() -> re.Pattern:
    return re.compile(_RUBY)


_CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2A6DF))
TABLE_NAME = "script_traditional_chars"
PHRASE_TABLE_NAME = "script_phrase_chars"

_converter = None
_traditional = None
_phrase_chars = None


def _has_traditional(text: str) -> bool:
    """``text`` holds a character that OpenCC t2s changes on its own (the
    table in the data file).

    A document with none of them is simplified text and skips the conversion.
    A set test is ~20x faster than OpenCC and ~10x faster than a regex class
    of these 4,500 characters (which also cost ~25 ms to compile, on every
    search). A query is always converted (``exact=True``): OpenCC also
    converts some phrases whose characters are unchanged alone (瞭解 → 了解),
    and a query can be just such a phrase.
    """
    global _traditional
    if _traditional is None:
        from replycli.extract.wordlists import load

        _traditional = frozenset(load(TABLE_NAME))
    return not _traditional.isdisjoint(text)


def _in_changed_phrase(text: str) -> bool:
    """``text`` holds a character of a phrase that OpenCC t2s converts
    although none of its characters is traditional on its own (瞭解 → 了解).

    With ``_has_traditional`` this says exactly when OpenCC can change a
    text, so a query that is plain simplified text (most are) skips the
    OpenCC import and dictionary load (~15 ms of a cold search)."""
    global _phrase_chars
    if _phrase_chars is None:
        from replycli.extract.wordlists import load

        _phrase_chars = frozenset(load(PHRASE_TABLE_NAME))
    return not _phrase_chars.isdisjoint(text)


def _t2s(text: str) -> str:
    global _converter
    if _converter is None:
        import opencc  # ~20 ms import + ~7 ms dictionary load: only when needed

        _converter = opencc.OpenCC("t2s")
    return _converter.convert(text)


def to_simplified(text: str, exact: bool = False) -> str:
    """Traditional → simplified, guaranteed to keep the length of ``text``.

    ``exact`` also converts the phrases OpenCC changes as a whole (瞭解);
    otherwise only texts holding a character that is traditional on its own
    are converted.
    """
    global _last_simplified
    # A reply's text is converted for the rules and again for the index.
    if _last_simplified[0] is text and _last_simplified[1] == exact:
        return _last_simplified[2]
    out = _simplified(text, exact)
    if len(text) > 500:  # short strings (names, fields) do not evict it
        _last_simplified = (text, exact, out)
    return out


_last_simplified: tuple = (None, False, None)


def _simplified(text: str, exact: bool) -> str:
    if not (_has_traditional(text) or (exact and _in_changed_phrase(text))):
        return text
    out = _t2s(text)
    if len(out) == len(text):
        return out
    # Some phrase changed length: keep the lines that did not, and convert the
    # others character by character (each character maps to one character).
    lines = text.split("\n")
    fixed = []
    for line in lines:
        conv = _t2s(line)
        if len(conv) != len(line):
            conv = "".join(c if len(c) == 1 else ch for ch, c in ((ch, _t2s(ch)) for ch in line))
        fixed.append(conv)
    return "\n".join(fixed)


def fold_chars(text: str, exact: bool = False) -> str:
    """Simplified characters, pinyin readings blanked: same length as ``text``."""
    return blank_readings(to_simplified(text, exact))


def blank_readings(text: str) -> str:
    """Pinyin readings replaced by as many spaces (the characters kept as they are)."""
    if "(" in text or "（" in text:  # compiled only then
        text = _ruby().sub(lambda m: " " * len(m.group(0)), text)
    return text


class Folded:
    """A folded text with the way back to the original.

    ``text`` is what rules read; :meth:`original` maps a span of ``text`` back
    to the characters of the original as written (readings included), and
    :meth:`restore` does it for a string the rules returned.
    """

    __slots__ = ("text", "source", "_cuts", "identity")

    def __init__(self, source: str):
        self.source = source
        simplified = to_simplified(source)
        # _cuts: sorted (folded offset, characters dropped before it) pairs.
        self._cuts: list[tuple[int, int]] = []
        if "(" in simplified or "（" in simplified:
            parts, last, dropped = [], 0, 0
            for m in _ruby().finditer(simplified):
                parts.append(simplified[last:m.start()])
                dropped += m.end() - m.start()
                last = m.end()
                self._cuts.append((m.start() - (dropped - (m.end() - m.start())), dropped))
            parts.append(simplified[last:])
            simplified = "".join(parts)
        self.text = simplified
        self.identity = simplified == source

    def source_offset(self, i: int) -> int:
        """Offset in the original of folded offset ``i`` (a character start)."""
        k = bisect.bisect_right(self._cuts, (i, float("inf"))) - 1
        return i + (self._cuts[k][1] if k >= 0 else 0)

    def original(self, start: int, end: int) -> str:
        if self.identity or start >= end:
            return self.source[start:end] if self.identity else ""
        return self.source[self.source_offset(start): self.source_offset(end - 1) + 1]

    def restore(self, s: str, near: int = 0) -> str:
        """``s`` as written in the original, when ``s`` occurs in the folded text.

        A string the rules built rather than cut (a normalised label such as
        主办, a date) does not occur and is returned unchanged.
        """
        if self.identity or not s:
            return s
        i = self.text.find(s, near)
        if i < 0:
            i = self.text.find(s)
        if i < 0:
            return s
        return self.original(i, i + len(s))


def fold_for_rules(text: str) -> Folded:
    return Folded(text)


def traditional_chars() -> list[str]:
    """Every character that OpenCC t2s changes on its own (regenerates the table)."""
    return [chr(i) for a, b in _CJK_RANGES for i in range(a, b + 1) if _t2s(chr(i)) != chr(i)]


def opencc_phrases() -> list[tuple[str, str]]:
    """The phrase table of the installed OpenCC's t2s (TSPhrases), read with
    the ``opencc_dict`` tool its wheel ships; [] when that tool is missing."""
    import subprocess
    import tempfile
    from pathlib import Path

    import opencc

    clib = Path(opencc.__file__).parent / "clib"
    tool, table = clib / "bin" / "opencc_dict", clib / "share" / "opencc" / "TSPhrases.ocd2"
    if not (tool.exists() and table.exists()):
        return []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "phrases.txt"
        subprocess.run([str(tool), "-i", str(table), "-o", str(out), "-f", "ocd2", "-t", "text"],
                       check=True, capture_output=True)
        rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines() if "\t" in line]
    return [(key, value.split(" ")[0]) for key, value in rows]


def phrase_chars() -> list[str]:
    """The characters that a TSPhrases entry changes although none of its
    characters is traditional on its own (瞭 in 一目瞭然 → 一目了然): a text
    with none of them and no traditional character converts to itself."""
    traditional = set(traditional_chars())
    chars = set()
    for key, _ in opencc_phrases():
        converted = _t2s(key)
        if not traditional.isdisjoint(key) or converted == key:
            continue
        if len(converted) != len(key):
            chars.update(key)
        else:
            chars.update(k for k, c in zip(key, converted) if k != c)
    return sorted(chars)


def write_table() -> None:
    """Write the two tables under ``replycli/data/`` from the installed OpenCC."""
    import opencc

    from replycli.extract.wordlists import DATA

    version = f"opencc {getattr(opencc, '__version__', '?')}"
    chars = traditional_chars()
    header = (
        "# Characters that OpenCC's t2s conversion changes on their own (traditional forms).\n"
        f"# Generated from {version} by `python -m replycli.script`;\n"
        "# tests/test_script.py checks it against the installed OpenCC. Used only to skip the\n"
        "# conversion for texts that contain none of them.\n"
    )
    (DATA / f"{TABLE_NAME}.txt").write_text(header + "\n".join(chars) + "\n", encoding="utf-8")
    phrases = phrase_chars()
    header = (
        "# Characters of the phrases that OpenCC's t2s converts as a whole although none of\n"
        "# their characters is traditional on its own (瞭解 -> 了解): the keys of its TSPhrases\n"
        f"# table, read with the opencc_dict tool of {version} by `python -m replycli.script`;\n"
        "# tests/test_script.py checks it against the installed OpenCC. A query with none of\n"
        "# these and none of the traditional characters skips OpenCC.\n"
    )
    (DATA / f"{PHRASE_TABLE_NAME}.txt").write_text(header + "\n".join(phrases) + "\n", encoding="utf-8")
    print(f"{len(chars)} traditional characters, {len(phrases)} phrase characters")


if __name__ == "__main__":
    write_table()
