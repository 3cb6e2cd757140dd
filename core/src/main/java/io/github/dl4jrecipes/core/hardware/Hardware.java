package io.github.dl4jrecipes.core.hardware;

import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What ND4J is running on, in one call: {@code Hardware.report()}.
 *
 * <p>Reads the active backend, its devices and their memory, the CPU cores and the thread pools
 * of ND4J and BLAS, the SIMD level the loaded native binary was built for against what the CPU
 * supports, and the default data type. {@link #hints()} says how to get a faster setup when one
 * exists, for example a binary built for this CPU's AVX-512. {@link #toString()} renders the
 * report for a console or a log.
 *
 * @param backend        the ND4J backend in use
 * @param backendClass   the simple class name of the ND4J backend
 * @param devices        the compute devices: the CPU for the CPU backend, each GPU for CUDA
 * @param cpuCores       logical processors available to the JVM
 * @param nd4jThreads    the maximum number of threads libnd4j uses for one op
 * @param blasVendor     the BLAS library ND4J calls (OpenBLAS, MKL, cuBLAS)
 * @param blasThreads    the maximum number of threads of that BLAS library
 * @param blasCore       the kernels OpenBLAS chose at run time ({@code Zen}, {@code SkylakeX}, ...),
 *                       empty when the BLAS is not OpenBLAS or cannot tell
 * @param oneDnn         whether the oneDNN fast path for conv layers is off, available or active
 * @param binarySimd     the SIMD level the loaded libnd4j binary was compiled for (CPU only)
 * @param cpuSimd        the best SIMD level this CPU supports (CPU only)
 * @param dataType       ND4J's default floating point type
 * @param maxHeapBytes   the JVM's maximum heap
 * @param maxOffHeapBytes the most off-heap memory JavaCPP will allocate (where ND4J arrays live)
 * @param binaryChoice   which CPU binary {@link CpuBinaries#select()} chose at start-up and why;
 *                       null when it did not choose (no {@code dl4j-recipes-cpu}, another backend)
 * @param openMpWait     OpenMP's wait policy as {@link OpenMpWaitPolicy#apply()} left it, and why;
 *                       null when it did not run in this JVM
 */
public record Hardware(Backend backend, String backendClass, List<Device> devices, int cpuCores,
                       int nd4jThreads, String blasVendor, int blasThreads, String blasCore,
                       OneDnnState oneDnn, SimdLevel binarySimd,
                       SimdLevel cpuSimd, DataType dataType, long maxHeapBytes,
                       long maxOffHeapBytes, CpuBinaryChoice binaryChoice, String openMpWait) {

    /** The family of ND4J backend. */
    public enum Backend { CPU, CUDA }

    /** The oneDNN fast path for convolution layers on the CPU backend (see {@link OneDnn}). */
    public enum OneDnnState {
        /** The loaded binary has no oneDNN, or the backend is not the CPU one. */
        MISSING,
        /** The binary has oneDNN but DL4J's helpers are off: call {@link OneDnn#enable()}. */
        AVAILABLE,
        /** DL4J's oneDNN helpers serve convolution, pooling, batch norm and LRN layers. */
        ACTIVE
    }

    /**
     * One compute device.
     *
     * @param name        a human-readable name (CPU model, GPU name)
     * @param totalBytes  its memory: physical RAM for a CPU, device memory for a GPU
     * @param freeBytes   free memory at the time of the report
     */
    public record Device(String name, long totalBytes, long freeBytes) { }

    public Hardware {
        devices = List.copyOf(devices);
    }

    /** Reads the report from the running ND4J backend, loading it if it is not loaded yet. */
    public static Hardware report() {
        Environment env = Nd4j.getEnvironment();
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        Backend backend = env.isCPU() ? Backend.CPU : Backend.CUDA;
        List<Device> devices = backend == Backend.CPU ? List.of(cpuDevice()) : gpuDevices(ops);
        return new Hardware(backend, Nd4j.getBackend().getClass().getSimpleName(), devices,
                Runtime.getRuntime().availableProcessors(), env.maxThreads(),
                Nd4j.factory().blas().getBlasVendor().name(), Nd4j.factory().blas().getMaxThreads(),
                backend == Backend.CPU ? OpenBlas.coreName().orElse("") : "", oneDnnState(),
                SimdLevel.ofNativeLevel(ops.binaryLevel()), SimdLevel.ofNativeLevel(ops.optimalLevel()),
                Nd4j.dataType(), Runtime.getRuntime().maxMemory(), Pointer.maxBytes(),
                CpuBinaries.selected().orElse(null), OpenMpWaitPolicy.applied().orElse(null));
    }

    /**
     * Advice for a faster or safer setup; empty when nothing is to be gained. Each hint says what
     * is slow and the exact switch that fixes it.
     */
    public List<String> hints() {
        List<String> hints = new ArrayList<>();
        if (backend == Backend.CPU && cpuSimd.compareTo(binarySimd) > 0
                && cpuSimd.compareTo(SimdLevel.X86_64) > 0) {
            hints.add(String.format(Locale.ROOT,
                    "This CPU supports %s but the loaded ND4J binary is built for %s: depend on "
                            + "io.github.dl4jrecipes:dl4j-recipes-cpu (it loads the best build at start-up), "
                            + "or add org.nd4j:nd4j-native with classifier linux-x86_64-onednn%s.",
                    cpuSimd, binarySimd, cpuSimd.classifierSuffix()));
        }
        if (backend == Backend.CPU && oneDnn == OneDnnState.MISSING) {
            hints.add(OneDnn.MISSING_FIX);
        }
        if (oneDnn == OneDnnState.AVAILABLE) {
            hints.add("oneDNN is in the binary but DL4J's layer helpers are off: call OneDnn.enable() "
                    + "before building networks (recipes do this for you).");
        }
        if (OpenBlas.FALLBACK_CORE.equals(blasCore) && cpuSimd.compareTo(SimdLevel.X86_64) > 0) {
            hints.add(String.format(Locale.ROOT,
                    "OpenBLAS does not recognise this CPU and runs generic %s kernels: set "
                            + "OPENBLAS_CORETYPE=%s before starting the JVM (verify results; never "
                            + "Cooperlake, which computed wrong DGEMM results on such a machine).",
                    blasCore, cpuSimd == SimdLevel.AVX512 ? "SkylakeX" : "Haswell"));
        }
        if (nd4jThreads > cpuCores) {
            hints.add(String.format(Locale.ROOT,
                    "ND4J uses %d threads on %d cores: set OMP_NUM_THREADS=%d to stop oversubscription.",
                    nd4jThreads, cpuCores, cpuCores));
        }
        if (dataType == DataType.HALF && backend == Backend.CPU) {
            hints.add("Half precision on the CPU backend is slow and unstable (NaN losses): "
                    + "use Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT).");
        }
        return List.copyOf(hints);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "Backend   %s (%s), default data type %s%n",
                backend, backendClass, dataType));
        for (Device d : devices) {
            s.append(String.format(Locale.ROOT, "Device    %s, %s total, %s free%n",
                    d.name(), gib(d.totalBytes()), gib(d.freeBytes())));
        }
        s.append(String.format(Locale.ROOT, "Threads   %d cores, ND4J %d, %s %d%n",
                cpuCores, nd4jThreads, blasVendor, blasThreads));
        if (backend == Backend.CPU) {
            s.append(String.format(Locale.ROOT, "SIMD      binary %s, CPU %s, OpenBLAS kernels %s%n",
                    binarySimd, cpuSimd, blasCore.isEmpty() ? "unknown" : blasCore));
            s.append(String.format(Locale.ROOT, "oneDNN    %s%n", oneDnn));
            s.append(String.format(Locale.ROOT, "Binary    %s%n", binaryChoice == null
                    ? "not chosen at start-up (dl4j-recipes-cpu is not on the class path, or ND4J loaded first)"
                    : "chosen at start-up: " + binaryChoice));
            s.append(String.format(Locale.ROOT, "OpenMP    wait policy %s%n", openMpWait == null
                    ? "not set by dl4j-recipes (libgomp's default unless the environment sets one)" : openMpWait));
        }
        s.append(String.format(Locale.ROOT, "Memory    heap max %s, off-heap max %s%n",
                gib(maxHeapBytes), gib(maxOffHeapBytes)));
        for (String hint : hints()) {
            s.append("Hint      ").append(hint).append(System.lineSeparator());
        }
        return s.toString();
    }

    private static OneDnnState oneDnnState() {
        if (!OneDnn.available()) {
            return OneDnnState.MISSING;
        }
        return OneDnn.active() ? OneDnnState.ACTIVE : OneDnnState.AVAILABLE;
    }

    private static Device cpuDevice() {
        long total = Pointer.totalPhysicalBytes();
        long free = Pointer.availablePhysicalBytes();
        return new Device(CpuInfo.read().model().orElse(System.getProperty("os.arch")), total, free);
    }

    private static List<Device> gpuDevices(NativeOps ops) {
        List<Device> gpus = new ArrayList<>();
        for (int i = 0; i < ops.getAvailableDevices(); i++) {
            gpus.add(new Device(ops.getDeviceName(i), ops.getDeviceTotalMemory(i),
                    ops.getDeviceFreeMemory(i)));
        }
        return gpus;
    }

    private static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
    }
}
