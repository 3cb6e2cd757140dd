package io.github.dl4jrecipes.core.train;

import io.github.dl4jrecipes.core.train.internal.AtomicFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A process killed (SIGKILL) at 20 different instants while it replaces a model folder leaves,
 * each time, the old complete folder or the new complete one: every file of the folder comes
 * from one generation, the model loads, and nothing older than the last finished write.
 */
class ModelFolderKillIT {

    private static final int ROUNDS = 20;
    /** Kill delays after the child is ready: 0, 17, 34 … 323 ms, spread over several writes. */
    private static final long STEP_MILLIS = 17;

    @Test
    void aKilledWriterLeavesTheOldOrTheNewFolder(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("model");
        long finished = 0;       // the newest generation a child reported as written
        long next = 1;
        for (int round = 0; round < ROUNDS; round++) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), FolderWriter.class.getName(), dir.toString(),
                    Long.toString(next)).redirectErrorStream(true).start();
            CountDownLatch ready = new CountDownLatch(1);
            AtomicLong wrote = new AtomicLong(finished);
            StringBuffer log = new StringBuffer();
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = out.readLine()) != null; ) {
                        log.append(line).append('\n');
                        if (line.equals("ready")) {
                            ready.countDown();
                        } else if (line.startsWith("wrote ")) {
                            wrote.set(Long.parseLong(line.split(" ")[1]));
                        }
                    }
                } catch (java.io.IOException e) {
                    // the child was killed
                }
            });
            reader.start();
            assertTrue(ready.await(60, TimeUnit.SECONDS), () -> "child not ready: " + log);
            Thread.sleep(round * STEP_MILLIS);
            child.destroyForcibly();
            child.waitFor();
            reader.join();
            finished = wrote.get();

            next = check(dir, finished, log) + 1;
        }
        assertTrue(finished > 0, "some writes finished");
        // one more write in-process cleans what the killed writers left
        AtomicFolder.write(dir, staging -> Files.writeString(staging.resolve(FolderWriter.BEFORE), "0"));
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(java.util.List.of("model"), files.map(f -> f.getFileName().toString()).toList());
        }
    }

    /** The generation found in the folder: consistent, and not older than the last finished write. */
    private static long check(Path dir, long finished, CharSequence log) throws Exception {
        try {
            AtomicFolder.read(dir);
        } catch (NoSuchFileException e) {
            assertEquals(0, finished, "no folder although generation " + finished + " was written");
            return 0;
        }
        long before = Long.parseLong(Files.readString(dir.resolve(FolderWriter.BEFORE)));
        long after = Long.parseLong(Files.readString(dir.resolve(FolderWriter.AFTER)));
        TrainedModel<?> model = TrainedModel.load(dir.resolve(FolderWriter.MODEL));
        double min = model.network().params().minNumber().doubleValue();
        double max = model.network().params().maxNumber().doubleValue();
        if (before != after || min != before || max != before) {
            fail("mixed folder: " + before + ", " + after + ", parameters " + min + " … " + max + "; child: " + log);
        }
        assertTrue(before == finished || before == finished + 1,
                "generation " + before + " found, " + finished + " was the last finished; child: " + log);
        return before;
    }
}
