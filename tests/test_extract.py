"""The extraction pipeline on the sample corpus: SCHEMA-valid output and specific facts."""

import json

import pytest

from kg.models import ENTITY_TYPES, RELATION_TYPES, DocumentResult


def _facts(results, rtype):
    """(source name, target name, properties) of every relation of a type."""
    out = []
    for r in results:
        names = {e.id: e.name for e in r.entities}
        out += [(names[x.source], names[x.target], x.properties) for x in r.relations if x.type == rtype]
    return out


def _pairs(result, rtype):
    """(source name, target name) of every relation of a type in one result."""
    return {(source, target) for source, target, _ in _facts([result], rtype)}


def _entity(results, etype, name):
    for r in results:
        for e in r.entities:
            if e.type == etype and e.name == name:
                return e
    raise AssertionError(f"no {etype} {name}")


def test_every_article_is_schema_valid_json(sample_results):
    assert len(sample_results) == 29
    for result in sample_results:
        line = result.model_dump_json()
        again = DocumentResult.model_validate(json.loads(line))
        assert again == result
        ids = {e.id for e in result.entities}
        assert len(ids) == len(result.entities)
        for rel in result.relations:
            assert rel.source in ids and rel.target in ids
            assert 0 <= rel.evidence.start < rel.evidence.end
            assert 0 < rel.confidence <= 1 and rel.extractor
        for ent in result.entities:
            assert ent.name in ent.aliases
            assert "《" not in ent.name and "》" not in ent.name  # quotes inside (“十四五”规划) stay
            assert not (ent.name.startswith("“") and ent.name.endswith("”"))


def test_evidence_offsets_point_into_the_article(sample_results):
    from kg.config import SAMPLE_CORPUS
    from kg.ingest import iter_articles

    texts = {a.doc_id: a.text for a in iter_articles([SAMPLE_CORPUS], default_year=2024)}
    for result in sample_results:
        text = texts[result.doc_id]
        for rel in result.relations:
            assert text[rel.evidence.start : rel.evidence.end].strip() == rel.evidence.sentence
        for ent in result.entities:
            for m in ent.mentions:
                assert text[m.start : m.end] == m.text


def test_every_label_and_relationship_type_is_produced(sample_results):
    types = {e.type for r in sample_results for e in r.entities}
    assert types == set(ENTITY_TYPES)
    rtypes = {x.type for r in sample_results for x in r.relations}
    assert rtypes == set(RELATION_TYPES) - {"MENTIONS"}  # MENTIONS is made from mentions when merging


def test_presiding_and_posts(sample_results):
    presided = {(s, t) for s, t, _ in _facts(sample_results, "PRESIDED_OVER")}
    assert ("赵乐际", "第十四届全国人民代表大会常务委员会第八次会议") in presided
    assert ("赵乐际", "第十四届全国人民代表大会第二次会议") in presided
    posts = {(s, t, p["title"]) for s, t, p in _facts(sample_results, "HOLDS_POSITION")}
    assert ("赵乐际", "全国人民代表大会常务委员会", "委员长") in posts
    assert ("张军", "最高人民法院", "院长") in posts
    assert ("李鸿忠", "全国人民代表大会常务委员会", "副委员长") in posts
    assert ("雪克来提·扎克尔", "全国人民代表大会常务委员会", "副委员长") in posts


def test_attendance_roles(sample_results):
    attended = {(s, t, p["role"]) for s, t, p in _facts(sample_results, "ATTENDED")}
    session = "第十四届全国人民代表大会常务委员会第八次会议"
    assert ("刘奇", session, "attendee") in attended
    assert ("应勇", session, "nonvoting") in attended


def test_sessions_fold_their_sittings_and_short_names(sample_results):
    event = _entity(sample_results, "Event", "第十四届全国人民代表大会常务委员会第八次会议")
    assert "十四届全国人大常委会第八次会议" in event.aliases
    assert "第一次全体会议" in event.aliases
    assert event.properties["date"] == "2024-02-26"


@pytest.mark.parametrize(
    ("etype", "name"),
    [("Organization", "全国人民代表大会常务委员会"), ("Policy", "中华人民共和国保守国家秘密法"), ("Place", "人民大会堂")],
)
def test_canonical_names(sample_results, etype, name):
    assert _entity(sample_results, etype, name)


def test_journalists_are_persons_with_their_role(sample_results):
    for name in ("胡喆", "宋晨"):
        assert _entity(sample_results, "Person", name).properties.get("role") == "journalist"


def test_figures_are_normalised(sample_results):
    fig = _entity(sample_results, "Figure", "4.4亿吨")
    assert fig.properties["value"] == 4.4e8 and fig.properties["unit"] == "吨"
    assert "成交量" in fig.properties["measure"]


@pytest.fixture(scope="module")
def extract_text():
    """Extract one made-up article (text written for the test, not taken from the corpus)."""
    from kg.extract import Extractor
    from kg.models import Article

    extractor = Extractor()

    def run(text: str) -> DocumentResult:
        article = Article(doc_id="doc-test", title=text.split("\n")[0], date="2024-03-08", source="t.txt#0", text=text)
        return next(iter(extractor([article])))

    return run


def test_named_special_actions_lose_their_lead_in(extract_text):
    result = extract_text("某市推进网络治理\n本报电 该市深入开展餐饮外卖等重点行业领域食品安全专项检查，持续深化违规收集使用个人信息专项治理。")
    policies = {e.name for e in result.entities if e.type == "Policy"}
    assert {"食品安全专项检查", "违规收集使用个人信息专项治理"} <= policies


def test_lists_narration_and_categories_are_not_policies(extract_text):
    result = extract_text("某省召开会议\n本报电 会议指出，要落实东部地区加快推进现代化等战略，实施区域重大战略，科学编制五年规划，推进共享的国际科技合作战略。")
    policies = {e.name for e in result.entities if e.type == "Policy"}
    assert not {"东部地区加快推进现代化等战略", "区域重大战略", "五年规划", "共享的国际科技合作战略"} & policies
    assert "国际科技合作战略" in policies


def test_a_session_agenda_is_a_policy_reviewed_by_the_session(extract_text):
    result = extract_text("十四届全国人大常委会第九次会议举行\n新华社北京3月8日电 会议审议了十四届全国人大三次会议议程草案。")
    assert "第十四届全国人民代表大会第三次会议议程草案" in {e.name for e in result.entities if e.type == "Policy"}
    reviewed = _pairs(result, "REVIEWED")
    assert ("第十四届全国人民代表大会常务委员会第九次会议", "第十四届全国人民代表大会第三次会议议程草案") in reviewed


def test_a_congress_referred_to_is_not_the_meeting_attended(extract_text):
    result = extract_text(
        "某领导看望委员\n■要围绕中共二十大提出的重大任务建言资政\n"
        "新华社北京3月6日电 王沪宁6日下午看望了参加会议的委员，并参加联组会。蔡奇参加看望和讨论。"
    )
    attended = _pairs(result, "ATTENDED")
    assert ("蔡奇", "联组会") in attended
    assert not any(target == "中国共产党第二十次全国代表大会" for _, target in attended)


@pytest.mark.parametrize(
    "sentence, chairs",
    [
        ("会议由王沪宁、石泰峰主持。", {"王沪宁", "石泰峰"}),
        ("赵乐际主持会议。", {"赵乐际"}),
        ("会议主持人为李强。", {"李强"}),
    ],
)
def test_presiding_in_either_order_and_in_lists(extract_text, sentence, chairs):
    result = extract_text(f"某会议在京举行\n新华社北京3月8日电 全国政协十四届二次会议8日上午在京举行。{sentence}")
    presided = {source for source, _ in _pairs(result, "PRESIDED_OVER")}
    assert presided == chairs


def test_a_decree_in_chinese_numerals_and_the_law_it_puts_in_force(extract_text):
    result = extract_text(
        "某次会议闭幕\n新华社北京3月11日电 大会表决通过了关于政府工作报告的决议和中华人民共和国立法法修正案。\n"
        "国家主席习近平签署第一〇九号主席令予以公布，自2022年3月12日起施行。"
    )
    issued = _pairs(result, "ISSUED")
    assert ("习近平", "第一〇九号主席令") in issued
    effective = {e.name: e.properties.get("effective_date") for e in result.entities if e.type == "Policy"}
    assert effective["关于政府工作报告的决议"] is None  # a resolution is not what the decree puts in force


def test_what_is_laid_before_a_session_is_reviewed_by_it(extract_text):
    result = extract_text(
        "某次会议开幕\n新华社北京3月5日电 第十三届全国人民代表大会第五次会议5日上午在人民大会堂开幕。\n"
        "国务院总理李克强代表国务院向大会作政府工作报告。\n"
        "财政部部长刘昆提交关于2021年中央和地方预算执行情况与2022年中央和地方预算草案的报告，请大会审查。\n"
        "王晨作关于《中华人民共和国立法法（修正草案）》的说明。"
    )
    reviewed = {target for _, target in _pairs(result, "REVIEWED")}
    assert {"政府工作报告", "关于2021年中央和地方预算执行情况与2022年中央和地方预算草案的报告"} <= reviewed
    draft = next(e for e in result.entities if e.name == "中华人民共和国立法法修正草案")
    assert draft.properties["kind"] == "draft" and draft.properties["draft_of"] == "中华人民共和国立法法"


def test_a_sessions_political_resolution_and_reports_on_reports(extract_text):
    result = extract_text(
        "某次会议闭幕\n新华社北京3月10日电 中国人民政治协商会议第十三届全国委员会第五次会议10日下午在人民大会堂闭幕。\n"
        "大会表决通过了政协第十三届全国委员会第五次会议政治决议、关于政协十三届四次会议以来提案工作情况报告的审议情况报告。"
    )
    adopted = {target for _, target in _pairs(result, "ADOPTED")}
    assert adopted == {
        "中国人民政治协商会议第十三届全国委员会第五次会议政治决议",
        "关于政协十三届四次会议以来提案工作情况报告的审议情况报告",
    }


def test_a_state_council_executive_meeting(extract_text):
    result = extract_text(
        "李强主持召开国务院常务会议\n新华社北京8月25日电 国务院总理李强8月25日主持召开国务院常务会议，"
        "审议通过《关于推动城市更新的若干措施》，讨论并原则通过《中华人民共和国食品安全法（修正草案）》。"
    )
    facts = {(rtype, *pair) for rtype in RELATION_TYPES for pair in _pairs(result, rtype)}
    meeting = "中华人民共和国国务院常务会议"  # the body's canonical name; 国务院常务会议 is an alias
    assert ("PRESIDED_OVER", "李强", meeting) in facts
    assert ("ORGANIZED", "中华人民共和国国务院", meeting) in facts
    assert ("ADOPTED", meeting, "关于推动城市更新的若干措施") in facts
    assert ("ADOPTED", meeting, "中华人民共和国食品安全法修正草案") in facts
    assert "国务院常务会议" in next(e for e in result.entities if e.name == meeting).aliases


def test_a_politburo_meeting_and_study_session(extract_text):
    result = extract_text(
        "中共中央政治局召开会议\n新华社北京4月30日电 中共中央政治局4月30日召开会议，审议《关于推动东北振兴若干政策措施的意见》。"
        "中共中央总书记习近平主持会议。\n"
        "中共中央政治局4月30日下午就建设网络强国进行第十四次集体学习。习近平在主持学习时发表了讲话。"
    )
    facts = {(rtype, *pair) for rtype in RELATION_TYPES for pair in _pairs(result, rtype)}
    meeting, study = "中国共产党中央委员会政治局会议", "中国共产党中央委员会政治局第十四次集体学习"
    assert ("ORGANIZED", "中国共产党中央委员会政治局", meeting) in facts
    assert ("REVIEWED", meeting, "关于推动东北振兴若干政策措施的意见") in facts
    assert {("PRESIDED_OVER", "习近平", meeting), ("PRESIDED_OVER", "习近平", study)} <= facts


