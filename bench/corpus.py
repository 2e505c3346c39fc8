"""Synthetic replies, true to the genre, deterministic from a seed.

Terms follow a Zipf-like distribution (a few companies, programs and places
recur in many replies, most appear rarely), sentences are built from the
phrases real replies use, and every reply has the real anatomy: header
lines, 发文字号, 签发人, title, addressee, 《proposal》, numbered sections,
amounts in several notations, signature block, 抄送.
"""
from __future__ import annotations

import random
from itertools import accumulate
from pathlib import Path

REGIONS = ["青川", "临江", "江屿", "白桦", "松原", "北岭", "南湖", "东港", "西峡", "云溪", "石门", "金川",
           "海阳", "平安", "长宁", "宁远", "安平", "兴化", "清河", "龙泉"]
NAME_PARTS = ["华远", "北辰", "鸿邦", "天成", "东工", "安信", "绿禾", "海通", "远航", "恒达", "中联", "瑞丰",
              "永茂", "金石", "润泽", "宏图", "新世纪", "星火", "百川", "卓越", "晨光", "博远", "嘉和", "盛世"]
TRADES = ["钢铁", "化工", "装备", "新材料", "精工", "环保", "电子", "机械", "药业", "能源", "食品", "物流",
          "纺织", "汽车零部件", "智能科技", "农业发展", "建材", "电力", "矿业", "信息技术"]
SUFFIXES = ["有限公司", "有限责任公司", "集团有限公司", "股份有限公司", "集团"]
ISSUERS = ["工业和信息化局", "发展和改革委员会", "科学技术局", "农业农村局", "财政局", "商务局", "交通运输局",
           "教育局", "生态环境局", "住房和城乡建设局", "水利局", "文化和旅游局"]
TOPICS = ["制造业智能化升级", "钢铁产业绿色转型", "中小企业融资", "高标准农田建设", "老旧小区改造",
          "跨境电商发展", "乡村学校办学条件", "农村公路建设", "数字经济发展", "科技成果转化",
          "新能源汽车产业", "生态保护补偿", "全民健身设施", "工业互联网平台", "专精特新企业培育"]
PROGRAMS = ["数字{r}智造强省专项资金", "{r}工业转型升级专项资金", "“揭榜挂帅”项目", "“免申即享”政策",
            "高标准农田建设补助资金", "转贷应急周转资金", "{r}英才计划", "省首台（套）重大技术装备保险补贴",
            "科技型中小企业创新基金", "绿色制造专项资金", "乡村教师支持计划", "农村公路养护补助资金",
            "外经贸发展专项资金", "省级中试基地建设资金", "工业互联网创新发展工程"]
PLANS = ["《{r}制造业数字化赋能行动方案》", "《{r}工业互联网创新发展三年行动计划（2021-2023）》",
         "《{r}中试基地建设发展实施方案》", "《关于支持民营经济高质量发展的若干措施》",
         "《{r}“十四五”农村公路建设规划》", "《{r}科技成果转化中试基地管理办法（试行）》"]
GENERIC = [
    "我们高度重视您提出的意见，组织相关部门进行了认真研究。",
    "近年来，我市坚持创新驱动发展战略，持续优化营商环境，推动产业转型升级。",
    "下一步，我们将继续加强政策宣传解读，推动各项惠企政策落实落地。",
    "加强部门协调配合，形成工作合力，确保各项工作取得实效。",
    "积极组织企业参加专题对接活动，搭建政企沟通平台，及时解决企业困难和问题。",
    "充分发挥财政资金引导作用，带动社会资本投入，提升项目建设水平。",
    "持续深化产学研合作，鼓励企业与高校、科研院所共建创新平台。",
    "强化要素保障，做好用地、用能、资金等方面的服务工作。",
    "推动制造业数字化、网络化、智能化发展，培育一批智能工厂和数字化车间。",
    "对照您提出的建议，我局逐条分析研究，制定了具体落实措施。",
]
SUBJECTS = ["我局", "市政府", "各县区", "相关部门", "重点企业", "龙头企业", "行业协会", "高新区管委会", "市财政局",
            "市科技局", "市金融局", "市人民银行", "各级工会", "有关高校", "科研院所", "园区管委会"]
ACTIONS = ["积极推进", "认真落实", "大力支持", "持续完善", "加快推动", "统筹安排", "组织开展", "深入实施",
           "协调解决", "重点培育", "全面梳理", "广泛宣传", "研究制定", "跟踪督办", "优化提升"]
OBJECTS = ["智能制造示范工厂建设", "企业技术中心认定", "中小企业公共服务平台", "工业设计中心培育", "数字化车间改造",
           "绿色工厂创建", "产业链供需对接", "人才引进培养工作", "融资担保体系建设", "科技成果转化项目",
           "老旧厂区改造提升", "重大项目谋划储备", "农村人居环境整治", "公共实训基地建设", "产教融合试点",
           "首台套装备推广应用", "节能降碳技术改造", "质量品牌提升行动", "知识产权保护", "安全生产专项整治"]
NUMS_CN = ["二百", "三百", "一千二百", "五十", "八十", "一百五十"]


_CUM: dict[tuple[int, float], list[float]] = {}


