"""Ingest stage: read text files, repair PDF-to-text damage, cut compilations into dated articles.

``read_text`` -> ``normalize`` -> ``split_articles`` (dates via ``resolve_date``); ``iter_articles``
chains them lazily over files and directories.

Year policy (see ``split_articles``): a compilation's own date (cover "2024年3月18日", colophon
"2024年8月10日印") wins over every footer; without one, the majority year of the file's
《人民日报》 footers wins over an article's own footer (file 004 has four footers that say 2023 for
March 2024 sessions). Body text years are never used (they name past or planned events).
"""

from __future__ import annotations

import calendar
import codecs
import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from kg.errors import InputError
from kg.models import Article

MAX_BYTES = 200 * 1024 * 1024
MAX_ARTICLE_CHARS = 100_000  # a longer "article" is cut into parts (the longest sample article has 17k)
MAX_TITLE_CHARS = 100
NGRAM_WINDOW = 250_000  # n-gram evidence of a long text is searched this many characters either side

# ---------------------------------------------------------------------------------------------
# Character classes and line patterns
# ---------------------------------------------------------------------------------------------

_CJK = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WIDE = _CJK + "\u3000-\u303f\uff00-\uffef“”‘’…—·"  # ideographs and full-width punctuation
_CN_DIGITS = "〇零一二三四五六七八九十百"
_BULLETS = "■□◆●▲★"
_OPENERS = "，、（《“‘〔【「『(—"
_CLOSERS = "，。、）》”’；：！？)"

_AGENCY = r"(?:新华社|本报|中新社|中国新闻社|人民网|新华网|央视网|光明网|央广网|中国日报网|国际在线)"
_DATELINE_RE = re.compile(
    rf"^(?P<dl>{_AGENCY}[{_CJK}]{{1,12}}?(?:(?P<year>\d{{4}})年)?(?P<month>\d{{1,2}})月"
    rf"(?P<day>\d{{1,2}})日(?:电|讯))"
)
_END_DATELINE_RE = re.compile(rf"[（(](?P<dl>{_AGENCY}[{_CJK}]{{1,12}}?(?:\d{{4}}年)?\d{{1,2}}月\d{{1,2}}日电)[）)]$")
_FOOTER_RE = re.compile(r"^《[^》]{2,20}》[（(](?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日(?:第\d+版)?[）)]$")
_BYLINE_DATE_RE = re.compile(r"^[（(]\d{4}年\d{1,2}月\d{1,2}日[）)]$")
_BARE_DATE_RE = re.compile(r"^\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?|第\d+期)$")
_COLOPHON_RE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日(?:编?印|编)$")
_COLOPHON_TAIL_RE = re.compile(r"^[^。！？，；：]{2,40}(?:编|编印|印制|编辑|主办)$")  # "…支部委员会编" under a colophon
_END_MARKER_RES = (
    re.compile(rf"^(?:新华社记者|本报记者)?[（(]{_AGENCY}[^（）()]{{1,16}}电[）)]$"),  # ending dateline
    re.compile(r"^[^。！？，]{0,30}摄[）)]?(?:[（(][^（）()]{1,12}[）)])?$"),  # photo credit
    re.compile(r"^[（(]作者(?:为|系|是|单位)[^（）()]*[）)]$"),
    re.compile(r"^(?:栏目)?投稿邮箱[:：]"),
    re.compile(r"^[（(【\[]?责任编辑[:：]"),
    re.compile(r"^[（(]完[）)]$"),
)
_ENUM_RE = re.compile(
    r"^(?:第[一二三四五六七八九十百零〇]+[章节编]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]"
    r"|\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[）)]|[①-⑳]|第[一二三四五六七八九十]+[，、]|[一二三四五六七八九十]是)"
)
_LAW_ARTICLE_RE = re.compile(r"^第[一二三四五六七八九十百零〇]+条\s")  # raw line: "第一条 为了…"
_LAW_TITLE_RE = re.compile(rf"^《?[{_CJK}]{{2,40}}(?:法|条例|规定|办法|规则|细则)》?$")
_TERMINAL_RE = re.compile(r"(?:[。！？!?；;：:…]|——|[。！？…][”’」』）)]+|[。！？][（(][^（）()]{1,30}[）)])$")
_PAGE_RE = re.compile(r"^[-–—－\s]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*/\s*\d{1,4})?[-–—－\s]*$")
_TOC_LEADER_RE = re.compile(r"\S.*?(?:[·•．.…‥⋯_]\s*){4,}\d*\s*$")
_TOC_HEADER_RE = re.compile(r"^(?:目\s*录|目\s*次|contents)$", re.IGNORECASE)
_YMD_RE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_CN_YMD_RE = re.compile(rf"([{_CN_DIGITS}]{{4}})年([{_CN_DIGITS}]{{1,3}})月([{_CN_DIGITS}]{{1,3}})日")
_KICKER_END_RE = re.compile(r"(?:强调|指出|表示|时)$")
_OPENER_WORDS = ("同时", "此外", "目前", "据悉", "为此", "对此", "其中", "另外", "首先", "其次", "然而", "但是",
                 "因此", "随后", "当前", "如今", "近日", "今年", "去年", "当天", "当日", "会上", "我们", "他说")

