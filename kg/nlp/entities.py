"""``zhkg_entity_rules``: exact rules and gazetteers that mark entities in ``doc.ents``.

Candidates come from several sources, each with a priority; overlapping candidates are settled
greedily (higher priority, then longer span). Span groups carry what ``doc.ents`` cannot hold:
``doc.spans["titles"]`` (office titles, for HOLDS_POSITION), ``doc.spans["nested"]`` (names nested
inside a longer name, e.g. 会计法 inside 关于修改《会计法》的决定) and ``doc.spans["journalists"]``.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.canonical import BRIEFINGS, LOCAL_BODIES, NESTED_SESSION_RE, SESSION_RE, N, canonical_named, local_body
from kg.config import DATA_DIR
from kg.gazetteer import Gazetteer, load_gazetteer
from kg.numbers import FIGURE_RE

CJK = "\u4e00-\u9fff"
NOT_NAME = (
    r"(?!主持|出席|列席|表示|指出|强调|宣布|会议|代表|同志|负责|主任|委员|在京|出访|会见|讲话|发言|介绍|参加|视察"
    r"|时强调|就座|席就座|连续|明确|全体|成员|台前|常委|常务)"
)
NAME = rf"{NOT_NAME}[{CJK}]{{2,3}}(?:·[{CJK}]{{2,8}}?)?"
NAME_END = r"(?=[、，。；：（）()\s“”]|主持|出席|列席|参加|表示|指出|作|在|代表|宣布|强调|说|等|和|与|同|向|介绍|就|先后|分别|依次|担任|认为|建议|呼吁|举行|会见|会谈|陪同|共同|汇报|通报|发表|受|\d|$)"
NAME_END_RE = re.compile(NAME_END)  # what follows a name: 出席, 表示, a comma …
CJK_CHAR_RE = re.compile(f"[{CJK}]")
ADVERBS = "还也又都则就再亦即均曾将已"  # after a name, before its verb
MEDIA = {"人民日报", "求是", "光明日报", "经济日报", "解放军报", "新华社", "新华每日电讯", "中国日报"}
SITTING_RE = re.compile(rf"第{N}次全体会议|开幕会|闭幕会|开幕式|闭幕式")
BARE_BODY_RE = re.compile(rf"^(?:常委会|大会|会议|全会|本次会议|此次会议)(?=第{N}次全体会议$)")
NPCSC_TERM_RE = re.compile(rf"(?P<term>第?{N}届)全国人(?:大常委会|民代表大会常务委员会)")
BARE_CHAIRMEN_MEETING_RE = re.compile(rf"(?<![会届])第{N}次委员长会议")
STANDING_SESSION_RE = re.compile(rf"常委会(第{N}次会议)$")  # 十四届全国人大常委会第六次会议
PRESIDIUM_RE = re.compile(r"(?:大会)?主席团")
PRESIDIUM_MEETING_RE = re.compile(rf"(?:大会)?主席团(?:常务主席)?第{N}次会议")  # a meeting of the session's presidium
# a meeting inside a session: a delegation's deliberation, a joint group meeting (PART_OF the session)
SUB_EVENT_RE = re.compile(r".+代表团(?:审议|全体会议|开放团组活动)|(?:.+委员)?联组会")
EVENT_SUFFIX = (
    "吹风会|发布会|座谈会|电视电话会议|工作会议|常务会议|部署会|推进会|动员会|现场会|峰会|论坛|博览会|展览会|研讨会|交流会|宣传周"
    "|年会|大会|会议|仪式|讲座|报告会|招待会|学习会|协商会"
)
SURNAMES_FILE = DATA_DIR / "surnames.txt"
# 《》 also marks books, songs and films: a title is a Policy only with an instrument's suffix
POLICY_TITLE_RE = re.compile(
    r".{2,}(?:法|条例|办法|规定|规则|细则|规划|计划|纲要|方案|战略|报告|蓝皮书|白皮书|决定|决议|意见|通知|倡议|协定|公约|条约"
    r"|宣言|行动|工程|令|标准|指南|指引|目录|要点|清单|章程|准则|制度|草案|审稿|说明|公报|措施|解释|声明|备忘录|议定书|协议)(?:（[^）]*）)?"
)
FOREIGN_TITLES = "副?(?:总统|总理|首相|外交部长|外长|议长|秘书长|总干事|总裁|行长|主席)|国王|执行主席|内阁副?主席"
# characters of transliterated foreign names (新华社译名): a name after a foreign title is a run of them
TRANSLITERATION = (
    "阿埃艾安奥巴拜班邦包鲍贝本比彼毕波伯博布查达戴丹道德迪蒂丁杜多厄恩尔法菲费芬弗福盖冈戈格贡古哈海汉豪赫亨胡华霍基吉加杰捷金卡凯坎"
    "康考科克肯库夸奎拉莱兰朗劳勒雷里利连列林卢鲁伦罗洛马迈曼梅蒙米明莫姆穆纳奈南内尼努诺欧帕潘佩皮普齐奇恰乔切琼萨塞桑瑟森沙尚舍什"
    "斯苏索塔泰坦汤特提图托瓦万旺威韦维温沃乌武西希谢辛休雅亚扬耶伊因尤于扎泽詹兹佐夫娃莎娜琳丽蕾妮黛申"
    "贾京济约丘卓吕延廷施松欣滕珀珊舒蒲赛钦麦玛"
)


def _after_break(words: str) -> str:
    """Lookbehind for a bare 省…/市… name: after a break or one of ``words`` (由省政协…), not inside a
    word (直辖市人大常委会, 各省政府)."""
    return rf"(?:(?<![{CJK}])|(?<=[{words}]))"


BARE_LOCAL_SESSION_RE = re.compile(
    rf"{_after_break('由在和及与向对经')}(?P<level>省|市|自治区)(?P<session>(?:政协{N}届|{N}届人大){N}次会议)"
)
# 省政府第49次常务会议, 省政府常务会议 in an article about one province: that government's meeting
# 省委十五届五次全会, 十二届省委八次全会 in an article about one province (or city)
BARE_LOCAL_PLENUM_RE = re.compile(
    rf"{_after_break('由在和及与向对经')}(?:(?P<level>省|市|自治区)委(?P<term>{N})届|(?P<t2>{N})届(?P<l2>省|市|自治区)委)(?P<num>{N})次全会"
)
# a province's reports before its congress: 省人大常委会工作报告, 省高级人民法院工作报告 (in an article about one province)
BARE_LOCAL_REPORT_RE = re.compile(
    rf"{_after_break('由在和及与向对经、议查')}(?P<level>省|市|自治区)"
    r"(?P<body>人大常委会|人民代表大会常务委员会|高级人民法院|中级人民法院|人民检察院|人民政府|政府|政协常委会)工作报告"
)
# 广东省2023年国民经济和社会发展计划执行情况与2024年计划草案的报告 (without 关于; the plans in it are nested)
PLAN_REPORT_RE = re.compile(r"(?P<done>\d{4}年[^，。；、]{2,30}?)执行情况(?:与|和)(?P<planned>\d{4}年[^，。；、]{2,30}?草案)的报告")
BARE_LOCAL_MEETING_RE = re.compile(
    rf"{_after_break('由在和及与向对经开行持')}(?P<level>省|市|自治区)(?P<body>人民政府|政府|人大常委会)"
    rf"(?P<meeting>(?:第(?:{N}|\d+)次)?(?:常务会议|主任会议|全体会议))"
)
BARE_LOCAL_BODY_RE = re.compile(
    rf"{_after_break('由在和及与向对经请将据同')}(?P<level>省|市|自治区)"
    r"(?P<body>委(?!员)|党委|人大常委会|人民代表大会常务委员会|人民政府|政府|高级人民法院|人民检察院|政协|纪委|监委|监察委员会)"
)
# a university (and its school) before an academic title
UNIVERSITY_RE = re.compile(
    rf"(?:(?<=[、，。：\s由在和与及])|^)(?P<university>[^\W\d_由的在是为和与及对向从把将]{{2,8}}?大学)(?P<school>[{CJK}]{{2,10}}?学院)?"
    r"(?=副?教授|副?校长|副?院长|研究员|党委书记|讲师|(?<=大学)[、，。；等和])"  # (or in a list of bodies)
)
PARTY_PREFIX_RE = re.compile(r"(?:中共|中国共产党)$")  # before a region's party body
# a city or province the gazetteer does not list, known by its party committee: 中共洛阳市委
PARTY_COMMITTEE_PLACE_RE = re.compile(rf"中共(?P<place>[{CJK}]{{2,4}}?(?:省|市|自治区))委")
# a title of a region's government written without the region (省长王浩 in an article about one province)
REGIONAL_TITLE_RE = re.compile(r"(?:常务)?副?(?P<level>省|市)长|自治区(?:政府)?主席")
# a meeting named after the campaign it launches: 全国根治欠薪冬季专项行动|部署视频会议 (the campaign is the name's head)
CAMPAIGN_MEETING_RE = re.compile(rf"[{CJK}0-9]{{2,24}}?(?:专项行动|专项治理|专项活动)(?=[{CJK}]{{1,8}}$)")
QUOTED_CAMPAIGN_RE = re.compile(r"“[^”]{1,20}”(?:系列)?[^“”]{0,6}?(?:专项行动|专项活动|专项治理|行动|活动)")
# 《加快县域充电基础设施建设行动方案（2024—2027年）》（以下简称《行动方案》）
ABBREVIATION_RE = re.compile(r"《(?P<long>[^《》]{2,60})》[^。；《]{0,4}?[（(]以下简称[《“](?P<short>[^《》“”）]{2,20})[》”][）)]")
COMMITTEE_AFTER_LAW_RE = re.compile(rf"(?:和[{CJK}]{{1,4}})?委员会")
DRAFT_SUFFIX_RE = re.compile(r"(?:修订草案|修正草案|草案)(?:二审稿|三审稿)?$")
AMENDING_DECISION_RE = re.compile(r"(?:修正|修改)决定$")  # a headline's 地方组织法修正决定
PLAN_IN_REPORT_RE = re.compile(r"\d{4}年[^与的，、]{2,20}?(?:计划|规划|预算)(?:草案)?")
AGENDA_RE = re.compile(rf"(?<=[、，])[{CJK}]{{2,12}}?(?:议程|名单)草案")
# a session's own documents win over the session name in them: …二次会议议程草案, …五次会议政治决议, 党的二十大报告
SESSION_AGENDA_RE = re.compile(rf"(?P<session>{SESSION_RE.pattern})(?:议程(?:草案)?|政治决议|决议|报告)")
# a named special action: the longest run before 专项…, cut after the last word that only leads up to it
# (深化App违法违规收集使用个人信息专项治理, 重点行业领域网络安全和个人信息保护专项检查)
SPECIAL_ACTION_RE = re.compile(rf"[A-Za-z0-9{CJK}]{{4,40}}专项(?:行动|治理|检查|整治)")
LEAD_IN_RE = re.compile(r".*(?:一系列|开展|深化|推进|持续|部署|启动|组织|实施|加强|领域|行业|召开|举行|联合|印发|发布|等|的|到|了)")
GENERIC_POLICIES = {"发展战略", "国家战略"}
# 中国 inside a set phrase is no mention of the country: 中国式现代化, 中国特色…, 数字中国
IN_A_PHRASE_RE = re.compile(r"式|特色|梦|方案|智慧|主张|理念|故事|声音|道路|制度|精神|力量|经验|之治|风格|气派")
PHRASE_LEADS = {"数字", "美丽", "健康", "平安", "法治", "创新", "网络"}


def in_set_phrase(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] (中国) is part of a set phrase such as 中国式现代化 or 数字中国."""
    return bool(IN_A_PHRASE_RE.match(text, end)) or text[max(0, start - 2) : start] in PHRASE_LEADS


