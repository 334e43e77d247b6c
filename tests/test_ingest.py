"""Ingest stage on the real sample corpus (five PDF-to-text dumps) and on broken input files."""

from __future__ import annotations

import re
import shutil
import time
import types
from pathlib import Path

import pytest

from kg.config import SAMPLE_CORPUS
from kg.errors import InputError
from kg.ingest import (
    cn_number,
    dates_in,
    iter_articles,
    normalize,
    read_text,
    resolve_date,
    resolve_relative_day,
    split_articles,
)

FILES = sorted(SAMPLE_CORPUS.glob("*.txt"))


def _file(prefix: str) -> Path:
    (path,) = [f for f in FILES if f.name.startswith(prefix)]
    return path


@pytest.fixture(scope="module")
def normalized() -> dict[str, str]:
    return {f.name[:3]: normalize(read_text(f)) for f in FILES}


@pytest.fixture(scope="module")
def articles() -> dict[str, list]:
    return {f.name[:3]: list(iter_articles([f])) for f in FILES}


def _by_title(arts: list, title: str):
    (found,) = [a for a in arts if a.title == title]
    return found


# --- the corpus: what counts as an article ---------------------------------------------------


def test_corpus_has_five_files():
    assert [f.name[:3] for f in FILES] == ["000", "001", "002", "003", "004"]


def test_article_count_per_file(articles):
    assert {k: len(v) for k, v in articles.items()} == {"000": 7, "001": 2, "002": 3, "003": 5, "004": 12}


def test_titles_file_000(articles):
    assert [a.title for a in articles["000"]] == [
        "十四届全国人大常委会第八次会议在京举行",
        "从网络大国向网络强国奋勇迈进",
        "“打假治敲”专项行动暨传媒监管会议召开",
        "中国航天今年实施100次左右发射任务",
        "应急管理部全面彻底排查整治消防安全风险隐患",
        "全国碳排放权交易市场表现平稳向好",
        "肯下真功夫，才有硬实力",
    ]


def test_titles_file_001(articles):
    assert [a.title for a in articles["001"]] == [
        "中央政治局委员书记处书记全国人大常委会国务院全国政协党组成员最高人民法院最高人民检察院党组书记"
        "向党中央和习近平总书记述职",
        "从网络大国向网络强国奋勇迈进",
    ]


def test_titles_files_002_003(articles):
    assert [a.title for a in articles["002"]] == [
        "中华人民共和国保守国家秘密法",
        "习近平：在党的二十届三中全会第二次全体会议上的讲话",  # headline broken over two lines
        "建设网络强国助力民族复兴",  # "——以习近平同志为核心的党中央引领网信事业发展述评" stays in the text
    ]
    assert [a.title for a in articles["003"]] == [
        "阔步迈向网络强国",
        "一线行走",  # ■ column label
        "全国检察机关去年开展巡回检察3900余次发现问题和线索6万余个",
        "山西清徐县推动非公企业党建走深走实",
        "乡村新貌",  # photo with its title, cut off the article above it
    ]


def test_titles_file_004_skip_cover_and_toc(articles):
    titles = [a.title for a in articles["004"]]
    assert titles[:4] == ["全国政协十四届二次会议在京开幕", "十四届全国人大二次会议在京开幕", "政府工作报告",
                          "习近平在参加江苏代表团审议时强调因地制宜发展新质生产力"]
    assert titles[6:8] == ["全国政协十四届二次会议闭幕", "十四届全国人大二次会议在京闭幕"]
    assert titles[8:] == ["为高质量发展提供强劲推动力（评论员观察）", "发展新质生产力的核心要素（评论员观察）",
                          "新质生产力本身就是绿色生产力（评论员观察）", "形成新型生产关系（评论员观察）"]
    assert not any("理论学习" in a.text or "目录" == a.title for a in articles["004"])
    # the kicker "…时强调" is glued to the headline it introduces
    assert titles[4].startswith("习近平在看望参加政协会议的民革科技界环境资源界委员时强调积极建言资政")


