"""Canonical names and stable ids: one key per real thing, whatever surface form the text used.

Open classes are parsed, not listed: ordinal session names (十四届全国人大二次会议 =
第十四届全国人民代表大会第二次会议), law names (《中华人民共和国X法》 = X法) and drafts; closed
classes (organs, places, known laws) go through the gazetteer's alias tables.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from kg.gazetteer import Gazetteer
from kg.numbers import CN_NUMERAL, cn_to_int, int_to_cn, ordinal

_STRIP = str.maketrans("", "", "《》〈〉“”‘’\"' \u3000")


def clean(surface: str) -> str:
    """A surface form without book-title marks, quotes and spaces (SCHEMA's matching rule)."""
    return surface.translate(_STRIP)


def stable_id(entity_type: str, key: str) -> str:
    """Deterministic id from type and canonical key: the same on every run and machine."""
    digest = hashlib.sha1(f"{entity_type}|{key}".encode("utf-8")).hexdigest()[:16]
    return f"{entity_type.lower()}-{digest}"


@dataclass(frozen=True)
class Canonical:
    """What a mention resolves to: canonical name, the key its id derives from, extra properties."""

    type: str
    name: str
    key: str
    properties: dict = field(default_factory=dict)
    aliases: tuple[str, ...] = ()  # standard short forms worth indexing (besides the surface seen)
    body: str | None = None  # for an Event: the canonical name of the body whose meeting it is
    parent_event: tuple[str, str] | None = None  # (canonical name, key) of the term/congress it belongs to

    @property
    def id(self) -> str:
        return stable_id(self.type, self.key)


# --- ordinal session names ------------------------------------------------------------------------
N = f"(?:{CN_NUMERAL}|\\d+)"
_SESSION_FORMS: list[tuple[str, str]] = [
    # (body code, regex with groups term/num)
    ("NPCSC", rf"第?(?P<term>{N})届全国人民代表大会常务委员会第(?P<num>{N})次会议"),
    ("NPCSC", rf"第?(?P<term>{N})届全国人大常委会第(?P<num>{N})次会议"),
    ("NPC", rf"第?(?P<term>{N})届全国人民代表大会第(?P<num>{N})次会议"),
    ("NPC", rf"第?(?P<term>{N})届全国人大第?(?P<num>{N})次会议"),
    ("NPC", rf"全国人大第?(?P<term>{N})届第?(?P<num>{N})次会议"),
    ("CPPCCSC", rf"全国政协第?(?P<term>{N})届常委会第(?P<num>{N})次会议"),
    ("CPPCC", rf"(?:中国人民政治协商会议|政协)第(?P<term>{N})届全国委员会第(?P<num>{N})次会议"),
    ("CPPCC", rf"全国政协第?(?P<term>{N})届第?(?P<num>{N})次会议"),
    ("PLENUM", rf"(?:中国共产党|中共)?第?(?P<term>{N})届中央委员会第(?P<num>{N})次全体会议"),
    ("PLENUM", rf"(?:党的|中共)?(?P<term>{N})届(?P<num>{N})中全会"),
    ("CONGRESS", rf"(?:中国共产党)?第(?P<term>{N})次全国代表大会"),
    ("CONGRESS", rf"(?:党的|中共)(?P<term>{N})大(?!会)"),
]
# a form found only inside a longer name: 关于政协十三届三次会议以来提案工作情况报告的决议 (not in running text,
# where 江苏省政协十三届三次会议 is a province's)
_NESTED_SESSION_FORMS = [("CPPCC", rf"政协(?P<term>{N})届(?P<num>{N})次会议")]


def _alternatives(forms: list[tuple[str, str]]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{rx})" for _, rx in forms).replace("?P<term>", "?:").replace("?P<num>", "?:"))


SESSION_RE = _alternatives(_SESSION_FORMS)
NESTED_SESSION_RE = _alternatives(_SESSION_FORMS + _NESTED_SESSION_FORMS)
_SESSION_PARSERS = [(code, re.compile(rx)) for code, rx in _SESSION_FORMS + _NESTED_SESSION_FORMS]

_BODIES = {
    "NPC": "全国人民代表大会",
    "NPCSC": "全国人民代表大会常务委员会",
    "CPPCC": "中国人民政治协商会议全国委员会",
    "CPPCCSC": "中国人民政治协商会议全国委员会常务委员会",
    "PLENUM": "中国共产党中央委员会",
    "CONGRESS": "中国共产党",
}


def _session(code: str, term: int, num: int) -> Canonical:
    t, n = int_to_cn(term), (int_to_cn(num) if num else "")
    names = {
        "NPC": (f"第{t}届全国人民代表大会第{n}次会议", (f"{t}届全国人大{n}次会议",), "session"),
        "NPCSC": (f"第{t}届全国人民代表大会常务委员会第{n}次会议", (f"{t}届全国人大常委会第{n}次会议",), "session"),
        "CPPCC": (f"中国人民政治协商会议第{t}届全国委员会第{n}次会议", (f"全国政协{t}届{n}次会议",), "session"),
        "CPPCCSC": (f"中国人民政治协商会议第{t}届全国委员会常务委员会第{n}次会议", (f"全国政协{t}届常委会第{n}次会议",), "session"),
        "PLENUM": (f"中国共产党第{t}届中央委员会第{n}次全体会议", (f"{t}届{n}中全会",), "plenary"),
        "CONGRESS": (f"中国共产党第{t}次全国代表大会", (f"党的{t}大",), "session"),
    }
    name, aliases, kind = names[code]
    parent = None
    if code in ("NPC", "NPCSC"):
        parent = (f"第{t}届全国人民代表大会", f"term|NPC|{term}")
    elif code in ("CPPCC", "CPPCCSC"):
        parent = (f"中国人民政治协商会议第{t}届全国委员会", f"term|CPPCC|{term}")
    elif code == "PLENUM":
        parent = (f"中国共产党第{t}届中央委员会", f"term|CC|{term}")
    key = f"session|{code}|{term}|{num}" if code != "CONGRESS" else f"session|CONGRESS|{term}"
    return Canonical("Event", name, key, {"kind": kind}, aliases, _BODIES[code], parent)


def parse_session(surface: str) -> Canonical | None:
    """Parse an ordinal session name into its structured key, or None if it is not one."""
    text = clean(surface)
    for code, rx in _SESSION_PARSERS:
        m = rx.fullmatch(text)
        if m:
            num = cn_to_int(m.group("num")) if code != "CONGRESS" else 0
            return _session(code, cn_to_int(m.group("term")), num)
    return None


# --- provinces' and cities' own bodies and congresses ----------------------------------------------
# 广东省委 / 广东省人大常委会 / 四川省政府 …: the suffix after a place and the body's name pattern
LOCAL_BODIES = {
    "省委": "中国共产党{}委员会", "市委": "中国共产党{}委员会", "县委": "中国共产党{}委员会", "区委": "中国共产党{}委员会",
    "州委": "中国共产党{}委员会", "党委": "中国共产党{}委员会",
    "人大常委会": "{}人民代表大会常务委员会", "人民代表大会常务委员会": "{}人民代表大会常务委员会",
    "人大": "{}人民代表大会", "人民代表大会": "{}人民代表大会",
    "人民政府": "{}人民政府", "政府": "{}人民政府",
    "高级人民法院": "{}高级人民法院", "中级人民法院": "{}中级人民法院", "人民检察院": "{}人民检察院",
    "政协": "中国人民政治协商会议{}委员会",
    "纪委": "中国共产党{}纪律检查委员会", "监委": "{}监察委员会", "监察委员会": "{}监察委员会",
}
_LOCAL_SESSION_RE = re.compile(
    rf"(?P<place>.+?(?:省|市|自治区|县|区|州))(?:第?(?P<term>{N})届人民代表大会第?(?P<num>{N})次会议|(?P<t2>{N})届人大(?P<n2>{N})次会议)"
)


BRIEFINGS = "新闻发布会|发布会|记者会|吹风会|新闻通气会"  # a briefing held by a body is named after it


def local_body(place: str, suffix: str) -> str:
    """广东省 + 省委 → 中国共产党广东省委员会; 四川省 + 政府 → 四川省人民政府."""
    return LOCAL_BODIES[suffix].format(place)


_LOCAL_CPPCC_SESSION_RE = re.compile(rf"(?P<place>.+?(?:省|市|自治区|县|区|州))政协(?P<term>{N})届(?P<num>{N})次会议")
_LOCAL_PLENUM_RE = re.compile(rf"(?P<place>.+?(?:省|市|自治区|县|区|州))委(?P<term>{N})届(?P<num>{N})次全会")


def local_session(surface: str) -> Canonical | None:
    """广东省十四届人大二次会议 → 广东省第十四届人民代表大会第二次会议 (held by 广东省人民代表大会);
    江苏省政协十三届三次会议 → 中国人民政治协商会议江苏省第十三届委员会第三次会议;
    浙江省委十五届五次全会 → 中国共产党浙江省第十五届委员会第五次全体会议 (held by 中国共产党浙江省委员会)."""
    text = clean(surface)
    if m := _LOCAL_SESSION_RE.fullmatch(text):
        place = m.group("place")
        term, num = ordinal(m.group("term") or m.group("t2")), ordinal(m.group("num") or m.group("n2"))
        termed, body = f"{place}第{term}届人民代表大会", f"{place}人民代表大会"
    elif m := _LOCAL_CPPCC_SESSION_RE.fullmatch(text):
        place = m.group("place")
        term, num = ordinal(m.group("term")), ordinal(m.group("num"))
        termed, body = f"中国人民政治协商会议{place}第{term}届委员会", f"中国人民政治协商会议{place}委员会"
    elif m := _LOCAL_PLENUM_RE.fullmatch(text):
        place = m.group("place")
        termed = f"中国共产党{place}第{ordinal(m.group('term'))}届委员会"
        name = f"{termed}第{ordinal(m.group('num'))}次全体会议"
        return Canonical("Event", name, f"event|{name}", {"kind": "plenary"}, body=f"中国共产党{place}委员会", parent_event=(termed, f"event|{termed}"))
    else:
        return None
    name = f"{termed}第{num}次会议"
    return Canonical("Event", name, f"event|{name}", {"kind": "session"}, body=body, parent_event=(termed, f"event|{termed}"))


def term_event(name: str, key: str) -> Canonical:
    """The term (届) a session belongs to, as the Event its sessions are PART_OF."""
    return Canonical("Event", name, key, {"kind": "other"})


_EVENT_KINDS = [
    ("briefing", ("发布会", "吹风会", "通气会", "见面会")),
    ("summit", ("峰会",)),
    ("plenary", ("全体会议", "全会")),
    ("conference", ("大会", "论坛", "博览会", "研讨会", "年会")),
    ("meeting", ("会议", "座谈会", "会")),
]


def event_kind(name: str) -> str:
    for kind, suffixes in _EVENT_KINDS:
        if name.endswith(suffixes):
            return kind
    return "other"


# --- policies -------------------------------------------------------------------------------------
_AMENDING_RE = re.compile(r"(?P<law>.+?法)(?:修正|修改)决定|关于修改(?P<named>.+?法)的决定")
_DRAFT_RE = re.compile(r"^(?P<law>.+?法)(?P<draft>(?:修订|修正)?草案(?:二审稿|三审稿)?)$")

_POLICY_KINDS = [
    ("draft", ("草案", "审稿")),
    ("law", ("法",)),
    ("regulation", ("条例", "办法", "规定", "细则", "规则", "规章")),
    ("plan", ("规划", "计划", "纲要", "方案", "预算")),
    ("strategy", ("战略",)),
    ("report", ("报告", "蓝皮书", "白皮书", "公报")),
    ("decision", ("决定", "决议", "主席令", "命令")),
    ("opinion", ("意见", "指导意见", "通知", "措施")),
    ("campaign", ("专项行动", "行动", "活动")),
    ("initiative", ("倡议", "工程")),
]


def policy_kind(name: str) -> str:
    for kind, suffixes in _POLICY_KINDS:
        if name.endswith(suffixes):
            return kind
    return "other"


def _law(name: str, gaz: Gazetteer) -> str:
    """The canonical name of a law: the gazetteer's, else 中华人民共和国X法 when that is listed."""
    entry = gaz.lookup(name, "Policy") or gaz.lookup("中华人民共和国" + name, "Policy")
    return entry.name if entry else name


_AGENDA_RE = re.compile(r"(?P<session>.+?)(?P<what>议程(?:草案)?|政治决议|决议|报告)")


def canonical_policy(surface: str, gaz: Gazetteer) -> Canonical:
    name = re.sub(r"（((?:修订|修正)?草案)）$", r"\1", clean(surface))  # …组织法（修正草案） → …组织法修正草案
    agenda = _AGENDA_RE.fullmatch(name)
    session = parse_session(agenda.group("session")) if agenda else None
    if session is not None:  # 十四届全国人大二次会议议程草案, 党的二十大报告: the session's full name
        canonical = session.name + agenda.group("what")
        kind = "draft" if canonical.endswith("草案") else "decision" if canonical.endswith("决议") else "report" if canonical.endswith("报告") else "other"
        return Canonical("Policy", canonical, f"policy|{canonical}", {"kind": kind}, (name,))
    m = _AMENDING_RE.fullmatch(name)
    if m:  # a headline's 地方组织法修正决定 is the decision 关于修改《…组织法》的决定
        canonical = f"关于修改{_law(m.group('law') or m.group('named'), gaz)}的决定"  # 关于修改统计法的决定 too
        return Canonical("Policy", canonical, f"policy|{canonical}", {"kind": "decision"}, (name,))
    m = _DRAFT_RE.match(name)
    if m:
        law = _law(m.group("law"), gaz)
        draft = m.group("draft")
        draft = re.sub(r"(二审稿|三审稿)$", "", draft) or "草案"
        canonical = law + draft
        return Canonical("Policy", canonical, f"policy|{canonical}", {"kind": "draft", "draft_of": law})
    canonical = _law(name, gaz)
    entry = gaz.lookup(canonical, "Policy")
    kind = entry.properties.get("kind") if entry else None
    aliases = entry.aliases if entry else ()
    props = {"kind": kind or policy_kind(canonical)}
    base = re.sub(r"草案$", "", canonical)
    if props["kind"] == "draft" and base != canonical and len(base) >= 4:  # 2024年中央和地方预算草案: its draft
        props["draft_of"] = base
    return Canonical("Policy", canonical, f"policy|{canonical}", props, aliases)


# --- everything else ------------------------------------------------------------------------------
def canonical_named(entity_type: str, surface: str, gaz: Gazetteer) -> Canonical:
    """Organizations, places and persons: the gazetteer's canonical name, else the cleaned surface."""
    name = clean(surface)
    entry = gaz.lookup(name, entity_type)
    props: dict = {}
    aliases: tuple[str, ...] = ()
    if entry:
        name, aliases = entry.name, entry.aliases  # the known short forms help lookups (保密法)
        if "kind" in entry.properties:
            props["kind"] = entry.properties["kind"]
    elif entity_type == "Organization":
        props["kind"] = _org_kind(name)
        if name.startswith("中国共产党") and name.endswith("委员会") and len(name) > 8:
            aliases = ("中共" + name[5:],)  # 中国共产党江苏省委员会 is also written 中共江苏省委员会
    return Canonical(entity_type, name, f"{entity_type.lower()}|{name}", props, aliases)


_ORG_KINDS = [
    ("legislature", ("人大", "人民代表大会", "常务委员会", "代表团")),
    ("judiciary", ("法院",)),
    ("procuratorate", ("检察院",)),
    ("military", ("部队", "军区", "战区", "解放军")),
    ("company", ("公司", "集团", "银行", "企业")),
    ("party", ("党委", "党组", "纪委", "党支部")),
    ("government", ("部", "委员会", "局", "署", "办公室", "厅", "政府", "中心")),
    ("social", ("协会", "学会", "联合会", "大学", "学院", "基金会", "研究院")),
]


def _org_kind(name: str) -> str:
    for kind, suffixes in _ORG_KINDS:
        if name.endswith(suffixes):
            return kind
    return "other"


def canonical_event(surface: str, date: str | None, gaz: Gazetteer) -> Canonical:
    """An event: a parsed session, a body's numbered meeting, or a named event on a date."""
    session = parse_session(surface) or local_session(surface)
    if session:
        return session
    name = clean(surface)
    m = re.fullmatch(
        rf"(?:第?(?P<term>{N})届)?(?P<body>.+?)(?P<year>\d{{4}}年)?第(?P<num>{N})(?:次(?P<rest>会议|全体会议|委员长会议|主席会议|主任会议|常务会议|集体学习)"
        rf"|讲(?P<lecture>专题讲座))",
        name,
    )
    if m:  # 十四届全国人大常委会第十七次委员长会议 → 第十四届全国人民代表大会常务委员会第十七次委员长会议
        body = canonical_named("Organization", m.group("body"), gaz).name
        term = f"第{ordinal(m.group('term'))}届" if m.group("term") else ""
        num = f"第{ordinal(m.group('num'))}" + (f"次{m.group('rest')}" if m.group("rest") else f"讲{m.group('lecture')}")
        party = re.fullmatch(r"中国共产党(?P<organ>.+)", body)
        if term and party:  # 二十届中央纪委四次全会 → 中国共产党第二十届中央纪律检查委员会第四次全体会议, of that term
            termed = f"中国共产党{term}{party.group('organ')}"
            canonical = termed + num
            return Canonical("Event", canonical, f"event|{canonical}", {"kind": "meeting"}, body=body, parent_event=(termed, f"event|{termed}"))
        canonical = f"{term}{body}{m.group('year') or ''}{num}"  # …领导小组2025年第二次会议
        return Canonical("Event", canonical, f"event|{canonical}", {"kind": "meeting"}, body=body)
    m = re.fullmatch(rf"(?P<body>.+?)(?P<rest>常务会议|全体会议|党组会议|会议|{BRIEFINGS})", name)
    body = gaz.lookup(m.group("body"), "Organization") if m else None
    if body is not None:  # 中共中央政治局会议 → 中国共产党中央委员会政治局会议, held by that body
        canonical = body.name + m.group("rest")
        return Canonical("Event", canonical, f"event|{canonical}|{date or ''}", {"kind": event_kind(m.group("rest"))}, (name,), body=body.name)
    # an unnumbered event is only the same event on the same day
    key = f"event|{name}|{date or ''}"
    props = {"kind": event_kind(name)}
    return Canonical("Event", name, key, props)


def canonical_figure(surface: str, value: float, unit: str, measure: str, date: str | None, doc_id: str) -> Canonical:
    """A reported figure: one per value, unit and date (per article when the date is unknown)."""
    key = f"figure|{value:.12g}|{unit}|{date or doc_id}"
    props = {"value": value, "unit": unit, "measure": measure}
    if date:
        props["date"] = date
    return Canonical("Figure", clean(surface), key, props)