def test_appointments_and_removals_and_listed_laws(extract_text):
    result = extract_text(
        "某次会议闭幕\n新华社北京6月28日电 十四届全国人大常委会第三次会议28日下午闭幕。会议表决通过了对外关系法、外国国家豁免法。\n"
        "会议经表决，免去秦刚的外交部部长职务，任命王毅为外交部部长。"
    )
    posts = {(source, target, p["title"], p.get("change")) for source, target, p in _facts([result], "HOLDS_POSITION")}
    assert {("秦刚", "外交部", "部长", "removed"), ("王毅", "外交部", "部长", "appointed")} <= posts
    adopted = {target for _, target in _pairs(result, "ADOPTED")}
    assert "外国国家豁免法" in adopted


def test_every_speaker_of_a_list_across_a_comma(extract_text):
    result = extract_text(
        "全国政协召开双周协商座谈会\n新华社北京5月10日电 全国政协10日在京召开双周协商座谈会。全国政协主席王沪宁主持会议。\n"
        "全国政协委员张三丰、李四光，以及专家学者王五六在会上发言。"
    )
    speakers = {source for source, _ in _pairs(result, "SPOKE_AT")}
    assert {"张三丰", "李四光", "王五六"} <= speakers and "王沪宁" not in speakers


def _names(result, etype):
    return {e.name for e in result.entities if e.type == etype}


def test_place_chains_and_the_bodies_a_name_nests(extract_text):
    result = extract_text(
        "乡村新貌\n近年来，四川省成都市双流区永安镇加强基层党组织建设。河南省焦作市温县开展排查。"
        "张三是江西省石城县屏山镇河东村党支部书记。他到一家便民市场调研。\n"
        "中央网络安全和信息化委员会办公室室务会\n全国政协党组召开会议。"
    )
    assert {"四川省", "成都市", "双流区", "永安镇", "河南省", "焦作市", "温县", "屏山镇", "河东村"} <= _names(result, "Place")
    assert not any("便民" in p for p in _names(result, "Place"))
    parts = _pairs(result, "PART_OF")
    assert ("中央网络安全和信息化委员会办公室室务会", "中央网络安全和信息化委员会办公室") in parts
    assert ("中央网络安全和信息化委员会办公室", "中央网络安全和信息化委员会") in parts
    assert ("中国人民政治协商会议全国委员会党组", "中国人民政治协商会议全国委员会") in parts


def test_editions_of_events_campaigns_and_a_congress_report(extract_text):
    result = extract_text(
        "综述\n2018年4月22日，首届数字中国建设峰会在福建福州开幕。习近平总书记出席第二届世界互联网大会开幕式。"
        "在黑龙江省哈尔滨市举办的2022世界5G大会展厅里。中国网络文明大会连续举办，成立世界互联网大会国际组织。\n"
        "争做中国好网民工程、网络公益工程深入实施，“网络中国节”主题活动持续开展。要深化党纪学习教育，打赢脱贫攻坚战。"
        "习近平总书记在党的二十大报告中强调。要实施好就业优先战略，着力做好国家重大战略。"
    )
    assert {"首届数字中国建设峰会", "第二届世界互联网大会", "2022世界5G大会", "中国网络文明大会"} <= _names(result, "Event")
    assert "世界互联网大会国际组织" in _names(result, "Organization")
    policies = _names(result, "Policy")
    assert {"争做中国好网民工程", "网络公益工程", "网络中国节主题活动", "党纪学习教育", "脱贫攻坚战", "就业优先战略"} <= policies
    assert "中国共产党第二十次全国代表大会报告" in policies
    assert not any("重大战略" in p for p in policies)


def test_what_a_session_adopts_and_what_it_does_not(extract_text):
    result = extract_text(
        "某次会议闭幕\n新华社北京3月11日电 第十三届全国人民代表大会第五次会议11日上午在人民大会堂闭幕。\n"
        "大会表决通过了关于政府工作报告的决议，批准2022年中央预算。"
        "大会表决通过了关于修改《中华人民共和国地方各级人民代表大会和地方各级人民政府组织法》的决定，国家主席习近平签署第一一〇号主席令予以公布。"
        "大会还表决通过了第十四届全国人民代表大会代表名额和选举问题的决定、香港特别行政区选举第十四届全国人民代表大会代表的办法。\n"
        "会议表决通过了学前教育法，全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定。国家主席习近平分别签署第34号、第35号主席令。"
    )
    session = "第十三届全国人民代表大会第五次会议"
    adopted = {target for source, target in _pairs(result, "ADOPTED") if source == session}
    assert {
        "关于政府工作报告的决议",
        "2022年中央预算",
        "第十四届全国人民代表大会代表名额和选举问题的决定",
        "香港特别行政区选举第十四届全国人民代表大会代表的办法",
        "关于实施渐进式延迟法定退休年龄的决定",
    } <= adopted
    assert not any(a.endswith("主席令") for a in adopted)
    issued = _pairs(result, "ISSUED")
    assert {("习近平", "第34号主席令"), ("习近平", "第35号主席令"), ("习近平", "第一一〇号主席令")} <= issued
    # the author named before 关于 issues the decision, not the law it amends
    assert ("全国人民代表大会常务委员会", "关于实施渐进式延迟法定退休年龄的决定") in issued


def test_joint_issuers_and_posts_carried_from_a_party_organ(extract_text):
    result = extract_text(
        "新闻\n新华社北京3月8日电 国家发展改革委、最高人民法院联合印发《关于建立健全涉企纠纷多元化解机制的意见》。"
        "全国人大常委会关于修改《中华人民共和国文物保护法》的决定已经通过。\n"
        "公安部党委副书记、常务副部长王小洪出席全国公安机关夏季治安打击整治行动部署会并讲话。"
    )
    issued = _pairs(result, "ISSUED")
    opinion = "关于建立健全涉企纠纷多元化解机制的意见"
    assert {("国家发展和改革委员会", opinion), ("最高人民法院", opinion)} <= issued
    assert not any(target == "中华人民共和国文物保护法" for _, target in issued)
    posts = {(target, p["title"]) for source, target, p in _facts([result], "HOLDS_POSITION") if source == "王小洪"}
    assert posts == {("公安部党委", "副书记"), ("公安部", "常务副部长")}
    assert ("王小洪", "全国公安机关夏季治安打击整治行动部署会") in _pairs(result, "SPOKE_AT")


def test_a_committee_named_with_its_term_and_the_reports_inside_resolutions(extract_text):
    result = extract_text(
        "全国政协十三届五次会议闭幕\n新华社北京3月10日电 中国人民政治协商会议第十三届全国委员会第五次会议10日上午在人民大会堂闭幕。\n"
        "大会通过了关于政协第十三届全国委员会常务委员会工作报告的决议、"
        "政协第十三届全国委员会提案委员会关于政协十三届五次会议提案审查情况的报告和中国人民政治协商会议第十三届全国委员会第五次会议政治决议。"
    )
    session = "中国人民政治协商会议第十三届全国委员会第五次会议"
    policies = _names(result, "Policy")
    assert {"关于政协第十三届全国委员会常务委员会工作报告的决议", "中国人民政治协商会议全国委员会常务委员会工作报告"} <= policies
    assert "中国人民政治协商会议全国委员会提案委员会" in _names(result, "Organization")
    report = "关于政协十三届五次会议提案审查情况的报告"
    assert ("中国人民政治协商会议全国委员会提案委员会", report) in _pairs(result, "ISSUED")
    # 审查 inside the report's name is no verb: the political resolution is adopted, not reviewed
    resolution = "中国人民政治协商会议第十三届全国委员会第五次会议政治决议"
    assert (session, resolution) in _pairs(result, "ADOPTED")
    assert (session, resolution) not in _pairs(result, "REVIEWED")


def test_a_delegation_meeting_named_after_its_session_is_the_meeting(extract_text):
    result = extract_text(
        "习近平出席广东代表团全体会议\n新华社北京3月7日电 习近平7日下午在出席十四届全国人大二次会议广东代表团全体会议时强调，要深化改革。"
        "会议由黄坤明主持。代表张三丰、李四光先后发言。"
    )
    meeting = "广东代表团全体会议"
    assert ("黄坤明", meeting) in _pairs(result, "PRESIDED_OVER")
    assert {("张三丰", meeting), ("李四光", meeting), ("习近平", meeting)} <= _pairs(result, "SPOKE_AT")
    assert ("习近平", meeting) in _pairs(result, "ATTENDED")
    assert (meeting, "第十四届全国人民代表大会第二次会议") in _pairs(result, "PART_OF")


def test_an_inspection_tour_and_its_stops(extract_text):
    result = extract_text(
        "综述\n2023年9月10日至13日，中共中央总书记习近平在黑龙江考察。这是11日上午，习近平在哈尔滨市松北区一家企业考察时，了解生产情况。\n"
        "2012年12月，习近平总书记在深圳考察时作出重要判断。正在江苏南京考察的习近平总书记来到紫金山实验室。\n"
        "中国共产党第二十届中央委员会第三次全体会议，于2024年7月15日至18日在北京举行。这是习近平、李强等步入会场。"
    )
    tours = {"习近平在黑龙江考察", "习近平在深圳考察", "习近平在江苏考察"}
    assert tours == {e for e in _names(result, "Event") if "考察" in e}  # the stop in 哈尔滨 is part of the tour
    attended = _pairs(result, "ATTENDED")
    assert {("习近平", tour) for tour in tours} <= attended
    assert ("李强", "中国共产党第二十届中央委员会第三次全体会议") in attended
    assert ("习近平在深圳考察", "深圳市") in _pairs(result, "HELD_IN")


def test_a_list_of_things_closed_by_deng_is_no_list_of_persons(extract_text):
    result = extract_text("综述\n大数据、云计算、人工智能、区块链等研究应用加快推进。崔铁军、高纪凡、宋燕等6位代表发言。")
    persons = _names(result, "Person")
    assert {"崔铁军", "高纪凡", "宋燕"} <= persons and not {"区块链", "智能"} & persons


def test_a_sectors_five_year_plan_is_not_the_national_one(extract_text):
    result = extract_text(
        "规划\n要加快实施国防和军队建设“十四五”规划，编制“十四五”数字经济发展规划，抓好交通运输“十四五”规划执行。今年是实现“十四五”规划目标任务的关键一年，"
        "也是谋划“十五五”规划之年。我们实施了一系列区域协调发展战略、区域重大战略、主体功能区战略等。"
    )
    policies = _names(result, "Policy")
    assert {"国防和军队建设十四五规划", "十四五数字经济发展规划", "主体功能区战略"} <= policies
    assert not any(p.startswith("抓好") for p in policies)
    assert not any(p.startswith(("谋划", "实现", "今年")) for p in policies)


def test_briefings_departments_joint_authors_and_drafts(extract_text):
    result = extract_text(
        "发布会\n新华社北京1月25日电 生态环境部25日召开1月例行新闻发布会。生态环境部新闻发言人裴晓菲介绍，全国空气质量持续改善。\n"
        "生态环境部应对气候变化司司长李高说，要落实《中共中央 国务院关于全面推进美丽中国建设的意见》，部署开展“清废行动”专项行动。\n"
        "国务院常务会议讨论《中华人民共和国医疗保障法（草案）》。"
    )
    assert {("裴晓菲", "1月例行新闻发布会"), ("李高", "1月例行新闻发布会")} <= _pairs(result, "SPOKE_AT")
    posts = {(source, target) for source, target, _ in _facts([result], "HOLDS_POSITION")}
    assert ("李高", "生态环境部应对气候变化司") in posts
    assert ("生态环境部应对气候变化司", "生态环境部") in _pairs(result, "PART_OF")
    opinion = "关于全面推进美丽中国建设的意见"
    assert {("中国共产党中央委员会", opinion), ("中华人民共和国国务院", opinion)} <= _pairs(result, "ISSUED")
    policies = _names(result, "Policy")
    assert {"中华人民共和国医疗保障法草案", "中华人民共和国医疗保障法", "清废行动专项行动"} <= policies
    assert ("中华人民共和国国务院常务会议", "中华人民共和国医疗保障法草案") in _pairs(result, "REVIEWED")