def test_article_text_starts_with_its_headline_block(articles):
    for arts in articles.values():
        for a in arts:
            assert a.title and a.title in a.text.split("\n")[0]
            assert "\n\n" not in a.text and a.text == a.text.strip()


def test_sub_headlines_stay_in_the_text(articles):
    a = articles["000"][0]
    assert a.text.split("\n")[:4] == [
        "十四届全国人大常委会第八次会议在京举行", "审议全国人大常委会工作报告稿", "为召开十四届全国人大二次会议作准备",
        a.text.split("\n")[3],
    ]
    assert a.text.split("\n")[3].startswith("新华社北京2月26日电十四届全国人大常委会第八次会议26日上午")
    report = _by_title(articles["004"], "政府工作报告")
    assert report.text.split("\n")[1] == "——二〇二四年三月五日在第十四届全国人民代表大会第二次会议上"


def test_commentary_and_photo_are_cut_from_the_dateline_article_above(articles):
    carbon = _by_title(articles["000"], "全国碳排放权交易市场表现平稳向好")
    assert "肯下真功夫" not in carbon.text and carbon.text.endswith("推动落实国家“双碳”目标。")
    comment = _by_title(articles["000"], "肯下真功夫，才有硬实力")
    assert comment.dateline == "新华社南京2月26日电"  # its ending dateline
    assert comment.text.endswith("新华社记者（新华社南京2月26日电）")
    assert "乡村新貌" not in _by_title(articles["003"], "山西清徐县推动非公企业党建走深走实").text


def test_back_matter_is_not_an_article(articles):
    last = articles["002"][-1]
    assert last.text.endswith("在强国建设、民族复兴新征程上书写更加精彩的篇章。")
    assert not any("2024年8月10日印" in a.text for a in articles["002"])


# --- dates -------------------------------------------------------------------------------------


def test_dates_file_004_prefer_the_compilation_year(articles):
    assert [a.date for a in articles["004"]] == [
        "2024-03-04", "2024-03-05", "2024-03-05", "2024-03-05", "2024-03-06", "2024-03-07",
        "2024-03-10", "2024-03-11", "2024-03-12", "2024-03-13", "2024-03-14", "2024-03-15",
    ]
    visit = articles["004"][4]
    assert "《人民日报》（2023年03月07日第01版）" in visit.text  # the footer's wrong year is kept as is …
    assert visit.date == "2024-03-06"  # … but the cover's 2024 dates the article


def test_specific_dates(articles):
    assert _by_title(articles["004"], "十四届全国人大二次会议在京开幕").date == "2024-03-05"
    assert _by_title(articles["004"], "政府工作报告").date == "2024-03-05"  # from 二〇二四年三月五日
    law, speech, review = articles["002"]
    assert law.date == "2024-02-27"  # the latest date of the adoption history
    assert speech.date == "2024-07-18"  # （2024年7月18日） under the title
    assert review.date is None


def test_dates_without_year_evidence_use_default_year(articles):
    npc = articles["000"][0]
    assert npc.dateline == "新华社北京2月26日电"
    assert npc.date is None  # no footer, no cover: the year is not invented
    dated = list(iter_articles([_file("000")], default_year=2024))
    assert _by_title(dated, "十四届全国人大常委会第八次会议在京举行").date == "2024-02-26"
    assert [a.date for a in dated] == ["2024-02-26", None] + ["2024-02-26"] * 5
    assert [a.date for a in list(iter_articles([_file("001")], default_year=2024))] == ["2024-02-26"] * 2
    assert [a.date for a in articles["003"]] == [None, None, None, None, None]


def test_datelines(articles):
    assert [a.dateline for a in articles["003"]] == [None, None, "本报北京2月26日电", "本报太原2月26日电", None]
    assert articles["001"][1].dateline == "新华社北京2月26日电"  # "（新华社北京2月26日电）" at its end
    assert articles["004"][5].dateline == "新华社北京3月7日电"


