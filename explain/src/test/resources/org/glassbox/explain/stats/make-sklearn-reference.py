#!/usr/bin/python3
"""Reference values for SklearnReferenceTest from scikit-learn (Debian python3-sklearn).

Usage: /usr/bin/python3 make-sklearn-reference.py [DIR]   reads DIR/delong-cases.csv (made by
make-proc-reference.R), writes DIR/sklearn-reference.csv: per dataset and threshold, model A's
threshold metrics (decision: score >= threshold), Brier, AUC, the Youden threshold, and Cohen's
kappa of A's and B's decisions.
"""
import csv
import sys

import numpy as np
from sklearn.metrics import (brier_score_loss, cohen_kappa_score, confusion_matrix, f1_score, precision_score,
                             recall_score, roc_auc_score, roc_curve)


def nan_if(denominator, value):
    """scikit-learn 1.2 has no zero_division=nan: an empty denominator is NaN here (GlassBox's rule)."""
    return float("nan") if denominator == 0 else value


d = sys.argv[1] if len(sys.argv) > 1 else "."
rows = list(csv.DictReader(open(f"{d}/delong-cases.csv")))
out = []
for ds in sorted({r["dataset"] for r in rows}):
    sub = [r for r in rows if r["dataset"] == ds]
    y = np.array([int(r["truth"]) for r in sub])
    a = np.array([float(r["score_a"]) for r in sub])
    b = np.array([float(r["score_b"]) for r in sub])
    fpr, tpr, thr = roc_curve(y, a, drop_intermediate=False)
    youden = thr[int(np.argmax(tpr - fpr))]  # first maximum = highest threshold
    for t in (0.3, 0.5, 0.7):
        pa = (a >= t).astype(int)
        pb = (b >= t).astype(int)
        tn, fp, fn, tp = confusion_matrix(y, pa, labels=[0, 1]).ravel()
        out.append({
            "dataset": ds, "threshold": t,
            "tpr": nan_if(tp + fn, recall_score(y, pa, zero_division=0)),
            "fpr": fp / (fp + tn),
            "tnr": nan_if(tn + fp, recall_score(1 - y, 1 - pa, zero_division=0)),
            "ppv": nan_if(tp + fp, precision_score(y, pa, zero_division=0)),
            "npv": nan_if(tn + fn, precision_score(1 - y, 1 - pa, zero_division=0)),
            "f1": nan_if(tp + fn, f1_score(y, pa, zero_division=0)),
            "brier": brier_score_loss(y, a),
            "auc": roc_auc_score(y, a),
            "youden_threshold": youden,
            "kappa": cohen_kappa_score(pa, pb),
        })
with open(f"{d}/sklearn-reference.csv", "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=list(out[0].keys()))
    w.writeheader()
    for r in out:
        w.writerow({k: (repr(float(v)) if not isinstance(v, str) else v) for k, v in r.items()})
