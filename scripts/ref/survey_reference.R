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

write_json(list(generator = "scripts/ref/survey_reference.R", R = R.version.string, survey = as.character(packageVersion("survey")), cases = cases),
           file.path(out, "reference.json"))
cat("wrote", length(cases), "cases\n")
