#!/usr/bin/python3
"""Reference values for KappaReferenceTest: Fleiss' kappa from statsmodels (Debian python3-statsmodels)
and nominal Cohen's kappa from scikit-learn (Debian python3-sklearn), on small seeded random data.

Usage: /usr/bin/python3 make-kappa-reference.py [DIR]   writes DIR/kappa-reference.csv with columns
kind (fleiss|cohen), name, k (categories), a, b, kappa:
  fleiss: a = the N x k count table, rows joined by '|', cells by ' '; b empty
  cohen:  a, b = the two raters' category indices (0..k-1), joined by ' '
"""
import csv
import sys

import numpy as np
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import fleiss_kappa

d = sys.argv[1] if len(sys.argv) > 1 else "."
rng = np.random.default_rng(20261)
out = []
# Fleiss 1971 / Wikipedia worked example: 10 subjects, 14 raters, 5 categories (kappa 0.210).
wiki = np.array([[0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
                 [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7]])
tables = [("wikipedia", wiki)]
for i, (subjects, raters, k) in enumerate([(12, 3, 7), (30, 4, 3), (8, 2, 2), (50, 6, 7)]):
    # Raters lean towards a per-subject "true" category, so kappa is away from 0.
    truth = rng.integers(0, k, subjects)
    ratings = np.where(rng.random((subjects, raters)) < 0.6, truth[:, None], rng.integers(0, k, (subjects, raters)))
    table = np.stack([np.bincount(r, minlength=k) for r in ratings])
    tables.append((f"random{i}", table))
for name, t in tables:
    out.append({"kind": "fleiss", "name": name, "k": t.shape[1],
                "a": "|".join(" ".join(str(int(c)) for c in row) for row in t), "b": "",
                "kappa": repr(float(fleiss_kappa(t, method="fleiss")))})
for i, (n, k, agree) in enumerate([(20, 7, 0.5), (40, 3, 0.8), (15, 2, 0.3), (60, 7, 0.0)]):
    a = rng.integers(0, k, n)
    b = np.where(rng.random(n) < agree, a, rng.integers(0, k, n))
    out.append({"kind": "cohen", "name": f"random{i}", "k": k, "a": " ".join(map(str, a)), "b": " ".join(map(str, b)),
                "kappa": repr(float(cohen_kappa_score(a, b)))})
with open(f"{d}/kappa-reference.csv", "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=list(out[0].keys()))
    w.writeheader()
    w.writerows(out)
