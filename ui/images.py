"""PNG images of plotly figures, each with a title band and a date/source footer, for the chart
downloads and the Word briefing.

Figures are rendered by kaleido 1.x, which drives a headless Chromium (Debian's /usr/bin/chromium,
or ``$BROWSER_PATH``). Starting Chromium and loading plotly.js takes seconds while one more image
in the same browser takes a fraction of a second, so one browser is kept in a background thread
(`_Renderer`), shared by every session of the server process and closed after a few idle minutes
and at exit. The title band and the footer are drawn with Pillow in WenQuanYi Micro Hei, so the
chart itself is exactly the figure the page shows (on a white print template).

The builders (`chart_png`, `charts_png`) take data and return bytes; only `png_button` touches Streamlit.
"""

from __future__ import annotations

import asyncio
import atexit
import datetime as dt
import glob
import io
import logging
import os
import re
import shutil
import subprocess
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import plotly.graph_objects as go
from PIL import Image, ImageDraw, ImageFont

_LOG = logging.getLogger(__name__)

CHROMIUM_HINT = "导出图片需要 Chromium：请运行 make run 或 make test 安装"
FONT_HINT = "导出图片需要中文字体（文泉驿微米黑）：请运行 make run 或 make test 安装 fonts-wqy-microhei"

# Geometry of the band and footer in CSS pixels (multiplied by ``scale``).
_PAD_X = 24
_TITLE_PX = 22
_TITLE_LINE = 30
_TITLE_PAD_Y = 16
_ACCENT_W = 6
_FOOT_PX = 13
_FOOT_LINE = 19
_FOOT_PAD_Y = 10
_BAND_BG = (234, 240, 247)
_ACCENT = (31, 58, 95)
_TITLE_FG = (24, 38, 56)
_FOOT_FG = (85, 85, 85)
_RULE = (208, 215, 224)

_FONT_FILES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
)
_BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
_IDLE_SECONDS = 300.0
_RENDER_TIMEOUT = 60.0
_START_TIMEOUT = 60.0


class ExportError(RuntimeError):
    """An image could not be made; the message is Chinese and meant for the page."""


class ChromiumMissing(ExportError):
    def __init__(self, detail: str = "") -> None:
        super().__init__(CHROMIUM_HINT + (f"（{detail}）" if detail else ""))


class FontMissing(ExportError):
    def __init__(self) -> None:
        super().__init__(FONT_HINT)


@dataclass(frozen=True)
class Chart:
    """One figure to export: its Chinese title and, optionally, a height in CSS pixels
    (default: the figure's own height, else 450)."""

    fig: go.Figure
    title: str
    height: int | None = None


# --- where Chromium and the font are ---------------------------------------------------------


def chromium_path() -> str | None:
    """``$BROWSER_PATH`` if set (and then only that), else Debian's /usr/bin/chromium, else a
    Chromium/Chrome on PATH; None when there is no executable."""
    env = os.environ.get("BROWSER_PATH")
    candidates = [env] if env else ["/usr/bin/chromium", *filter(None, map(shutil.which, _BROWSERS))]
    for path in candidates:
        if path and os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    return None


def unavailable() -> str | None:
    """Why images cannot be made here (Chinese, for the page), or None when they can.
    Cheap (file checks only): call it on every rerun to disable the buttons."""
    if chromium_path() is None:
        return CHROMIUM_HINT
    if _font_file() is None:
        return FONT_HINT
    return None


@lru_cache(maxsize=1)
def _font_file() -> str | None:
    for path in _FONT_FILES:
        if os.path.isfile(path):
            return path
    for pattern in ("/usr/share/fonts/**/*[Ww][Qq][Yy]*.tt[cf]", "/usr/share/fonts/**/*CJK*.tt[cf]",
                    "/usr/share/fonts/**/*CJK*.otf"):
        found = sorted(glob.glob(pattern, recursive=True))
        if found:
            return found[0]
    try:  # any font fontconfig knows to cover Chinese
        out = subprocess.run(["fc-list", ":lang=zh-cn", "file"], capture_output=True, text=True, timeout=5).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    files = sorted(f for f in (line.strip().rstrip(":") for line in out.splitlines()) if os.path.isfile(f))
    return files[0] if files else None


@lru_cache(maxsize=16)
def _font(size: int) -> ImageFont.FreeTypeFont:
    path = _font_file()
    if path is None:
        raise FontMissing()
    return ImageFont.truetype(path, size=size, index=0)


