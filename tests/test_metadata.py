"""Each reply shape of issue 3, with fixtures written for these tests."""
import pytest

from replycli.extract.metadata import extract_metadata
from replycli.normalize import normalize_text


def meta(text):
    return extract_metadata(normalize_text(text))


FULL = """[办理结果标注 (A1)]

[是否同意公开(是)]

北岭市商务局文件

北商〔2024〕12号

签发人：周立新

对市政协十五届二次会议第 88 号提案的答复

孙建华委员：

您提出的《关于发展夜间经济的建议》收悉，现答复如下：

一、总体情况

我市夜间经济发展势头良好。

二、下一步工作

继续推进。

联系人：王芳  电话：0411-1234567

北岭市商务局

2024年6月3日

抄送：市政府办公室、市政协提案委
"""


def test_full_letter_every_field():
    m = meta(FULL)
    assert m["issuer"] == "北岭市商务局"
    assert m["doc_number"] == "北商〔2024〕12号"
    assert m["signer"] == "周立新"
    assert m["title"] == "对市政协十五届二次会议第 88 号提案的答复"
    assert m["kind"] == "提案"
    assert m["session"] == "市政协十五届二次会议"
    assert m["proposal_number"] == "88"
    assert m["proposers"] == ["孙建华"]
    assert m["proposal_title"] == "关于发展夜间经济的建议"
    assert m["date"] == "2024-06-03"
    assert (m["result_class"], m["result_label"]) == ("A", "A1")
    assert m["public"] is True
    assert m["cc"] == ["市政府办公室", "市政协提案委"]
    assert m["outline"] == ["一、总体情况", "二、下一步工作"]
    assert m["contact"].startswith("王芳")


def test_website_header_block_flattened_with_bars_and_cut_off():
    text = """索引号: | 11220000-2023-00042 | 发布机构: | 南湖县交通运输局 |
成文日期: | 2023-08-30 | 主题分类: | 人大建议、政协提案办理 |
文 号: | 南交函〔2023〕5号 |
对南湖县第十六届人大四次会议第JY2023001号建议的答复
B类
公开
韩雪梅等8名代表:
你们提出的“关于延伸镇村客运班线的建议”,已交我局研究,现答复如下:
近年来,我县累计投入资金"""
    m = meta(text)
    assert m["issuer"] == "南湖县交通运输局"  # no signature: the header
    assert m["date"] == "2023-08-30"          # 成文日期
    assert m["doc_number"] == "南交函〔2023〕5号"
    assert m["proposal_number"] == "JY2023001"
    assert m["proposers"] == ["韩雪梅"]
    assert m["proposal_title"] == "关于延伸镇村客运班线的建议"
    assert (m["result_class"], m["result_label"]) == ("B", "B类")
    assert m["kind"] == "建议"
    assert m["signer"] is None and m["cc"] == []


def test_bracketed_header_repeated_and_breadcrumbs():
    text = """[ 索引号 ] | 1150/2025-001 | [ 发文字号 ] | 岭商函字〔2025〕9号 |
[ 发布机构 ] | 市商务委 | ||
[ 成文日期 ] | 2025-04-18 | [ 发布日期 ] | 2025-06-02 |
[ 发布机构 ] | 市商务委 |
当前位置: 首页 > 政务公开 > 建议提案办理 > 关于市八届人大二次会议第2071号代表建议办理情况的答复函
尊敬的冯志远代表:
您提出的《关于支持会展经济的建议》收悉。"""
    m = meta(text)
    assert m["title"] == "关于市八届人大二次会议第2071号代表建议办理情况的答复函"
    assert m["doc_number"] == "岭商函字〔2025〕9号"
    assert m["issuer"] == "市商务委"
    assert m["date"] == "2025-04-18"
    assert m["proposers"] == ["冯志远"]
    assert m["session"] == "市八届人大二次会议"