_KEEP = (
    set("，。、；：？！（）《》〈〉「」『』【】〔〕“”‘’…—～·")
    | {chr(c) for c in range(0x2460, 0x2500)}  # ①…⑳, ⑴…
    | {chr(c) for c in range(0x3200, 0x3300)}  # ㈠…, ㊀…
)
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_CONTROL_BYTES = bytes([*range(1, 9), 11, *range(14, 32), 127])  # not \t \n \f \r
_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


# ---------------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------------


def read_text(path: Path, max_bytes: int = MAX_BYTES) -> str:
    """Read a UTF-8 text file (BOM or not); raise InputError naming the file for anything else."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory, not a text file")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"{path}: {size} bytes is over the {max_bytes}-byte limit; split the file")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read the file ({exc.strerror or exc})") from exc
    return decode_bytes(data, str(path))


def decode_bytes(data: bytes, name: str) -> str:
    """Decode a file's bytes as UTF-8 text, or raise InputError saying what the bytes look like."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError(f"{name}: looks like UTF-16; convert with iconv -f UTF-16 -t UTF-8")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(f"{name}: binary content (NUL byte at byte offset {nul}), not a text file")
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if controls >= 3 and controls > 0.02 * len(data):
        raise InputError(f"{name}: binary content ({controls} control bytes in {len(data)}), not a text file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(_not_utf8_message(data, exc, name)) from None
    if not text.strip():
        raise InputError(f"{name}: the file is empty (no text)")
    return text


def _not_utf8_message(data: bytes, exc: UnicodeDecodeError, name: str) -> str:
    """Explain a UTF-8 decoding failure, with the iconv command when the bytes are GBK/GB18030 text.

    Evidence: the bytes decode as GB18030, and the non-ASCII characters are nearly all in GB2312
    (common hanzi and Chinese punctuation), as in Chinese text; random bytes, Shift-JIS or
    Latin-1 read as GB18030 give rare characters. The first 256 KB decide.
    """
    message = f"{name}: not UTF-8 (invalid byte 0x{data[exc.start]:02x} at byte offset {exc.start})"
    try:
        guess = codecs.getincrementaldecoder("gb18030")().decode(data[: 256 * 1024], final=len(data) <= 256 * 1024)
    except UnicodeDecodeError:
        return message + "; save the file as UTF-8"
    wide = [c for c in guess if ord(c) > 0x7F and not c.isspace()]  # ASCII reads the same in both: not evidence
    common = sum(1 for c in wide if _in_gb2312(c))
    if wide and common / len(wide) >= 0.9:
        return message + "; looks like GBK/GB18030; convert with iconv -f GB18030 -t UTF-8"
    return message + "; save the file as UTF-8"


def _in_gb2312(char: str) -> bool:
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


# ---------------------------------------------------------------------------------------------
# Character and line cleanup
# ---------------------------------------------------------------------------------------------


def _nfkc(text: str) -> str:
    """NFKC (full-width letters/digits to ASCII, Kangxi radicals to ideographs) keeping Chinese punctuation."""
    table: dict[int, str] = {}
    for ch in set(text):
        if ch not in _KEEP:
            norm = unicodedata.normalize("NFKC", ch)
            if norm != ch:
                table[ord(ch)] = norm
    return text.translate(table)


def _prepare(text: str) -> str:
    """Unify newlines, drop invisible and control characters, apply the Chinese-safe NFKC."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\v", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n").replace("\x85", "\n")  # Unicode line breaks
    text = text.translate(_INVISIBLE)
    text = _CONTROL_RE.sub("", text)
    return _nfkc(text)


def _wide_parens(line: str) -> str:
    """Turn (…) into （…） when the parentheses sit in Chinese text."""

    def repl(m: re.Match[str]) -> str:
        before = line[m.start() - 1] if m.start() else ""
        if re.search(f"[{_WIDE}]", m.group(1) + before):
            return f"（{m.group(1)}）"
        return m.group(0)

    return re.sub(r"\(([^()\n]*)\)", repl, line)


def _wide_quotes(line: str) -> str:
    """Turn paired ASCII double quotes in Chinese text into “…”."""
    if '"' not in line or line.count('"') % 2 or not re.search(f"[{_CJK}]", line):
        return line
    parts = line.split('"')
    return "".join(p + ("“" if k % 2 == 0 else "”") for k, p in enumerate(parts[:-1])) + parts[-1]


def clean_line(line: str) -> str:
    """One line's cleanup: markdown bold gone, CJK-adjacent spaces gone, half-width punctuation widened."""
    line = re.sub(r"\*\*(?=\S)(.+?)(?<=\S)\*\*", r"\1", line)
    line = re.sub(rf"(?<=[{_WIDE}])[ \t]+|[ \t]+(?=[{_WIDE}])", "", line.strip())
    line = re.sub(r"[ \t]{2,}", " ", line)
    line = re.sub(rf"(?<=[{_WIDE}])([,;:?!])|([,;:?!])(?=[{_WIDE}])",
                  lambda m: "，；：？！"[",;:?!".index(m.group(1) or m.group(2))], line)
    return _wide_quotes(_wide_parens(line))


def _toc_mask(lines: list[str]) -> list[bool]:
    """Which raw lines belong to a table of contents (leader lines, its header, entries between them)."""
    toc = [bool(_TOC_LEADER_RE.match(x)) and len(x) <= 120 for x in lines]
    for k, line in enumerate(lines):
        if _TOC_HEADER_RE.match(line) and any(toc[k + 1:k + 3]):
            toc[k] = True
    for k in range(1, len(lines) - 1):
        if not toc[k] and toc[k - 1] and toc[k + 1] and len(lines[k]) <= 60:
            toc[k] = True
    return toc


# ---------------------------------------------------------------------------------------------
# Line roles shared by normalize (physical lines) and split_articles (paragraphs)
# ---------------------------------------------------------------------------------------------


def is_terminal(text: str) -> bool:
    """True when the text ends a sentence (。！？…：；, ——, 。” or 。（注）)."""
    return bool(_TERMINAL_RE.search(text))


def is_end_marker(line: str) -> bool:
    """Lines that close an article: ending dateline, photo credit, （作者为…）, 投稿邮箱, （完）."""
    return len(line) <= 60 and any(r.match(line) for r in _END_MARKER_RES)


def _is_boundary(line: str) -> bool:
    """Footer, end marker, byline date, cover date or colophon: never part of a headline block."""
    return bool(_FOOTER_RE.match(line) or is_end_marker(line) or _BYLINE_DATE_RE.match(line)
                or _BARE_DATE_RE.match(line) or _COLOPHON_RE.match(line))


def _head_like(line: str) -> bool:
    """Can the line belong to a headline block (headline, sub-headline, kicker, ■ summary)?"""
    if _is_boundary(line) or _DATELINE_RE.match(line) or _ENUM_RE.match(line):
        return False
    return line[0] in _BULLETS or (len(line) <= 80 and not is_terminal(line))


def _head_start(lines: list[str], k: int) -> int:
    """First index of the headline block that ends just before line k."""
    s = k
    while s > 0 and k - s < 24 and _head_like(lines[s - 1]):
        s -= 1
    return s


def _is_subtitle(line: str) -> bool:
    """A "——…" sub-headline line (not a "——item。" list entry nor "——编者")."""
    return line.startswith("——") and len(line) <= 60 and not is_terminal(line) and line != "——编者"


def _is_inline_subtitle(line: str) -> bool:
    """A headline with its sub-headline on one line: "从网络大国…迈进——我国网信事业成就综述"."""
    body = line.strip("—")
    return "——" in body and len(line) <= 60 and not is_terminal(line)


def _is_column_label(line: str) -> bool:
    """A ■ column label such as "■一线行走" (a short ■ line, not a ■ summary point)."""
    return line[0] in _BULLETS and len(line) <= 12 and not is_terminal(line)


def _anchors(lines: list[str]) -> set[int]:
    """Indexes where an article starts: headline blocks over datelines, sub-headlines, law titles…"""
    starts = {0} if lines else set()
    n = len(lines)
    for k, line in enumerate(lines):
        if _DATELINE_RE.match(line) or _BYLINE_DATE_RE.match(line):
            starts.add(_head_start(lines, k))
        elif _is_subtitle(line) and k > 0 and len(lines[k - 1]) <= 40 and _head_like(lines[k - 1]):
            starts.add(_head_start(lines, k))
        elif _is_inline_subtitle(line) and (k == 0 or not _head_like(lines[k - 1])):
            starts.add(k)
        elif _LAW_TITLE_RE.match(line) and k + 1 < n and lines[k + 1].startswith("（"):
            starts.add(k)
        elif _is_column_label(line):
            starts.add(k)
        if (_FOOTER_RE.match(line) or is_end_marker(line)) and k + 1 < n:
            nxt = lines[k + 1]
            if not (_FOOTER_RE.match(nxt) or is_end_marker(nxt) or _COLOPHON_RE.match(nxt)):
                starts.add(k + 1)
    return starts


# ---------------------------------------------------------------------------------------------
# normalize
# ---------------------------------------------------------------------------------------------


def normalize(text: str) -> str:
    """Clean a PDF-to-text dump: NFKC-like cleanup that keeps Chinese punctuation, no page numbers,
    no table of contents, no spaces next to CJK, sentences broken across lines joined again;
    one paragraph per line, separated by exactly one "\\n"."""
    raw = [x.strip() for x in _prepare(text).split("\n")]
    raw = [x for x in raw if x]
    toc = _toc_mask(raw)
    lines: list[str] = []
    law_articles: set[int] = set()
    for line, is_toc in zip(raw, toc):
        if is_toc or _PAGE_RE.match(line):
            continue
        cleaned = clean_line(line)
        if cleaned:
            if _LAW_ARTICLE_RE.match(line):
                law_articles.add(len(lines))
            lines.append(cleaned)
    return "\n".join(_join_lines(lines, law_articles))


def _wrap_width(lines: list[str]) -> int | None:
    """The fixed line width of a hard-wrapped file (every line cut at ~N chars), else None."""
    counts = Counter(len(x) for x in lines if len(x) >= 10)
    if not counts:
        return None
    width, top = counts.most_common(1)[0]
    near = sum(v for length, v in counts.items() if width - 3 <= length <= width + 1)
    return width if top >= 20 and near >= 0.4 * sum(counts.values()) else None


def _headline_lines(lines: list[str]) -> set[int]:
    """Indexes of the lines in the headline blocks above datelines and speech dates."""
    found: set[int] = set()
    for k, line in enumerate(lines):
        if _DATELINE_RE.match(line) or _BYLINE_DATE_RE.match(line):
            found.update(range(_head_start(lines, k), k))
    return found


def _join_lines(lines: list[str], law_articles: set[int]) -> list[str]:
    """Glue physical lines back into paragraphs."""
    width = _wrap_width(lines)
    protected = (_anchors(lines) - {0}) | law_articles  # never glued to the line before
    headlines = _headline_lines(lines)
    corpus = _Corpus("\n".join(lines))
    paragraphs: list[str] = []
    single = False  # the current paragraph is still one physical line
    after_sentence = False  # the paragraph before the current one ended a sentence (or was a heading)
    for k, line in enumerate(lines):
        corpus.pos += len(lines[k - 1]) + 1 if k else 0
        if paragraphs and k not in protected and _continues(
            paragraphs[-1], lines[k - 1], line, first=single and k - 1 not in headlines,
            after_terminal=after_sentence, width=width, corpus=corpus,
        ):
            paragraphs[-1] += line
            single = False
            continue
        if paragraphs:
            after_sentence = is_terminal(paragraphs[-1]) or bool(_ENUM_RE.match(paragraphs[-1]))
        paragraphs.append(line)
        single = True
    return paragraphs


def _continues(para: str, prev: str, line: str, *, first: bool, after_terminal: bool,
               width: int | None, corpus: str | _Corpus) -> bool:
    """Does ``line`` continue the paragraph ``para`` whose last physical line is ``prev``?

    Never after a finished sentence, a footer or end marker, nor into a dateline, a numbered
    heading, a "——" line or a ■ point. Yes on strong evidence: an open mark at the break, a closing
    mark or 的 after it, a one- or two-character first sentence ("市场。"), a full-width line of a
    hard-wrapped file, a line of 70+ characters. Otherwise (headings look like this too) yes only
    for a 26+ character first line after a finished paragraph, a kicker ending in 强调/指出/表示/时,
    or when the characters across the break occur unbroken elsewhere in the text.
    """
    if para.endswith("：") and para.count("“") > para.count("”") and not line.startswith("“"):
        return True  # "…拍摄的“EAGLE 6G：" | "面向6G…”发布现场": the colon sits inside a quotation
    if is_terminal(para) or _is_boundary(prev):
        return False
    if prev.endswith("—") and not prev.endswith("——") and line.startswith("—"):
        return True  # a "——" cut in two
    if (_DATELINE_RE.match(line) or _is_boundary(line) or _ENUM_RE.match(line) or line.startswith("——")
            or line[0] in _BULLETS):
        return False
    strong = (
        prev[-1] in _OPENERS
        or line[0] in _CLOSERS
        or (line.startswith("的") and not line.startswith("的确"))
        or _tiny_first_sentence(line)
        or len(line) == 1
        or (width is not None and len(prev) >= width - 4)
        or len(prev) >= 70
    )
    if strong or (first and _ENUM_RE.match(prev)):  # "一、…" headings continue on strong evidence only
        return strong
    return (
        (first and after_terminal and len(prev) >= 26 and not _is_inline_subtitle(prev))
        or (len(prev) <= 40 and bool(_KICKER_END_RE.search(prev)) and not _DATELINE_RE.match(prev))
        or _ngram_evidence(prev, line, corpus)
    )


def _tiny_first_sentence(line: str) -> bool:
    """"市场。促进…": a line whose first sentence is one or two characters is a continuation."""
    m = re.match(rf"([{_CJK}]{{1,2}})[。；：！？]", line)
    return bool(m) and m.group(1) not in _OPENER_WORDS


class _Corpus:
    """The text that n-gram evidence is searched in, at line offset ``pos``.

    A text of up to 2 × NGRAM_WINDOW characters is searched whole (answers cached per n-gram); in a
    longer one (many compilations in one file) only NGRAM_WINDOW characters either side of ``pos``,
    so that normalising stays linear in the file's size instead of quadratic.
    """

    def __init__(self, text: str):
        self.text = text
        self.pos = 0
        self._whole = len(text) <= 2 * NGRAM_WINDOW
        self._seen: dict[str, bool] = {}

    def __contains__(self, gram: str) -> bool:
        if not self._whole:
            return self.text.find(gram, max(0, self.pos - NGRAM_WINDOW), self.pos + NGRAM_WINDOW) >= 0
        found = self._seen.get(gram)
        if found is None:
            found = self._seen[gram] = gram in self.text
        return found


def _ngram_evidence(prev: str, line: str, corpus: str | _Corpus) -> bool:
    """The characters across the break ("全体|会议") occur unbroken elsewhere in the text."""
    left = re.search(f"[{_CJK}]{{1,2}}$", prev)
    right = re.match(f"[{_CJK}]{{1,2}}", line)
    if not left or not right:
        return False
    gram = left.group(0) + right.group(0)
    return len(gram) >= 3 and gram in corpus


# ---------------------------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------------------------


def cn_number(text: str) -> int | None:
    """Chinese or Arabic numerals to int: "二〇二四" 2024, "二十六" 26, "十" 10, "5" 5."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    digits = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
    if not text or any(c not in digits and c not in "十百" for c in text):
        return None
    if "十" not in text and "百" not in text:
        return int("".join(str(digits[c]) for c in text))
    total, current = 0, 0
    for c in text:
        if c in digits:
            current = digits[c]
        else:
            total += (current or 1) * (10 if c == "十" else 100)
            current = 0
    return total + current


def _valid(year: int, month: int, day: int) -> bool:
    """Is year-month-day a real calendar date?"""
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def dates_in(text: str) -> list[str]:
    """Every full date written out in the text ("2024年2月27日", "二〇二四年三月五日"), ISO, in order."""
    found: list[tuple[int, str]] = []
    for m in _YMD_RE.finditer(text):
        y, mo, d = (int(g) for g in m.groups())
        if _valid(y, mo, d):
            found.append((m.start(), f"{y:04d}-{mo:02d}-{d:02d}"))
    for m in _CN_YMD_RE.finditer(text):
        y, mo, d = (cn_number(g) for g in m.groups())
        if y and mo and d and _valid(y, mo, d):
            found.append((m.start(), f"{y:04d}-{mo:02d}-{d:02d}"))
    return [iso for _, iso in sorted(found)]


def _year_for(month: int, day: int, reference: str | None) -> int | None:
    """The year of month/day as seen from a reference date ("2024-03-18") or year ("2024")."""
    if not reference or not reference[:4].isdigit():
        return None
    year = int(reference[:4])
    if len(reference) >= 10:
        ref_month, ref_day = int(reference[5:7]), int(reference[8:10])
        if (month, day) > (ref_month, ref_day):
            year -= 1  # a December article in a January compilation
    return year


def resolve_date(
    dateline: str | None = None,
    *,
    footer: str | None = None,
    head: str = "",
    reference: str | None = None,
    default_year: int | None = None,
) -> str | None:
    """An article's ISO date.

    dateline: "新华社北京2月26日电" (month and day; the year when it is written). footer: the ISO
    publication date from the article's 《人民日报》（…） footer. head: headline and subtitle text,
    searched for a written-out date when there is no dateline ("——二〇二四年三月五日在…上").
    reference: the file's year evidence, an ISO date (cover, colophon) or a year (majority of the
    footers); it wins over the footer's year. Without any year: default_year, else None.
    """
    m = re.search(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日", dateline or "")
    if m:
        month, day = int(m.group(2)), int(m.group(3))
        year = int(m.group(1)) if m.group(1) else None
        year = year or _year_for(month, day, reference) or _year_for(month, day, footer) or default_year
        if year is None:  # month and day alone are not a SCHEMA date; the dateline keeps them
            return None
        return f"{year:04d}-{month:02d}-{day:02d}" if _valid(year, month, day) else None
    written = dates_in(head)
    if written:
        return max(written)
    if footer:
        month, day = int(footer[5:7]), int(footer[8:10])
        year = _year_for(month, day, reference) or int(footer[:4])
        return f"{year:04d}-{month:02d}-{day:02d}" if _valid(year, month, day) else footer
    return None


def resolve_relative_day(day_expr: str, article_date: str | None) -> str | None:
    """Turn "26日上午" / "5日" / "3月5日" in an article into an ISO date using the article's date.

    A day not after the article's day is in the article's month; a later day stays in that month
    (an announced event) unless it is more than 15 days later or does not exist in it, then it is
    the month before ("28日" in a 3月2日 article is 2月28日). Without a year: None.
    """
    m = re.search(rf"(?:([0-9]{{1,2}}|[{_CN_DIGITS}]{{1,3}})月)?([0-9]{{1,2}}|[{_CN_DIGITS}]{{1,3}})[日号]", day_expr)
    base = re.match(r"^(\d{4}|-)-?(\d{2})(?:-(\d{2}))?$", article_date or "")
    if not m or not base:
        return None
    day = cn_number(m.group(2))
    year = int(base.group(1)) if base.group(1).isdigit() else None
    month, base_day = int(base.group(2)), int(base.group(3)) if base.group(3) else None
    if not day or not 1 <= day <= 31:
        return None
    if m.group(1):
        month_given = cn_number(m.group(1)) or 0
        if year is not None and month_given > month + 6:
            year -= 1
        month = month_given
    elif base_day is not None and day > base_day:
        leap_year = year if year is not None else 2000
        if day - base_day > 15 or day > calendar.monthrange(leap_year, month)[1]:
            month -= 1
            if month == 0:
                month, year = 12, (year - 1 if year is not None else None)
    check_year = year if year is not None else 2000  # a leap year: 2月29日 stays possible
    if not _valid(check_year, month, day):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}" if year is not None else None


# ---------------------------------------------------------------------------------------------
# split_articles
# ---------------------------------------------------------------------------------------------


def make_doc_id(text: str) -> str:
    """Content id: "doc-" + 16 hex of the SHA-1 of the normalised article text."""
    return "doc-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def _has_body(paragraphs: list[str]) -> bool:
    """Does a block hold running text (a sentence), not only cover or headline lines?"""
    return any(len(p) > 80 or (len(p) >= 12 and is_terminal(p)) for p in paragraphs)


def _segments(paragraphs: list[str]) -> list[tuple[list[str], list[str]]]:
    """(body, back matter) of each compilation in the text.

    A colophon ("2024年8月10日印") with the short line before it ("…党支部") and the "…编" lines
    after it ends a compilation. Followed by more running text (compilations joined with ``cat``),
    it is a boundary and the next compilation starts after it; otherwise everything after it is
    back matter.
    """
    segments: list[tuple[list[str], list[str]]] = []
    start, k, n = 0, 0, len(paragraphs)
    while k < n:
        if not _COLOPHON_RE.match(paragraphs[k]):
            k += 1
            continue
        lo = k - 1 if k > start and len(paragraphs[k - 1]) <= 30 and not is_terminal(paragraphs[k - 1]) else k
        hi = k + 1
        while hi < n and (_COLOPHON_RE.match(paragraphs[hi]) or _COLOPHON_TAIL_RE.match(paragraphs[hi])):
            hi += 1
        if not _has_body(paragraphs[hi:]):
            hi = n
        segments.append((paragraphs[start:lo], paragraphs[lo:hi]))
        start = k = hi
    if start < n or not segments:
        segments.append((paragraphs[start:], []))
    return segments


def _footer_date(paragraph: str) -> str | None:
    """The ISO date of a 《人民日报》（2024年03月05日第01版） footer, else None."""
    m = _FOOTER_RE.match(paragraph)
    if not m:
        return None
    y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
    return f"{y:04d}-{mo:02d}-{d:02d}" if _valid(y, mo, d) else None


def _heading_like(p: str) -> bool:
    """A short title-like paragraph in the middle of a block (a commentary's or a photo's title)."""
    return (len(p) <= 25 and not is_terminal(p) and not _ENUM_RE.match(p) and not p.startswith("——")
            and p[0] not in _BULLETS and not _is_boundary(p) and not _DATELINE_RE.match(p))


def _dateline_index(block: list[str]) -> int | None:
    """Index of the leading dateline paragraph (after the headline block), if any."""
    for k, p in enumerate(block):
        if _DATELINE_RE.match(p):
            return k
        if not _head_like(p):
            return None
    return None


def _split_trailer(block: list[str]) -> list[list[str]]:
    """A dateline article followed, without a headline block, by a commentary or photo that ends in
    its own ending dateline or credit: cut at the first short title between them."""
    dl = _dateline_index(block)
    if dl is None:
        return [block]
    closers = [k for k, p in enumerate(block) if k > dl and (is_end_marker(p) or _END_DATELINE_RE.search(p))]
    if not closers:
        return [block]
    for k in range(dl + 2, closers[-1]):
        if _heading_like(block[k]):
            return [block[:k], *_split_trailer(block[k:])]
    return [block]


def _title(block: list[str]) -> str:
    """The main headline: the first line, without a ■ mark or an inline "——sub-headline"."""
    first = block[0].lstrip(_BULLETS).strip()
    if _DATELINE_RE.match(first):
        return first[:60]
    main = first.strip("—").split("——")[0].strip() or first
    return main if len(main) <= MAX_TITLE_CHARS else main[: MAX_TITLE_CHARS - 1] + "…"


def _head_text(block: list[str]) -> str:
    """Headline block plus a parenthesised line right after it (law history, speech date)."""
    h = 0
    while h < len(block) and _head_like(block[h]):
        h += 1
    if h < len(block) and block[h].startswith("（") and block[h].endswith("）"):
        h += 1
    return "\n".join(block[:h])


def _ending_dateline(block: list[str]) -> str | None:
    """"新华社北京2月26日电" from an article's last lines "…（新华社北京2月26日电）", else None."""
    for p in reversed(block[-2:]):
        m = _END_DATELINE_RE.search(p)
        if m:
            return m.group("dl")
    return None


