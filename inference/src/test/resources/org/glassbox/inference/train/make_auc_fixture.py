#!/usr/bin/python3
"""Writes auc_fixture.csv: random score/label sets (with many ties) and scikit-learn's roc_auc_score.
Run with Debian's python: /usr/bin/python3 make_auc_fixture.py > auc_fixture.csv"""
import numpy as np
from sklearn.metrics import roc_auc_score

rng = np.random.default_rng(20240603)
print("case,scores,labels,auc")
for case in range(12):
    n = int(rng.integers(5, 60))
    levels = [3, 10, 1000][case % 3]  # few distinct values -> many ties
    scores = rng.integers(0, levels, n) / levels
    labels = rng.random(n) < (0.2 + 0.05 * case)
    labels[0], labels[1] = True, False
    print("%d,%s,%s,%.15f" % (case, " ".join("%.6f" % s for s in scores),
                             " ".join("1" if l else "0" for l in labels), roc_auc_score(labels, scores)))
