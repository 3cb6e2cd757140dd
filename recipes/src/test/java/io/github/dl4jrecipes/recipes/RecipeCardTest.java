package io.github.dl4jrecipes.recipes;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecipeCardTest {

    private final RecipeCard card = new RecipeCard("demo", List.of(
            RecipeSetting.of("epochs", 20, "default: fastai"),
            RecipeSetting.of("seed", 42L, RecipeSetting.USER)));

    @Test
    void looksUpValuesAndKeepsOrderInTheMap() {
        assertEquals("20", card.value("epochs"));
        assertEquals(RecipeSetting.USER, card.setting("seed").source());
        assertEquals(List.of("recipe", "epochs", "seed"), List.copyOf(card.asMap().keySet()));
        assertEquals(Map.of("recipe", "demo", "epochs", "20", "seed", "42"), card.asMap());
    }

    @Test
    void printsOneAlignedLinePerSetting() {
        String[] lines = card.toString().split("\n");
        assertEquals("recipe demo", lines[0]);
        assertEquals(3, lines.length);
        assertEquals(lines[1].indexOf("20"), lines[2].indexOf("42"));
        assertTrue(lines[1].endsWith("default: fastai"), lines[1]);
    }

    @Test
    void writesJsonWithEverySetting() {
        String json = card.toJson();
        assertTrue(json.contains("\"recipe\" : \"demo\""), json);
        assertTrue(json.contains("\"source\" : \"default: fastai\""), json);
    }

    @Test
    void unknownSettingNamesTheOnesThereAre() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> card.value("lr"));
        assertTrue(e.getMessage().contains("'lr'") && e.getMessage().contains("[epochs, seed]"), e.getMessage());
    }

    @Test
    void duplicateNamesAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RecipeCard("demo",
                List.of(RecipeSetting.of("a", 1, "x"), RecipeSetting.of("a", 2, "y"))));
        assertTrue(e.getMessage().contains("unique"), e.getMessage());
    }
}
