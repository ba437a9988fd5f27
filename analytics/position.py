"""Wordscores (Laver, Benoit & Garry 2003): the reference implementation the corpus model fits with.

The rest of positioning (nearest reports, the map, ranks) lives in ``analytics.model`` and
``analytics.figures``."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd
import scipy.sparse as sp

__all__ = ["Wordscores"]


# --------------------------------------------------------------------------- Wordscores


def _dense_counts(counts) -> np.ndarray:
    if isinstance(counts, pd.DataFrame):
        counts = counts.to_numpy()
    if sp.issparse(counts):
        counts = counts.toarray()
    arr = np.asarray(counts, dtype=float)
    return arr.reshape(1, -1) if arr.ndim == 1 else arr


class Wordscores:
    """Wordscores (Laver, Benoit & Garry 2003) with a choice of rescaling.

    Fit: F_wr = share of word w among the words of reference text r; P_rw = F_wr / sum_r F_wr;
    word score S_w = sum_r P_rw A_r (A_r = reference scores). Words left out of the vocabulary
    (below) have no score (NaN) and are ignored, in the references and in scored texts alike.

    Vocabulary: only words used by at least ``min_ref_share`` of the reference texts are scored
    (default half of them; at least one). With few reference texts a word used by one of them
    only (place names, local projects …) carries that text's score verbatim, so every reference,
    scored as a virgin text, is pulled towards its own score; the MV anchors below then sit so far
    out that no new text can pass them. On the five seeds an all-普法 draft scores beyond the most
    普法-heavy seed with the default and stays inside the range with ``min_ref_share=0``.
    ``smooth`` (as in quanteda's ``textmodel_wordscores``) adds a pseudo-count to every reference
    count of the scored words; 0 (default) is LBG 2003 exactly.

    Score of text v: raw S_v = sum_w F_wv S_w over the scored words only, with standard error
    se = sqrt(sum_w F_wv (S_w - S_v)^2) / sqrt(N_v), N_v = number of scored words in v (LBG 2003).

    Raw scores are weighted averages of the reference scores, so they shrink towards the middle
    and can never leave the reference range. Rescaling (``score``, ``lo``, ``hi``; ``lo``/``hi``
    are raw ± 1.96 se passed through the same map, ``score_se`` is se on the rescaled scale):

    - ``"mv"`` (default; Martin & Vanberg 2008): a linear map fixed at fit time so that the two
      reference texts with the lowest and highest reference scores, scored as if virgin, land on
      their own reference scores. A text more extreme than either end scores beyond it. It does
      not depend on which other texts are scored together, so one report can be scored alone.
    - ``"lbg"`` (LBG 2003): S*_v = (S_v - mean) * SD_ref / SD_virgin + mean over the texts scored
      together; needs at least two texts with different raw scores (otherwise raw is returned).
    - ``"none"``: score = raw.
    """

    Z = 1.959963984540054  # 95 % interval

    def __init__(
        self,
        *,
        rescale: Literal["lbg", "mv", "none"] = "mv",
        min_ref_share: float = 0.5,
        smooth: float = 0.0,
    ) -> None:
        if rescale not in ("lbg", "mv", "none"):
            raise ValueError(f"未知的缩放方法：{rescale}（可选 lbg、mv、none）")
        if smooth < 0:
            raise ValueError(f"平滑参数不能为负：{smooth}")
        if not 0.0 <= min_ref_share <= 1.0:
            raise ValueError(f"词语覆盖比例须在 0 到 1 之间：{min_ref_share}")
        self.rescale = rescale
        self.smooth = smooth
        self.min_ref_share = min_ref_share

    def fit(
        self,
        ref_counts,
        ref_scores: Sequence[float],
        *,
        vocabulary: Sequence[str] | None = None,
    ) -> Wordscores:
        if vocabulary is None and isinstance(ref_counts, pd.DataFrame):
            vocabulary = [str(c) for c in ref_counts.columns]
        R = _dense_counts(ref_counts)
        A = np.asarray(ref_scores, dtype=float)
        if R.shape[0] != len(A):
            raise ValueError(f"参考文本数（{R.shape[0]}）与参考分值数（{len(A)}）不一致")
        if len(A) < 2 or np.ptp(A) == 0:
            raise ValueError("至少需要两个分值不同的参考文本")
        if vocabulary is not None and len(vocabulary) != R.shape[1]:
            raise ValueError(f"词表长度（{len(vocabulary)}）与词频矩阵列数（{R.shape[1]}）不一致")
        if np.any(R.sum(axis=1) == 0):
            raise ValueError("有参考文本不含任何词")
        min_docs = max(1, math.ceil(self.min_ref_share * R.shape[0] - 1e-9))
        scored = (R > 0).sum(axis=0) >= min_docs
        Rs = np.where(scored[None, :], R + self.smooth, 0.0)  # the trimmed (and smoothed) matrix
        if np.any(Rs.sum(axis=1) == 0):
            raise ValueError("有参考文本不含任何可计分的词（可降低 min_ref_share）")
        F = Rs / Rs.sum(axis=1, keepdims=True)  # r × V
        colsum = F.sum(axis=0)
        with np.errstate(invalid="ignore", divide="ignore"):
            P = F / colsum  # P_rw
            S = (P * A[:, None]).sum(axis=0)
        S[~scored] = np.nan
        self.wordscores_ = S
        self.vocabulary_ = list(vocabulary) if vocabulary is not None else None
        self.ref_scores_ = A
        self.raw_ref_scores_ = self._raw(R)[0]
        lo_i, hi_i = int(np.argmin(A)), int(np.argmax(A))
        p1, p2 = self.raw_ref_scores_[lo_i], self.raw_ref_scores_[hi_i]
        # raw -> rescaled: score = a + b * raw
        self.mv_slope_ = (A[hi_i] - A[lo_i]) / (p2 - p1) if p2 != p1 else float("nan")
        self.mv_intercept_ = A[lo_i] - self.mv_slope_ * p1
        return self

    def _raw(self, C: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        scored = ~np.isnan(self.wordscores_)
        S = self.wordscores_[scored]
        Cs = C[:, scored]
        N = Cs.sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            F = Cs / N[:, None]
            raw = F @ S
            var = (F * (S[None, :] - raw[:, None]) ** 2).sum(axis=1)
            se = np.sqrt(var) / np.sqrt(N)
        raw[N == 0] = np.nan
        se[N == 0] = np.nan
        return raw, se, N

    def _align(self, counts) -> np.ndarray:
        if isinstance(counts, pd.DataFrame) and self.vocabulary_ is not None:
            counts = counts.reindex(columns=self.vocabulary_, fill_value=0)
        C = _dense_counts(counts)
        if C.shape[1] != len(self.wordscores_):
            raise ValueError(f"词频矩阵列数（{C.shape[1]}）与词表（{len(self.wordscores_)}）不一致")
        return C

    def score(self, counts) -> pd.DataFrame:
        """Scores of the texts in ``counts`` (texts × words, same columns as the references).

        Columns: raw, se (of raw), n_words (N_v), score, score_se, lo, hi.
        """
        C = self._align(counts)
        raw, se, N = self._raw(C)
        lo_raw, hi_raw = raw - self.Z * se, raw + self.Z * se
        if self.rescale == "mv":
            a, b = self.mv_intercept_, self.mv_slope_
        elif self.rescale == "lbg":
            a, b = self._lbg_map(raw)
        else:
            a, b = 0.0, 1.0
        score, lo, hi = a + b * raw, a + b * lo_raw, a + b * hi_raw
        if b < 0:
            lo, hi = hi, lo
        index = counts.index if isinstance(counts, pd.DataFrame) else None
        return pd.DataFrame(
            {
                "raw": raw,
                "se": se,
                "n_words": N,
                "score": score,
                "score_se": abs(b) * se,
                "lo": lo,
                "hi": hi,
            },
            index=index,
        )

    def _lbg_map(self, raw: np.ndarray) -> tuple[float, float]:
        valid = raw[~np.isnan(raw)]
        sd_v = float(np.std(valid, ddof=1)) if len(valid) >= 2 else 0.0
        if sd_v == 0:
            return 0.0, 1.0
        sd_r = float(np.std(self.ref_scores_, ddof=1))
        mean_v = float(valid.mean())
        b = sd_r / sd_v
        return mean_v - b * mean_v, b