def _file_reference(front: list[str], back: list[str], footers: list[str]) -> str | None:
    """The compilation's year evidence: its cover/colophon date, else the majority footer year."""
    matter = dates_in("\n".join(front + back))
    if matter:
        return max(matter)
    years = Counter(f[:4] for f in footers)
    if len(footers) >= 2:
        (year, top), *rest = years.most_common()
        if not rest or top > rest[0][1]:
            return year
    return None


def split_articles(
    text: str, source: str, *, default_year: int | None = None, max_chars: int = MAX_ARTICLE_CHARS
) -> list[Article]:
    """Cut a normalised file into articles: headline block + dateline + body, dated.

    An article starts at the headline block above a dateline (新华社北京2月26日电 …) or a speech
    date （2024年7月18日）, at a headline with a "——" sub-headline, at a law title followed by its
    adoption history, at a ■ column label, after a footer or an end marker, and at the top of the
    file. A leading block with no running text (a cover) and a trailing colophon are not articles;
    a colophon followed by more text separates two compilations (files joined with ``cat``). Text
    without any of these marks is one article. An article longer than ``max_chars`` characters
    (no article boundaries found in a big file) is cut at paragraph or sentence ends into parts
    "标题（续1）", "标题（续2）"… of at most ``max_chars`` characters each.
    """
    paragraphs = [p for p in text.split("\n") if p.strip()]
    articles: list[Article] = []
    for body, back in _segments(paragraphs):
        if body:
            articles += _split_compilation(body, back, source, default_year, max_chars, first_index=len(articles))
    return articles


