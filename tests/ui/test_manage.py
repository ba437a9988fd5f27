"""语料管理 (AppTest): the dictionary editor checks an edited dictionary on the hand-checked sample before
saving; the corpus basis can be refreshed by an editor."""

from __future__ import annotations

from analytics.accounts import Account
from analytics.store import Store
from tests.ui.conftest import open_page
from ui.auth import SESSION_KEY

EDITOR = {SESSION_KEY: Account(name="editor", role="editor")}


def test_an_edited_dictionary_is_checked_on_the_sample_before_it_is_saved(app_db):
    at = open_page("pages/manage.py", session=EDITOR)
    assert not at.exception
    assert any("主题" in df.value.columns and "词条数" in df.value.columns for df in at.dataframe)
    from dataclasses import replace

    from analytics import themes

    d = themes.parse_dictionary(at.text_area(key="mg_dict").value)
    broad = tuple(replace(t, terms=t.terms + ("工作",)) if t.id == "enforcement" else t for t in d.themes)
    edited = themes.dump_dictionary(themes.ThemeDictionary(broad))  # 工作 would count almost every sentence
    at.text_area(key="mg_dict").set_value(edited).run()
    at.button(key="mg_dict_check").click().run()
    assert not at.exception
    check = next(df.value for df in at.dataframe if "精确度（%）" in df.value.columns)
    assert len(check) >= 12 and check["未核对"].sum() > 0
    assert any("还没有人核对" in w.value for w in at.warning)
    # nothing was saved by checking
    assert Store(app_db).get_meta("themes_yaml") is None


def test_editor_refits_the_basis(app_db):
    before = Store(app_db).get_meta("basis_id")
    at = open_page("pages/manage.py", session=EDITOR)
    at.button(key="mg_refit").click().run()
    assert not at.exception
    assert Store(app_db).get_meta("basis_id") != before
    assert any("重新计算" in s.value for s in at.success)
