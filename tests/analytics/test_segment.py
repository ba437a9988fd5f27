from __future__ import annotations

import re

import pytest

from analytics.segment import (
    DEFAULT_STOPWORDS,
    DEFAULT_USER_DICT,
    Tokenizer,
    is_place_name,
    load_tokenizer,
    place_names_in,
    place_stems,
    read_user_dict,
)

DOMAIN_WORDS = ["法律明白人", "谁执法谁普法", "一村一法律顾问"]


@pytest.fixture(scope="module")
def jieba_tok() -> Tokenizer:
    return Tokenizer(engine="jieba")


def test_domain_words_are_single_tokens_in_the_seeds(seed_texts):
    tok = load_tokenizer()
    seen = 0
    for text in seed_texts.values():
        tokens = tok.cut(text)
        for word in DOMAIN_WORDS:
            assert tokens.count(word) == text.count(word), word
            seen += text.count(word)
    assert seen >= 5  # the words really occur in the seeds
    for word in DOMAIN_WORDS:
        assert tok.cut(f"培养{word}工作") == ["培养", word, "工作"]


def test_rjieba_tokens_equal_jieba_tokens_on_all_seeds(seed_texts, jieba_tok):
    rj = load_tokenizer()
    for town, text in seed_texts.items():
        assert rj.cut(text) == jieba_tok.cut(text), town
        assert rj.terms(text) == jieba_tok.terms(text), town


def test_each_tokenizer_keeps_its_own_dictionary():
    plain = Tokenizer(user_dict=None, stopwords=None)
    plain_jieba = Tokenizer(user_dict=None, stopwords=None, engine="jieba")
    sentence = "培养法律明白人"
    assert "法律明白人" not in plain.cut(sentence)
    assert plain.cut(sentence) == plain_jieba.cut(sentence)
    assert "法律明白人" in load_tokenizer().cut(sentence)
    import jieba

    assert "法律明白人" not in jieba.lcut(sentence)  # the global jieba dictionary is untouched


def test_user_dict_is_large_explicit_and_every_entry_is_one_token():
    entries = read_user_dict(DEFAULT_USER_DICT)
    words = [w for w, _, _ in entries]
    assert len(words) >= 300
    assert len(words) == len(set(words))
    assert all(freq > 0 for _, freq, _ in entries)
    for required in DOMAIN_WORDS + ["法治带头人", "八五普法", "三项制度", "重大行政决策", "行政执法证", "综合行政执法",
                                    "枫桥经验", "合法性审查", "执法记录仪", "习近平法治思想", "述法", "放管服"]:
        assert required in words
    tok = load_tokenizer()
    assert [w for w in words if tok.cut(w) != [w]] == []
    assert not any(re.search(r"[镇县区]$", w) and w[:-1] in {"南郊", "周营", "沈丘"} for w in words)


def test_bad_user_dict_line_is_reported_in_chinese(tmp_path):
    path = tmp_path / "dict.txt"
    path.write_text("法律明白人 300 n\n没有词频的词\n", encoding="utf-8")
    with pytest.raises(ValueError, match="第 2 行"):
        read_user_dict(path)


def test_terms_drop_stopwords_numbers_single_chars_and_punctuation():
    tok = load_tokenizer()
    text = "一是进一步加强普法宣传，全年开展活动百余次、发放材料3万余份，培训执法人员 33 名；二是落实“谁执法谁普法”。"
    terms = tok.terms(text)
    assert "普法宣传" in terms and "执法人员" in terms and "谁执法谁普法" in terms
    for gone in ["一是", "二是", "进一步", "加强", "全年", "落实", "百余", "3", "33", "万余", "名", "，", " ", "“"]:
        assert gone not in terms, gone
    assert all(len(t) >= 2 and not re.search(r"\d", t) for t in terms)
    assert {"进一步", "加强", "我镇", "一是"} <= tok.stopwords_
    assert {"普法", "执法"}.isdisjoint(tok.stopwords_)
    assert DEFAULT_STOPWORDS.exists()