def _split_compilation(
    body: list[str], back: list[str], source: str, default_year: int | None, max_chars: int, first_index: int
) -> list[Article]:
    """The articles of one compilation (its paragraphs without the back matter)."""
    starts = sorted(_anchors(body))
    blocks = [body[s:e] for s, e in zip(starts, [*starts[1:], len(body)]) if body[s:e]]
    front: list[str] = []
    if len(blocks) > 1 and not _has_body(blocks[0]):
        front = blocks.pop(0)
    blocks = [part for block in blocks for part in _split_trailer(block)]
    footers = [[d for p in block if (d := _footer_date(p))] for block in blocks]
    reference = _file_reference(front, back, [f for fs in footers for f in fs])
    articles = []
    for index, block in enumerate(blocks):
        own = footers[index][-1] if footers[index] else None
        ref = reference or own or _nearest(footers, index)
        dl_index = _dateline_index(block)
        dm = _DATELINE_RE.match(block[dl_index]) if dl_index is not None else None
        dateline = dm.group("dl") if dm else _ending_dateline(block)
        date = resolve_date(dateline, footer=own, head=_head_text(block) if not dateline else "",
                            reference=ref, default_year=default_year)
        title = _title(block)
        for part, article_text in enumerate(_cut_text("\n".join(block), max_chars)):
            articles.append(Article(doc_id=make_doc_id(article_text), title=f"{title}（续{part}）" if part else title,
                                    date=date, source=f"{source}#{first_index + len(articles)}", text=article_text,
                                    dateline=dateline))
    return articles


