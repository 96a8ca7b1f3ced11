#!/usr/bin/env Rscript
# Reference numbers for spillover's survey engine, computed with R's survey package on the
# datasets bundled with it (api, nhanes, scd). Writes the datasets themselves and the reference
# results as JSON under test/fixtures/survey/ so tests never need R.
#
#   Rscript scripts/ref/survey_reference.R            # from the repository root
#
# Requires r-base-core and r-cran-survey (Debian). Output is deterministic (set.seed for the
# bootstrap replicate weights, which are exported because R's and spillover's RNGs differ).
suppressPackageStartupMessages(library(survey))
out <- "test/fixtures/survey"
dir.create(file.path(out, "data"), recursive = TRUE, showWarnings = FALSE)

# ---- minimal JSON writer (no jsonlite on Debian's base install) -------------------------------
num <- function(x) ifelse(is.na(x), "null", ifelse(is.infinite(x), ifelse(x > 0, "\"Infinity\"", "\"-Infinity\""), sprintf("%.17g", x)))
str_ <- function(x) ifelse(is.na(x), "null", paste0("\"", gsub("\"", "\\\\\"", gsub("\\\\", "\\\\\\\\", x)), "\""))
json <- function(x) {
  if (is.null(x)) return("null")
  if (is.list(x)) {
    if (!is.null(names(x)) && all(names(x) != "")) {
      return(paste0("{", paste0(str_(names(x)), ":", vapply(x, json, ""), collapse = ","), "}"))
    }
    return(paste0("[", paste0(vapply(x, json, ""), collapse = ","), "]"))
  }
  if (is.factor(x)) x <- as.character(x)
  if (inherits(x, "AsIs")) x <- unclass(x)
  v <- if (is.character(x)) str_(x) else if (is.logical(x)) ifelse(is.na(x), "null", ifelse(x, "true", "false")) else num(as.numeric(x))
  if (length(x) == 1 && is.null(attr(x, "array"))) v else paste0("[", paste0(v, collapse = ","), "]")
}
arr <- function(x) { x <- as.vector(x); attr(x, "array") <- TRUE; x }
write_json <- function(x, file) {
  tmp <- paste0(file, ".tmp")
  writeLines(json(x), tmp)
  invisible(file.rename(tmp, file))
}

# ---- datasets --------------------------------------------------------------------------------
data(api); data(nhanes); data(scd)
apistrat$stype_lonely <- as.character(apistrat$stype)
apistrat$stype_lonely[1] <- "X"             # a stratum with a single PSU, for lonely-PSU options
scd$fpc5 <- 5
nhanes$agecat <- as.character(nhanes$agecat)
datasets <- list(apisrs = apisrs, apistrat = apistrat, apiclus1 = apiclus1, apiclus2 = apiclus2, nhanes = nhanes, scd = scd)
for (nm in names(datasets)) {
  d <- datasets[[nm]]
  cols <- lapply(d, function(col) if (is.numeric(col)) arr(col) else arr(as.character(col)))
  write_json(cols, file.path(out, "data", paste0(nm, ".json")))
}

# ---- designs ---------------------------------------------------------------------------------
specs <- list(
  srs = list(data = "apisrs", ids = "1", fpc = "fpc"),
  srs_w = list(data = "apisrs", ids = "1", weights = "pw"),
  strat = list(data = "apistrat", ids = "1", strata = "stype", weights = "pw", fpc = "fpc"),
  strat_nofpc = list(data = "apistrat", ids = "1", strata = "stype", weights = "pw"),
  clus1 = list(data = "apiclus1", ids = "dnum", weights = "pw", fpc = "fpc"),
  clus2 = list(data = "apiclus2", ids = c("dnum", "snum"), fpc = c("fpc1", "fpc2")),
  clus2_w = list(data = "apiclus2", ids = c("dnum", "snum"), weights = "pw"),
  nhanes = list(data = "nhanes", ids = "SDMVPSU", strata = "SDMVSTRA", weights = "WTMEC2YR", nest = TRUE),
  scd = list(data = "scd", ids = "ambulance", strata = "ESA", nest = TRUE, fpc = "fpc5")
)
f <- function(v) if (is.null(v)) NULL else as.formula(paste("~", paste(v, collapse = "+")))
make_design <- function(s) {
  d <- datasets[[s$data]]
  ids <- if (identical(s$ids, "1")) ~1 else f(s$ids)
  args <- list(ids = ids, data = d, nest = isTRUE(s$nest))
  if (!is.null(s$strata)) args$strata <- f(s$strata)
  if (!is.null(s$weights)) args$weights <- f(s$weights)
  if (!is.null(s$probs)) args$probs <- f(s$probs)
  if (!is.null(s$fpc)) args$fpc <- f(s$fpc)
  do.call(svydesign, args)
}
designs <- lapply(specs, make_design)

