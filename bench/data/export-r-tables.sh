#!/usr/bin/env bash
# Exports the real small tables of the bench's tabular-quality section from R's mlbench and modeldata packages
# (Debian: apt-get install -y r-base-core r-cran-mlbench r-cran-modeldata) into bench/data/tables/ (git-ignored),
# with the manifest tables.tsv (name, file, target, task) that BenchMain --only tabular-quality reads.
# Never scikit-learn's bundled datasets: they are reserved as an independent check.
# Usage (from the repository root): bench/data/export-r-tables.sh [OUT_DIR]
set -euo pipefail
out="${1:-bench/data/tables}"
command -v Rscript >/dev/null || { echo "Rscript not found: apt-get install -y r-base-core r-cran-mlbench r-cran-modeldata" >&2; exit 1; }
mkdir -p "$out"
Rscript --vanilla - "$out" <<'R'
out <- commandArgs(trailingOnly = TRUE)[1]
suppressPackageStartupMessages({ library(mlbench); library(modeldata) })
save <- function(frame, name) write.csv(frame, file.path(out, paste0(name, ".csv")), row.names = FALSE, na = "")
data(Sonar); save(Sonar, "sonar")
data(Glass); save(Glass, "glass")
data(Ionosphere); save(Ionosphere[, names(Ionosphere) != "V2"], "ionosphere")   # V2 is constant
data(PimaIndiansDiabetes2); save(PimaIndiansDiabetes2, "pima2")
data(BreastCancer); save(BreastCancer[, names(BreastCancer) != "Id"], "breastcancer")
data(Vehicle); save(Vehicle, "vehicle")
data(BostonHousing); save(BostonHousing, "bostonhousing")
data(Servo); save(Servo, "servo")
data(Ozone); save(Ozone[!is.na(Ozone$V4), ], "ozone")                          # rows without the target dropped
data(attrition); save(attrition, "attrition")
data(concrete); save(as.data.frame(concrete), "concrete")
R
cat > "$out/tables.tsv" <<'TSV'
name	file	target	task
sonar	sonar.csv	Class	classification
glass	glass.csv	Type	classification
ionosphere	ionosphere.csv	Class	classification
pima2	pima2.csv	diabetes	classification
breastcancer	breastcancer.csv	Class	classification
vehicle	vehicle.csv	Class	classification
attrition	attrition.csv	Attrition	classification
bostonhousing	bostonhousing.csv	medv	regression
servo	servo.csv	Class	regression
ozone	ozone.csv	V4	regression
concrete	concrete.csv	compressive_strength	regression
TSV
wc -l "$out"/*.csv
