package io.github.dl4jrecipes.tuning;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The study report opens in headless Chromium, offline, with no console error, and its charts are there. */
class HtmlReportChromiumTest {

    private static final int TRIALS = 12;

    @TempDir
    Path tmp;

    private static Path chromium() {
        return Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
                .map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
    }

    private TuningResult<Map<String, Object>> study() {
        Map<String, org.deeplearning4j.arbiter.optimize.api.ParameterSpace<?>> p = new LinkedHashMap<>();
        p.put("lr", Params.logUniform("lr", 1e-4, 1e-1));
        p.put("activation", Params.choice("activation", "relu", "tanh", "<selu & elu>"));
        return Tuner.asha(SearchSpace.of(p), 1, 3, 3).maxTrials(TRIALS).threadsPerWorker(1)
                .study(tmp.resolve("study")).run(Objective.curve((c, epochs) ->
                        -Math.pow(Math.log10((Double) c.get("lr")) + 2, 2) + 0.1 * epochs));
    }

    @Test
    void reportIsSelfContained() throws Exception {
        String html = Files.readString(study().report());
        assertFalse(Pattern.compile("(src|href)\\s*=", Pattern.CASE_INSENSITIVE).matcher(html).find(),
                "no external resource");
        assertFalse(html.replace("http://www.w3.org/2000/svg", "").contains("http"), "no URL but the SVG namespace");
        assertTrue(html.contains("&lt;selu &amp; elu&gt;"), "values are escaped");
    }

    @Test
    void reportRendersInHeadlessChromiumWithoutConsoleErrors() throws Exception {
        Path chromium = chromium();
        assumeTrue(chromium != null, "chromium is not installed (apt-get install -y chromium)");
        TuningResult<Map<String, Object>> result = study();
        Path stderr = tmp.resolve("chromium.err");
        Process p = new ProcessBuilder(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + tmp.resolve("profile"), "--enable-logging=stderr", "--v=0", "--dump-dom",
                result.report().toUri().toString()))
                .redirectError(stderr.toFile()).redirectOutput(tmp.resolve("dom.html").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium finished");
        assertEquals(0, p.exitValue(), Files.readString(stderr));
        String dom = Files.readString(tmp.resolve("dom.html"));
        String log = Files.readString(stderr);

        assertFalse(log.contains(":CONSOLE("), "console messages: " + log);
        assertFalse(log.contains("Uncaught"), log);
        for (String id : List.of("history", "curves", "parallel", "importance")) {
            assertTrue(dom.contains("<svg id=\"" + id + "\""), "chart " + id + " rendered");
        }
        long valued = result.trials().stream().filter(t -> !Double.isNaN(t.value())).count();
        long complete = result.trials().stream().filter(t -> t.status() == TrialStatus.COMPLETE).count();
        assertEquals(valued, count(dom, "<circle class=\"trial\""), "one point per trial in the history");
        assertEquals(complete, count(dom, "<polyline class=\"trial-line\""), "one line per complete trial");
        assertEquals(result.importance().size(), count(dom, "<rect class=\"bar\""), "one bar per hyperparameter");
        assertEquals(2, result.importance().size());
        assertEquals(Math.min(20, result.leaderboard().rows().size()) + 1,
                count(dom.substring(dom.indexOf("id=\"leaderboard\"")), "<tr>"), "leaderboard rows + header");
    }

    private static long count(String text, String token) {
        Matcher m = Pattern.compile(Pattern.quote(token)).matcher(text);
        long n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
