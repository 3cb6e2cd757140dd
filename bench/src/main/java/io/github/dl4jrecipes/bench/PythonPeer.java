package io.github.dl4jrecipes.bench;

import io.github.dl4jrecipes.core.train.internal.Json;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs a peer script from {@code bench/peers/} with Debian's Python and the module it measures
 * (PyTorch from {@code python3-torch} for {@code pytorch_peer.py}, pandas from {@code python3-pandas}
 * for {@code pandas_peer.py}) and reads its JSON answer. An absent module is not an error: the peer
 * columns then say why they are empty.
 */
final class PythonPeer {
    private final Path python;
    private final Path script;
    private final String module;
    private final String debianPackage;

    /**
     * @param module the Python module the script needs ({@code torch}, {@code pandas})
     * @param debianPackage the Debian package that installs it, for the skip note
     */
    PythonPeer(Path python, Path script, String module, String debianPackage) {
        this.python = python;
        this.script = script;
        this.module = module;
        this.debianPackage = debianPackage;
    }

    /** Why the peer cannot run here, or empty when it can. */
    Optional<String> unavailableBecause() {
        if (!Files.isExecutable(python)) {
            return Optional.of(python + " not found (apt-get install -y " + debianPackage + ")");
        }
        if (!Files.isRegularFile(script)) {
            return Optional.of(script + " not found (run from the repository root)");
        }
        try {
            Process p = new ProcessBuilder(python.toString(), "-c", "import " + module).redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0 ? Optional.empty()
                    : Optional.of(module + " is not installed for " + python + " (apt-get install -y " + debianPackage
                            + ")");
        } catch (IOException e) {
            return Optional.of("cannot start " + python + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    /** Runs the peer with these arguments and returns its JSON result. */
    JsonNode run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(python.toString(), script.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        if (rc != 0) {
            throw new IOException("peer exited with " + rc + ": " + String.join(" ", command));
        }
        return Json.MAPPER.readTree(out);
    }
}
