package io.github.dl4jrecipes.recipes.tabular;

import io.github.dl4jrecipes.core.internal.Args;
import io.github.dl4jrecipes.core.optim.Optimizer;
import io.github.dl4jrecipes.core.train.Checkpoints;
import io.github.dl4jrecipes.core.train.Fit;
import io.github.dl4jrecipes.core.train.Progress;
import io.github.dl4jrecipes.recipes.Setting;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.IUpdater;

import java.util.List;
import java.util.Objects;

/**
 * The settings of a {@link TabularRecipe}, typed, each with its {@link io.github.dl4jrecipes.recipes.Source}.
 * A component left null is resolved from the training data by {@link TabularRules} (hidden
 * layers, batch size, epochs, rows), from the activation (dropout) or by the LR finder (peak
 * learning rate); {@link TabularRecipe#resolvedSettings()} has every component set, and the card is
 * rendered from it. Values are validated here, whoever sets them (a {@code withX()} copy or a tuner).
 *
 * <pre>{@code
 * TabularSettings s = recipe.resolvedSettings();
 * List<Integer> widths = s.hiddenLayers().value();          // [64], no card text parsed
 * TabularRecipe tuned = recipe.withSettings(recipe.settings().toBuilder()
 *         .batchSize(Setting.tuner(64)).build());             // the card says "tuner"
 * }</pre>
 *
 * @param activation   hidden activation, one of {@link TabularRecipe#ACTIVATIONS}
 * @param hiddenLayers hidden layer widths, first layer first (null: {@link TabularRules#hiddenLayers})
 * @param dropout      dropout rate in [0, 1) (null: by the activation)
 * @param maxLr        1cycle peak learning rate (null: the LR finder at fit)
 * @param epochs       epochs (null: {@link TabularRules#epochs})
 * @param batchSize    rows per update (null: {@link TabularRules#batchSize})
 * @param trainRows    rows {@code toConfiguration()} sizes for (null: the schema's rows)
 * @param weightDecay  decoupled weight decay, at least 0
 * @param seed         seed of weights, dropout and shuffling
 * @param embeddings   whether categorical columns get entity embeddings
 * @param progress     how training shows progress (not a card setting)
 * @param checkpoints  where training saves checkpoints and resumes from, or null (not a card setting)
 * @param optimizer    the updater to train with instead of Adam with the 1cycle policy, or null
 *                     (the default; when set, {@code maxLr} and the LR finder do not apply)
 * @param patience     early stopping on the validation metric, restoring the best epoch's weights:
 *                     epochs without improvement before stopping, 0 for none
 *                     (null: {@link TabularRecipe#DEFAULT_PATIENCE}); applies only when {@code fit} is given validation rows
 */