@pytest.mark.parametrize("line,title", [
    ("无障碍浏览 网站首页 政务公开 互动交流 政务服务县政协提案关于发展低空经济的提案(第18号)的答复",
     "关于发展低空经济的提案(第18号)的答复"),
    # a glued run of menu words longer than a menu word, then short column words
    ("无障碍辅助浏览工具条网站首页 政务公开 农机推广 互动交流 关于发展低空经济的提案(第18号)的答复",
     "关于发展低空经济的提案(第18号)的答复"),
    ("建议提案办理 | 关于县八届人大四次会议第6号建议的答复", "关于县八届人大四次会议第6号建议的答复"),
    ("公共服务关于四届人大二次会议第52号建议的答复", "关于四届人大二次会议第52号建议的答复"),
    ("办理情况青石县商务局关于青石县第九届人大一次会议第7号建议的答复函",
     "青石县商务局关于青石县第九届人大一次会议第7号建议的答复函"),
    ("首页 - 信息公开 - 建议提案 - 往年对市政协十届三次会议 第 40号提案的答复", "对市政协十届三次会议 第 40号提案的答复"),
    ("有效北川州农业农村局对州五届人大二次会议第0021号建议的答复", "北川州农业农村局对州五届人大二次会议第0021号建议的答复"),
    # a title that really starts with one of those words keeps it
    ("关于办理情况公开的第3号建议的答复", "关于办理情况公开的第3号建议的答复"),
])
def test_web_page_furniture_before_the_title(line, title):
    assert meta(f"{line}\n\n王明代表：\n\n您提出的建议收悉。")["title"] == title


@pytest.mark.parametrize("title,number", [
    ("对市政协十二届四次会议第0097号提案的答复", "0097"),
    ("关于县十六届人大五次会议第21-103号建议的答复", "21-103"),
    ("对北岭省十四届人大二次会议第JY100014020391号建议的答复", "JY100014020391"),
    ("关于东坪区人大六届三次会议1号建议的回复", "1"),
    ("关于发展冰雪旅游的提案(第125号)的答复", "125"),
])
def test_title_and_number_shapes(title, number):
    m = meta(f"{title}\n\n王明委员：\n\n您提出的建议收悉。")
    assert m["title"] == title and m["proposal_number"] == number


@pytest.mark.parametrize("line,names", [
    ("陶一鸣委员：", ["陶一鸣"]),
    ("韩雪梅等8名代表:", ["韩雪梅"]),
    ("罗家宁、贺文斌代表:", ["罗家宁", "贺文斌"]),
    ("尊敬的柯永年代表", ["柯永年"]),
    ("九三学社市委：", ["九三学社市委"]),
    # a surname alone with the role, a count in numerals, the body before the role
    ("闵代表: 您提出的建议收悉。", ["闵"]),
    ("柯永年等五位代表:", ["柯永年"]),
    ("柯永年等12位人大代表:", ["柯永年"]),
])
def test_addressee_shapes(line, names):
    m = meta(f"关于市政协七届三次会议第61号提案的答复\n\n{line}\n\n提出的“关于培育夜间集市的建议”已收悉,现答复如下")
    assert m["proposers"] == names


@pytest.mark.parametrize("furniture", ["分享到：", "字体：大 中 小", "答复情况:", "答复内容:", "各位："])
def test_page_furniture_is_not_a_proposer(furniture):
    m = meta(f"关于市政协七届三次会议第61号提案的答复\n\n{furniture}\n\n何立民委员：\n\n您提出的提案收悉,现答复如下")
    assert m["proposers"] == ["何立民"]
    alone = meta(f"关于县人大二次会议第7号建议的答复\n\n{furniture}\n\n现将办理情况答复如下")
    assert alone["proposers"] == []


@pytest.mark.parametrize("sig,date", [
    ("2023年3月14日", "2023-03-14"),
    ("二〇二三年三月十四日", "2023-03-14"),
    ("二○二二年十二月三十日", "2022-12-30"),
])
def test_signature_dates(sig, date):
    m = meta(f"对市政协第1号提案的答复\n\n张三委员：\n\n正文。\n\n青川市财政局\n\n{sig}\n")
    assert m["date"] == date and m["issuer"] == "青川市财政局"


def test_signature_wins_over_header():
    text = "发布机构: | 青川市工信厅 |\n成文日期: | 2023-06-27 |\n对第1号建议的答复\n张三代表:\n正文。\n青川市农业农村局\n2023年5月11日\n"
    m = meta(text)
    assert m["issuer"] == "青川市农业农村局" and m["date"] == "2023-05-11"


@pytest.mark.parametrize("mark,cls,label", [
    ("[办理结果标注 (A1)]", "A", "A1"), ("办理结果:(A类)", "A", "A类"), ("甲类", "A", "甲类"),
    ("类别 B", "B", "B"), ("C类", "C", "C类"),
])
def test_result_classes(mark, cls, label):
    m = meta(f"{mark}\n\n对第2号提案的答复\n\n张三委员：\n\n正文。")
    assert (m["result_class"], m["result_label"]) == (cls, label)


