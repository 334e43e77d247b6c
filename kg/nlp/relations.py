"""``zhkg_relation_rules``: sentence-level rules that relate the spans of ``doc.ents``.

Writes ``doc._.relations`` (a list of :class:`SpanRelation`) and ``doc._.session_of`` (a sitting
such as 第一次全体会议 or 开幕会 → the session span it belongs to, so that it is folded into it).
A relation's ends are spans, or a :class:`NamedRef` where the text implies an entity by a title
alone (委员长 → 全国人民代表大会常务委员会).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.canonical import SESSION_RE, N, canonical_named
from kg.gazetteer import Gazetteer, load_gazetteer
from kg.nlp.entities import SITTING_RE, SUB_EVENT_RE

CLAUSE_BREAK = re.compile(r"[，。；：！？\n]")
SENTENCE_RE = re.compile(r"[^。！？；\n]*(?:[。！？；\n]|$)")  # a sentence with its end mark


@dataclass(frozen=True)
class NamedRef:
    """An entity the text names only implicitly (by an office title)."""

    type: str
    name: str


End = tuple[int, int] | NamedRef  # a span's (start_char, end_char) or a named reference


@dataclass
class SpanRelation:
    type: str
    source: End
    target: End
    sentence: tuple[int, int]
    extractor: str
    confidence: float
    properties: dict = field(default_factory=dict)


for _name, _default in (("relations", None), ("session_of", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)

ROLE_VERBS = [("列席", "nonvoting"), ("就座", "rostrum"), ("旁听", "guest"), ("应邀", "guest"), ("出席", "attendee"), ("参加", "attendee"), ("到会", "attendee"), ("步入会场", "attendee"), ("听取讲座", "attendee"),
              ("举行会谈", "attendee"), ("举行会晤", "attendee"), ("举行欢迎仪式", "attendee"), ("举行欢迎宴会", "attendee")]
SPEECH_RE = re.compile(
    r"作(?P<about>[^，。；]{0,40}?)(?:报告|说明|汇报|总结|讲座|辅导)|(?<!系列重要)讲话(?!精神|和重要指示)|发言|致辞|演讲|宣布|报告工作|作报告"
    r"|(?:会上|时)(?:强调|指出|表示|要求)|通报了|作了?回应|宣读|授课|进行讲解|(?<!听取)汇报(?=了|有关|工作)|的汇报"
)
CONVENES_RE = re.compile(r"召开|举行")
CONVENED_RE = re.compile(r"(?:召开|举行)?[了的]?")  # between 主持 and the meeting it names (主持召开…会议, 主持召开的…会议)
AT_EVENT_RE = re.compile(r"上[，,]|上的")
SAID_AT_RE = re.compile(rf"{SPEECH_RE.pattern}|强调|指出|谈到")
SAME_SUBJECT_RE = re.compile(r"在会上|会上|并在|并")
# 崔铁军、高纪凡等6位代表 / 李松6位代表 / 孙绍骋代表 / 王小明等代表 (not 代表团, 委员会, 委员长, 代表们)
COUNTED_LIST_RE = re.compile(r"(?:等?(?:\d+|[一二三四五六七八九十]+)位|等)?(?P<title>代表|委员)(?![团会长们])")
# a post in a title chain at a delegation's meeting: 代表团团长、省委书记; 代表、…董事长 (at the chain's start)
DELEGATION_POST_RE = re.compile(r"(?:(?<![\u4e00-\u9fff])|(?<=[由在的]))(?:代表团(?P<post>副?团长)|代表(?=、))")
DELEGATION_OF_RE = re.compile(r"(.+代表团)(?:审议|全体会议|开放团组活动)")
CPPCC_EVENT_RE = re.compile(r"联组会|政协|政治协商会议")
BRIEFING_RE = re.compile(r"发布会|吹风会|记者会|通气会")
# what a spokesperson at a briefing, or a deputy at a deliberation, says there
FLOOR_SPEECH_RE = re.compile(rf"{SPEECH_RE.pattern}|介绍|表示|(?<![据听])说|谈了|谈到|讲述|提出建议|建议|认为|呼吁|强调|指出")
# what a deputy or a CPPCC member says, wherever it is said (not 会议/全会认为: no person before it)
MEMBER_SPEECH_RE = re.compile(r"提出建议|建议|呼吁|(?<![据听])说|认为|讲述|谈了")
MEMBER_TITLE_RE = re.compile(r"(?:政协|人大)(?:常委|委员|代表)(?![会团])")
# a meeting whose floor is the participants' (what a member says at a 座谈会 is said there)
DISCUSSION_RE = re.compile(r"座谈会|研讨会|协商会|交流会")
UNNAMED_POST_RE = re.compile(r"(?:常务)?副?(?:省长|市长|院长|检察长|主席|主任|部长|厅长|局长|书记|秘书长|委员|组成人员)(?=，|等|列席|出席)")
# 国家监察委员会负责同志, 国务院各部委、各直属机构主要负责同志: officials of the body (the rest of its clause)
BODY_SPEAKS_RE = re.compile(r"(?:分别|先后|依次)?作了?(?:交流|典型|大会)?发言")  # a body's delegate speaks: the body attends
ORG_LIST_RE = re.compile(r"[、和]")
BODY_ATTENDS_RE = re.compile(r"[^，。；]{0,60}?(?:负责同志|负责人)")
ATTENDANCE_COUNT_RE = re.compile(r"出席|实到|列席|缺席|应出席")
REGION_WIDE_RE = re.compile(r"(?:全|我)(?P<level>省|市)")  # 全省地区生产总值, 我市
COUNTRY_RE = re.compile(r"我国|中国(?![共人航])")
REVIEW_RE = re.compile(r"审议|听取|审查|讨论")
TO_SESSION_RE = re.compile(r"向(?:大会|会议)(?:作|提交|报告)")  # what is laid before the session, it reviews
PLEASE_REVIEW_RE = re.compile(r"(?:提请|请)(?:大会|会议)?(?:审议|审查)")  # …的报告，请大会审查
ADOPT_RE = re.compile(r"表决通过|审议通过|通过|批准")
ISSUE_RE = re.compile(r"发布|印发|出台|公布|颁布|签署|提出|制定")
ISSUER_JOINS = re.compile(r"[、和与]|以及")
# a title led by its authors: A和B关于…, A和B联合声明 (one author only when the statement is joint by name)
TITLE_AUTHORS_RE = re.compile(r"(?P<authors>[^关]{2,40}?)(?:关于|(?P<joint>联合声明|联合公报)$)")
AUTHOR_JOINERS = "和、与及 "
FOREIGN_BODY_RE = re.compile(r"[^\W\d_]{1,8}(?:部|局|署|委员会)")
AUTHOR_JOINS = re.compile(r"[、\s和]?")  # (中共中央国务院关于…: none once spaces are gone)
PARTY_ORGAN_RE = re.compile(r"(?:党委|党组)$")
LOCAL_PARTY_COMMITTEE_RE = re.compile(r"中国共产党.+[省市县区州盟]委员会")  # 省委常委 → its 常务委员会
ORGANIZE_RE = re.compile(r"召开|举办|主办|举行")
DATELINE_RE = re.compile(r"(?:新华社|本报)[^，。；]{0,14}?电")
SINCE_RE = re.compile(r"\s*自[^，。；]*?以来")
NOT_NOW_RE = re.compile(r"以来|精神|期间|以前|之前|召开以来|闭幕后|的|提出|确定|作出|部署|报告|决策|(?:审议)?通过的|上通过")  # 三中全会通过的《决定》
# 任命王毅为外交部部长 / 免去秦刚的外交部部长职务: the post is the text up to the clause's end (or 职务)
APPOINT_RE = re.compile(r"(?P<verb>任命|免去)(?P<who>[^，。；、为的]{2,8}?)(?:为|的)(?P<post>[^，。；]+?)(?:职务)?(?=[，。；、]|$)")
NAME_LIST_RE = re.compile("、")  # between two names of a list
SPEAKER_JOIN_RE = re.compile(r"(?:代表|委员)?(?:、|和|及|，?以及)[^\s，。；、：]{0,16}")  # between two names of a list of speakers (with titles)
# …before 分别/先后/依次: items may be whole title chains after a comma (市长邵明哲，市委常委、市纪委书记韩卫东分别发言)
EACH_JOIN_RE = re.compile(r"(?:代表|委员)?(?:、|和|及|，|，?以及)[^\s，。；：]{0,24}")
EACH_RE = re.compile(r"分别|先后|依次")
TERM_RE = re.compile(rf"第?{N}届全国人民代表大会|(?:中国人民政治协商会议|政协)第{N}届全国委员会|(?:中国共产党|中共)第{N}届中央委员会")  # no meeting
ATTENDS_VERB_RE = re.compile(r"(?:出席|参加|列席)(?!并)")  # (not 出席并主持: the same person)
JOINTLY_RE = re.compile(r"共同|分别")
# not 主持火箭军全面工作 (leads a body's work), 主持完成的课题 (led a project), 主持编写; but 主持召开…工作会议
PRESIDE_RE = re.compile(
    r"主持(?!日常|完成|编写|编制|起草|研究|设计|承担|开展"
    r"|(?:(?!召开|会议|作)[^，。；、\s]){0,10}?(?:工作|项目|课题)(?=[，。；、\s）)的]|研究|$))"
    r"(?:(?P<after>(?:人|者)(?:为|是|：|:))|(?P<who>(?!召开|举行)[^，。；、\s]{1,6}?的))?"  # 主持人为李强; 主持学习的市委书记周立衡
)
NO_SITTINGS_RE = re.compile(r"(?:讲座|发布会|吹风会|记者会|仪式|宴会|会谈|会晤|集体学习|访问)$")  # no 闭幕会 of theirs
ASIDE_RE = re.compile(
    r"\s*(?:此前|之前|会前|早在|(?:今年|去年|\d{4}年)?(?P<month>\d{1,2})月(?P<day>\d{1,2}日)?(?:上午|下午|晚)?|(?P<bare>\d{1,2}日)(?:上午|下午|晚)?)(?:[，,]|(?<=日|午|晚)(?:举行|召开)的)"
)
MONTH_RE = re.compile(r"\d{1,2}月")
MONTH_DAY_RE = re.compile(r"(?P<month>\d{1,2})月(?P<day>\d{1,2}日)")
PART_OF_DAY_RE = re.compile(r"(?:当天|当日|\d{1,2}日)?(?:上午|下午|晚上)?的")
DECIDES_RE = re.compile(r"(?:决定|建议|同意)[，,：:]?$")
REPORTED_RE = re.compile(r"(?:介绍|表示|指出|强调|认为|(?<![据听])说)[，,：:]")
JOINS_RE = re.compile(r"(?:参加|出席|列席|主持|进行|(?<![为将要])(?:召开|举行|举办))(?:了|的)?$")  # 并参加联组会: the event someone takes part in now
LAW_HISTORY_RE = re.compile(
    rf"(?P<y>\d{{4}})年(?P<m>\d{{1,2}})月(?P<d>\d{{1,2}})日(?P<session>{SESSION_RE.pattern})(?:第.次)?(?:通过|修订|修正)"
)
INSPECTION_KB_RE = re.compile(r"(.+?)在.+(?:考察|调研|视察)")
SCENE_RE = re.compile(r"在(?:(?:参加|出席|主持|考察)[^，。；]*)?")  # 在参加…时: a scene the sentence opens
SCENE_END_RE = re.compile(r"[^，。；]*?时[，,]")
NARRATIVE_LEAD_RE = re.compile(r"\s*(?:当天|当日|会后|随后|此后|\d{1,2}日)(?:上午|下午|晚上?)?[，,]")
HEAD_ANAPHOR_RE = re.compile(r"\s*(?P<head>报告会|座谈会|发布会|研讨会|仪式|宴会|讲座)(?=由|在|上|于|，)")  # 报告会由…主持
ATTENDS_AND_SPEAKS_RE = re.compile(r"(?:出席|参加)[^，。；]{0,12}?并(?:发表)?$")  # …出席会议并讲话
DAY_LEAD = r"\s*(?:\d{1,2}日(?:上午|下午|晚上?)?[，,]?)?"  # 8日下午，
ASSEMBLY_SUBJECT_RE = re.compile(DAY_LEAD + r"大会(?!主席团|秘书处|发言|堂)")  # the session itself
PLENUM_SUBJECT_RE = re.compile(DAY_LEAD + r"全会(?!精神)")  # 8日下午，全会举行…
PLENARY_RE = re.compile(r"全会$|第.{1,3}次全体会议$")
TAKES_PLACE_RE = re.compile(r"[^，。；]{0,16}?(?:举行|开幕|闭幕|召开)(?![会式])")  # (not 列席…开幕会: a sitting)
VENUE_RE = re.compile(r"[^\W\d_]{1,12}?(?:大楼|大厦|会展中心|会议中心|宾馆|饭店|礼堂|大厅|广场|宫|基地)")
CITY_RE = re.compile(r"市$|^(?:北京|上海|天津|重庆)$")
REGION_RE = re.compile(r"(?:省|市|县|区|州|自治区|特别行政区|镇|村)$|^(?:北京|上海|天津|重庆|京|沪|津|渝)$")
HELD_RE = re.compile(r"在(?P<where>[^，。；]{1,20}?)(?:隆重)?(?:举行|召开|开幕|闭幕|举办)")


def _named(event: Span) -> str:
    """An event's name: its kb_id when the rule named it (全体会议 of 山东代表团…举行全体会议), else its text."""
    return event.kb_id_ or event.text


