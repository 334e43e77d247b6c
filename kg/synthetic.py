"""Synthetic corpora for scale tests: ×N copies of a corpus (default: the shipped sample), each varied.

Copy 0 of every file is the file itself; copy k ≥ 1 is its normalised text (kg.ingest.normalize,
one paragraph per line, blank lines between them, as the sample files are laid out) with,
consistently inside the copy:

* persons: every gazetteer person (kg/data/gazetteer/persons.tsv, name and aliases) but the
  Politburo Standing Committee is replaced by a name from a generated pool (surnames from
  kg/data/surnames.txt, common given-name characters); the pool is shared by all copies, so one
  synthetic person turns up in many articles, in different roles: resolution has work to do;
  reporters of bylines ("（记者胡喆、宋晨）") and photographers ("李向雨摄") get pool names too;
* dates: every month is shifted by the copy's offset (0–35 months, with the year carried where the
  text gives one; days kept, so "26日上午" still refers to the dateline's day): datelines, footers,
  cover dates, body dates; a year without a month ("2024年全国…") moves by the whole years;
* session ordinals: "N次会议" and "N中全会" get the copy's offset (全国人大二次会议 →
  全国人大五次会议 in the short and in the full form alike);
* bodies: the 22 provinces are permuted (江苏代表团 → 湖南代表团, 江苏省委 → 湖南省委…), and so
  are the ministries named "…部" (应急管理部 → 水利部…);
* counts: every count or amount ("166人", "近70次", "249亿元") moves by up to ±10% (the same
  number gets the same new value throughout the copy);
* article bodies: an article that would still be identical to one already generated (same doc_id,
  which GraphBuilder would count once) gets two adjacent sentences of one paragraph swapped (two
  adjacent body paragraphs when its paragraphs are single sentences).

Everything is drawn from ``random.Random`` seeded with (seed, file name, copy): the same seed
gives the same corpus, byte for byte. Every generated file is checked by cutting it with
kg.ingest as ``kg`` will: it must give as many articles as its original.

    .venv/bin/python -m kg.synthetic OUT_DIR --factor 10 [--seed 0] [SOURCE ...]
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from kg.config import DATA_DIR, SAMPLE_CORPUS
from kg.numbers import cn_to_int, int_to_cn

SURNAMES_FILE = DATA_DIR / "surnames.txt"
PERSONS_FILE = DATA_DIR / "gazetteer" / "persons.tsv"
SAMPLE_YEAR = 2024  # the sample's Xinhua datelines carry no year

# kept as they are: the rules find them by name alone, in any context
KEEP_PERSONS = frozenset({"习近平", "习主席", "李强", "赵乐际", "王沪宁", "蔡奇", "丁薛祥", "李希"})
PROVINCES = ("河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建", "江西", "山东",
             "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海")
MINISTRIES = ("外交部", "国防部", "教育部", "科学技术部", "工业和信息化部", "公安部", "民政部", "司法部", "财政部",
              "人力资源和社会保障部", "自然资源部", "生态环境部", "住房和城乡建设部", "交通运输部", "水利部",
              "农业农村部", "商务部", "文化和旅游部", "退役军人事务部", "应急管理部")
GIVEN = ("伟芳敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玉兰萍红建志文斌宇浩凯鹏辉林峰晨欣宁海波航俊晓云"
         "飞鑫琳雪婷倩颖佳嘉思博天梓睿泽轩诗瑞德成荣顺立新春秋")

_DATE_RE = re.compile(r"(?<!\d)(?:(?P<y>\d{4})年)?(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})日)?")
_YEAR_RE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})年(?!\d{1,2}月)")  # a year without a month
_ORDINAL_RE = re.compile(r"(?P<n>[一二三四五六七八九十]{1,3})(?P<tail>次会议|中全会)")
# a count or amount in running text (not a date, an edition, a decimal, an ordinal, a year)
_AMOUNT_RE = re.compile(r"(?<![\d.第])(?P<n>[1-9]\d{0,4})(?=(?:个|项|次|人|家|件|名|余|多|万|亿|元|吨|米|公里|座|所|条|部|%))")
_SENTENCE_RE = re.compile(r"[^。！？]*[。！？]+[”’」』）]*")


# ---------------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------------


def _days_in(year: int, month: int) -> int:
    import calendar

    return calendar.monthrange(year, month)[1]


def _alternation(words) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)))


def replaceable_persons(path: Path = PERSONS_FILE) -> list[list[str]]:
    """Gazetteer persons to vary, each as [name, *aliases] (Standing Committee left out)."""
    persons = []
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            names = [row["name"].strip(), *(a.strip() for a in (row.get("aliases") or "").split("|"))]
            names = [n for n in names if len(n) >= 2]
            if names and not KEEP_PERSONS.intersection(names):
                persons.append(names)
    return persons


_BYLINE_RE = re.compile(r"记者(?P<names>[\u4e00-\u9fff]{2,3}(?:、[\u4e00-\u9fff]{2,3})*)(?=[）)])")
_CREDIT_RE = re.compile(r"(?:^|(?<=记者)|(?<=、))(?P<name>[\u4e00-\u9fff]{2,3})(?=(?:、[\u4e00-\u9fff]{2,3})*摄)", re.MULTILINE)


def journalists(text: str, surnames: set[str]) -> list[list[str]]:
    """Reporters of bylines "（记者胡喆、宋晨）" and photographers of "李向雨摄", each as [name]."""
    names = {n for m in _BYLINE_RE.finditer(text) for n in m.group("names").split("、")}
    names |= {m.group("name") for m in _CREDIT_RE.finditer(text)}
    return [[n] for n in sorted(names) if n[:1] in surnames or n[:2] in surnames]


def surnames() -> set[str]:
    return {w for line in SURNAMES_FILE.read_text(encoding="utf-8").splitlines() if not line.startswith("#")
            for w in line.split()}


def name_pool(size: int, seed: int, avoid: set[str] | frozenset[str] = frozenset()) -> list[str]:
    """``size`` distinct generated names: a surname of surnames.txt and one or two given characters."""
    words = [w for line in SURNAMES_FILE.read_text(encoding="utf-8").splitlines() if not line.startswith("#")
             for w in line.split()]
    single = [w for w in words if len(w) == 1][:150]  # the common ones come first
    double = [w for w in words if len(w) == 2]
    rng = random.Random(f"pool:{seed}")
    pool: list[str] = []
    seen = set(avoid)
    while len(pool) < size:
        surname = rng.choice(double) if rng.random() < 0.03 else rng.choice(single)
        name = surname + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
        if name not in seen and not any(w in name for w in PROVINCES):  # 吉林 is a province, not a person
            seen.add(name)
            pool.append(name)
    return pool


# ---------------------------------------------------------------------------------------------
# One copy of one file
# ---------------------------------------------------------------------------------------------


@dataclass
class Variation:
    """What copy k of a file changes (drawn from its seeded generator)."""

    persons: dict[str, str]
    months: int
    ordinals: int
    places: dict[str, str]
    amounts: random.Random | None = None  # draws the new value of each count (same number, same value)

    @classmethod
    def draw(cls, rng: random.Random, persons: list[list[str]], pool: list[str]) -> Variation:
        names = rng.sample(pool, min(len(persons), len(pool)))
        mapping = {alias: new for group, new in zip(persons, names) for alias in group}
        provinces = list(PROVINCES)
        rng.shuffle(provinces)
        ministries = list(MINISTRIES)
        rng.shuffle(ministries)
        places = dict(zip(PROVINCES, provinces)) | dict(zip(MINISTRIES, ministries))
        months, ordinals = rng.randrange(36), rng.randrange(10)
        return cls(persons=mapping, months=months, ordinals=ordinals, places=places, amounts=random.Random(rng.random()))

    def apply(self, text: str) -> str:
        names = self.persons | self.places  # one pass: a replacement is never replaced again
        text = _alternation(names).sub(lambda m: names[m.group(0)], text)
        if self.months:
            text = _DATE_RE.sub(self._shift_date, text)
            if self.months >= 12:
                text = _YEAR_RE.sub(lambda m: f"{int(m.group('y')) + self.months // 12}年", text)
        if self.ordinals:
            text = _ORDINAL_RE.sub(self._shift_ordinal, text)
        if self.amounts is not None:
            new: dict[str, str] = {}

            def amount(m: re.Match[str]) -> str:
                n = m.group("n")
                if n not in new:
                    value = int(n)
                    new[n] = str(max(1, value + self.amounts.randint(-max(1, value // 10), max(1, value // 10))))
                return new[n]

            text = _AMOUNT_RE.sub(amount, text)
        return text

    def _shift_date(self, m: re.Match[str]) -> str:
        month = int(m.group("m"))
        if not 1 <= month <= 12:
            return m.group(0)
        carry, new_month = divmod(month - 1 + self.months, 12)
        new_month += 1
        year = int(m.group("y")) + carry if m.group("y") else None
        out = f"{year}年" if year is not None else ""
        out += f"{new_month:02d}月" if len(m.group("m")) == 2 else f"{new_month}月"
        if m.group("d"):
            day = min(int(m.group("d")), _days_in(year or SAMPLE_YEAR, new_month))
            out += (f"{day:02d}" if len(m.group("d")) == 2 else str(day)) + "日"
        return out

    def _shift_ordinal(self, m: re.Match[str]) -> str:
        n = cn_to_int(m.group("n"))
        if n + self.ordinals > 99:
            return m.group(0)
        return int_to_cn(n + self.ordinals) + m.group("tail")


def _swap_sentences(text: str, rng: random.Random) -> str | None:
    """The article's text with two adjacent sentences of one paragraph swapped (never its first: a
    dateline or a list mark stays where it is), or else two adjacent body paragraphs (neither the
    headline, the dateline paragraph nor the last one); None: nothing to swap."""
    paragraphs = text.split("\n")
    candidates: list[tuple[int, list[str] | None]] = []
    for i, paragraph in enumerate(paragraphs[1:], 1):  # not the headline
        sentences = _SENTENCE_RE.findall(paragraph)
        if len(sentences) >= 3 and "".join(sentences) == paragraph:  # the opening sentence (dateline) stays
            candidates.append((i, sentences))
    if not candidates:  # one sentence per paragraph: swap two whole body paragraphs
        body = [i for i in range(2, len(paragraphs) - 2)
                if all(_SENTENCE_RE.fullmatch(p) and len(p) >= 20 for p in paragraphs[i : i + 2])]
        if not body:
            return None
        i = rng.choice(body)
        paragraphs[i], paragraphs[i + 1] = paragraphs[i + 1], paragraphs[i]
        return "\n".join(paragraphs)
    i, sentences = rng.choice(candidates)
    j = rng.randrange(1, len(sentences) - 1)
    sentences[j], sentences[j + 1] = sentences[j + 1], sentences[j]
    paragraphs[i] = "".join(sentences)
    return "\n".join(paragraphs)


# ---------------------------------------------------------------------------------------------
# The corpus
# ---------------------------------------------------------------------------------------------


@dataclass
class SyntheticCorpus:
    """What :func:`generate` wrote: the files, their article and character counts."""

    out_dir: Path
    files: list[Path] = field(default_factory=list)
    articles: int = 0
    characters: int = 0  # of the articles' normalised text (what the pipeline reads)
    swapped: int = 0  # articles that needed a sentence swap to differ from every other
    duplicates: int = 0  # articles still equal to another one (no sentence pair to swap)


def generate(
    out_dir: Path | str,
    factor: int,
    *,
    sources: list[Path | str] | None = None,
    seed: int = 0,
    default_year: int | None = SAMPLE_YEAR,
    pool_size: int | None = None,
) -> SyntheticCorpus:
    """Write ``factor`` copies of every source file (copy 0: the file itself) into ``out_dir``.

    Files are named ``{copy:03d}-{original name}``. Raises ValueError when a generated file does
    not cut into as many articles as its original (kg.ingest, with ``default_year``).
    """
    from kg.ingest import expand_paths, normalize, read_text, split_articles

    if factor < 1:
        raise ValueError("factor must be at least 1")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    corpus = SyntheticCorpus(out_dir=out)
    persons = replaceable_persons()
    originals = [Path(p) for p in expand_paths(sources or [SAMPLE_CORPUS])]
    texts = {path: normalize(read_text(path)) for path in originals}
    known = {n for group in persons for n in group} | KEEP_PERSONS
    family = surnames()
    reporters = {path: [g for g in journalists(text, family) if g[0] not in known] for path, text in texts.items()}
    avoid = known | {g[0] for groups in reporters.values() for g in groups}
    most = len(persons) + max((len(g) for g in reporters.values()), default=0)
    pool = name_pool(max(pool_size or max(60, 3 * most, 4 * factor), most + 50), seed, avoid)
    pool = [n for n in pool if not any(n in t for t in texts.values())]
    seen: set[str] = set()
    for copy in range(factor):
        for path in originals:
            target = out / f"{copy:03d}-{path.name}"
            expected = split_articles(texts[path], str(target), default_year=default_year)
            if copy == 0:
                shutil.copyfile(path, target)
                articles = expected
            else:
                rng = random.Random(f"{seed}:{path.name}:{copy}")
                text = Variation.draw(rng, persons + reporters[path], pool).apply(texts[path])
                text, articles = _make_unique(text, str(target), default_year, seen, rng, corpus)
                if len(articles) != len(expected):
                    raise ValueError(f"{target}: {len(articles)} articles, its original {path} has {len(expected)}")
                target.write_text(text.replace("\n", "\n\n") + "\n", encoding="utf-8")
            seen.update(a.doc_id for a in articles)
            corpus.files.append(target)
            corpus.articles += len(articles)
            corpus.characters += sum(len(a.text) for a in articles)
    return corpus


def _make_unique(text: str, source: str, default_year: int | None, seen: set[str], rng: random.Random,
                 corpus: SyntheticCorpus):
    """Swap sentences inside the articles that equal an article already generated; a swap that
    changes how the file cuts into articles is undone and another one drawn."""
    from kg.ingest import split_articles

    articles = split_articles(text, source, default_year=default_year)
    count = len(articles)
    k = 0
    while k < len(articles):
        article = articles[k]
        taken = seen | {b.doc_id for b in articles[:k]}
        current = article.text  # swaps compound: each attempt swaps the previous attempt's text again
        for _ in range(20):
            if article.doc_id not in taken:
                break
            swapped = _swap_sentences(current, rng)
            at = text.find(article.text)
            if swapped is None or at < 0:
                break
            current = swapped
            candidate = text[:at] + swapped + text[at + len(article.text):]
            recut = split_articles(candidate, source, default_year=default_year)
            if len(recut) == count and recut[k].doc_id not in taken:
                text, articles, article = candidate, recut, recut[k]
                corpus.swapped += 1
        if article.doc_id in taken:
            corpus.duplicates += 1
        k += 1
    return text, articles


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Write a synthetic ×N corpus made from a corpus (default: the sample).")
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("sources", nargs="*", type=Path, help="source files or folders (default: the shipped sample)")
    ap.add_argument("--factor", type=int, default=10)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--year", type=int, default=SAMPLE_YEAR, help="year of datelines without one (as kg --year)")
    args = ap.parse_args(argv)
    corpus = generate(args.out_dir, args.factor, sources=args.sources or None, seed=args.seed, default_year=args.year)
    print(f"{len(corpus.files)} files, {corpus.articles} articles, {corpus.characters} characters in {corpus.out_dir}"
          f" ({corpus.swapped} sentence swaps, {corpus.duplicates} duplicate articles)")


if __name__ == "__main__":
    main()