# 中国/我国 is the state (Organization 中华人民共和国) only where it acts: 我国颁布, 中国政府, 中国同…签署;
# elsewhere the country as a place and the area its statistics cover (SCHEMA: Place 中国)
STATE_ACTS_RE = re.compile(r"政府|方面|人民政府|外交|常驻|驻|同|与|颁布|签署|加入|批准|宣布|主张|提出|代表团|主办|承办|担任")
# a foreign country is the state that acts (哈萨克斯坦总统, 同澳大利亚举行对话) except where it is a location
LOCATED_BEFORE_RE = re.compile(r"(?:在|赴|到|抵达|飞抵|前往|来自|途经|位于|于)$")
LOCATED_AFTER_RE = re.compile(r"境内|首都|各地|国内|全境|当地|南部|北部|东部|西部|中部")
# a national law by its full name, even unknown to the gazetteer and without 《》 (a law text's title)
NATIONAL_LAW_RE = re.compile(rf"中华人民共和国[{CJK}]{{2,20}}?(?:法典|法)(?![{CJK}])")
# a unit of a place chain (河南省焦作市温县, 双流区永安镇, 屏山镇河东村): what follows a known place
SUB_PLACE_RE = re.compile(
    rf"(?![一各全该本每多个乡镇村县区市省和与及的在])(?:[{CJK}]{{2,4}}?(?:自治州|自治县|市(?!场)|县|区|旗|盟|镇|乡|街道|村)|[{CJK}]县)"
)
# what a body's name adds to the body it nests: its party group, leading meeting, departments, committees
# (not 常委会 or 政治局, bodies of their own: 全国人大常委会 does not name 全国人大 as its parent)
PART_SUFFIX_RE = re.compile(r"(?:党组|党委|党支部|[室部委局]务会|组织部|宣传部|统战部|(?<!常务)委员会|(?<=委员会)办公室)$")
NOT_A_PLACE = {"农村", "城市", "城区", "社区", "市区", "山区", "地区", "景区", "园区", "辖区", "片区", "新区", "城乡"}


COORDINATOR_RE = re.compile(r"(?<=战略|计划|规划|工程|行动|方案)[和与及、]")


def _uncoordinated(start: int, match: str) -> list[tuple[int, int]]:
    """A pattern's match cut where a completed name is followed by 和/与/及/、 (“宽带中国”战略和…工程)."""
    cuts = [0, *(c.end() for c in COORDINATOR_RE.finditer(match)), len(match) + 1]
    return [(start + a, start + b - 1) for a, b in itertools.pairwise(cuts)]


def policy_name(text: str) -> str | None:
    """A pattern's match as a policy name: leading verbs and modifiers (…的) dropped; None when it
    is no instrument's name (NOT_A_POLICY_RE, GENERIC_POLICIES) or too short."""
    name = LEADING_WORDS_RE.sub("", text)
    if not name.startswith("关于") and "的" in name:
        name = name.rsplit("的", 1)[1]  # 互惠共享的国际科技合作战略
    if len(name) < 4 or name in GENERIC_POLICIES or NOT_A_POLICY_RE.search(name):
        return None
    return name