def _cut_text(text: str, max_chars: int) -> list[str]:
    """The text as one part, or cut into parts of at most ``max_chars`` characters: at the last
    paragraph end that leaves a part at least half full, else at the last sentence end, else anywhere."""
    parts = []
    while len(text) > max_chars:
        window = text[: max_chars + 1]
        cut = window.rfind("\n")
        if cut <= max_chars // 2:
            cut = max(window.rfind(mark, 0, max_chars) for mark in "。！？；") + 1
            if cut <= max_chars // 2:
                cut = max_chars
        parts.append(text[:cut].rstrip("\n"))
        text = text[cut:].lstrip("\n")
    if text:
        parts.append(text)
    return parts


def _nearest(footers: list[list[str]], index: int) -> str | None:
    """The footer date of the closest article that has one."""
    ranked = sorted((abs(k - index), fs[-1]) for k, fs in enumerate(footers) if fs)
    return ranked[0][1] if ranked else None


# ---------------------------------------------------------------------------------------------
# iter_articles
# ---------------------------------------------------------------------------------------------


def expand_paths(paths: Iterable[Path | str] | Path | str) -> Iterator[Path]:
    """Files in the order given; a directory gives its *.txt files (recursive, sorted, no hidden)."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    for raw in paths:
        path = Path(raw)
        if not path.is_dir():
            yield path
            continue
        files = sorted(
            p for p in path.rglob("*.txt")
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
        )
        if not files:
            raise InputError(f"{path}: directory has no .txt files")
        yield from files


def iter_articles(
    paths: Iterable[Path | str] | Path | str,
    *,
    default_year: int | None = None,
    max_bytes: int = MAX_BYTES,
    on_error: Callable[[Path, InputError], None] | None = None,
) -> Iterator[Article]:
    """Read, normalise and split each file; yields articles lazily, file by file.

    A file that cannot be read as articles (missing, empty, binary, not UTF-8, too big) raises an
    InputError naming it, before any of its articles is yielded; with ``on_error`` it is passed
    there instead (with the path at fault) and the remaining files are still read.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    for raw in paths:
        try:
            files = list(expand_paths([raw]))
        except InputError as exc:
            if on_error is None:
                raise
            on_error(Path(raw), exc)
            continue
        for path in files:
            try:
                articles = split_articles(normalize(read_text(path, max_bytes)), str(path), default_year=default_year)
            except InputError as exc:
                if on_error is None:
                    raise
                on_error(path, exc)
                continue
            yield from articles
