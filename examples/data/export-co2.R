# Exports R's `co2` data set (Mauna Loa atmospheric CO2 concentration, monthly, ppm, 1959-1997;
# Keeling & Whorf, Scripps Institution of Oceanography; shipped with R's `datasets` package,
# Debian `r-base-core`) as the sequence sample's bundled CSV: columns month (YYYY-MM) and co2.
#   Rscript examples/data/export-co2.R examples/src/main/resources/io/github/dl4jrecipes/examples/sequence/co2.csv
args <- commandArgs(trailingOnly = TRUE)
out <- if (length(args) > 0) args[1] else "co2.csv"
t <- time(datasets::co2)
month <- sprintf("%d-%02d", as.integer(floor(t + 1e-6)), as.integer(round((t - floor(t + 1e-6)) * 12)) + 1L)
write.csv(data.frame(month = month, co2 = as.numeric(datasets::co2)), out, row.names = FALSE, quote = FALSE)
