"""ui.images: chart PNGs with a title band and a date/source footer, rendered by kaleido + Debian chromium.

One browser serves the whole module (the renderer is shared); it is closed at the end."""

from __future__ import annotations

import datetime as dt
import io
import os

import numpy as np
import plotly.graph_objects as go
import pytest
from PIL import Image, ImageDraw

from tests.ui.conftest import needs_chromium
from ui import images

DAY = dt.date(2026, 11, 27)
SOURCE = "数据来源：本系统语料库 · 5 份报告（5 个乡镇，2021–2023 年）"



pytestmark = pytest.mark.usefixtures("one_browser")


@pytest.fixture()
def seed_heatmap(app_db):
    """The 总览 heatmap of the five seed reports (real figure, Chinese labels)."""
    from ui import charts, data, views

    corpus = data.load_corpus()
    return charts.theme_heatmap(views.theme_long(corpus, by="id", metric="per_10k"), metric="per_10k")


def _town_bars() -> go.Figure:
    fig = go.Figure(go.Bar(x=["石门镇", "长岭乡", "龙岗街道", "瑶山瑶族乡"], y=[12.5, 8.1, 15.0, 3.2]))
    fig.update_layout(height=360, title="原图自带的标题")
    fig.update_yaxes(title_text="每万字提及次数（次/万字）")
    return fig


def _png(data: bytes) -> Image.Image:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return Image.open(io.BytesIO(data)).convert("RGB")


def _band_height(im: Image.Image) -> int:
    """Rows from the top whose right edge has the band colour."""
    h = 0
    while h < im.height and im.getpixel((im.width - 3, h)) == images._BAND_BG:
        h += 1
    return h


def _dark(im: Image.Image, box, *, limit: int = 110) -> int:
    return int((np.asarray(im.crop(box)).max(axis=2) < limit).sum())


