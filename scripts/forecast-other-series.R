# Other public series for the "never saw" check of the pretrained forecaster: series of R's `datasets` and of
# the `forecast` package (Debian: r-base-core, r-cran-forecast) that are NOT among the 22 benchmark series of
# ../shared/data/timeseries. Writes them as a manifest folder in the benchmark's format (the last h points are
# the test part; same horizons per frequency: monthly 18, quarterly 8, yearly 6, daily 14, hourly 24, other 8)
# and scores R's ets, auto.arima and theta on them exactly as `tessera forecast-eval` scores a model:
# MASE of the median and WQL over levels 0.1..0.9 (from the 20/40/60/80% intervals), each divided by seasonal
# naive's, geometric mean over series.
#
#   Rscript scripts/forecast-other-series.R /tmp/other-series
#   ./tessera forecast-eval --data /tmp/other-series --pretrained --json
#
# Evaluation data only: nothing here is ever used to train the pretrained forecaster.
suppressPackageStartupMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
out <- if (length(args) > 0) args[1] else "/tmp/other-series"
dir.create(out, showWarnings = FALSE, recursive = TRUE)

taylor_hourly <- ts(colSums(matrix(as.numeric(forecast::taylor), nrow = 2)), frequency = 24)
series <- list(
  list("Seatbelts.front", Seatbelts[, "front"], "monthly", 12),
  list("Seatbelts.rear", Seatbelts[, "rear"], "monthly", 12),
  list("Seatbelts.PetrolPrice", Seatbelts[, "PetrolPrice"], "monthly", 12),
  list("wineind", forecast::wineind, "monthly", 12),
  list("gas", forecast::gas, "monthly", 12),
  list("woolyrnq", forecast::woolyrnq, "quarterly", 4),
  list("freeny.y", freeny.y, "quarterly", 4),
  list("nhtemp", nhtemp, "yearly", 1),
  list("airmiles", airmiles, "yearly", 1),
  list("discoveries", discoveries, "yearly", 1),
  list("EuStockMarkets.SMI", EuStockMarkets[, "SMI"], "daily", 1),
  list("EuStockMarkets.CAC", EuStockMarkets[, "CAC"], "daily", 1),
  list("EuStockMarkets.FTSE", EuStockMarkets[, "FTSE"], "daily", 1),
  list("gold", forecast::gold, "daily", 1),
  list("taylor.hourly", taylor_hourly, "hourly", 24),
  list("lh", lh, "other", 1),
  list("BJsales.lead", BJsales.lead, "other", 1),
  list("beaver1.temp", ts(beaver1$temp), "other", 1)
)
horizon_of <- c(monthly = 18, quarterly = 8, yearly = 6, daily = 14, hourly = 24, other = 8)
levels <- seq(0.1, 0.9, by = 0.1)

quantiles_of <- function(fc) {
  # the 20/40/60/80% intervals give levels 0.4/0.6, 0.3/0.7, 0.2/0.8, 0.1/0.9; the median is the point forecast
  lo <- fc$lower; hi <- fc$upper
  q <- cbind(lo[, 4], lo[, 3], lo[, 2], lo[, 1], as.numeric(fc$mean), hi[, 1], hi[, 2], hi[, 3], hi[, 4])
  t(apply(q, 1, sort))
}
scale_of <- function(x, m) {
  m <- if (length(x) > m) m else 1
  mean(abs(diff(x, lag = m)), na.rm = TRUE)
}
mase <- function(y, f, x, m) mean(abs(y - f), na.rm = TRUE) / scale_of(x, m)
wql <- function(y, q) {
  ok <- !is.na(y); den <- sum(abs(y[ok])); s <- 0
  for (i in seq_along(levels)) {
    d <- y[ok] - q[ok, i]
    s <- s + 2 * sum(pmax(levels[i] * d, (levels[i] - 1) * d)) / den
  }
  s / length(levels)
}

rows <- list(); scores <- list()
for (s in series) {
  name <- s[[1]]; x <- s[[2]]; freq <- s[[3]]; m <- s[[4]]; h <- horizon_of[[freq]]
  v <- as.numeric(x); n <- length(v)
  file <- paste0(name, ".csv")
  write.csv(data.frame(index = seq_len(n), value = v), file.path(out, file), row.names = FALSE, na = "")
  rows[[length(rows) + 1]] <- data.frame(name = name, file = file, frequency = freq, period = m, length = n,
    horizon = h, train_length = n - h, missing = sum(is.na(v)), time_column = "index", start = "1",
    end = as.character(n), source = "R datasets / forecast", note = "")
  train <- v[1:(n - h)]; test <- v[(n - h + 1):n]
  idx <- which(!is.na(train))
  train <- approx(idx, train[idx], xout = seq_along(train), rule = 2)$y
  tx <- ts(train, frequency = m)
  fits <- list(
    snaive = function() snaive(tx, h = h, level = c(20, 40, 60, 80)),
    ets = function() forecast(ets(tx), h = h, level = c(20, 40, 60, 80)),
    auto.arima = function() forecast(auto.arima(tx), h = h, level = c(20, 40, 60, 80)),
    theta = function() thetaf(tx, h = h, level = c(20, 40, 60, 80)))
  for (method in names(fits)) {
    q <- quantiles_of(fits[[method]]())
    scores[[length(scores) + 1]] <- data.frame(series = name, method = method,
      mase = mase(test, q[, 5], train, m), wql = wql(test, q))
  }
}
write.csv(do.call(rbind, rows), file.path(out, "manifest.csv"), row.names = FALSE)
sc <- do.call(rbind, scores)
write.csv(sc, file.path(out, "r-scores.csv"), row.names = FALSE)
base <- sc[sc$method == "snaive", ]
cat(sprintf("%d series in %s\n", nrow(base), out))
for (method in c("ets", "auto.arima", "theta")) {
  r <- sc[sc$method == method, ]
  cat(sprintf("%-10s relative MASE %.3f, relative WQL %.3f\n", method,
    exp(mean(log(pmax(r$mase / base$mase, 1e-6)))), exp(mean(log(pmax(r$wql / base$wql, 1e-6))))))
}