def _another_day(aside: re.Match[str], reported: tuple[str, str]) -> bool:
    """此前，/ 今年4月，/ 7月16日，/ 12日下午， (ASIDE_RE) tells of a day other than the dateline's (month, day)."""
    month, day, bare = aside.group("month", "day", "bare")
    if bare is not None:
        return bare != reported[1]
    return month is None or month != reported[0] or (day is not None and day != reported[1])


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """Sentence boundaries: after 。！？； and at line ends."""
    for m in SENTENCE_RE.finditer(text):
        if m.group().strip():
            yield m.start(), m.end()


def _clause_span(text: str, pos: int, lo: int, hi: int) -> tuple[int, int]:
    a = max((m.end() for m in CLAUSE_BREAK.finditer(text, lo, pos)), default=lo)
    m = CLAUSE_BREAK.search(text, pos, hi)
    return a, (m.start() if m else hi)


def _key(span: Span) -> tuple[int, int]:
    return span.start_char, span.end_char


class RelationRules:
    def __init__(self, gazetteer: Gazetteer):
        self.gaz = gazetteer
        self._authors: dict[str, NamedRef | None] = {}  # _author's answers: a title is parsed in every sentence naming it

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        rels: list[SpanRelation] = []
        session_of: dict[tuple[int, int], tuple[int, int]] = {}
        current: Span | None = None  # the event the article is about at this point
        plenary: Span | None = None  # the last plenary that was current (what the bare subject 全会 names)
        session: Span | None = None  # the session under way (not a delegation's meeting within it)
        ents = list(doc.ents)  # in text order
        starts = [e.start_char for e in ents]
        titles = list(doc.spans["titles"])
        journalists = {_key(s) for s in doc.spans["journalists"]}
        nested = list(doc.spans["nested"])
        tours: list[SpanRelation] = []  # (listed after the sentences' other relations)
        regions = doc._.regions or {}  # (the entity rules': the one province and city the article names)
        aside_event: Span | None = None  # the event the sentence before told in passing (ASIDE_RE, DECIDES_RE)
        reported: tuple[str, str] | None = None  # the dateline's (month, day) when the article reports a meeting it names
        for lo, hi in sentences(text):
            s_ents = [e for e in ents[bisect_left(starts, lo) : bisect_left(starts, hi)] if e.end_char <= hi]
            events = [e for e in s_ents if e.label_ == "EVENT" and not SITTING_RE.fullmatch(e.text) and not TERM_RE.fullmatch(e.text)]
            sessions = [e for e in events if not SUB_EVENT_RE.fullmatch(_named(e))]
            under_way = session  # before this sentence
            subject = next((e for e in events if self._is_subject(text, e, lo)), None)
            parent = None  # 十四届全国人大二次会议江西代表团6日上午…举行全体会议: the session names the meeting's
            if subject is not None and subject in sessions and (sub := next((e for e in events if SUB_EVENT_RE.fullmatch(_named(e))), None)):
                parent, subject = subject, sub
            if subject is None and current is None:  # nothing current yet: any event not merely referred to
                subject = next((e for e in events if not NOT_NOW_RE.match(text, e.end_char)), None)
            if subject is None and PLENUM_SUBJECT_RE.match(text, lo):  # 全会举行闭幕会 after another session was named
                subject = plenary
            # 会议决定，常委会第六次会议于…举行: a meeting decided on, and in a report on a meeting (its dateline
            # names it) 今年4月，蔡奇主持召开…; 此前，…: one someone held on another day, is the event of its sentence only
            aside = ASIDE_RE.match(text, lo) if reported is not None else None
            decided = subject is not None and current is not None and DECIDES_RE.search(text, lo, subject.start_char) is not None
            planned = subject is not None and current is not None and (
                decided  # (or one held in another month, described: 11月在上海举办的第七届进博会, 6月14日召开的…会议由…主持)
                or (text[subject.start_char - 1] == "的" and MONTH_RE.search(text, _clause_span(text, subject.start_char, lo, hi)[0], subject.start_char) is not None)
                # (not a scene dated by its month the article turns to: 2014年2月，中央网络安全…第一次会议召开。;
                # but 14日下午，大会主席团第三次会议…举行 in a report dated the 15th is an aside)
                or (aside is not None and _another_day(aside, reported)
                    and (aside.group("month") is None or subject.start_char - _clause_span(text, subject.start_char, lo, hi)[0] > 2))
            )
            if not planned:
                current = subject or current
                if current is not None and PLENARY_RE.search(_named(current)):
                    plenary = current
                if current is not None and not SUB_EVENT_RE.fullmatch(_named(current)) and not NO_SITTINGS_RE.search(_named(current)):
                    session = current
                elif parent is not None:  # (its 开幕会, 大会 are the session's)
                    session = parent
            if current is not None and reported is None and (dateline := DATELINE_RE.search(text, lo, hi)):
                day = MONTH_DAY_RE.search(dateline.group())  # (the meeting the headline or this sentence names)
                reported = (day.group("month"), day.group("day")) if day else ("", "")
            for e in s_ents:  # sittings and the presidium belong to the session under way
                if (e.label_ == "EVENT" and SITTING_RE.fullmatch(e.text)) or e.kb_id_ == "presidium":
                    # the session named before it in the sentence, else the one under way (闭幕会后，…召开委员长会议)
                    before = [x for x in sessions if x.end_char <= e.start_char]
                    host = before[0] if before and e.label_ == "EVENT" else under_way or session
                    if host is not None:
                        session_of[_key(e)] = _key(host)
                elif e.label_ == "EVENT" and SUB_EVENT_RE.fullmatch(_named(e)):
                    host = next((x for x in reversed(sessions) if x.end_char <= e.start_char), session)
                    if host is not None:
                        rels.append(SpanRelation("PART_OF", _key(e), _key(host), (lo, hi), "sub-event", 0.85))
            event = None if SINCE_RE.match(text, lo) else subject if planned else current  # 自首届…以来，习近平…: years
            if decided and PRESIDE_RE.search(text, lo, subject.start_char):
                event = current  # 赵乐际主持决定常委会第十一次会议…举行: who presides over the deciding meeting
            head = HEAD_ANAPHOR_RE.match(text, lo) if subject is None and aside_event is not None else None
            if head and _named(aside_event).endswith(head.group("head")):  # 18日晚，会议举行…报告会。报告会由…主持: that one
                event = aside_event
            aside_event = subject if planned else None  # (for the next sentence only)
            sitting = next((e for e in s_ents if e.label_ == "EVENT" and _key(e) in session_of), None) if subject is None else None
            if sitting is not None:  # 闭幕会以…表决通过 after another event was named: the sitting's session (this sentence)
                event = sitting
            elif event is current and session is not None and current is not session and ASSEMBLY_SUBJECT_RE.match(text, lo):
                event = session  # 11日，大会表决通过了宪法修正案 in a report on a delegation's meeting: the session
            s_titles = [t for t in titles if lo <= t.start_char and t.end_char <= hi]
            persons = [e for e in s_ents if e.label_ == "PERSON" and _key(e) not in journalists]
            s_nested = [n for n in nested if lo <= n.start_char and n.end_char <= hi]
            ctx = _Sentence(text, lo, hi, s_ents, persons, event, s_nested, regions)
            appointed = self._appointments(ctx, s_titles)
            rels += appointed + self._positions(ctx, s_titles, {r.source for r in appointed}) + self._members(ctx)
            if event is not None:
                presided = self._presided(ctx)
                presiders = {r.source for r in presided}
                rels += presided + self._attended(ctx, presiders) + self._spoke(ctx, presiders)
                rels += self._reviewed_adopted(ctx)
            rels += self._held_in(ctx) + self._issued(ctx) + self._organized(ctx) + self._measures(ctx)
            tours += self._inspections(ctx)
        rels += tours + self._law_history(text, ents)
        doc._.relations = rels
        doc._.session_of = session_of
        return doc

    @staticmethod
    def _law_history(text: str, ents: list[Span]) -> list[SpanRelation]:
        """A law's text under its title: （1988年9月5日第七届全国人民代表大会常务委员会第三次会议通过 …第一次修订）
        — each session ADOPTED the law (the first policy, its title) on that date."""
        law = next((e for e in ents if e.label_ == "POLICY"), None)
        if law is None or law.start_char > 5:
            return []
        out = []
        for m in LAW_HISTORY_RE.finditer(text, law.end_char, law.end_char + 600):
            session = next((e for e in ents if e.label_ == "EVENT" and e.start_char == m.start("session")), None)
            if session is not None:
                date = f"{int(m.group('y')):04d}-{int(m.group('m')):02d}-{int(m.group('d')):02d}"
                out.append(SpanRelation("ADOPTED", _key(session), _key(law), (law.start_char, m.end()), "law-history", 0.9, {"date": date}))
        return out

    @staticmethod
    def _inspections(ctx: _Sentence) -> list[SpanRelation]:
        """An inspection tour (kb_id 习近平在甘肃考察): its inspector ATTENDED it, it is HELD_IN the places it names."""
        out = []
        for e in ctx.ents:
            m = INSPECTION_KB_RE.fullmatch(e.kb_id_) if e.label_ == "EVENT" else None
            if m is None:
                continue
            person = next((p for p in ctx.ents if p.label_ == "PERSON" and p.text == m.group(1)), None)
            if person is not None:
                out.append(ctx.rel("ATTENDED", _key(person), _key(e), "inspection", 0.8, {"role": "attendee"}))
            for place in (p for p in [*ctx.ents, *ctx.nested] if p.label_ == "PLACE" and e.start_char <= p.start_char and p.end_char <= e.end_char):
                out.append(ctx.rel("HELD_IN", _key(e), _key(place), "inspection", 0.8))
        return out

    @staticmethod
    def _is_subject(text: str, event: Span, lo: int) -> bool:
        """An event the sentence is about: it opens a clause, or it is said to take place."""
        a, b = _clause_span(text, event.start_char, lo, len(text))
        opens = event.start_char - a <= 2 or DATELINE_RE.fullmatch(text, a, event.start_char) is not None or (
            PART_OF_DAY_RE.fullmatch(text, a, event.start_char) is not None  # 下午的江苏代表团全体会议由…主持
        )
        if NOT_NOW_RE.match(text, event.end_char) or text[a:b].endswith("以来"):  # 全国政协十四届一次会议以来,
            return False  # 二十大提出的, 自首届世界互联网大会在乌镇举办以来: a reference
        if REPORTED_RE.search(text, lo, event.start_char):  # 王嘉毅介绍，2024年11月8日，…会议表决通过: what a speaker recounts
            return False
        # nor what the sentence before in the paragraph reports (他说，…。会议期间，委员们列席十三届全国人大三次会议开幕会),
        # unless the story goes on (…强调，要走在前。当天上午，…开幕; 在参加…审议时，习近平…)
        goes_on = NARRATIVE_LEAD_RE.match(text, lo) or (SCENE_RE.fullmatch(text, a, event.start_char) and SCENE_END_RE.match(text, event.end_char))
        before = max(text.rfind("\n", 0, lo), *(text.rfind(mark, 0, lo - 1) for mark in "。！？；")) + 1
        if not goes_on and REPORTED_RE.search(text, before, lo):
            return False
        joined = JOINS_RE.search(text, max(a, event.start_char - 4), event.start_char) is not None
        return opens or joined or bool(TAKES_PLACE_RE.match(text, event.end_char, b))

    # -- HOLDS_POSITION ---------------------------------------------------------------------------
    def _appointments(self, ctx: _Sentence, titles: list[Span]) -> list[SpanRelation]:
        """任命X为<body><title> (change: appointed), 免去X的<body><title>职务 (change: removed)."""
        out = []
        for m in APPOINT_RE.finditer(ctx.sentence):
            lo, hi = ctx.lo + m.start("post"), ctx.lo + m.end("post")
            person = next((p for p in ctx.persons if p.start_char == ctx.lo + m.start("who")), None)
            title = next((t for t in titles if lo <= t.start_char and t.end_char <= hi), None)
            if person is None or title is None:
                continue
            org = next((e for e in ctx.ents if e.label_ in ("ORG", "PLACE") and e.end_char == title.start_char), None)
            target, conf = self._title_org(title, org, None, None)
            if target is not None:
                change = "appointed" if m.group("verb") == "任命" else "removed"
                out.append(ctx.rel("HOLDS_POSITION", _key(person), target, "appointment", conf, {"title": title.text, "change": change}))
        return out

    def _positions(self, ctx: _Sentence, titles: list[Span], done: set = frozenset()) -> list[SpanRelation]:
        """Titles before a name (中共中央政治局常委、全国政协主席王沪宁) or right after it (赵乐际委员长);
        ``done``: persons whose post an appointment rule already gave (with its change, 任命/免去)."""
        text = ctx.text
        by_end = {t.end_char: t for t in titles}
        by_start = {t.start_char: t for t in titles}
        orgs_by_end = {e.end_char: e for e in ctx.ents if e.label_ in ("ORG", "PLACE")}  # 香港特别行政区行政长官
        out: list[SpanRelation] = []
        chains: dict[tuple[int, int], list[tuple[End, str, float]]] = {}
        last_org: Span | End | None = None
        for person in sorted(ctx.persons, key=lambda p: p.start_char):
            if _key(person) in done:
                continue
            context_org = last_org  # a bare title (秘书长) belongs to the body of the chains before it
            chain: list[tuple[End, str, float]] = []
            pos = person.start_char
            links: list[tuple[Span, Span | None]] = []  # (title, body written before it), right to left
            while pos in by_end:
                title = by_end[pos]
                org = orgs_by_end.get(title.start_char)
                links.append((title, org))
                pos = org.start_char if org is not None else title.start_char
                if pos > 0 and text[pos - 1] == "、" and (pos - 1) in by_end:
                    pos -= 1
                else:
                    break
            carried: Span | None = None  # 大会主席团常务主席、执行主席: both titles of the body written first
            for title, org in reversed(links):
                carried = org or carried
                unnamed = org is None and text[title.start_char - 1 : title.start_char] not in ("", *"、，,：:（(\n和及与")
                # (火箭军某旅旅长: a unit without a name, not the body of the chain before)
                target, conf = self._title_org(title, org, carried if org is None else None, None if unnamed else context_org)
                if target is not None:
                    chain.append((target, title.text, conf))
                    if org is not None:
                        last_org = org
            if not chain and person.end_char in by_start:  # 赵乐际委员长; 李鸿忠、王东明副委员长: each name of the list
                title = by_start[person.end_char]
                target, conf = self._title_org(title, None, None, None)
                if target is not None:
                    chain.append((target, title.text, conf - 0.05))
                    last_org = target  # …副委员长和秘书长刘奇: a bare title after it is of the same body
                    for earlier in ctx.names_ending_at(person, NAME_LIST_RE)[:-1]:
                        if not chains.get(_key(earlier)) and _key(earlier) not in done:
                            out.append(ctx.rel("HOLDS_POSITION", _key(earlier), target, "title-chain", conf - 0.1, {"title": title.text}))
            if not chain and person.start_char > 0 and text[person.start_char - 1] == "、":
                prev = next((p for p in ctx.persons if p.end_char == person.start_char - 1), None)
                chain = chains.get(_key(prev), []) if prev else []
                inherited = True
            else:
                inherited = False
            chains[_key(person)] = chain
            for target, title, conf in chain:
                conf = conf - 0.1 if inherited else conf
                props = {"title": title}
                out.append(ctx.rel("HOLDS_POSITION", _key(person), target, "title-chain", conf, props))
        return out

    def _members(self, ctx: _Sentence) -> list[SpanRelation]:
        """崔铁军、高纪凡等6位代表, 孙绍骋代表 at a delegation's meeting: deputies of that delegation; …等6位委员
        at a CPPCC meeting: members of the CPPCC National Committee (not 代表 as a verb: 王沪宁代表中共中央)."""
        out = []
        starts = {e.start_char for e in ctx.ents}
        for last in ctx.persons:
            m = COUNTED_LIST_RE.match(ctx.text, last.end_char)
            if m is None or ctx.event is None or m.end() in starts:
                continue
            if m.group("title") == "代表" and (d := DELEGATION_OF_RE.match(_named(ctx.event))):
                body = canonical_named("Organization", d.group(1), self.gaz).name
            elif m.group("title") == "委员" and CPPCC_EVENT_RE.search(_named(ctx.event)):
                body = "中国人民政治协商会议全国委员会"
            else:
                continue
            for p in ctx.names_ending_at(last, NAME_LIST_RE):
                out.append(ctx.rel("HOLDS_POSITION", _key(p), NamedRef("Organization", body), "counted-list", 0.75, {"title": m.group("title")}))
        delegation = DELEGATION_OF_RE.match(_named(ctx.event)) if ctx.event is not None else None
        for p in ctx.persons if delegation else ():  # 代表、江西铜业集团有限公司董事长周少兵说; 在代表团团长、省委书记尹弘主持下
            a, _ = _clause_span(ctx.text, p.start_char, ctx.lo, ctx.hi)
            a = max([a, *(q.end_char for q in ctx.persons if a <= q.end_char <= p.start_char)])  # this name's titles
            if m := DELEGATION_POST_RE.search(ctx.text, a, p.start_char):
                body = canonical_named("Organization", delegation.group(1), self.gaz).name
                title = m.group("post") or "代表"
                out.append(ctx.rel("HOLDS_POSITION", _key(p), NamedRef("Organization", body), "delegation-post", 0.75, {"title": title}))
        return out

    def _title_org(
        self, title_span: Span, org: Span | None, chain_org: Span | None, context_org: Span | End | None
    ) -> tuple[End | None, float]:
        """The body a title belongs to: written before it, implied by the title (or, for 省长, by the one
        province named: the title's kb_id), or from context."""
        title = title_span.text
        if org is not None and org.label_ == "PLACE":  # the region's government: 澳门特别行政区 of 行政长官
            place = canonical_named("Place", org.text, self.gaz).name
            if re.search(r"[省市县区州]长$", title) or (title.endswith("主席") and place.endswith("自治区")):
                return NamedRef("Organization", f"{place}人民政府"), 0.85  # 广东省省长, 广西壮族自治区主席
            return NamedRef("Organization", place), 0.8
        if org is not None:
            if title in ("常委", "常务委员"):  # 中共中央政治局常委 → the standing committee of the 政治局
                body = canonical_named("Organization", org.kb_id_ or org.text, self.gaz).name
                standing = body + "常务委员会"
                if self.gaz.lookup(standing, "Organization") or LOCAL_PARTY_COMMITTEE_RE.fullmatch(body):
                    return NamedRef("Organization", standing), 0.9
            return _key(org), 0.9
        if title_span.kb_id_:
            return NamedRef("Organization", title_span.kb_id_), 0.8
        known = self.gaz.titles.get(title)
        if known is not None and known.organization:
            return NamedRef("Organization", known.organization), 0.85
        for owner, conf in ((chain_org, 0.85), (context_org, 0.7)):  # the chain's body, else the one before it
            if isinstance(owner, Span):
                organ = PARTY_ORGAN_RE.search(owner.text)
                if organ and not re.search("书记|委员|成员", title):  # 公安部党委副书记、常务副部长: the ministry's
                    body = canonical_named("Organization", owner.text[: organ.start()], self.gaz).name
                    return NamedRef("Organization", body), conf - 0.05
                return _key(owner), conf
            if owner is not None:
                return owner, conf
        return None, 0.0

    # -- event roles ------------------------------------------------------------------------------
    def _presided(self, ctx: _Sentence) -> list[SpanRelation]:
        """主持 in either order: 赵乐际主持, 会议由王沪宁、石泰峰主持 (every name of the list),
        主持人为/是/：李强."""
        chairs: dict[tuple[Span, End], None] = {}  # (presider, event)
        for m in PRESIDE_RE.finditer(ctx.sentence):
            pos = ctx.lo + m.start()
            named = next((e for e in ctx.ents if e.label_ == "EVENT" and CONVENED_RE.fullmatch(ctx.text, ctx.lo + m.end(), e.start_char)), None)
            if named is None and CONVENES_RE.match(ctx.text, ctx.lo + m.end()) and not any(
                e.label_ == "EVENT" and e.start_char >= pos for e in ctx.ents
            ):
                continue  # 会后，李鸿忠主持召开座谈会: a meeting of its own that has no name here, not the one under way
            event = _key(named if named is not None else ctx.event)  # 李希主持召开中央纪委常委会会议: that one
            found: list[Span] = []
            for p in ctx.persons:  # no slicing: a 100k-character sentence has thousands of persons and verbs
                if (
                    p.end_char <= pos <= p.end_char + 8
                    and not CLAUSE_BREAK.search(ctx.text, p.end_char, pos)
                    and not ATTENDS_VERB_RE.search(ctx.text, p.end_char, pos)  # (not 王岐山出席[栗战书]主持大会)
                    and not any(p.end_char <= q.start_char < pos for q in ctx.persons)  # 习近平签署主席令赵乐际主持
                ):
                    jointly = JOINTLY_RE.search(ctx.text, p.end_char, pos) is not None  # …朱永新和…王东峰共同主持
                    found += reversed(ctx.names_ending_at(p, EACH_JOIN_RE if jointly else NAME_LIST_RE))  # 王沪宁、石泰峰主持
                elif m.group("after") and p.start_char == ctx.lo + m.end():
                    found.append(p)
            if m.group("who"):  # the first person after it, past the titles
                after = next((p for p in ctx.persons if p.start_char >= ctx.lo + m.end()), None)
                if after is not None and not re.search("[，。；]", ctx.text[ctx.lo + m.end() : after.start_char]):
                    found.append(after)
            chairs.update(((p, event), None) for p in found)
        return [ctx.rel("PRESIDED_OVER", _key(p), event, "presided-verb", 0.9) for p, event in chairs]

    def _attended(self, ctx: _Sentence, presiders: set[End]) -> list[SpanRelation]:
        out = []
        roles = [role for verb, role in ROLE_VERBS if verb in ctx.sentence]
        person_starts = {p.start_char for p in ctx.persons}
        bodies = [  # 国家监察委员会负责同志 attend: the body; 各省市区人大常委会负责同志 are not the national one
            e for e in ctx.ents
            if e.label_ == "ORG"
            and ctx.text[e.start_char - 1 : e.start_char] not in "各省市区县级"
            and (
                ((officials := BODY_ATTENDS_RE.match(ctx.text, e.end_char)) is not None
                 and not any(e.end_char <= p.start_char < officials.end() for p in ctx.persons))  # (not …总理李强和有关负责同志)
                # 省高级人民法院院长，省人民检察院检察长…等列席: a post named without its holder
                or ((post := UNNAMED_POST_RE.match(ctx.text, e.end_char)) is not None and post.end() not in person_starts)
            )
        ]
        for role in dict.fromkeys(roles):
            for p in ctx.persons:  # a presider attends only where the text says so (王沪宁出席并主持)
                if _key(p) not in presiders or ctx.text.startswith("出席并主持", p.end_char):
                    out.append(ctx.rel("ATTENDED", _key(p), _key(ctx.event), "attendance-verb", 0.8, {"role": role}))
        verbs = sorted((m.start(), role) for verb, role in ROLE_VERBS for m in re.finditer(verb, ctx.text[ctx.lo : ctx.hi]))
        for body in bodies:  # 国家监察委员会负责同志…列席: the body attends, in the role of the verb after it
            role = next((role for at, role in verbs if ctx.lo + at >= body.end_char), None)
            if role is not None:
                out.append(ctx.rel("ATTENDED", _key(body), _key(ctx.event), "attendance-body", 0.7, {"role": role}))
        for last in (e for e in ctx.ents if e.label_ == "ORG" and BODY_SPEAKS_RE.match(ctx.text, e.end_char)):
            for body in ctx.names_ending_at(last, ORG_LIST_RE):  # 江苏省高级人民法院、…和重庆市第五中级人民法院作交流发言
                out.append(ctx.rel("ATTENDED", _key(body), _key(ctx.event), "attendance-body", 0.7, {"role": "attendee"}))
        return out

    def _spoke(self, ctx: _Sentence, presiders: set[End]) -> list[SpanRelation]:
        out = []
        event = ctx.event
        at = next((e for e in ctx.ents if e.label_ == "EVENT" and AT_EVENT_RE.match(ctx.text, e.end_char)
                   and ctx.text[e.start_char - 1 : e.start_char] in "在的"), None)
        if at is not None:  # 在…座谈会上，习近平谈到…: that meeting, where someone 强调/指出/谈到 too
            event = at
        # a briefing, a deliberation, a discussion
        name = _named(event)
        floor = BRIEFING_RE.search(name) or SUB_EVENT_RE.fullmatch(name) or DISCUSSION_RE.search(name)
        said = [(m, False) for m in (FLOOR_SPEECH_RE if floor else SAID_AT_RE if at is not None else SPEECH_RE).finditer(ctx.sentence)]
        if not floor:  # a deputy or a CPPCC member speaks from the floor anywhere (省政协委员、南京大学教授林晓岚建议)
            said += [(m, True) for m in MEMBER_SPEECH_RE.finditer(ctx.sentence)]
        for m, member_only in said:
            pos = ctx.lo + m.start()
            speaker = self._speaker(ctx, pos)
            if speaker is None or (member_only and not (self._member(ctx, speaker) and "采访" not in ctx.text[speaker.end_char : pos])):
                continue  # (not what a deputy tells reporters: 张晓雯在闭幕后接受记者采访时说)
            each = EACH_RE.search(ctx.text, speaker.end_char, pos) is not None
            speakers = ctx.names_ending_at(speaker, EACH_JOIN_RE if each else SPEAKER_JOIN_RE)  # 崔铁军、高纪凡等…发言
            if ATTENDS_AND_SPEAKS_RE.search(ctx.text, speaker.end_char, pos):  # A，B，C应邀出席开幕式并致辞: all who attend
                speakers = [p for p in ctx.persons if p.end_char <= speaker.end_char and _key(p) not in presiders]
            props = {}
            policy = next((e for e in ctx.ents if e.label_ == "POLICY" and e.start_char >= pos), None)
            if policy is not None:
                props["about"] = policy.text
            elif "about" in m.re.groupindex and (about := (m.group("about") or "").lstrip("了的")):
                props["about"] = about + m.group()[-2:]
            out += [ctx.rel("SPOKE_AT", _key(p), _key(event), "speech-verb", 0.8, props) for p in speakers]
        return out

    @staticmethod
    def _speaker(ctx: _Sentence, pos: int) -> Span | None:
        """Who says what the verb at ``pos`` introduces: the nearest name before it in its clause (not one
        who only hears it: 王忠林听取省发展改革委…的汇报), else the sentence's subject or a counted list."""
        nearest = next((p for p in reversed(ctx.persons) if p.end_char <= pos), None)  # a farther one has the same break
        if nearest is not None and not CLAUSE_BREAK.search(ctx.text, nearest.end_char, pos):
            between = ctx.text[nearest.end_char : pos]
            heard = between.rpartition("听取")
            if heard[1] and not re.search("后|时", heard[2]):
                return None  # not 听取…发言后发表讲话
            # 刘奇葆主持15位委员作大会发言: the presider does not speak (but 栗战书主持大会并发表讲话 does)
            return None if re.search(r"主持(?!并)", between) and re.search(r"[\d一二三四五六七八九十几多]+[位名]", between) else nearest
        a, _ = _clause_span(ctx.text, pos, ctx.lo, ctx.hi)
        if ctx.persons and ctx.persons[0].end_char <= a and SAME_SUBJECT_RE.match(ctx.text, a):
            return ctx.persons[0]  # 习近平亲自担任组长，在会上强调: the sentence's subject
        # 夏先鹏、田红旗等6位委员，围绕…作了发言: the counted list is the subject
        return next((p for p in reversed(ctx.persons) if p.end_char <= pos and COUNTED_LIST_RE.match(ctx.text, p.end_char)), None)

    @staticmethod
    def _member(ctx: _Sentence, person: Span) -> bool:
        """A deputy or a CPPCC member: 斯琴图雅代表, 全国政协常委罗仕兰, 省政协委员、南京大学教授林晓岚."""
        a, _ = _clause_span(ctx.text, person.start_char, ctx.lo, ctx.hi)
        return bool(COUNTED_LIST_RE.match(ctx.text, person.end_char) or MEMBER_TITLE_RE.search(ctx.text, a, person.start_char))

    def _reviewed_adopted(self, ctx: _Sentence) -> list[SpanRelation]:
        """会议审议了/通过了 X (X after the verb); 向大会作/提交 X and X…，请大会审查 (laid before it)."""
        out = []
        policies = [e for e in ctx.ents if e.label_ == "POLICY"]
        inside = [(e.start_char, e.end_char) for e in ctx.ents]
        for rtype, rx, conf in (("REVIEWED", REVIEW_RE, 0.8), ("ADOPTED", ADOPT_RE, 0.8)):
            # the first verb outside a name (not 审查 in …提案审查情况的报告)
            verbs = (v for v in rx.finditer(ctx.sentence) if not any(a <= ctx.lo + v.start() < b for a, b in inside))
            m = next(verbs, None)
            if not m:
                continue
            pos = ctx.lo + m.end()
            end = self._object_end(ctx, pos)
            drafts = [n for n in ctx.nested if n.text.endswith(("草案", "草案稿"))]  # the draft inside a report on it
            # 三中全会通过的《决定》, 常委会第六次会议继续审议…: the meeting of the verb's clause
            named = ctx.event_before(ctx.lo + m.start(), sittings=False)
            source = _key(named) if named is not None else _key(ctx.event)
            for e in [*policies, *drafts]:
                if pos <= e.start_char < end:
                    out.append(ctx.rel(rtype, source, _key(e), f"{rtype.lower()}-verb", conf))
        laid = [ctx.lo + m.end() for m in TO_SESSION_RE.finditer(ctx.sentence)]
        asked = [ctx.lo + m.start() for m in PLEASE_REVIEW_RE.finditer(ctx.sentence)]
        for e in policies:
            if any(p <= e.start_char for p in laid) or any(e.end_char <= p for p in asked):
                out.append(ctx.rel("REVIEWED", _key(ctx.event), _key(e), "laid-before", 0.75))
        return out

    @staticmethod
    def _object_end(ctx: _Sentence, pos: int) -> int:
        """Where what a verb at ``pos`` takes ends: the sentence's end, or a clause with a subject of its
        own (…的决定，国家主席习近平签署第一一〇号主席令 — the order is not adopted; not 全国人大常委会关于…,
        a document's author)."""
        for m in CLAUSE_BREAK.finditer(ctx.text, pos, ctx.hi):
            first = next((e for e in ctx.ents if e.start_char >= m.end()), None)
            if first is not None and first.start_char < ctx.hi and first.label_ in ("PERSON", "ORG") and not ctx.text.startswith("关于", first.end_char):
                lead = ctx.text[m.end() : first.start_char]  # at most a title before the subject
                if len(lead) <= 6 and not CLAUSE_BREAK.search(lead) and not (REVIEW_RE.search(lead) or ADOPT_RE.search(lead)):
                    return m.start()
        return ctx.hi

    def _held_in(self, ctx: _Sentence) -> list[SpanRelation]:
        """在<where>举行: every place named there, the city inside a venue's name (北京人民大会堂), and a venue
        the gazetteer lacks (八一大楼, 人民大会堂金色大厅)."""
        out = []
        for m in HELD_RE.finditer(ctx.sentence):
            a, b = ctx.lo + m.start("where"), ctx.lo + m.end("where")
            places = [e for e in ctx.ents if e.label_ == "PLACE" and a <= e.start_char and e.end_char <= b]
            cities = [  # 福建福州, 北京人民大会堂: 福建, 北京 too (not 江苏省 of 江苏省人民大会堂, a venue of its own)
                n for n in ctx.nested for e in places
                if n.label_ == "PLACE" and n.start_char == e.start_char < n.end_char < e.end_char
                and (CITY_RE.search(n.text) or REGION_RE.search(e.text))
            ]
            targets: list[End] = [_key(e) for e in [*places, *cities]]
            rest = ctx.text[max((e.end_char for e in places), default=a) : b]
            if VENUE_RE.fullmatch(rest):
                last = places[-1] if places and places[-1].end_char == b - len(rest) else None
                if last is not None and not REGION_RE.search(last.text):  # 人民大会堂 + 金色大厅: one venue
                    targets.remove(_key(last))
                    rest = last.text + rest
                targets.append(NamedRef("Place", rest))
            # the event the clause names before 在 (首届世界互联网大会在乌镇举办以来), else the current one
            event = ctx.event_before(ctx.lo + m.start(), sittings=True) or ctx.event
            if event is not None:
                out += [ctx.rel("HELD_IN", _key(event), t, "held-in", 0.85) for t in targets]
        return out

    # -- bodies and documents ---------------------------------------------------------------------
    def _subject_before(self, ctx: _Sentence, pos: int, labels: tuple[str, ...]) -> Span | None:
        a, _ = _clause_span(ctx.text, pos, ctx.lo, ctx.hi)
        cands = [e for e in ctx.ents if e.label_ in labels and a <= e.start_char and e.end_char <= pos]
        return cands[-1] if cands else None

    def _issued(self, ctx: _Sentence) -> list[SpanRelation]:
        out = []
        for org in (e for e in ctx.ents if e.label_ == "ORG" and ctx.text.startswith(("关于", "《关于"), e.end_char)):
            _, b = _clause_span(ctx.text, org.end_char, ctx.lo, ctx.hi)  # 国务院关于…的报告, 委员长会议关于提请审议…
            title = org.end_char + (ctx.text[org.end_char] == "《")  # 中共中央、国务院《关于…的意见》
            named = [e for e in ctx.ents if e.label_ == "POLICY" and e.start_char == title]
            authors = ctx.names_ending_at(org, AUTHOR_JOINS)  # 中共中央 国务院关于…: both
            # the document 关于… names (not the law it amends); else what the unnamed 关于… proposes
            for e in named or [*ctx.ents, *ctx.nested]:
                if e.label_ == "POLICY" and org.end_char <= e.start_char < b and not e.text.startswith(("20", "19")):
                    out += [ctx.rel("ISSUED", _key(a), _key(e), "author-named", 0.8) for a in authors]
        for e in ctx.ents:  # 《中华人民共和国和乌兹别克斯坦共和国联合声明》, 《中共中央 国务院关于…的意见》: its authors
            if e.label_ == "POLICY":
                out += [ctx.rel("ISSUED", author, _key(e), "author-in-title", 0.75) for author in self._title_authors(e.text)]
        issuers: list[Span] = []
        for m in ISSUE_RE.finditer(ctx.sentence):
            pos = ctx.lo + m.start()
            subject = self._subject_before(ctx, pos, ("ORG", "PERSON"))
            a, b = _clause_span(ctx.text, pos, ctx.lo, ctx.hi)
            if subject is not None:
                issuers = ctx.names_ending_at(subject, ISSUER_JOINS) if subject.label_ == "ORG" else [subject]  # A、B联合印发
            elif not issuers or ctx.text[a:pos] not in ("", "并"):
                continue  # (签署第三号主席令，公布修改后的立法法: the clause goes on with the signer's next verb)
            for e in ctx.ents:
                if e.label_ == "POLICY" and pos <= e.start_char < b:
                    out += [ctx.rel("ISSUED", _key(issuer), _key(e), "issue-verb", 0.75) for issuer in issuers]
        return out

    def _title_authors(self, title: str) -> list[NamedRef]:
        """The bodies a document's title names as its authors, when every one of them is known: states
        (中华人民共和国政府 is the state's), gazetteer bodies, or a known state's ministry (澳大利亚外交贸易部)."""
        m = TITLE_AUTHORS_RE.match(title)
        if m is None:
            return []
        text, pos, authors = m.group("authors"), 0, []
        while pos < len(text):  # the longest known name, then a joiner or none (中华人民共和国 holds a 和 of its own)
            end = next((k for k in range(len(text), pos + 1, -1) if self._author(text[pos:k]) and self._ends_name(text, k)), None)
            if end is None:
                return []
            authors.append(self._author(text[pos:end]))
            pos = end + (end < len(text) and text[end] in AUTHOR_JOINERS)
        return authors if len(authors) >= 2 or m.group("joint") else []

    def _ends_name(self, text: str, k: int) -> bool:
        """An author's name may end at ``k``: the title's authors end, a joiner or another author follows."""
        return k == len(text) or text[k] in AUTHOR_JOINERS or any(self._author(text[k:j]) for j in range(len(text), k + 1, -1))

    def _author(self, piece: str) -> NamedRef | None:
        if piece not in self._authors:
            self._authors[piece] = self._known_author(piece)
        return self._authors[piece]

    def _known_author(self, piece: str) -> NamedRef | None:
        known = self.gaz.lookup(piece, "Organization")
        if known is not None and not piece.endswith("政府"):
            return NamedRef("Organization", known.name)
        state = self.gaz.lookup(piece.removesuffix("政府"), "Organization")
        if state is not None and state.properties.get("kind") == "state":
            return NamedRef("Organization", state.name)
        for k in range(len(piece) - 2, 1, -1):  # a state's ministry: 澳大利亚外交贸易部
            e = self.gaz.lookup(piece[:k], "Organization")
            if e is not None and e.properties.get("kind") == "state" and FOREIGN_BODY_RE.fullmatch(piece[k:]):
                return NamedRef("Organization", piece)
        return None

    def _organized(self, ctx: _Sentence) -> list[SpanRelation]:
        out = []
        for m in ORGANIZE_RE.finditer(ctx.sentence):
            pos = ctx.lo + m.start()
            org = self._subject_before(ctx, pos, ("ORG",))
            dateline = DATELINE_RE.search(ctx.text, ctx.lo, pos)
            if org is None or (dateline is not None and org.start_char < dateline.end()):  # 新华社北京…电: no organiser
                continue
            # the event the verb's clause names after it (not 举行，研究常委会第六次会议的…: another one)
            after = [e for e in ctx.ents if e.label_ == "EVENT" and e.start_char >= pos and not SITTING_RE.fullmatch(e.text)
                     and not CLAUSE_BREAK.search(ctx.text, pos, e.start_char)]
            target = after[0] if after else None
            if target is not None:  # 中央网信办、教育部、公安部联合召开…: each of them
                out += [ctx.rel("ORGANIZED", _key(o), _key(target), "organize-verb", 0.75) for o in ctx.names_ending_at(org, NAME_LIST_RE)]
        return out

    def _measures(self, ctx: _Sentence) -> list[SpanRelation]:
        """What a figure is about: the subject of its clause, the session (attendance), the country."""
        out = []
        dateline = DATELINE_RE.search(ctx.text, ctx.lo, min(ctx.hi, ctx.lo + 40))
        start = dateline.end() if dateline else ctx.lo  # 新华社北京…电: the agency and city are no subject
        for fig in (e for e in ctx.ents if e.label_ == "FIGURE"):
            a, _ = _clause_span(ctx.text, fig.start_char, ctx.lo, ctx.hi)
            before = [e for e in ctx.ents if e.label_ in ("ORG", "EVENT", "PLACE", "POLICY") and start <= e.start_char and e.end_char <= fig.start_char]
            in_clause = [e for e in before if e.start_char >= a]
            target: End | None = None
            if in_clause:
                target = _key(in_clause[-1])
            elif ctx.event is not None and ATTENDANCE_COUNT_RE.search(ctx.sentence):
                target = _key(ctx.event)
            elif (wide := REGION_WIDE_RE.search(ctx.text, ctx.lo, fig.start_char)) and wide.group("level") in ctx.regions:
                target = NamedRef("Place", ctx.regions[wide.group("level")])  # 全省地区生产总值…: the province's
            elif any(COUNTRY_RE.fullmatch(e.text) for e in before):  # 党中央团结带领…，我国经济…，全年GDP达到…
                target = NamedRef("Place", "中国")
            elif before:  # the sentence's subject, written before the clause
                target = _key(before[0])
            elif COUNTRY_RE.search(ctx.sentence):
                target = NamedRef("Place", "中国")
            if target is not None:
                span = next((e for e in ctx.ents if _key(e) == target), None) if isinstance(target, tuple) else None
                if span is not None and COUNTRY_RE.fullmatch(span.text):  # a country's statistics: the Place
                    target = NamedRef("Place", "中国")
                out.append(ctx.rel("MEASURES", _key(fig), target, "figure-subject", 0.6))
        return out


