package io.github.dl4jrecipes.core.lr;

/** How {@link LrFinder} turns its loss curve into one learning rate (fastai's suggestion functions). */
public enum Suggestion {
    /**
     * fastai's default since 2.5: the middle of the longest stretch over which the smoothed loss
     * keeps falling ("valley"), a robust choice that is neither too cautious nor too close to the
     * blow-up.
     */
    VALLEY,
    /** The LR where the smoothed loss falls fastest with respect to log10(LR). */
    STEEP,
    /** The LR of the lowest smoothed loss, divided by 10 (Smith's and fastai's older rule). */
    MINIMUM_DIV_10
}