def test_resolve_date_rules():
    assert resolve_date("新华社北京2月26日电") is None
    assert resolve_date("新华社北京2月26日电", default_year=2023) == "2023-02-26"
    assert resolve_date("新华社北京2024年2月26日电", default_year=2023) == "2024-02-26"
    assert resolve_date("本报北京3月6日电", footer="2023-03-07") == "2023-03-06"
    assert resolve_date("本报北京3月6日电", footer="2023-03-07", reference="2024-03-18") == "2024-03-06"
    assert resolve_date("新华社北京12月30日电", reference="2024-01-05") == "2023-12-30"
    assert resolve_date("新华社北京3月6日电", reference="2024") == "2024-03-06"
    assert resolve_date(None, head="政府工作报告\n——二〇二四年三月五日在第十四届全国人民代表大会") == "2024-03-05"
    assert resolve_date(None, footer="2023-03-12", reference="2024-03-18") == "2024-03-12"
    assert resolve_date(None) is None


def test_resolve_relative_day():
    assert resolve_relative_day("26日上午", "2024-02-26") == "2024-02-26"
    assert resolve_relative_day("5日", "2024-03-04") == "2024-03-05"  # later day: same month
    assert resolve_relative_day("28日", "2024-03-02") == "2024-02-28"  # far later: the month before
    assert resolve_relative_day("31日", "2024-02-20") == "2024-01-31"  # no 2月31日
    assert resolve_relative_day("28日", "2024-01-02") == "2023-12-28"  # year rollover
    assert resolve_relative_day("二十六日", "2024-02-26") == "2024-02-26"
    assert resolve_relative_day("26日", None) is None
    assert resolve_relative_day("3月5日", "2024-03-09") == "2024-03-05"
    assert resolve_relative_day("上午", "2024-02-26") is None
    assert resolve_relative_day("5日", None) is None


def test_chinese_numerals_and_written_dates():
    assert [cn_number(x) for x in ("二〇二四", "十", "十二", "二十六", "三十一", "5")] == [2024, 10, 12, 26, 31, 5]
    history = "（1988年9月5日…通过2010年4月29日…第一次修订2024年2月27日…第二次修订）"
    assert dates_in(history) == ["1988-09-05", "2010-04-29", "2024-02-27"]
    assert dates_in("二〇二四年三月五日") == ["2024-03-05"]


# --- normalize ----------------------------------------------------------------------------------


def test_sentence_broken_by_a_page_is_joined(normalized, articles):
    assert "完善涉密人员离岗离职管理措施等。" in normalized["000"]
    assert "完善涉密人员离岗离职管理措施等。" in articles["000"][0].text
    assert "互联网普及率达76.4%" in normalized["000"]
    assert "习近平认真审阅了述职报告并提出重要要求" in normalized["001"]
    assert "网络安全的基础更加坚实。" in normalized["001"] and "\n安全的基础" not in normalized["001"]


def test_hard_wrapped_law_text_is_rejoined(normalized):
    text = normalized["002"]
    assert "第一条为了保守国家秘密，维护国家安全和利益，保障改革开放和社会主义现代化建设事业的顺利进行，" \
           "根据宪法，制定本法。\n" in text
    assert "\n第二章国家秘密的范围和密级\n" in text  # a heading stays a paragraph of its own
    assert "就坚持和落实“两个毫不动摇”" in text  # joined across the page number "25"


def test_headlines_are_not_glued_to_a_truncated_paragraph(normalized):
    lines = normalized["000"].split("\n")
    assert lines[lines.index("“打假治敲”专项行动暨传媒监管会议召开") - 1].endswith("用得好是真本")
    assert "亿万人民共享互联网发展成果" in lines and "筑牢网络安全屏障" in lines


