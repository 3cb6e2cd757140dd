package io.github.dl4jrecipes.recipes.sequence;

import io.github.dl4jrecipes.core.internal.Args;
import io.github.dl4jrecipes.core.optim.Clipping;
import io.github.dl4jrecipes.core.train.Fit;
import io.github.dl4jrecipes.core.train.Progress;
import io.github.dl4jrecipes.recipes.Setting;
import org.nd4j.linalg.learning.config.IUpdater;

import java.util.Objects;

/**
 * The settings of a {@link SequenceRecipe}, typed, each with its {@link io.github.dl4jrecipes.recipes.Source};
 * the card is rendered from them. Values are validated here, whoever sets them.
 *
 * <pre>{@code
 * SequenceSettings s = recipe.settings();
 * int units = s.hiddenSize().value();                              // 64
 * SequenceRecipe tuned = recipe.withSettings(s.toBuilder().hiddenSize(Setting.tuner(32)).build());
 * }</pre>
 *
 * @param hiddenSize    units per recurrent layer (per direction), at least 1
 * @param layers        stacked recurrent layers, at least 1
 * @param bidirectional whether each recurrent layer reads the sequence both ways
 * @param clipping      gradient clipping of every layer
 * @param maxLr         1cycle peak learning rate, or null for the LR finder at fit
 * @param epochs        most epochs (early stopping may end sooner), at least 1
 * @param batchSize     sequences per update, at least 1
 * @param patience      early-stopping patience in epochs (with validation data), at least 1
 * @param seed          seed of weights and shuffling
 * @param optimizer     the updater instead of Adam with the 1cycle policy, or null (the default;
 *                      when set, {@code maxLr} and the LR finder do not apply)
 * @param progress      how training shows progress (not a card setting)
 */