# ---- result records --------------------------------------------------------------------------
rec <- function(est, se, V, deff, df) {
  list(estimate = arr(est), se = arr(se), variance = arr(t(V)), deff = if (is.null(deff)) NULL else arr(deff), df = df,
       ci_z = arr(t(cbind(est - qnorm(0.975) * se, est + qnorm(0.975) * se))),
       ci_t = arr(t(cbind(est - qt(0.975, df) * se, est + qt(0.975, df) * se))))
}
stat_rec <- function(s, design) {
  V <- as.matrix(vcov(s))
  r <- rec(coef(s), SE(s), V, if (!is.null(attr(s, "deff"))) diag(as.matrix(attr(s, "deff"))) else NULL, degf(design))
  # confint as R computes it, as an independent check of the z interval
  r$confint_R <- arr(t(confint(s)))
  r$names <- arr(names(coef(s)))
  r
}
cases <- list()
add <- function(id, design, estimator, args, result) {
  cases[[length(cases) + 1]] <<- list(id = id, design = design, estimator = estimator, args = args, result = result)
}
opt_lonely <- function(x) options(survey.lonely.psu = x)

# Totals, means, proportions, ratios on every design
for (nm in names(specs)) {
  D <- designs[[nm]]; s <- specs[[nm]]
  if (s$data == "nhanes") {
    Dh <- subset(D, !is.na(HI_CHOL))
    add(paste0(nm, "_mean_HI_CHOL"), s, "svymean", list(x = arr("HI_CHOL"), naRm = TRUE), stat_rec(svymean(~HI_CHOL, D, na.rm = TRUE, deff = TRUE), Dh))
    add(paste0(nm, "_total_HI_CHOL"), s, "svytotal", list(x = arr("HI_CHOL"), naRm = TRUE), stat_rec(svytotal(~HI_CHOL, D, na.rm = TRUE, deff = TRUE), Dh))
    add(paste0(nm, "_mean_agecat"), s, "svymean", list(x = arr("agecat")), stat_rec(svymean(~agecat, D, deff = TRUE), D))
    r <- svyratio(~HI_CHOL, ~RIAGENDR, D, na.rm = TRUE, deff = TRUE)
    add(paste0(nm, "_ratio"), s, "svyratio", list(numerator = "HI_CHOL", denominator = "RIAGENDR", naRm = TRUE),
        c(rec(coef(r), SE(r), r$var, attr(r, "deff"), degf(Dh)), list(names = arr("HI_CHOL/RIAGENDR"))))
    b <- svyby(~HI_CHOL, ~race, D, svymean, na.rm = TRUE, deff = TRUE)
    add(paste0(nm, "_by_race"), s, "svyby", list(x = arr("HI_CHOL"), by = arr("race"), FUN = "svymean", naRm = TRUE),
        list(levels = arr(as.character(b$race)), estimate = arr(coef(b)), se = arr(SE(b)), deff = arr(deff(b))))
    b <- svyby(~HI_CHOL, ~race + RIAGENDR, D, svytotal, na.rm = TRUE, deff = TRUE)
    add(paste0(nm, "_by_race_sex"), s, "svyby", list(x = arr("HI_CHOL"), by = arr(c("race", "RIAGENDR")), FUN = "svytotal", naRm = TRUE),
        list(levels = arr(paste(b$race, b$RIAGENDR, sep = ".")), estimate = arr(coef(b)), se = arr(SE(b)), deff = arr(deff(b))))
    next
  }
  if (s$data == "scd") {
    add(paste0(nm, "_total"), s, "svytotal", list(x = arr(c("arrests", "alive"))), stat_rec(svytotal(~arrests + alive, D, deff = TRUE), D))
    r <- svyratio(~alive, ~arrests, D, deff = TRUE)
    add(paste0(nm, "_ratio"), s, "svyratio", list(numerator = "alive", denominator = "arrests"),
        c(rec(coef(r), SE(r), r$var, attr(r, "deff"), degf(D)), list(names = arr("alive/arrests"))))
    next
  }
  # enroll and api.stu have missing values in apiclus2: na.rm = TRUE throughout (R would give NA)
  De <- subset(D, !is.na(enroll)); Dr <- subset(D, !is.na(enroll) & !is.na(api.stu))
  add(paste0(nm, "_total_enroll"), s, "svytotal", list(x = arr("enroll"), naRm = TRUE), stat_rec(svytotal(~enroll, D, na.rm = TRUE, deff = TRUE), De))
  add(paste0(nm, "_mean_api"), s, "svymean", list(x = arr(c("api00", "api99"))), stat_rec(svymean(~api00 + api99, D, deff = TRUE), D))
  add(paste0(nm, "_mean_stype"), s, "svymean", list(x = arr("stype")), stat_rec(svymean(~stype, D, deff = TRUE), D))
  add(paste0(nm, "_total_stype"), s, "svytotal", list(x = arr("stype")), stat_rec(svytotal(~stype, D, deff = TRUE), D))
  r <- svyratio(~api.stu, ~enroll, D, deff = TRUE, na.rm = TRUE)
  add(paste0(nm, "_ratio"), s, "svyratio", list(numerator = "api.stu", denominator = "enroll", naRm = TRUE),
      c(rec(coef(r), SE(r), r$var, attr(r, "deff"), degf(Dr)), list(names = arr("api.stu/enroll"))))
  p <- predict(r, total = 3811472)
  add(paste0(nm, "_ratio_total"), s, "predictRatio", list(numerator = "api.stu", denominator = "enroll", total = 3811472, naRm = TRUE),
      list(estimate = arr(p$total), se = arr(p$se)))
  b <- svyby(~api00, ~stype, D, svymean, deff = TRUE)
  add(paste0(nm, "_by_stype_mean"), s, "svyby", list(x = arr("api00"), by = arr("stype"), FUN = "svymean"),
      list(levels = arr(as.character(b$stype)), estimate = arr(coef(b)), se = arr(SE(b)), deff = arr(deff(b))))
  b <- svyby(~enroll, ~stype + sch.wide, D, svytotal, deff = TRUE, na.rm = TRUE)
  add(paste0(nm, "_by_stype_schwide_total"), s, "svyby", list(x = arr("enroll"), by = arr(c("stype", "sch.wide")), FUN = "svytotal", naRm = TRUE),
      list(levels = arr(paste(b$stype, b$sch.wide, sep = ".")), estimate = arr(coef(b)), se = arr(SE(b)), deff = arr(deff(b))))
  b <- svyby(~api.stu, ~stype, D, svyratio, denominator = ~enroll, na.rm = TRUE)
  add(paste0(nm, "_by_stype_ratio"), s, "svyby", list(x = arr(c("api.stu", "enroll")), by = arr("stype"), FUN = "svyratio", naRm = TRUE),
      list(levels = arr(as.character(b$stype)), estimate = arr(coef(b)), se = arr(SE(b))))
  sub <- subset(D, stype == "E")
  add(paste0(nm, "_subset_E_mean"), s, "svymean", list(x = arr("api00"), subset = list(stype = "E")), stat_rec(svymean(~api00, sub, deff = TRUE), sub))
  add(paste0(nm, "_narm_acsk3"), s, "svymean", list(x = arr("acs.k3"), naRm = TRUE), stat_rec(svymean(~acs.k3, D, na.rm = TRUE, deff = TRUE), subset(D, !is.na(acs.k3))))
}

