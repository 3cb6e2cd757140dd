package io.github.dl4jrecipes.core.hardware;

import org.bytedeco.javacpp.Loader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Run-time choice of the ND4J CPU binary, the way PyTorch dispatches its kernels: with several
 * {@code nd4j-native} classifier jars on the class path (the {@code dl4j-recipes-cpu} artifact
 * brings {@code -onednn}, {@code -onednn-avx2} and {@code -onednn-avx512}), {@link #select()}
 * reads the CPU's flags and tells JavaCPP to load the best build this CPU can run, before ND4J
 * loads its native library.
 *
 * <p>The mechanism is JavaCPP's platform extension: the system property
 * {@value #JAVACPP_EXTENSION_PROPERTY} (and JavaCPP's cached platform properties, in case another
 * JavaCPP library was loaded first) names the extension, and JavaCPP loads
 * {@code linux-x86_64<extension>/libnd4jcpu.so} from the jar that has it. Without a choice JavaCPP
 * takes whichever listed extension it finds first, which can be a build the CPU cannot run.
 *
 * <p>Rules, in order: an application that set {@value #JAVACPP_EXTENSION_PROPERTY} itself keeps
 * it; {@code -D}{@value #BINARY_PROPERTY}{@code =onednn-avx2} (or {@code onednn-avx512},
 * {@code onednn}, {@code avx512}, {@code avx2}, {@code generic}) forces a build, refused if this CPU
 * cannot run it or its jar is missing; otherwise ({@code auto}, the default) the first of
 * {@link CpuBinary#preferenceOrder()} whose jar is on the class path and whose instruction set the
 * CPU has. Nothing happens on other architectures, with a CUDA backend on the class path, or when
 * no {@code nd4j-native} binary jar is there.
 *
 * <pre>{@code
 * CpuBinaries.select();                              // before the first Nd4j call; dl4j-recipes-cpu does it for you
 * CpuBinaries.selected().ifPresent(c -> log.info("ND4J binary {}", c));
 * }</pre>
 */
public final class CpuBinaries {
    /** Our setting: {@code auto} (default) or a {@link CpuBinary#settingName()}. */
    public static final String BINARY_PROPERTY = "dl4j.recipes.cpu.binary";
    /** JavaCPP's setting for the platform extension of the native libraries it loads. */
    public static final String JAVACPP_EXTENSION_PROPERTY = "org.bytedeco.javacpp.platform.extension";
    /** The default of {@value #BINARY_PROPERTY}. */
    public static final String AUTO = "auto";
    /** Where ND4J's CPU binding classes keep their native libraries, one folder per platform + extension. */
    static final String BINDINGS_FOLDER = "org/nd4j/linalg/cpu/nativecpu/bindings/";
    /** A class only the CUDA backend has: with it on the class path the CPU choice stands down. */
    static final String CUDA_BACKEND_CLASS = "org/nd4j/linalg/jcublas/JCublasBackend.class";
    /** An extension no ND4J jar has: JavaCPP then falls back to the plain platform folder. */
    static final String GENERIC_EXTENSION = "-generic";
    private static final Logger log = LoggerFactory.getLogger(CpuBinaries.class);
    private static volatile CpuBinaryChoice selected;
    private static volatile boolean ran;

    private CpuBinaries() {
    }

    /**
     * Chooses and applies the binary once per JVM; later calls return the first result. Must run
     * before ND4J loads its native library (the first {@code Nd4j} call): too late, it changes
     * nothing and says so in the log. Never throws: a bad {@value #BINARY_PROPERTY} is logged as an
     * error naming the setting and the fix, and the automatic choice is used.
     *
     * @return the choice, or empty where nothing was chosen (see the class comment)
     */
    public static synchronized Optional<CpuBinaryChoice> select() {
        if (ran) {
            return Optional.ofNullable(selected);
        }
        ran = true;
        String platform = Loader.getPlatform();
        if (!platform.endsWith("-x86_64") || onClassPath(CUDA_BACKEND_CLASS)) {
            return Optional.empty();
        }
        Set<CpuBinary> present = presentBinaries(platform);
        if (present.isEmpty()) {
            return Optional.empty();
        }
        Optional<Set<String>> flags = CpuInfo.read().flags();
        String forced = System.getProperty(BINARY_PROPERTY, AUTO);
        CpuBinaryChoice choice;
        try {
            choice = choose(flags, present, forced, System.getProperty(JAVACPP_EXTENSION_PROPERTY));
        } catch (IllegalArgumentException e) {
            log.error("{}; using the automatic choice", e.getMessage());
            choice = choose(flags, present, AUTO, null);
        }
        if (loadedAlready()) {
            log.warn("ND4J's native library was loaded before the CPU binary could be chosen ({} would "
                    + "have been taken): call CpuBinaries.select() before the first Nd4j call", choice);
            return Optional.empty();
        }
        apply(choice);
        selected = choice;
        log.info("ND4J CPU binary: {}", choice);
        return Optional.of(choice);
    }

    /** What {@link #select()} chose in this JVM, if it ran and chose. */
    public static Optional<CpuBinaryChoice> selected() {
        return Optional.ofNullable(selected);
    }

    /**
     * The choice for a CPU with the given flags (empty when they cannot be read), the builds
     * present, the {@value #BINARY_PROPERTY} value and an application's own
     * {@value #JAVACPP_EXTENSION_PROPERTY} (or null). Changes nothing.
     *
     * @throws IllegalArgumentException for a forced build that is unknown, missing, or that this
     *                                  CPU cannot run, naming {@value #BINARY_PROPERTY} and the fix
     */
    static CpuBinaryChoice choose(Optional<Set<String>> cpuFlags, Set<CpuBinary> present, String forced,
                                  String applicationExtension) {
        SimdLevel cpu = cpuFlags.map(CpuBinary::levelOf).orElse(SimdLevel.X86_64);
        if (applicationExtension != null) {
            CpuBinary named = Arrays.stream(CpuBinary.values())
                    .filter(b -> b.extension().equals(applicationExtension)).findFirst().orElse(CpuBinary.GENERIC);
            return new CpuBinaryChoice(named, cpu, String.format(Locale.ROOT,
                    "-D%s=%s set by the application is kept", JAVACPP_EXTENSION_PROPERTY, applicationExtension));
        }
        if (!AUTO.equalsIgnoreCase(forced.trim())) {
            return forcedChoice(forced.trim(), cpu, present);
        }
        CpuBinary best = CpuBinary.preferenceOrder().stream()
                .filter(b -> b.simd().compareTo(cpu) <= 0).findFirst().orElseThrow();
        CpuBinary chosen = CpuBinary.preferenceOrder().stream()
                .filter(b -> present.contains(b) && b.simd().compareTo(cpu) <= 0)
                .findFirst().orElse(CpuBinary.GENERIC);
        String why = cpuFlags.isEmpty()
                ? "the CPU's flags cannot be read on " + System.getProperty("os.name") + ", so the baseline x86-64 "
                        + "build; force another with -D" + BINARY_PROPERTY + "=onednn-avx2 if this CPU has AVX2"
                : "the CPU has " + describe(cpu);
        if (chosen != best && cpuFlags.isPresent()) {
            why += String.format(Locale.ROOT, ", but the %s build is not on the class path (add the "
                    + "io.github.dl4jrecipes:dl4j-recipes-cpu dependency, or org.nd4j:nd4j-native with "
                    + "classifier linux-x86_64%s)", best.settingName(), best.extension());
        }
        return new CpuBinaryChoice(chosen, cpu, why);
    }

    private static CpuBinaryChoice forcedChoice(String forced, SimdLevel cpu, Set<CpuBinary> present) {
        CpuBinary binary = Arrays.stream(CpuBinary.values())
                .filter(b -> b.settingName().equalsIgnoreCase(forced)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(String.format(Locale.ROOT,
                        "-D%s=%s is not a CPU binary; use %s or one of %s", BINARY_PROPERTY, forced, AUTO,
                        Arrays.stream(CpuBinary.values()).map(CpuBinary::settingName).toList())));
        if (binary.simd().compareTo(cpu) > 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "-D%s=%s needs %s, which this CPU lacks (it has %s): loading it would stop the JVM "
                            + "with an illegal instruction; use %s or %s", BINARY_PROPERTY, forced, binary.simd(),
                    describe(cpu), AUTO, bestPresent(cpu, present).settingName()));
        }
        if (!present.contains(binary)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "-D%s=%s: its jar (org.nd4j:nd4j-native, classifier linux-x86_64%s) is not on the class "
                            + "path; add it, or use %s", BINARY_PROPERTY, forced, binary.extension(), AUTO));
        }
        return new CpuBinaryChoice(binary, cpu, "forced with -D" + BINARY_PROPERTY + "=" + forced);
    }

    private static CpuBinary bestPresent(SimdLevel cpu, Set<CpuBinary> present) {
        return CpuBinary.preferenceOrder().stream()
                .filter(b -> present.contains(b) && b.simd().compareTo(cpu) <= 0)
                .findFirst().orElse(CpuBinary.GENERIC);
    }

    private static String describe(SimdLevel cpu) {
        return switch (cpu) {
            case AVX512 -> "AVX-512 (" + String.join(", ", sorted(CpuBinary.AVX512_FLAGS)) + ")";
            case AVX2 -> "AVX2 (" + String.join(", ", sorted(CpuBinary.AVX2_FLAGS)) + ") but not all of AVX-512 F/CD/BW/DQ/VL";
            default -> "no AVX2 + FMA + F16C";
        };
    }

    private static List<String> sorted(Set<String> flags) {
        return flags.stream().sorted().toList();
    }

    /** The builds whose native library is on the class path for this platform. */
    static Set<CpuBinary> presentBinaries(String platform) {
        Set<CpuBinary> present = EnumSet.noneOf(CpuBinary.class);
        String library = System.mapLibraryName("jnind4jcpu");
        for (CpuBinary b : CpuBinary.values()) {
            if (onClassPath(BINDINGS_FOLDER + platform + b.extension() + "/" + library)) {
                present.add(b);
            }
        }
        return present;
    }

    private static boolean onClassPath(String resource) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return (context != null && context.getResource(resource) != null)
                || CpuBinaries.class.getClassLoader().getResource(resource) != null;
    }

    /** Whether ND4J's CPU native library (and with it libgomp) is loaded in this JVM. */
    static boolean loadedAlready() {
        return Loader.getLoadedLibraries().keySet().stream().anyMatch(name -> name.contains("nd4jcpu"));
    }

    /**
     * Tells JavaCPP the extension: the system property for JavaCPP's first read, and its cached
     * platform properties for the case where another JavaCPP library was loaded first. For
     * {@link CpuBinary#GENERIC} an extension no jar has, so JavaCPP takes the plain platform folder
     * (an empty one would let it pick any listed extension).
     */
    private static void apply(CpuBinaryChoice choice) {
        String extension = choice.binary() == CpuBinary.GENERIC ? GENERIC_EXTENSION : choice.binary().extension();
        if (System.getProperty(JAVACPP_EXTENSION_PROPERTY) == null) {
            System.setProperty(JAVACPP_EXTENSION_PROPERTY, extension);
        }
        Loader.loadProperties().setProperty("platform.extension",
                System.getProperty(JAVACPP_EXTENSION_PROPERTY));
    }

}
