"""The uploaders leave every judgement to the reader (any type, the reader's size limit, Chinese
messages), and the tables of every page serialise to Arrow without Streamlit's fall-back "fixes"
(which log an ArrowInvalid/ArrowTypeError traceback), also when a report's town or year is unknown."""

from __future__ import annotations

import tomllib

import pytest
import streamlit as st
import streamlit.dataframe_util as dataframe_util

from analytics import pipeline
from analytics.accounts import Account
from analytics.readers import MAX_BYTES
from analytics.store import Store
from tests.analytics import filemakers as fm
from tests.ui.conftest import ROOT, open_page

MAX_MB = MAX_BYTES // (1024 * 1024)
EDITOR = {"auth_account": Account("ed", "editor")}
PAGES = ["overview", "themes", "keywords", "kwic", "quality", "manage"]


def test_server_accepts_no_more_than_the_reader():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == MAX_MB  # MiB, as Streamlit counts it


def test_both_uploaders_accept_any_type_up_to_the_readers_limit(app_db):
    upload = open_page("pages/upload.py").file_uploader(key="upload_file")
    manage = open_page("pages/manage.py", session=EDITOR).file_uploader(key="mg_files")
    for widget in (upload, manage):
        assert widget.allowed_type == []  # no client-side "application/octet-stream files are not allowed."
        assert widget.proto.max_upload_size_mb == MAX_MB
        assert f"{MAX_MB} MB" in widget.label


def test_an_old_doc_upload_is_told_in_chinese_to_save_as_docx(app_db, tmp_path):
    payload = fm.make_old_doc(tmp_path / "旧报告.doc").read_bytes()
    at = open_page("pages/upload.py")
    at.file_uploader(key="upload_file").upload("旧报告.doc", payload, "application/msword").run()
    assert not at.exception
    assert len(at.error) == 1 and "旧报告\\.doc：旧版 Word" in at.error[0].value and "另存为 \\.docx" in at.error[0].value


def test_files_of_any_type_added_in_manage_are_each_explained(app_db, tmp_path, seed_texts):
    at = open_page("pages/manage.py", session=EDITOR)
    uploader = at.file_uploader(key="mg_files")
    uploader.upload("旧报告.doc", fm.make_old_doc(tmp_path / "a.doc").read_bytes(), "application/msword")
    uploader.upload("照片.jpg", b"\xff\xd8\xff\xe0" + bytes(300), "image/jpeg")
    uploader.upload("新镇.txt", seed_texts["商家镇"].replace("商家镇", "新镇").encode("gb18030"), "text/plain")
    at.run()
    at.button(key="mg_add").click().run()
    assert not at.exception
    lines = [t.value for t in at.text]
    assert any(line.startswith("❌ 旧报告.doc：") and "另存为 .docx" in line for line in lines)
    assert any(line.startswith("❌ 照片.jpg：") and "JPEG" in line for line in lines)
    assert any(line.startswith("✅ 新镇.txt：") for line in lines)


@pytest.fixture()
def unknown_meta_db(app_db):
    """The seed store with one report whose town and another whose year are unknown."""
    store = Store(app_db)
    resources = pipeline.load_resources(store)
    ids = store.reports().set_index("town")["id"]
    admin = Account.local_admin()
    pipeline.update_metadata(store, ids["周营镇"], actor=admin, resources=resources, town=None)
    pipeline.update_metadata(store, ids["苏河镇"], actor=admin, resources=resources, year=None)
    st.cache_data.clear()
    st.cache_resource.clear()
    return app_db


@pytest.mark.parametrize("page", PAGES)
def test_tables_need_no_arrow_fixes_with_unknown_town_or_year(unknown_meta_db, monkeypatch, page):
    fixed = []
    real = dataframe_util.fix_arrow_incompatible_column_types

    def spy(df, *args, **kwargs):  # Streamlit calls it only after pyarrow refused the frame
        fixed.append(df.dtypes.to_dict())
        return real(df, *args, **kwargs)

    monkeypatch.setattr(dataframe_util, "fix_arrow_incompatible_column_types", spy)
    at = open_page(f"pages/{page}.py", session=EDITOR if page == "manage" else None)
    assert not at.exception, at.exception
    assert not fixed, fixed


def test_checklist_shows_an_unknown_town_as_unknown(unknown_meta_db):
    at = open_page("pages/quality.py")
    assert not at.exception
    check = at.dataframe[0].value
    assert sorted(check["乡镇"].tolist()) == sorted(["十里亭镇", "南郊镇", "商家镇", "苏河镇", "未知"])
    assert check["年份"].isna().sum() == 1
