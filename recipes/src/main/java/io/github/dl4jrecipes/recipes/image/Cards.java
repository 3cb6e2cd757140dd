package io.github.dl4jrecipes.recipes.image;

import io.github.dl4jrecipes.core.hardware.Hardware;
import io.github.dl4jrecipes.core.train.ModelCard;
import io.github.dl4jrecipes.core.train.internal.Net;
import io.github.dl4jrecipes.core.train.internal.Versions;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.stream.Collectors;

/** The card of a network before training: settings, layers, versions and backend, no data yet. */
final class Cards {

    private Cards() {
    }

    static ModelCard untrained(ComputationGraph net, long seed, Map<String, String> settings) {
        Net adapter = Net.of(net);
        Hardware hw = Hardware.report();
        String device = hw.devices().stream().map(Hardware.Device::name).collect(Collectors.joining("; "));
        String backend = hw.backend() + " (" + hw.backendClass() + ", " + hw.dataType() + ")";
        return new ModelCard(adapter.kind(), seed, "", settings, adapter.layerSummary(), net.numParams(),
                Versions.library(), Versions.dl4j(), System.getProperty("java.version"), backend, device,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    }
}