# a committee of a congress or CPPCC term, named with the term (政协第十四届全国委员会提案委员会): the
# standing body (kb_id), over the term's name in it; and its work report (…常务委员会工作报告)
TERM_BODY_RE = re.compile(
    rf"(?:(?P<cppcc>(?:中国人民政治协商会议|政协)第{N}届全国委员会)|(?P<npc>第{N}届全国人民代表大会))"
    rf"(?P<part>常务委员会|(?:(?!会议|关于)[{CJK}]){{2,10}}?委员会)(?!第)(?P<report>工作报告)?"
)
STANDING_REPORT_RE = re.compile(r"(?<![会委])常务委员会工作报告")
# a national or world conference named after China or the world: 中国网络文明大会, 世界互联网大会乌镇峰会
WORLD_EVENT_RE = re.compile(rf"(?:中国|世界)(?!共产党|人民)[{CJK}0-9A-Z]{{2,10}}?(?<!代表)(?:大会|峰会|论坛|博览会)(?:[{CJK}]{{2}}峰会)?(?!国际组织|组织|秘书处)")
# an edition of a recurring event: 2022世界5G大会, 首届数字中国建设峰会, 第二届世界互联网大会开幕式
EDITION_EVENT_RE = re.compile(
    rf"(?:(?:19|20)\d{{2}}年?|首届|第{N}届)[{CJK}A-Za-z0-9+“”](?:[^在于的，。、；：（）\s“”]{{0,18}}[{CJK}A-Za-z0-9+“”])?"
    rf"(?:大会|峰会|论坛|博览会|展览会|宣传周|成果展|运动会)"
)
# what is named by 实施/推进/开展 after it (争做中国好网民工程、网络公益工程深入实施)
POLICY_BEFORE_VERB_RE = re.compile(
    rf"[{CJK}“”]{{2,16}}?(?:战略|工程|专项行动|专项治理|学习教育|主题活动)(?=(?:深入|全面|持续|扎实|有效|加快|稳步)?(?:实施|推进|开展|落实))"
)
# a sector's own five-year plan is not the national one it names: 国防和军队建设“十四五”规划,
# “十四五”数字经济发展规划
SECTOR_PLAN_RE = re.compile(rf"(?P<pre>[{CJK}]{{0,12}})“十[一二三四五六七八九]五”(?P<post>[{CJK}]{{0,8}}?)规划")
PLAN_LEAD_IN_RE = re.compile(r".*(?:实施|编制|制定|落实|贯彻|执行|完成|实现|推进|推动|好|按照|根据|是|的|了|在|为|把|将|要|等|对)")
# named campaigns: 党史学习教育, 打赢脱贫攻坚战
CAMPAIGN_NAME_RE = re.compile(
    rf"(?:(?<=深化|开展|推进|巩固|启动|部署|组织)|(?<=[，。：；、\n“]))[{CJK}]{{2}}学习教育|(?<=打赢)[{CJK}]{{2,8}}攻坚战"
)
# a draft law the gazetteer lacks, after a verb or in a list: 初次审议慈善法修正草案, 、海洋环境保护法修订草案
UNLISTED_DRAFT_RE = re.compile(rf"(?<=[议过了、，和及])(?:(?!审议|通过|初次|继续|表决|修改|审查|会议|关于)[{CJK}]){{2,14}}?法(?:修订草案|修正草案|草案)(?:二审稿|三审稿)?")
LISTED_LAW_RE = re.compile(rf"(?<=法、)[{CJK}]{{2,14}}?法(?=[、，。；和])")  # 对外关系法、外国国家豁免法
LISTED_POLICY_RE = re.compile(rf"(?<=、)[{CJK}]{{2,14}}?(?:战略|工程|专项行动|专项治理|行动)(?=[、，。和等])")
LEADING_WORDS_RE = re.compile(r"^(?:了|一系列|的|等|和|好|指导|深入|加快|实施|推进|推动|落实|开展|部署|启动|组织|未|按照|依照|根据|依据|违反)+")
# a name found by a pattern (not in 《》, not 关于…的…) that lists, narrates or generalises is no
# instrument: 东部地区加快推进现代化等战略, 中国式现代化作出了战略, 五年规划, 区域重大战略
NOT_A_POLICY_RE = re.compile(r"[了等]|作出|提出|^(?:第?[一二三四五六七八九十]+个)?五年规划$|重大(?:战略|工程)$")
# state visits and talks: 举行会谈, 举行欢迎仪式, 来华进行国事访问 (中斯元首会谈 names the talks where written)
DIPLOMATIC_EVENT_RE = re.compile(r"(?<=举行|进行)(?P<ev>会谈|会晤|欢迎仪式|欢迎宴会|国事访问|正式访问|国事活动)")
NAMED_TALKS_RE = re.compile(rf"[{CJK}]{{2,3}}?元首(?:会谈|会晤)")
TERM_LEAD_RE = re.compile(rf"第?{N}届")
GENERIC_EVENT_LEAD_RE = re.compile(r"另一|一次|该|此|这|上述|上午|下午|晚上|当天|当日|各类|各种|各级|多场|多次|一系列|系列|若干|相关|有关")  # 召开各类座谈会23场
# a headline's next clause, not a name: 习近平…出席 栗战书主持大会 (出席|栗战书主持大会 once spaces are gone)
CLAUSE_IN_NAME_RE = re.compile(r"主持|出席|参加|列席|发表|讲话|宣布")
GENERIC_EVENTS = {"会议", "大会", "重大会议", "政协会议", "人大会议", "这次会议", "本次会议", "此次会议", "工作会议", "全体会议"}
LABEL_OF = {"Person": "PERSON", "Organization": "ORG", "Place": "PLACE", "Policy": "POLICY"}


# what a session adopts or approves, listed after the verb (…表决通过了A、B的决定和C的办法；批准2022年中央预算)
ADOPTED_LIST_RE = re.compile(r"(?<!关于)(?:表决通过|审议通过|通过|批准)了?(?P<items>(?:(?!表决|通过|批准)[^。；：\n]){5,300})")
ADOPTED_ITEM_RE = re.compile(r".{3,80}?(?:决定|决议|办法|规定|条例|法|报告|计划|预算|规划|纲要|修正案|名单)")
ITEM_BREAK_RE = re.compile(r"[、，]|(?<=[定议法告划算要案单])(?:和|以及)")
NOT_ADOPTED_ITEM_RE = re.compile(r"^(?:这|该|此|有关|上述|相关|其他)|表决|通过|批准|审议|》的")


def _adopted_items(text: str) -> list[tuple[int, int]]:
    """Instruments named in the list a session adopts, even without 《》 or 关于 (…代表名额和选举问题的决定)."""
    found = []
    for m in ADOPTED_LIST_RE.finditer(text):
        lo, hi = m.span("items")
        cuts = [(lo, lo)]
        for b in ITEM_BREAK_RE.finditer(text, lo, hi):
            item = text[cuts[-1][1] : b.start()]
            if b.group() in ("和", "以及") and item.startswith("关于") and "的" not in item:
                continue  # 关于…第十四个五年规划和2035年远景目标纲要的决议: one item
            cuts.append((b.start(), b.end()))
        cuts.append((hi, hi))
        for (_, start), (end, _) in itertools.pairwise(cuts):
            about = text.find("关于", start + 1, end)
            if about != -1:  # 提案审查委员会关于…的报告: the author is no part of the name
                start = about
            tail = text.rfind("的", start, end) + 1
            if tail > start and not text.startswith("关于", start) and end - tail >= 5:  # 修订后的国务院组织法
                start = tail
            start += text.startswith("的", start)  # 表决通过的能源法
            item = text[start:end]
            if ADOPTED_ITEM_RE.fullmatch(item) and not NOT_ADOPTED_ITEM_RE.search(item):
                found.append((start, end))
    return found


def _policies_before_verb(text: str) -> list[tuple[int, int]]:
    """Instruments named before 实施/推进/开展, and those listed before them with the same ending."""
    found = []
    for m in POLICY_BEFORE_VERB_RE.finditer(text):
        name = policy_name(m.group())
        if not name or len(name) < 5:
            continue
        end, suffix = m.end(), name[-2:]
        found.append((end - len(name), end))
        start = end - len(name)
        while start > 0 and text[start - 1] == "、":  # 争做中国好网民工程、|网络公益工程深入实施
            item = re.search(rf"[{CJK}“”]{{3,16}}{suffix}$", text[max(0, start - 18) : start - 1])
            item_name = policy_name(item.group()) if item else None
            if not item_name:
                break
            found.append((start - 1 - len(item_name), start - 1))
            start -= 1 + len(item_name)
    return found


if not Doc.has_extension("regions"):  # the one province (省 or 自治区) and city (市) the article names, by level
    Doc.set_extension("regions", default=None)


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    label: str
    priority: int
    kb_id: str = ""  # canonical surface where the text abbreviates (在京 → 北京)