# Lonely PSUs: one school alone in stratum 'X'
for (lp in c("adjust", "average", "certainty", "remove")) {
  opt_lonely(lp)
  s <- list(data = "apistrat", ids = "1", strata = "stype_lonely", weights = "pw", lonelyPsu = lp)
  D <- svydesign(ids = ~1, strata = ~stype_lonely, weights = ~pw, data = apistrat)
  add(paste0("lonely_", lp, "_total"), s, "svytotal", list(x = arr("enroll")), stat_rec(svytotal(~enroll, D), D))
  add(paste0("lonely_", lp, "_mean"), s, "svymean", list(x = arr("api00")), stat_rec(svymean(~api00, D), D))
}
opt_lonely("fail")
# Lonely PSUs in JKn replicate weights (jknweights follows the same option)
for (lp in c("adjust", "average", "certainty", "remove")) {
  opt_lonely(lp)
  s <- list(data = "apistrat", ids = "1", strata = "stype_lonely", weights = "pw", lonelyPsu = lp)
  D <- as.svrepdesign(svydesign(ids = ~1, strata = ~stype_lonely, weights = ~pw, data = apistrat), type = "JKn")
  add(paste0("lonely_jkn_", lp, "_total"), s, "svytotal", list(x = arr("enroll"), spec = list(replicates = list(type = "JKn"))), stat_rec(svytotal(~enroll, D), D))
  add(paste0("lonely_jkn_", lp, "_mean"), s, "svymean", list(x = arr("api00"), spec = list(replicates = list(type = "JKn"))), stat_rec(svymean(~api00, D), D))
}
opt_lonely("fail")


