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
