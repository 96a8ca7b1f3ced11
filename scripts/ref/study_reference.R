# Reference standard errors for the study's default designs (src/study/model/sampling.ts), computed with
# R survey on the fixtures in test/fixtures/study/. Run: Rscript scripts/ref/study_reference.R
# Writes test/fixtures/study/reference.json.
suppressMessages(library(survey))
fx <- "test/fixtures/study"
Npop <- c(a = 300, b = 500)      # provider populations N_k
Mpop <- c(x = 20000, y = 5000)   # accounts M_j
U <- 1e6                         # platform users
b <- c(c1 = 1.5, c2 = 0.8, c3 = 1.2)  # coefficients b_s
jpy <- 0.001                     # jobs per yuan

p <- read.csv(file.path(fx, "providers.csv"))
p$related <- p$employees * p$related_share
p$part <- p$related * (1 - p$fulltime_share)
p$N <- Npop[p$type]
dp <- svydesign(ids = ~1, strata = ~type, fpc = ~N, data = p)
tp <- svyby(~related + part, ~type, dp, svytotal, covmat = TRUE)
Vp <- vcov(tp)

o <- read.csv(file.path(fx, "operators.csv"))
o$part <- o$staff * (1 - o$fulltime_share)
o$w <- 1
do <- svydesign(ids = ~1, strata = ~type, weights = ~w, data = o)
out <- list()
for (t in names(Mpop)) {
  d <- subset(do, type == t)
  r1 <- svyratio(~staff, ~accounts, d)
  r2 <- svyratio(~part, ~accounts, d)
  out[[paste0("jobs.operators.", t)]] <- list(value = unname(coef(r1)) * Mpop[[t]], se = unname(SE(r1)) * Mpop[[t]])
  out[[paste0("jobs.operators.", t, ".parttime")]] <- list(value = unname(coef(r2)) * Mpop[[t]], se = unname(SE(r2)) * Mpop[[t]])
}
for (t in names(Npop)) {
  d <- subset(dp, type == t)
  tt <- svytotal(~related + part, d)
  full <- svycontrast(tt, c(1, -1))
  out[[paste0("jobs.providers.", t)]] <- list(value = unname(coef(tt)[1]), se = unname(SE(tt)[1]))
  out[[paste0("jobs.providers.", t, ".parttime")]] <- list(value = unname(coef(tt)[2]), se = unname(SE(tt)[2]))
  out[[paste0("jobs.providers.", t, ".fulltime")]] <- list(value = unname(coef(full)), se = unname(SE(full)))
}
tpr <- svytotal(~related, dp)
out[["jobs.providers"]] <- list(value = unname(coef(tpr)), se = unname(SE(tpr)))
# Operators: the two types are separate strata, so ratio estimates are independent.
vops <- out[["jobs.operators.x"]]$se^2 + out[["jobs.operators.y"]]$se^2
out[["jobs.operators"]] <- list(value = out[["jobs.operators.x"]]$value + out[["jobs.operators.y"]]$value, se = sqrt(vops))
out[["jobs.direct"]] <- list(value = out[["jobs.providers"]]$value + out[["jobs.operators"]]$value, se = sqrt(out[["jobs.providers"]]$se^2 + vops))

cs <- read.csv(file.path(fx, "consumers.csv"))
cs$U <- U
dc <- svydesign(ids = ~1, fpc = ~U, data = cs)
tc <- svytotal(~c1 + c2 + c3, dc)
for (k in names(b)) out[[paste0("consumption.", k)]] <- list(value = unname(coef(tc)[k]), se = unname(SE(tc)[k]))
tot <- svycontrast(tc, c(1, 1, 1))
out[["consumption.total"]] <- list(value = unname(coef(tot)), se = unname(SE(tot)))
ind <- svycontrast(tc, b)
out[["output.indirect"]] <- list(value = unname(coef(ind)), se = unname(SE(ind)))
out[["jobs.indirect"]] <- list(value = jpy * unname(coef(ind)), se = jpy * unname(SE(ind)))
out[["df.providers"]] <- list(value = degf(dp))
out[["df.consumers"]] <- list(value = degf(dc))

# Indicators (src/study/model/indicators.ts) under the same designs.
m <- svymean(~I(as.numeric(related_share > 0.5)), dp)
out[["indicator.related_majority"]] <- list(value = unname(coef(m)), se = unname(SE(m)))
mb <- svyby(~I(as.numeric(related_share > 0.5)), ~type, dp, svymean)
for (k in seq_len(nrow(mb))) out[[paste0("indicator.related_majority.", rownames(mb)[k])]] <- list(value = unname(coef(mb))[k], se = unname(SE(mb))[k])
# Proportion intervals as R's svyciprop (logit, df = design df of the (sub)design), overall and by type.
dp$variables$maj <- as.numeric(dp$variables$related_share > 0.5)
ci_of <- function(d) { q <- svyciprop(~maj, d, method = "logit"); as.vector(attr(q, "ci")) }
out[["indicator.related_majority"]]$lower <- ci_of(dp)[1]; out[["indicator.related_majority"]]$upper <- ci_of(dp)[2]
for (t in names(Npop)) {
  id <- paste0("indicator.related_majority.", t)
  ci <- ci_of(subset(dp, type == t)); out[[id]]$lower <- ci[1]; out[[id]]$upper <- ci[2]
}
o$staff_x <- o$staff * (o$type == "x")
do <- svydesign(ids = ~1, strata = ~type, weights = ~w, data = o)
rx <- svyratio(~staff_x, ~accounts, do)
out[["indicator.staff_x_share"]] <- list(value = unname(coef(rx)), se = unname(SE(rx)))
bs <- svymean(~I(as.numeric(c1 >= 50)), dc)
out[["indicator.big_spenders"]] <- list(value = unname(coef(bs)), se = unname(SE(bs)))
dc$variables$big <- as.numeric(dc$variables$c1 >= 50)
qb <- svyciprop(~big, dc, method = "logit")
out[["indicator.big_spenders"]]$lower <- attr(qb, "ci")[[1]]; out[["indicator.big_spenders"]]$upper <- attr(qb, "ci")[[2]]
# staff_x / accounts is not a share (staff can exceed accounts): Wald interval with the design df.
out[["indicator.staff_x_share"]]$lower <- coef(rx)[[1]] - qt(0.975, degf(do)) * SE(rx)[[1]]
out[["indicator.staff_x_share"]]$upper <- coef(rx)[[1]] + qt(0.975, degf(do)) * SE(rx)[[1]]

writeLines(jsonlite_free <- paste0("{\n", paste(sprintf('  "%s": {%s}', names(out), sapply(out, function(e) paste(sprintf('"%s": %.17g', names(e), unlist(e)), collapse = ", "))), collapse = ",\n"), "\n}"), file.path(fx, "reference.json"))
cat("wrote", file.path(fx, "reference.json"), "\n")