def test_counted_lists_of_deputies_and_members_and_speeches_at_a_named_meeting(extract_text):
    result = extract_text(
        "审议\n新华社北京3月5日电 习近平参加十四届全国人大二次会议浙江代表团审议。\n"
        "张三丰、李四光、王五六等3位代表分别就推进科技创新等问题发言。\n"
        "在2017年2月17日召开的国家安全工作座谈会上，习近平总书记专门谈到要筑牢网络安全防线。\n"
        "2014年2月，中央网络安全和信息化领导小组第一次会议召开。习近平亲自担任组长，在会上强调要建设网络强国。"
    )
    posts = {(s, t, p["title"]) for s, t, p in _facts([result], "HOLDS_POSITION")}
    assert {(name, "浙江代表团", "代表") for name in ("张三丰", "李四光", "王五六")} <= posts
    spoke = _pairs(result, "SPOKE_AT")
    assert {("张三丰", "浙江代表团审议"), ("王五六", "浙江代表团审议")} <= spoke
    assert ("习近平", "国家安全工作座谈会") in spoke
    assert ("习近平", "中央网络安全和信息化领导小组第一次会议") in spoke


def test_a_laws_adoption_history_and_the_country_as_a_place(extract_text):
    result = extract_text(
        "中华人民共和国测试法\n（1988年9月5日第七届全国人民代表大会常务委员会第三次会议通过 2024年2月27日第十四届全国人民代表大会常务委员会第八次会议修订）\n"
        "第一条 为了测试，制定本法。境外在中国境内设立的组织适用本法。我国经济总量达126万亿元。中国政府同各国签署协定。"
        "坚持中国特色社会主义，推进中国式现代化，建设数字中国。"
    )
    adopted = {(s, t, p.get("date")) for s, t, p in _facts([result], "ADOPTED")}
    law = "中华人民共和国测试法"
    assert {
        ("第七届全国人民代表大会常务委员会第三次会议", law, "1988-09-05"),
        ("第十四届全国人民代表大会常务委员会第八次会议", law, "2024-02-27"),
    } <= adopted
    place = next(e for e in result.entities if e.type == "Place" and e.name == "中国")
    assert {"中国", "我国"} <= set(place.aliases)
    assert "中华人民共和国" in _names(result, "Organization")  # 中国政府同…签署: the state acts
    # 中国特色社会主义, 中国式现代化, 数字中国 mention no country
    assert len([m for e in result.entities if e.name in ("中国", "中华人民共和国") for m in e.mentions]) == 3
    assert "城市更新行动" in _names(extract_text("行动\n要实施城市更新行动，开展联合行动。"), "Policy")


def test_a_meeting_convened_after_the_closing_is_its_own(extract_text):
    result = extract_text(
        "某会议闭幕\n新华社北京3月11日电 第十四届全国人民代表大会第二次会议11日下午在人民大会堂闭幕。"
        "闭幕会后，赵乐际主持召开十四届全国人大常委会第十七次委员长会议。会后，李鸿忠主持召开座谈会。"
    )
    session, council = "第十四届全国人民代表大会第二次会议", "第十四届全国人民代表大会常务委员会第十七次委员长会议"
    assert _pairs(result, "PRESIDED_OVER") == {("赵乐际", council)}  # not the session; the unnamed 座谈会 is nobody's
    assert "闭幕会" in next(e for e in result.entities if e.name == session).aliases


def test_a_headlines_amending_decision_is_the_decision(extract_text):
    result = extract_text(
        "十三届全国人大五次会议闭幕 通过地方组织法修正决定\n新华社北京3月11日电 第十三届全国人民代表大会第五次会议11日上午闭幕。"
        "大会表决通过了关于修改《中华人民共和国地方各级人民代表大会和地方各级人民政府组织法》的决定。"
    )
    decision = "关于修改中华人民共和国地方各级人民代表大会和地方各级人民政府组织法的决定"
    assert "地方组织法修正决定" in next(e for e in result.entities if e.name == decision).aliases
    adopted = {t for _, t in _pairs(result, "ADOPTED")}
    assert decision in adopted and "中华人民共和国地方各级人民代表大会和地方各级人民政府组织法" not in adopted


def test_who_presides_named_meetings(extract_text):
    result = extract_text(
        "全国人大常委会第十次会议闭幕\n新华社北京6月26日电 十四届全国人大常委会第十次会议26日在北京人民大会堂闭幕。"
        "赵乐际委员长主持会议。\n全国安全生产电视电话会议8日在京召开。国务院副总理张国清出席并主持会议。\n"
        "习近平总书记在主持中共中央政治局第十二次集体学习时指出，绿色发展是高质量发展的底色。"
    )
    session = "第十四届全国人民代表大会常务委员会第十次会议"  # the headline names it without its term
    assert "全国人大常委会第十次会议" in next(e for e in result.entities if e.name == session).aliases
    assert _pairs(result, "PRESIDED_OVER") == {
        ("赵乐际", session),
        ("张国清", "全国安全生产电视电话会议"),  # not an event called 并主持会议
        ("习近平", "中国共产党中央委员会政治局第十二次集体学习"),
    }


def test_quoted_and_coordinated_programme_names(extract_text):
    result = extract_text(
        "工信部部署数字化工作\n本报北京5月6日电 工信部印发“互联网+”行动计划，启动“千企百县”帮扶计划，"
        "实施“宽带中国”战略和“数字乡村”建设工程，修订《产业结构调整指导目录（2024年本）》。"
    )
    assert {"互联网+行动计划", "千企百县帮扶计划", "宽带中国战略", "数字乡村建设工程", "产业结构调整指导目录（2024年本）"} == {
        n.replace("“", "").replace("”", "") for n in _names(result, "Policy")
    }


def test_a_meeting_named_as_the_subject_of_its_convening(extract_text):
    result = extract_text(
        "民营企业座谈会在京召开\n新华社北京2月17日电 民营企业座谈会17日在京召开。会议由中共中央政治局常委、国务院总理李强主持。"
        "习近平出席座谈会并讲话。领导同志在主席台就座，祝贺大会召开。"
    )
    assert _names(result, "Event") == {"民营企业座谈会"}  # not 祝贺大会
    assert _pairs(result, "PRESIDED_OVER") == {("李强", "民营企业座谈会")}


def test_a_standing_committee_closing(extract_text):
    result = extract_text(
        "十四届全国人大常委会第十二次会议在京闭幕\n表决通过能源法习近平签署主席令赵乐际主持\n"
        "新华社北京11月8日电 十四届全国人大常委会第十二次会议8日下午在北京人民大会堂闭幕。"
        "在6日举行的常委会第三次全体会议上，全国人大宪法和法律委员会主任委员信春鹰作了关于能源法草案审议结果的报告。"
        "李鸿忠、王东明、铁凝副委员长和秘书长刘奇出席会议。"
    )
    session = "第十四届全国人民代表大会常务委员会第十二次会议"
    assert _names(result, "Event") == {session, "第十四届全国人民代表大会"}  # 常委会第三次全体会议 is a sitting of it
    assert "第三次全体会议" in next(e for e in result.entities if e.name == session).aliases
    assert _pairs(result, "PRESIDED_OVER") == {("赵乐际", session)}  # not 习近平, who signs
    assert "闭幕" not in _names(result, "Person")
    assert "中华人民共和国宪法" not in _names(result, "Policy")  # inside the committee's name
    held = _pairs(result, "HOLDS_POSITION")
    assert ("信春鹰", "全国人民代表大会宪法和法律委员会") in held
    assert {(p, "全国人民代表大会常务委员会") for p in ("李鸿忠", "王东明", "铁凝", "刘奇")} <= held  # 秘书长 of the same body


def test_short_forms_of_an_instrument_are_its_aliases(extract_text):
    result = extract_text(
        "国务院办公厅印发行动方案\n新华社北京12月16日电 国务院办公厅日前印发《加快县域充电基础设施建设行动方案（2024—2027年）》"
        "（以下简称《行动方案》）。《行动方案》提出，到2025年底实现覆盖。中共中央政治局5月27日召开会议，审议《中国共产党巡视工作条例》。"
        "会议审议通过了修订后的巡视工作条例。十四届全国人大常委会第十二次会议2月26日表决通过的能源法，自2025年1月1日起施行。"
    )
    plan = next(e for e in result.entities if e.name == "加快县域充电基础设施建设行动方案（2024—2027年）")
    assert "行动方案" in plan.aliases
    assert "巡视工作条例" in next(e for e in result.entities if e.name == "中国共产党巡视工作条例").aliases
    assert _names(result, "Policy") == {plan.name, "中国共产党巡视工作条例", "中华人民共和国能源法"}  # not 的能源法
    adopted = {t: p["date"] for s, t, p in _facts([result], "ADOPTED") if s.endswith("第十二次会议")}
    assert adopted == {"中华人民共和国能源法": "2024-02-26"}  # the month written with the day (not March 26)


def test_a_meeting_referred_to_is_not_the_one_presided(extract_text):
    result = extract_text(
        "习近平主持召开二十届中央全面深化改革委员会第六次会议\n新华社北京9月26日电 习近平9月26日下午主持召开二十届中央全面深化改革委员会第六次会议。"
        "习近平在主持会议时强调，党的二十届三中全会通过的《中共中央关于进一步全面深化改革、推进中国式现代化的决定》要落实好。"
    )
    assert _pairs(result, "PRESIDED_OVER") == {("习近平", "第二十届中央全面深化改革委员会第六次会议")}


def test_companies_units_and_an_amending_decisions_short_form(extract_text):
    result = extract_text(
        "测试\n新华社北京3月8日电 鼓励国家电网有限公司、中国南方电网有限责任公司等企业参与建设。全国发放补贴申请68万份，"
        "PM2.5平均浓度为29.3微克/立方米。会议通过了关于修改《中华人民共和国统计法》的决定。关于修改统计法的决定自公布之日起施行。"
    )
    assert {"国家电网有限公司", "中国南方电网有限责任公司"} <= _names(result, "Organization")
    assert not any("有限公司有限公司" in n for n in _names(result, "Organization"))
    assert {"68万份", "29.3微克/立方米"} <= _names(result, "Figure")
    decision = next(e for e in result.entities if e.name == "关于修改中华人民共和国统计法的决定")
    assert "关于修改统计法的决定" in decision.aliases


def test_a_joint_meeting_named_with_its_campaign(extract_text):
    result = extract_text(
        "“净网2024”专项行动暨网络安全工作推进会召开\n本报北京3月6日电 （记者张明）“净网2024”专项行动暨网络安全工作推进会6日在京召开。"
        "公安部副部长王小洪出席会议并讲话，公安部网络安全保卫局局长李明主持会议。"
    )
    meeting = "净网2024专项行动暨网络安全工作推进会"
    assert meeting in {n.replace("“", "").replace("”", "") for n in _names(result, "Event")}
    assert {n.replace("“", "").replace("”", "") for n in _names(result, "Policy")} == {"净网2024专项行动"}
    assert {p for p, _ in _pairs(result, "PRESIDED_OVER")} == {"李明"}


def test_a_cppcc_closing_names_its_resolutions_with_their_author(extract_text):
    result = extract_text(
        "全国政协十四届一次会议闭幕\n新华社北京3月8日电 中国人民政治协商会议第十四届全国委员会第一次会议8日上午在人民大会堂闭幕。"
        "大会表决通过了中国人民政治协商会议第十四届全国委员会第一次会议关于常务委员会工作报告的决议，"
        "中国人民政治协商会议第十四届全国委员会第一次会议关于政协第十三届全国委员会第五次会议以来提案工作情况报告的决议。"
    )
    resolution = next(e for e in result.entities if e.name == "关于常务委员会工作报告的决议")
    assert "中国人民政治协商会议第十四届全国委员会第一次会议关于常务委员会工作报告的决议" in resolution.aliases
    assert "关于政协第十三届全国委员会第五次会议以来提案工作情况的报告" in _names(result, "Policy")  # not 提案工作情况报告
    assert not any("会议关于" in n for n in _names(result, "Policy"))  # no committee called 第一次会议关于常务委员会


