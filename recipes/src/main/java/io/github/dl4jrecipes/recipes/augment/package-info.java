/**
 * Image augmentation: presets from none to heavy, applied to in-memory batches on a background
 * thread, as DataVec transforms for image readers, at test time, and drawn into a PNG grid.
 *
 * <pre>{@code
 * Augment policy = Augment.standard();                       // fastai's aug_transforms defaults
 * DataSetIterator train = policy.iterator(InMemoryIterator.shuffled(data, 64, 42), ImageShape.of(1, 28, 28), 42);
 * AugmentationGrid.write(Path.of("augmented.png"), data.getFeatures(), ImageShape.of(1, 28, 28), policy, 8, 7, 42);
 * }</pre>
 */
package io.github.dl4jrecipes.recipes.augment;
