"""Program extraction shapes, with invented sentences written for these tests."""
import pytest

from replycli.extract.programs import extract_programs
from replycli.extract.wordlists import load


def names(text, proposal_title=None):
    return {p["name"] for p in extract_programs(text, proposal_title)}


@pytest.mark.parametrize("text,expected", [
    # 《》 titles of plans and policy documents
    ("按照《北岭市工业振兴三年行动方案(2024-2026)》要求推进。", "北岭市工业振兴三年行动方案(2024-2026)"),
    ("印发了《南溪县关于支持小微企业发展的若干措施》。", "南溪县关于支持小微企业发展的若干措施"),
    # a document title without 《》, recognised by its document number
    ("根据东川省人民政府办公厅关于加快冷链物流发展的实施意见(东政办发〔2021〕7号)要求，",
     "东川省人民政府办公厅关于加快冷链物流发展的实施意见"),
    ("按照甲市人民政府关于贯彻落实乙条例的实施意见(甲政发〔2022〕3号)，", "甲市人民政府关于贯彻落实乙条例的实施意见"),
    ("落实关于支持丙业发展的若干意见(丙发〔2020〕8号)。", "关于支持丙业发展的若干意见"),
    # named plans, works and projects with their full left edge
    ("加快实施乙省纺织业智能化改造三年行动计划，", "乙省纺织业智能化改造三年行动计划"),
    ("全力推进青川县农村饮水安全巩固提升工程建设。", "青川县农村饮水安全巩固提升工程"),
    ("积极申报丙市2024年度纺织业技改项目。", "丙市2024年度纺织业技改项目"),
    ("青石县东环路拓宽工程已于5月开工。", "青石县东环路拓宽工程"),
    ("将甲镇至乙镇旅游公路改造项目列入计划。", "甲镇至乙镇旅游公路改造项目"),
    ("已列入我县水利建设“十五五”规划。", "水利建设“十五五”规划"),
    ("编制了2026-2030年背街小巷改造计划，", "2026-2030年背街小巷改造计划"),
    ("今年争取心肺复苏培训站建设项目，", "心肺复苏培训站建设项目"),
    # funds with their left edge, with or without a place marker
    ("争取省级财政茶产业发展专项资金300万元。", "省级财政茶产业发展专项资金"),
    ("动用城乡公交运营补助资金80万元，", "城乡公交运营补助资金"),
    ("设立北岭市创新创业引导基金，", "北岭市创新创业引导基金"),
    ("统筹东岭县乡村振兴衔接资金1200万元，", "东岭县乡村振兴衔接资金"),
    ("资金用于园区企业扶持资金缺口。", "园区企业扶持资金"),
    # quoted slogans and schemes used as names
    ("深化“一网通办”改革，政策直达企业。", "一网通办"),
    ("开展“三送一帮”活动，走访企业。", "三送一帮"),
    ("实施“双千”行动。", "双千"),
    ("推进“千企技改”，", "千企技改"),
    ("完善“揭榜挂帅”机制。", "揭榜挂帅"),
    ("构建“1+9”服务体系。", "1+9"),
    ("甲县被列为“省级竹产业示范县”。", "省级竹产业示范县"),
    ("实施“春风工程”。", "春风工程"),
    # national designations from the data file (with its sources)
    ("本年度认定专精特新“小巨人”企业4家。", "专精特新“小巨人”企业"),
    ('本年度认定专精特新"小巨人"企业4家。', "专精特新“小巨人”企业"),
    ("新培育制造业单项冠军2家。", "制造业单项冠军"),
])
def test_program_shapes(text, expected):
    assert expected in names(text)


