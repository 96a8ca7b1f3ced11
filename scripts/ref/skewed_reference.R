#!/usr/bin/env Rscript
# Reference numbers for spillover's estimators for skewed business data (src/survey: takeAllTotal,
# winsorisedTotal, bootstrapT with raoWuMultipliers), computed in R on the api datasets of the
# survey package (the rows of test/fixtures/survey/data/*.json, written by survey_reference.R).
#
#   Rscript scripts/ref/skewed_reference.R      # from the repository root → test/fixtures/survey/skewed.json
#
# - take-all: R survey's svytotal under svydesign(ids = ~1, strata = ~certainty, fpc = ~N_h), N_h = n_c
#   for the certainty stratum (independent of spillover's closed form);
# - winsorisation: the Kokic–Bell root L found by uniroot on the continuous equation (spillover
#   solves it by bisection and an exact linear step);
# - bootstrap-t: the Rao–Wu draws are made here with R's RNG and exported (0-based row within
#   stratum, in draw order) because R's and spillover's generators differ; R computes the
#   multipliers, replicate estimates, t* and the type-7 quantile interval from them.
suppressPackageStartupMessages(library(survey))
out <- "test/fixtures/survey"
num <- function(x) sprintf("%.17g", x)
vec <- function(x) paste0("[", paste0(num(x), collapse = ","), "]")
ivec <- function(x) paste0("[", paste0(as.integer(x), collapse = ","), "]")
data(api)

# ---- take-all stratum ---------------------------------------------------------------------------
takeall <- lapply(list(list(y = "enroll", x = "enroll", cut = 1500), list(y = "enroll", x = "enroll", cut = 2500),
                       list(y = "api.stu", x = "enroll", cut = 2000)), function(cs) {
  d <- apisrs; N <- 6194
  d$cert <- d[[cs$x]] >= cs$cut
  nc <- sum(d$cert)
  d$Nh <- ifelse(d$cert, nc, N - nc)
  des <- svydesign(ids = ~1, strata = ~cert, fpc = ~Nh, data = d)
  t <- svytotal(as.formula(paste0("~", cs$y)), des)
  sprintf('{"y":"%s","x":"%s","cutoff":%s,"N":%s,"certainty":%d,"estimate":%s,"se":%s}',
          cs$y, cs$x, num(cs$cut), num(N), nc, num(coef(t)), num(SE(t)))
})

# ---- Kokic–Bell winsorisation over apistrat's strata (stype, N_h from fpc) ----------------------
winsor <- function(ys, Ns, q) {
  ns <- sapply(ys, length); w <- Ns / ns; mu <- sapply(ys, mean)
  g <- function(L) {
    s <- -L
    for (h in seq_along(ys)) if (w[h] > 1) s <- s + (w[h] - 1) * sum(pmax(ys[[h]] - mu[h] - L / (w[h] - 1), 0))
    s
  }
  hi <- max(sapply(seq_along(ys), function(h) (w[h] - 1) * max(ys[[h]] - mu[h])))
  L <- if (g(0) > 0) uniroot(g, c(0, hi), tol = 1e-14 * hi)$root else 0
  K <- ifelse(w > 1, mu + L / (w - 1), Inf)
  ystar <- lapply(seq_along(ys), function(h) ifelse(ys[[h]] > K[h], ys[[h]] / w[h] + (1 - 1 / w[h]) * K[h], ys[[h]]))
  est <- sum(w * sapply(ystar, sum)); unw <- sum(w * sapply(ys, sum))
  v <- sum(Ns^2 * (1 - ns / Ns) * sapply(ystar, var) / ns)
  b <- est - unw
  sprintf('{"N":%s,"q":%s,"estimate":%s,"unwinsorised":%s,"bias":%s,"variance":%s,"mse":%s,"lower":%s,"upper":%s,"cutoffs":%s}',
          vec(Ns), num(q), num(est), num(unw), num(b), num(v), num(v + b^2), num(est - q * sqrt(v + b^2)), num(est + q * sqrt(v + b^2)),
          paste0("[", paste0(ifelse(is.finite(K), num(K), '"Infinity"'), collapse = ","), "]"))
}
st <- split(apistrat, apistrat$stype)
strata <- names(st)                       # E, H, M
Nst <- sapply(st, function(d) d$fpc[1])
wins <- list(
  sprintf('{"y":"enroll","strata":["%s"],"case":%s}', paste(strata, collapse = '","'), winsor(lapply(st, function(d) d$enroll), Nst, qnorm(0.975))),
  sprintf('{"y":"api.stu","strata":["%s"],"case":%s}', paste(strata, collapse = '","'), winsor(lapply(st, function(d) d$api.stu), Nst, qt(0.975, 197))),
  sprintf('{"y":"worked","strata":["1"],"case":%s}', winsor(list(c(1, 2, 3, 4, 40)), 100, 2)))

