"""The gazetteer files and their loader: validation, lookups, titles, and coverage of the sample corpus."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from kg.config import SAMPLE_CORPUS
from kg.gazetteer import GAZETTEER_DIR, Gazetteer, load_gazetteer, normalize


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def _corpus(prefix: str) -> str:
    """The text of the corpus file starting with ``prefix``, without line breaks and spaces (PDF wraps)."""
    (path,) = SAMPLE_CORPUS.glob(f"{prefix}_*.txt")
    return re.sub(r"\s+", "", path.read_text(encoding="utf-8"))


# --- the shipped files -----------------------------------------------------------------------------
def test_shipped_files_load_and_are_cached(gaz):
    counts = {t: sum(e.type == t for e in gaz.entries) for t in ("Organization", "Place", "Person", "Policy")}
    assert counts["Organization"] >= 200 and counts["Place"] >= 100
    assert counts["Person"] >= 100 and counts["Policy"] >= 80 and len(gaz.titles) >= 100
    assert load_gazetteer() is gaz
    assert load_gazetteer(GAZETTEER_DIR / ".." / "gazetteer") is gaz


def test_entries_are_clean(gaz):
    for entry in gaz.entries:
        assert entry.name and entry.name not in entry.aliases
        assert all(entry.properties.values()), entry
        assert len(set(entry.aliases)) == len(entry.aliases), entry


def test_every_parent_is_a_canonical_organization_without_cycles(gaz):
    orgs = {e.name: e for e in gaz.entries if e.type == "Organization"}
    for entry in orgs.values():
        seen = {entry.name}
        node = entry
        while "parent" in node.properties:
            assert node.properties["parent"] in orgs, node
            node = orgs[node.properties["parent"]]
            assert node.name not in seen, f"parent cycle through {entry.name}"
            seen.add(node.name)


def test_every_title_organization_is_a_canonical_organization(gaz):
    orgs = {e.name for e in gaz.entries if e.type == "Organization"}
    for title in gaz.titles.values():
        assert title.organization is None or title.organization in orgs, title


# --- lookups ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("surface", "type_", "name"),
    [
        ("全国人大常委会", "Organization", "全国人民代表大会常务委员会"),
        ("人大常委会", "Organization", "全国人民代表大会常务委员会"),
        ("中共中央", "Organization", "中国共产党中央委员会"),
        ("党中央", "Organization", "中国共产党中央委员会"),
        ("国新办", "Organization", "国务院新闻办公室"),
        ("国务院新闻办", "Organization", "国务院新闻办公室"),
        ("全国政协", "Organization", "中国人民政治协商会议全国委员会"),
        ("政协全国委员会", "Organization", "中国人民政治协商会议全国委员会"),
        ("国务院", "Organization", "中华人民共和国国务院"),
        ("最高法", "Organization", "最高人民法院"),
        ("最高检", "Organization", "最高人民检察院"),
        ("中宣部", "Organization", "中共中央宣传部"),
        ("中央军委", "Organization", "中央军事委员会"),
        ("航天科技集团", "Organization", "中国航天科技集团有限公司"),
        ("国家发展改革委", "Organization", "国家发展和改革委员会"),
        ("国家发改委", "Organization", "国家发展和改革委员会"),
        ("中央网信办", "Organization", "中央网络安全和信息化委员会办公室"),
        ("国家网信办", "Organization", "国家互联网信息办公室"),
        ("中国", "Organization", "中华人民共和国"),
        ("我国", "Organization", "中华人民共和国"),
        ("中国", "Place", "中国"),
        ("宁夏", "Place", "宁夏回族自治区"),
        ("北京人民大会堂", "Place", "人民大会堂"),
        ("《保守国家秘密法》", "Policy", "中华人民共和国保守国家秘密法"),
        ("“保密法”", "Policy", "中华人民共和国保守国家秘密法"),
        ("国务院组织法", "Policy", "中华人民共和国国务院组织法"),
        ("宪法", "Policy", "中华人民共和国宪法"),
        ("《中华人民共和国会计法》", "Policy", "中华人民共和国会计法"),
        ("“十四五”规划", "Policy", "中华人民共和国国民经济和社会发展第十四个五年规划和2035年远景目标纲要"),  # noqa: E501
        ("雪克来提·扎克尔", "Person", "雪克来提·扎克尔"),
    ],
)
def test_lookup_by_name_or_alias(gaz, surface, type_, name):
    entry = gaz.lookup(surface, type_)
    assert entry is not None and entry.type == type_ and entry.name == name


def test_lookup_prefers_a_canonical_name_and_ignores_quotes_and_spaces(gaz):
    assert gaz.lookup("中国").type == "Place"  # a Place's name beats an Organization's alias
    assert gaz.lookup(" 《 宪法 》 ").name == "中华人民共和国宪法"
    assert gaz.lookup("帕巴拉・格列朗杰", "Person").name == "帕巴拉·格列朗杰"  # any middle dot
    assert gaz.lookup("国务院", "Person") is None
    assert gaz.lookup("不存在的机构") is None


def test_properties(gaz):
    npcsc = gaz.lookup("全国人大常委会")
    assert dict(npcsc.properties) == {"kind": "legislature", "parent": "全国人民代表大会"}
    assert gaz.lookup("国新办").properties["parent"] == "中华人民共和国国务院"
    assert gaz.lookup("中华人民共和国", "Organization").properties["kind"] == "state"
    assert gaz.lookup("中共中央政治局常委会").properties["parent"] == "中国共产党中央委员会政治局"
    assert gaz.lookup("赵乐际").properties["note"].startswith("中共中央政治局常委")
    assert gaz.lookup("会计法").properties == {"kind": "law"}


def test_surfaces_cover_names_and_aliases_and_share_ambiguous_ones(gaz):
    surfaces = gaz.surfaces()
    assert {e.type for e in surfaces["中国"]} == {"Place", "Organization"}
    assert [e.name for e in surfaces["全国人大常委会"]] == ["全国人民代表大会常务委员会"]
    assert "“十四五”规划" in surfaces  # as written in text, for matching
    assert all(normalize(s) for s in surfaces)
    surfaces.clear()
    assert gaz.surfaces()  # a copy


@pytest.mark.parametrize(
    ("title", "organization"),
    [
        ("委员长", "全国人民代表大会常务委员会"),
        ("副委员长", "全国人民代表大会常务委员会"),
        ("秘书长", None),
        ("总书记", "中国共产党中央委员会"),
        ("国家主席", "中华人民共和国"),
        ("国务院总理", "中华人民共和国国务院"),
        ("总理", "中华人民共和国国务院"),
        ("国务委员", "中华人民共和国国务院"),
        ("中央军委主席", "中央军事委员会"),
        ("全国政协主席", "中国人民政治协商会议全国委员会"),
        ("中共中央政治局常委", "中国共产党中央委员会政治局常务委员会"),
        ("中央政治局委员", "中国共产党中央委员会政治局"),
        ("书记处书记", "中国共产党中央委员会书记处"),
        ("大会主席团常务主席", None),
        ("执行主席", None),
        ("院长", None),
        ("检察长", None),
        ("副主任委员", None),
        ("行政长官", None),
        ("董事长", None),
    ],
)
def test_titles(gaz, title, organization):
    assert gaz.titles[title].organization == organization


def test_title_ranks_order_the_leadership(gaz):
    rank = {t: gaz.titles[t].rank for t in ("总书记", "委员长", "副委员长", "中央军委委员", "部长")}
    assert rank["总书记"] < rank["委员长"] < rank["副委员长"] < rank["中央军委委员"]
    assert rank["部长"] is None


# --- the sample corpus -----------------------------------------------------------------------------
NAME_LISTS = [
    ("000", r"全国人大常委会副委员长(?P<list>[^。]+?)，秘书长(?P<one>刘奇)出席会议"),
    ("000", r"常委会第八次会议.{0,40}?(?P<one>赵乐际)委员长主持"),
    ("000", r"(?P<list>国务委员王小洪，最高人民法院院长张军，最高人民检察院检察长应勇)"),
    ("004", r"全国政协副主席(?P<list>[^。：]+?)在主席台前排就座"),
    ("004", r"大会主席团常务主席、执行主席(?P<list>[^。]+?)在主席台执行主席席就座"),
    ("004", r"(?:在主席台就座的(?:领导同志)?还有|出席闭幕会的领导同志还有)：(?P<list>[^。]+?)(?:等。|，以及)"),
    ("004", r"(?P<list>习近平、[^。]+?)(?:等在主席台就座|和大会主席团成员)"),
    ("004", r"中央军委委员(?P<list>[^。，]+?)(?:参加会议|等)"),
    ("004", r"(?P<list>石泰峰、郑建邦[^。]+?)等参加联组会"),
    ("004", r"(?P<list>穆虹、姜信治)等参加"),
    ("004", r"行政长官(?P<one>李家超)、澳门特别行政区行政长官(?P<two>贺一诚)"),
]
TITLE_WORDS = re.compile(r"^(?:国务委员|最高人民法院院长|最高人民检察院检察长)")


def _names(match: re.Match[str]) -> list[str]:
    names = [match.group(g) for g in ("one", "two") if g in match.groupdict() and match.group(g)]
    if match.groupdict().get("list"):
        names += [TITLE_WORDS.sub("", n) for n in re.split(r"[、，]", match.group("list"))]
    return [n for n in names if n]


def test_every_leader_named_in_the_corpus_lists_is_known(gaz):
    """persons.tsv lists national leaders (general knowledge); deputies, members, reporters and
    citizens are left to the extractor's rules, so that held-out quality is measured honestly."""
    seen: set[str] = set()
    for prefix, pattern in NAME_LISTS:
        matches = list(re.finditer(pattern, _corpus(prefix)))
        assert matches, f"pattern not found in {prefix}: {pattern}"
        for m in matches:
            for name in _names(m):
                assert gaz.lookup(name, "Person") is not None, f"{name} ({prefix}) missing from persons.tsv"
                seen.add(name)
    expected = (
        "李鸿忠 王东明 肖捷 郑建邦 丁仲礼 郝明金 蔡达峰 何维 武维华 铁凝 彭清华 张庆伟 洛桑江村 雪克来提·扎克尔 "
        "帕巴拉·格列朗杰 何厚铨 张升民 苗华 王小洪"
    )
    assert set(expected.split()) <= seen
    assert gaz.lookup("何厚铨", "Person").name == "何厚铧"  # the corpus misprints 何厚铧