def test_a_provinces_own_bodies_and_congress(extract_text):
    result = extract_text(
        "广东省十四届人大二次会议闭幕\n本报广州1月27日电 广东省第十四届人民代表大会第二次会议27日上午在广州闭幕。"
        "省人大常委会主任黄楚平主持闭幕会。省委书记黄坤明讲话。广东省省长王伟中出席。省政协副主席等列席闭幕会。"
    )
    session = "广东省第十四届人民代表大会第二次会议"
    assert ("广东省人民代表大会", session) in _pairs(result, "ORGANIZED")
    assert (session, "广东省第十四届人民代表大会") in _pairs(result, "PART_OF")
    assert "全国人民代表大会常务委员会" not in _names(result, "Organization")  # 省人大常委会 is the province's
    assert {
        ("黄楚平", "广东省人民代表大会常务委员会"),
        ("黄坤明", "中国共产党广东省委员会"),
        ("王伟中", "广东省人民政府"),
    } <= _pairs(result, "HOLDS_POSITION")
    assert _pairs(result, "PRESIDED_OVER") == {("黄楚平", session)}
    assert "中国人民政治协商会议广东省委员会" in _names(result, "Organization")
    other = extract_text("测试\n本报北京3月8日电 浙江省委常委、杭州市委书记刘捷参加。")
    assert _pairs(other, "HOLDS_POSITION") == {("刘捷", "中国共产党浙江省委员会常务委员会"), ("刘捷", "中国共产党杭州市委员会")}


def test_what_a_named_meeting_adopted_and_speeches_referred_to(extract_text):
    result = extract_text(
        "习近平主持召开中央全面深化改革委员会第六次会议\n新华社北京3月6日电 习近平6日下午主持召开中央全面深化改革委员会第六次会议。"
        "习近平强调，党的二十届三中全会通过的《中共中央关于进一步全面深化改革、推进中国式现代化的决定》要落实好，"
        "深入贯彻落实习近平总书记系列重要讲话和重要指示精神。国家统计局局长康义说，经济运行稳中有进。"
    )
    assert _pairs(result, "ADOPTED") == {
        ("中国共产党第二十届中央委员会第三次全体会议", "中共中央关于进一步全面深化改革、推进中国式现代化的决定")
    }
    assert _pairs(result, "SPOKE_AT") == set()  # 重要讲话…精神 is no speech there
    assert "康义" in _names(result, "Person")


def test_deputy_titles_of_agencies(extract_text):
    result = extract_text("测试\n本报北京3月6日电 会议由国家新闻出版署副署长张建春主持，审计署副审计长王陆进出席。")
    assert {("张建春", "国家新闻出版署"), ("王陆进", "审计署")} <= _pairs(result, "HOLDS_POSITION")


def test_this_law_takes_effect_is_the_law_of_the_title(extract_text):
    result = extract_text(
        "中华人民共和国某某法\n第一条 为了规范管理，制定本法。\n第二条 未按照国家保密规定处理的，依照有关办法处理。"
        "\n第三条 本法自2024年5月1日起施行。"
    )
    dates = {e.name: e.properties.get("effective_date") for e in result.entities if e.type == "Policy"}
    assert dates.get("中华人民共和国某某法") == "2024-05-01"
    assert not any(n.startswith("未按照") for n in dates)


def test_a_national_statistic_measures_the_country_only_when_named(extract_text):
    result = extract_text(
        "测试\n新华社北京1月17日电 全年城镇新增就业1256万人，全国城镇调查失业率平均值为5.1%。我国全年国内生产总值达134.9万亿元。"
        "全年社会消费品零售总额487895亿元。"
    )
    measures = dict(_pairs(result, "MEASURES"))
    assert measures.get("134.9万亿元") == "中国"
    assert "5.1%" not in measures and "1256万人" not in measures  # 全国 names no country
    assert "全年社会" not in _names(result, "Organization")


def test_a_provinces_venue_is_one_place(extract_text):
    result = extract_text(
        "测试\n本报广州1月27日电 广东省第十四届人民代表大会第二次会议27日上午在广东省人民大会堂闭幕。另一会议在北京人民大会堂举行。"
    )
    assert {"广东省人民大会堂", "人民大会堂"} <= _names(result, "Place")  # 北京人民大会堂 is the gazetteer's
    assert _pairs(result, "HELD_IN") >= {("广东省第十四届人民代表大会第二次会议", "广东省人民大会堂")}
    assert not any(n.startswith("另一") for n in _names(result, "Event"))


def test_bodies_whose_unnamed_officials_attend(extract_text):
    result = extract_text(
        "广东省十四届人大二次会议闭幕\n本报广州1月27日电 广东省第十四届人民代表大会第二次会议27日上午闭幕。"
        "省人民政府副省长，省高级人民法院院长，省政协副主席等列席闭幕会。省委书记黄坤明出席。"
    )
    attended = {s for s, _ in _pairs(result, "ATTENDED")}
    assert {"广东省人民政府", "广东省高级人民法院", "中国人民政治协商会议广东省委员会", "黄坤明"} == attended


def test_foreign_leaders_after_their_country_and_title(extract_text):
    result = extract_text(
        "测试\n新华社阿斯塔纳7月4日电 俄罗斯总统普京、哈萨克斯坦总统托卡耶夫、巴基斯坦总理夏巴兹出席会议。联合国秘书长古特雷斯致辞。"
    )
    states = {("普京", "俄罗斯联邦"), ("托卡耶夫", "哈萨克斯坦共和国"), ("夏巴兹", "巴基斯坦伊斯兰共和国"), ("古特雷斯", "联合国")}
    assert states <= _pairs(result, "HOLDS_POSITION")


def test_a_foreign_country_is_the_state_unless_it_is_a_location(extract_text):
    result = extract_text(
        "测试\n新华社北京5月1日电 中国同澳大利亚举行对话。王毅抵达澳大利亚进行访问。印度境内多地降雨。俄罗斯总统普京致辞。"
    )
    assert {"澳大利亚联邦", "俄罗斯联邦", "中华人民共和国"} <= _names(result, "Organization")
    assert {"澳大利亚", "印度"} <= _names(result, "Place")
    assert "印度共和国" not in _names(result, "Organization")


def test_a_party_organs_plenary_is_named_with_its_term(extract_text):
    result = extract_text(
        "二十届中央纪委四次全会在京闭幕\n新华社北京1月8日电 中国共产党第二十届中央纪律检查委员会第四次全体会议于1月6日至8日在北京举行。"
        "代表们肩负全国各族人民的重托出席大会。这是一次重要会议，会议在京举行。会后召开全国出版工作会议。"
    )
    plenary, term = "中国共产党第二十届中央纪律检查委员会第四次全体会议", "中国共产党第二十届中央纪律检查委员会"
    assert _names(result, "Event") == {plenary, term, "全国出版工作会议"}  # not …的重托出席大会, not 一次重要会议
    assert (plenary, term) in _pairs(result, "PART_OF")


def test_regional_titles_and_bodies_without_the_region(extract_text):
    result = extract_text(
        "省政府常务会议召开\n本报武汉11月26日电 11月25日，省委副书记、省长王忠林主持召开省政府第49次常务会议。"
        "副省长赵海山、陈平，省政府秘书长刘卫出席会议。湖北地区生产总值增长5.7%。\n"
    )
    holds = _pairs(result, "HOLDS_POSITION")
    assert {("王忠林", "湖北省人民政府"), ("王忠林", "中国共产党湖北省委员会"), ("赵海山", "湖北省人民政府"), ("陈平", "湖北省人民政府")} <= holds


def test_regional_titles_need_a_single_region(extract_text):
    result = extract_text("测试\n本报北京3月1日电 会议指出，湖北省和湖南省要加强合作。副省长赵海山出席会议。")
    assert not {t for s, t in _pairs(result, "HOLDS_POSITION") if s == "赵海山"}  # which province's is unknown


def test_autonomous_region_bodies_and_deputies_at_a_deliberation(extract_text):
    result = extract_text(
        "习近平参加内蒙古代表团审议\n新华社北京3月5日电 习近平5日下午在参加十四届全国人大一次会议内蒙古代表团审议时强调，要守好祖国北疆。"
        "自治区党委书记孙绍骋代表首先发言。自治区政府主席王莉霞代表介绍了能源基地建设情况。"
        "王小明、李大江等代表先后发言。王沪宁代表中共中央致辞。\n"
    )
    holds = _pairs(result, "HOLDS_POSITION")
    delegation = "内蒙古代表团"
    assert {("孙绍骋", "中国共产党内蒙古自治区委员会"), ("王莉霞", "内蒙古自治区人民政府")} <= holds
    assert {("孙绍骋", delegation), ("王莉霞", delegation), ("王小明", delegation), ("李大江", delegation)} <= holds
    assert ("王沪宁", delegation) not in holds  # 代表 as a verb
    spoke = {s for s, _ in _pairs(result, "SPOKE_AT")}
    assert {"孙绍骋", "王莉霞", "王小明", "李大江"} <= spoke


def test_the_bare_subject_plenum_returns_to_the_plenary(extract_text):
    result = extract_text(
        "中央纪委全会闭幕\n新华社北京1月8日电 中国共产党第二十届中央纪律检查委员会第四次全体会议6日至8日在北京举行。"
        "习近平6日上午出席全会第一次全体会议并发表重要讲话。李希主持会议。\n"
        "2024年12月25日，十四届全国人大常委会第十三次会议表决通过关于修改监察法的决定。\n"
        "8日下午，全会举行闭幕会。刘金国主持闭幕会。\n"
    )
    plenary = "中国共产党第二十届中央纪律检查委员会第四次全体会议"
    assert _pairs(result, "PRESIDED_OVER") == {("李希", plenary), ("刘金国", plenary)}
    assert not any("全会第一次" in n for n in _names(result, "Event"))  # a sitting of the plenary


def test_less_common_surnames_after_a_title(extract_text):
    result = extract_text("测试\n新华社北京8月29日电 国务院新闻办公室举行新闻发布会。新闻发言人寿小丽主持发布会。")
    assert "寿小丽" in _names(result, "Person")
    assert {s for s, _ in _pairs(result, "PRESIDED_OVER")} == {"寿小丽"}


def test_ceremonies_numbered_work_meetings_and_meetings_named_after_a_body(extract_text):
    result = extract_text(
        "测试\n新华社北京7月31日电 中央军委举行晋升上将军衔仪式。仪式由中央军委副主席何卫东主持。"
        "仪式结束后，张又侠在八一大楼主持召开火箭军部队建设座谈会。座谈会上，王厚斌、徐西盛先后发言。\n"
        "国务院第三次廉政工作会议同日下午召开。李强出席会议并发表讲话，丁薛祥主持会议。\n"
    )
    assert {"晋升上将军衔仪式", "火箭军部队建设座谈会", "国务院第三次廉政工作会议"} <= _names(result, "Event")
    assert _pairs(result, "PRESIDED_OVER") == {
        ("何卫东", "晋升上将军衔仪式"), ("张又侠", "火箭军部队建设座谈会"), ("丁薛祥", "国务院第三次廉政工作会议")
    }
    assert {("王厚斌", "火箭军部队建设座谈会"), ("徐西盛", "火箭军部队建设座谈会")} <= _pairs(result, "SPOKE_AT")


def test_speakers_listed_with_long_titles_and_briefing_verbs(extract_text):
    result = extract_text(
        "测试\n新华社北京12月8日电 中共中央12月6日在中南海召开党外人士座谈会。习近平主持座谈会并发表重要讲话。"
        "李强通报了今年以来经济形势有关情况。\n座谈会上，致公党中央主席蒋作君、九三学社中央主席武维华、全国工商联主席高云龙先后发言。\n"
    )
    spoke = {s for s, _ in _pairs(result, "SPOKE_AT")}
    assert {"习近平", "李强", "蒋作君", "武维华", "高云龙"} <= spoke
    assert {s for s, _ in _pairs(result, "PRESIDED_OVER")} == {"习近平"}


