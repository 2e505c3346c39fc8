from replycli.normalize import fold, normalize_text, squeeze


def test_fold_full_width_ascii_keeps_length():
    s = "Ａ１，（抚顺）５Ｇ　钢铁"
    assert fold(s) == "A1,(抚顺)5G 钢铁"
    assert len(fold(s)) == len(s)


def test_rejoins_pdf_broken_word():
    line = "继续推进中试基地建设，积极推进新钢铁、固废研究院等单位建设一批省级科技成果转化中试"
    text = f"{line}\n\n基地。下一段。"
    assert "转化中试基地。" in normalize_text(text)


def test_keeps_title_and_addressee_apart():
    text = "对市政协十五届三次会议第 41 号提案的答复\n\n王晓东委员：\n\n您提出的建议收悉"
    out = normalize_text(text)
    assert "答复\n\n王晓东委员:" in out


def test_keeps_numbered_sections_apart():
    long_line = "这是一段很长的正文内容用来模拟版面宽度的一整行文字没有标点符号结尾的情况"
    out = normalize_text(f"{long_line}\n\n二、向上争取政策支持")
    assert "\n\n二、向上争取政策支持" in out


def test_squeeze_matches_truth_definition():
    assert squeeze("中试\n\n基地 ２００ 万元") == "中试基地200万元"