# ---- replicate designs -----------------------------------------------------------------------
# stat records for replicate designs use degf(repdesign)
rep_cases <- function(prefix, s, D, extra, api = TRUE) {
  base <- c(s, extra)
  if (api) {
    add(paste0(prefix, "_total_enroll"), s, "svytotal", list(x = arr("enroll"), naRm = TRUE, spec = extra), stat_rec(svytotal(~enroll, D, na.rm = TRUE, deff = TRUE), D))
    add(paste0(prefix, "_mean_api"), s, "svymean", list(x = arr(c("api00", "api99")), spec = extra), stat_rec(svymean(~api00 + api99, D, deff = TRUE), D))
    add(paste0(prefix, "_mean_stype"), s, "svymean", list(x = arr("stype"), spec = extra), stat_rec(svymean(~stype, D, deff = TRUE), D))
    r <- svyratio(~api.stu, ~enroll, D, na.rm = TRUE)
    add(paste0(prefix, "_ratio"), s, "svyratio", list(numerator = "api.stu", denominator = "enroll", naRm = TRUE, spec = extra),
        c(rec(coef(r), SE(r), as.matrix(vcov(r)), NULL, degf(D)), list(names = arr("api.stu/enroll"))))
    b <- svyby(~api00, ~stype, D, svymean)
    add(paste0(prefix, "_by_stype_mean"), s, "svyby", list(x = arr("api00"), by = arr("stype"), FUN = "svymean", spec = extra),
        list(levels = arr(as.character(b$stype)), estimate = arr(coef(b)), se = arr(SE(b))))
    q <- svyquantile(~api00, D, c(0.25, 0.5, 0.9))
    add(paste0(prefix, "_quantile"), s, "svyquantile", list(x = arr("api00"), probs = arr(c(0.25, 0.5, 0.9)), spec = extra), qrec(q$api00))
  }
}
qrec <- function(m) list(estimate = arr(m[, 1]), lower = arr(m[, 2]), upper = arr(m[, 3]), se = arr(m[, 4]))

rc1 <- as.svrepdesign(designs$clus1, type = "JK1")
rep_cases("jk1_clus1", specs$clus1, rc1, list(replicates = list(type = "JK1")))
rc1m <- as.svrepdesign(designs$clus1, type = "JK1", mse = TRUE)
rep_cases("jk1mse_clus1", specs$clus1, rc1m, list(replicates = list(type = "JK1", mse = TRUE)))
rs <- as.svrepdesign(designs$strat, type = "JKn")
rep_cases("jkn_strat", specs$strat, rs, list(replicates = list(type = "JKn")))
rn <- as.svrepdesign(designs$nhanes, type = "JKn")
add("jkn_nhanes_mean", specs$nhanes, "svymean", list(x = arr("HI_CHOL"), naRm = TRUE, spec = list(replicates = list(type = "JKn"))), stat_rec(svymean(~HI_CHOL, rn, na.rm = TRUE, deff = TRUE), rn))
# BRR / Fay: spillover's Sylvester Hadamard matrix differs from R's construction; totals are
# linear and agree exactly, nonlinear statistics are compared through R's exported weights below.
rf <- as.svrepdesign(designs$scd, type = "Fay", fay.rho = 0.3)
add("fay_scd_total", specs$scd, "svytotal", list(x = arr(c("arrests", "alive")), spec = list(replicates = list(type = "Fay", rho = 0.3)), compare = arr(c("estimate", "se"))),
    stat_rec(svytotal(~arrests + alive, rf), rf))
rsc <- as.svrepdesign(designs$scd, type = "BRR")
add("brr_scd_total", specs$scd, "svytotal", list(x = arr(c("arrests", "alive")), spec = list(replicates = list(type = "BRR")), compare = arr(c("estimate", "se"))),
    stat_rec(svytotal(~arrests + alive, rsc), rsc))