@pytest.mark.parametrize("text,expected", [
    ("全力推进青川县农村饮水安全巩固提升工程建设。", "推进青川县农村饮水安全巩固提升工程"),
    ("争取省级财政茶产业发展专项资金300万元。", "争取省级财政茶产业发展专项资金"),
    ("已列入我县水利建设“十五五”规划。", "我县水利建设“十五五”规划"),
    ("二是实施南岭县乡村道路提档工程，", "二是实施南岭县乡村道路提档工程"),
])
def test_left_edge_is_cut_at_verbs_and_clause_openers(text, expected):
    assert expected not in names(text)


@pytest.mark.parametrize("text,expected", [
    ("组织企业参加首批“链主领航”项目。", "链主领航"),
    ("落实省“西岭英才”计划。", "西岭英才"),
    ("入选第三批“千村示范”工程。", "千村示范"),
    ("纳入全省“十五五”规划纲要。", "“十五五”规划纲要"),
])
def test_a_quoted_scheme_with_only_a_batch_or_level_before_it_is_the_quotation(text, expected):
    assert names(text) == {expected}


@pytest.mark.parametrize("text,expected", [
    ("全力推进青川县农村饮水安全巩固提升工程建设。", "青川县农村饮水安全巩固提升工程"),
    ("今年，推动北岭乡村振兴示范带建设。", "北岭乡村振兴示范带"),
    ("推进东岭县乡村文旅结合示范带建设。", "东岭县乡村文旅结合示范带"),
    ("新建南川县职业学校实训基地实施建设项目。", "南川县职业学校实训基地实施建设项目"),
    ("持续提高县级小微企业转贷周转资金使用效率。", "县级小微企业转贷周转资金"),
    ("加强北岭县茶叶产业提升项目管理。", "北岭县茶叶产业提升项目"),
])
def test_verbs_inside_names_cut_only_before_a_place_or_level(text, expected):
    assert expected in names(text)


def test_a_list_of_names_is_cut_after_the_last_full_name():
    found = names("建成甲厂技改项目、北岭市乙厂数字化车间项目。")
    assert "北岭市乙厂数字化车间项目" in found
    assert not any("、" in n for n in found)


def test_quoted_core_of_a_designation_is_not_a_program_of_its_own():
    assert "小巨人" not in names("本年度认定专精特新“小巨人”企业4家。")


def test_quoted_part_of_a_named_plan_is_not_repeated():
    found = names("开展乡村文化振兴“百村千户”工程。")
    assert found == {"乡村文化振兴“百村千户”工程"}


def test_title_with_and_without_its_period_is_one_program():
    found = names("完善《西河市孵化基地建设方案》，印发《西河市孵化基地建设方案(2024-2026)》。")
    assert found == {"西河市孵化基地建设方案"}


@pytest.mark.parametrize("text", [
    "我局将继续加强工作，认真研究您的建议。",
    "收看《新闻联播》相关报道。",
    "项目资金已经拨付到位。",
    "该项目已经完工。",
    "上述项目均已列入计划。",
    "今年共实施重点项目12个。",
    "争取一批项目落地。",
    "省、县级财政专项资金已到位。",
    "三、关于省重点建设项目",
    "目前只能依靠上级补助资金。",
    "按时足额发放补助资金。",
    "加快产业园区项目建设。",
    "申报智能改造、数字化改造等专项资金。",
    "落实好园区扶持政策、项目。",
    "实施改扩建、维修改造项目。",
    "用好地方政府专项债券资金。",
    "全县共实施乡村道路建设项目35个。",
    "北坡村计划从东河引水灌溉。",
    "建设北岭市战略支点城市。",
    "难以提高补助资金标准。",
    "落实“3条主线+5项工程”部署。",
    "加快培训站建设项目进度。",
    "支持丙研究所等机构建成一批市级孵化基地项目。",
    "获批第三批奖励性补助资金。",
    "推荐“青年工程师”人选。",
    "坚持“先行先试”，",
    "推行“点单式”服务。",
    "参加“2025数字经济峰会”。",
    "《办法》(以下简称《办法》)",
    "委托《北岭日报》刊登。",
    "向省州上报了《北岭县茶产业调研报告》。",
    "您提出的《关于加快发展茶产业的建议》收悉。",
])
def test_not_programs(text):
    assert names(text) == set()


