package io.github.dl4jrecipes.core.hardware;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
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

    /** Reads {@code /proc/cpuinfo}; both parts empty where it cannot be read (not Linux). */
    public static CpuInfo read() {
        return new CpuInfo(field("model name"), field("flags")
                .map(l -> Arrays.stream(l.trim().split("\\s+")).collect(Collectors.toUnmodifiableSet())));
    }

    /** The vector-instruction flags ({@code sse4_2}, {@code avx2}, {@code avx512f}, ...), sorted. */
    public List<String> simdFlags() {
        return flags.orElse(Set.of()).stream().filter(SIMD.asMatchPredicate()).sorted().toList();
    }

    private static Optional<String> field(String name) {
        if (!Files.isReadable(CPUINFO)) {
            return Optional.empty();
        }
        Predicate<String> named = l -> l.startsWith(name) && l.indexOf(':') > 0
                && l.substring(0, l.indexOf(':')).trim().equals(name);
        try (Stream<String> lines = Files.lines(CPUINFO)) {
            return lines.filter(named).map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