# Replicate weights supplied in the data (R's own examples and R's exported weights)
scd_rw <- 2 * cbind(c(1, 0, 1, 0, 1, 0), c(1, 0, 0, 1, 0, 1), c(0, 1, 1, 0, 0, 1), c(0, 1, 0, 1, 1, 0))
for (j in 1:4) datasets$scd[[paste0("rw", j)]] <- scd_rw[, j]
datasets$scd$one <- 1
scdrep <- svrepdesign(data = datasets$scd, type = "BRR", repweights = scd_rw, combined.weights = FALSE, weights = ~one)
sscd <- list(data = "scd", weights = "one")
ex <- list(repweights = list(columns = arr(paste0("rw", 1:4)), type = "BRR", combinedWeights = FALSE))
r <- svyratio(~alive, ~arrests, scdrep)
add("repw_scd_ratio", sscd, "svyratio", list(numerator = "alive", denominator = "arrests", spec = ex), c(rec(coef(r), SE(r), as.matrix(vcov(r)), NULL, degf(scdrep)), list(names = arr("alive/arrests"))))
add("repw_scd_total", sscd, "svytotal", list(x = arr(c("arrests", "alive")), spec = ex), stat_rec(svytotal(~arrests + alive, scdrep), scdrep))
scdfay <- svrepdesign(data = datasets$scd, type = "Fay", rho = 0.3, repweights = ifelse(scd_rw > 0, 1.7, 0.3), combined.weights = FALSE, weights = ~one)
for (j in 1:4) datasets$scd[[paste0("fw", j)]] <- ifelse(scd_rw[, j] > 0, 1.7, 0.3)
ex <- list(repweights = list(columns = "^fw", type = "Fay", rho = 0.3, combinedWeights = FALSE))
r <- svyratio(~alive, ~arrests, scdfay)
add("repw_scd_fay_ratio", sscd, "svyratio", list(numerator = "alive", denominator = "arrests", spec = ex), c(rec(coef(r), SE(r), as.matrix(vcov(r)), NULL, degf(scdfay)), list(names = arr("alive/arrests"))))
# R's BRR weights for nhanes (per PSU, expanded to rows) and R's Rao-Wu bootstrap for apistrat and apiclus1
export_rep <- function(rd, dname, prefix) {
  w <- as.matrix(rd$repweights)            # multipliers of the sampling weights (combined.weights = FALSE)
  for (j in seq_len(ncol(w))) datasets[[dname]][[paste0(prefix, j)]] <<- w[, j]
}
export_rep(rsc, "scd", "brr")
brr_ex <- list(repweights = list(columns = "^brr[0-9]+$", type = "BRR", combinedWeights = FALSE))
r <- svyratio(~alive, ~arrests, rsc)
add("repw_scd_brr_ratio", list(data = "scd", weights = "one"), "svyratio", list(numerator = "alive", denominator = "arrests", spec = brr_ex),
    c(rec(coef(r), SE(r), as.matrix(vcov(r)), NULL, degf(rsc)), list(names = arr("alive/arrests"))))
set.seed(20260101)
rboot <- as.svrepdesign(designs$strat, type = "subbootstrap", replicates = 50)
export_rep(rboot, "apistrat", "boot")
boot_ex <- list(repweights = list(columns = "^boot[0-9]+$", type = "bootstrap", combinedWeights = FALSE))
rep_cases("boot_strat", list(data = "apistrat", weights = "pw"), rboot, boot_ex)
set.seed(20260102)
rbc <- as.svrepdesign(designs$clus1, type = "subbootstrap", replicates = 40)
export_rep(rbc, "apiclus1", "boot")
rep_cases("boot_clus1", list(data = "apiclus1", weights = "pw"), rbc, boot_ex)

# ---- quantiles (linearization) ---------------------------------------------------------------
for (nm in c("srs", "strat", "clus1", "clus2")) {
  D <- designs[[nm]]
  q <- svyquantile(~api00, D, c(0.1, 0.25, 0.5, 0.75, 0.9))
  add(paste0(nm, "_quantile"), specs[[nm]], "svyquantile", list(x = arr("api00"), probs = arr(c(0.1, 0.25, 0.5, 0.75, 0.9))), qrec(q$api00))
}
q <- svyquantile(~api00, designs$strat, c(0.5, 0.9), qrule = "school", alpha = 0.1)
add("strat_quantile_school90", specs$strat, "svyquantile", list(x = arr("api00"), probs = arr(c(0.5, 0.9)), qrule = "school", level = 0.9), qrec(q$api00))
q <- svyquantile(~enroll, designs$clus2, c(0.5), na.rm = TRUE)
add("clus2_quantile_narm", specs$clus2, "svyquantile", list(x = arr("enroll"), probs = arr(0.5), naRm = TRUE), qrec(q$enroll))