def test_the_proposal_title_is_not_a_program():
    title = "加快北岭县茶产业发展"
    assert title not in names(f"您提出的《{title}》收悉。", proposal_title=title)


def test_word_lists_have_headers_and_no_traditional_copies():
    for name in ("program_heads", "program_left_stops", "program_national", "program_generic",
                 "program_bad_starts", "program_not_titles", "program_left_verbs",
                 "program_bad_words", "program_quote_kinds", "program_quote_not", "program_doc_kinds",
                 "program_take_verbs", "program_inner_stops", "program_policy_generic"):
        entries = load(name)
        assert entries, name
        assert not any(ch in "".join(entries) for ch in "資項劃畫業點區縣鎮鄉"), name


# Genre sentences: invented, one a line, covering the usual shapes of reply letters,
# with what a careful reader lists (exactly) as programs. Written before the rules
# were changed for them; the xfails are shapes left open on purpose.
XFAIL_DESIGNATION = pytest.mark.xfail(strict=True, reason="designations ending in 试点城市/产业园/帮扶县/示范平台: "
                                      "tried as level-marked heads, lowered the held-out score")
XFAIL_CHANNEL = pytest.mark.xfail(strict=True, reason="a budget channel read as a program; left out of "
                                  "program_national (the held-out score fell with it)")

GENRE_1 = [
    ("《北岭省制造业高质量发展“十四五”规划》明确提出打造产业集群。", {"北岭省制造业高质量发展“十四五”规划"}),
    ("省政府印发了《关于支持中小企业纾困发展的若干措施》。", {"关于支持中小企业纾困发展的若干措施"}),
    ("我市深入实施“千企技改”工程，", {"千企技改"}),
    pytest.param("积极争取中央预算内投资支持。", {"中央预算内投资"}, marks=XFAIL_CHANNEL),
    ("下达乡村振兴衔接资金1500万元。", {"乡村振兴衔接资金"}),
    ("该项目已纳入省级重点项目库。", set()),
    ("争取省级工业转型升级专项资金200万元。", {"省级工业转型升级专项资金"}),
    ("全市已培育国家级专精特新“小巨人”企业12家。", {"专精特新“小巨人”企业"}),
    ("广泛开展“万企兴万村”行动。", {"万企兴万村"}),
    ("深入推进农村人居环境整治三年行动，", {"农村人居环境整治三年行动"}),
    ("采取以奖代补方式支持村级道路建设。", set()),
    ("全面落实研发费用加计扣除政策。", {"研发费用加计扣除政策"}),
    ("根据《中华人民共和国中小企业促进法》规定，", {"中华人民共和国中小企业促进法"}),
    ("我局将认真落实相关政策。", set()),
    ("有关项目正在抓紧推进。", set()),
    ("该资金主要用于设备购置。", set()),
    ("上述计划已按期完成。", set()),
    ("加快推进重点项目建设。", set()),
    ("下一步计划加强对接。", set()),
    ("我省出台了《北岭省促进民营经济发展壮大的若干政策措施》。", {"北岭省促进民营经济发展壮大的若干政策措施"}),
    ("依据国务院关于促进乡村产业振兴的指导意见(国发〔2019〕12号)，", {"国务院关于促进乡村产业振兴的指导意见"}),
    ("市财政安排中小企业发展专项资金800万元。", {"中小企业发展专项资金"}),
    ("实施乡村建设行动，改善农村面貌。", {"乡村建设行动"}),
    ("深入实施创新驱动发展战略。", {"创新驱动发展战略"}),
    ("全面推行“双随机、一公开”监管。", {"双随机、一公开"}),
    ("深化“放管服”改革，优化营商环境。", {"放管服"}),
    ("组织开展“百日攻坚”专项行动。", {"百日攻坚"}),
    ("我们将按照“一企一策”原则予以帮扶。", set()),
    ("该项目总投资5000万元，已列入省重点项目。", set()),
    ("推进“证照分离”改革全覆盖。", {"证照分离"}),
    ("市政府设立了5亿元产业发展引导基金。", {"产业发展引导基金"}),
    ("市级安排专项资金300万元。", set()),
    ("对符合条件的企业给予一次性奖励。", set()),
    ("贯彻落实《关于进一步优化营商环境的实施方案》精神。", {"关于进一步优化营商环境的实施方案"}),
    ("您提出的关于加快发展茶产业的建议收悉。", set()),
    ("认真落实小微企业普惠性税收减免政策。", {"小微企业普惠性税收减免政策"}),
    ("按照有关规定给予补助。", set()),
    ("成功创建国家级全域旅游示范区。", {"国家级全域旅游示范区"}),
    ("争取中央财政衔接推进乡村振兴补助资金2000万元。", {"中央财政衔接推进乡村振兴补助资金"}),
    ("实施高标准农田建设项目5万亩。", {"高标准农田建设项目"}),
    pytest.param("积极申报国家文化和旅游消费试点城市。", {"国家文化和旅游消费试点城市"}, marks=XFAIL_DESIGNATION),
    pytest.param("获批国家级现代农业产业园1个。", {"国家级现代农业产业园"}, marks=XFAIL_DESIGNATION),
    pytest.param("我县被确定为国家乡村振兴重点帮扶县。", {"国家乡村振兴重点帮扶县"}, marks=XFAIL_DESIGNATION),
    pytest.param("申报国家中小企业公共服务示范平台。", {"国家中小企业公共服务示范平台"}, marks=XFAIL_DESIGNATION),
    ("认真贯彻落实《北岭省人民政府关于印发北岭省招商引资优惠政策的通知》要求，", {"北岭省人民政府关于印发北岭省招商引资优惠政策的通知"}),
    ("这些政策措施有效缓解了企业困难。", set()),
    ("推动出台一批含金量高的政策。", set()),
    ("项目已纳入全市2025年重大项目计划。", {"2025年重大项目计划"}),
]