def test_a_ceremony_named_after_its_body_and_leading_work_is_not_presiding(extract_text):
    result = extract_text(
        "测试\n新华社北京7月31日电 中央军委晋升上将军衔仪式31日下午在北京八一大楼隆重举行。仪式由中央军委副主席何卫东主持。"
        "王厚斌自今年年初以来主持火箭军全面工作。武维华结合其主持完成的调研课题作了发言。\n"
    )
    assert "中央军委晋升上将军衔仪式" in _names(result, "Event")
    assert _pairs(result, "PRESIDED_OVER") == {("何卫东", "中央军委晋升上将军衔仪式")}


def test_a_provincial_cppcc_session_in_its_forms(extract_text):
    result = extract_text(
        "测试\n新华社南京1月16日电 中国人民政治协商会议江苏省第十三届委员会第三次会议16日上午在南京闭幕。"
        "大会执行主席、省政协副主席陈振宁主持闭幕会。\n会议通过了政协第十三届江苏省委员会第三次会议政治决议。"
        "14日下午的第二次全体会议在大会执行主席、省政协副主席周卫东主持下举行。\n"
    )
    session = "中国人民政治协商会议江苏省第十三届委员会第三次会议"
    assert _pairs(result, "PRESIDED_OVER") == {("陈振宁", session), ("周卫东", session)}
    assert (session, "中国人民政治协商会议江苏省第十三届委员会") in _pairs(result, "PART_OF")
    assert ("中国人民政治协商会议江苏省委员会", session) in _pairs(result, "ORGANIZED")


def test_a_provincial_leading_groups_numbered_meeting(extract_text):
    result = extract_text(
        "测试\n本报成都7月31日电 中共四川省委常委会7月31日召开会议。省委书记王晓晖主持会议。\n"
        "当天下午，省委农村工作领导小组2025年第二次会议接着召开。这次会议由省委副书记、省委农村工作领导小组组长于立军主持。\n"
    )
    meeting = "中共四川省委农村工作领导小组2025年第二次会议"
    assert meeting in _names(result, "Event")
    assert ("于立军", meeting) in _pairs(result, "PRESIDED_OVER")
    assert ("中共四川省委农村工作领导小组", meeting) in _pairs(result, "ORGANIZED")


def test_a_headlines_meeting_without_its_number_is_the_numbered_one(extract_text):
    result = extract_text(
        "王忠林主持召开省政府常务会议\n本报武汉11月26日电 11月25日，省长王忠林主持召开省政府第49次常务会议，"
        "审议通过《湖北省公共数据资源开发利用管理办法》。\n"
    )
    assert _names(result, "Event") == {"湖北省人民政府第四十九次常务会议"}  # the province's government, by its name
    assert _pairs(result, "PRESIDED_OVER") == {("王忠林", "湖北省人民政府第四十九次常务会议")}


def test_a_person_named_once_is_found_where_the_bare_name_recurs(extract_text):
    result = extract_text(
        "测试\n新华社北京10月16日电 全国人大宪法和法律委员会主任委员信春鹰作了汇报。"
        "此前，宪法和法律委员会全体会议于13日召开，会议由信春鹰主持。\n"
    )
    assert _pairs(result, "PRESIDED_OVER") == {("信春鹰", "全国人民代表大会宪法和法律委员会全体会议")}


def test_a_discussion_meetings_floor_and_a_presider_who_also_attends(extract_text):
    result = extract_text(
        "测试\n新华社北京10月25日电 全国政协25日下午在京召开双周协商座谈会。全国政协主席王沪宁出席并主持座谈会。\n"
        "调研组先后赴甘肃、宁夏调研，召开各类座谈会23场。\n"
        "座谈会上，全国政协委员、湖南省民政厅厅长郑子谦建议，统筹布局养老服务设施。民政部副部长柯文杰介绍有关情况。\n"
    )
    meeting = "双周协商座谈会"
    assert "各类座谈会" not in _names(result, "Event")
    assert ("王沪宁", meeting) in _pairs(result, "ATTENDED") and ("王沪宁", meeting) in _pairs(result, "PRESIDED_OVER")
    assert {("郑子谦", meeting), ("柯文杰", meeting)} <= _pairs(result, "SPOKE_AT")


def test_provincial_departments_ministry_units_and_party_group_members(extract_text):
    result = extract_text(
        "测试\n新华社北京1月9日电 开幕会由水利部党组成员、副部长王道席主持。会上，浙江省水利厅厅长李锐、"
        "水利部长江水利委员会主任刘冬顺先后作交流发言。上合组织未来3年为成员国培训1000名执法人员。\n"
    )
    assert {("王道席", "水利部党组"), ("王道席", "水利部"), ("李锐", "浙江省水利厅"),
            ("刘冬顺", "水利部长江水利委员会")} <= _pairs(result, "HOLDS_POSITION")
    assert _names(result, "Person") == {"王道席", "李锐", "刘冬顺"}


def test_state_visit_talks_ceremonies_and_a_forum_held_the_same_day(extract_text):
    result = extract_text(
        "测试\n新华社北京1月15日电 国家主席习近平在人民大会堂同来华进行国事访问的斯里兰卡总统迪萨纳亚克举行会谈。\n"
        "会谈前，习近平在人民大会堂北大厅为迪萨纳亚克举行欢迎仪式。中斯元首会谈结束后，两国元首共同见证签署合作文件。\n"
        "当天上午，迪萨纳亚克出席在京举行的中国—斯里兰卡经贸合作论坛。论坛由中国贸促会会长任鸿斌主持。\n"
    )
    assert {"中斯元首会谈", "国事访问", "欢迎仪式", "中国—斯里兰卡经贸合作论坛"} <= _names(result, "Event")
    assert {("习近平", "中斯元首会谈"), ("习近平", "欢迎仪式")} <= _pairs(result, "ATTENDED")
    assert _pairs(result, "PRESIDED_OVER") == {("任鸿斌", "中国—斯里兰卡经贸合作论坛")}


def test_a_lecture_after_a_closing_and_the_closing_named_again(extract_text):
    result = extract_text(
        "十四届全国人大常委会举行第十七讲专题讲座\n本报北京4月30日电 十四届全国人大常委会第十五次会议30日下午在北京人民大会堂闭幕。"
        "闭幕会后，十四届全国人大常委会第十七讲专题讲座在人民大会堂举行。赵乐际出席讲座。\n"
        "在赵乐际委员长主持下，闭幕会表决通过了民营经济促进法。\n讲座由全国人大常委会副委员长李鸿忠主持。\n"
        "主持学习的市委书记、市委理论学习中心组组长周立衡在讲话中指出，要抓好落实。\n"
    )
    lecture, session = "第十四届全国人民代表大会常务委员会第十七讲专题讲座", "第十四届全国人民代表大会常务委员会第十五次会议"
    assert lecture in _names(result, "Event")
    assert {("赵乐际", session), ("李鸿忠", lecture)} <= _pairs(result, "PRESIDED_OVER")
    assert ("赵乐际", lecture) not in _pairs(result, "PRESIDED_OVER")
    assert ("周立衡", lecture) in _pairs(result, "PRESIDED_OVER")  # 主持学习的…周立衡 (the event under way)


def test_a_city_known_by_its_party_committee_and_speakers_listed_with_title_chains(extract_text):
    result = extract_text(
        "测试\n本报洛阳4月15日电 中共洛阳市委理论学习中心组举行2025年第三次集体学习。\n"
        "市委副书记、市长邵明哲，市委常委、市纪委书记、市监委主任韩卫东分别结合分管领域作交流发言。\n"
    )
    assert {("邵明哲", "洛阳市人民政府"), ("韩卫东", "中国共产党洛阳市纪律检查委员会"), ("韩卫东", "洛阳市监察委员会")} <= _pairs(
        result, "HOLDS_POSITION"
    )
    assert {s for s, _ in _pairs(result, "SPOKE_AT")} == {"邵明哲", "韩卫东"}


def test_a_briefings_host_and_a_session_a_speaker_recounts(extract_text):
    result = extract_text(
        "测试\n新华社北京5月27日电 国务院新闻办公室27日举行新闻发布会。教育部副部长王嘉毅出席发布会，介绍情况。"
        "国务院新闻办公室新闻局副局长、新闻发言人邢慧娜担任本场发布会主持人。\n"
        "王嘉毅介绍，2024年11月8日，十四届全国人大常委会第十二次会议表决通过学前教育法。王嘉毅说，法律将于6月1日起施行。\n"
    )
    events = {t for _, t in _pairs(result, "SPOKE_AT") | _pairs(result, "PRESIDED_OVER")}
    assert len(events) == 1 and "发布会" in next(iter(events))
    assert {s for s, _ in _pairs(result, "PRESIDED_OVER")} == {"邢慧娜"}


def test_the_head_of_an_international_body_presides(extract_text):
    result = extract_text(
        "测试\n新华社天津6月25日电 夏季达沃斯论坛25日上午在天津开幕。李强出席开幕式并致辞。世界经济论坛总裁博尔格·布伦德主持开幕式。\n"
    )
    assert {s for s, _ in _pairs(result, "PRESIDED_OVER")} == {"博尔格·布伦德"}


def test_universities_committees_after_a_title_and_academic_titles(extract_text):
    result = extract_text(
        "测试\n新华社北京10月25日电 全国政协常委、人口资源环境委员会副主任贺建明作主题发言。全国政协委员、中国人民大学教授宋文澜认为，"
        "要加强互助养老。读本由华东师范大学学前教育学院院长周晓燕主持编写。中共中央政治局常委、中央全面深化改革委员会副主任王沪宁出席。\n"
    )
    holds = _pairs(result, "HOLDS_POSITION")
    assert {("贺建明", "中国人民政治协商会议全国委员会常务委员会"), ("贺建明", "中国人民政治协商会议全国委员会人口资源环境委员会"),
            ("宋文澜", "中国人民大学"), ("周晓燕", "华东师范大学学前教育学院")} <= holds
    assert ("华东师范大学学前教育学院", "华东师范大学") in _pairs(result, "PART_OF")
    assert not any("政治局中央" in n for n in _names(result, "Organization"))
    assert not _pairs(result, "PRESIDED_OVER")  # 主持编写 is no presiding


def test_a_foreign_leaders_short_name_is_the_full_one(extract_text):
    result = extract_text(
        "测试\n新华社北京1月15日电 国家主席习近平同来华进行国事访问的斯里兰卡总统阿努拉·库马拉·迪萨纳亚克举行会谈。"
        "会谈前，习近平为迪萨纳亚克举行欢迎仪式。迪萨纳亚克表示，斯方坚定奉行一个中国原则。"
        "外交部部长王毅同斯里兰卡外交部长维贾伊塔·赫拉特分别代表两国签署合作文件。\n"
    )
    persons = _names(result, "Person")
    assert "阿努拉·库马拉·迪萨纳亚克" in persons and "迪萨纳亚克" not in persons and "维贾伊塔·赫拉特" in persons
    assert ("阿努拉·库马拉·迪萨纳亚克", "斯里兰卡民主社会主义共和国") in _pairs(result, "HOLDS_POSITION")
    assert ("阿努拉·库马拉·迪萨纳亚克", "欢迎仪式") in _pairs(result, "ATTENDED")


def test_a_countrys_statistics_after_another_subject(extract_text):
    result = extract_text(
        "测试\n新华社北京2月28日电 会议认为，党中央团结带领全党全国各族人民沉着应变，我国经济运行总体平稳，全年国内生产总值达到134.9万亿元。\n"
    )
    assert _pairs(result, "MEASURES") == {("134.9万亿元", "中国")}