def test_place_names_found_in_the_seeds(seed_texts):
    assert {"南郊镇", "周村区", "尚庄村", "张楼新村", "鲁中实验小学"} <= place_names_in(seed_texts["南郊镇"])
    assert {"周营镇", "沈丘县"} <= place_names_in(seed_texts["周营镇"])
    assert "商家镇" in place_names_in(seed_texts["商家镇"])
    assert {"十里亭镇", "浈江区", "五里亭派出所"} <= place_names_in(seed_texts["十里亭镇"])
    for text in seed_texts.values():
        found = place_names_in(text)
        assert not found & {"全镇", "农村", "乡村", "行政村", "社区", "社区矫正", "送法进社区", "我镇", "城市"}


def test_place_names_in_a_written_text():
    text = "我镇在王楼村、李庄社区和红星小学开展宣传，全镇各行政村、自然村和农村社区全覆盖。城关镇也来学习。"
    found = place_names_in(text)
    assert {"李庄社区", "红星小学", "城关镇"} <= found
    assert not found & {"行政村", "自然村", "农村社区", "全镇", "我镇"}
    assert "王楼村" in place_names_in(text, known=["王楼村"])


def test_is_place_name_catches_stems_compounds_and_fragments():
    known = {"南郊镇", "十里亭镇", "周村区"}
    assert place_stems(known) >= {"南郊", "十里亭", "周村"}
    assert is_place_name("法治南郊", known=known)
    assert is_place_name("南郊镇", known=known)
    assert is_place_name("南郊", known=known)
    assert is_place_name("十里", known=known)  # jieba cuts 十里亭 into 十里 / 亭
    assert is_place_name("尚庄村")  # proper name + 村, no list needed
    assert is_place_name("五里亭", known={"五里亭派出所"}) and not is_place_name("派出所", known={"五里亭派出所"})
    for generic in ["普法", "行政村", "农村", "乡村", "社区矫正", "法治乡村", "全镇", "城市"]:
        assert not is_place_name(generic, known=known), generic


# ---- Tokenizer.analyse: one pass, counts without fragments, place names --------------------------
def test_analyse_drops_pieces_of_place_names_from_metadata_and_from_the_text():
    tok = load_tokenizer()
    text = ("小龙门乡人民政府关于2022年度法治政府建设情况的报告。小龙门乡坚持依法行政，小龙门乡各村开展普法宣传。"
            "天津市静海区大邱庄镇坚持为静海区发展提供法治保障，大邱庄镇综合执法大队开展执法检查。")
    cut = tok.cut(text)
    assert {"小龙", "门乡", "为静", "海区"} <= set(cut)  # the trap is real: jieba cuts the names apart
    a = tok.analyse(text, known_places=["小龙门乡"])  # 静海区 is not in the metadata
    assert {"小龙门乡", "静海区", "大邱庄镇"} <= a.places
    assert not {"小龙", "门乡", "为静", "海区", "静海", "大邱庄"} & set(a.counts)
    assert {"依法行政", "普法宣传", "综合执法", "执法检查"} <= set(a.counts)


def test_analyse_knows_ethnic_townships_streets_and_villages_with_landform_names():
    tok = load_tokenizer()
    text = ("后坪苗族土家族乡在文凤村开展法律进村寨活动，后坪乡各村培育法治带头人，继续开展苗族土家族双语普法。"
            "梨树湾村、石板滩镇、瓦屋山镇和望城坡街道的调解员参加培训，梨树湾村调解纠纷。")
    a = tok.analyse(text, known_places=["后坪苗族土家族乡"])
    assert {"后坪苗族土家族乡", "后坪", "文凤村", "梨树湾村", "石板滩镇", "瓦屋山镇", "望城坡街道"} <= a.places
    assert not {"后坪", "梨树", "石板", "瓦屋", "山镇", "望城"} & set(a.counts)
    assert {"法治带头人", "调解员"} <= set(a.counts)
    assert "苗族" in a.counts  # the people, outside the name, is a word of the text


def test_analyse_finds_two_character_counties_without_metadata():
    a = load_tokenizer().analyse("中共渠县县委、渠县人民政府：现将我乡法治政府建设情况报告如下。渠县县委依法治县办要求……")
    assert "渠县" in a.places and "渠县" not in a.counts
    b = load_tokenizer().analyse("新县苏河镇认真落实新县县委部署。")
    assert "新县" in b.places and "新县" not in b.counts