GENRE_2 = [
    ("市政府出台《北岭市支持工业企业稳增长若干措施》，", {"北岭市支持工业企业稳增长若干措施"}),
    ("按照《北岭省“十四五”数字经济发展规划》部署，", {"北岭省“十四五”数字经济发展规划"}),
    ("我委牵头制定了《北岭市中小企业梯度培育实施方案(2023-2025年)》。", {"北岭市中小企业梯度培育实施方案(2023-2025年)"}),
    ("依据《中华人民共和国乡村振兴促进法》和《北岭省农村公路条例》，", {"中华人民共和国乡村振兴促进法", "北岭省农村公路条例"}),
    ("争取中央车购税资金3000万元，", {"中央车购税资金"}),
    ("统筹使用省级以上财政衔接推进乡村振兴补助资金。", {"财政衔接推进乡村振兴补助资金"}),
    ("将该路段纳入“十五五”农村公路建设规划统筹考虑。", {"“十五五”农村公路建设规划"}),
    ("积极组织企业申报省级专精特新中小企业。", {"专精特新中小企业"}),
    ("东岭县入选全国县域商业体系建设示范县。", {"全国县域商业体系建设示范县"}),
    ("我市实施“万名干部进万企”活动，", {"万名干部进万企"}),
    ("持续开展“春风行动”，促进农民工就业。", {"春风行动"}),
    ("深入实施“数字北岭”战略。", {"数字北岭"}),
    ("北岭县茶叶产业园项目总投资1.2亿元。", {"北岭县茶叶产业园项目"}),
    ("下一步，我们将积极谋划一批项目。", set()),
    ("相关部门已将其列入年度计划。", set()),
    ("我局高度重视您提出的建议，", set()),
    ("上级补助资金已全部拨付到位。", set()),
    ("一是加大政策支持力度。", set()),
    ("现将有关情况答复如下：", set()),
    ("目前该资金尚未到位。", set()),
    ("全面落实“两个毫不动摇”，", set()),
    ("实施东岭县农村生活污水治理项目，", {"东岭县农村生活污水治理项目"}),
    ("安排省级文化产业发展专项资金200万元支持项目建设，", {"省级文化产业发展专项资金"}),
    ("对入选省级“专精特新”中小企业的给予一次性奖励20万元。", {"专精特新"}),
    ("推进农村饮水安全巩固提升工程，", {"农村饮水安全巩固提升工程"}),
    ("实施东西部协作项目12个。", set()),
]