public record SequenceSettings(Setting<Integer> hiddenSize, Setting<Integer> layers, Setting<Boolean> bidirectional,
                               Setting<Clipping> clipping, Setting<Double> maxLr, Setting<Integer> epochs,
                               Setting<Integer> batchSize, Setting<Integer> patience, Setting<Long> seed,
                               Setting<IUpdater> optimizer, Progress progress) {

    /** Validates every component that is set. */
    public SequenceSettings {
        Objects.requireNonNull(hiddenSize, "hiddenSize");
        Objects.requireNonNull(layers, "layers");
        Objects.requireNonNull(bidirectional, "bidirectional");
        Objects.requireNonNull(clipping, "clipping");
        Objects.requireNonNull(epochs, "epochs");
        Objects.requireNonNull(batchSize, "batchSize");
        Objects.requireNonNull(patience, "patience");
        Objects.requireNonNull(seed, "seed");
        Objects.requireNonNull(progress, "progress");
        Args.atLeast("hiddenSize", hiddenSize.value(), 1, "pass units per recurrent layer, e.g. "
                + SequenceRecipe.DEFAULT_HIDDEN_SIZE);
        Args.atLeast("layers", layers.value(), 1, "pass the number of stacked recurrent layers, e.g. 1 or 2");
        if (maxLr != null) {
            Args.positive("maxLr", maxLr.value(), "use " + SequenceRecipe.DEFAULT_MAX_LR + " or the LR finder's "
                    + "suggestion (leave it unset)");
        }
        Args.atLeast("epochs", epochs.value(), 1, "pass the most passes over the training data");
        Args.atLeast("batchSize", batchSize.value(), 1, "pass sequences per update, e.g. "
                + SequenceRecipe.DEFAULT_BATCH_SIZE);
        Args.atLeast("patience", patience.value(), 1, "pass the epochs without improvement before stopping, e.g. "
                + SequenceRecipe.DEFAULT_PATIENCE);
    }

    /** A new recipe's settings: the documented defaults. */
    static SequenceSettings defaults() {
        return new SequenceSettings(
                Setting.byDefault(SequenceRecipe.DEFAULT_HIDDEN_SIZE, "a small LSTM for small series"),
                Setting.byDefault(SequenceRecipe.DEFAULT_LAYERS, "one recurrent layer"),
                Setting.byDefault(false, "reads forward, as a forecast must"),
                Setting.byDefault(Clipping.byNorm(), "per-layer L2 norm 1.0 (Pascanu et al. 2013)"),
                null,
                Setting.byDefault(SequenceRecipe.DEFAULT_EPOCHS, "at most; early stopping with validation data"),
                Setting.byDefault(SequenceRecipe.DEFAULT_BATCH_SIZE, "small batches (Masters & Luschi 2018)"),
                Setting.byDefault(SequenceRecipe.DEFAULT_PATIENCE, "epochs without a better validation metric"),
                Setting.byDefault(Fit.DEFAULT_SEED, "fixed"),
                null, Progress.AUTO);
    }

    /** A builder holding these settings, to change some and {@link Builder#build()} a new record. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes some settings of a {@link SequenceSettings}; {@link #build()} validates them. */
    public static final class Builder {
        private Setting<Integer> hiddenSize;
        private Setting<Integer> layers;
        private Setting<Boolean> bidirectional;
        private Setting<Clipping> clipping;
        private Setting<Double> maxLr;
        private Setting<Integer> epochs;
        private Setting<Integer> batchSize;
        private Setting<Integer> patience;
        private Setting<Long> seed;
        private Setting<IUpdater> optimizer;
        private Progress progress;

        private Builder(SequenceSettings from) {
            hiddenSize = from.hiddenSize;
            layers = from.layers;
            bidirectional = from.bidirectional;
            clipping = from.clipping;
            maxLr = from.maxLr;
            epochs = from.epochs;
            batchSize = from.batchSize;
            patience = from.patience;
            seed = from.seed;
            optimizer = from.optimizer;
            progress = from.progress;
        }

        /** Sets {@link SequenceSettings#hiddenSize()}. */
        public Builder hiddenSize(Setting<Integer> value) {
            hiddenSize = value;
            return this;
        }

        /** Sets {@link SequenceSettings#layers()}. */
        public Builder layers(Setting<Integer> value) {
            layers = value;
            return this;
        }

        /** Sets {@link SequenceSettings#bidirectional()}. */
        public Builder bidirectional(Setting<Boolean> value) {
            bidirectional = value;
            return this;
        }

        /** Sets {@link SequenceSettings#clipping()}. */
        public Builder clipping(Setting<Clipping> value) {
            clipping = value;
            return this;
        }

        /** Sets {@link SequenceSettings#maxLr()} (null: the LR finder). */
        public Builder maxLr(Setting<Double> value) {
            maxLr = value;
            return this;
        }

        /** Sets {@link SequenceSettings#epochs()}. */
        public Builder epochs(Setting<Integer> value) {
            epochs = value;
            return this;
        }

        /** Sets {@link SequenceSettings#batchSize()}. */
        public Builder batchSize(Setting<Integer> value) {
            batchSize = value;
            return this;
        }

        /** Sets {@link SequenceSettings#patience()}. */
        public Builder patience(Setting<Integer> value) {
            patience = value;
            return this;
        }

        /** Sets {@link SequenceSettings#seed()}. */
        public Builder seed(Setting<Long> value) {
            seed = value;
            return this;
        }

        /** Sets {@link SequenceSettings#optimizer()} (null: Adam with the 1cycle policy). */
        public Builder optimizer(Setting<IUpdater> value) {
            optimizer = value;
            return this;
        }

        /** Sets {@link SequenceSettings#progress()}. */
        public Builder progress(Progress value) {
            progress = value;
            return this;
        }

        /** The validated settings. */
        public SequenceSettings build() {
            return new SequenceSettings(hiddenSize, layers, bidirectional, clipping, maxLr, epochs, batchSize,
                    patience, seed, optimizer, progress);
        }
    }
}
