"""Report- and user-derived text reaches every page as plain text (AppTest on a hostile store).

A town (set by an editor's correction or the CLI), a theme label (editor's dictionary) and a search
term (typed, or arriving in a shared link) carry both a Markdown link and an HTML link. Every element
that renders Markdown (captions, headings, alerts, expander and widget labels, tooltips) must show
them escaped; every plotly figure (which renders <a href> in ticks, legends, titles and hover text)
must hold them HTML-escaped.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from google.protobuf.json_format import MessageToDict

from analytics import pipeline
from analytics.accounts import Account
from analytics.store import Store
from analytics.themes import DEFAULT_DICTIONARY
from tests.ui.conftest import open_page, serving
from ui import upload as ui_upload

TOWN = '[点我](http://evil.example/md)<a href="http://evil.example/html">南郊</a>镇'
LABEL = "行政执法[详情](http://evil.example/label)<a href='http://evil.example/l'>执</a>"
TERM = "[领奖](http://evil.example/term)"

# Fields holding plain text (options of a selectbox/multiselect are shown as typed), ids and data.
_PLAIN_FIELDS = {"options", "default", "value", "rawValues", "id", "formId", "data", "spec", "url", "placeholder"}
_PLAIN_ELEMENTS = {"text", "code", "dataframe", "arrow_data_frame", "plotly_chart", "html", "json", "table"}


def plant(store: Store, rid: str, **fields) -> None:
    """Put a value the metadata editor refuses (it accepts Chinese names only) straight into the store, as an
    older store or another tool could have done: the pages must still show it as plain text."""
    with store.transaction() as con:
        for k, v in fields.items():
            con.execute(f"UPDATE reports SET {k}=? WHERE id=?", (v, rid))
        Store.bump(con)


@pytest.fixture(scope="module")
def hostile_db(seeded_db, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "reports.db"
    Store(seeded_db).copy_to(path)
    store = Store(path)
    admin = Account.local_admin()
    yaml_text = DEFAULT_DICTIONARY.read_text(encoding="utf-8-sig").replace(
        "    label: 行政执法\n", f'    label: "{LABEL}"\n', 1)
    assert LABEL in yaml_text
    pipeline.set_dictionary(store, yaml_text, actor=admin)
    rid = store.reports().set_index("town").at["南郊镇", "id"]
    plant(store, rid, town=TOWN)
    return path


@pytest.fixture()
def hostile(hostile_db, tmp_path, monkeypatch) -> Path:
    dst = tmp_path / "reports.db"
    Store(hostile_db).copy_to(dst)
    with serving(dst, monkeypatch):
        yield dst


def _nodes(node):
    yield node
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            yield from _nodes(child)


def _strings(obj, *, skip=frozenset()):
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k not in skip:
                yield from _strings(v, skip=skip)
    elif isinstance(obj, list):
        for v in obj:
            yield from _strings(v, skip=skip)
    elif isinstance(obj, str):
        yield obj


def markdown_texts(at) -> list[str]:
    """Every string of the page that Streamlit renders as Markdown."""
    out = []
    for node in _nodes(at._tree):
        proto = getattr(node, "proto", None)
        if proto is None or getattr(node, "type", None) in _PLAIN_ELEMENTS:
            continue
        out.extend(_strings(MessageToDict(proto), skip=_PLAIN_FIELDS))
    return out


def live_markdown(text: str) -> list[str]:
    """What in a Markdown string would become a link: [..](..), a raw <a>, or an autolinked URL."""
    return (re.findall(r"\]\(", text) + re.findall(r"(?<!\\)<a\b", text)
            + re.findall(r"https?://|www\.\w", text))


def figure_strings(at) -> list[str]:
    out = []
    for el in at.get("plotly_chart"):
        out.extend(_strings(json.loads(el.proto.spec)))
    return out


def assert_plain(at, *, expect_in_markdown: str | None = None, expect_in_charts: bool = True) -> None:
    assert not at.exception, at.exception
    texts = markdown_texts(at)
    for text in texts:
        assert not live_markdown(text), text
    if expect_in_markdown is not None:  # the hostile text is really shown somewhere (escaped)
        assert any(expect_in_markdown in t for t in texts), expect_in_markdown
    strings = figure_strings(at)
    for s in strings:
        assert not re.search(r"<a\b", s, re.I), s
    if expect_in_charts:
        assert any("&lt;a href=" in s for s in strings)
    for h in at.get("html"):
        assert not re.search(r"<a\b", h.proto.body, re.I)


ESCAPED_TOWN = r"\[点我\]\(http\://evil\.example/md\)"


def test_overview(hostile):
    assert_plain(open_page("pages/overview.py"))


def test_themes(hostile):
    at = open_page("pages/themes.py")
    at.multiselect(key="th_trend_towns").set_value([TOWN]).run()
    at.multiselect(key="th_radar_reports").set_value([f"{TOWN}·2021"]).run()
    assert_plain(at, expect_in_markdown=r"行政执法\[详情\]")  # the scatter's subheader names the theme
    names = {t.get("name") for el in at.get("plotly_chart") for t in json.loads(el.proto.spec)["data"]}
    assert any(n and n.startswith("[点我](http://evil.example/md)&lt;a href=") for n in names)


def test_keywords_difference_caption(hostile):
    at = open_page("pages/keywords.py")
    at.selectbox(key="kw_group").set_value(TOWN).run()
    at.selectbox(key="kw_a").set_value(TOWN).run()
    at.selectbox(key="kw_b").set_value("周营镇").run()
    assert_plain(at, expect_in_markdown=f"横轴是{ESCAPED_TOWN}")
    diff = next(json.loads(e.proto.spec) for e in at.get("plotly_chart") if "kw_diff" in e.proto.id)
    assert "&lt;a href=" in diff["layout"]["xaxis"]["title"]["text"]


def test_kwic_search_term_from_a_shared_link(hostile):
    at = open_page("pages/kwic.py", query={"term": TERM})
    assert_plain(at, expect_in_markdown=r"“\[领奖\]\(http\:", expect_in_charts=False)  # parse_terms splits at /
    at.text_input(key="kwic_terms").set_value("执法").run()
    assert_plain(at)


def test_quality_shared_passages_and_weaknesses(hostile):
    at = open_page("pages/quality.py")
    assert_plain(at)  # towns and themes are shown in tables and plain text blocks, never as Markdown
    assert any(TOWN in str(df.value.to_numpy().tolist()) for df in at.dataframe)


def test_manage_for_an_editor(hostile):
    assert_plain(open_page("pages/manage.py", session={"auth_account": Account("ed", "editor")}),
                 expect_in_charts=False)


def test_upload_charts_name_corpus_reports_as_text(hostile, seed_texts):
    at = open_page("pages/upload.py")
    text = seed_texts["苏河镇"].replace("苏河镇", "新河镇") + "\n本年度新建法治文化长廊一处。\n"
    at.file_uploader(key="upload_file").upload("draft.txt", text.encode("utf-8"), "text/plain").run()
    assert_plain(at)
    assert ui_upload.ME  # the page drew its figures