XFAIL_QUOTE = pytest.mark.xfail(strict=True, reason="a quoted slogan without a numeral, level or program word "
                                "right after it (“甲乙革命”, “甲乙”建设, “甲”区域公用品牌); 建设 as a program "
                                "word lowered the held-out score")

# Written after the rules above; each batch was run before any rule was changed for it.
GENRE_3 = [
    ("深化\"放管服\"改革,优化营商环境。", {"放管服"}),
    ("按照《北岭市老旧小区改造三年行动计划(2023-2025年)》,", {"北岭市老旧小区改造三年行动计划(2023-2025年)"}),
    ("“十四五”时期，我市经济保持平稳增长。", set()),
    ("根据《北岭市2024年政府工作报告》安排，", set()),
    ("省工信厅印发《关于开展2024年度省级专精特新中小企业认定工作的通知》。", {"关于开展2024年度省级专精特新中小企业认定工作的通知"}),
    ("您提出的《关于支持北岭县茶产业发展的提案》收悉。", set()),
    ("《北岭日报》对此进行了专题报道。", set()),
    ("争取上级资金支持。", set()),
    ("积极争取国家和省级项目资金。", set()),
    ("全力推进东岭县城市更新项目建设。", {"东岭县城市更新项目"}),
    ("加快实施北岭至东岭高速公路建设项目，", {"北岭至东岭高速公路建设项目"}),
    ("推动东岭县农村公路提质改造工程纳入省级计划。", {"东岭县农村公路提质改造工程"}),
    ("继续实施中小学校舍维修改造工程，", {"中小学校舍维修改造工程"}),
    ("开展农村集体经济“清零”行动，", {"农村集体经济“清零”行动"}),
    pytest.param("积极推进“厕所革命”，", {"厕所革命"}, marks=XFAIL_QUOTE),
    ("大力实施“北岭工匠”培育计划。", {"“北岭工匠”培育计划"}),
    ("市委、市政府高度重视民营经济发展。", set()),
    ("建立“一事一议”财政奖补机制。", {"一事一议"}),
    pytest.param("加强“四好农村路”建设，", {"四好农村路"}, marks=XFAIL_QUOTE),
    ("通过“政银担”合作模式为企业提供融资。", set()),
    ("深化“最多跑一次”改革。", {"最多跑一次"}),
    pytest.param("全力打造“北岭茶”区域公用品牌。", {"北岭茶"}, marks=XFAIL_QUOTE),
    ("该项目已列入东岭县“十五五”规划重大项目库。", {"东岭县“十五五”规划"}),
    pytest.param("对获评国家级绿色工厂的企业给予奖励。", {"国家级绿色工厂"}, marks=XFAIL_DESIGNATION),
    ("全县建成市级以上示范合作社15家。", set()),
    ("其中，省级财政补助资金500万元，市级配套资金200万元。", set()),
    ("市财政局将积极筹措资金。", set()),
    ("北岭市人民政府办公室关于印发北岭市促进消费若干措施的通知(北政办发〔2023〕12号)，", {"北岭市人民政府办公室关于印发北岭市促进消费若干措施的通知"}),
    ("我们将把您的建议纳入下一步工作计划。", set()),
    ("按照年度工作计划有序推进。", set()),
]

