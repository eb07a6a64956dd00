#!/usr/bin/env Rscript
# Reference values for DeLongTest/PRocReferenceTest from pROC (Debian r-cran-proc).
# Usage: Rscript make-proc-reference.R OUTDIR   (writes delong-cases.csv and delong-reference.csv)
# The inputs are generated here with a fixed seed and rounded to 4 decimals so the CSV holds them exactly.
suppressMessages(library(pROC))
args <- commandArgs(trailingOnly = TRUE)
out <- if (length(args) > 0) args[1] else "."
set.seed(20240521)
make <- function(id, n, prev, sep, ties) {
  truth <- rbinom(n, 1, prev)
  a <- plogis(rnorm(n, mean = truth * sep, sd = 1))
  b <- plogis(0.6 * qlogis(a) + rnorm(n, mean = truth * sep * 0.5, sd = 0.8))
  if (ties) { a <- round(a, 1); b <- round(b, 1) } else { a <- round(a, 4); b <- round(b, 4) }
  g <- sample(c("F", "M"), n, replace = TRUE)
  data.frame(dataset = id, case = sprintf("%s-%03d", id, seq_len(n)), truth = truth, score_a = a, score_b = b, group = g)
}
cases <- rbind(make("d1", 60, 0.4, 1.2, FALSE), make("d2", 80, 0.3, 1.0, TRUE), make("d3", 300, 0.2, 1.5, FALSE),
               make("d4", 12, 0.5, 0.8, FALSE))
write.csv(cases, file.path(out, "delong-cases.csv"), row.names = FALSE, quote = FALSE)
f <- function(x) sprintf("%.17g", x)
rows <- list()
for (id in unique(cases$dataset)) {
  d <- cases[cases$dataset == id, ]
  ra <- roc(d$truth, d$score_a, levels = c(0, 1), direction = "<", quiet = TRUE)
  rb <- roc(d$truth, d$score_b, levels = c(0, 1), direction = "<", quiet = TRUE)
  cia <- ci.auc(ra, method = "delong", conf.level = 0.95)
  cib <- ci.auc(rb, method = "delong", conf.level = 0.95)
  # paired test of B against A: d = auc(B) - auc(A)
  pt <- roc.test(rb, ra, method = "delong", paired = TRUE, conf.level = 0.95)
  # unpaired test of model A between groups F and M (independent samples)
  rf <- roc(d$truth[d$group == "F"], d$score_a[d$group == "F"], levels = c(0, 1), direction = "<", quiet = TRUE)
  rm <- roc(d$truth[d$group == "M"], d$score_a[d$group == "M"], levels = c(0, 1), direction = "<", quiet = TRUE)
  ut <- roc.test(rf, rm, method = "delong", paired = FALSE)
  rows[[id]] <- data.frame(dataset = id,
    auc_a = f(as.numeric(auc(ra))), var_a = f(var(ra, method = "delong")), ci_lo_a = f(cia[1]), ci_hi_a = f(cia[3]),
    auc_b = f(as.numeric(auc(rb))), var_b = f(var(rb, method = "delong")), ci_lo_b = f(cib[1]), ci_hi_b = f(cib[3]),
    paired_z = f(pt$statistic), paired_p = f(pt$p.value), paired_lo = f(pt$conf.int[1]), paired_hi = f(pt$conf.int[2]),
    unpaired_t = f(ut$statistic), unpaired_df = f(ut$parameter), unpaired_p = f(ut$p.value))
}
write.csv(do.call(rbind, rows), file.path(out, "delong-reference.csv"), row.names = FALSE, quote = FALSE)
# McNemar references: discordant counts (b, c) -> exact binomial and continuity-corrected chi-square
mc <- data.frame(b = c(3, 0, 10, 40, 7), c = c(9, 5, 12, 20, 30))
mc$exact_p <- sapply(seq_len(nrow(mc)), function(i) f(binom.test(mc$b[i], mc$b[i] + mc$c[i], 0.5)$p.value))
mc$chi2 <- sapply(seq_len(nrow(mc)), function(i) f(mcnemar.test(matrix(c(50, mc$c[i], mc$b[i], 50), 2), correct = TRUE)$statistic))
mc$chi2_p <- sapply(seq_len(nrow(mc)), function(i) f(mcnemar.test(matrix(c(50, mc$c[i], mc$b[i], 50), 2), correct = TRUE)$p.value))
write.csv(mc, file.path(out, "mcnemar-reference.csv"), row.names = FALSE, quote = FALSE)