def test_authors_named_in_a_documents_title(extract_text):
    result = extract_text(
        "测试\n新华社北京1月15日电 双方发表《中华人民共和国和斯里兰卡民主社会主义共和国联合声明》。"
        "两国外长签署《中华人民共和国外交部和澳大利亚外交贸易部关于加强领事合作的谅解备忘录》。\n"
    )
    issued = _pairs(result, "ISSUED")
    statement = "中华人民共和国和斯里兰卡民主社会主义共和国联合声明"
    memo = "中华人民共和国外交部和澳大利亚外交贸易部关于加强领事合作的谅解备忘录"
    assert {("中华人民共和国", statement), ("斯里兰卡民主社会主义共和国", statement), ("澳大利亚外交贸易部", memo)} <= issued


def test_venues_and_the_cities_inside_their_names(extract_text):
    result = extract_text(
        "测试\n新华社北京3月5日电 第十四届全国人民代表大会第三次会议5日上午在北京人民大会堂开幕。\n"
        "当晚，习近平在人民大会堂金色大厅举行欢迎宴会。\n中央军委晋升上将军衔仪式31日下午在北京八一大楼隆重举行。\n"
        "在黑龙江省哈尔滨市举办的2022世界5G大会展厅里，参展商现场演示远程手术。\n"
    )
    held = _pairs(result, "HELD_IN")
    session = "第十四届全国人民代表大会第三次会议"
    assert {(session, "人民大会堂"), (session, "北京市"), ("欢迎宴会", "人民大会堂金色大厅"), ("中央军委晋升上将军衔仪式", "八一大楼"),
            ("2022世界5G大会", "哈尔滨市"), ("2022世界5G大会", "黑龙江省")} <= held
    assert ("欢迎宴会", "人民大会堂") not in held


def test_a_delegations_plenary_meeting_and_names_mended_against_those_found(extract_text):
    result = extract_text(
        "测试\n新华社北京3月6日电 出席十四届全国人大三次会议的山东代表团6日上午在驻地举行全体会议，审议政府工作报告。"
        "会议在代表团团长、省委书记林武主持下进行。\n代表们认真审议省长王凯所作的政府工作报告。\n"
        "林武在总结讲话中表示，要走在前。新加坡副总理颜金勇表示，愿深化合作。王伟中与颜金勇共同主持会议并致辞。\n"
    )
    meeting = "山东代表团全体会议"
    assert (meeting, "第十四届全国人民代表大会第三次会议") in _pairs(result, "PART_OF")
    assert ("林武", meeting) in _pairs(result, "PRESIDED_OVER")
    assert {"林武", "王凯", "颜金勇"} <= _names(result, "Person")
    assert not {"林武在", "王凯所", "金勇共"} & _names(result, "Person")


def test_a_three_part_foreign_name_after_a_title():
    from kg.nlp import load_pipeline

    doc = load_pipeline()("斯里兰卡总统阿努拉·库马拉·迪萨纳亚克举行会谈。")
    assert ("阿努拉·库马拉·迪萨纳亚克", "PERSON") in {(e.text, e.label_) for e in doc.ents}


def test_deputies_at_a_delegations_meeting_named_by_its_rule(extract_text):
    result = extract_text(
        "测试\n新华社北京3月6日电 山东代表团6日上午在驻地举行全体会议，审议政府工作报告。"
        "潍柴控股集团有限公司董事长谭旭光代表说，将继续攻坚关键核心技术。\n"
    )
    assert ("谭旭光", "山东代表团") in _pairs(result, "HOLDS_POSITION")
    assert ("谭旭光", "山东代表团全体会议") in _pairs(result, "SPOKE_AT")


def test_a_provincial_party_plenum_in_its_forms(extract_text):
    result = extract_text(
        "中共浙江省委十五届五次全会在杭州举行\n新华社杭州7月30日电 中国共产党浙江省第十五届委员会第五次全体会议29日在杭州举行。"
        "全会听取和讨论了省委书记易炼红受省委常委会委托所作的工作报告。\n省长王浩在第二次全体会议上作了讲话。\n"
    )
    plenum = "中国共产党浙江省第十五届委员会第五次全体会议"
    assert {"中共浙江省委十五届五次全会", "第二次全体会议"} <= set(_entity([result], "Event", plenum).aliases)
    assert (plenum, "中国共产党浙江省第十五届委员会") in _pairs(result, "PART_OF")
    assert ("中国共产党浙江省委员会", plenum) in _pairs(result, "ORGANIZED")
    assert {("易炼红", plenum), ("王浩", plenum)} <= _pairs(result, "SPOKE_AT")


def test_speech_verbs_members_from_the_floor_and_who_only_hears(extract_text):
    result = extract_text(
        "测试\n新华社南京1月18日电 江苏省政协十三届三次会议18日在南京闭幕。"
        "省政协委员、南京大学教授林晓岚建议，打通成果转化堵点。王晓红代表讲述了牧区的变化。"
        "省人大代表张晓雯在闭幕后接受记者采访时说，印象深刻。省长许昆林听取省发展改革委关于项目的汇报。"
        "省发展改革委主任孙敬山汇报了有关工作。副省长朱程清作会议总结。省长在听取大家发言后发表讲话。\n"
    )
    spoke = {p for p, _ in _pairs(result, "SPOKE_AT")}
    assert {"林晓岚", "王晓红", "孙敬山", "朱程清"} <= spoke
    assert not {"张晓雯", "许昆林"} & spoke


def test_a_meeting_decided_on_and_a_span_of_years_are_not_the_current_event(extract_text):
    result = extract_text(
        "测试\n新华社北京10月16日电 十四届全国人大常委会第十二次委员长会议16日在北京举行，研究常委会第六次会议的准备工作。"
        "会议决定，十四届全国人大常委会第六次会议于10月20日在北京举行。委员长会议建议，常委会第六次会议审议慈善法修正草案。"
        "会上，全国人大宪法和法律委员会主任委员信春鹰作了汇报。\n自首届世界互联网大会在乌镇举办以来，习近平连续9年进行主旨演讲。\n"
    )
    standing = "第十四届全国人民代表大会常务委员会第六次会议"
    assert ("信春鹰", "第十四届全国人民代表大会常务委员会第十二次委员长会议") in _pairs(result, "SPOKE_AT")
    assert (standing, "慈善法修正草案") in _pairs(result, "REVIEWED")
    assert ("首届世界互联网大会", "乌镇") in _pairs(result, "HELD_IN")
    assert ("习近平", "首届世界互联网大会") not in _pairs(result, "SPOKE_AT")
    assert ("新华通讯社", standing) not in _pairs(result, "ORGANIZED")


def test_a_delegations_meeting_named_after_the_session_and_its_posts(extract_text):
    result = extract_text(
        "测试\n新华社北京3月6日电 十四届全国人大二次会议江西代表团6日上午在驻地举行全体会议，审议政府工作报告。"
        "在代表团团长、省委书记尹弘主持下，代表们踊跃发言。江西省人大常委会、省政府有关负责同志列席会议，"
        "国家发展改革委、农业农村部有关负责同志到会听取意见。代表团副团长、省委副书记、省长叶建春首先发言。"
        "代表、江西铜业集团有限公司董事长周少兵说，营业收入达到5812亿元。\n"
    )
    meeting = "江西代表团全体会议"
    assert ("尹弘", meeting) in _pairs(result, "PRESIDED_OVER")
    assert {("尹弘", "江西代表团"), ("叶建春", "江西代表团"), ("周少兵", "江西代表团")} <= _pairs(result, "HOLDS_POSITION")
    attended = {(s, t, p["role"]) for s, t, p in _facts([result], "ATTENDED")}
    assert {("江西省人民政府", meeting, "nonvoting"), ("农业农村部", meeting, "attendee")} <= attended
    assert ("农业农村部", meeting, "nonvoting") not in attended


def test_a_party_groups_meeting_a_study_held_after_it_and_what_its_presider_reports(extract_text):
    result = extract_text(
        "测试\n新华社北京1月17日电 司法部党组1月16日召开会议，传达学习中央政法工作会议精神。"
        "主持会议的部党组书记、部长贺荣指出，中央政法工作会议对今年工作作出全面部署。"
        "会后，司法部党组理论学习中心组专题学习会随即举行，学习由贺荣同志主持。\n"
        "最高人民法院审判委员会召开全体会议张军主持\n全国政协副主席胡春华、高云龙分别主持上午和下午的会议。\n"
    )
    presided = _pairs(result, "PRESIDED_OVER")
    assert {("贺荣", "司法部党组会议"), ("贺荣", "司法部党组理论学习中心组专题学习会")} <= presided
    assert ("贺荣", "中央政法工作会议") not in presided
    assert not {"全体会议", "上午和下午的会议"} & _names(result, "Event")


def test_presiding_over_a_meeting_named_after_the_verb_and_foreign_guests_titles(extract_text):
    result = extract_text(
        "测试\n新华社北京9月11日电 全国纪检监察系统警示教育会议11日在京召开。受李希委托，中央纪委副书记刘金国主持会议。"
        "会议指出，8月26日，李希主持召开中央纪委常委会会议，研究有关工作。\n"
        "开幕式由新疆维吾尔自治区主席艾尔肯·吐尼亚孜主持。乌兹别克斯坦副总理沙赫佐德·拉希莫夫致辞。"
        "当天下午，中国—中亚绿色矿业与新能源合作部长级圆桌会议在商务部部长王文涛主持下举行。\n"
    )
    presided = _pairs(result, "PRESIDED_OVER")
    assert ("李希", "全国纪检监察系统警示教育会议") not in presided
    assert ("王文涛", "中国—中亚绿色矿业与新能源合作部长级圆桌会议") in presided
    assert {"艾尔肯·吐尼亚孜", "沙赫佐德·拉希莫夫"} <= _names(result, "Person")
    assert any(s == "李希" and "常委会会议" in t for s, t in presided)


def test_a_meeting_told_in_passing_in_a_report_is_not_the_one_reported(extract_text):
    result = extract_text(
        "测试\n新华社北京12月5日电 全国新时代文明实践先进集体和先进个人表彰大会5日在京举行。蔡奇出席大会并讲话。"
        "今年4月，蔡奇主持召开中央文明委全体会议，作出部署。会上，受表彰代表谢思远、马丽娟先后发言。\n"
        "新华社北京10月10日电 经济形势专家和企业家座谈会10日在中南海召开。李强强调，民营企业是生力军。\n"
    )
    spoke = _pairs(result, "SPOKE_AT")
    assert {("谢思远", "全国新时代文明实践先进集体和先进个人表彰大会"), ("李强", "经济形势专家和企业家座谈会")} <= spoke
    assert not any(t == "中央文明委全体会议" or "文明委" in t for _, t in spoke)


def test_a_government_title_after_a_party_groups_title_is_of_the_body(extract_text):
    result = extract_text(
        "测试\n新华社北京12月13日电 最高人民法院党组副书记、常务副院长沈亮，党组成员、副院长杨万明等审判委员会委员出席会议。\n"
    )
    posts = {(s, t, p["title"]) for s, t, p in _facts([result], "HOLDS_POSITION")}
    assert {("沈亮", "最高人民法院", "常务副院长"), ("杨万明", "最高人民法院", "副院长"), ("杨万明", "最高人民法院党组", "党组成员")} <= posts


@pytest.mark.parametrize("authors", ["中共中央 国务院", "中共中央国务院"])
def test_a_title_issued_by_two_bodies_keeps_both_in_its_alias(extract_text, authors):
    result = extract_text(f"测试\n新华社北京12月18日电 会议讨论了《{authors}关于进一步深化农村改革 扎实推进乡村全面振兴的意见（讨论稿）》。\n")
    policy = _entity([result], "Policy", "关于进一步深化农村改革扎实推进乡村全面振兴的意见")
    assert "中共中央国务院关于进一步深化农村改革扎实推进乡村全面振兴的意见" in [a.replace(" ", "") for a in policy.aliases]
    assert {("中国共产党中央委员会", policy.name), ("中华人民共和国国务院", policy.name)} <= _pairs(result, "ISSUED")


