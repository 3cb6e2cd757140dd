package io.github.dl4jrecipes.recipes.tabular;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TabularRulesTest {

    @Test
    void embeddingSizeFollowsFastaisRule() {
        // fastai emb_sz_rule: min(600, round(1.6 * n ** 0.56)), values computed by hand
        assertEquals(2, TabularRules.embeddingSize(2));      // 1.6 * 1.474 = 2.36
        assertEquals(4, TabularRules.embeddingSize(5));      // 1.6 * 2.462 = 3.94
        assertEquals(21, TabularRules.embeddingSize(100));   // 1.6 * 13.18 = 21.09
        assertEquals(600, TabularRules.embeddingSize(1_000_000));
    }

    @Test
    void widthGrowsWithRowsWithinBoundsAndASecondLayerComesWithManyRows() {
        assertEquals(List.of(TabularRules.MIN_WIDTH), TabularRules.hiddenLayers(275, 17, 3));
        assertEquals(List.of(250), TabularRules.hiddenLayers(9_000, 15, 3));                 // 9000 / (2 * 18)
        assertEquals(List.of(TabularRules.MAX_WIDTH, 256), TabularRules.hiddenLayers(1_000_000, 20, 1));
        assertEquals(2, TabularRules.hiddenLayers(TabularRules.SECOND_LAYER_ROWS, 10, 2).size());
        assertEquals(1, TabularRules.hiddenLayers(TabularRules.SECOND_LAYER_ROWS - 1, 10, 2).size());
    }

    @Test
    void smallBatchesBelowTwoThousandRowsAndEnoughUpdates() {
        assertEquals(32, TabularRules.batchSize(1_999));
        assertEquals(20, TabularRules.batchSize(20));                                        // never more than the rows
        assertEquals(TabularRules.DEFAULT_BATCH_SIZE, TabularRules.batchSize(2_000));
        assertEquals(TabularRules.MIN_UPDATES, TabularRules.epochs(1));
        assertEquals(TabularRules.MIN_EPOCHS, TabularRules.epochs(1_000));
        assertEquals(75, TabularRules.epochs(8));                                            // ceil(600 / 8)
        assertEquals(30, TabularRules.epochs(20));                                           // ceil(600 / 20)
    }

    @Test
    void nonPositiveSizesAreRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TabularRules.hiddenLayers(0, 3, 1));
        assertTrue(e.getMessage().startsWith("trainRows must be >= 1, got 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TabularRules.embeddingSize(0));
    }
}
