package io.github.dl4jrecipes.recipes.tabular;

import io.github.dl4jrecipes.core.internal.Args;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules of thumb the tabular recipes size themselves with, each with its source. Public so
 * that a user can see (and reuse) what the recipe will pick for a given table.
 *
 * <pre>{@code
 * TabularRules.hiddenLayers(275, 17, 3);   // [64]: one layer, width from the data size
 * TabularRules.embeddingSize(5);           // 4: fastai's emb_sz_rule
 * TabularRules.batchSize(275);             // 32: small batches below 2,000 rows
 * }</pre>
 */
public final class TabularRules {

    /**
     * α in the rule of thumb for hidden units from the number of training rows,
     * {@code N_h = N_s / (α · (N_i + N_o))} (Hagan, Demuth, Beale and De Jesús, <i>Neural
     * Network Design</i>, 2nd ed., as widely quoted; α from 2 to 10). We take the lower end, 2:
     * the widest layer that rule allows, since dropout, batch norm and weight decay regularize.
     */
    public static final double SAMPLES_PER_WEIGHT_ALPHA = 2;
    /**
     * Narrowest hidden layer: 64 units, so that dropout and batch-norm statistics act on enough
     * units (fastai's tabular default layers [200, 100] never go below 100).
     */
    public static final int MIN_WIDTH = 64;
    /** Widest hidden layer: 512 units (twice fastai's widest default layer, 200 → 400, rounded to a power of two). */
    public static final int MAX_WIDTH = 512;
    /**
     * Rows from which the MLP gets a second hidden layer, half as wide as the first (fastai's
     * tabular default is two layers, 200 then 100, for Kaggle-sized tables; one hidden layer
     * approximates any smooth function (Hornik et al., 1989) and over-fits less on small ones).
     */
    public static final int SECOND_LAYER_ROWS = 10_000;
    /** Below this many training rows, batches are {@link #SMALL_TABLE_BATCH_SIZE} rows. */
    public static final int SMALL_TABLE_ROWS = 2_000;
    /**
     * Batch size below {@link #SMALL_TABLE_ROWS} rows: 32, the top of the 2–32 range Masters and
     * Luschi (2018, "Revisiting small batch training for deep neural networks") found best.
     * Measured on the bench's tabular-quality suite (8 real tables of 167–768 rows, 5 split
     * seeds, with weight decay 0.01): it replaced full-batch training (200 epochs of one update
     * each), which took 1.4–3.3× the wall time on the tables above 300 rows for the same test
     * accuracy within a row; R² rose on two of three regression tables and fell on Servo (100
     * training rows); see README, "Tabular recipes".
     */
    public static final int SMALL_TABLE_BATCH_SIZE = 32;
    /** Mini-batch size from {@link #SMALL_TABLE_ROWS} rows on: 64, fastai's {@code TabularDataLoaders} default. */
    public static final int DEFAULT_BATCH_SIZE = 64;
    /** Fewest epochs the recipe trains: 20. */
    public static final int MIN_EPOCHS = 20;
    /**
     * Fewest parameter updates the recipe trains: 600, so small tables train for more epochs.
     * Measured on the bench's tabular-quality suite (11 real tables of 167–1,470 rows, 5 split seeds,
     * 2026-12-06): against the earlier 200 it raised the test metric on 10 of the 11 tables (Vehicle
     * +3.5 points of accuracy, Servo R² 0.669 → 0.759, concrete 0.808 → 0.822) and lowered
     * BreastCancer's by 0.2 test rows, at 1.1–3.3× the fit time; tripling {@link #MIN_EPOCHS} as well
     * gained little more (concrete 0.841) and took a 1,000-row table past 10 s of training. See README,
     * "Tabular recipes", and {@code bench/RESULTS-tabular-u600.md}.
     */
    public static final int MIN_UPDATES = 600;
    /** Largest embedding: 600 dimensions, fastai's {@code emb_sz_rule} cap. */
    public static final int MAX_EMBEDDING = 600;
    /** Factor of fastai's {@code emb_sz_rule}: {@code round(1.6 · n^0.56)}. */
    public static final double EMBEDDING_FACTOR = 1.6;
    /** Exponent of fastai's {@code emb_sz_rule}. */
    public static final double EMBEDDING_EXPONENT = 0.56;
    /** Each further hidden layer is this fraction of the previous one's width (fastai's 200 → 100). */
    public static final double TAPER = 0.5;

