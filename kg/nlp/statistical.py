"""``zhkg_statistical_ner``: a small trained spaCy NER that adds what the rules do not know.

The model (``kg/data/ner_model``, built by ``python -m kg.train_ner``) is a char-level tok2vec +
``ner`` trained on the rules' own output with names swapped for random ones, so it learns the
contexts that announce a person, a body, an event, a policy or a place rather than the gazetteer.
It runs on each sentence of the text; its spans are *added* to ``doc.ents`` only where no span
already is (the rules stay authoritative), after sanity filters (:func:`clean_span`). The spans it
added are also kept in ``doc.spans["statistical"]`` so that later stages can trust them less.

Place it after ``zhkg_entity_rules`` and before ``zhkg_relation_rules``. The model is loaded once
per directory, from the package (no download), on the first document.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch

from kg.config import DATA_DIR
from kg.nlp.entities import EVENT_SUFFIX, GENERIC_EVENTS, NAME_END_RE, POLICY_TITLE_RE, in_set_phrase, load_surnames, name_tail, policy_name
from kg.nlp.tokenizer import char_doc

MODEL_DIR = DATA_DIR / "ner_model"
LABELS = ("PERSON", "ORG", "EVENT", "POLICY", "PLACE")
SPAN_KEY = "statistical"

# -- sentences: the unit the model is trained and run on -----------------------------------------
SENT_END = "。！？；!?"
CLOSERS = "”’」』）)】"
SOFT_BREAK = "，、：,:"
MAX_SENTENCE = 150  # longer sentences are cut after a comma (the model sees a few chars of context)


def sentence_bounds(text: str, protected: Iterable[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """(start, end) of the sentences of ``text``, without surrounding whitespace.

    Cuts at line breaks and after 。！？； (with any closing quotes), and cuts sentences longer than
    MAX_SENTENCE after a comma; never inside a ``protected`` (start, end) span.
    """
    blocked = bytearray(len(text) + 1)  # blocked[i]: no cut between text[i-1] and text[i]
    for start, end in protected:
        blocked[start + 1 : end] = b"\x01" * max(0, end - start - 1)
    cuts = [0]
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\n" and not blocked[i]:
            cuts.append(i)
        elif ch in SENT_END:
            j = i + 1
            while j < n and text[j] in CLOSERS:
                j += 1
            if not blocked[j]:
                cuts.append(j)
            i = j
            continue
        i += 1
    cuts.append(n)
    bounds: list[tuple[int, int]] = []
    for start, end in itertools.pairwise(cuts):
        for s, e in _cut_long(text, start, end, blocked):
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                bounds.append((s, e))
    return bounds


def _cut_long(text: str, start: int, end: int, blocked: bytearray) -> Iterator[tuple[int, int]]:
    while end - start > MAX_SENTENCE:
        cut = 0
        for k in range(start + MAX_SENTENCE, start + 10, -1):  # the last comma within the limit
            if text[k - 1] in SOFT_BREAK and not blocked[k]:
                cut = k
                break
        if not cut:
            break
        yield start, cut
        start = cut
    yield start, end


# -- sanity filters -------------------------------------------------------------------------------
CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
PERSON_RE = re.compile(r"[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{1,10}(?:·[\u4e00-\u9fff]{1,10})+")
LEADING_RE = re.compile(r"(?:[的和在与及]|召开了?|举行了?|出席|参加|主持|会见|会同|同)+")
EDGE_PUNCT = " \t\u3000，。、；：！？,.;:!?“”‘’「」『』…—-·"
CLAUSE_PUNCT = re.compile(r"[，。；！？,;!?\n]")
MIN_LENGTH = {"ORG": 3, "EVENT": 3, "POLICY": 3}
# what a name of each type ends with (a span the model marks must look like one)
ORG_END_RE = re.compile(
    r"(?:[部委局院厅办署处所司社台报网馆团组室站厂队军党盟行府庭]|(?<!社)会|中心|集团|公司|组织|机构|机关|部门|企业|市场|学校"
    r"|中学|小学|大学|医院|实验室)$"
)
PLACE_END_RE = re.compile(r"[省市县区镇乡村州旗岛山河湖江海港湾国洲路街道堂馆园场城峡岭关口宫寺陵厦]$")
EVENT_END_RE = re.compile(rf"(?:{EVENT_SUFFIX}|[会坛节赛展典礼式]|会晤|会谈|普查|演习|活动|仪式|庆典)$")
END_RE = {"ORG": ORG_END_RE, "PLACE": PLACE_END_RE, "EVENT": EVENT_END_RE}
PAIRS = ("《》", "（）", "()", "“”", "‘’")
REGION_RE = re.compile(r"[东西南北中]{2,3}部|全国|全省|全市")  # parts of the country, or all of it (全国: nationwide)
GENERIC_BODY_RE = re.compile(r"(?:全?国|各级)?(?:人民)?(?:法院|检察院)")  # 全国法院, 人民法院: courts in general
# common words that are no given name (国家, 方面 …): a "name" ending in one is a misread
COMMON_WORDS = frozenset(
    {
        "国家", "方面", "时候", "问题", "工作", "发展", "建设", "社会", "经济", "人民", "政府", "企业", "地区", "部门", "国际", "全国", "世界", "时代", "历史",
        "文化", "科技", "创新", "改革", "安全", "网络", "数字", "产业", "领域", "政策", "制度", "体系", "能力", "水平", "质量", "服务", "市场", "城市", "农村",
        "群众", "干部", "党员", "组织", "系统", "行业", "技术",
        "闭幕", "开幕", "会议", "大会", "主持", "出席", "召开", "举行",  # 在京闭幕: 闭 is a surname too
        "公司", "集团", "银行", "大学", "学院", "医院", "游客",  # 高通公司: a body
    }
)
VERB_IN_NAME_RE = re.compile(r"主持|出席|列席|参加|表示|指出|强调|宣布|介绍|发表|汇报|会见|会谈|陪同|应邀")  # no name holds one


@functools.cache
def _surnames() -> tuple[str, ...]:
    return tuple(load_surnames())


def clean_span(text: str, start: int, end: int, label: str, min_length: int = 2) -> tuple[int, int] | None:
    """The span trimmed of a leading 的/和/在 and edge punctuation, or None if it is no plausible name.

    A person's name is 2–4 Chinese characters starting with a surname (kg/data/surnames.txt), or
    parts joined by ·; organisations, events and policies have at least 3 characters and end as
    such names do (…委, …会议, …法; a policy as in 《》, see POLICY_TITLE_RE); no span runs over a
    comma or a sentence end, has unbalanced brackets or quotes, or is made only of punctuation and
    digits.
    """
    while start < end and text[start] in EDGE_PUNCT:
        start += 1
    if m := LEADING_RE.match(text, start, end):
        start = m.end()
    while end > start and text[end - 1] in EDGE_PUNCT:
        end -= 1
    if text.startswith("《", start) and text.endswith("》", 0, end):
        start, end = start + 1, end - 1
    surface = text[start:end]
    if CLAUSE_PUNCT.search(surface) or any(surface.count(a) != surface.count(b) for a, b in PAIRS):
        return None
    if len(surface) < max(min_length, MIN_LENGTH.get(label, 0)) or not CJK_RE.search(surface):
        return None
    if surface in ("中国", "我国") and in_set_phrase(text, start, end):
        return None  # 中国特色…, 中国式现代化: no mention of the country (as the rules)
    if REGION_RE.fullmatch(surface) or (label == "ORG" and GENERIC_BODY_RE.fullmatch(surface)):
        return None  # 中西部, 东西部: parts of the country, not bodies; 全国法院: no one body
    if label == "PERSON":
        start, end = _person_bounds(text, start, end)
        surface = text[start:end]
        if not PERSON_RE.fullmatch(surface) or ("·" not in surface and not surface.startswith(_surnames())):
            return None
        if surface[1:] in COMMON_WORDS or surface[-2:] in COMMON_WORDS:
            return None  # 任何国家 → 何国家: a surname character before a common word is no name
        if len(surface) >= 3 and surface[-1] in "省市县乡镇":
            return None  # 井冈山市: a place
    elif label == "POLICY":
        bracketed = surface.startswith("《")
        if not POLICY_TITLE_RE.fullmatch(surface.strip("《》")) or (not bracketed and policy_name(surface) != surface):
            return None
    elif label in END_RE and not END_RE[label].search(surface):
        return None
    elif label == "EVENT" and surface in GENERIC_EVENTS:
        return None  # 召开全体会议: no name of its own
    return start, end


def _person_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """A person's name with the model's usual one-character slips mended.

    欧|阳明远 → 欧阳明远 (a compound surname), 人毛宁 → 毛宁 (a name starts with a surname),
    郑栅|洁出席 → 郑栅洁 (a name ends where 出席, 表示, a comma … follow), 康义说， → 康义.
    """
    if "·" in text[start:end]:  # 艾尔肯·吐尼亚孜主持 → 艾尔肯·吐尼亚孜
        cut = next((i for i in range(text.index("·", start, end) + 3, end) if NAME_END_RE.match(text, i)), end)
        return start, cut
    surnames = _surnames()
    if start > 0 and text[start - 1 : start + 1] in _double_surnames() and end - start <= 3:
        start -= 1
    elif not text.startswith(surnames, start) and text.startswith(surnames, start + 1) and end - start >= 3:
        start += 1
    if end < len(text) and not NAME_END_RE.match(text, end):
        longest = 4 if text.startswith(_double_surnames(), start) else 3
        if end - start < longest and CJK_RE.match(text[end]) and NAME_END_RE.match(text, end + 1):
            end += 1
    double = text.startswith(_double_surnames(), start)
    verb = VERB_IN_NAME_RE.search(text, start + 2, end)  # 汪洋宣布, 汪洋发表: the name ends where the verb starts
    if verb is not None:
        return start, verb.start()
    if end - start in (3, 4 + double) and name_tail(text, end) and (text[end - 1] != "说" or NAME_END_RE.match(text, end)):
        end -= 1  # 局长康义说，: the name is 康义; 刘文华说 → 刘文华; 王凯所作的 → 王凯
    return start, end


@functools.cache
def _double_surnames() -> tuple[str, ...]:
    return tuple(s for s in _surnames() if len(s) > 1)


# -- the component --------------------------------------------------------------------------------
@functools.cache
def load_model(model_dir: str) -> Language:
    """The trained pipeline at ``model_dir`` (loaded once per directory, never downloaded)."""
    path = Path(model_dir)
    if not (path / "config.cfg").is_file():
        raise FileNotFoundError(f"no trained NER model in {path}: build it with `python -m kg.train_ner`")
    return spacy.load(path)


class StatisticalNER:
    """Adds the trained model's entities where the rules marked nothing (see the module doc)."""

    def __init__(self, name: str, model_dir: Path, min_length: int, labels: Sequence[str], batch_size: int = 128):
        self.name = name
        self.model_dir = model_dir
        self.min_length = min_length
        self.labels = frozenset(labels)
        self.batch_size = batch_size

    @property
    def model(self) -> Language:
        return load_model(str(self.model_dir))

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 16) -> Iterator[Doc]:
        if not self.labels:  # labels = []: switched off, the model is not even loaded
            for doc in docs:
                doc.spans[SPAN_KEY] = []
                yield doc
            return
        for batch in minibatch(docs, size=batch_size):
            jobs = []
            for doc in batch:
                text = doc.text  # (built anew from the tokens at each access)
                jobs.append((doc, text, sentence_bounds(text, ((e.start_char, e.end_char) for e in doc.ents))))
            vocab = self.model.vocab
            sentences = (char_doc(vocab, text[s:e]) for _, text, bounds in jobs for s, e in bounds)
            predicted = self.model.pipe(sentences, batch_size=self.batch_size)
            for doc, text, bounds in jobs:
                found = []
                for (offset, _), sent in zip(bounds, predicted):
                    found += [(offset + e.start_char, offset + e.end_char, e.label_) for e in sent.ents]
                self._add(doc, text, found)
                yield doc

    def _add(self, doc: Doc, text: str, found: list[tuple[int, int, str]]) -> None:
        taken = bytearray(len(doc))  # tokens of the rules' entities
        for ent in doc.ents:
            taken[ent.start : ent.end] = b"\x01" * len(ent)
        title = bytearray(len(doc))  # tokens of office titles: no part of a name (副部长张三丰 → 张三丰)
        for span in doc.spans.get("titles", ()):
            title[span.start : span.end] = b"\x01" * len(span)
        added: list[Span] = []
        for start, end, label in found:
            if label not in self.labels:
                continue
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            first, last = span.start, span.end
            while first < last and title[first]:
                first += 1
            while last > first and title[last - 1]:
                last -= 1
            if first == last or any(title[first:last]):
                continue
            bounds = clean_span(text, doc[first].idx, doc[last - 1].idx + len(doc[last - 1].text), label, self.min_length)
            span = doc.char_span(*bounds, label=label) if bounds else None
            if span is None or any(taken[span.start : span.end]) or any(title[span.start : span.end]):
                continue
            taken[span.start : span.end] = b"\x01" * len(span)
            added.append(span)
        if added:
            doc.ents = sorted([*doc.ents, *added], key=lambda s: s.start)
        doc.spans[SPAN_KEY] = sorted(added, key=lambda s: s.start)


@Language.factory(
    "zhkg_statistical_ner",
    default_config={"model_dir": None, "min_length": 2, "labels": list(LABELS)},
)
def make_statistical_ner(nlp: Language, name: str, model_dir: str | None, min_length: int, labels: list[str]) -> StatisticalNER:
    """``model_dir``: null for the model shipped in the package (kg/data/ner_model)."""
    return StatisticalNER(name, Path(model_dir) if model_dir else MODEL_DIR, min_length, labels)
