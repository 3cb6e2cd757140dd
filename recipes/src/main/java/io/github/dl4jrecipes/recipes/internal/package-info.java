/** What the recipes share and is not API: target scaling for regression. */
package io.github.dl4jrecipes.recipes.internal;
