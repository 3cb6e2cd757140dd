package io.github.dl4jrecipes.recipes.image;

import io.github.dl4jrecipes.core.internal.Args;
import io.github.dl4jrecipes.core.lr.LrFinder;
import io.github.dl4jrecipes.core.train.Checkpoints;
import io.github.dl4jrecipes.core.train.Fit;
import io.github.dl4jrecipes.recipes.Setting;
import io.github.dl4jrecipes.recipes.augment.Augment;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

import java.util.Objects;

/**
 * The settings of an {@link ImageRecipe}, typed, each with its {@link io.github.dl4jrecipes.recipes.Source};
 * the card is rendered from them and the tuners read and write them. A null {@link #schedule()}
 * means the LR finder picks the 1cycle peak at fit; {@link ImageRecipe#fit} resolves it to the
 * finder's pick (source {@link io.github.dl4jrecipes.recipes.Source#LR_FINDER}).
 *
 * <pre>{@code
 * ImageRecipe tuned = recipe.withSettings(recipe.settings().toBuilder()
 *         .batchSize(Setting.tuner(128)).build());
 * }</pre>
 *
 * @param architecture the network built from scratch (ignored when {@code pretrained} is set)
 * @param pretrained   the zoo model to fine-tune, or null
 * @param augment      the augmentation policy
 * @param epochs       epochs, at least 1 (the 1cycle spans them)
 * @param batchSize    images per update, at least 1
 * @param seed         seed of weights, shuffling, augmentation and dropout
 * @param schedule     the learning-rate schedule, or null for 1cycle at the LR finder's pick
 * @param weightDecay  decoupled weight decay, at least 0
 * @param lrFinder     how the LR range test runs (not a card setting)
 * @param trainMetric  whether fit measures the metric on the training images after each epoch
 * @param checkpoints  where training saves checkpoints and resumes from, or null (not with
 *                     {@code pretrained}; not a card setting)
 * @param optimizer    the updater instead of Adam with the schedule (1cycle), or null (the
 *                     default; when set, {@code schedule} and the LR finder do not apply; not
 *                     with {@code pretrained})
 */
