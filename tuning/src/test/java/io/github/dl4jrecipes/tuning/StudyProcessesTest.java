package io.github.dl4jrecipes.tuning;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Studies across processes: killed with SIGKILL and resumed, and shared by two processes. */
class StudyProcessesTest {

    private static final long CHILD_TIMEOUT_SECONDS = 240;
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @TempDir
    Path tmp;
    private final java.util.Map<Process, Path> outputs = new java.util.HashMap<>();

    private Process child(Path dir, int trials, int epochs, long sleep, Path log, int peers) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-cp", System.getProperty("java.class.path"), StudyChild.class.getName(),
                dir.toString(), Integer.toString(trials), Integer.toString(epochs), Long.toString(sleep),
                log.toString(), Integer.toString(peers));
        Path out = tmp.resolve("child-" + System.nanoTime() + ".out");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        outputs.put(p, out);
        return p;
    }

    /** The end of a child's output, for failure messages. */
    private String tail(Process p) {
        try {
            List<String> lines = Files.readAllLines(outputs.get(p));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    private static List<TrialRecord> records(Path dir) throws IOException {
        Path trials = dir.resolve("trials");
        if (!Files.isDirectory(trials)) {
            return List.of();
        }
        List<TrialRecord> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(trials)) {
            for (Path f : files.filter(p -> p.getFileName().toString().matches("\\d+\\.json")).sorted().toList()) {
                try {
                    out.add(JSON.readValue(f.toFile(), TrialRecord.class));
                } catch (IOException e) {
                    // being replaced right now: the rename is atomic, so this is a vanished file; skip it
                }
            }
        }
        return out;
    }

    private static List<String[]> log(Path log) throws IOException {
        return Files.exists(log) ? Files.readAllLines(log).stream().map(l -> l.split(" ")).toList() : List.of();
    }

    @Test
    void aStudyKilledMidTrialResumesWithoutLosingOrRepeatingATrial() throws Exception {
        Path dir = tmp.resolve("study");
        Path log = tmp.resolve("epochs.log");
        int trials = 6;
        int epochs = 4;
        Process p = child(dir, trials, epochs, 150, log, 1);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(CHILD_TIMEOUT_SECONDS);
        List<TrialRecord> before;
        while (true) {
            before = records(dir);
            long complete = before.stream().filter(t -> t.status() == TrialStatus.COMPLETE).count();
            boolean midTrial = before.stream().anyMatch(t -> t.status() == TrialStatus.RUNNING && t.epochs() >= 1);
            if (complete >= 2 && midTrial) {
                break;
            }
            if (!p.isAlive() || System.nanoTime() > end) {
                p.destroyForcibly();
                fail("child did not reach the middle of its third trial: " + before + "\n"
                        + Files.readString(Files.list(tmp).filter(f -> f.toString().endsWith(".out")).findFirst()
                        .orElseThrow()));
            }
            Thread.sleep(20);
        }
        p.destroyForcibly().waitFor();  // SIGKILL
        before = records(dir);
        Set<Integer> completeBefore = before.stream().filter(t -> t.status() == TrialStatus.COMPLETE)
                .map(TrialRecord::number).collect(Collectors.toSet());
        TrialRecord interrupted = before.stream().filter(t -> t.status() == TrialStatus.RUNNING).findFirst()
                .orElseThrow();
        int linesBefore = log(log).size();

        TuningResult<Map<String, Object>> resumed = StudyChild.tuner(dir, trials, epochs)
                .run(StudyChild.objective(log, 0, 1));

        assertEquals(IntStream.rangeClosed(1, trials).boxed().toList(),
                resumed.trials().stream().map(TrialRecord::number).toList());
        assertTrue(resumed.trials().stream().allMatch(t -> t.status() == TrialStatus.COMPLETE && t.epochs() == epochs));
        List<String[]> after = log(log).subList(linesBefore, log(log).size());
        for (String[] line : after) {
            assertFalse(completeBefore.contains(Integer.parseInt(line[1])), "completed trial " + line[1] + " rerun");
        }
        int firstResumedEpoch = after.stream().filter(l -> Integer.parseInt(l[1]) == interrupted.number())
                .mapToInt(l -> Integer.parseInt(l[2])).min().orElseThrow();
        assertEquals(interrupted.checkpointEpochs(), firstResumedEpoch,
                "the interrupted trial resumes from its checkpoint");
        for (TrialRecord t : before) {
            if (completeBefore.contains(t.number())) {
                TrialRecord now = resumed.trials().get(t.number() - 1);
                assertEquals(t.values(), now.values());
                assertEquals(t.params(), now.params());
            }
        }
        TuningResult<Map<String, Object>> reference = StudyChild.tuner(tmp.resolve("reference"), trials, epochs)
                .run(StudyChild.objective(tmp.resolve("reference.log"), 0, 0));
        assertEquals(reference.leaderboard().toText(trials), resumed.leaderboard().toText(trials),
                "the leaderboard is the same as if the study never stopped");
    }

    @Test
    void twoProcessesShareAStudyWithoutLosingOrDuplicatingTrials() throws Exception {
        Path dir = tmp.resolve("study");
        Path log = tmp.resolve("epochs.log");
        int trials = 8;
        int epochs = 2;
        Process a = child(dir, trials, epochs, 100, log, 2);
        Process b = child(dir, trials, epochs, 100, log, 2);
        for (Process p : List.of(a, b)) {
            if (!p.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                a.destroyForcibly();
                b.destroyForcibly();
                fail("children did not finish");
            }
            assertEquals(0, p.exitValue(), () -> "child exit status; its output:\n" + tail(p));
        }
        List<TrialRecord> records = records(dir);
        assertEquals(IntStream.rangeClosed(1, trials).boxed().toList(),
                records.stream().map(TrialRecord::number).toList());
        assertTrue(records.stream().allMatch(t -> t.status() == TrialStatus.COMPLETE && t.epochs() == epochs));
        List<String[]> lines = log(log);
        Set<String> trainedEpochs = new HashSet<>();
        for (String[] l : lines) {
            assertTrue(trainedEpochs.add(l[1] + "/" + l[2]), "trial " + l[1] + " epoch " + l[2] + " trained twice");
        }
        assertEquals(trials * epochs, trainedEpochs.size());
        assertEquals(Set.of(a.pid(), b.pid()), lines.stream().map(l -> Long.parseLong(l[0])).collect(Collectors.toSet()),
                "both processes trained trials");
        assertTrue(new File(dir.toFile(), "report.html").exists());
    }
}