# ---- bootstrap-t with Rao–Wu draws: ratio api.stu / enroll and total of enroll over apistrat ---
set.seed(20190)
B <- 60
rows <- lapply(strata, function(s) which(apistrat$stype == s))   # 1-based rows of each stratum
ns <- sapply(rows, length); fr <- ns / Nst
draws <- lapply(1:B, function(b) lapply(ns, function(n) sample.int(n, n - 1, replace = TRUE) - 1L))
mult <- function(b, f) {
  u <- numeric(nrow(apistrat))
  for (h in seq_along(rows)) {
    n <- ns[h]; m <- n - 1; lam <- sqrt(m * (1 - f[h]) / (n - 1))
    cnt <- tabulate(draws[[b]][[h]] + 1L, nbins = n)
    u[rows[[h]]] <- 1 - lam + lam * (n / m) * cnt
  }
  u
}
y <- apistrat$api.stu; x <- apistrat$enroll; wt <- apistrat$pw
ratio_stat <- function(u) {                 # R̂ = Σ u w y / Σ u w x; linearised se, u as frequency weights
  R <- sum(u * wt * y) / sum(u * wt * x)
  d <- wt * (y - R * x) / sum(u * wt * x)
  v <- 0
  for (h in seq_along(rows)) {
    r <- rows[[h]]; n <- ns[h]; dh <- d[r]; uh <- u[r]; m <- sum(uh * dh) / n
    v <- v + n / (n - 1) * sum(uh * (dh - m)^2)
  }
  c(R, sqrt(v))
}
total_stat <- function(u) {                 # T̂ = Σ_h N_h ȳ_u,h; v = Σ N_h²(1 − f_h) s²_u,h / n_h, s²_u = Σ u (y − ȳ_u)² / (n − 1)
  est <- 0; v <- 0
  for (h in seq_along(rows)) {
    r <- rows[[h]]; n <- ns[h]; uh <- u[r]; xh <- x[r]; m <- sum(uh * xh) / n
    est <- est + Nst[h] * m
    v <- v + Nst[h]^2 * (1 - fr[h]) * sum(uh * (xh - m)^2) / (n - 1) / n
  }
  c(est, sqrt(v))
}
boot <- function(stat, f, level) {
  full <- stat(rep(1, nrow(apistrat)))
  t <- sapply(1:B, function(b) { r <- stat(mult(b, f)); (r[1] - full[1]) / r[2] })
  a <- (1 - level) / 2
  q <- quantile(t, c(a, 1 - a), type = 7, names = FALSE)
  sprintf('{"estimate":%s,"se":%s,"tLower":%s,"tUpper":%s,"lower":%s,"upper":%s,"t":%s}',
          num(full[1]), num(full[2]), num(q[1]), num(q[2]), num(full[1] - q[2] * full[2]), num(full[1] - q[1] * full[2]), vec(t))
}
bt <- c(sprintf('{"statistic":"ratio api.stu/enroll","fractions":%s,"level":0.95,"result":%s}', vec(rep(0, 3)), boot(ratio_stat, rep(0, 3), 0.95)),
        sprintf('{"statistic":"total enroll","fractions":%s,"level":0.9,"result":%s}', vec(fr), boot(total_stat, fr, 0.9)))
drawsJson <- paste0("[", paste0(sapply(draws, function(d) paste0("[", paste0(sapply(d, ivec), collapse = ","), "]")), collapse = ","), "]")

tmp <- file.path(out, "skewed.json.tmp")
writeLines(paste0('{"generator":"scripts/ref/skewed_reference.R","R":"', R.version.string, '","survey":"', packageVersion("survey"),
                  '","takeAll":[', paste(takeall, collapse = ","), '],"winsorised":[', paste(wins, collapse = ","),
                  '],"bootstrapT":{"data":"apistrat","strata":["', paste(strata, collapse = '","'), '"],"B":', B,
                  ',"draws":', drawsJson, ',"cases":[', paste(bt, collapse = ","), ']}}'), tmp)
invisible(file.rename(tmp, file.path(out, "skewed.json")))
