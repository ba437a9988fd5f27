"""What goes to a leadership meeting: the Word briefing of 总览, 乡镇档案 and 上传评估, and a PNG (with a
title band, date and source line) of each main chart. Files are built only when a button is clicked."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from ui import data, views
from ui.widgets import plain_md


def _source(n_reports: int | None = None) -> str:
    reports = data.load_corpus().reports
    line = views.data_line(reports)
    return f"数据来源：本系统语料库（{line}）" if n_reports is None else f"数据来源：本系统语料库（{n_reports} 份报告）"


def png(fig, *, title: str, key: str) -> None:
    """A "下载图片（PNG）" button for one chart: the chart under a Chinese title band, with date and source."""
    def make() -> bytes:
        from ui.images import chart_png

        return chart_png(fig, title=title, source=_source(), date=dt.date.today())

    st.download_button("图片（PNG）", icon=":material/image:", data=make, file_name=f"{title}_{dt.date.today():%Y-%m-%d}.png",
                       mime="image/png", key=key, on_click="ignore",
                       help=plain_md(f"下载“{title}”图，带标题、日期和数据来源"))


def _button(make, *, name: str, key: str) -> None:
    def build() -> bytes:
        from ui.briefing import briefing_docx

        return briefing_docx(make())

    st.download_button("导出简报（Word）", icon=":material/description:", data=build, file_name=f"{name}_{dt.date.today():%Y-%m-%d}.docx",
                       mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document", key=key,
                       on_click="ignore", type="primary",
                       help="生成 A4 竖版 Word 简报：标题、日期、数据说明、主要图表、解读和表格")


def _images(items) -> list[tuple[bytes, str]]:
    from ui.images import charts_png

    items = [(fig, title) for fig, title in items if fig is not None]
    pngs = charts_png([(fig, {"title": title, "source": _source(), "date": dt.date.today()}) for fig, title in items])
    return [(b, title) for b, (_, title) in zip(pngs, items)]


def briefing_overview(corpus, leans: pd.DataFrame, ranking: pd.DataFrame, lean_fig) -> None:
    reports = corpus.reports

    def make():
        from ui.briefing import Briefing, Section

        lean_counts = leans["label"].value_counts()
        bullets = [f"{label}：{int(lean_counts.get(label, 0))} 个乡镇" for label in ("偏普法", "两者相当", "偏执法")]
        moved = leans[leans["change_label"].isin(["更偏普法", "更偏执法"])]
        bullets += [f"{t}（{int(y) if y else '年份未知'}）与上一份报告相比{c}" for t, y, c in
                    zip(moved["town"], moved["year"], moved["change_label"])]
        return Briefing(
            title="乡镇法治政府建设报告：普法与执法侧重情况", subtitle=f"导出于 {dt.date.today():%Y年%m月%d日}",
            data_line=views.data_line(reports),
            sections=[Section("一、各乡镇最近一年报告的侧重", bullets=bullets,
                              images=_images([(lean_fig, "各乡镇普法与执法的侧重")]),
                              tables=[(ranking, "排名（1 = 最偏普法）")]),
                      Section("二、说明", paragraphs=[
                          "侧重指数 = ln((普法宣传提及次数 + ½) ÷ (行政执法提及次数 + ½))，大于 0 偏普法；95% 区间整段在 0 "
                          "一侧才判为偏普法或偏执法。同一报告中逐字重复的句子和口号只计一次。",
                          "“变化”与同一乡镇上一份报告比较，两份报告的区间不重叠才算明显变化。"])])

    _button(make, name="总览简报", key="ov_briefing")


def briefing_town(town: str, reports: pd.DataFrame, change: pd.DataFrame, versus: pd.DataFrame,
                  shortcomings: pd.DataFrame, lean_fig, year_fig) -> None:
    def make():
        from ui.briefing import Briefing, Section

        recurring = shortcomings[shortcomings["反复出现"] == "是"]["主题"].drop_duplicates().tolist()
        return Briefing(
            title=f"{town}法治政府建设报告档案", subtitle=f"导出于 {dt.date.today():%Y年%m月%d日}",
            data_line=f"{town}：{len(reports)} 份报告（{'、'.join(str(int(y)) for y in reports['year'].dropna())} 年）",
            sections=[
                Section("一、普法与执法的侧重及各主题变化",
                        images=_images([(lean_fig, f"{town}普法与执法的侧重"), (year_fig, f"{town}各主题逐年变化")])),
                Section("二、与上一年相比", tables=[(change, "逐年变化")] if len(change) else [],
                        paragraphs=[] if len(change) else ["只有一个年份的报告，无法比较年度变化。"]),
                Section("三、与同年其他报告比较", tables=[(versus, "同年比较")]),
                Section("四、自述的不足", bullets=[f"反复出现的问题：{'、'.join(recurring)}"] if recurring else [],
                        tables=[(shortcomings, "不足与原因")]),
            ])

    _button(make, name=f"{town}档案简报", key="town_briefing")


def briefing_upload(title: str, reading_rows: list[str], theme_table: pd.DataFrame, parts: pd.DataFrame,
                    previous: pd.DataFrame | None, figs: list) -> None:
    def make():
        from ui.briefing import Briefing, Section

        sections = [Section("一、自动解读", bullets=reading_rows),
                    Section("二、图表", images=_images(figs)),
                    Section("三、各主题提及情况", tables=[(theme_table, "各主题")]),
                    Section("四、必备部分", tables=[(parts, "必备部分")])]
        if previous is not None and len(previous):
            sections.append(Section("五、与本镇上一份报告相比", tables=[(previous, "与上一份相比")]))
        return Briefing(title=f"{title}：评估简报", subtitle=f"导出于 {dt.date.today():%Y年%m月%d日}",
                        data_line=_source(), sections=sections)

    _button(make, name="上传评估简报", key="upload_briefing")