def test_a_provinces_reports_before_its_congress(extract_text):
    result = extract_text(
        "测试\n新华社广州1月23日电 广东省第十四届人民代表大会第二次会议23日上午在广州开幕。"
        "根据会议议程，大会还将审议省人大常委会工作报告、省高级人民法院工作报告和省人民检察院工作报告，"
        "审查广东省2023年国民经济和社会发展计划执行情况与2024年计划草案的报告。\n"
    )
    session = "广东省第十四届人民代表大会第二次会议"
    reviewed = {t for s, t in _pairs(result, "REVIEWED") if s == session}
    assert {"广东省人民代表大会常务委员会工作报告", "广东省高级人民法院工作报告", "广东省人民检察院工作报告",
            "广东省2023年国民经济和社会发展计划执行情况与2024年计划草案的报告"} <= reviewed
    assert "广东省2023年国民经济和社会发展计划" in _names(result, "Policy")


def test_universities_in_a_list_of_bodies_and_more_national_bodies(extract_text):
    result = extract_text(
        "测试\n新华社北京1月10日电 四川省教育厅和南昌大学、浙江大学等单位负责同志作交流发言。"
        "中国贸促会会长任鸿斌、共青团中央有关负责同志出席。\n"
    )
    assert {"南昌大学", "浙江大学", "中国国际贸易促进委员会", "中国共产主义青年团中央委员会"} <= _names(result, "Organization")


def test_a_meeting_held_months_before_is_told_in_passing_after_a_headline_names_the_current_one(extract_text):
    result = extract_text(
        "全国教育工作会议在京召开\n新华社北京1月10日电 教育部1月9日至10日在京召开2025年全国教育工作会议。"
        "2024年9月，中共中央、国务院召开全国教育大会。会议由教育部副部长王嘉毅、孙尧分别主持。\n"
    )
    assert {("王嘉毅", "2025年全国教育工作会议"), ("孙尧", "2025年全国教育工作会议")} <= _pairs(result, "PRESIDED_OVER")


def test_one_delegation_meeting_by_two_names_and_a_meeting_held_before(extract_text):
    result = extract_text(
        "测试\n新华社北京3月5日电 习近平5日下午在参加十四届全国人大三次会议江苏代表团审议时强调，要走在前。"
        "当天上午，十四届全国人大三次会议在人民大会堂开幕。开幕会由大会主席团常务主席、执行主席赵乐际主持。"
        "下午的江苏代表团全体会议由代表团团长、省委书记信长星主持。无锡华芯半导体科技有限公司董事长钱立群代表说，希望加大支持。\n"
        "新华社北京10月16日电 十四届全国人大常委会第十二次委员长会议16日在北京举行。"
        "此前，宪法和法律委员会全体会议于13日召开，会议由信春鹰主持。赵乐际在讲话中指出，要做好审议工作。\n"
    )
    meeting = _entity([result], "Event", "江苏代表团审议")
    assert "江苏代表团全体会议" in meeting.aliases
    presided = _pairs(result, "PRESIDED_OVER")
    assert {("信长星", "江苏代表团审议"), ("赵乐际", "第十四届全国人民代表大会第三次会议")} <= presided
    assert {("钱立群", "江苏代表团"), ("信长星", "江苏代表团")} <= _pairs(result, "HOLDS_POSITION")
    assert ("赵乐际", "第十四届全国人民代表大会常务委员会第十二次委员长会议") in _pairs(result, "SPOKE_AT")


def test_two_presiders_with_title_chains_and_a_count_without_deng(extract_text):
    result = extract_text(
        "测试\n新华社北京3月6日电 联组会由全国政协副主席、民进中央常务副主席朱永新和全国政协副主席、秘书长王东峰共同主持。\n"
        "新华社北京3月7日电 习近平出席解放军和武警部队代表团全体会议。会上，王建伟、陈立涛、刘海峰6位代表先后发言。\n"
    )
    assert {("朱永新", "联组会"), ("王东峰", "联组会")} <= _pairs(result, "PRESIDED_OVER")
    assert ("刘海峰", "解放军和武警部队代表团") in _pairs(result, "HOLDS_POSITION")


def test_a_provinces_own_figures(extract_text):
    result = extract_text(
        "测试\n新华社郑州1月20日电 河南省第十四届人民代表大会第三次会议20日在郑州开幕。"
        "党中央关心河南发展，去年全省地区生产总值达到6.36万亿元。\n"
    )
    assert ("6.36万亿元", "河南省") in _pairs(result, "MEASURES")


def test_a_closings_subtitle_names_the_presider_not_an_event(extract_text):
    result = extract_text(
        "十三届全国人大五次会议在京闭幕\n习近平李克强王沪宁赵乐际韩正王岐山出席 栗战书主持大会并发表讲话\n"
        "新华社北京3月11日电 第十三届全国人民代表大会第五次会议11日下午在北京人民大会堂闭幕。"
        "会议表决通过了关于第十四届全国人民代表大会代表名额和选举问题的决定。决定明确，第十四届全国人民代表大会代表名额不超过3000名。"
        "会议批准了周强院长所作的最高人民法院工作报告。\n"
    )
    cppcc = extract_text(
        "全国政协十三届五次会议闭幕\n习近平李克强出席 汪洋发表讲话\n新华社北京3月10日电 全国政协十三届五次会议10日上午闭幕。"
        "上午10时许，主持闭幕会的汪洋宣布：会议闭幕。\n"
    )
    session = "第十三届全国人民代表大会第五次会议"
    presided = _pairs(result, "PRESIDED_OVER")
    assert ("栗战书", session) in presided and ("王岐山", session) not in presided
    assert not any("主持" in name for name in _names(result, "Event"))
    assert ("周强", session) in _pairs(result, "SPOKE_AT")
    assert ("汪洋", "中国人民政治协商会议第十三届全国委员会第五次会议") in _pairs(cppcc, "PRESIDED_OVER")
    assert "汪洋" in _names(cppcc, "Person") and not {"汪洋宣布", "汪洋发"} & _names(cppcc, "Person")


def test_a_longer_name_than_the_gazetteers_and_a_title_over_a_list(extract_text):
    result = extract_text(
        "测试\n新华社北京3月10日电 全国政协副主席张庆黎、刘奇葆、帕巴拉·格列朗杰、董建华在主席台就座。报告中，李强还就政府建设作了部署。应勇等出席。\n"
    )
    persons = _names(result, "Person")
    assert {"刘奇葆", "李强", "应勇"} <= persons and not {"刘奇", "李强还", "应勇等"} & persons
    assert {("刘奇葆", "中国人民政治协商会议全国委员会"), ("董建华", "中国人民政治协商会议全国委员会")} <= _pairs(result, "HOLDS_POSITION")


def test_a_local_party_standing_committee_member_and_the_short_party_name(extract_text):
    result = extract_text("测试\n新华社南京3月1日电 江苏省委常委、秘书长马欣，省委常委、南京市委书记韩立明出席会议。\n")
    holds = _pairs(result, "HOLDS_POSITION")
    standing = "中国共产党江苏省委员会常务委员会"
    assert {("马欣", standing), ("韩立明", standing), ("马欣", "中国共产党江苏省委员会")} <= holds
    assert ("韩立明", "中国共产党江苏省委员会") not in holds
    assert "中共江苏省委员会" in _entity([result], "Organization", "中国共产党江苏省委员会").aliases


def test_bodies_listed_by_unnamed_posts_attend_and_an_explanation_of_a_draft(extract_text):
    result = extract_text(
        "测试\n新华社北京3月13日电 第十四届全国人民代表大会第一次会议13日闭幕。全国人大常委会副委员长王晨向大会作了关于立法法修正草案的说明。"
        "国务院组成人员，中央军委委员，最高人民法院院长张军，全国人大常委会副秘书长列席会议。\n"
    )
    session = "第十四届全国人民代表大会第一次会议"
    attended = _pairs(result, "ATTENDED")
    assert {("中华人民共和国国务院", session), ("中央军事委员会", session), ("全国人民代表大会常务委员会", session), ("张军", session)} <= attended
    assert ("最高人民法院", session) not in attended  # its president is named
    assert "关于立法法" not in _names(result, "Policy")


def test_a_presidiums_meeting_the_day_before_a_closing(extract_text):
    result = extract_text(
        "测试\n新华社北京3月13日电 第十四届全国人民代表大会第一次会议13日闭幕。12日下午，赵乐际主持召开大会主席团第三次会议，"
        "决定将草案提请大会表决。会议表决通过了关于修改立法法的决定。\n"
    )
    session, meeting = "第十四届全国人民代表大会第一次会议", "第十四届全国人民代表大会第一次会议主席团第三次会议"
    assert ("赵乐际", meeting) in _pairs(result, "PRESIDED_OVER")
    assert (meeting, session) in _pairs(result, "PART_OF")
    assert (session + "主席团", meeting) in _pairs(result, "ORGANIZED")
    assert ("关于修改中华人民共和国立法法的决定" in {t for s, t in _pairs(result, "ADOPTED") if s == session})


def test_an_event_told_in_passing_named_by_its_head_in_the_next_sentence(extract_text):
    result = extract_text(
        "测试\n新华社北京3月17日电 全军后勤工作会议17日在京召开。18日晚，会议举行后勤保障先进典型事迹报告会。"
        "报告会由军委后勤保障部政治委员高建国主持。会议由军委后勤保障部部长张林主持。\n"
    )
    presided = _pairs(result, "PRESIDED_OVER")
    assert ("高建国", "后勤保障先进典型事迹报告会") in presided and ("张林", "全军后勤工作会议") in presided
    assert ("高建国", "全军后勤工作会议") not in presided


def test_a_session_named_in_the_speech_a_paragraph_reports_is_not_the_current_one(extract_text):
    result = extract_text(
        "测试\n新华社北京5月27日电 中国人民政治协商会议第十三届全国委员会第三次会议27日下午闭幕。\n"
        "汪洋在闭幕会上发表讲话。他说，这次大会是一次重要会议。会议期间，委员们列席十三届全国人大三次会议开幕会。\n"
        "在主席台就座的还有：丁薛祥、王晨。\n"
        "习近平总书记在主持学习时强调，“必须牢记高质量发展是硬道理”。在参加十四届全国人大二次会议江苏代表团审议时，习近平总书记强调：“要因地制宜。”\n"
    )
    attended = _pairs(result, "ATTENDED")
    assert ("丁薛祥", "中国人民政治协商会议第十三届全国委员会第三次会议") in attended
    assert ("丁薛祥", "第十三届全国人民代表大会第三次会议") not in attended
    assert ("习近平", "江苏代表团审议") in _pairs(result, "SPOKE_AT")  # a scene the sentence opens


def test_deputies_listed_with_their_titles_and_members_who_speak_from_the_floor(extract_text):
    result = extract_text(
        "测试\n新华社北京3月12日电 十三届全国人大二次会议解放军和武警部队代表团12日下午举行全体会议。"
        "会上，海军大校韩晓峰代表，火箭军某旅旅长杜明远代表，武警部队某支队支队长潘建军代表先后发言。\n"
        "施若兰委员代表九三学社中央发言。全体委员说，好。\n"
    )
    spoke = {p for p, _ in _pairs(result, "SPOKE_AT")}
    assert {"韩晓峰", "杜明远", "潘建军", "施若兰"} <= spoke
    assert "全体委员" not in _names(result, "Person")


def test_leaders_of_the_thirteenth_term_are_known_by_name(extract_text):
    result = extract_text("测试\n新华社北京3月20日电 林郑月娥、艾力更·依明巴海、汪洋出席。\n")
    assert {"林郑月娥", "艾力更·依明巴海", "汪洋"} <= _names(result, "Person")


def test_a_resolution_on_a_plan_and_an_outline_and_laws_a_code_repealed(extract_text):
    result = extract_text(
        "测试\n新华社北京3月11日电 会议表决通过了关于政府工作报告的决议，关于国民经济和社会发展第十四个五年规划和2035年远景目标纲要的决议。"
        "民法典施行后，婚姻法、继承法、民法通则同时废止。劳动合同法不变。\n"
    )
    policies = _names(result, "Policy")
    assert "关于国民经济和社会发展第十四个五年规划和2035年远景目标纲要的决议" in policies
    assert "关于国民经济和社会发展第十四个五年规划" not in policies
    assert {"中华人民共和国婚姻法", "中华人民共和国继承法", "中华人民共和国民法通则", "中华人民共和国劳动合同法"} <= policies


