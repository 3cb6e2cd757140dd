package io.github.dl4jrecipes.core.hardware;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What Linux's {@code /proc/cpuinfo} says about the first CPU: its model name and flags. Used to choose
 * the ND4J build ({@link CpuBinaries}), to name the CPU in {@link Hardware#report()}, and by benchmarks
 * to print the flags their numbers depend on.
 *
 * @param model the model name, empty where the OS has none
 * @param flags the CPU's flags as {@code /proc/cpuinfo} spells them, empty where they cannot be read
 */
public record CpuInfo(Optional<String> model, Optional<Set<String>> flags) {
    private static final Path CPUINFO = Path.of("/proc/cpuinfo");
    /** The flags of the vector instruction sets that decide which kernels run fastest. */
    private static final Pattern SIMD = Pattern.compile("sse4_[12]|avx.*|fma|f16c|amx.*");

    public CpuInfo {
        flags = flags.map(Set::copyOf);
    }

    /** Reads the first CPU's block of {@code /proc/cpuinfo}, once; both parts empty where it cannot be read. */
    public static CpuInfo read() {
        Map<String, String> fields = new HashMap<>();
        if (Files.isReadable(CPUINFO)) {
            try (Stream<String> lines = Files.lines(CPUINFO)) {
                lines.takeWhile(l -> !l.isBlank()).filter(l -> l.indexOf(':') > 0).forEach(l -> fields.putIfAbsent(
                        l.substring(0, l.indexOf(':')).trim(), l.substring(l.indexOf(':') + 1).trim()));
            } catch (IOException | RuntimeException e) {
                fields.clear();
            }
        }
        return new CpuInfo(Optional.ofNullable(fields.get("model name")), Optional.ofNullable(fields.get("flags"))
                .map(l -> Arrays.stream(l.split("\\s+")).collect(Collectors.toUnmodifiableSet())));
    }

    /** The vector-instruction flags ({@code sse4_2}, {@code avx2}, {@code avx512f}, ...), sorted. */
    public List<String> simdFlags() {
        return flags.orElse(Set.of()).stream().filter(SIMD.asMatchPredicate()).sorted().toList();
    }
}