def test_full_width_and_ascii_punctuation_agree():
    wide = "对市政协十五届二次会议第８８号提案的答复\n\n孙建华委员：\n\n您提出的《关于发展夜间经济的建议》收悉，现答复如下："
    narrow = wide.replace("：", ":").replace("，", ",").replace("８８", "88")
    assert meta(wide) == meta(narrow)


def test_absent_fields_are_null_not_guessed():
    m = meta("近年来,我县累计投入资金 500 万元用于农村公路建设。")
    for k in ("issuer", "doc_number", "signer", "title", "session", "proposal_number", "proposal_title",
              "date", "result_class", "public", "role"):
        assert m[k] is None, k
    assert m["proposers"] == [] and m["cc"] == []


def test_huiban_opinion_title_and_role():
    text = ("关于市九届人大三次会议第3318号建议的会办意见\n\n市文旅局：\n\n"
            "郑晓岚代表在市九届人大三次会议上提出的《关于打造湖滨露营基地的建议》收悉。\n"
            "我委作为会办单位,现提出会办意见如下:\n\n一、支持基地建设\n\n市住房和城乡建设委员会\n\n2023年6月1日\n")
    m = meta(text)
    assert m["title"] == "关于市九届人大三次会议第3318号建议的会办意见"
    assert m["proposal_number"] == "3318" and m["kind"] == "建议"
    assert m["proposers"] == ["郑晓岚"]
    assert m["role"] == "会办"
    assert m["issuer"] == "市住房和城乡建设委员会" and m["date"] == "2023-06-01"


@pytest.mark.parametrize("line,cc", [
    ("抄送：市政协提案委(2份)     市政府督办室(2份)", ["市政协提案委", "市政府督办室"]),
    ("抄送：市政协提案委2份)  市督查室", ["市政协提案委", "市督查室"]),
    ("抄送：县政府办公室、县人大常委会选联工委 |", ["县政府办公室", "县人大常委会选联工委"]),
    ("抄送：市政府办公室，市人大选联工委。", ["市政府办公室", "市人大选联工委"]),
])
def test_cc_shapes(line, cc):
    assert meta(f"关于县人大二次会议第7号建议的答复\n\n王明代表：\n\n收悉。\n\n{line}")["cc"] == cc


def test_header_label_glued_to_the_next_label():
    m = meta("发布时间:2024-05-10 09:13信息来源:北岭市商务局文字大小:[ 大 中 小 ] 背景色:\n\n"
             "对市政协十五届二次会议第 88 号提案的答复\n\n孙建华委员：\n\n您的提案收悉。")
    assert m["issuer"] == "北岭市商务局"


def test_label_word_inside_a_sentence_is_not_a_header():
    m = meta("信息来源:北岭市科学技术局\n\n对市政协十五届二次会议第 9 号提案的答复\n\n孙建华委员：\n\n"
             "我局作为主办单位。局领导专题研究,认为提案可行。")
    assert m["issuer"] == "北岭市科学技术局"


def test_title_over_three_lines_with_a_word_broken_across_the_first_two():
    m = meta("青石土家族苗族自治县市场监督管理局关于县十一届人民代表大会第四次会议\n第15号代表建议办理情况\n的答复函\n尊敬的闵晓代表:\n您的建议收悉。")
    assert m["title"] == "青石土家族苗族自治县市场监督管理局关于县十一届人民代表大会第四次会议第15号代表建议办理情况的答复函"
    assert m["issuer"] == "青石土家族苗族自治县市场监督管理局"


# ---- issue 14 item 6: shapes of replies from new sources (all texts invented) ----

def test_number_printed_after_the_proposal_title():
    m = meta("柯永年等代表:\n你们提出的《关于修缮乡村戏台的建议》(第20259031号)收悉。现答复如下:\n正文。")
    assert m["proposal_number"] == "20259031"
    assert m["proposal_title"] == "关于修缮乡村戏台的建议"


@pytest.mark.parametrize("tail", ["(第0315号)收悉。", ",已交我局研究办理,现答复如下:", ",由县人大常委会交我局办理。"])
def test_unquoted_proposal_title_ends_at_its_number_or_clause(tail):
    m = meta(f"闵晓代表:\n你们提出的关于修缮乡村戏台的建议{tail}\n正文。")
    assert m["proposal_title"] == "关于修缮乡村戏台的建议"