@dataclass
class _Sentence:
    text: str  # the whole document's text (``Doc.text`` is rebuilt on every access)
    lo: int
    hi: int
    ents: list[Span]
    persons: list[Span]
    event: Span | None
    nested: list[Span] = field(default_factory=list)  # names inside longer names (the law in its draft)
    regions: dict[str, str] = field(default_factory=dict)  # the one province (省) and city (市) the article names

    @property
    def sentence(self) -> str:
        return self.text[self.lo : self.hi]

    def rel(self, rtype: str, source: End, target: End, extractor: str, conf: float, props: dict | None = None) -> SpanRelation:
        return SpanRelation(rtype, source, target, (self.lo, self.hi), extractor, round(conf, 2), props or {})

    def event_before(self, pos: int, *, sittings: bool) -> Span | None:
        """The last event named before ``pos`` in its clause (a sitting such as 闭幕会 only if ``sittings``)."""
        return next(
            (e for e in reversed(self.ents) if e.label_ == "EVENT" and e.end_char <= pos and (sittings or not SITTING_RE.fullmatch(e.text))
             and not CLAUSE_BREAK.search(self.text, e.end_char, pos)),
            None,
        )

    def names_ending_at(self, name: Span, joins: re.Pattern[str]) -> list[Span]:
        """The list of names that ``name`` ends, in text order: each earlier name is the nearest
        one of the same label before the next with only a ``joins`` match between them
        (王沪宁、石泰峰; 国家发展改革委、最高人民法院)."""
        names = [name]
        same = self.persons if name.label_ == "PERSON" else [e for e in self.ents if e.label_ == name.label_]
        while True:
            prev = next((p for p in reversed(same) if p.end_char <= names[0].start_char), None)
            if prev is None or not joins.fullmatch(self.text, prev.end_char, names[0].start_char):
                return names
            names.insert(0, prev)


def figure_measure(text: str, start: int, end: int) -> str:
    """What a figure counts, in the text's words: the clause before it, else the words after it."""
    a = max((m.end() for m in CLAUSE_BREAK.finditer(text, 0, start)), default=0)
    before = re.sub(r"^(?:\d+年|到|截至|其中|全年|今年|去年)+", "", text[a:start])
    before = re.sub(r"(?:达到|达|为|约|共|超过|突破|增长|下降|实到|出席|有|是|近|逾|超)+$", "", before)
    if 1 < len(before) <= 20:
        return before
    m = CLAUSE_BREAK.search(text, end)
    after = text[end : m.start() if m else len(text)]
    return after[:20]


@Language.factory("zhkg_relation_rules", default_config={"gazetteer_dir": None})
def make_relation_rules(nlp: Language, name: str, gazetteer_dir: str | None) -> RelationRules:
    return RelationRules(load_gazetteer(Path(gazetteer_dir)) if gazetteer_dir else load_gazetteer())
