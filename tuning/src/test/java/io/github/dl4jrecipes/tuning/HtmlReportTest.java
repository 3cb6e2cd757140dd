package io.github.dl4jrecipes.tuning;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report's charts read back by value: each SVG parsed with the JDK's XML parser, positions
 * checked against coordinates worked out here from the plot's frame (720 × 300, margin 56).
 */
class HtmlReportTest {

    private static final double TOP = 56;
    private static final double BOTTOM = 300 - 56;

    @TempDir
    Path tmp;

    private TuningResult<Map<String, Object>> study(int trials) {
        Map<String, org.deeplearning4j.arbiter.optimize.api.ParameterSpace<?>> p = new LinkedHashMap<>();
        p.put("lr", Params.logUniform("lr", 1e-4, 1e-1));
        p.put("activation", Params.choice("activation", "RELU", "TANH", "SELU"));
        p.put("depth", Params.integer("depth", 1, 3));
        return Tuner.asha(SearchSpace.of(p), 1, 3, 3).maxTrials(trials).threadsPerWorker(1)
                .study(tmp.resolve("study-" + trials)).run(Objective.curve((c, epochs) ->
                        -Math.pow(Math.log10((Double) c.get("lr")) + 2, 2) + 0.1 * epochs + 1.0 / 3));
    }

    @Test
    void parallelCoordinatesPutEachCategoryAtOnePlaceWithItsLabelAndLogAxesHaveDecadeTicks() throws Exception {
        TuningResult<Map<String, Object>> result = study(16);
        String html = Files.readString(result.report());
        Element svg = svg(html, "parallel");
        // axes in the space's (sorted) order: activation, depth, lr, then the objective
        List<Element> lines = elements(svg, "polyline", "trial-line");
        Map<Integer, TrialRecord> byNumber = new HashMap<>();
        result.trials().forEach(t -> byNumber.put(t.number(), t));
        Map<String, Set<Double>> heights = new HashMap<>();
        for (Element line : lines) {
            int number = Integer.parseInt(title(line).replaceAll("^trial (\\d+):.*", "$1"));
            TrialRecord t = byNumber.get(number);
            double[][] pts = points(line.getAttribute("points"));
            heights.computeIfAbsent(t.params().get("activation"), k -> new HashSet<>()).add(pts[0][1]);
            double lr = Double.parseDouble(t.params().get("lr"));
            double unit = Math.log(lr / 1e-4) / Math.log(1e-1 / 1e-4);
            assertEquals(BOTTOM - unit * (BOTTOM - TOP), pts[2][1], 0.06, "trial " + number + " lr " + lr);
        }
        assertTrue(heights.size() >= 2, "several activations drawn: " + heights);
        heights.forEach((activation, ys) -> assertEquals(1, ys.size(), activation + " drawn at " + ys));
        Set<Double> distinct = new HashSet<>();
        heights.values().forEach(distinct::addAll);
        assertEquals(heights.size(), distinct.size(), "each category at its own height");

        // the labels: each category's tick label sits at its lines' height; categories at the bins' centres
        Map<String, Double> labelY = tickLabels(svg, 56 + 4 + 2);
        assertEquals(Set.of("RELU", "TANH", "SELU"), labelY.keySet());
        heights.forEach((activation, ys) -> assertEquals(ys.iterator().next(), labelY.get(activation) - 3, 1e-9));
        assertEquals(BOTTOM - 2.5 / 3 * (BOTTOM - TOP), labelY.get("SELU") - 3, 0.06);

        // the lr axis (third) is log-scaled: a tick per decade, evenly spaced
        double lrX = 56 + 2 * (720 - 2 * 56) / 3.0;
        Map<String, Double> lrTicks = tickLabels(svg, lrX + 4 + 2);
        assertEquals(Set.of("0.0001", "0.001", "0.01", "0.1"), lrTicks.keySet());
        assertEquals(BOTTOM + 3, lrTicks.get("0.0001"), 0.06);
        assertEquals(TOP + 3, lrTicks.get("0.1"), 0.06);
        assertEquals(lrTicks.get("0.001") - lrTicks.get("0.0001"), lrTicks.get("0.01") - lrTicks.get("0.001"), 0.1);
        // the integer axis: 1, 2, 3 at the centres of their bins
        Map<String, Double> depthTicks = tickLabels(svg, 56 + (720 - 2 * 56) / 3.0 + 4 + 2);
        assertEquals(BOTTOM - 0.5 * (BOTTOM - TOP) + 3, depthTicks.get("2"), 0.06);
    }

