package io.github.dl4jrecipes.recipes.image;

import io.github.dl4jrecipes.core.schedule.OneCycle;
import io.github.dl4jrecipes.core.train.Fit;
import io.github.dl4jrecipes.core.train.History;
import io.github.dl4jrecipes.core.train.TrainedModel;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * fastai's {@code fine_tune} on a {@link Pretrained} network: the new head alone, then every layer
 * with discriminative learning rates (see {@link Pretrained} for the numbers).
 */
final class FineTune {

    private static final Logger LOG = LoggerFactory.getLogger(FineTune.class);

    private final ImageRecipe recipe;
    private final Pretrained pretrained;
    private final double maxLr;
    private final int batchesPerEpoch;
    private final Map<String, String> settings;

    FineTune(ImageRecipe recipe, double maxLr, int batchesPerEpoch, Map<String, String> settings) {
        this.recipe = recipe;
        this.pretrained = recipe.pretrained();
        this.maxLr = maxLr;
        this.batchesPerEpoch = batchesPerEpoch;
        this.settings = settings;
    }

    TrainedModel<ComputationGraph> run(DataSetIterator train, DataSetIterator valid) {
        OneCycle frozenLr = OneCycle.maxLr(maxLr).withPctStart(Pretrained.FROZEN_PCT_START)
                .withEpochs(pretrained.freezeEpochs(), batchesPerEpoch);
        ComputationGraph frozen = pretrained.withNewHead(frozenLr.adam(), recipe.weightDecay(), recipe.task(),
                recipe.seed(), true);
        LOG.info("Fine-tuning {}: {} epoch(s) of the new head with the body frozen, peak LR {}", pretrained.name(),
                pretrained.freezeEpochs(), fmt(maxLr));
        History head = Fit.of(frozen, recipe.task()).withEpochs(pretrained.freezeEpochs())
                .withSeed(recipe.seed()).withTrainMetric(recipe.trainMetric()).run(train, valid).history();

        double peak = maxLr * Pretrained.UNFROZEN_LR_FACTOR;
        ComputationGraphConfiguration conf = pretrained.configuration(cycle(peak).adam(), recipe.weightDecay(), recipe.task(),
                recipe.seed());
        List<String> groups = discriminate(conf, layerNames(frozen), peak);
        ComputationGraph unfrozen = new ComputationGraph(conf);
        unfrozen.init();
        Pretrained.copyMatching(frozen, unfrozen);
        LOG.info("Fine-tuning {}: {} epoch(s) of every layer, LR groups {}", pretrained.name(), recipe.epochs(),
                groups);
        Fit<ComputationGraph> fit = Fit.of(unfrozen, recipe.task()).withEpochs(recipe.epochs())
                .withSeed(recipe.seed()).withTrainMetric(recipe.trainMetric()).withSetting("recipe.transfer.lrGroups", String.join("; ", groups))
                .withSetting("recipe.transfer.frozenPhase", head.last().map(String::valueOf).orElse("none"));
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            fit = fit.withSetting(setting.getKey(), setting.getValue());
        }
        return fit.run(train, valid);
    }

    private OneCycle cycle(double peak) {
        return OneCycle.maxLr(peak).withPctStart(Pretrained.UNFROZEN_PCT_START).withDiv(Pretrained.UNFROZEN_DIV)
                .withEpochs(recipe.epochs(), batchesPerEpoch);
    }

    /** Names of the layers that have parameters, in topological order. */
    private static List<String> layerNames(ComputationGraph net) {
        List<String> names = new ArrayList<>();
        for (Layer layer : net.getLayers()) {
            if (layer.numParams() > 0) {
                names.add(layer.conf().getLayer().getLayerName());
            }
        }
        return names;
    }

    /**
     * Gives each layer group its own 1cycle: the head's group peaks at {@code peak}, the first at
     * {@code peak / lrMultiplier}, the ones between spaced evenly on a log scale (fastai's
     * {@code even_mults}).
     *
     * @return "layer..layer: peak" per group, for the card
     */
    private List<String> discriminate(ComputationGraphConfiguration conf, List<String> layers, double peak) {
        int groups = pretrained.layerGroups();
        int body = layers.size() - 1;
        List<List<String>> members = new ArrayList<>();
        for (int group = 0; group < groups; group++) {
            members.add(new ArrayList<>());
        }
        for (int i = 0; i < body; i++) {
            members.get(i * (groups - 1) / body).add(layers.get(i));
        }
        members.get(groups - 1).add(layers.get(body));
        List<String> described = new ArrayList<>();
        for (int group = 0; group < groups; group++) {
            double lr = peak / Math.pow(pretrained.lrMultiplier(), (double) (groups - 1 - group) / (groups - 1));
            for (String name : members.get(group)) {
                if (((LayerVertex) conf.getVertices().get(name)).getLayerConf().getLayer() instanceof BaseLayer base) {
                    base.setIUpdater(cycle(lr).adam());
                }
            }
            if (!members.get(group).isEmpty()) {
                described.add(String.join(",", members.get(group)) + " @ " + fmt(lr));
            }
        }
        return described;
    }

    private static String fmt(double lr) {
        return String.format(Locale.ROOT, "%.3g", lr);
    }
}
