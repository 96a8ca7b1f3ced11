# R half of bench/survey/run.ts: the same estimates with R survey, timed excluding file reading.
# Usage (called by run.ts): Rscript bench/survey/bench.R <dir>  — reads data.csv, boot.csv, meta.json
# from <dir> and writes r-results.json there.
suppressPackageStartupMessages(library(survey))
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]
t_read <- system.time({
  d <- read.csv(file.path(dir, "data.csv"), colClasses = c("integer", "integer", "numeric", "numeric", "numeric", "character"))
  boot <- as.matrix(read.csv(file.path(dir, "boot.csv"), header = FALSE))
})[["elapsed"]]
meta <- readLines(file.path(dir, "meta.json"))
degf_boot <- as.integer(sub('.*"bootDf":([0-9]+).*', "\\1", meta))
timeit <- function(expr, reps = 1) {
  e <- substitute(expr); times <- numeric(reps); val <- NULL
  for (i in seq_len(reps)) { t <- system.time(val <- eval(e, parent.frame()))[["elapsed"]]; times[i] <- t }
  list(value = val, ms = 1000 * median(times))
}
res <- list()
des <- timeit(svydesign(ids = ~psu, strata = ~stratum, weights = ~w, data = d))
D <- des$value
res$design_ms <- des$ms
tot <- timeit(svytotal(~y + x, D), 3)
rat <- timeit(svyratio(~y, ~x, D), 3)
dom <- timeit(svyby(~y, ~dom, D, svymean), 3)
res$lin <- list(total_ms = tot$ms, ratio_ms = rat$ms, domain_ms = dom$ms,
                total = coef(tot$value), total_se = SE(tot$value), ratio = coef(rat$value), ratio_se = SE(rat$value),
                domain = coef(dom$value), domain_se = SE(dom$value))
# Bootstrap: the replicate factors drawn by spillover (Rao-Wu, per PSU), as a compressed svyrep design.
psu_index <- match(d$psu, sort(unique(d$psu)))
rw <- list(weights = boot, index = psu_index); class(rw) <- c("repweights_compressed", "repweights")
B <- list(repweights = rw, pweights = d$w, type = "bootstrap", rho = NULL, scale = 1 / (ncol(boot) - 1), rscales = rep(1, ncol(boot)),
          call = NULL, combined.weights = FALSE, selfrep = NULL, mse = FALSE, variables = d, degf = degf_boot)
class(B) <- "svyrep.design"
tot <- timeit(svytotal(~y + x, B))
rat <- timeit(svyratio(~y, ~x, B))
dom <- timeit(svyby(~y, ~dom, B, svymean))
res$boot <- list(total_ms = tot$ms, ratio_ms = rat$ms, domain_ms = dom$ms,
                 total = coef(tot$value), total_se = SE(tot$value), ratio = coef(rat$value), ratio_se = SE(rat$value),
                 domain = coef(dom$value), domain_se = SE(dom$value))
res$read_ms <- 1000 * t_read
num <- function(x) paste0("[", paste(sprintf("%.17g", as.numeric(x)), collapse = ","), "]")
part <- function(p) paste0("{", paste0('"', names(p), '":', vapply(p, num, ""), collapse = ","), "}")
out <- paste0('{"design_ms":', res$design_ms, ',"read_ms":', res$read_ms, ',"lin":', part(res$lin), ',"boot":', part(res$boot), "}")
writeLines(out, file.path(dir, "r-results.json.tmp")); invisible(file.rename(file.path(dir, "r-results.json.tmp"), file.path(dir, "r-results.json")))