def load_surnames(path: Path = SURNAMES_FILE) -> list[str]:
    words = (w for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#") for w in line.split())
    return sorted(set(words), key=len, reverse=True)


def _alternation(surfaces: list[str]) -> str:
    return "|".join(re.escape(s) for s in sorted(set(surfaces), key=len, reverse=True) if s)


class EntityRules:
    """Marks PERSON, ORG, EVENT, POLICY, PLACE and FIGURE spans with exact rules and gazetteers."""

    def __init__(self, gazetteer: Gazetteer):
        self.gaz = gazetteer
        surfaces = gazetteer.surfaces()
        self.known = {  # surface → labels of the gazetteer entries it may name (not states: 中国航天… is no part of 中国)
            surface: {LABEL_OF[e.type] for e in entries if e.properties.get("kind") != "state"}
            for surface, entries in surfaces.items()
        }
        by_label: dict[str, list[str]] = {label: [] for label in LABEL_OF.values()}
        for surface, entries in surfaces.items():
            for entry in entries:
                by_label[LABEL_OF[entry.type]].append(surface)
        self.gaz_res = {label: re.compile(_alternation(s)) for label, s in by_label.items() if s}
        self.foreign_states = {  # 俄罗斯, 俄罗斯联邦 (中国/我国 is the state only where it acts: STATE_ACTS_RE)
            surface for surface, entries in surfaces.items()
            if any(e.properties.get("kind") == "state" for e in entries) and surface not in ("中国", "我国", "中华人民共和国")
        }
        orgs = _alternation(by_label["ORG"])
        laws = _alternation(by_label["POLICY"])
        titles = _alternation(list(gazetteer.titles))
        self.title_re = re.compile(titles)
        # a name found by a rule alone must start with a surname (主席台前排 is no 主席 台前排)
        name = rf"(?={_alternation(load_surnames())}){NAME}"
        self.name_re = re.compile(name)
        self.person_after_title = re.compile(rf"(?:{titles})(?:（主持工作）)?(?P<name>{name}){NAME_END}")  # 副主任（主持工作）周海燕
        # a foreign leader after a country and a title: 俄罗斯总统普京, 哈萨克斯坦总统托卡耶夫 (a transliterated name)
        countries = _alternation([s for s, es in surfaces.items() if any(e.properties.get("kind") == "country" for e in es) and s not in ("中国", "我国")])
        international = _alternation([s for s, es in surfaces.items() if any(e.properties.get("kind") == "international" for e in es)])
        self.foreign_person_re = re.compile(
            rf"(?:{countries}|{international}|[{CJK}]{{2,10}}(?:论坛|组织|银行|基金会?|联盟|理事会))(?:{FOREIGN_TITLES})(?P<name>[{TRANSLITERATION}]{{2,6}}(?:·[{TRANSLITERATION}]{{2,8}}){{0,3}})"
            r"(?=[、，。；：（）()\s“”]|主持|出席|致辞|讲话|发表|表示|指出|强调|会见|会谈|举行|说|等|和|与|同|在|分别|先后|代表|签署|一行|$)"
        )
        self.appointee_re = re.compile(rf"(?:任命|免去)(?P<name>{name})(?=为|的|同志)")  # 免去秦刚的…职务
        # a headline's second clause: 习近平…王岐山出席 栗战书主持大会并发表讲话 (one run once spaces are gone)
        self.headline_actor_re = re.compile(rf"(?<=出席)\s?(?P<name>{name})(?=主持|发表|宣布|作)")
        self.presider_after_re = re.compile(rf"主持[{CJK}]{{0,6}}?的(?P<name>{name}){NAME_END}")  # 主持闭幕会的汪洋宣布
        # a deputy or member who speaks from the floor: 施若兰委员代表九三学社中央发言, 那日苏代表结合工作实际…
        self.member_speaks_re = re.compile(
            rf"(?:^|(?<=[。；，：\s]))(?P<name>{name})(?=(?:委员|代表)(?:说|介绍|表示|建议|发言|代表|结合|认为|谈到|提出|呼吁|[，：]))"
        )
        self.person_list_item = re.compile(rf"[、和](?P<name>{name})(?=[、，。；和等（\s]|出席|列席|在|$)")
        self.colon_list = re.compile(rf"(?:还有|包括|领导人|同志)[:：](?P<list>{name}(?:、{name})+)")
        self.journalist_re = re.compile(rf"记者\s?(?P<list>{name}(?:[、\s]{name})*)(?=[）)\s])")
        # 崔铁军、高纪凡、宋燕等6位代表: a list of names closed by 等/分别/先后 is a list of persons
        # (not 人工智能、区块链等研究: 等 closes a list of persons before a count of persons or what they do)
        self.closed_list_re = re.compile(
            rf"(?P<list>{name}(?:、{name})+)"
            r"(?=等(?:[\d一二三四五六七八九十两几多]+[位名人]|同志|代表|委员|领导|负责|人|在|出席|参加|分别|先后|也|还|，)|分别|先后|依次)"
        )
        self.photo_credit_re = re.compile(rf"(?<=[（(\s])(?P<list>{name}(?:、{name})*)\s?摄(?=[）)\s]|$)")
        self.law_re = re.compile(rf"(?:{laws})(?:修订草案|修正草案|草案|修正决定|修改决定)?(?:二审稿|三审稿)?") if laws else None
        self.org_part_re = re.compile(rf"(?:{orgs})(?:党组|党委|[室部委局]务会)")  # 中央网信办室务会, 某部党组
        # a department of a ministry or court: 生态环境部应对气候变化司, 最高检第八检察厅 (before its head's title)
        self.org_unit_re = re.compile(
            rf"(?P<parent>{orgs})(?!各|有关|相关)(?P<unit>[{CJK}]{{2,10}}?(?:司|厅|局|处|委员会))(?<!公司)(?=副?(?:[司厅局处]长|主任)|[，、])"
        )
        # a company named in full: 中国南方电网有限责任公司, 国家电网有限公司 (from the clause's start or a list)
        self.company_re = re.compile(rf"(?:^|(?<=[\s。；，：、和与及“]))[{CJK}]{{2,14}}?(?:股份有限公司|有限责任公司|有限公司)")
        self.org_meeting_re = re.compile(rf"(?:{orgs})(?:常务会议|全体会议|党组会议|专题会议)")
        # 中共中央政治局4月30日召开会议 / …进行第十四次集体学习: the body's meeting, named after it (kb_id)
        day = r"(?:\d{1,2}月\d{1,2}日)?(?:上午|下午|晚)?"
        self.body_meets_re = re.compile(
            rf"(?P<org>(?:{orgs})(?:党组|党委)?){day}(?:召开(?P<ev>(?:党组|党委)?(?:扩大)?会议)|(?:召开|举行)(?P<ev2>{BRIEFINGS})|举行(?P<ev3>第{N}讲专题讲座))"
        )
        self.study_re = re.compile(rf"(?P<org>{orgs})[^。；，]{{0,40}}?进行(?P<ev>第{N}次集体学习)")
        self.verb_event_re = re.compile(
            rf"(?:召开|举行|举办|出席|参加|主持(?!下)|召开了|举行了)(?P<ev>(?:\d{{4}}年)?(?:\d{{1,2}}月)?[{CJK}“”—]{{2,30}}?(?:{EVENT_SUFFIX}))"
        )
        # an event that is the subject of 召开/举行 on a day or at a place (民营企业座谈会17日在京召开; not 祝贺大会召开)
        self.subject_event_re = re.compile(
            rf"(?:^|(?<=[\s。；，：）电]))(?P<ev>[{CJK}0-9“”—]{{2,24}}?(?:{EVENT_SUFFIX}))"
            rf"(?=(?:(?:于?\d{{1,2}}日(?:上午|下午|晚上?)?(?:在[{CJK}]{{1,12}}?)?|在[{CJK}]{{1,12}}?)(?:隆重|正式|顺利|胜利)?|随即|随后|接着|在[{CJK}、]{{2,30}}?主持下)"
            r"(?:召开|举行|开幕|闭幕|举办))"
        )
        # a joint meeting: “净网2024”专项行动暨网络安全工作推进会, …电视电话会议暨专项行动部署会 (the campaign in it is nested)
        self.joint_event_re = re.compile(
            rf"(?:^|(?<=[\s。；，：）”电]))(?P<first>[{CJK}0-9“”]{{2,30}}?)暨[{CJK}0-9“”]{{2,24}}?(?:{EVENT_SUFFIX})"
        )
        # an inspection tour: 习近平在甘肃考察, 正在江苏南京考察的习近平 (named "<person>在<first place><verb>")
        persons = rf"(?:{_alternation(by_label['PERSON'])})" if by_label["PERSON"] else name
        places = _alternation([s for s in by_label["PLACE"] if len(s) >= 2])
        # a province's or city's own bodies and congress sessions: 广东省委, 四川省人民政府, 广东省十四届人大二次会议
        regions = _alternation([s for s in by_label["PLACE"] if len(s) >= 2 and s not in ("中国", "我国") and "特别行政区" not in s])
        # a standing committee of a body named after one of its titles: 全国政协常委、人口资源环境委员会副主任
        self.committee_after_title_re = re.compile(
            rf"(?P<parent>{orgs})(?:{titles})、(?P<unit>[{CJK}]{{2,12}}?委员会)(?=副?主任)"
        )
        # a province's or city's department: 浙江省水利厅厅长, 湖南省民政厅 (before a head's title or in a list)
        self.local_dept_re = re.compile(
            rf"(?P<place>{regions})(?P<dept>[{CJK}]{{1,8}}?(?:厅|局))(?=副?(?:厅长|局长|主任|巡视员)|党组|[，、和])"
        )
        self.committee_re = re.compile(
            rf"(?:中共|中国共产党|(?P<cppcc>(?:中国人民政治协商会议|政协)(?:第{N}届)?))(?P<place>{regions})(?:省|市|县|区)?委员会(?P<standing>常务委员会)?"
        )
        self.local_body_re = re.compile(rf"(?P<place>{regions})(?P<body>{_alternation(list(LOCAL_BODIES))})(?!员会)")  # (not 省委员会)
        self.region_re = re.compile(regions)
        self.venue_re = re.compile(rf"(?P<place>{regions})(?:人民大会堂|大会堂|人民会堂|国际会议中心|会议中心|国际会展中心|会展中心|宾馆|体育馆|展览馆)")
        self.local_session_re = re.compile(rf"(?P<place>{regions})(?:第?{N}届人民代表大会第?{N}次会议|{N}届人大{N}次会议)")
        # a province's CPPCC session, named as 江苏省政协十三届三次会议 (its kb_id) in any of its forms
        self.local_cppcc_session_res = (
            re.compile(rf"(?P<place>{regions})政协(?P<term>{N})届(?P<num>{N})次会议"),
            re.compile(rf"(?:中国人民政治协商会议|政协)(?P<place>{regions})第(?P<term>{N})届委员会第(?P<num>{N})次会议"),
            re.compile(rf"政协第(?P<term>{N})届(?P<place>{regions})委员会第(?P<num>{N})次会议"),
        )
        # a province's or city's party plenum: 中国共产党浙江省第十五届委员会第五次全体会议, 中共浙江省委十五届五次全会
        self.local_plenum_res = (
            re.compile(rf"(?:中国共产党|中共)(?P<place>{regions})第(?P<term>{N})届委员会第(?P<num>{N})次全体会议"),
            re.compile(rf"(?:中共)?(?P<place>{regions})委(?P<term>{N})届(?P<num>{N})次全(?:体)?会(?:议)?"),
        )
        where = rf"(?P<where>(?P<place>{places})[{CJK}]{{0,12}}?)(?P<verb>考察|调研|视察)(?![组团])"
        self.inspection_res = (
            re.compile(rf"(?P<person>{persons})(?:总书记|同志)?(?:[\d月日至上下午]{{0,12}})?(?:在|到|赴){where}"),
            re.compile(rf"正在{where}的(?P<person>{persons})"),
        )
        self.org_numbered_re = re.compile(
            rf"(?P<body>{orgs})第{N}次(?:全体会议|委员长会议|主席会议|主任会议|常务会议|集体学习|[{CJK}]{{2,6}}?工作会议|会议)"
        )
        # a standing group's numbered meeting: 省委农村工作领导小组2025年第二次会议 (a local party unit gets its region)
        self.group_meeting_re = re.compile(
            rf"(?:(?<=^)|(?<=[\s。；，：）电])|(?<=召开|举行|主持|出席|参加))"
            rf"(?P<body>(?P<local>(?:省|市|自治区)委)?(?![在于对向由和与及将把从])(?:(?!召开|举行|主持|出席|参加|通过|届)[{CJK}—]){{2,16}}?(?:领导小组|委员会|理事会|工作组|协调小组|指挥部|联席会议|中心组))"
            rf"(?P<verb>举行|进行|开展)?(?P<rest>(?:\d{{4}}年)?第{N}次(?:(?:全体)?会议|集体学习))"
        )
        self.term_before_re = re.compile(rf"第?{N}届$")  # 十四届|全国人大常委会第十七次委员长会议
        self.delegation_re = re.compile(rf"(?:{places}|解放军和武警部队|香港特别行政区|澳门特别行政区|台湾省)代表团")
        self.delegation_event_re = re.compile(rf"(?P<org>{self.delegation_re.pattern})(?:审议|全体会议|开放团组活动)")
        # 山东代表团6日上午在驻地举行全体会议: the delegation's plenary meeting, named after it
        self.delegation_meets_re = re.compile(
            rf"(?P<org>{self.delegation_re.pattern})[^，。；]{{0,16}}?(?:举行|召开)(?P<ev>全体会议)"
        )
        self.report_re = re.compile(rf"(?:政府|(?:{orgs})|提案)工作(?:情况)?报告(?:稿)?")
        self.about_re = re.compile(r"关于[^。；，：]{2,40}?的(?:[^。；，：、的]{0,6}?)(?:决定|决议|报告|说明|意见|通知|规定)")
        self.quoted_policy_re = re.compile(
            # “清朗”系列专项行动, “千企百县”帮扶计划, “互联网+”行动计划 (the longer suffix first)
            rf"“[^”]{{1,20}}”(?:系列)?[{CJK}]{{0,6}}?(?:专项行动|专项活动|专项治理|主题教育|主题活动|行动计划|行动方案|规划|计划|纲要|工程|行动|活动|战略(?!布局))"
            r"|(?<=“)[^“”]{2,20}?(?:专项行动|行动|工程|计划)(?=”)"  # “百日行动”
        )
        self.strategy_re = re.compile(rf"(?<=实施|推进|落实)[{CJK}]{{2,10}}?战略")
        self.campaign_re = re.compile(
            rf"(?<=开展|部署|启动|实施|推进|组织)(?:了)?[{CJK}“”]{{2,24}}?(?:专项(?:行动|治理|活动|工作|检查)|工程|(?<!专项)行动(?=[，。；、]))"
        )
        # recurring national and central conferences are events: 中央经济工作会议, 全国宣传部长会议
        self.national_event_re = re.compile(rf"(?:\d{{4}}年)?(?:中央|全国)(?:(?!的|出席|参加|召开|举行)[{CJK}（）]){{2,14}}?(?:工作会议|部长会议|局长会议|大会|会议)")
        self.decree_re = re.compile(r"(?:中华人民共和国主席令)?第[\d一二三四五六七八九十〇零百]+号(?:主席令)?(?<=令)")
        # 第34号、第35号主席令: the first is an order too
        self.decree_list_re = re.compile(r"第[\d一二三四五六七八九十〇零百]+号(?=(?:、第[\d一二三四五六七八九十〇零百]+号)+主席令)")
        self.beijing_re = re.compile(r"(?<=在)京(?=举行|召开|开幕|闭幕|发布|出席)")

    # -- candidate sources ----------------------------------------------------------------------
    def _regions(self, text: str) -> dict[str, str]:
        """The province (省 or 自治区) and the city (市) the text is about, where it names only one of each."""
        named: dict[str, set[str]] = {"省": set(), "自治区": set(), "市": set()}
        found = [canonical_named("Place", m.group(), self.gaz).name for m in self.region_re.finditer(text)]
        for place in [*found, *(m.group("place") for m in PARTY_COMMITTEE_PLACE_RE.finditer(text))]:
            level = "自治区" if place.endswith("自治区") else place[-1:]
            named.get(level, set()).add(place)
        return {level: next(iter(places)) for level, places in named.items() if len(places) == 1}

    def _candidates(self, text: str, regions: dict[str, str]) -> tuple[list[Candidate], list[tuple[int, int, str]]]:
        cands: list[Candidate] = []
        nested: list[tuple] = []  # (start, end, label[, kb_id])

        def add(start: int, end: int, label: str, priority: int, kb_id: str = "") -> None:
            if end > start:
                cands.append(Candidate(start, end, label, priority, kb_id))

        for m in SESSION_RE.finditer(text):
            add(m.start(), m.end(), "EVENT", 95)
            if sc := STANDING_SESSION_RE.search(m.group()):  # …常委会第六次会议, then 常委会第六次会议: that session
                for bare in re.finditer(rf"(?<![大协])常委会{sc.group(1)}(?!次)", text):
                    add(bare.start(), bare.end(), "EVENT", 94, kb_id=m.group())
        if term := NPCSC_TERM_RE.search(text):  # 第三十次委员长会议 after 十四届全国人大常委会 was named: its own
            for bare in BARE_CHAIRMEN_MEETING_RE.finditer(text):
                add(bare.start(), bare.end(), "EVENT", 94, kb_id=f"{term.group('term')}全国人大常委会{bare.group()}")
        def region_of(m: re.Match[str]) -> str:
            """The canonical name of the place a match's ``place`` group names, kept as a nested Place."""
            nested.append((m.start("place"), m.end("place"), "PLACE"))
            return canonical_named("Place", m.group("place"), self.gaz).name

        for m in self.local_session_re.finditer(text):
            add(m.start(), m.end(), "EVENT", 96, kb_id=region_of(m) + text[m.end("place") : m.end()])
        for m in (m for rx in self.local_cppcc_session_res for m in rx.finditer(text)):
            add(m.start(), m.end(), "EVENT", 96, kb_id=f"{region_of(m)}政协{m.group('term')}届{m.group('num')}次会议")
        for m in (m for rx in self.local_plenum_res for m in rx.finditer(text)):
            add(m.start(), m.end(), "EVENT", 96, kb_id=f"{region_of(m)}委{m.group('term')}届{m.group('num')}次全会")
        for m in BARE_LOCAL_PLENUM_RE.finditer(text):
            if (region := regions.get(m.group("level") or m.group("l2"))) is not None:
                add(m.start(), m.end(), "EVENT", 96, kb_id=f"{region}委{m.group('term') or m.group('t2')}届{m.group('num')}次全会")
        for m in BARE_LOCAL_SESSION_RE.finditer(text):  # 省政协十三届三次会议 in an article about one province
            if (region := regions.get(m.group("level"))) is not None:
                add(m.start(), m.end(), "EVENT", 96, kb_id=region + m.group("session"))
        for m in self.committee_re.finditer(text):  # 中共浙江省委员会(常务委员会), 政协第十三届福建省委员会…, in full
            body = local_body(region_of(m), "政协" if m.group("cppcc") else "省委")
            add(m.start(), m.end(), "ORG", 79, kb_id=body + (m.group("standing") or ""))
            if m.group("standing"):
                nested.append((m.start(), m.start("standing"), "ORG", body))
        for m in self.local_body_re.finditer(text):
            body = local_body(region_of(m), m.group("body"))
            party = PARTY_PREFIX_RE.search(text, max(0, m.start() - 5), m.start()) if body.startswith("中国共产党") else None
            add(party.start() if party else m.start(), m.end(), "ORG", 78, kb_id=body)  # 中共江苏省委: one body
        named_talks: dict[str, str] = {}  # 会谈 → 中斯元首会谈
        for m in NAMED_TALKS_RE.finditer(text):
            add(m.start(), m.end(), "EVENT", 60)
            named_talks[m.group()[-2:]] = m.group()
        for m in DIPLOMATIC_EVENT_RE.finditer(text):
            add(m.start("ev"), m.end("ev"), "EVENT", 60, kb_id=named_talks.get(m.group("ev"), ""))
        for m in self.committee_after_title_re.finditer(text):
            if self.gaz.lookup(m.group("unit"), "Organization"):
                continue  # 政治局常委、中央全面深化改革委员会副主任: a body of its own
            parent = canonical_named("Organization", m.group("parent"), self.gaz).name
            add(m.start("unit"), m.end("unit"), "ORG", 76, kb_id=parent + m.group("unit"))
        for m in UNIVERSITY_RE.finditer(text):  # 中国人民大学教授, 河南大学马克思主义学院院长
            add(m.start(), m.end(), "ORG", 75)
            if m.group("school"):
                nested.append((m.start(), m.end("university"), "ORG"))
        for m in self.local_dept_re.finditer(text):
            add(m.start(), m.end(), "ORG", 78, kb_id=region_of(m) + m.group("dept"))
        for m in self.venue_re.finditer(text):  # 广东省人民大会堂 (北京人民大会堂 is the gazetteer's 人民大会堂)
            if canonical_named("Place", m.group("place"), self.gaz).name != "北京市":
                add(m.start(), m.end(), "PLACE", 79)
                nested.append((m.start("place"), m.end("place"), "PLACE"))
        for m in BARE_LOCAL_REPORT_RE.finditer(text):
            if (region := regions.get(m.group("level"))) is not None:
                body = "中国人民政治协商会议{}委员会常务委员会".format(region) if m.group("body") == "政协常委会" else local_body(region, m.group("body"))
                add(m.start(), m.end(), "POLICY", 92, kb_id=body + "工作报告")
        for m in PLAN_REPORT_RE.finditer(text):  # with the place written before it; its two plans, of that place
            place = next((p for p in self.region_re.finditer(text, max(0, m.start() - 8), m.start()) if p.end() == m.start()), None)
            add(place.start() if place is not None else m.start(), m.end(), "POLICY", 88)
            region = canonical_named("Place", place.group(), self.gaz).name if place is not None else ""
            done, planned = m.group("done"), m.group("planned")
            nested.append((m.start("done"), m.end("done"), "POLICY", region + done))
            nested.append((m.start("planned"), m.end("planned"), "POLICY", region + planned))
        for m in BARE_LOCAL_MEETING_RE.finditer(text):
            if (region := regions.get(m.group("level"))) is not None:
                add(m.start(), m.end(), "EVENT", 92, kb_id=local_body(region, m.group("body")) + m.group("meeting"))
        for m in BARE_LOCAL_BODY_RE.finditer(text):  # 省政协主席林克庆 in an article about one province
            region = regions.get(m.group("level"))
            if region is not None:  # (a place before it is a longer, preferred match: 广东省政协)
                suffix = m.group() if m.group("body") == "委" else m.group("body")  # 省委 | 政协
                add(m.start(), m.end(), "ORG", 77, kb_id=local_body(region, suffix))
        for m in self.company_re.finditer(text):
            name = LEADING_WORDS_RE.sub("", re.sub(r"^(?:鼓励|支持|引导|推动|由|对|向|与|同|在)", "", m.group()))
            add(m.end() - len(name), m.end(), "ORG", 75)
        for m in self.org_numbered_re.finditer(text):
            term = self.term_before_re.search(text, max(0, m.start() - 6), m.start())
            add(term.start() if term else m.start(), m.end(), "EVENT", 92)
        for m in self.group_meeting_re.finditer(text):
            region = regions.get(m.group("local")[:-1]) if m.group("local") else None
            body = f"中共{region}委{m.group('body')[len(m.group('local')):]}" if region else m.group("body")
            if m.group("verb"):  # 中共洛阳市委理论学习中心组举行2025年第三次集体学习: the body, then its meeting
                add(m.start("body"), m.end("body"), "ORG", 77, kb_id=body)
                add(m.start("rest"), m.end(), "EVENT", 92, kb_id=body + m.group("rest"))
            else:
                add(m.start(), m.end(), "EVENT", 92, kb_id=body + m.group("rest"))
                nested.append((m.start("body"), m.end("body"), "ORG", body))
        touring: dict[str, int] = {}  # person → where the last tour was named
        for m in sorted((m for rx in self.inspection_res for m in rx.finditer(text)), key=lambda m: m.start()):
            last = touring.get(m.group("person"))
            if last is not None and "\n" not in text[last : m.start()] and text.startswith("时", m.end("verb")):
                continue  # 在甘肃考察。这是…在天水市…考察时 (same paragraph): a stop of the tour just named
            touring[m.group("person")] = m.start()
            region = self._known_prefix(m.group("place"), 0, "PLACE")  # 江苏南京 → 江苏
            surface = m.group("place")[: region[0][1]] if region else m.group("place")
            place = re.sub(r"(?:省|市|自治区|特别行政区)$", "", canonical_named("Place", surface, self.gaz).name)
            add(m.start("where"), m.end("verb"), "EVENT", 74, kb_id=f"{m.group('person')}在{place}{m.group('verb')}")
            nested += [(m.start("place"), m.end("place"), "PLACE"), *self._known_prefix(m.group("place"), m.start("place"), "PLACE")]
        for m in SITTING_RE.finditer(text):
            add(m.start(), m.end(), "EVENT", 50)
        # a delegation meets once in an article: 江苏代表团审议 and 江苏代表团全体会议 are one meeting, by its first name
        meetings = sorted([(m.start(), m.end(), m.start(), m.group("org"), m.group()) for m in self.delegation_event_re.finditer(text)]
                          + [(m.start("ev"), m.end("ev"), m.start(), m.group("org"), m.group("org") + m.group("ev"))
                             for m in self.delegation_meets_re.finditer(text)])
        first: dict[str, str] = {}
        for start, end, org_start, org, name in meetings:
            name = first.setdefault(org, name)
            add(start, end, "EVENT", 93, kb_id=name if text[start:end] != name else "")
            if start == org_start:
                nested.append((start, start + len(org), "ORG"))
        for m in re.finditer("联组会", text):
            add(m.start(), m.end(), "EVENT", 60)
        for m in self.delegation_re.finditer(text):
            add(m.start(), m.end(), "ORG", 75)
        for m in PRESIDIUM_RE.finditer(text):
            add(m.start(), m.end(), "ORG", 76, kb_id="presidium")
        for m in PRESIDIUM_MEETING_RE.finditer(text):
            add(m.start(), m.end(), "EVENT", 77, kb_id="presidium")
        for rx in (self.body_meets_re, self.study_re):
            for m in rx.finditer(text):
                ev = m.lastgroup  # ev | ev2 | ev3 (国务院新闻办公室举行新闻发布会: named after the body)
                add(m.start(ev), m.end(ev), "EVENT", 57, kb_id=m.group("org") + m.group(ev))
        for m in self.org_unit_re.finditer(text):  # named after the parent's full name: 最高人民检察院第八检察厅
            add(m.start(), m.end(), "ORG", 76, kb_id=canonical_named("Organization", m.group("parent"), self.gaz).name + m.group("unit"))
            nested.append((m.start("parent"), m.end("parent"), "ORG"))
        for m in self.org_part_re.finditer(text):
            add(m.start(), m.end(), "ORG", 74)
            nested += self._known_prefix(m.group(), m.start(), "ORG")
        for m in self.org_meeting_re.finditer(text):  # 国务院常务会议: the meeting, over the body that holds it
            add(m.start(), m.end(), "EVENT", 71)
        for m in self.national_event_re.finditer(text):
            if m.group() not in GENERIC_EVENTS and not SESSION_RE.fullmatch(m.group()):
                add(m.start(), m.end(), "EVENT", 58)
        for rx in (EDITION_EVENT_RE, WORLD_EVENT_RE):  # over 中国 in 首届数字中国建设峰会, 中国网络文明大会
            for m in rx.finditer(text):
                add(m.start(), m.end(), "EVENT", 73)
        for m in self.joint_event_re.finditer(text):
            add(m.start(), m.end(), "EVENT", 93)
            if QUOTED_CAMPAIGN_RE.fullmatch(m.group("first")):
                nested.append((m.start("first"), m.end("first"), "POLICY"))
        def add_event(start: int, end: int) -> None:
            """A meeting named after the body that holds it (火箭军部队建设座谈会) outranks the body, and one
            named after a campaign (2025年民生领域案件查办“铁拳”行动部署会) the campaign."""
            term = TERM_LEAD_RE.match(text, start, end)  # 十四届全国人大常委会第十七讲专题讲座
            body = self.gaz_res["ORG"].match(text, term.end() if term else start, end - 4)
            campaign = QUOTED_CAMPAIGN_RE.search(text, start, end) or CAMPAIGN_MEETING_RE.match(text, start, end)
            add(start, end, "EVENT", 85 if campaign else 74 if body else 55)
            if body:
                nested.append((body.start(), body.end(), "ORG"))
            if campaign:
                nested.append((campaign.start(), campaign.end(), "POLICY"))

        for m in self.subject_event_re.finditer(text):
            ev = m.group("ev")  # (not 14日下午的第二次全体会议: a sitting)
            if len(ev) >= 4 and ev not in GENERIC_EVENTS and not GENERIC_EVENT_LEAD_RE.match(ev) and not SITTING_RE.search(ev):
                add_event(m.start("ev"), m.end("ev"))
        for m in self.verb_event_re.finditer(text):
            name = re.sub(r"^(?:[的了和并及与]|召开|举行|举办|主持|出席|参加)+", "", m.group("ev"))  # 主持召开座谈会, 出席并主持会议
            name = BARE_BODY_RE.sub("", name)  # 举行的常委会第三次全体会议: a sitting of the session under way
            name = re.sub(r"^.*(?:举行|召开|举办)的", "", name)  # 出席在京举行的中国—斯里兰卡经贸合作论坛
            if len(name) >= 5 and name not in GENERIC_EVENTS and not GENERIC_EVENT_LEAD_RE.match(name) and not CLAUSE_IN_NAME_RE.search(name):
                add_event(m.end("ev") - len(name), m.end("ev"))
        short_for = {m.group("short"): m.group("long") for m in ABBREVIATION_RE.finditer(text)}
        for m in re.finditer(r"[《“]([^《》“”]{2,20})[》”]", text):  # 《行动方案》 once the text abbreviates so
            if m.group(1) in short_for:
                add(m.start(1), m.end(1), "POLICY", 91, kb_id=short_for[m.group(1)])
        for m in re.finditer(r"《([^《》]{1,60})》", text):
            inner = m.group(1)
            if inner in MEDIA:
                add(m.start(1), m.end(1), "ORG", 90)
            elif POLICY_TITLE_RE.fullmatch(inner) or self.gaz.lookup(inner, "Policy"):
                add(m.start(1), m.end(1), "POLICY", 90)
                if draft := re.search(r"（(?:修订|修正)?草案）$", inner):  # 《…医疗保障法（草案）》 names the law too
                    nested.append((m.start(1), m.start(1) + draft.start(), "POLICY"))
        for m in TERM_BODY_RE.finditer(text):
            body = ("中国人民政治协商会议全国委员会" if m.group("cppcc") else "全国人民代表大会") + m.group("part")
            if m.group("report"):
                nested.append((m.start(), m.end(), "POLICY", body + "工作报告"))
            add(m.start(), m.end("part"), "ORG", 90, kb_id=body)  # under a 关于… span (91) that names it
            nested.append((m.start(), m.end("part"), "ORG", body))
        for m in self.about_re.finditer(text):
            add(m.start(), m.end(), "POLICY", 91)
            nested.extend((m.start() + e.start(), m.start() + e.end(), "EVENT") for e in NESTED_SESSION_RE.finditer(m.group()))
            for inner in STANDING_REPORT_RE.finditer(m.group()):  # 关于常务委员会工作报告的决议: the session's body's
                cppcc = re.search("政协|中国人民政治协商会议", text[max(0, m.start() - 300) : m.start()])
                body = "中国人民政治协商会议全国委员会" if cppcc else "全国人民代表大会"
                nested.append((m.start() + inner.start(), m.start() + inner.end(), "POLICY", body + "常务委员会工作报告"))
            for inner in self.report_re.finditer(m.group()):  # …提案工作情况报告的决议
                since = re.fullmatch(r"关于(.+?以来)", m.group()[: inner.start()])
                if since and inner.group() == "提案工作情况报告":  # the report 关于…以来提案工作情况的报告
                    nested.append((m.start(), m.start() + inner.end(), "POLICY", f"关于{since.group(1)}提案工作情况的报告"))
                else:
                    nested.append((m.start() + inner.start(), m.start() + inner.end(), "POLICY"))
            for inner in re.finditer(r"《([^《》]+)》", m.group()):
                nested.append((m.start() + inner.start(1), m.start() + inner.end(1), "POLICY"))
            if self.law_re:
                for inner in self.law_re.finditer(m.group()):
                    nested.append((m.start() + inner.start(), m.start() + inner.end(), "POLICY"))
            for inner in PLAN_IN_REPORT_RE.finditer(m.group()):
                nested.append((m.start() + inner.start(), m.start() + inner.end(), "POLICY"))
        for m in NATIONAL_LAW_RE.finditer(text):
            add(m.start(), m.end(), "POLICY", 84)
        if self.law_re:
            for m in self.law_re.finditer(text):
                if COMMITTEE_AFTER_LAW_RE.match(text, m.end()):
                    continue  # 全国人大宪法和法律委员会, 香港特别行政区基本法委员会: a body, not the law
                add(m.start(), m.end(), "POLICY", 85)
                draft = DRAFT_SUFFIX_RE.search(m.group()) or AMENDING_DECISION_RE.search(m.group())
                if draft:  # 国务院组织法修订草案, 地方组织法修正决定 name the law too
                    nested.append((m.start(), m.start() + draft.start(), "POLICY"))
        for m in UNLISTED_DRAFT_RE.finditer(text):
            add(m.start(), m.end(), "POLICY", 83)
            nested.append((m.start(), m.start() + DRAFT_SUFFIX_RE.search(m.group()).start(), "POLICY"))
        for m in self.decree_re.finditer(text):
            add(m.start(), m.end(), "POLICY", 80)
        rules = (self.report_re, self.quoted_policy_re, self.campaign_re, self.strategy_re, AGENDA_RE, LISTED_POLICY_RE, LISTED_LAW_RE)
        for rx in rules:
            for m in rx.finditer(text):
                for start, end in _uncoordinated(m.start(), m.group()):  # …战略和…工程: two names
                    name = policy_name(text[start:end])
                    if name and len(name) >= 5:
                        add(end - len(name), end, "POLICY", 80)
        for m in self.decree_list_re.finditer(text):
            add(m.start(), m.end(), "POLICY", 80, kb_id=m.group() + "主席令")
        for start, end in _adopted_items(text):  # over the session named in one (…第十四届全国人民代表大会代表名额…的决定)
            add(start, end, "POLICY", 96)
            nested.extend((e.start(), e.end(), "EVENT") for e in SESSION_RE.finditer(text, start, end))
        for m in SECTOR_PLAN_RE.finditer(text):
            lead = PLAN_LEAD_IN_RE.match(m.group("pre"))
            start = m.start("pre") + (lead.end() if lead else 0)
            sector = text[start : m.end("pre")]
            if re.fullmatch(r".{2,10}(?:建设|发展|事业)", sector) or m.group("post"):  # not the national plan itself
                add(start, m.end(), "POLICY", 86)  # over the national plan's name in it (85)
        for start, end in _policies_before_verb(text):
            add(start, end, "POLICY", 80)
        for m in CAMPAIGN_NAME_RE.finditer(text):
            add(m.start(), m.end(), "POLICY", 80)
        for m in SPECIAL_ACTION_RE.finditer(text):
            lead = LEAD_IN_RE.match(m.group()[: -4])
            name = m.group()[lead.end() if lead else 0 :]
            if len(name) >= 8:
                add(m.end() - len(name), m.end(), "POLICY", 79)
        for m in SESSION_AGENDA_RE.finditer(text):
            add(m.start(), m.end(), "POLICY", 96)
            nested.append((m.start("session"), m.end("session"), "EVENT"))
        for m in re.finditer("全国两会", text):
            add(m.start(), m.end(), "EVENT", 60)
        for label, rx in self.gaz_res.items():
            for m in rx.finditer(text):
                if m.group() == "中国" and in_set_phrase(text, m.start(), m.end()):
                    continue  # 中国式现代化, 中国特色社会主义, 数字中国: no mention of the country
                if label == "ORG" and m.group() in LOCAL_BODIES and m.start() > 0 and text[m.start() - 1] in "省市县区州":
                    continue  # 省人大常委会, 市政协: a region's own body, not the national one
                if label == "ORG" and m.group() in ("中国", "我国") and not STATE_ACTS_RE.match(text, m.end()):
                    add(m.start(), m.end(), "PLACE", 70, kb_id="中国")
                    continue
                if label == "ORG" and m.group() in self.foreign_states:  # (outranks the country's Place)
                    where = LOCATED_BEFORE_RE.search(text, max(0, m.start() - 2), m.start()) or LOCATED_AFTER_RE.match(text, m.end())
                    add(m.start(), m.end(), "PLACE" if where else "ORG", 71)
                    continue
                if (label == "PERSON" and len(m.group()) == 2 and CJK_CHAR_RE.match(text, m.end()) and text[m.end()] not in ADVERBS
                        and not NAME_END_RE.match(text, m.end()) and NAME_END_RE.match(text, m.end() + 1)):
                    continue  # 刘奇葆、: a longer name than the gazetteer's 刘奇 (not 李强还就…)
                add(m.start(), m.end(), label, 70 if label != "PERSON" else 72)
                if label in ("ORG", "PLACE"):
                    nested += self._known_prefix(m.group(), m.start(), label)
                if label == "PLACE":
                    for start, end in self._place_chain(text, m.end()):
                        add(start, end, "PLACE", 68)
                        nested.append((start, end, "PLACE"))  # also inside a longer name (…屏山镇河东村党支部)
        for rx in (self.person_after_title, self.appointee_re, self.foreign_person_re, self.headline_actor_re, self.presider_after_re, self.member_speaks_re):
            for m in rx.finditer(text):
                end = m.end("name") - (len(m.group("name")) >= 3 and name_tail(text, m.end("name")))  # 司长李高说，
                add(m.start("name"), end, "PERSON", 65)
        for m in self.journalist_re.finditer(text):
            for item in self.name_re.finditer(m.group("list")):
                add(m.start("list") + item.start(), m.start("list") + item.end(), "PERSON", 66)
        for rx in (self.closed_list_re, self.photo_credit_re):
            for m in rx.finditer(text):
                for item in self.name_re.finditer(m.group("list")):
                    add(m.start("list") + item.start(), m.start("list") + item.end(), "PERSON", 62)
        for m in self.colon_list.finditer(text):
            for item in self.name_re.finditer(m.group("list")):
                add(m.start("list") + item.start(), m.start("list") + item.end(), "PERSON", 64)
        for m in self.beijing_re.finditer(text):
            add(m.start(), m.end(), "PLACE", 70, kb_id="北京")
        for m in FIGURE_RE.finditer(text):
            if m.start() > 0 and text[m.start() - 1] in "第.":
                continue
            add(m.start(), m.end(), "FIGURE", 40)
        return cands, nested

    def _known_prefix(self, surface: str, start: int, label: str) -> list[tuple[int, int, str]]:
        """The place or parent body a name nests (四川省成都市 → 四川省, 全国政协党组 → 全国政协): its
        longest proper prefix that the gazetteer knows with the same label, followed by at least 2
        characters (for a body: a part, PART_SUFFIX_RE)."""
        for cut in range(len(surface) - 2, 1, -1):
            if label in self.known.get(surface[:cut], ()) and (label == "PLACE" or (cut >= 3 and PART_SUFFIX_RE.search(surface))):
                return [(start, start + cut, label)]
        return []

    @staticmethod
    def _place_chain(text: str, pos: int) -> list[tuple[int, int]]:
        """The units named right after a known place: 河南省|焦作市|温县, 双流区|永安镇, 屏山镇|河东村."""
        units = []
        while len(units) < 3 and (m := SUB_PLACE_RE.match(text, pos)) and m.group() not in NOT_A_PLACE:
            units.append(m.span())
            pos = m.end()
        return units

    def _extend_person_lists(self, text: str, spans: list[Candidate]) -> list[Candidate]:
        """Names after a recognised person in a 、-list are persons too (李鸿忠、王东明、肖捷)."""
        taken = [(c.start, c.end) for c in spans]
        added: list[Candidate] = []
        for cand in sorted((c for c in spans if c.label == "PERSON"), key=lambda c: c.start):
            pos = cand.end
            while True:
                m = self.person_list_item.match(text, pos)
                if not m or any(s < m.end("name") and m.start("name") < e for s, e in taken):
                    break
                added.append(Candidate(m.start("name"), m.end("name"), "PERSON", 63))
                taken.append((m.start("name"), m.end("name")))
                pos = m.end("name")
        return spans + added

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        regions = self._regions(text)
        cands, nested = self._candidates(text, regions)
        spans = [doc.char_span(c.start, c.end, label=c.label, kb_id=c.kb_id) for c in cands]
        order = {id(s): (c.priority, c.end - c.start) for s, c in zip(spans, cands) if s is not None}
        chosen = sorted(
            (s for s in spans if s is not None), key=lambda s: order[id(s)], reverse=True
        )
        kept: list[Span] = []
        used = [False] * len(doc)
        for span in chosen:
            if not any(used[span.start : span.end]):
                kept.append(span)
                used[span.start : span.end] = [True] * (span.end - span.start)
        kept_cands = [Candidate(s.start_char, s.end_char, s.label_, 0) for s in kept]
        for cand in self._extend_person_lists(text, kept_cands)[len(kept_cands):]:
            span = doc.char_span(cand.start, cand.end, label=cand.label)
            if span is not None and not any(used[span.start : span.end]):
                kept.append(span)
                used[span.start : span.end] = [True] * (span.end - span.start)
        doc.ents = sorted(kept, key=lambda s: s.start)
        doc._.regions = regions
        ents = {(s.start_char, s.end_char) for s in doc.ents}
        doc.spans["nested"] = [  # nested names may nest in one another (the law inside its draft); none across a winner
            s
            for s in (doc.char_span(n[0], n[1], label=n[2], kb_id=n[3] if len(n) > 3 else "") for n in dict.fromkeys(nested) if n[:2] not in ents)
            if s is not None and not any(_crosses(s, e) for e in doc.ents)
        ]
        doc.spans["titles"] = self._titles(doc, text, regions)
        doc.spans["journalists"] = [
            s
            for m in self.journalist_re.finditer(text)
            for item in self.name_re.finditer(m.group("list"))
            if (s := doc.char_span(m.start("list") + item.start(), m.start("list") + item.end())) is not None
        ]
        return doc

    def _titles(self, doc: Doc, text: str, regions: dict[str, str]) -> list[Span]:
        """Office titles in the gaps between entities (全国政协 is the ORG, 主席 the title). A regional
        title without its region (省长) has the government of the one region named as kb_id."""
        bounds = [(0, 0), *((e.start_char, e.end_char) for e in doc.ents), (len(text), len(text))]
        titles = []
        for (_, gap_start), (gap_end, _) in itertools.pairwise(bounds):
            for m in self.title_re.finditer(text, gap_start, gap_end):
                regional = REGIONAL_TITLE_RE.fullmatch(m.group())
                region = regions.get(regional.group("level") or "自治区") if regional else None
                span = doc.char_span(m.start(), m.end(), label="TITLE", kb_id=local_body(region, "人民政府") if region else "")
                if span is not None:
                    titles.append(span)
        return titles


def name_tail(text: str, end: int) -> bool:
    """The name's last character is the next word's: 李高说， 王凯所作的, 安蒙应邀出席."""
    return text[end - 1] == "说" or text[end - 1 : end + 1] in ("所作", "应邀")


def _crosses(a: Span, b: Span) -> bool:
    """The spans overlap and neither contains the other (a loser's nested name cut by a winner)."""
    return a.start_char < b.end_char and b.start_char < a.end_char and not (
        b.start_char <= a.start_char and a.end_char <= b.end_char or a.start_char <= b.start_char and b.end_char <= a.end_char
    )


@Language.factory("zhkg_entity_rules", default_config={"gazetteer_dir": None})
def make_entity_rules(nlp: Language, name: str, gazetteer_dir: str | None) -> EntityRules:
    return EntityRules(load_gazetteer(Path(gazetteer_dir)) if gazetteer_dir else load_gazetteer())