def test_analyse_drops_document_numbers_with_their_issuer():
    tok = load_tokenizer()
    text = ("认真贯彻《渠县2022年法治政府建设工作要点》（渠委法办发〔2022〕5号）、静党办发〔2021〕87号文件、"
            "临政办字(2021)9号和市政府令第329号，落实综合行政执法改革渠府办发〔2022〕18号要求。")
    assert {"渠委", "法办", "静党", "办发", "临政办"} <= set(tok.terms(text))  # what plain terms give
    a = tok.analyse(text)
    assert not {"渠委", "法办", "办发", "静党", "临政办", "渠府", "号令"} & set(a.counts)
    assert {"综合行政执法", "改革"} <= set(a.counts)


def test_analyse_counts_short_book_titles_as_one_term_and_nothing_inside_long_ones():
    tok = load_tokenizer()
    text = ("专题学习《反有组织犯罪法》《中华人民共和国民法典》，组织《反有组织犯罪法》知识测试，宣传民法典；"
            "落实《重庆市行政规范性文件管理办法》和《关于做好2022年度法治政府建设年度报告工作的通知》。")
    assert {"反有", "犯罪"} <= set(tok.terms(text))
    a = tok.analyse(text)
    assert a.counts["反有组织犯罪法"] == 2 and a.counts["民法典"] == 2
    assert not {"反有", "犯罪", "行政规范性文件", "管理办法", "年度报告", "中华人民共和国"} & set(a.counts)
    assert {"知识", "测试"} <= set(a.counts)  # words outside the titles


def test_analyse_counts_a_short_quoted_phrase_as_one_term():
    tok = load_tokenizer()
    text = ("青山镇执法队伍“小马拉大车”问题仍然突出，“小马拉大车”的局面没有根本改变；打造“火塘夜话”普法品牌，"
            "推行「先审后签」，开展“法治青山”创建，深化“放管服”改革，落实“谁执法谁普法”责任制，"
            "坚持“有法可依、有法必依”的要求，群众说“现在办事再也不用跑断腿了”。")
    assert {"小马拉", "大车", "火塘", "夜话"} <= set(tok.cut(text))  # what the segmenter alone makes of them
    a = tok.analyse(text, known_places=["青山镇"])
    assert a.counts["小马拉大车"] == 2 and a.counts["火塘夜话"] == 1 and a.counts["先审后签"] == 1
    assert a.counts["谁执法谁普法"] == 1 and a.counts["放管服"] == 1  # one token already: counted once, as before
    assert not {"小马拉", "大车", "火塘", "夜话", "先审后"} & set(a.counts)
    assert "法治青山" not in a.counts  # a place inside: not a term of its own (its words count as before)
    assert not {"有法可依、有法必依", "现在办事再也不用跑断腿了"} & set(a.counts)  # punctuation; over 8
    assert {"办事", "品牌"} <= set(a.counts)  # the words of a long quotation and outside quotes count as before


def test_analyse_drops_measure_words_glued_to_the_next_word():
    tok = load_tokenizer()
    text = "选派2名法援律师驻村，全乡培育两名法治带头人，发放资料2000余份宣传册，落实三项制度，培训30余人次。"
    assert {"名法援", "余份"} <= set(tok.cut(text))
    a = tok.analyse(text)
    assert not {"名法援", "余份", "两名", "余人次", "人次"} & set(a.counts)
    assert {"律师", "法治带头人", "宣传册", "三项制度"} <= set(a.counts)


def test_analyse_rejects_two_character_guesses_but_keeps_dictionary_words():
    tok = load_tokenizer()
    assert tok.is_guess("门乡") and tok.is_guess("反有") and not tok.is_guess("普法") and not tok.is_guess("海区")
    assert not tok.is_guess("法律明白人")  # longer strings are not judged this way
    a = tok.analyse("全年开展线上普法和共治活动。")
    assert {"普法", "线上", "共治"} <= set(a.counts)  # domain words in the user dictionary


