"""Train the statistical NER shipped in ``kg/data/ner_model`` (used by ``zhkg_statistical_ner``).

    python -m kg.train_ner [--out kg/data/ner_model] [--seed 0]

Training data are silver: the rule pipeline's ``doc.ents`` (PERSON, ORG, EVENT, POLICY, PLACE; not
FIGURE) on the sample corpus, less the held-out articles, cut into sentences (the unit the
component runs on). A random 15% of the distinct sentences is the dev split; every training
sentence with entities is also copied a few times with its names swapped (random person names from
kg/data/surnames.txt + given-name characters, other gazetteer bodies, places, policies, other
events), so that the model learns the contexts rather than the gazetteer. The model is a char-level
tok2vec + ``ner`` described by ``pipelines/ner.cfg``; the same seed gives the same model.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin
from spacy.training import Example
from spacy.training.initialize import init_nlp
from spacy.training.loop import train as train_loop
from spacy.util import fix_random_seed, load_config

from kg.config import PIPELINES_DIR, SAMPLE_CORPUS
from kg.gazetteer import load_gazetteer
from kg.ingest import iter_articles
from kg.nlp import load_pipeline
from kg.nlp.entities import SURNAMES_FILE
from kg.nlp.statistical import LABELS, MODEL_DIR, sentence_bounds

CONFIG = PIPELINES_DIR / "ner.cfg"
# Never trained on nor looked at: the articles the extraction is judged on.
HELD_OUT = frozenset(
    {
        "004_e14114da0821eb09.txt#5",
        "004_e14114da0821eb09.txt#6",
        "004_e14114da0821eb09.txt#7",
        "000_6f195bff2fcc0277.txt#2",
        "000_6f195bff2fcc0277.txt#5",
        "003_afdc77d306222ce5.txt#2",
    }
)
MODEL_META = {
    "name": "zhkg_ner",
    "version": "0.1.0",
    "description": "Char-level NER (PERSON, ORG, EVENT, POLICY, PLACE) for zhkg_statistical_ner; "
    "built by `python -m kg.train_ner` from the rules' silver labels",
    "license": "Apache-2.0",
}
DEV_SHARE = 0.15
COPIES = 4  # augmented copies of each training sentence with entities
SWAP_P = {"PERSON": 0.9, "ORG": 0.6, "PLACE": 0.6, "EVENT": 0.5, "POLICY": 0.5}
TITLE_SWAP_P = 0.4
# names that live inside set phrases (中国特色社会主义, 以…为核心的党中央): never swapped
NO_SWAP = frozenset({"中国", "我国", "中华", "党中央", "中共中央", "中共", "全党", "中华民族", "中华人民共和国"})

GIVEN_CHARS = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红梅鑫波斌宇浩凯健俊帆帅旭宁龙林欣"
    "佳琳颖晨辉鹏飞峰亮建国新春海文东志永忠祥荣兴胜利庆宏清云彬立振德成安群泽昌晓晶慧雪倩婷"
    "雯蕾琪璐瑶瑞琦博康锋毅松柏正卫民力诚元平光天思远嘉怡子宏铭睿哲轩"
    "家一中小金长万方世福贵仁义礼信和顺发达学友青春秋冬雨泉源山石宝昆仑继承延辉耀"
)
# syllables of Uyghur/Tibetan/Mongolian names as transliterated (x·y)
TRANSLIT_CHARS = "阿布都热依木买提尼古丽扎克尔艾力库班吐逊帕夏沙吾拉江巴特格桑顿珠次仁达瓦旺堆洛吉卓玛"
LOCAL_BODY_SUFFIXES = (
    "人民政府",
    "人大常委会",
    "政协",
    "委员会",
    "发展和改革委员会",
    "公安厅",
    "教育厅",
    "财政厅",
    "人民检察院",
    "高级人民法院",
    "中级人民法院",
    "纪委监委",
    "委",
    "商务厅",
    "生态环境厅",
    "卫生健康委员会",
    "统计局",
    "科学技术厅",
    "市场监督管理局",
    "应急管理厅",
    "自然资源厅",
    "农业农村厅",
    "交通运输厅",
    "总工会",
    "团委",
)
EVENT_TOPICS = (
    "世界互联网",
    "数字中国建设",
    "中国国际进口",
    "全球发展",
    "中国—东盟",
    "一带一路",
    "乡村振兴",
    "科技创新",
    "生态文明",
    "民营经济",
    "网络安全",
    "人工智能",
    "知识产权",
    "对外开放",
    "全民健身",
    "法治建设",
    "金融工作",
    "安全生产",
    "防汛抗旱",
)
EVENT_SUFFIXES = ("论坛", "博览会", "大会", "峰会", "座谈会", "工作会议", "新闻发布会", "研讨会", "交流会", "推进会")


@dataclass
class Sentence:
    text: str
    ents: list[tuple[int, int, str]]  # (start, end, label), offsets in text
    source: str
    titles: list[tuple[int, int]] = field(default_factory=list)  # office titles (swapped too, never labelled)


# -- silver data ---------------------------------------------------------------------------------
def _rule_entities(nlp: Language) -> Callable[[str], Doc]:
    """The pipeline up to its entity rules (never the statistical NER itself)."""

    def run(text: str) -> Doc:
        doc = nlp.make_doc(text)
        for name, proc in nlp.pipeline:
            doc = proc(doc)
            if nlp.get_pipe_meta(name).factory == "zhkg_entity_rules":
                break
        return doc

    return run


def silver_sentences(corpus: Path = SAMPLE_CORPUS) -> list[Sentence]:
    """Distinct sentences of the non-held-out articles with the rules' entities, in corpus order."""
    rules = _rule_entities(load_pipeline())
    seen: set[str] = set()
    out: list[Sentence] = []
    for article in iter_articles([corpus], default_year=2024):
        if article.source.rsplit("/", 1)[-1] in HELD_OUT:
            continue
        doc = rules(article.text)
        ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
        titles = [(t.start_char, t.end_char) for t in doc.spans["titles"]]
        for start, end in sentence_bounds(doc.text, [(s, e) for s, e, _ in ents]):
            text = doc.text[start:end]
            if text in seen or len(text) < 4:
                continue
            seen.add(text)
            inside = [(s - start, e - start, lab) for s, e, lab in ents if start <= s and e <= end and lab in LABELS]
            heads = [(s - start, e - start) for s, e in titles if start <= s and e <= end]
            out.append(Sentence(text, inside, article.source, heads))
    return out