def test_page_numbers_are_gone(normalized):
    for text in normalized.values():
        assert not any(re.fullmatch(r"\d{1,4}", line) for line in text.split("\n"))
    assert "具有重大指导意义。坚持党的全面领导" in normalized["002"]


def test_table_of_contents_is_gone(normalized):
    for text in normalized.values():
        assert "····" not in text and "目录" not in text.split("\n")
    assert "人民日报文章" not in normalized["004"]
    assert "※中华人民共和国保守国家秘密法" not in normalized["002"]
    assert normalized["004"].split("\n")[:5] == ["理论学习", "2024年第1期", "桂林电子科技大学党委宣传部", "2024年3月18日",
                                                 "全国政协十四届二次会议在京开幕"]


def test_paragraphs_separated_by_one_newline(normalized):
    for text in normalized.values():
        assert "\n\n" not in text and "\t" not in text
        assert all(line and line == line.strip() for line in text.split("\n"))


def test_spaces_next_to_cjk_are_removed(normalized):
    assert "2024年2月27日第十四届全国人民代表大会常务委员会第八次会议第二次修订" in normalized["002"]
    assert "本报北京3月6日电中共中央总书记" in normalized["004"]
    assert "（记者胡喆、宋晨）" in normalized["000"]
    assert "“EAGLE 6G：面向6G无线高速接入原型系统及测试环境”" in normalized["002"]  # Latin spacing kept


def test_punctuation_is_full_width_chinese(normalized):
    text = normalized["001"]  # the dump uses half-width , ; : ( )
    assert "根据党中央有关规定，中央政治局委员" in text
    assert text.endswith("向着网络强国奋勇迈进。（新华社北京2月26日电）")
    cjk = "[\u4e00-\u9fff]"
    for t in normalized.values():
        assert not re.search(f"{cjk}[,;:()]|[,;:()]{cjk}", t)
    for mark in "，。：；（）《》“”、":
        assert mark in normalized["004"]
    assert "因地制宜发展新质生产力①" in normalized["004"]  # circled digits are not NFKC'd to "1"
    assert "*" not in normalized["004"]  # "**科技创新实现新的突破**"


def test_normalize_synthetic_cases():
    raw = "Ｃ９１９投入运营，\n⾏业  发展 , 大幅提升(见图)\n\n12\n\n标题一\n新华社北京2月26日电 正文……\n"
    assert normalize(raw) == "C919投入运营，行业发展，大幅提升（见图）\n标题一\n新华社北京2月26日电正文……"
    assert normalize("短标题\n正文第一句。") == "短标题\n正文第一句。"  # no evidence of a broken sentence
    assert normalize("第一段没有结\n\n束。\n- 3 -\n下一段。") == "第一段没有结束。\n下一段。"


def test_normalize_is_idempotent(normalized):
    for text in normalized.values():
        assert normalize(text) == text


# --- ids, sources, laziness -----------------------------------------------------------------------


def test_doc_id_stable_and_independent_of_path(tmp_path, articles):
    again = list(iter_articles([_file("001")]))
    assert [a.doc_id for a in again] == [a.doc_id for a in articles["001"]]
    copy = tmp_path / "renamed.txt"
    shutil.copy(_file("001"), copy)
    moved = list(iter_articles([copy]))
    assert [a.doc_id for a in moved] == [a.doc_id for a in articles["001"]]
    assert [a.source for a in moved] == [f"{copy}#0", f"{copy}#1"]
    ids = [a.doc_id for arts in articles.values() for a in arts]
    assert len(set(ids)) == len(ids) and all(re.fullmatch(r"doc-[0-9a-f]{16}", i) for i in ids)


def test_split_articles_sources(normalized):
    arts = split_articles(normalized["003"], "f.txt")
    assert [a.source for a in arts] == [f"f.txt#{i}" for i in range(5)]