# --- the shared browser ------------------------------------------------------------------------


class _Renderer:
    """One kaleido browser in a background event loop, used under a lock (one render at a time),
    started on first use, restarted once if it fails, closed when idle and at exit."""

    def __init__(self, *, idle_seconds: float = _IDLE_SECONDS) -> None:
        self._lock = threading.RLock()
        self._idle_seconds = idle_seconds
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._kaleido = None
        self._path: str | None = None
        self._timer: threading.Timer | None = None
        self.starts = 0  # how many browsers were started (for tests and measurements)
        atexit.register(self.close)

    @property
    def running(self) -> bool:
        return self._kaleido is not None

    def render(self, figs: Sequence[go.Figure], *, widths: Sequence[int], heights: Sequence[int],
               scale: float) -> list[bytes]:
        path = chromium_path()
        if path is None:
            raise ChromiumMissing(_missing_detail())
        with self._lock:
            self._cancel_idle()
            if self.running and self._path != path:
                self._close_locked()
            try:
                for attempt in (1, 2):
                    try:
                        self._start_locked(path)
                        return [self._call(self._kaleido.calc_fig(
                            fig, opts=dict(format="png", width=w, height=h, scale=scale)), _RENDER_TIMEOUT + 5)
                            for fig, w, h in zip(figs, widths, heights)]
                    except ExportError:
                        raise
                    except Exception as exc:  # a crashed or hung browser: start a fresh one once
                        self._close_locked()
                        if attempt == 2:
                            raise ExportError(f"图表图片生成失败（{type(exc).__name__}）") from exc
                raise AssertionError("unreachable")
            finally:
                self._schedule_idle()

    def close(self) -> None:
        with self._lock:
            self._cancel_idle()
            self._close_locked()

    # internals (hold the lock)

    def _call(self, coro, timeout: float):
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result(timeout)

    def _start_locked(self, path: str) -> None:
        if self.running:
            return
        import kaleido  # here, not at the top: only when an image is wanted
        from choreographer.errors import ChromeNotFoundError

        loop = asyncio.new_event_loop()
        thread = threading.Thread(target=loop.run_forever, name="kaleido-renderer", daemon=True)
        thread.start()
        self._loop, self._thread = loop, thread

        async def open_browser():
            # mathjax=False: no request to a CDN; plotly.js comes from the installed plotly package
            k = kaleido.Kaleido(path=path, mathjax=False, timeout=_RENDER_TIMEOUT)
            await k.open()
            return k

        try:
            self._kaleido = self._call(open_browser(), _START_TIMEOUT)
        except ChromeNotFoundError as exc:
            self._stop_loop()
            raise ChromiumMissing(path) from exc
        except Exception as exc:
            self._stop_loop()
            why = "浏览器启动后立即退出" if type(exc).__name__ == "BrowserFailedError" else type(exc).__name__
            raise ExportError(f"无法启动 Chromium（{path}）：{why}") from exc
        self._path = path
        self.starts += 1

    def _close_locked(self) -> None:
        if self._kaleido is not None and self._loop is not None:
            try:
                self._call(self._kaleido.close(), 20)
            except Exception:  # noqa: BLE001 (already dead or hung: the loop goes anyway)
                proc = getattr(self._kaleido, "subprocess", None)
                if proc is not None and proc.poll() is None:
                    proc.kill()
        self._kaleido = None
        self._path = None
        self._stop_loop()

    def _stop_loop(self) -> None:
        if self._loop is not None:
            async def cancel_rest():  # e.g. choreographer's watchdog of a browser that failed to start
                rest = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
                for t in rest:
                    t.cancel()
                await asyncio.wait(rest, timeout=5) if rest else None

            try:
                asyncio.run_coroutine_threadsafe(cancel_rest(), self._loop).result(10)
            except Exception as exc:  # noqa: BLE001 (best effort: the loop is stopped anyway)
                _LOG.debug("renderer tasks not cancelled: %s", exc)
            self._loop.call_soon_threadsafe(self._loop.stop)
            if self._thread is not None:
                self._thread.join(timeout=10)
            if not self._loop.is_running():
                self._loop.close()
        self._loop = self._thread = None

    def _schedule_idle(self) -> None:
        if self.running and self._idle_seconds > 0:
            self._timer = threading.Timer(self._idle_seconds, self.close)
            self._timer.daemon = True
            self._timer.start()

    def _cancel_idle(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None


_RENDERER = _Renderer()


def shutdown() -> None:
    """Close the shared browser now (it also closes itself when idle and at exit)."""
    _RENDERER.close()


def _missing_detail() -> str:
    env = os.environ.get("BROWSER_PATH")
    return f"BROWSER_PATH={env} 不存在或不可执行" if env else "未找到 /usr/bin/chromium"


# --- pictures ----------------------------------------------------------------------------------


def _export_figure(fig: go.Figure, *, width: int, height: int) -> go.Figure:
    """A copy for print: white template, fixed size, no own title (the band carries it)."""
    out = go.Figure(fig)
    out.update_layout(template="plotly_white", width=width, height=height, autosize=False)
    if out.layout.title.text:
        out.update_layout(title_text=None)
    return out


def _wrap(text: str, font: ImageFont.FreeTypeFont, max_px: float, *, max_lines: int) -> list[str]:
    """Greedy wrap by characters (Chinese has no spaces), preferring to break after a separator."""
    lines: list[str] = []
    rest = " ".join(text.split())
    while rest and len(lines) < max_lines:
        if font.getlength(rest) <= max_px:
            lines.append(rest)
            rest = ""
            break
        cut = 1
        while cut < len(rest) and font.getlength(rest[:cut + 1]) <= max_px:
            cut += 1
        soft = max((rest.rfind(s, 0, cut) for s in (" · ", "，", "、", " ")), default=-1)
        if soft > cut // 2:
            cut = soft + 1
        lines.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:  # still too long: ellipsis on the last line
        last = lines[-1]
        while last and font.getlength(last + "…") > max_px:
            last = last[:-1]
        lines[-1] = last + "…"
    return lines


def footer_text(source: str, date: dt.date | None = None) -> str:
    """“<source> · 导出于 2026-11-27”."""
    stamp = f"导出于 {(date or dt.date.today()).isoformat()}"
    return f"{source.strip()} · {stamp}" if source and source.strip() else stamp


def frame(chart: bytes | Image.Image | None, *, title: str, source: str, date: dt.date | None = None,
          width: int | None = None, scale: float = 1, message: str | None = None) -> bytes:
    """Put a title band above and a date/source footer below a chart image (PNG bytes).
    With ``chart=None`` the body is ``message`` (an explanation where the chart could not be made)."""
    s = float(scale)
    if chart is None:
        w = round((width or 1000) * s)
        body = Image.new("RGB", (w, int(120 * s)), "white")
        if message:
            f = _font(round(16 * s))
            lines = _wrap(message, f, w - 2 * _PAD_X * s, max_lines=3)
            d = ImageDraw.Draw(body)
            for i, line in enumerate(lines):
                d.text((_PAD_X * s, 30 * s + i * 24 * s), line, font=f, fill=(160, 40, 40))
    else:
        body = chart if isinstance(chart, Image.Image) else Image.open(io.BytesIO(chart))
        body = body.convert("RGB")
        w = body.width
    title_font = _font(round(_TITLE_PX * s))
    foot_font = _font(round(_FOOT_PX * s))
    text_w = w - 2 * _PAD_X * s
    t_lines = _wrap(title, title_font, text_w, max_lines=2) or [""]
    f_lines = _wrap(footer_text(source, date), foot_font, text_w, max_lines=3)
    band_h = round((2 * _TITLE_PAD_Y + _TITLE_LINE * len(t_lines)) * s)
    foot_h = round((2 * _FOOT_PAD_Y + _FOOT_LINE * len(f_lines)) * s)
    img = Image.new("RGB", (w, band_h + body.height + foot_h), "white")
    d = ImageDraw.Draw(img)
    d.rectangle([0, 0, w - 1, band_h - 1], fill=_BAND_BG)
    d.rectangle([0, 0, round(_ACCENT_W * s) - 1, band_h - 1], fill=_ACCENT)
    stroke = max(1, round(0.6 * s))  # WenQuanYi Micro Hei has no bold face: a thin stroke makes it bold
    for i, line in enumerate(t_lines):
        y = (_TITLE_PAD_Y + i * _TITLE_LINE + (_TITLE_LINE - _TITLE_PX) / 2) * s
        d.text((_PAD_X * s, y), line, font=title_font, fill=_TITLE_FG, stroke_width=stroke, stroke_fill=_TITLE_FG)
    img.paste(body, (0, band_h))
    top = band_h + body.height
    d.line([(int(_PAD_X * s), top), (w - int(_PAD_X * s), top)], fill=_RULE, width=max(1, round(s)))
    for i, line in enumerate(f_lines):
        y = top + (_FOOT_PAD_Y + i * _FOOT_LINE + (_FOOT_LINE - _FOOT_PX) / 2) * s
        d.text((_PAD_X * s, y), line, font=foot_font, fill=_FOOT_FG)
    out = io.BytesIO()
    img.save(out, format="PNG", optimize=False, dpi=(int(96 * s), int(96 * s)))
    return out.getvalue()


def figures_png(figs: Sequence[go.Figure], *, width: int = 1000, heights: Sequence[int | None] | None = None,
                scale: float = 2) -> list[bytes]:
    """The plain charts (no band), as printed: white template, ``width`` CSS px, all in the shared browser."""
    hs = [int(h or f.layout.height or 450) for f, h in zip(figs, heights or [None] * len(figs))]
    copies = [_export_figure(f, width=width, height=h) for f, h in zip(figs, hs)]
    return _RENDERER.render(copies, widths=[width] * len(copies), heights=hs, scale=scale) if copies else []


def charts_png(charts: Sequence[Chart | tuple[go.Figure, str]], *, source: str, date: dt.date | None = None,
               width: int = 1000, scale: float = 2) -> list[bytes]:
    """PNG bytes for several charts, all rendered in the one shared browser.
    ``width`` is in CSS pixels (the figure's layout width); the image is ``width * scale`` pixels wide.
    Raises ExportError (ChromiumMissing, FontMissing) with a Chinese message."""
    items = [c if isinstance(c, Chart) else Chart(*c) for c in charts]
    if not items:
        return []
    _font(round(_TITLE_PX * scale))  # fail early (FontMissing) before starting a browser
    pngs = figures_png([c.fig for c in items], width=width, heights=[c.height for c in items], scale=scale)
    return [frame(p, title=c.title, source=source, date=date, scale=scale) for p, c in zip(pngs, items)]


def chart_png(fig: go.Figure, *, title: str, source: str, date: dt.date | None = None, width: int = 1000,
              height: int | None = None, scale: float = 2) -> bytes:
    """A PNG of ``fig`` (not modified) with a bold Chinese title band on top and a footer
    “<source> · 导出于 <date>” below. Raises ExportError with a Chinese message."""
    return charts_png([Chart(fig, title, height)], source=source, date=date, width=width, scale=scale)[0]


_BAD_FILE_CHARS = re.compile(r'[\\/:*?"<>|\s]+')


def png_file_name(title: str, *, date: dt.date | None = None, ext: str = "png") -> str:
    """“普法与执法侧重_2026-11-27.png”: the title without characters a file system refuses."""
    stem = _BAD_FILE_CHARS.sub("_", title).strip("._") or "图表"
    return f"{stem[:60]}_{(date or dt.date.today()).isoformat()}.{ext}"


def png_or_notice(fig: go.Figure, *, title: str, source: str, date: dt.date | None = None,
                  width: int = 1000, scale: float = 2) -> bytes:
    """Like chart_png, but when the chart cannot be rendered the PNG carries the title band and the
    Chinese reason instead of the chart (a download button cannot show an error of its own)."""
    try:
        return chart_png(fig, title=title, source=source, date=date, width=width, scale=scale)
    except FontMissing:
        raise
    except ExportError as exc:
        _LOG.warning("chart image not rendered: %s", exc, exc_info=exc.__cause__ is not None)
        return frame(None, title=title, source=source, date=date, width=width, scale=scale, message=str(exc))


def _plain_md(text: str) -> str:
    from ui.widgets import plain_md

    return plain_md(text)


def png_button(fig: go.Figure, *, title: str, source: str, key: str, file_name: str | None = None,
               date: dt.date | None = None) -> None:
    """A “下载图片（PNG）” button; the image is rendered only when it is clicked (no rerun).
    Disabled, with the reason as its tooltip, when Chromium or the font is missing."""
    import streamlit as st  # here: the builders above work without Streamlit

    day = date or dt.date.today()
    name = file_name or png_file_name(title, date=day)
    reason = unavailable()
    st.download_button("下载图片（PNG）", data=lambda: png_or_notice(fig, title=title, source=source, date=day),
                       file_name=name, mime="image/png", key=key, on_click="ignore", icon=":material/image:",
                       disabled=reason is not None, help=_plain_md(reason or f"下载“{title}”（PNG，带标题、日期与数据来源）"))