    private TabularRules() {
    }

    /**
     * The hidden layer widths for a table: one layer below {@link #SECOND_LAYER_ROWS} rows, two
     * from there (the second half as wide), the first of width
     * {@code rows / (α · (inputs + outputs))} clamped to [{@link #MIN_WIDTH}, {@link #MAX_WIDTH}].
     *
     * @param trainRows training rows, ≥ 1
     * @param inputs    model inputs after encoding, ≥ 1
     * @param outputs   model outputs, ≥ 1
     * @return the widths, first layer first
     */
    public static List<Integer> hiddenLayers(int trainRows, int inputs, int outputs) {
        checkPositive("trainRows", trainRows);
        checkPositive("inputs", inputs);
        checkPositive("outputs", outputs);
        long width = Math.round(trainRows / (SAMPLES_PER_WEIGHT_ALPHA * (inputs + outputs)));
        int first = (int) Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, width));
        return tapered(first, trainRows >= SECOND_LAYER_ROWS ? 2 : 1, MIN_WIDTH);
    }

    /**
     * Widths of {@code depth} hidden layers, the first {@code first} wide and each further one
     * {@link #TAPER} of the one before, rounded, never below {@code floor}.
     *
     * @param first width of the first layer, ≥ 1
     * @param depth number of layers, ≥ 1
     * @param floor narrowest layer allowed, ≥ 1
     * @return the widths, first layer first
     */
    public static List<Integer> tapered(int first, int depth, int floor) {
        checkPositive("first", first);
        checkPositive("depth", depth);
        checkPositive("floor", floor);
        List<Integer> widths = new ArrayList<>(depth);
        for (int i = 0; i < depth; i++) {
            widths.add(Math.max(floor, (int) Math.round(first * Math.pow(TAPER, i))));
        }
        return List.copyOf(widths);
    }

    /**
     * The embedding size for a categorical column: fastai's {@code emb_sz_rule},
     * {@code min(600, round(1.6 · n^0.56))}.
     *
     * @param cardinality distinct codes of the column (levels, missing and unknown included), ≥ 1
     */
    public static int embeddingSize(int cardinality) {
        checkPositive("cardinality", cardinality);
        return (int) Math.min(MAX_EMBEDDING, Math.round(EMBEDDING_FACTOR * Math.pow(cardinality, EMBEDDING_EXPONENT)));
    }

    /**
     * The batch size: {@link #SMALL_TABLE_BATCH_SIZE} below {@link #SMALL_TABLE_ROWS} rows, else
     * {@link #DEFAULT_BATCH_SIZE}; never more than the rows.
     */
    public static int batchSize(int trainRows) {
        checkPositive("trainRows", trainRows);
        return Math.min(trainRows, trainRows < SMALL_TABLE_ROWS ? SMALL_TABLE_BATCH_SIZE : DEFAULT_BATCH_SIZE);
    }

    /** The epochs: at least {@link #MIN_EPOCHS}, and enough for {@link #MIN_UPDATES} updates. */
    public static int epochs(int batchesPerEpoch) {
        checkPositive("batchesPerEpoch", batchesPerEpoch);
        return Math.max(MIN_EPOCHS, (MIN_UPDATES + batchesPerEpoch - 1) / batchesPerEpoch);
    }

    private static void checkPositive(String name, int value) {
        Args.atLeast(name, value, 1, "pass the size of the data");
    }
}