# ---- calibration -----------------------------------------------------------------------------
dclus1 <- designs$clus1
pop_stype <- list(E = 4421, H = 755, M = 1018)
pop_schwide <- list(No = 1072, Yes = 5122)
ps <- postStratify(dclus1, ~stype, data.frame(stype = c("E", "H", "M"), Freq = c(4421, 755, 1018)))
cal_cases <- function(prefix, D, extra) {
  add(paste0(prefix, "_total_enroll"), specs$clus1, "svytotal", list(x = arr("enroll"), spec = extra), stat_rec(svytotal(~enroll, D, deff = TRUE), D))
  add(paste0(prefix, "_mean_api"), specs$clus1, "svymean", list(x = arr(c("api00", "api99")), spec = extra), stat_rec(svymean(~api00 + api99, D, deff = TRUE), D))
  add(paste0(prefix, "_mean_stype"), specs$clus1, "svymean", list(x = arr("stype"), spec = extra), stat_rec(svymean(~stype, D), D))
  r <- svyratio(~api.stu, ~enroll, D)
  add(paste0(prefix, "_ratio"), specs$clus1, "svyratio", list(numerator = "api.stu", denominator = "enroll", spec = extra),
      c(rec(coef(r), SE(r), as.matrix(vcov(r)), NULL, degf(D)), list(names = arr("api.stu/enroll"))))
  b <- svyby(~api00, ~stype, D, svymean)
  add(paste0(prefix, "_by_stype_mean"), specs$clus1, "svyby", list(x = arr("api00"), by = arr("stype"), FUN = "svymean", spec = extra),
      list(levels = arr(as.character(b$stype)), estimate = arr(coef(b)), se = arr(SE(b))))
  sub <- subset(D, sch.wide == "Yes")
  add(paste0(prefix, "_subset_mean"), specs$clus1, "svymean", list(x = arr("api00"), subset = list(sch.wide = "Yes"), spec = extra), stat_rec(svymean(~api00, sub), sub))
  q <- svyquantile(~api00, D, c(0.5))
  add(paste0(prefix, "_quantile"), specs$clus1, "svyquantile", list(x = arr("api00"), probs = arr(0.5), spec = extra), qrec(q$api00))
}
cal_cases("ps_clus1", ps, list(calibration = list(method = "postStratify", margins = list(list(variables = "stype", totals = pop_stype)))))
rk <- rake(dclus1, list(~stype, ~sch.wide), list(data.frame(stype = c("E", "H", "M"), Freq = c(4421, 755, 1018)), data.frame(sch.wide = c("No", "Yes"), Freq = c(1072, 5122))))
cal_cases("rake_clus1", rk, list(calibration = list(method = "rake", margins = list(list(variables = "stype", totals = pop_stype), list(variables = "sch.wide", totals = pop_schwide)))))
pop <- c(`(Intercept)` = 6194, stypeH = 755, stypeM = 1018, api99 = 3914069)
popl <- as.list(pop)
for (cf in c("linear", "raking", "logit")) {
  b <- if (cf == "logit") c(0.5, 2.5) else c(-Inf, Inf)
  D <- calibrate(dclus1, ~stype + api99, pop, calfun = cf, bounds = b)
  cal <- list(method = cf, formula = "~stype + api99", totals = popl)
  if (cf == "logit") cal$bounds <- arr(b)
  cal_cases(paste0("cal_", cf, "_clus1"), D, list(calibration = cal))
}
D <- calibrate(dclus1, ~stype + api99, pop, calfun = "linear", bounds = c(0.45, 1.75))
cal_cases("cal_linear_bounded_clus1", D, list(calibration = list(method = "linear", formula = "~stype + api99", totals = popl, bounds = arr(c(0.45, 1.75)))))
# calibration of replicate designs: every replicate is calibrated
rk_rep <- postStratify(rc1, ~stype, data.frame(stype = c("E", "H", "M"), Freq = c(4421, 755, 1018)))
ex <- list(replicates = list(type = "JK1"), calibration = list(method = "postStratify", margins = list(list(variables = "stype", totals = pop_stype))))
add("jk1_ps_clus1_mean", specs$clus1, "svymean", list(x = arr("api00"), spec = ex), stat_rec(svymean(~api00, rk_rep), rk_rep))
add("jk1_ps_clus1_total", specs$clus1, "svytotal", list(x = arr("enroll"), spec = ex), stat_rec(svytotal(~enroll, rk_rep), rk_rep))
cr <- calibrate(rc1, ~stype + api99, pop)
ex <- list(replicates = list(type = "JK1"), calibration = list(method = "linear", formula = "~stype + api99", totals = popl))
add("jk1_cal_clus1_mean", specs$clus1, "svymean", list(x = arr("api00"), spec = ex), stat_rec(svymean(~api00, cr), cr))
cr <- calibrate(rc1, ~stype + api99, pop, calfun = "raking")
ex$calibration$method <- "raking"
add("jk1_calraking_clus1_mean", specs$clus1, "svymean", list(x = arr("api00"), spec = ex), stat_rec(svymean(~api00, cr), cr))
rr <- rake(rc1, list(~stype, ~sch.wide), list(data.frame(stype = c("E", "H", "M"), Freq = c(4421, 755, 1018)), data.frame(sch.wide = c("No", "Yes"), Freq = c(1072, 5122))))
ex <- list(replicates = list(type = "JK1"), calibration = list(method = "rake", margins = list(list(variables = "stype", totals = pop_stype), list(variables = "sch.wide", totals = pop_schwide))))
add("jk1_rake_clus1_mean", specs$clus1, "svymean", list(x = arr("api00"), spec = ex), stat_rec(svymean(~api00, rr), rr))