def _zipf(rng: random.Random, items: list, s: float = 1.1):
    # The cumulative weights ``choices`` would compute from the weights, kept
    # (building them for 3,000 companies on every call made generating
    # 100,000 replies take half an hour); the draws are unchanged.
    cum = _CUM.get((len(items), s))
    if cum is None:
        cum = _CUM[(len(items), s)] = list(accumulate(1 / (i + 1) ** s for i in range(len(items))))
    return rng.choices(items, cum_weights=cum)[0]


def _amount(rng: random.Random) -> str:
    form = rng.random()
    if form < 0.45:
        return f"{rng.choice([20, 35, 50, 80, 100, 150, 200, 237.5, 300, 460, 500, 1000])} 万元"
    if form < 0.65:
        return f"{rng.randint(1, 9)},{rng.randint(0, 999):03d}万元"
    if form < 0.8:
        return f"{rng.randint(1, 30)}.{rng.randint(1, 99)}亿元"
    if form < 0.9:
        return f"{rng.choice(NUMS_CN)}万元"
    return f"{rng.randint(100, 9999)}元"


class Generator:
    def __init__(self, seed: int = 42):
        self.rng = random.Random(seed)
        rng = self.rng
        self.companies = []
        for _ in range(3000):
            r, n, t = rng.choice(REGIONS), rng.choice(NAME_PARTS), rng.choice(TRADES)
            self.companies.append((f"{r}{n}{t}{rng.choice(SUFFIXES)}", f"{r}{n}{t}"))
        rng.shuffle(self.companies)

    def reply(self, i: int) -> str:
        rng = self.rng
        region = _zipf(rng, REGIONS, 0.8)
        issuer = f"{region}市{_zipf(rng, ISSUERS, 0.7)}"
        year = rng.randint(2016, 2025)
        kind = rng.choice(["提案", "建议"])
        who = rng.choice(["委员", "代表"]) if kind == "建议" else "委员"
        n = rng.randint(1, 600)
        topic = _zipf(rng, TOPICS, 0.9)
        person = rng.choice("王李张刘陈杨赵黄周吴") + rng.choice(["晓东", "红梅", "建国", "文博", "丽华", "志强", "秀英", "振华"])
        session = f"市政协十{rng.choice('二三四五')}届{rng.choice('一二三四五')}次会议" if kind == "提案" else \
            f"市十{rng.choice('五六七八')}届人大{rng.choice('一二三四五')}次会议"
        parts = [f"[办理结果标注 ({rng.choice(['A1', 'A', 'B', 'C', 'A类'])})]", "",
                 f"[是否同意公开({rng.choice('是是是否')})]", "", f"{issuer}文件", "",
                 f"{region}{rng.choice(['工信', '发改', '科', '农', '财'])}〔{year}〕{rng.randint(1, 200)}号", "",
                 f"签发人：{rng.choice('王李张刘陈')}{rng.choice(['明远', '国庆', '思远', '清扬'])}", "",
                 f"对{session}第 {n} 号{kind}的答复", "", f"{person}{who}：", "",
                 f"您提出的《关于{topic}的建议》收悉，现答复如下：", ""]
        for k, head in enumerate(["一、", "二、", "三、", "四、"][: rng.randint(2, 4)]):
            parts.append(f"{head}{rng.choice(['加强政策支持', '推动项目建设', '深化产学研合作', '强化资金保障', '优化营商环境'])}")
            parts.append("")
            para = []
            for _ in range(rng.randint(8, 16)):
                r = rng.random()
                full, short = _zipf(rng, self.companies, 1.05)
                prog = _zipf(rng, PROGRAMS, 1.0).format(r=region)
                if r < 0.3:
                    para.append(f"{full}获批{year}年{prog}{_amount(rng)}。")
                elif r < 0.45:
                    para.append(f"推荐{short}申报{prog}，{rng.randint(2, 20)} 户企业获得奖励共 {_amount(rng)}。")
                elif r < 0.55:
                    para.append(f"编制{_zipf(rng, PLANS, 1.0).format(r=region)}，落实各项税收优惠政策减免税费 {_amount(rng)}。")
                elif r < 0.62:
                    para.append(f"{short}在全省现场会上作经验交流，带动上下游配套企业 {rng.randint(10, 90)} 家。")
                elif r < 0.8:
                    para.append(rng.choice(GENERIC))
                else:
                    para.append(f"{_zipf(rng, SUBJECTS, 0.9)}{_zipf(rng, ACTIONS, 0.9)}{_zipf(rng, OBJECTS, 0.9)}，"
                                f"{_zipf(rng, ACTIONS, 0.9)}{_zipf(rng, OBJECTS, 0.9)}。")
            parts.append("".join(para))
            parts.append("")
        parts += ["感谢您对我们工作的关心和支持。", "", issuer, "",
                  f"{year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日", "", "抄送：市政府办公室、市政协提案委"]
        return "\n".join(parts) + "\n"

    def write(self, folder: Path, count: int) -> list[Path]:
        folder.mkdir(parents=True, exist_ok=True)
        paths = []
        for i in range(count):
            p = folder / f"reply-{i:06d}.txt"
            p.write_text(self.reply(i), encoding="utf-8")
            paths.append(p)
        return paths


QUERIES = ["钢铁", "钢", "资金", "揭榜挂帅", "专项资金", "青川华远钢铁", "高标准农田", "税费", "中试基地",
           "数字化转型", "智能工厂", "万元", "产学研合作", "转贷应急周转资金", "北辰"]