public record ImageSettings(Setting<Architecture> architecture, Pretrained pretrained, Setting<Augment> augment,
                            Setting<Integer> epochs, Setting<Integer> batchSize, Setting<Long> seed,
                            Setting<ISchedule> schedule, Setting<Double> weightDecay, LrFinder lrFinder,
                            Setting<Boolean> trainMetric, Checkpoints checkpoints, Setting<IUpdater> optimizer) {

    /** Validates the values. */
    public ImageSettings {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(augment, "augment");
        Objects.requireNonNull(seed, "seed");
        Objects.requireNonNull(lrFinder, "lrFinder");
        Objects.requireNonNull(trainMetric, "trainMetric");
        if (pretrained != null && checkpoints != null) {
            throw new IllegalArgumentException("checkpoints: transfer(..) trains in two phases and does not "
                    + "checkpoint yet; fix: drop withCheckpoints(..) for a transfer recipe");
        }
        if (pretrained != null && optimizer != null) {
            throw new IllegalArgumentException("optimizer: transfer(..) trains each phase with its own 1cycle, got "
                    + optimizer.value() + "; fix: drop withOptimizer(..) for a transfer recipe");
        }
        Args.atLeast("epochs", epochs.value(), 1, "pass the number of passes over the training data, e.g. 10");
        Args.atLeast("batchSize", batchSize.value(), 1, "use " + ImageRecipe.DEFAULT_BATCH_SIZE);
        if (!(weightDecay.value() >= 0) || Double.isInfinite(weightDecay.value())) {
            throw new IllegalArgumentException("weightDecay must be a finite number >= 0, got " + weightDecay.value()
                    + "; use 0 (off) or " + ImageRecipe.DEFAULT_WEIGHT_DECAY);
        }
    }

    /** A new recipe's settings: the documented defaults. */
    static ImageSettings defaults() {
        return new ImageSettings(
                Setting.byDefault(SmallCnn.defaults(), "conv 3×3 → BN → ReLU stages with 2×2 max pooling, sized for "
                        + "28–64 px"),
                null,
                Setting.byDefault(Augment.standard(), "fastai aug_transforms (Augment.standard())"),
                Setting.byDefault(ImageRecipe.DEFAULT_EPOCHS, "Fit.DEFAULT_EPOCHS"),
                Setting.byDefault(ImageRecipe.DEFAULT_BATCH_SIZE, "fastai bs=64"),
                Setting.byDefault(Fit.DEFAULT_SEED, "fixed"),
                null,
                Setting.byDefault(ImageRecipe.DEFAULT_WEIGHT_DECAY, "fastai wd=0.01, decoupled (AdamW)"),
                LrFinder.defaults(),
                Setting.byDefault(ImageRecipe.DEFAULT_TRAIN_METRIC, "an extra pass over the training images, as "
                        + "fastai skips"),
                null, null);
    }

    /** A builder holding these settings, to change some and {@link Builder#build()} a new record. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes some settings of an {@link ImageSettings}; {@link #build()} validates them. */
    public static final class Builder {
        private Setting<Architecture> architecture;
        private Pretrained pretrained;
        private Setting<Augment> augment;
        private Setting<Integer> epochs;
        private Setting<Integer> batchSize;
        private Setting<Long> seed;
        private Setting<ISchedule> schedule;
        private Setting<Double> weightDecay;
        private LrFinder lrFinder;
        private Setting<Boolean> trainMetric;
        private Checkpoints checkpoints;
        private Setting<IUpdater> optimizer;

        private Builder(ImageSettings from) {
            architecture = from.architecture;
            pretrained = from.pretrained;
            augment = from.augment;
            epochs = from.epochs;
            batchSize = from.batchSize;
            seed = from.seed;
            schedule = from.schedule;
            weightDecay = from.weightDecay;
            lrFinder = from.lrFinder;
            trainMetric = from.trainMetric;
            checkpoints = from.checkpoints;
            optimizer = from.optimizer;
        }

        /** Sets {@link ImageSettings#architecture()}. */
        public Builder architecture(Setting<Architecture> value) {
            architecture = value;
            return this;
        }

        /** Sets {@link ImageSettings#pretrained()} (null: train from scratch). */
        public Builder pretrained(Pretrained value) {
            pretrained = value;
            return this;
        }

        /** Sets {@link ImageSettings#augment()}. */
        public Builder augment(Setting<Augment> value) {
            augment = value;
            return this;
        }

        /** Sets {@link ImageSettings#epochs()}. */
        public Builder epochs(Setting<Integer> value) {
            epochs = value;
            return this;
        }

        /** Sets {@link ImageSettings#batchSize()}. */
        public Builder batchSize(Setting<Integer> value) {
            batchSize = value;
            return this;
        }

        /** Sets {@link ImageSettings#seed()}. */
        public Builder seed(Setting<Long> value) {
            seed = value;
            return this;
        }

        /** Sets {@link ImageSettings#schedule()} (null: the LR finder at fit). */
        public Builder schedule(Setting<ISchedule> value) {
            schedule = value;
            return this;
        }

        /** Sets {@link ImageSettings#weightDecay()}. */
        public Builder weightDecay(Setting<Double> value) {
            weightDecay = value;
            return this;
        }

        /** Sets {@link ImageSettings#lrFinder()}. */
        public Builder lrFinder(LrFinder value) {
            lrFinder = value;
            return this;
        }

        /** Sets {@link ImageSettings#trainMetric()}. */
        public Builder trainMetric(Setting<Boolean> value) {
            trainMetric = value;
            return this;
        }

        /** Sets {@link ImageSettings#checkpoints()} (null: none). */
        public Builder checkpoints(Checkpoints value) {
            checkpoints = value;
            return this;
        }

        /** Sets {@link ImageSettings#optimizer()} (null: Adam with the schedule). */
        public Builder optimizer(Setting<IUpdater> value) {
            optimizer = value;
            return this;
        }

        /** The validated settings. */
        public ImageSettings build() {
            return new ImageSettings(architecture, pretrained, augment, epochs, batchSize, seed, schedule,
                    weightDecay, lrFinder, trainMetric, checkpoints, optimizer);
        }
    }
}