# ---- nonresponse adjustment by weighting classes ---------------------------------------------
datasets$apistrat$resp <- as.numeric(datasets$apistrat$snum %% 4 != 0)
a <- datasets$apistrat
fac <- ave(a$pw, a$stype, FUN = sum) / ave(a$pw * a$resp, a$stype, FUN = sum)
ar <- a[a$resp == 1, ]; ar$adjw <- (a$pw * fac)[a$resp == 1]
Dnr <- svydesign(ids = ~1, strata = ~stype, weights = ~adjw, fpc = ~fpc, data = ar)
ex <- list(nonresponse = list(respond = "resp", classes = "stype"))
add("nr_strat_mean", specs$strat, "svymean", list(x = arr("api00"), spec = ex), stat_rec(svymean(~api00, Dnr, deff = TRUE), Dnr))
add("nr_strat_total", specs$strat, "svytotal", list(x = arr("enroll"), spec = ex), stat_rec(svytotal(~enroll, Dnr, deff = TRUE), Dnr))

# ---- proportions with intervals inside [0, 1] (svyciprop) -------------------------------------
datasets$apistrat$schwide_yes <- as.numeric(datasets$apistrat$sch.wide == "Yes")
datasets$apiclus1$schwide_yes <- as.numeric(datasets$apiclus1$sch.wide == "Yes")
dstrat2 <- svydesign(ids = ~1, strata = ~stype, weights = ~pw, fpc = ~fpc, data = datasets$apistrat)
dclus1b <- svydesign(ids = ~dnum, weights = ~pw, fpc = ~fpc, data = datasets$apiclus1)
ciprec <- function(ci, design) list(estimate = arr(as.vector(ci)), se = arr(sqrt(as.vector(attr(ci, "var")))), lower = arr(attr(ci, "ci")[1]), upper = arr(attr(ci, "ci")[2]))
for (m in c("logit", "xlogit", "asin", "mean", "likelihood", "beta")) {
  add(paste0("ciprop_strat_", m), specs$strat, "svyciprop", list(x = "schwide_yes", method = m), ciprec(svyciprop(~schwide_yes, dstrat2, method = m), dstrat2))
  add(paste0("ciprop_clus1_", m, "_90"), specs$clus1, "svyciprop", list(x = "schwide_yes", method = m, level = 0.9), ciprec(svyciprop(~schwide_yes, dclus1b, method = m, level = 0.9), dclus1b))
}
add("ciprop_nhanes_logit", specs$nhanes, "svyciprop", list(x = "HI_CHOL", method = "logit", naRm = TRUE), ciprec(svyciprop(~HI_CHOL, designs$nhanes, na.rm = TRUE), designs$nhanes))
for (m in c("likelihood", "beta")) {
  add(paste0("ciprop_nhanes_", m), specs$nhanes, "svyciprop", list(x = "HI_CHOL", method = m, naRm = TRUE), ciprec(svyciprop(~HI_CHOL, designs$nhanes, method = m, na.rm = TRUE), designs$nhanes))
}
# a rare proportion (p near 0.05), where the methods differ most
datasets$apistrat$rare <- as.numeric(datasets$apistrat$api00 > 870)
dstrat3 <- svydesign(ids = ~1, strata = ~stype, weights = ~pw, fpc = ~fpc, data = datasets$apistrat)
for (m in c("logit", "likelihood", "beta", "asin")) {
  add(paste0("ciprop_strat_rare_", m), specs$strat, "svyciprop", list(x = "rare", method = m), ciprec(svyciprop(~rare, dstrat3, method = m), dstrat3))
}