@needs_chromium
def test_chart_png_has_title_band_above_the_unchanged_chart_and_a_footer(seed_heatmap):
    before = seed_heatmap.to_json()
    framed = _png(images.chart_png(seed_heatmap, title="各报告主题提及率（次/万字）", source=SOURCE, date=DAY))
    plain = _png(images.figures_png([seed_heatmap])[0])
    assert seed_heatmap.to_json() == before  # the caller's figure is not touched
    assert framed.width == plain.width == 2000  # 1000 CSS px at scale 2
    assert framed.height > plain.height
    band = _band_height(framed)
    assert band >= 100  # a non-white band on top (62 CSS px at scale 2)
    assert framed.getpixel((2, band // 2)) == images._ACCENT  # dark accent bar at the left
    assert _dark(framed, (40, 0, framed.width, band)) > 500  # the title's strokes
    # the chart is pasted unchanged between band and footer
    body = framed.crop((0, band, plain.width, band + plain.height))
    differs = (np.asarray(body) != np.asarray(plain)).any(axis=2)
    assert differs.mean() < 0.01
    footer = framed.crop((0, band + plain.height, framed.width, framed.height))
    assert footer.height > 30 and _dark(footer, (0, 0, footer.width, footer.height), limit=140) > 200


@needs_chromium
def test_title_text_is_drawn_in_the_band_and_chinese_glyphs_exist():
    fig = _town_bars()
    with_title = _png(images.chart_png(fig, title="普法与执法侧重", source=SOURCE, date=DAY, width=700, scale=1))
    no_title = _png(images.frame(images.figures_png([fig], width=700, scale=1)[0], title="", source=SOURCE,
                                 date=DAY))
    band = _band_height(with_title)
    assert _dark(with_title, (20, 0, with_title.width, band)) > 100
    assert _dark(no_title, (20, 0, no_title.width, _band_height(no_title))) == 0
    # the band's font covers the characters: a missing glyph would be the same box for every character
    font = images._font(22)

    def glyph(ch: str) -> bytes:
        im = Image.new("L", (30, 30), 0)
        ImageDraw.Draw(im).text((2, 2), ch, font=font, fill=255)
        return im.tobytes()

    chars = set("普法与执法侧重数据来源导出于")
    assert len({glyph(ch) for ch in chars}) == len(chars)


@needs_chromium
def test_own_plotly_title_is_dropped_and_long_titles_wrap():
    fig = _town_bars()
    short = _png(images.chart_png(fig, title="各镇提及率", source=SOURCE, date=DAY, width=700, scale=1))
    long_title = "各乡镇（街道）二〇二一至二〇二三年度法治政府建设情况报告中普法宣传与行政执法两类主题每万字提及次数的对比"
    wrapped = _png(images.chart_png(fig, title=long_title, source=SOURCE, date=DAY, width=700, scale=1))
    assert _band_height(wrapped) > _band_height(short)  # two lines
    assert wrapped.width == short.width == 700
    assert fig.layout.title.text == "原图自带的标题"


@needs_chromium
def test_several_charts_share_one_browser(seed_heatmap):
    figs = [(seed_heatmap, "热力图"), (_town_bars(), "柱状图"), images.Chart(_town_bars(), "矮一些", height=300)]
    images.charts_png(figs[:1], source=SOURCE, date=DAY)  # warm
    starts = images._RENDERER.starts
    out = images.charts_png(figs, source=SOURCE, date=DAY)
    assert images._RENDERER.starts == starts  # no new browser for three more images
    ims = [_png(b) for b in out]
    assert len(ims) == 3 and ims[2].height < ims[1].height  # height=300 was honoured


def test_file_name_and_footer_text():
    assert images.png_file_name("普法与执法侧重", date=DAY) == "普法与执法侧重_2026-11-27.png"
    assert images.png_file_name("主题/年份: 对比 图", date=DAY) == "主题_年份_对比_图_2026-11-27.png"
    assert images.footer_text(SOURCE, DAY) == f"{SOURCE} · 导出于 2026-11-27"
    assert images.footer_text("", DAY) == "导出于 2026-11-27"
    assert images.footer_text(SOURCE).endswith(dt.date.today().isoformat())


def test_chart_config_removes_the_english_image_button_and_speaks_chinese():
    from ui import nav

    assert "toImage" in nav.CHART_CONFIG["modeBarButtonsToRemove"]
    assert nav.CHART_CONFIG["displaylogo"] is False
    words = nav.CHART_CONFIG["locales"][nav.CHART_CONFIG["locale"]]["dictionary"]
    assert words["Zoom"] == "缩放" and words["Reset axes"] == "还原坐标轴"


def test_missing_chromium_gives_the_chinese_hint(tmp_path, monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-chromium"))
    assert images.chromium_path() is None
    assert images.unavailable() == images.CHROMIUM_HINT
    with pytest.raises(images.ChromiumMissing) as err:
        images.chart_png(_town_bars(), title="普法与执法侧重", source=SOURCE, date=DAY)
    assert str(err.value).startswith("导出图片需要 Chromium：请运行 make run 或 make test 安装")
    assert isinstance(err.value, images.ExportError)
    # the download then carries the title band and the reason instead of a chart
    notice = _png(images.png_or_notice(_town_bars(), title="普法与执法侧重", source=SOURCE, date=DAY))
    assert _band_height(notice) >= 100 and notice.height < 500


def test_png_button_defers_rendering_and_is_disabled_without_chromium(tmp_path, monkeypatch):
    import streamlit as st

    calls = []
    monkeypatch.setattr(st, "download_button", lambda label, **kw: calls.append((label, kw)))
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-chromium"))
    images.png_button(_town_bars(), title="普法与执法侧重", source=SOURCE, key="k1", date=DAY)
    label, kw = calls[-1]
    assert label == "下载图片（PNG）" and kw["file_name"] == "普法与执法侧重_2026-11-27.png"
    assert kw["disabled"] is True and kw["help"] == images.CHROMIUM_HINT
    assert callable(kw["data"]) and kw["on_click"] == "ignore" and kw["mime"] == "image/png"


@needs_chromium
def test_png_button_bytes_are_the_framed_chart(monkeypatch):
    import streamlit as st

    calls = []
    monkeypatch.setattr(st, "download_button", lambda label, **kw: calls.append((label, kw)))
    images.png_button(_town_bars(), title="普法与执法侧重", source=SOURCE, key="k2", date=DAY,
                      file_name="自定义.png")
    kw = calls[-1][1]
    assert kw["disabled"] is False and kw["file_name"] == "自定义.png"
    im = _png(kw["data"]())
    assert _band_height(im) >= 100 and im.width == 2000


@needs_chromium
def test_a_browser_that_does_not_start_gives_a_chinese_error(tmp_path, monkeypatch):
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("BROWSER_PATH", str(fake))
    with pytest.raises(images.ExportError) as err:
        images.chart_png(_town_bars(), title="图", source=SOURCE, date=DAY)
    assert str(err.value).startswith(f"无法启动 Chromium（{fake}）")
    assert os.environ["BROWSER_PATH"] == str(fake)
