package io.github.dl4jrecipes.tuning;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A worker of a database study, run in a child JVM by {@link JdbcStudyProcessesTest}: the objective
 * of {@link StudyChild} (x, each epoch sleeping and appending "pid trial epoch" to a log) under ASHA
 * (1 … maxEpochs, η 3) or random search. Credentials come from the environment.
 * Arguments: url studyName strategy trials maxEpochs sleepMillis logFile peers heartbeatMillis graceMillis workDir.
 */
public final class JdbcStudyChild {

    private JdbcStudyChild() {
    }

    public static void main(String[] args) throws Exception {
        Path log = Path.of(args[6]);
        java.nio.file.Files.createDirectories(log.resolveSibling("ready"));
        java.nio.file.Files.createFile(log.resolveSibling("ready").resolve(Long.toString(ProcessHandle.current().pid())));
        tuner(args[0], args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                Duration.ofMillis(Long.parseLong(args[8])), Duration.ofMillis(Long.parseLong(args[9])), Path.of(args[10]))
                .run(StudyChild.objective(log, Long.parseLong(args[5]), Integer.parseInt(args[7])));
    }

    static Tuner<Map<String, Object>> tuner(String url, String name, String strategy, int trials, int maxEpochs,
                                            Duration heartbeat, Duration grace, Path workDir) {
        return tuner(strategy, trials, maxEpochs, storage(url, name, heartbeat, grace, workDir));
    }

    static StudyStorage storage(String url, String name, Duration heartbeat, Duration grace, Path workDir) {
        return StudyStorage.jdbc(url, name).withHeartbeat(heartbeat, grace).withWorkDir(workDir)
                .withRetryFor(Duration.ofSeconds(90));
    }

    static Tuner<Map<String, Object>> tuner(String strategy, int trials, int maxEpochs, StudyStorage storage) {
        Tuner<Map<String, Object>> tuner = "asha".equals(strategy)
                ? Tuner.asha(Synthetic.unitX(), 1, maxEpochs, 3) : Tuner.random(Synthetic.unitX(), maxEpochs);
        return tuner.maxTrials(trials).threadsPerWorker(1).storage(storage);
    }
}