# -- augmentation --------------------------------------------------------------------------------
class Swapper:
    """Replacement names: random persons, other gazetteer entries and seen names of the same type."""

    def __init__(self, train: list[Sentence], rng: random.Random):
        self.rng = rng
        gaz = load_gazetteer()
        surfaces: dict[str, list[str]] = {label: [] for label in LABELS}
        type_label = {"Organization": "ORG", "Place": "PLACE", "Policy": "POLICY", "Person": "PERSON"}
        for entry in gaz.entries:
            for form in (entry.name, *entry.aliases):
                if len(form) >= 2:
                    surfaces[type_label[entry.type]].append(form)
        for sent in train:  # the training split's own events and policies (never the dev split's)
            for s, e, label in sent.ents:
                if label in ("EVENT", "POLICY", "ORG") and e - s >= 3:
                    surfaces[label].append(sent.text[s:e])
        self.pool = {label: sorted(set(forms)) for label, forms in surfaces.items()}
        surnames = _surname_order()
        self.double_surnames = [s for s in surnames if len(s) > 1]
        self.surnames = [s for s in surnames if len(s) == 1]
        regions = [e.name for e in gaz.entries if e.type == "Place" and e.properties.get("kind") in ("province", "city")]
        self.regions = sorted(set(regions))
        self.place_chars = sorted({c for p in self.pool["PLACE"] for c in p if "\u4e00" <= c <= "\u9fff"})
        # given names use any character now and then, so that a name is told by its context
        self.any_chars = sorted({c for sent in train for c in sent.text if "\u4e00" <= c <= "\u9fff"})
        self.titles = sorted(t for t in gaz.titles if len(t) >= 2)

    def person(self) -> str:
        rng = self.rng
        if rng.random() < 0.04:
            return "·".join("".join(rng.choices(TRANSLIT_CHARS, k=rng.randint(2, 4))) for _ in range(2))
        if rng.random() < 0.05:
            surname = rng.choice(self.double_surnames)
        else:  # common surnames more often
            surname = self.surnames[min(int(rng.expovariate(1 / 60)), len(self.surnames) - 1)]
        given = (
            rng.choice(GIVEN_CHARS if rng.random() < 0.6 else self.any_chars) for _ in range(1 if rng.random() < 0.25 else 2)
        )
        return surname + "".join(given)

    def other(self, label: str, current: str) -> str:
        rng = self.rng
        if label == "PERSON":
            return self.person()
        if label == "ORG" and rng.random() < 0.35:
            return rng.choice(self.regions) + rng.choice(LOCAL_BODY_SUFFIXES)
        if label == "PLACE" and rng.random() < 0.2:
            return "".join(rng.choices(self.place_chars, k=2)) + rng.choice("县市区镇村")
        if label == "EVENT" and rng.random() < 0.5:
            year = f"{rng.randint(2015, 2030)}年" if rng.random() < 0.3 else ""
            return year + rng.choice(EVENT_TOPICS) + rng.choice(EVENT_SUFFIXES)
        pool = self.pool[label]
        choice = rng.choice(pool) if pool else current
        return choice

    def augment(self, sent: Sentence, always: bool = False) -> Sentence:
        """A copy with names (and office titles) swapped; ``always``: every name that may be."""
        text, ents, pos, out = sent.text, [], 0, []
        person_edges = {x for s, e, label in sent.ents if label == "PERSON" for x in (s, e)}
        titles = [(s, e, "") for s, e in sent.titles if s in person_edges or e in person_edges]  # 部长张三 / 张三委员
        for s, e, label in sorted([*sent.ents, *titles]):
            if s < pos:
                continue
            surface = text[s:e]
            if not label:  # a title: 部长 → 副主任
                if self.rng.random() < TITLE_SWAP_P:
                    surface = self.rng.choice(self.titles)
            elif (always or self.rng.random() < SWAP_P[label]) and (
                label == "PERSON" or (len(surface) > 2 and surface not in NO_SWAP)
            ):
                surface = self.other(label, surface)
            out.append(text[pos:s])
            start = sum(map(len, out))
            out.append(surface)
            if label:
                ents.append((start, start + len(surface), label))
            pos = e
        out.append(text[pos:])
        return Sentence("".join(out), ents, sent.source)