def test_iter_articles_is_lazy_and_expands_directories(tmp_path):
    (tmp_path / "b.txt").write_text("标题乙\n新华社北京2月26日电 正文乙。\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("标题甲\n新华社北京2月27日电 正文甲。\n", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("隐藏。", encoding="utf-8")
    (tmp_path / "notes.md").write_text("不是txt。", encoding="utf-8")
    gen = iter_articles([tmp_path], default_year=2024)
    assert isinstance(gen, types.GeneratorType)
    arts = list(gen)
    assert [(a.title, a.date, Path(a.source).name) for a in arts] == [
        ("标题甲", "2024-02-27", "a.txt#0"), ("标题乙", "2024-02-26", "b.txt#0")]


def test_iter_articles_over_the_corpus_is_fast():
    start = time.perf_counter()
    arts = list(iter_articles([SAMPLE_CORPUS]))
    assert time.perf_counter() - start < 1.0
    assert len(arts) == 29


# --- input errors ---------------------------------------------------------------------------------


def _error(path: Path, **kwargs) -> str:
    with pytest.raises(InputError) as info:
        read_text(path, **kwargs)
    assert str(path) in str(info.value)
    return str(info.value)


def test_missing_file(tmp_path):
    assert "no such file" in _error(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="nope.txt"):
        list(iter_articles([tmp_path / "nope.txt"]))


def test_empty_and_whitespace_files(tmp_path):
    for name, data in (("empty.txt", b""), ("blank.txt", b" \n\t\n\xe3\x80\x80\n"), ("bom.txt", b"\xef\xbb\xbf")):
        path = tmp_path / name
        path.write_bytes(data)
        assert "empty" in _error(path)


def test_gb18030_file(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes("十四届全国人大常委会第八次会议在京举行。会议听取了报告。".encode("gb18030"))
    message = _error(path)
    assert "byte offset" in message and "looks like GBK/GB18030" in message
    assert "iconv -f GB18030 -t UTF-8" in message


def test_other_non_utf8_file(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("café au lait".encode("latin-1"))
    message = _error(path)
    assert "not UTF-8" in message and "byte offset 3" in message and "GB18030" not in message


def test_binary_files(tmp_path):
    png = tmp_path / "image.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert "binary" in _error(png)
    controls = tmp_path / "controls.txt"
    controls.write_bytes(b"ab\x01\x02\x03\x1b" * 50)
    assert "binary" in _error(controls)


def test_utf8_bom_is_accepted_and_utf16_is_explained(tmp_path):
    bom = tmp_path / "bom.txt"
    bom.write_bytes("\ufeff标题\n正文。".encode("utf-8"))
    assert read_text(bom) == "标题\n正文。"
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes("标题\n正文。".encode("utf-16"))
    assert "UTF-16" in _error(utf16)


def test_size_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("正文。" * 100, encoding="utf-8")
    assert "limit" in _error(path, max_bytes=100)
    assert read_text(path).startswith("正文。")


def test_directory_errors(tmp_path):
    assert "directory" in _error(tmp_path)
    empty = tmp_path / "empty_dir"
    empty.mkdir()
    with pytest.raises(InputError, match="empty_dir"):
        list(iter_articles([empty]))


def test_directory_of_mixed_files(tmp_path):
    (tmp_path / "a_good.txt").write_text("标题\n新华社北京2月26日电 正文。\n", encoding="utf-8")
    (tmp_path / "b_gbk.txt").write_bytes("标题\n正文内容。".encode("gb18030"))
    (tmp_path / "c_binary.txt").write_bytes(b"\x00\x01binary")
    (tmp_path / "readme.md").write_bytes(b"\x00 not read: not a .txt")
    seen = []
    with pytest.raises(InputError) as info:
        for article in iter_articles([tmp_path]):
            seen.append(article.title)
    assert seen == ["标题"]  # lazily: the good file's article came before the error
    assert "b_gbk.txt" in str(info.value) and "GB18030" in str(info.value)
    with pytest.raises(InputError, match="c_binary.txt"):
        list(iter_articles([tmp_path / "c_binary.txt"]))