@pytest.mark.parametrize(
    "run",
    ["习近平李强赵乐际蔡奇丁薛祥李希韩正", "习近平王沪宁蔡奇丁薛祥李希韩正", "王沪宁蔡奇", "李强赵乐际王沪宁丁薛祥"],
)
def test_headline_runs_segment_into_known_persons(gaz, run):
    persons = {s for s, es in gaz.surfaces().items() if any(e.type == "Person" for e in es)}
    longest = max(map(len, persons))
    rest = run
    while rest:
        head = next((rest[:n] for n in range(min(longest, len(rest)), 1, -1) if rest[:n] in persons), None)
        assert head is not None, f"cannot segment {rest!r}"
        rest = rest[len(head):]


CORPUS_SURFACES = [  # (corpus file, type, surfaces that occur in it)
    ("000", "Organization", "中宣部 应急管理部 生态环境部 中国航天科技集团有限公司 航天科技集团 国务院新闻办公室"),
    ("000", "Organization", "国家监察委员会 委员长会议 代表资格审查委员会 中央网络安全和信息化领导小组 新华社"),
    ("001", "Organization", "二十国集团"),
    ("002", "Organization", "中央军事委员会 中国人民武装警察部队 国家网信办 紫金山实验室"),
    ("003", "Organization", "中央网络安全和信息化委员会办公室 世界互联网大会国际组织 最高法院 清徐县委组织部"),
    ("004", "Organization", "民革 中央办公厅 战略支援部队 南部战区 军事科学院 武警部队 世贸组织 东盟"),
    ("000", "Place", "人民大会堂 宁夏固原市"),
    ("001", "Place", "乌镇"),
    ("004", "Place", "香港特别行政区 雄安新区"),
    ("000", "Policy", "保守国家秘密法"),
    ("001", "Policy", "网络安全法 个人信息保护法 《生成式人工智能服务管理暂行办法》 《未成年人网络保护条例》"),
    ("003", "Policy", "“清朗”系列专项行动"),
    ("002", "Policy", "宪法"),
    ("004", "Policy", "国务院组织法 政府工作报告 全国人大常委会工作报告"),
]