GENRE_4 = [
    ("市政府出台了关于支持民营经济高质量发展的若干意见，", {"关于支持民营经济高质量发展的若干意见"}),
    ("省政府办公厅印发了关于加快农村寄递物流体系建设的实施方案，", {"关于加快农村寄递物流体系建设的实施方案"}),
    ("我局制定了北岭市促进外贸稳增长若干措施，", {"北岭市促进外贸稳增长若干措施"}),
    ("关于您提出的“加快发展乡村旅游”的建议，", set()),
    ("关于加快茶产业发展的问题，", set()),
    ("关于资金支持的问题。我局将积极争取。", set()),
    ("一、关于加大财政支持力度的建议", set()),
    ("为贯彻落实国务院关于促进中小企业健康发展的指导意见精神，", {"国务院关于促进中小企业健康发展的指导意见"}),
    ("积极争取“信易贷”平台支持。", set()),
    ("实施耕地地力保护补贴政策。", {"耕地地力保护补贴政策"}),
    ("对新录用人员给予一次性吸纳就业补贴。", set()),
    ("发放创业担保贷款1.2亿元。", set()),
    ("组织实施省级重点研发计划项目3项。", set()),
    pytest.param("北岭县被列入全国农村综合性改革试点。", {"全国农村综合性改革试点"}, marks=XFAIL_DESIGNATION),
    ("东岭县生态旅游示范区规划正在编制中。", {"东岭县生态旅游示范区规划"}),
    ("依托国家乡村振兴示范县创建，", {"国家乡村振兴示范县"}),
    ("申报2025年度中央财政农业产业发展资金。", {"2025年度中央财政农业产业发展资金"}),
    ("按照关于印发北岭市工业稳增长行动方案的通知要求，", {"关于印发北岭市工业稳增长行动方案的通知"}),
    ("持续推进电子商务进农村综合示范项目，", {"电子商务进农村综合示范项目"}),
    ("协调解决项目用地问题。", set()),
    # document titles without 《》: only after a verb that issues or follows them, with a place, level or 关于
    ("根据有关规定，给予补助。", set()),
    ("按照实施方案要求，", set()),
    ("我局制定了工作方案，", set()),
    ("落实各项政策措施，", set()),
    ("按照代表提出的关于加快发展茶产业的意见，", set()),
]

# Verbs that take a plan or scheme as their object (开展, 编制, 启动, 入选, 制定).
GENRE_5 = [
    ("开展消费品以旧换新行动，", {"消费品以旧换新行动"}),
    ("启动城乡供水一体化工程，", {"城乡供水一体化工程"}),
    ("编制了文化旅游融合发展规划，", {"文化旅游融合发展规划"}),
    ("入选青年科技人才托举计划。", {"青年科技人才托举计划"}),
    ("组织实施制造业技术改造升级工程。", {"制造业技术改造升级工程"}),
    ("将该村纳入美丽乡村建设规划。", {"美丽乡村建设规划"}),
    ("开展专项行动。", set()),
    ("启动项目建设。", set()),
    ("编制规划。", set()),
    ("推进项目前期工作。", set()),
    ("开展调研，形成工作方案。", set()),
    ("启动实施方案编制工作。", set()),
    ("开展安全生产大检查行动，", {"安全生产大检查行动"}),
    ("持续实施企业上市培育计划，", {"企业上市培育计划"}),
    ("加快编制国土空间总体规划。", {"国土空间总体规划"}),
    ("将在明年的计划中统筹考虑。", set()),
    ("我局正在抓紧编制相关规划。", set()),
    ("开展“双提升”行动和产业链招商行动，", {"产业链招商行动", "双提升"}),
    ("已完成项目可研编制。", set()),
    ("目前该工程已完工。", set()),
]