# ---- separate ratio estimator (svyratio separate = TRUE, predict with stratum totals) ----------
enroll_by_stype <- tapply(apipop$enroll, apipop$stype, sum, na.rm = TRUE)
for (nm in c("strat", "strat_nofpc")) {
  D <- designs[[nm]]
  sep <- svyratio(~api.stu, ~enroll, D, separate = TRUE)
  add(paste0(nm, "_separate_ratio"), specs[[nm]], "svyratioSeparate", list(numerator = "api.stu", denominator = "enroll"),
      list(strata = arr(as.character(sep$strata)), estimate = arr(sapply(sep$ratios, coef)), se = arr(sapply(sep$ratios, SE))))
  pr <- predict(sep, total = enroll_by_stype[as.character(sep$strata)])
  add(paste0(nm, "_separate_ratio_total"), specs[[nm]], "predictSeparateRatio",
      list(numerator = "api.stu", denominator = "enroll", totals = as.list(enroll_by_stype)),
      list(estimate = arr(as.vector(pr$total)), se = arr(as.vector(pr$se))))
}

# ---- ultimate-cluster variance (options(survey.ultimate.cluster = TRUE)) -------------------------
options(survey.ultimate.cluster = TRUE)
uc <- c(specs$clus2, list(ultimateCluster = TRUE))
Duc <- make_design(specs$clus2)
add("clus2_uc_total", uc, "svytotal", list(x = arr("enroll"), naRm = TRUE), stat_rec(svytotal(~enroll, Duc, na.rm = TRUE, deff = TRUE), subset(Duc, !is.na(enroll))))
add("clus2_uc_mean", uc, "svymean", list(x = arr(c("api00", "api99"))), stat_rec(svymean(~api00 + api99, Duc, deff = TRUE), Duc))
r <- svyratio(~api.stu, ~enroll, Duc, na.rm = TRUE)
add("clus2_uc_ratio", uc, "svyratio", list(numerator = "api.stu", denominator = "enroll", naRm = TRUE), c(rec(coef(r), SE(r), as.matrix(vcov(r)), NULL, degf(subset(Duc, !is.na(api.stu) & !is.na(enroll)))), list(names = arr("api.stu/enroll"))))
Duc1 <- make_design(specs$clus1)
add("clus1_uc_total", c(specs$clus1, list(ultimateCluster = TRUE)), "svytotal", list(x = arr("enroll")), stat_rec(svytotal(~enroll, Duc1, deff = TRUE), Duc1))
options(survey.ultimate.cluster = FALSE)
rc1b <- as.svrepdesign(dclus1b, type = "JK1")
add("ciprop_jk1_clus1_logit", specs$clus1, "svyciprop", list(x = "schwide_yes", method = "logit", spec = list(replicates = list(type = "JK1"))), ciprec(svyciprop(~schwide_yes, rc1b), rc1b))

# datasets again, now with exported replicate weights and the response indicator
for (nm in c("apistrat", "apiclus1", "nhanes", "scd")) {
  d <- datasets[[nm]]
  cols <- lapply(d, function(col) if (is.numeric(col)) arr(col) else arr(as.character(col)))
  write_json(cols, file.path(out, "data", paste0(nm, ".json")))
}

write_json(list(generator = "scripts/ref/survey_reference.R", R = R.version.string, survey = as.character(packageVersion("survey")), cases = cases),
           file.path(out, "reference.json"))
cat("wrote", length(cases), "cases\n")
