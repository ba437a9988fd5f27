"""What goes to a leadership meeting: the Word briefing of 总览, 乡镇档案 and 上传评估, a PNG (with a title
band, date and source line) of each main chart, and pages that print cleanly on A4. Files are built only when
a button is clicked (ui.images, ui.briefing); ui.printing styles the page for print."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd

from ui import briefing, data, images, printing, views
from ui.briefing import Briefing, Section


def page_setup() -> None:
    """Once per page run: print styling (no sidebar, charts within an A4 page)."""
    printing.print_css()


def source() -> str:
    return briefing.data_line(data.load_corpus().reports)


def png(fig, *, title: str, key: str) -> None:
    """A "下载图片（PNG）" button for one chart: the chart under a Chinese title band, with date and source."""
    images.png_button(fig, title=title, source=source(), key=key)


def _today() -> str:
    return f"导出于 {dt.date.today():%Y年%m月%d日}"


def _cautions(items: Sequence[str]) -> list[Section]:
    """The page's cautions, first in the briefing: a paper read in a meeting carries them too."""
    return [Section("提醒", paragraphs=list(items))] if items else []


def briefing_overview(corpus, leans: pd.DataFrame, ranking: pd.DataFrame, lean_fig, heat_fig,
                      cautions: Sequence[str] = ()) -> None:
    def make() -> Briefing:
        bullets = views.lean_tally(leans)
        moved = leans[leans["change_label"].isin(["更偏普法", "更偏执法"])]
        recurring = views.recurring_problems(corpus.shortcomings, corpus.reports, corpus.theme_labels)
        bullets += [f"{t}（{views.year_text(y, unknown='年份未知')}）与上一份报告相比{c}" for t, y, c in
                    zip(moved["town"], moved["year"], moved["change_label"])]
        return Briefing(
            title="乡镇法治政府建设报告：普法与执法侧重情况", subtitle=_today(), data_line=source(),
            sections=[*_cautions(cautions), Section("一、各乡镇最近一年报告的侧重", bullets=bullets,
                              charts=[(lean_fig, "各乡镇普法与执法的侧重")], tables=[(ranking, "排名（1 = 最偏普法）")]),
                      Section("二、各主题提及情况", charts=[(heat_fig, "各主题提及段落占比")]),
                      Section("三、各乡镇共同的薄弱环节", bullets=recurring, paragraphs=[] if recurring else [
                          f"各乡镇最近一年的报告中，没有哪类问题被 {views.RECURRING_TOWNS} 个以上乡镇同时写到。"]),
                      Section("四、说明", paragraphs=[
                          "侧重指数 = ln((普法宣传提及次数 + ½) ÷ (行政执法提及次数 + ½))，大于 0 偏普法。一方的提及次数达到另一方两倍及以上"
                          "（两者合计至少 10 次）判为偏普法或偏执法；95% 区间跨过 0 的标“把握不大”。只数当年工作的提及，“存在的不足”和下一年安排里的不算；同一报告中逐字重复的句子和口号只计一次。",
                          "“变化”与同一乡镇上一份报告比较，两份报告的区间不重叠才算明显变化。",
                          "提及段落占比：提到某主题的段落占全部段落的比例，同一段落里重复只算一次。",
                          "共同的薄弱环节：各乡镇最近一年报告“存在的不足”中的问题句，按问题类型归类（各镇说法不同的同一个问题算一类，"
                          "如“执法人员不足”“执法力量薄弱”都是人员力量不足），列出写到的乡镇最多的几类。"])])

    briefing.briefing_button(make, key="ov_briefing", file_name=briefing.docx_file_name("总览简报"))


BRIEF_ROWS = 12  # rows of long text a briefing table keeps (a meeting paper, not the archive)


def latest_years(table: pd.DataFrame, *, years: int = 2) -> pd.DataFrame:
    """The rows of the latest ``years`` years (column 年份) of a town's table."""
    if table.empty or "年份" not in table:
        return table
    keep = sorted(table["年份"].dropna().unique())[-years:]
    return table[table["年份"].isin(keep)]


def briefing_town(town: str, reports: pd.DataFrame, change: pd.DataFrame, versus: pd.DataFrame,
                  shortcomings: pd.DataFrame, lean_fig, year_fig) -> None:
    def make() -> Briefing:
        recurring = shortcomings[shortcomings["反复出现"] == "是"]["问题类型"].drop_duplicates().tolist()
        years = "、".join(str(int(y)) for y in reports["year"].dropna())
        return Briefing(
            title=f"{town}法治政府建设报告档案", subtitle=_today(),
            data_line=f"{town}：{len(reports)} 份报告（{years or '年份未知'}）；{source()}",
            sections=[
                Section("一、普法与执法的侧重及各主题情况",
                        charts=[(lean_fig, f"{town}普法与执法的侧重"), (year_fig, f"{town}各主题提及情况")]),
                Section("二、与上一年相比", tables=[(change, "逐年变化")] if len(change) else [],
                        paragraphs=[] if len(change) else ["只有一个年份的报告，无法比较年度变化。"]),
                Section("三、与同年其他报告比较", tables=[(latest_years(versus), "同年比较（最近两年）")]),
                Section("四、自述的不足与原因", bullets=[f"反复出现的问题：{'、'.join(recurring)}"] if recurring else [],
                        tables=[(latest_years(shortcomings).head(BRIEF_ROWS), "不足与原因（最近两年）")],
                        paragraphs=["各年完整的比较和不足，见看板“乡镇档案”页或其下载的表格。"]),
            ])

    briefing.briefing_button(make, key="town_briefing", file_name=briefing.docx_file_name(f"{town}档案简报"))


def briefing_upload(title: str, reading: list, theme_table: pd.DataFrame, parts: pd.DataFrame,
                    previous: pd.DataFrame | None, charts: list, cautions: Sequence[str] = ()) -> None:
    def make() -> Briefing:
        sections = [*_cautions(cautions), Section("一、自动解读", bullets=[(s.text, f"依据：{s.basis}") for s in reading]),
                    Section("二、普法与执法的侧重", charts=charts),
                    Section("三、各主题提及情况", tables=[(theme_table, "各主题")]),
                    Section("四、必备部分", tables=[(parts, "必备部分")])]
        if previous is not None and len(previous):
            sections.append(Section("五、与本镇上一份报告相比", tables=[(previous, "与上一份相比")]))
        return Briefing(title=f"{title}：评估简报", subtitle=_today(), data_line=source(), sections=sections)

    briefing.briefing_button(make, key="upload_briefing", file_name=briefing.docx_file_name("上传评估简报"))