public record TabularSettings(Setting<Activation> activation, Setting<List<Integer>> hiddenLayers,
                              Setting<Double> dropout, Setting<Double> maxLr, Setting<Integer> epochs,
                              Setting<Integer> batchSize, Setting<Integer> trainRows, Setting<Double> weightDecay,
                              Setting<Long> seed, Setting<Boolean> embeddings, Progress progress,
                              Checkpoints checkpoints, Setting<IUpdater> optimizer, Setting<Integer> patience) {

    /** Validates every component that is set. */
    public TabularSettings {
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(weightDecay, "weightDecay");
        Objects.requireNonNull(seed, "seed");
        Objects.requireNonNull(embeddings, "embeddings");
        Objects.requireNonNull(progress, "progress");
        if (!TabularRecipe.ACTIVATIONS.contains(activation.value())) {
            throw new IllegalArgumentException("activation: the tabular recipe builds hidden layers with one of "
                    + TabularRecipe.ACTIVATIONS + " (the activation ladder), got " + activation.value() + "; fix: pass "
                    + "one of them, e.g. withActivation(Activation." + TabularRecipe.DEFAULT_ACTIVATION + ") (the "
                    + "default) or Activation.SELU for the self-normalizing network");
        }
        if (hiddenLayers != null) {
            List<Integer> widths = hiddenLayers.value();
            if (widths.isEmpty() || widths.stream().anyMatch(w -> w < 1)) {
                throw new IllegalArgumentException("hiddenLayers: need at least one layer, each >= 1 unit wide, got "
                        + widths + "; e.g. withHiddenLayers(200, 100) (fastai's default)");
            }
            hiddenLayers = new Setting<>(List.copyOf(widths), hiddenLayers.source(), hiddenLayers.why());
        }
        if (dropout != null) {
            Args.belowOne("dropout rate (fraction of units dropped)", dropout.value(), "use "
                    + TabularRecipe.DEFAULT_DROPOUT + " (ReLU) or " + TabularRecipe.DEFAULT_ALPHA_DROPOUT
                    + " (SELU), or 0 for none");
        }
        if (maxLr != null) {
            Args.positive("maxLr", maxLr.value(), "use " + TabularRecipe.DEFAULT_MAX_LR
                    + " or the LR finder's suggestion");
        }
        if (epochs != null) {
            Args.atLeast("epochs", epochs.value(), 1, "pass the number of passes over the training data");
        }
        if (batchSize != null) {
            Args.atLeast("batchSize", batchSize.value(), 1, "pass rows per update");
        }
        if (patience != null) {
            Args.atLeast("patience", patience.value(), 0, "pass the epochs without improvement before stopping, "
                    + "e.g. 10, or 0 for no early stopping");
        }
        if (trainRows != null) {
            Args.atLeast("trainRows", trainRows.value(), 1, "pass the number of training rows");
        }
        if (!(weightDecay.value() >= 0) || Double.isInfinite(weightDecay.value())) {
            throw new IllegalArgumentException("weightDecay must be a finite number >= 0, got " + weightDecay.value()
                    + "; use " + Optimizer.DEFAULT_WEIGHT_DECAY + " (fastai) or 0 for none");
        }
    }

    /** A new recipe's settings: the documented defaults, every data-dependent size left to the rules. */
    static TabularSettings defaults() {
        return new TabularSettings(
                Setting.byDefault(TabularRecipe.DEFAULT_ACTIVATION, "ReLU (fastai tabular_learner)"),
                null, null, null, null, null, null,
                Setting.byDefault(TabularRecipe.DEFAULT_WEIGHT_DECAY, "fastai's wd; measured on the bench's "
                        + "tabular-quality suite"),
                Setting.byDefault(Fit.DEFAULT_SEED, "fixed"),
                Setting.byDefault(false, "one-hot inputs"),
                Progress.AUTO, null, null, null);
    }

    /** A builder holding these settings, to change some and {@link Builder#build()} a new record. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes some settings of a {@link TabularSettings}; {@link #build()} validates them. */
    public static final class Builder {
        private Setting<Activation> activation;
        private Setting<List<Integer>> hiddenLayers;
        private Setting<Double> dropout;
        private Setting<Double> maxLr;
        private Setting<Integer> epochs;
        private Setting<Integer> batchSize;
        private Setting<Integer> trainRows;
        private Setting<Double> weightDecay;
        private Setting<Long> seed;
        private Setting<Boolean> embeddings;
        private Progress progress;
        private Checkpoints checkpoints;
        private Setting<IUpdater> optimizer;
        private Setting<Integer> patience;

        private Builder(TabularSettings from) {
            activation = from.activation;
            hiddenLayers = from.hiddenLayers;
            dropout = from.dropout;
            maxLr = from.maxLr;
            epochs = from.epochs;
            batchSize = from.batchSize;
            trainRows = from.trainRows;
            weightDecay = from.weightDecay;
            seed = from.seed;
            embeddings = from.embeddings;
            progress = from.progress;
            checkpoints = from.checkpoints;
            optimizer = from.optimizer;
            patience = from.patience;
        }

        /** Sets {@link TabularSettings#activation()}. */
        public Builder activation(Setting<Activation> value) {
            activation = value;
            return this;
        }

        /** Sets {@link TabularSettings#hiddenLayers()}. */
        public Builder hiddenLayers(Setting<List<Integer>> value) {
            hiddenLayers = value;
            return this;
        }

        /** Sets {@link TabularSettings#dropout()}. */
        public Builder dropout(Setting<Double> value) {
            dropout = value;
            return this;
        }

        /** Sets {@link TabularSettings#maxLr()}. */
        public Builder maxLr(Setting<Double> value) {
            maxLr = value;
            return this;
        }

        /** Sets {@link TabularSettings#epochs()}. */
        public Builder epochs(Setting<Integer> value) {
            epochs = value;
            return this;
        }

        /** Sets {@link TabularSettings#batchSize()}. */
        public Builder batchSize(Setting<Integer> value) {
            batchSize = value;
            return this;
        }

        /** Sets {@link TabularSettings#trainRows()}. */
        public Builder trainRows(Setting<Integer> value) {
            trainRows = value;
            return this;
        }

        /** Sets {@link TabularSettings#weightDecay()}. */
        public Builder weightDecay(Setting<Double> value) {
            weightDecay = value;
            return this;
        }

        /** Sets {@link TabularSettings#seed()}. */
        public Builder seed(Setting<Long> value) {
            seed = value;
            return this;
        }

        /** Sets {@link TabularSettings#embeddings()}. */
        public Builder embeddings(Setting<Boolean> value) {
            embeddings = value;
            return this;
        }

        /** Sets {@link TabularSettings#progress()}. */
        public Builder progress(Progress value) {
            progress = value;
            return this;
        }

        /** Sets {@link TabularSettings#checkpoints()} (null: none). */
        public Builder checkpoints(Checkpoints value) {
            checkpoints = value;
            return this;
        }

        /** Sets {@link TabularSettings#optimizer()} (null: Adam with the 1cycle policy). */
        public Builder optimizer(Setting<IUpdater> value) {
            optimizer = value;
            return this;
        }

        /** Sets {@link TabularSettings#patience()} (null: the default). */
        public Builder patience(Setting<Integer> value) {
            patience = value;
            return this;
        }

        /** The validated settings. */
        public TabularSettings build() {
            return new TabularSettings(activation, hiddenLayers, dropout, maxLr, epochs, batchSize, trainRows,
                    weightDecay, seed, embeddings, progress, checkpoints, optimizer, patience);
        }
    }
}