def test_link_to_the_next_reply_is_not_the_title():
    text = ("西岗镇代表团:\n你们提出的《关于增设镇卫生院救护车的建议》收悉,现答复如下:\n正文。\n"
            "上一条:青石县卫生健康局对县九届人大四次会议第77号建议的答复 |\n"
            "下一条:青石县卫生健康局对县九届人大四次会议第79号建议的答复 |\n")
    m = meta(text)
    assert m["title"] is None and m["proposal_number"] is None
    assert m["proposers"] == ["西岗镇代表团"]


def test_header_field_lines_do_not_join_the_title():
    text = ("- 索引号000111222/2021-00042\n- 发布机构白沙市农机局\n- 发布日期2021-03-02\n- 有效性有效\n"
            "白沙市农业机械化服务局对市第三届人大第二次会议第8号建议的答复\n冯志远代表:\n正文。")
    m = meta(text)
    assert m["title"] == "白沙市农业机械化服务局对市第三届人大第二次会议第8号建议的答复"
    assert m["issuer"] == "白沙市农机局"


def test_result_and_publicity_on_the_document_number_line():
    m = meta("对县九届人大四次会议第12号建议的答复\n白县农字〔2021〕3号 B类同意公开\n尊敬的闵晓代表:\n正文。")
    assert (m["result_class"], m["result_label"]) == ("B", "B类")
    assert m["public"] is True


def test_record_table_fields():
    text = ("建议/提案提出者: | 陶一鸣 | 建议/提案号: | 61 | |\n"
            "标题: | 关于扶持乡村工坊的建议 | |||\n"
            "建议/提案内容: | 西岗镇地处县城西部,工坊分散。 |\n"
            "承办单位: | 主办: | 乡村振兴局 | 协办: | 西岗镇 |\n"
            "答复日期: | 2022-08-19 | |||\n"
            "答复内容: | 陶一鸣代表:您好!来信收悉。")
    m = meta(text)
    assert m["proposers"] == ["陶一鸣"]
    assert m["proposal_number"] == "61"
    assert m["issuer"] == "乡村振兴局"
    assert m["date"] == "2022-08-19"
    assert m["role"] == "主办"


def test_record_fields_name_proposer_and_proposal():
    text = ("当前位置:首页 >> 建议提案\n对县政协十届三次会议第55号提案的答复\n提案人:贺文斌\n"
            "案 由 |\n关于建设社区健身步道的提案 |\n答复情况:\n您的提案收悉,现答复如下:\n正文。")
    m = meta(text)
    assert m["proposers"] == ["贺文斌"]
    assert m["proposal_title"] == "关于建设社区健身步道的提案"


def test_site_footer_is_not_a_header():
    text = ("西岗镇代表团:\n你们提出的《关于增设镇卫生院救护车的建议》收悉,现答复如下:\n正文。\n"
            "主办单位:青石县人民政府 承办单位:青石县人民政府办公室 网站地图\n")
    m = meta(text)
    assert m["issuer"] is None and m["role"] is None


def test_issuer_from_other_header_labels_and_dates_from_later_records():
    m = meta("发文机关: 白沙市水务局 | 生成日期: 2024年03月05日 |\n对第3号建议的答复\n冯志远代表:\n正文。")
    assert m["issuer"] == "白沙市水务局" and m["date"] == "2024-03-05"
    m = meta("发布时间:2024-05-10 作者:白沙市水务局 点击数:\n对第3号建议的答复\n冯志远代表:\n正文。")
    assert m["issuer"] == "白沙市水务局"
    m = meta("发布时间:2024-05-10 作者:佚名\n对第3号建议的答复\n冯志远代表:\n正文。")
    assert m["issuer"] is None


def test_issuer_from_the_title_prefix_without_a_signature():
    m = meta("白沙市水务局关于市政协六届二次会议第12号提案的答复\n陶一鸣委员:\n您的提案收悉。")
    assert m["issuer"] == "白沙市水务局"


def test_assisting_letter_is_addressed_to_the_lead_bureau():
    text = ("关于市九届人大三次会议第3318号建议的协办意见\n\n市文旅局：\n\n"
            "郑晓岚代表在市九届人大三次会议上提出的《关于打造湖滨露营基地的建议》收悉。\n结合我局职责,提出意见如下:\n正文。")
    m = meta(text)
    assert m["proposers"] == ["郑晓岚"] and m["role"] == "协办"