XFAIL_THEME = pytest.mark.xfail(strict=True, reason="a theme word (乡村振兴) before 项目 reads as a place marker "
                                "(乡, 村); without it real rural programs (农村饮水安全巩固提升工程) are lost")

# Spans a naive rule takes for programs: budget channels, categories, generic projects.
GENRE_6 = [
    ("积极争取国家政策支持。", set()),
    ("已纳入财政预算统筹安排。", set()),
    ("加大项目建设资金投入。", set()),
    ("统筹整合各类涉农资金。", set()),
    ("积极对接上级部门争取项目。", set()),
    ("做好项目储备和前期工作。", set()),
    ("加强招商引资项目谋划。", set()),
    ("县级配套资金已落实。", set()),
    pytest.param("加快推进乡村振兴项目建设。", set(), marks=XFAIL_THEME),
    ("全县实施基础设施建设项目。", set()),
    ("用于支持企业技术改造项目。", set()),
    ("按规定拨付奖补资金。", set()),
    ("争取到位上级补助资金3000万元。", set()),
    ("已安排县本级财政资金500万元。", set()),
    ("该工程计划于明年开工。", set()),
    ("实施棚户区改造项目。", {"棚户区改造项目"}),
    ("积极申报地方政府专项债券项目。", set()),
    ("村集体经济发展项目已实施。", set()),
    ("争取省级项目资金支持。", set()),
    ("将其作为重点项目推进。", set()),
    ("列入市级重大项目清单。", set()),
    ("完善配套政策。", set()),
    ("实施新一轮农村电网改造升级工程，", {"新一轮农村电网改造升级工程"}),
    ("我市高度重视民营经济发展，先后出台了一系列政策措施。", set()),
    ("市发展改革委会同市财政局研究制定了相关方案。", set()),
]


# A policy named by its content after a verb that applies it; checks written with the rule.
GENRE_7 = [
    ("落实好中小企业扶持政策。", set()),
    ("全面落实减税降费政策，", {"减税降费政策"}),
    ("认真落实国家和省各项政策。", set()),
    ("执行现行税收优惠政策。", set()),
    ("落实人才引进政策。", set()),
    ("落实援企稳岗政策，", {"援企稳岗政策"}),
    ("实施积极的财政政策。", set()),
    ("落实好惠企政策。", set()),
    ("落实创业担保贷款贴息政策。", {"创业担保贷款贴息政策"}),
    # the second of two names joined by 和 shares the first one's standing
    ("推进东岭县乡村振兴示范带和产业发展规划。", {"东岭县乡村振兴示范带", "产业发展规划"}),
    ("实施北岭县饮水工程和项目建设。", {"北岭县饮水工程"}),
    ("推进北岭县饮水工程和相关项目。", {"北岭县饮水工程"}),
]


@pytest.mark.parametrize("text,expected", GENRE_1 + GENRE_2 + GENRE_3 + GENRE_4 + GENRE_5 + GENRE_6 + GENRE_7)
def test_genre_sentences(text, expected):
    assert names(text) == expected


_ASCII = str.maketrans({"，": ",", "。": ".", "；": ";", "：": ":", "“": '"', "”": '"', "（": "(", "）": ")"})
_ALL_GENRE = [p.values[0] if hasattr(p, "values") else p[0]
              for p in GENRE_1 + GENRE_2 + GENRE_3 + GENRE_4 + GENRE_5 + GENRE_6 + GENRE_7]


@pytest.mark.parametrize("text", _ALL_GENRE)
def test_genre_sentences_read_the_same_with_ascii_punctuation(text):
    """Web excerpts turn full-width punctuation into ASCII: the names must not change."""
    def canon(found):
        return {n.replace("“", '"').replace("”", '"').replace("（", "(").replace("）", ")") for n in found}
    assert canon(names(text.translate(_ASCII))) == canon(names(text))