def test_a_signer_promulgates_in_the_next_clause(extract_text):
    result = extract_text("测试\n新华社北京3月13日电 国家主席习近平签署第三号主席令，公布修改后的立法法。\n")
    assert {("习近平", "第三号主席令"), ("习近平", "中华人民共和国立法法")} <= _pairs(result, "ISSUED")


def test_a_title_ending_in_zhang_before_a_sun(extract_text):
    result = extract_text("测试\n新华社北京3月9日电 空军某旅飞行大队大队长孙启航代表发言。\n")
    assert "孙启航" in _names(result, "Person") and "长孙启航" not in _names(result, "Person")


def test_a_cppcc_session_named_inside_a_resolution_and_the_outline_by_its_long_name(extract_text):
    result = extract_text(
        "测试\n新华社北京3月10日电 会议期间，委员们认真讨论国民经济和社会发展第十四个五年规划和2035年远景目标纲要草案。"
        "大会通过了中国人民政治协商会议第十三届全国委员会第四次会议关于政协十三届三次会议以来提案工作情况报告的决议。\n"
    )
    assert "中国人民政治协商会议第十三届全国委员会第三次会议" in _names(result, "Event")
    assert "中华人民共和国国民经济和社会发展第十四个五年规划和2035年远景目标纲要" in _names(result, "Policy")
    assert "国民经济和社会" not in _names(result, "Event")


def test_a_meeting_the_day_before_opening_its_clause_and_a_presider_who_gives_the_floor(extract_text):
    result = extract_text(
        "测试\n新华社北京3月15日电 第十三届全国人民代表大会第二次会议15日上午闭幕。14日下午，大会主席团第三次会议在人民大会堂举行，栗战书主持会议。"
        "栗战书在闭幕会上讲话。\n"
    )
    cppcc = extract_text(
        "全国政协十四届一次会议举行第二次全体会议\n汪洋王沪宁出席刘奇葆主持15位委员作大会发言\n"
        "新华社北京3月7日电 中国人民政治协商会议第十四届全国委员会第一次会议7日上午举行第二次全体会议。\n"
    )
    session = "第十三届全国人民代表大会第二次会议"
    assert ("栗战书", session + "主席团第三次会议") in _pairs(result, "PRESIDED_OVER")
    assert _pairs(result, "SPOKE_AT") == {("栗战书", session)}
    assert ("刘奇葆", "中国人民政治协商会议第十四届全国委员会第一次会议") in _pairs(cppcc, "PRESIDED_OVER")
    assert not _pairs(cppcc, "SPOKE_AT")


def test_a_provinces_committees_named_in_full_or_after_zhonggong(extract_text):
    result = extract_text(
        "测试\n新华社福州1月20日电 中共福建省委书记周祖翼出席。滕佳材代表政协第十三届福建省委员会常务委员会向大会报告工作。"
        "中国共产党浙江省委员会召开全体会议。\n"
    )
    orgs = _names(result, "Organization")
    assert {"中国共产党福建省委员会", "中国人民政治协商会议福建省委员会常务委员会", "中国共产党浙江省委员会"} <= orgs
    assert "中国共产党" not in orgs  # 中共 is part of the committee's name
    assert "中共福建省委" in _entity([result], "Organization", "中国共产党福建省委员会").aliases


def test_a_meeting_named_after_a_campaign_and_a_long_list_of_speakers(extract_text):
    result = extract_text(
        "测试\n新华社北京3月27日电 国家市场监督管理总局、公安部27日在北京联合召开2025年民生领域案件查办“铁拳”行动部署会。"
        "会议由市场监管总局副局长柳军主持。"
        "会上，浙江省市场监督管理局局长王立强、广东省公安厅副厅长欧阳骏、四川省药品监督管理局局长郑曦作交流发言。\n"
    )
    meeting = "2025年民生领域案件查办铁拳行动部署会"  # (canonical names drop quotes)
    assert meeting in _names(result, "Event") and "铁拳行动" in _names(result, "Policy")
    assert ("柳军", meeting) in _pairs(result, "PRESIDED_OVER")
    assert {("王立强", meeting), ("欧阳骏", meeting), ("郑曦", meeting)} <= _pairs(result, "SPOKE_AT")


def test_the_session_a_delegations_meeting_is_named_after_holds_its_sittings_and_the_bare_dahui(extract_text):
    result = extract_text(
        "测试\n新华社北京3月12日电 习近平12日下午在出席十三届全国人大一次会议解放军和武警部队代表团全体会议时强调，要强军。"
        "5日上午，十三届全国人大一次会议在人民大会堂开幕。大会主席团常务主席、执行主席张德江主持开幕会。"
        "11日，大会表决通过了中华人民共和国宪法修正案。\n"
    )
    session, meeting = "第十三届全国人民代表大会第一次会议", "解放军和武警部队代表团全体会议"
    assert ("张德江", session) in _pairs(result, "PRESIDED_OVER")
    adopted = _pairs(result, "ADOPTED")
    assert (session, "中华人民共和国宪法修正案") in adopted and (meeting, "中华人民共和国宪法修正案") not in adopted


def test_all_who_attend_and_speak_and_a_river_commission_is_no_person(extract_text):
    result = extract_text(
        "测试\n新华社北京3月27日电 2025年全国工作会议27日召开。会议由副局长柳军主持。"
        "公安部党委副书记、副部长许甘露，国家药监局党组书记、局长李利出席会议并讲话。"
        "会上，浙江省水利厅厅长李锐、黄河水利委员会副主任（主持工作）周海燕先后作交流发言。\n"
    )
    spoke = {p for p, _ in _pairs(result, "SPOKE_AT")}
    assert {"许甘露", "李利", "李锐", "周海燕"} <= spoke and "柳军" not in spoke
    assert "黄河水" not in _names(result, "Person") and "水利部黄河水利委员会" in _names(result, "Organization")


def test_the_model_names_no_company_and_no_person_who_is_invited(extract_text):
    result = extract_text("测试\n新华社北京3月1日电 高通公司总裁安蒙出席。中国政法大学教授林泓应邀作专题辅导。\n")
    persons = _names(result, "Person")
    assert "高通公司" not in persons and "林泓应邀" not in persons


def test_military_unit_titles_and_a_post_held_in_charge(extract_text):
    result = extract_text(
        "测试\n新华社北京3月9日电 会上，国防科技大学教授刘伟东代表，火箭军某旅旅长杜明远代表先后发言。"
        "黄河水利委员会副主任（主持工作）周海燕作交流发言。\n"
    )
    assert {"杜明远", "周海燕"} <= _names(result, "Person")
    assert ("杜明远", "中国人民解放军国防科技大学") not in _pairs(result, "HOLDS_POSITION")  # 某旅 is not the university


def test_a_presidium_meeting_held_the_day_before_in_a_provincial_closing_and_its_hall(extract_text):
    result = extract_text(
        "测试\n新华社长沙1月17日电 湖南省第十四届人民代表大会第三次会议17日上午在湖南省人民会堂闭幕。"
        "16日下午举行的大会主席团第三次会议由沈晓明主持。沈晓明在闭幕会上发表讲话。"
        "会上，战略支援部队某部高级工程师朱雨桐代表发言。\n"
    )
    session = "湖南省第十四届人民代表大会第三次会议"
    assert ("沈晓明", session) in _pairs(result, "SPOKE_AT")
    assert ("沈晓明", session + "主席团第三次会议") in _pairs(result, "PRESIDED_OVER")
    assert (session, "湖南省人民会堂") in _pairs(result, "HELD_IN")
    assert "朱雨桐" in _names(result, "Person")


def test_authors_before_a_bracketed_guan_yu_title(extract_text):
    result = extract_text("测试\n新华社北京1月1日电 生态环境部将认真落实中共中央、国务院《关于加快经济社会发展全面绿色转型的意见》。\n")
    issued = _pairs(result, "ISSUED")
    title = "关于加快经济社会发展全面绿色转型的意见"
    assert {("中国共产党中央委员会", title), ("中华人民共和国国务院", title)} <= issued


def test_bodies_whose_delegates_speak_or_attend_in_a_long_list(extract_text):
    result = extract_text(
        "测试\n新华社北京1月1日电 全国法院执行工作会议1日在京召开。最高人民法院党组成员、副院长茅仲华通报了执行工作情况。"
        "江苏省高级人民法院、浙江省高级人民法院和广东省高级人民法院作交流发言。"
        "中央政法委、最高人民检察院、公安部、中国人民银行、国家金融监督管理总局有关负责同志应邀出席会议。\n"
    )
    meeting = "全国法院执行工作会议"
    attended = {s for s, t in _pairs(result, "ATTENDED") if t == meeting}
    assert {"江苏省高级人民法院", "浙江省高级人民法院", "广东省高级人民法院", "公安部"} <= attended
    assert "中共中央政法委员会" in attended  # the first of five before 有关负责同志
    assert "茅仲华" in _names(result, "Person")


def test_meetings_told_in_passing_by_short_names_and_who_presides_over_a_decision(extract_text):
    npc = extract_text(
        "十四届全国人大常委会第二十九次委员长会议举行\n赵乐际主持决定常委会第十一次会议9月10日至13日在京举行\n"
        "新华社北京8月30日电 赵乐际30日上午主持召开十四届全国人大常委会第二十九次委员长会议。"
        "会议决定，十四届全国人大常委会第十一次会议于9月10日至13日在北京举行。12日晚，第三十次委员长会议将举行，会议由赵乐际主持。\n"
    )
    presided = _pairs(npc, "PRESIDED_OVER")
    assert ("赵乐际", "第十四届全国人民代表大会常务委员会第二十九次委员长会议") in presided
    assert ("赵乐际", "第十四届全国人民代表大会常务委员会第十一次会议") not in presided
    assert "第十四届全国人民代表大会常务委员会第三十次委员长会议" in _names(npc, "Event")
    campaign = extract_text(
        "测试\n新华社北京11月26日电 人力资源社会保障部26日联合召开全国根治欠薪冬季专项行动部署视频会议。"
        "5月22日，最高检召开党组会议，会议由检察长应勇主持。\n"
    )
    assert {"全国根治欠薪冬季专项行动部署视频会议", "最高人民检察院党组会议"} <= _names(campaign, "Event")
    assert "全国根治欠薪冬季专项行动" in _names(campaign, "Policy")
    assert ("应勇", "最高人民检察院党组会议") in _pairs(campaign, "PRESIDED_OVER")


def test_meetings_of_another_month_described_and_a_presider_under_whom_the_floor_speaks(extract_text):
    result = extract_text(
        "测试\n新华社北京12月26日电 全国商务工作会议26日在京召开。11月在上海举办的第七届中国国际进口博览会意向成交800.1亿美元。"
        "26日的大会由商务部副部长盛秋平主持。27日上午，会议在商务部副部长郭婷婷主持下进行大会交流。"
        "会议强调，要落实4月30日习近平总书记主持召开的中共中央政治局会议部署。\n"
    )
    presided = _pairs(result, "PRESIDED_OVER")
    assert {("盛秋平", "全国商务工作会议"), ("郭婷婷", "全国商务工作会议")} <= presided
    assert ("习近平", "中国共产党中央委员会政治局会议") in presided and ("习近平", "全国商务工作会议") not in presided
    assert "下进行大会" not in _names(result, "Event")


def test_the_model_names_no_nationwide_place_and_no_courts_in_general(extract_text):
    result = extract_text("测试\n新华社北京1月1日电 2024年，全国法院共受理执行案件967.2万件。全国碳市场累计成交量达6.72亿吨，全国共有2096家企业。\n")
    assert "全国" not in _names(result, "Place")
    assert not {"全国法院", "国法院", "人民法院"} & _names(result, "Organization")
