package io.github.dl4jrecipes.core.data;

/**
 * Statistics of a numeric column over the training rows: the median fills missing values, then
 * values are standardized to {@code (x - mean) / std}.
 *
 * @param median median of the non-missing training values
 * @param mean mean of the training values after filling
 * @param std population standard deviation of those values, or 1 for a constant column
 */
public record NumericStats(double median, double mean, double std) {

    /** Validates that every statistic is finite and the scale positive. */
    public NumericStats {
        if (!Double.isFinite(median) || !Double.isFinite(mean) || !(std > 0) || !Double.isFinite(std)) {
            throw new IllegalArgumentException("numeric statistics must be finite with std > 0, got median="
                    + median + ", mean=" + mean + ", std=" + std);
        }
    }

    /** {@code value} standardized. */
    public double standardize(double value) {
        return (value - mean) / std;
    }
}
