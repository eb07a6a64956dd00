#!/usr/bin/python3
"""Peer of `glassbox bench fairness`: the same per-subgroup stratified bootstrap with scikit-learn + NumPy.

Usage: /usr/bin/python3 scripts/bench-fairness-peer.py COHORT.csv [--boot B] [--seed S] [--threshold T]
COHORT.csv: columns id,score,truth,group (written by the Java benchmark). Prints one JSON line:
{"seconds": ..., "cases": ..., "groups": ..., "boot": ..., "auc_ci_first_group": [lo, hi]}.

Written as a competent NumPy user would: per subgroup the positive and negative indices once, then per
resample stratified index draws (rng.choice), roc_auc_score on the resample, and the threshold
metrics (TPR, FPR, PPV, NPV, F1, selection rate) and Brier vectorised over the resample; percentile
CIs with np.percentile. ECE is left out (it would only add to the peer's time).
"""
import argparse
import json
import time

import numpy as np
from sklearn.metrics import roc_auc_score


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("csv")
    ap.add_argument("--boot", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--threshold", type=float, default=0.5)
    a = ap.parse_args()
    data = np.genfromtxt(a.csv, delimiter=",", names=True, dtype=None, encoding="utf-8")
    score = data["score"].astype(float)
    truth = data["truth"].astype(int)
    group = data["group"].astype(str)
    rng = np.random.default_rng(a.seed)
    start = time.perf_counter()
    cpu_start = time.process_time()
    first_ci = None
    for g in np.unique(group):
        s = score[group == g]
        y = truth[group == g]
        pos = np.flatnonzero(y == 1)
        neg = np.flatnonzero(y == 0)
        aucs = np.empty(a.boot)
        other = np.empty((a.boot, 7))
        for b in range(a.boot):
            idx = np.concatenate([rng.choice(pos, pos.size), rng.choice(neg, neg.size)])
            sb, yb = s[idx], y[idx]
            aucs[b] = roc_auc_score(yb, sb)
            d = sb >= a.threshold
            tp = np.count_nonzero(d & (yb == 1))
            fp = np.count_nonzero(d & (yb == 0))
            fn = pos.size - tp
            tn = neg.size - fp
            with np.errstate(divide="ignore", invalid="ignore"):
                other[b] = [tp / pos.size, fp / neg.size, tp / (tp + fp), tn / (tn + fn), 2 * tp / (2 * tp + fp + fn),
                            (tp + fp) / idx.size, np.mean((sb - yb) ** 2)]
        ci = np.percentile(aucs, [2.5, 97.5])
        np.nanpercentile(other, [2.5, 97.5], axis=0)
        if first_ci is None:
            first_ci = [float(ci[0]), float(ci[1])]
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start
    print(json.dumps({"seconds": seconds, "cpu_seconds": cpu_seconds, "cases": int(score.size), "groups": int(np.unique(group).size), "boot": a.boot,
                      "auc_ci_first_group": first_ci}))


if __name__ == "__main__":
    main()