def test_party_committee_addressee_is_a_proposer_not_a_lead_bureau():
    m = meta("九三学社市委:\n贵委提出的关于发展银发经济的提案收悉,现答复如下:\n正文。")
    assert m["proposers"] == ["九三学社市委"] and m["role"] is None


def test_lead_letter_naming_its_assisting_units():
    m = meta("冯志远代表:\n你提出的《关于建设湖滨绿道的建议》收悉。经市住建委、市林业局等协办单位共同研究,现答复如下:\n正文。")
    assert m["role"] == "主办"


def test_joint_signature_names_the_first_body():
    m = meta("对第3号建议的答复\n冯志远等5位代表:\n正文。\n白沙市水务局        白沙市交通运输局\n2024年3月5日\n")
    assert m["issuer"] == "白沙市水务局" and m["date"] == "2024-03-05"


def test_signing_body_under_the_date_before_contact_fields():
    m = meta("对第3号建议的答复\n冯志远代表:\n正文。\n\n2024305\n\n白沙市水务局  联系电话:1234567 联系人:闵晓\n")
    assert m["issuer"] == "白沙市水务局" and m["date"] == "2024-03-05"


def test_signer_followed_by_a_glued_label():
    m = meta("白水字〔2022〕7号                    签发人:贺文斌\n\n办理结果:B\n\n对第3号建议的答复\n冯志远代表:\n正文。")
    assert m["signer"] == "贺文斌" and m["result_class"] == "B"


@pytest.mark.parametrize("sig,date", [("二00七年五月十四日", "2007-05-14"), ("二〇〇七年五月十四日", "2007-05-14")])
def test_chinese_numeral_dates_with_digit_zeros(sig, date):
    m = meta(f"对第1号提案的答复\n\n张三委员：\n\n正文。\n\n青川市财政局\n\n{sig}\n")
    assert m["date"] == date


def test_written_date_header_in_chinese_form():
    m = meta("成文日期: 二〇二三年八月三十日 发布日期: 2023-09-01 浏览次数: 12\n对第1号提案的答复\n张三委员：\n正文")
    assert m["date"] == "2023-08-30"


def test_closing_run_into_one_line_with_contact_fields():
    m = meta("对第3号建议的答复 |\n尊敬的冯志远代表: 您提出的建议已收悉,现答复如下: 正文。感谢您的支持! "
             "2022年7月1日 联系科室、人员及电话:综合科1234567 抄送:县政府办公室 |")
    assert m["date"] == "2022-07-01"


def test_header_values_glued_to_the_next_label_or_empty():
    m = meta("发布机构 白沙市水务局 文  号 白水建字〔2025〕1号\n成文日期 2025-10-21 公文时效\n对第3号建议的答复\n冯志远代表:\n正文。")
    assert m["doc_number"] == "白水建字〔2025〕1号"
    m = meta("[ 发文字号 ] | |\n[ 主题分类 ] | 其他 |\n对第3号建议的答复\n冯志远代表:\n正文。")
    assert m["doc_number"] is None


def test_addressee_above_a_title_repeated_at_the_foot():
    m = meta("冯志远代表:\n您提出的《关于建设湖滨绿道的建议》收悉,现答复如下:\n正文。\n白沙市水务局\n2024年3月5日\n"
             "正在阅读: 对白沙市九届人大三次会议代表建议第23号的答复")
    assert m["proposers"] == ["冯志远"]
    assert m["title"] == "对白沙市九届人大三次会议代表建议第23号的答复"


def test_assisting_letter_naming_the_proposer_inside_the_first_sentence():
    text = ("关于县政协十届三次会议第12号提案的协办意见\n市水务局:\n"
            "由你局主办的贺文斌委员提出的《关于治理城区内涝的提案》收悉,我局作为协办单位提出意见如下:\n正文。")
    m = meta(text)
    assert m["proposers"] == ["贺文斌"] and m["role"] == "协办"


def test_party_committee_named_in_full_is_not_a_bureau():
    m = meta("对市政协六届二次会议第9号提案的答复\n致公党白沙市委员会:\n贵委提出的提案收悉,现答复如下:\n正文。")
    assert m["proposers"] == ["致公党白沙市委员会"] and m["role"] is None


def test_published_reply_summary_title():
    m = meta("白沙部关于十四届全国人大一次会议第5021号建议的答复摘要\n冯志远代表:\n您提出的建议收悉。")
    assert m["title"] == "白沙部关于十四届全国人大一次会议第5021号建议的答复摘要"
    assert m["proposal_number"] == "5021"