    @Test
    void historyAndLearningCurvesHaveTrialNumbersEpochsAndTicksThatMatchTheirRange() throws Exception {
        TuningResult<Map<String, Object>> result = study(16);
        String html = Files.readString(result.report());
        Element history = svg(html, "history");
        Map<String, Double> xTicks = new HashMap<>();
        for (Element text : elements(history, "text", "x-tick")) {
            xTicks.put(text.getTextContent(), Double.parseDouble(text.getAttribute("x")));
        }
        int last = result.trials().stream().mapToInt(TrialRecord::number).max().orElseThrow();
        assertTrue(xTicks.size() >= 3, "trial-number ticks: " + xTicks);
        for (Element circle : elements(history, "circle", "trial")) {
            int number = Integer.parseInt(title(circle).replaceAll("^trial (\\d+) .*", "$1"));
            double expected = 56 + (720 - 2 * 56) * (number - 1.0) / (last - 1);
            assertEquals(expected, Double.parseDouble(circle.getAttribute("cx")), 0.06);
            Double tick = xTicks.get(Integer.toString(number));
            if (tick != null) {
                assertEquals(expected, tick, 0.06, "tick " + number + " under trial " + number);
            }
        }
        // y ticks inside the objective's range, placed linearly
        double lo = result.trials().stream().filter(t -> !Double.isNaN(t.value())).mapToDouble(TrialRecord::value)
                .min().orElseThrow();
        double hi = result.trials().stream().filter(t -> !Double.isNaN(t.value())).mapToDouble(TrialRecord::value)
                .max().orElseThrow();
        List<Element> yTicks = elements(history, "text", "y-tick");
        assertTrue(yTicks.size() >= 3, "objective ticks");
        for (Element tick : yTicks) {
            double v = Double.parseDouble(tick.getTextContent());
            assertTrue(v >= lo - 1e-9 && v <= hi + 1e-9, v + " in [" + lo + ", " + hi + "]");
            assertEquals(BOTTOM - (v - lo) / (hi - lo) * (BOTTOM - TOP) + 3, Double.parseDouble(tick.getAttribute("y")),
                    0.06 + 1e-3 * (BOTTOM - TOP), "tick " + v);
        }

        Element curves = svg(html, "curves");
        long withEpochs = result.trials().stream().filter(t -> t.epochs() > 0).count();
        assertEquals(withEpochs, elements(curves, "polyline", "curve").size(), "one learning curve per trial");
        for (Element curve : elements(curves, "polyline", "curve")) {
            int number = Integer.parseInt(title(curve).replaceAll("^trial (\\d+) .*", "$1"));
            TrialRecord t = result.trials().stream().filter(r -> r.number() == number).findFirst().orElseThrow();
            assertEquals(t.epochs(), points(curve.getAttribute("points")).length, "a point per epoch");
        }
        long pruned = result.trials().stream().filter(t -> t.status() == TrialStatus.PRUNED).count();
        assertEquals(pruned, elements(curves, "path", "pruned").size(), "pruned trials marked");
        List<String> epochTicks = elements(curves, "text", "x-tick").stream().map(Element::getTextContent).toList();
        assertEquals(List.of("1", "2", "3"), epochTicks);
    }

    @Test
    void numbersAreShownToFourSignificantDigitsAndImportanceIsHiddenBelowItsMinimum() throws Exception {
        TuningResult<Map<String, Object>> result = study(3);
        String html = Files.readString(result.report());
        assertEquals(List.of(), longNumbers(html), "every decimal in the report has at most 4 significant digits");
        assertTrue(html.contains("id=\"importance-hidden\""), "flagged");
        assertFalse(html.contains("<svg id=\"importance\""), "no bars from too few trials");
        String text = result.leaderboard().toText(10);
        assertEquals(List.of(), longNumbers(text), text);
        String csv = Files.readString(result.studyDir().resolve("leaderboard.csv"));
        TrialRecord best = result.best().orElseThrow();
        assertTrue(csv.contains("," + best.value() + ","), "full precision in the CSV: " + csv);
    }

    /** Decimals with more than four significant digits (leading zeros do not count). */
    private static List<String> longNumbers(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile("\\d+\\.\\d+").matcher(text);
        while (m.find()) {
            if (m.group().replace(".", "").replaceFirst("^0+", "").length() > 4) {
                found.add(m.group());
            }
        }
        return found;
    }

    /** Text labels drawn at {@code x}, by label, with their y. */
    private static Map<String, Double> tickLabels(Element svg, double x) {
        Map<String, Double> labels = new LinkedHashMap<>();
        for (Element text : elements(svg, "text", "tick-label")) {
            if (Math.abs(Double.parseDouble(text.getAttribute("x")) - x) < 0.06) {
                labels.put(text.getTextContent(), Double.parseDouble(text.getAttribute("y")));
            }
        }
        return labels;
    }

    /** The chart {@code id} of a report, parsed (also used by {@code MultiObjectiveTest}). */
    static Element svg(String html, String id) throws Exception {
        int start = html.indexOf("<svg id=\"" + id + "\"");
        assertTrue(start >= 0, "chart " + id);
        String xml = html.substring(start, html.indexOf("</svg>", start) + "</svg>".length());
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
    }

    private static List<Element> elements(Element root, String tag, String cssClass) {
        NodeList nodes = root.getElementsByTagName(tag);
        List<Element> found = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            if (cssClass.equals(e.getAttribute("class"))) {
                found.add(e);
            }
        }
        return found;
    }

    private static String title(Element e) {
        NodeList titles = e.getElementsByTagName("title");
        assertNotNull(titles.item(0));
        return titles.item(0).getTextContent();
    }

    private static double[][] points(String text) {
        String[] pairs = text.trim().split("\\s+");
        double[][] pts = new double[pairs.length][];
        for (int i = 0; i < pairs.length; i++) {
            String[] xy = pairs[i].split(",");
            pts[i] = new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])};
        }
        return pts;
    }
}
