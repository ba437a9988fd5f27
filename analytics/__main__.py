"""Command line over the analytics core: ``python -m analytics COMMAND ...``.

Each command is a few lines over ``pipeline`` and ``store``. Exit 0 when every file succeeded,
1 when any failed; each failure is one Chinese line on stderr naming the file and the reason.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path

from analytics import pipeline, reading
from analytics.accounts import Account, AccountsError, check_new_account, load_accounts, save_account
from analytics.model import CorpusIndex
from analytics.readers import ReadError
from analytics.store import Store, StoreError


def _store_and_resources(*, ready: bool = True):
    store = Store()
    resources = pipeline.load_resources(store)
    if ready:
        pipeline.ensure_ready(store, resources=resources)
    return store, resources


def _progress(i: int, n: int, outcome: pipeline.IngestOutcome) -> None:
    width = 30
    done = int(width * i / n)
    sys.stderr.write(f"\r[{'#' * done}{'.' * (width - done)}] {i}/{n} {Path(outcome.source).name[:40]:<40}")
    if i == n:
        sys.stderr.write("\n")
    sys.stderr.flush()


def _files(args) -> list[Path] | None:
    files = pipeline.expand_paths(args.paths)
    if not files:
        print("没有找到可读取的报告文件（支持 .txt、.md、.docx、.pdf）：" + "、".join(map(str, args.paths)),
              file=sys.stderr)
        return None
    return files


def cmd_ingest(args) -> int:
    files = _files(args)
    if files is None:
        return 1
    store, resources = _store_and_resources()
    outcomes = pipeline.ingest_paths(store, files, resources=resources, actor=Account.local_admin(),
                                     progress=_progress if sys.stderr.isatty() else None)
    each = args.each if args.each is not None else len(outcomes) <= EACH_MAX
    for o in outcomes:
        if o.status == "failed":
            print(o.message, file=sys.stderr)
        elif "注意：" in o.message:  # stored, but probably not an annual report
            print(f"{Path(o.source).name}：{o.message}", file=sys.stderr)
        if each and o.status == "added":  # what was read, so that a wrong town or year is seen at once
            print(f"{Path(o.source).name}\t→ {_described(o.meta)}")
    counts = {s: sum(o.status == s for o in outcomes) for s in ("added", "exists", "failed")}
    print(f"新增 {counts['added']} 份，已存在 {counts['exists']} 份，失败 {counts['failed']} 份")
    return 1 if counts["failed"] or not outcomes else 0


EACH_MAX = 50  # up to this many files, ingest names what it read from each one (--each / --no-each to choose)


def _described(meta) -> str:
    """'巴音塔拉苏木 · 额尔敦旗 · 2023年' (未识别 for what was not found)."""
    year = meta.get("year")
    return " · ".join([meta.get("town") or "乡镇未识别", meta.get("county") or "区县未识别",
                       f"{year}年" if year else "年份未识别"])


def _cell(v) -> str:
    return "" if v is None or v != v else str(int(v) if isinstance(v, float) else v)


def cmd_list(args) -> int:
    store, _ = _store_and_resources()
    for r in store.reports().itertuples():
        print("\t".join([r.id, _cell(r.town) or "未知", _cell(r.county) or "未知", _cell(r.year) or "未知",
                         _cell(r.level) or "未知", f"{r.chars}字", _cell(r.title)]))
    return 0


def cmd_show(args) -> int:
    store, _ = _store_and_resources()
    rows = store.reports()
    row = rows[rows["id"] == args.id]
    if row.empty:
        print(f"没有编号为 {args.id} 的报告", file=sys.stderr)
        return 1
    record = {k: (None if v != v else v) for k, v in row.iloc[0].to_dict().items()}
    record["keywords"] = store.keywords().query("report_id == @args.id")["term"].tolist()
    print(json.dumps(record, ensure_ascii=False, indent=2, default=str))
    if args.text:
        print(store.text(args.id))
    return 0


def cmd_remove(args) -> int:
    store, resources = _store_and_resources()
    if not pipeline.remove_report(store, args.id, actor=Account.local_admin(), resources=resources):
        print(f"没有编号为 {args.id} 的报告", file=sys.stderr)
        return 1
    print(f"已删除 {args.id}")
    return 0


def cmd_refit(args) -> int:
    store, resources = _store_and_resources()
    basis = pipeline.refit(store, resources=resources)
    print(f"已按 {basis.n} 份报告重新计算语料基准（关键词、相似报告、分布图、套话）")
    return 0


def _analyse_files(args, *, with_position: bool) -> int:
    files = _files(args)
    if files is None:
        return 1
    store, resources = _store_and_resources()
    index = CorpusIndex.load(store)
    table = pipeline.CorpusTable.load(store, theme_ids=resources.dictionary.ids())
    labels = {t: resources.dictionary.label(t) for t in resources.dictionary.ids()}
    results, failed = [], 0
    for path, a in pipeline.analyse_paths(files, resources=resources):
        if isinstance(a, ReadError):
            print(str(a), file=sys.stderr)
            failed += 1
            continue
        pos = pipeline.position(a, store=store, index=index, table=table, resources=resources)
        sentences = [s.text for s in reading.automatic_reading(a, pos, labels=labels)] if with_position else []
        results.append(pipeline.analysis_json(a, dictionary=resources.dictionary, source=str(path),
                                              pos=pos if with_position else None, keywords=pos.keywords,
                                              reading=sentences))
    print(json.dumps(results, ensure_ascii=False, indent=2 if args.pretty else None, default=_json_default))
    return 1 if failed or not results else 0


def _json_default(v):
    if hasattr(v, "item"):
        return v.item()
    raise TypeError(type(v).__name__)


def cmd_user(args) -> int:
    try:
        check_new_account(args.name, role=args.role)
        load_accounts()  # a faulty accounts file is refused before asking for the password
        password = sys.stdin.readline().rstrip("\n") if args.password_stdin else getpass.getpass("密码：")
        save_account(args.name, password, role=args.role)
    except AccountsError as exc:
        print(exc.message, file=sys.stderr)
        return 1
    except ValueError as exc:
        print(f"无法创建账户：{exc}", file=sys.stderr)
        return 1
    print(f"已保存账户 {args.name}（{args.role}）")
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m analytics", description="乡镇法治政府建设年度报告分析（命令行）")
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("ingest", help="把文件或文件夹中的报告加入语料库")
    s.add_argument("paths", nargs="+")
    s.add_argument("--each", action=argparse.BooleanOptionalAction, default=None,
                   help=f"逐份列出识别出的乡镇、区县和年份（默认：不超过 {EACH_MAX} 个文件时列出）")
    s.set_defaults(func=cmd_ingest)
    sub.add_parser("list", help="列出语料库中的报告").set_defaults(func=cmd_list)
    s = sub.add_parser("show", help="显示一份报告的元数据与关键词")
    s.add_argument("id")
    s.add_argument("--text", action="store_true", help="同时输出全文")
    s.set_defaults(func=cmd_show)
    s = sub.add_parser("remove", help="从语料库删除一份报告")
    s.add_argument("id")
    s.set_defaults(func=cmd_remove)
    sub.add_parser("refit", help="按当前语料重新计算语料基准（通常自动进行）").set_defaults(func=cmd_refit)
    for name, pos, help_ in (("analyse", False, "分析文件（不入库），输出 JSON"),
                             ("position", True, "分析文件并与语料库比较（不入库），输出 JSON")):
        s = sub.add_parser(name, help=help_)
        s.add_argument("paths", nargs="+")
        s.add_argument("--json", action="store_true", help="输出 JSON（默认即为 JSON）")
        s.add_argument("--pretty", action="store_true", help="缩进输出")
        s.set_defaults(func=lambda a, _p=pos: _analyse_files(a, with_position=_p))
    s = sub.add_parser("user", help="账户管理")
    usub = s.add_subparsers(dest="user_command", required=True)
    u = usub.add_parser("add", help="创建或重设账户（密码用 bcrypt 哈希保存）")
    u.add_argument("name")
    u.add_argument("--role", default="editor", choices=("editor", "viewer"))
    u.add_argument("--password-stdin", action="store_true", help="从标准输入读取密码")
    u.set_defaults(func=cmd_user)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("已中断", file=sys.stderr)
        return 130
    except StoreError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except Exception as exc:  # never a traceback for the user; the reason in one line
        print(f"出错：{type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