def _surname_order() -> list[str]:
    """Surnames in the file's order (roughly by frequency)."""
    lines = SURNAMES_FILE.read_text(encoding="utf-8").splitlines()
    return [w for line in lines if not line.startswith("#") for w in line.split()]


def split(sentences: list[Sentence], seed: int) -> tuple[list[Sentence], list[Sentence]]:
    rng = random.Random(seed)
    order = list(range(len(sentences)))
    rng.shuffle(order)
    n_dev = round(len(sentences) * DEV_SHARE)
    dev = sorted(order[:n_dev])
    train = sorted(order[n_dev:])
    return [sentences[i] for i in train], [sentences[i] for i in dev]


def augmented(train: list[Sentence], seed: int, copies: int = COPIES) -> list[Sentence]:
    rng = random.Random(seed + 1)
    swapper = Swapper(train, rng)
    out = list(train)
    for sent in train:
        if sent.ents:
            out += [swapper.augment(sent) for _ in range(copies)]
    rng.shuffle(out)
    return out


def to_docs(nlp: Language, sentences: list[Sentence]) -> list[Doc]:
    docs = []
    for sent in sentences:
        doc = nlp.make_doc(sent.text)
        spans = [doc.char_span(s, e, label=label) for s, e, label in sent.ents]
        doc.ents = [span for span in spans if span is not None]
        docs.append(doc)
    return docs


