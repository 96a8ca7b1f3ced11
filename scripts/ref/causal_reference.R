#!/usr/bin/env Rscript
# Reference numbers for spillover's causal engine (src/causal), computed with estimatr on the
# seeded fixtures of scripts/ref/causal_fixtures.ts. Writes test/fixtures/causal/reference.json so
# tests never need R.
#
#   node --import tsx scripts/ref/causal_fixtures.ts && Rscript scripts/ref/causal_reference.R
#
# Requires r-base-core, r-cran-estimatr, r-cran-sandwich, r-cran-jsonlite (Debian).
suppressPackageStartupMessages({ library(estimatr); library(sandwich); library(jsonlite) })
dir <- "test/fixtures/causal"
fit <- function(m) list(
  terms = names(coef(m)), coefficients = unname(coef(m)), se = unname(m$std.error),
  df = unname(m$df), conf_low = unname(m$conf.low), conf_high = unname(m$conf.high), nobs = m$nobs)
res <- list()

panel <- read.csv(file.path(dir, "panel.csv"))
# estimatr's demeaning stops at 1e-8; on the unbalanced panel the exact dummy-variable fit (lm +
# sandwich::vcovCL, HC1 with the same small-sample factor) is written beside it.
res$twfe_balanced <- fit(lm_robust(y ~ d + x, data = panel, fixed_effects = ~ unit + time,
                                   clusters = state, se_type = "stata"))
unb <- panel[panel$keep == 1, ]
res$twfe_unbalanced <- fit(lm_robust(y ~ d + x, data = unb, fixed_effects = ~ unit + time,
                                     clusters = state, se_type = "stata"))
lmd <- lm(y ~ d + x + factor(unit) + factor(time), data = unb)
G <- length(unique(unb$state)); N <- nrow(unb); K <- lmd$rank
V <- vcovCL(lmd, cluster = ~ state, type = "HC0", cadjust = FALSE) * G / (G - 1) * (N - 1) / (N - K)
res$twfe_unbalanced_dummies <- list(coefficients = unname(coef(lmd)[c("d", "x")]),
                                    se = unname(sqrt(diag(V))[c("d", "x")]))
res$twfe_unit_clusters <- fit(lm_robust(y ~ d, data = panel, fixed_effects = ~ unit + time,
                                        clusters = unit, se_type = "stata"))

cells <- read.csv(file.path(dir, "cells.csv"))
cells$ci <- paste(cells$city, cells$industry); cells$cd <- paste(cells$city, cells$day)
cells$id <- paste(cells$industry, cells$day)
res$triple <- fit(lm_robust(y ~ d, data = cells, fixed_effects = ~ ci + cd + id,
                            clusters = city, se_type = "stata"))

payers <- read.csv(file.path(dir, "payers.csv"))
payers$dy <- payers$post - payers$pre
res$lottery_did <- fit(lm_robust(dy ~ won, data = payers, clusters = payer, se_type = "stata"))
res$lottery_mpc <- fit(iv_robust(dy ~ subsidy | won, data = payers, clusters = payer, se_type = "stata"))

weeks <- read.csv(file.path(dir, "payer_weeks.csv"))
for (w in c(-3, -2, 0, 1, 2, 3)) weeks[[paste0("ev", w + 3)]] <- as.numeric(weeks$won == 1 & weeks$week == w)
res$event_study <- fit(lm_robust(spend ~ ev0 + ev1 + ev3 + ev4 + ev5 + ev6, data = weeks,
                                 fixed_effects = ~ payer + week, clusters = payer, se_type = "stata"))
ev <- lm_robust(spend ~ ev0 + ev1 + ev3 + ev4 + ev5 + ev6, data = weeks,
                fixed_effects = ~ payer + week, clusters = payer, se_type = "stata")
res$event_study$vcov <- unname(as.vector(vcov(ev)))

writeLines(toJSON(res, digits = I(17), auto_unbox = TRUE, pretty = TRUE), file.path(dir, "reference.json"))
cat("wrote", file.path(dir, "reference.json"), "\n")