@pytest.mark.parametrize(
    ("prefix", "type_", "surface"),
    [(prefix, type_, surface) for prefix, type_, surfaces in CORPUS_SURFACES for surface in surfaces.split()],
)
def test_bodies_places_and_instruments_of_the_corpus_are_known(gaz, prefix, type_, surface):
    assert surface in _corpus(prefix)
    assert gaz.lookup(surface, type_) is not None


# --- validation ------------------------------------------------------------------------------------
@pytest.fixture
def gaz_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "gazetteer"
    shutil.copytree(GAZETTEER_DIR, directory)
    return directory


def _append(path: Path, line: str) -> int:
    """Appends a line; returns its line number."""
    with path.open("a", encoding="utf-8") as f:
        f.write(line + "\n")
    return len(path.read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize(
    ("filename", "line", "message"),
    [
        ("organizations.tsv", "测试机构\tministry\t\t", "unknown kind 'ministry'"),
        ("organizations.tsv", "国务院新闻办公室\tgovernment\t\t", "duplicate name"),
        ("organizations.tsv", "测试机构\tother\t\t不存在的上级", "parent '不存在的上级'"),
        ("organizations.tsv", "测试机构\tother\t测试|最高人民法院\t", "alias '最高人民法院' is the name"),
        ("organizations.tsv", "测试机构\tother\t最高法\t", "alias '最高法' is also an alias"),
        ("organizations.tsv", "测试机构\tother\t", "expected 4 tab-separated columns, got 3"),
        ("places.tsv", "《北京市》\tcity\t", "duplicate name"),
        ("places.tsv", "测试地\tplanet\t", "unknown kind"),
        ("persons.tsv", "\t\t无名", "empty name"),
        ("laws.tsv", "测试法\tlaw\t中华人民共和国宪法", "is the name"),
        ("laws.tsv", "测试法\tstatute\t", "unknown kind"),
        ("countries.tsv", "测试国\t测试共和国\t测试国", "repeats the name"),
        ("countries.tsv", "测试国\t中国共产党\t", "duplicate name"),
        ("titles.tsv", "测试职务\t不存在的机构\t", "organization '不存在的机构'"),
        ("titles.tsv", "测试职务\t\t高", "rank '高'"),
        ("titles.tsv", "委员长\t\t", "duplicate title"),
    ],
)
def test_a_bad_row_is_a_value_error_naming_file_and_line(gaz_dir, filename, line, message):
    lineno = _append(gaz_dir / filename, line)
    with pytest.raises(ValueError, match=rf"{re.escape(filename)}:{lineno}: .*{re.escape(message)}"):
        load_gazetteer(gaz_dir)


def test_a_bad_header_is_reported_on_line_1(gaz_dir):
    path = gaz_dir / "places.tsv"
    path.write_text("name\taliases\tkind\n" + path.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8")
    with pytest.raises(ValueError, match=r"places\.tsv:1: the header"):
        load_gazetteer(gaz_dir)


def test_a_valid_copy_loads_and_blank_lines_are_skipped(gaz_dir):
    _append(gaz_dir / "places.tsv", "")
    _append(gaz_dir / "places.tsv", "测试镇\tcity\t测试")
    gaz = load_gazetteer(gaz_dir)
    assert gaz is not load_gazetteer() and gaz.lookup("测试").name == "测试镇"


def test_a_country_is_a_place_and_a_state():
    gaz = load_gazetteer()
    place, state = gaz.lookup("俄罗斯", "Place"), gaz.lookup("俄罗斯", "Organization")
    assert (place.name, place.properties["kind"]) == ("俄罗斯", "country")
    assert (state.name, state.properties["kind"]) == ("俄罗斯联邦", "state")
    assert gaz.lookup("我国", "Organization").name == "中华人民共和国" and gaz.lookup("我国", "Place").name == "中国"