# -- training ------------------------------------------------------------------------------------
def train(
    out: Path = MODEL_DIR,
    seed: int = 0,
    *,
    max_steps: int | None = None,
    limit: int | None = None,
    config_path: Path = CONFIG,
    log=sys.stdout,
) -> dict:
    """Build the data, train, write the model to ``out``; returns the dev scores."""
    started = time.perf_counter()
    fix_random_seed(seed)
    sentences = silver_sentences()
    if limit:
        sentences = sentences[:limit]
    train_sents, dev_sents = split(sentences, seed)
    train_aug = augmented(train_sents, seed)
    blank = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})
    n_ents = sum(len(s.ents) for s in train_aug)
    print(
        f"sentences: {len(sentences)} ({len(train_sents)} train, {len(dev_sents)} dev); "
        f"{len(train_aug)} training sentences with augmentation, {n_ents} entities",
        file=log,
    )
    overrides: dict = {"training.seed": seed, "system.seed": seed}
    if max_steps is not None:
        overrides.update({"training.max_steps": max_steps, "training.eval_frequency": max(1, max_steps)})
    with tempfile.TemporaryDirectory(prefix="zhkg-ner-") as tmp:
        for name, docs in (("train", to_docs(blank, train_aug)), ("dev", to_docs(blank, dev_sents or train_sents[:1]))):
            DocBin(docs=docs, store_user_data=False).to_disk(Path(tmp) / f"{name}.spacy")
            overrides[f"paths.{name}"] = str(Path(tmp) / f"{name}.spacy")
        config = load_config(config_path, overrides=overrides, interpolate=False)
        # the loop saves the averaged weights (model-last); the object it returns has the raw ones
        (Path(tmp) / "output").mkdir()
        _, saved = train_loop(init_nlp(config), Path(tmp) / "output", stdout=log, stderr=log)
        nlp = spacy.load(saved)
        scores = _evaluate(nlp, dev_sents)
        # the same dev sentences with every person, body, place… swapped: names the model never saw
        swapper = Swapper(train_sents, random.Random(seed + 2))
        swapped = _evaluate(nlp, [swapper.augment(s, always=True) for s in dev_sents])
        # the shipped config names no temporary paths
        config = nlp.config.copy()
        config["paths"].update({"train": None, "dev": None})
        nlp.meta.update(MODEL_META)
        if out.exists():
            shutil.rmtree(out)
        nlp.to_disk(out)
        config.to_disk(out / "config.cfg")
    size = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
    print(f"trained in {time.perf_counter() - started:.0f} s; model {out} is {size / 1e6:.2f} MB", file=log)
    print("dev:", file=log)
    _print_scores(scores, log)
    print("dev with the names swapped for unseen ones:", file=log)
    _print_scores(swapped, log)
    return scores


def _evaluate(nlp: Language, sentences: list[Sentence]) -> dict:
    examples = [Example(nlp.make_doc(d.text), d) for d in to_docs(nlp, sentences)]
    return nlp.evaluate(examples) if examples else {}


def _print_scores(scores: dict, log) -> None:
    if not scores:
        return
    print(f"  all     P {scores['ents_p']:.3f}  R {scores['ents_r']:.3f}  F {scores['ents_f']:.3f}", file=log)
    for label, s in sorted((scores.get("ents_per_type") or {}).items()):
        print(f"  {label:<7} P {s['p']:.3f}  R {s['r']:.3f}  F {s['f']:.3f}", file=log)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m kg.train_ner", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=MODEL_DIR, help="where to write the model (default: the package's)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-steps", type=int, default=None, help="override training.max_steps (smoke runs)")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N sentences (smoke runs)")
    args = parser.parse_args(argv)
    train(args.out, args.seed, max_steps=args.max_steps, limit=args.limit)


if __name__ == "__main__":
    main()
