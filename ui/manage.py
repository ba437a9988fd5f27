"""Writes behind the 语料管理 page. Every write goes through pipeline (which checks the role) and
ends with ui.data.clear_caches(); errors come back as Chinese messages."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd

from analytics import pipeline, themes
from analytics.accounts import Account, PermissionDenied
from analytics.readers import ReadError, read_bytes
from analytics.store import META_FIELDS, MetadataError
from ui import data

EDIT_COLUMNS = ["id", "title", "town", "county", "province", "level", "year"]
COLUMN_LABELS = {"id": "编号", "title": "标题", "town": "乡镇", "county": "县区", "province": "省份",
                 "level": "层级", "year": "年份", "chars": "字数", "filename": "文件名"}


def ingest_files(files: Sequence[tuple[str, bytes]], *, actor: Account,
                 progress: Callable[[int, int, str], None] | None = None) -> list[tuple[str, str, str]]:
    """Add uploaded files (name, bytes); returns (name, status, Chinese message) per file."""
    store = data.get_store()
    ingestor = pipeline.Ingestor(store, resources=data.get_resources(), actor=actor,  # raises PermissionDenied
                                 index=data.corpus_index())
    results = []
    for i, (name, payload) in enumerate(files, 1):
        try:
            outcome = ingestor.add_document(read_bytes(payload, filename=name), source=name)
            m = outcome.meta
            where = "、".join(str(v) for v in (m.get("town"), m.get("year")) if v)
            results.append((name, outcome.status, outcome.message + (f"（{where}）" if where else "")))
        except ReadError as exc:
            results.append((name, "failed", f"无法读取：{exc.reason}"))
        if progress:
            progress(i, len(files), name)
    data.after_write()
    return results


def metadata_changes(before: pd.DataFrame, after: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """id -> {field: new value} for the cells changed in the editor."""
    a = before.set_index("id")
    b = after.set_index("id")
    changes: dict[str, dict[str, Any]] = {}
    for rid in b.index.intersection(a.index):
        for f in (c for c in META_FIELDS if c in b.columns):
            old, new = a.at[rid, f], b.at[rid, f]
            if (pd.isna(old) and pd.isna(new)) or old == new:
                continue
            changes.setdefault(rid, {})[f] = None if pd.isna(new) else (int(new) if f == "year" else str(new).strip())
    return changes


def save_metadata(changes: dict[str, dict[str, Any]], *, actor: Account) -> list[str]:
    """Apply the corrections; returns Chinese error lines (empty when all were saved)."""
    errors = []
    for rid, fields in changes.items():
        try:
            pipeline.update_metadata(data.get_store(), rid, actor=actor, resources=data.get_resources(), **fields)
        except PermissionDenied as exc:
            return [str(exc)]
        except MetadataError as exc:
            errors.append(f"{rid}：{exc}")
    data.after_write()
    return errors


def remove(ids: Sequence[str], *, actor: Account) -> int:
    store = data.get_store()
    n = sum(pipeline.remove_report(store, rid, actor=actor, resources=data.get_resources(), index=data.corpus_index())
            for rid in ids)
    data.after_write()
    return n


def dictionary_text() -> str:
    stored = data.get_store().get_meta(pipeline.DICTIONARY_META_KEY)
    return stored or themes.DEFAULT_DICTIONARY.read_text(encoding="utf-8-sig")


def check_dictionary(yaml_text: str) -> list[str]:
    """Every problem found in an edited dictionary (empty = valid)."""
    try:
        themes.parse_dictionary(yaml_text)
    except themes.DictionaryError as exc:
        return exc.errors
    return []


PRECISION_MIN = 90.0


def precision_check(yaml_text: str) -> pd.DataFrame | None:
    """How precise each theme of an edited dictionary is on the hand-checked sample kept with the product
    (None when the text is not a valid dictionary): 主题, 样本中命中, 已核对, 正确, 精确度（%）, 未核对."""
    try:
        dictionary = themes.parse_dictionary(yaml_text)
    except themes.DictionaryError:
        return None
    r = themes.precision_report(dictionary)
    return pd.DataFrame({"主题": r["label"], "样本中命中": r["hits"], "已核对": r["judged"], "正确": r["correct"],
                         "精确度（%）": (r["precision"] * 100).round(1), "未核对": r["unjudged"]})


def precision_warnings(check: pd.DataFrame) -> list[str]:
    low = check[check["精确度（%）"] < PRECISION_MIN]["主题"].tolist()
    unjudged = int(check["未核对"].sum())
    out = []
    if low:
        out.append(f"以下主题在核对样本上的精确度低于 {PRECISION_MIN:.0f}%：{'、'.join(low)}（误计的词条会让数字失真）")
    if unjudged:
        out.append(f"有 {unjudged} 处新命中还没有人核对过（新增或改动的词条）；保存前最好请人核对样本")
    return out


def themes_table(yaml_text: str) -> pd.DataFrame:
    """The stored dictionary as a table a reader can scan: 主题, 词条数, 有条件的词条, 示例."""
    d = themes.parse_dictionary(yaml_text)
    rows = []
    for t in d.themes:
        words = list(t.term_texts)
        conditional = sum(1 for e in t.terms if not isinstance(e, str))
        rows.append({"主题": t.label, "词条数": len(words), "其中有条件的": conditional, "示例": "、".join(words[:8])})
    return pd.DataFrame(rows)


def refit_now(*, actor: Account) -> str:
    """Recompute the corpus basis now (keywords, similar reports, map, stock phrases)."""
    from analytics.accounts import require_editor

    require_editor(actor)
    basis = pipeline.refit(data.get_store(), resources=data.get_resources())
    data.clear_caches()
    return f"已按 {basis.n} 份报告重新计算关键词、相似报告和套话。"


def save_dictionary(yaml_text: str, *, actor: Account) -> list[str]:
    try:
        pipeline.set_dictionary(data.get_store(), yaml_text, actor=actor)
    except PermissionDenied as exc:
        return [str(exc)]
    except themes.DictionaryError as exc:
        return exc.errors
    data.after_write()
    return []