def test_rjieba_analyse_equals_jieba_analyse(seed_texts, seed_manifest, jieba_tok):
    from tests.analytics.test_keywords import TRAP_REPORTS

    rj = load_tokenizer()
    items = [(seed_texts[r["town"]], [r["town"], r["county"]]) for r in seed_manifest]
    items += [(r["text"], [r["town"], r["county"]]) for r in TRAP_REPORTS]
    for text, known in items:
        a, b = rj.analyse(text, known_places=known), jieba_tok.analyse(text, known_places=known)
        assert a.counts == b.counts and a.places == b.places, known[0]


def test_place_matcher_catches_pieces_that_cross_into_the_suffix():
    known = {"小龙门乡", "静海区", "五里亭派出所", "鲁中实验小学", "东城街道"}
    for piece in ["门乡", "海区", "小龙", "静海", "城街", "中实"]:
        assert is_place_name(piece, known=known), piece
    for word in ["派出所", "实验", "街道", "普法", "乡村", "社区"]:
        assert not is_place_name(word, known=known), word


def test_genre_words_are_stopwords():
    tok = load_tokenizer()
    for word in ["法治", "街道", "通知", "全会", "历次", "依法治县", "依法治区"]:
        assert word in tok.stopwords_ and not tok.is_term(word), word
    for word in ["法治宣传", "法治带头人", "普法", "执法"]:
        assert tok.is_term(word), word


@pytest.mark.parametrize(
    "name",
    "小龙门乡 大石桥乡 青龙寺镇 白马河乡 金山坪村 黄土岗镇 龙潭街道 梨树湾村 静海区 红旗渠镇 三道河乡 清水塘村 七星关区 "
    "马家堡街道 太平庄乡 望城坡街道 瓦屋山镇 石板滩镇 凤凰山街道 高家沟村".split(),
)
def test_names_nobody_listed_are_found_and_leave_no_pieces(name):
    tok = load_tokenizer()
    text = f"为{name}经济社会发展提供法治保障。{name}党委高度重视，{name}综合行政执法办公室开展执法检查。"
    a = tok.analyse(text)  # no metadata: the name is found from the tokens alone
    assert name in a.places
    tokens, pieces, at = tok.cut(text), set(), 0
    names = [(m.start(), m.end()) for m in re.finditer(name, text)]
    for t in tokens:  # the tokens that overlap an occurrence of the name (小龙/门乡, 为静/海区 …)
        if any(s < at + len(t) and at < e for s, e in names):
            pieces.add(t)
        at += len(t)
    assert pieces and not pieces & set(a.counts), pieces & set(a.counts)
    assert {"综合行政执法办公室", "执法检查"} <= set(a.counts)


def test_domain_words_and_common_nouns_that_end_like_places():
    tok = load_tokenizer()
    result = tok.analyse("推进城中村改造，城中村征收补偿到位。查验冻品，林长带队巡山，严禁野外用火。镇里、镇级和村级干部参加。",
                         known_places=["东城街道"])
    assert result.counts.get("城中村") == 2 and "城中村" not in result.places  # a kind of village, not a village
    assert {"冻品", "林长", "野外用火"} <= set(result.counts)  # unknown to jieba's dictionary, known to ours
    assert not {"镇里", "镇级", "村级"} & set(result.counts)


def test_the_unit_kind_of_a_zone_is_no_content_term():
    """A 开发区/园区 report names its own kind of unit (管委会) as often as a 街道 names its 办事处: neither says
    what the unit did; nor does 区内 (辖区内/园区内 cut short)."""
    tok = load_tokenizer()
    assert not any(tok.is_content_term(t) for t in ("管委会", "管理委员会", "区内", "办事处"))
    assert tok.is_content_term("综合执法")


def test_a_web_page_s_frame_is_no_content_term():
    """A report copied with its web page (probe 27): the site's navigation (首页, 当前位置, 长者模式, 上一篇) says
    nothing of the work; the services it names (政务服务, 政府信息公开) do."""
    tok = load_tokenizer()
    assert not any(tok.is_content_term(t) for t in ("首页", "当前位置", "长者模式", "无障碍", "上一篇", "网站地图", "主办单位"))
    assert not tok.is_content_term("究其原因")  # (a report giving a cause after each problem: probe 28's fourth keyword)
    assert tok.is_content_term("政务服务") and tok.is_content_term("政务公开")
