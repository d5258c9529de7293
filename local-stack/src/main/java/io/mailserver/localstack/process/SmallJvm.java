package io.mailserver.localstack.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How every JVM of a local system is started: sized for a laptop or a small VPS, where the whole
 * system at rest should stay under 1 GB (bench/run.sh measures it). Each choice was measured with
 * PSS at rest (docs/benchmarks.md):
 * <ul>
 *   <li>a small initial heap: left to itself the JVM commits 1/64 of the machine's memory at once,
 *       and the young generation, cycled through by every allocation, is touched whole even when the
 *       live data is a few MiB; the heap still grows to {@code -Xmx} under load;</li>
 *   <li>the serial collector: one core's worth of GC threads and no per-region bookkeeping;</li>
 *   <li>two malloc arenas: glibc otherwise keeps one per thread that ever allocated (up to eight per
 *       core), each holding on to freed memory;</li>
 *   <li>the native heap trimmed every five seconds: what the JIT compilers and startup freed stays
 *       with the process otherwise (a trim by hand returned 127 MiB of the system's 1316 at rest);</li>
 *   <li>the JDK's class archive (CDS) mapped at the address it was made for, not relocated: Debian's
 *       JDK 17 relocates it to a random address by default (ASLR), which writes to nearly every
 *       page and so gives each JVM a private 10 MiB copy; unrelocated, its 7.5 MiB read-only part is
 *       shared by all (-36 MiB for the whole system). Upstream JDK 17 maps it this way by default;</li>
 *   <li>methods compiled by C1 with profiling only after ten times the usual calls and loops: what a
 *       service runs once while starting stays interpreted instead of filling the code cache and
 *       metaspace with profiled code and its profiles (1026 -> 967 MiB for the whole system at rest).
 *       Code that stays hot is compiled as before, a little later;</li>
 *   <li>the JDK classes all of them load beyond the JDK's own archive mapped from one archive
 *       ({@link JdkClassArchive}), one copy of their metadata for every JVM;</li>
 *   <li>a heap that shrinks at once after a full collection ({@code -ShrinkHeapInSteps}): in steps it
 *       gives back a tenth of the excess the first time, so a service that collects rarely keeps a
 *       burst's heap for good.</li>
 * </ul>
 */
public final class SmallJvm {

    /** Where a heap starts; it grows on demand. */
    static final String INITIAL_HEAP = "24m";
    /** How often freed native memory is given back to the system (malloc_trim). */
    static final int TRIM_INTERVAL_MILLIS = 5000;

    private SmallJvm() {
    }

    /** {@code java} and the memory options, ready for a main class or {@code -jar}. */
    public static List<String> command(String maxHeap) {
        List<String> command = new ArrayList<>();
        command.add(ChildProcess.javaExecutable());
        command.add("-Xms" + INITIAL_HEAP);
        command.add("-Xmx" + maxHeap);
        command.add("-XX:+UseSerialGC");
        if (trimsNativeHeap(Runtime.version())) {
            command.add("-XX:TrimNativeHeapInterval=" + TRIM_INTERVAL_MILLIS);
        }
        command.add("-XX:-ShrinkHeapInSteps");
        command.add("-XX:Tier3InvocationThreshold=2000");
        command.add("-XX:Tier3MinInvocationThreshold=1000");
        command.add("-XX:Tier3CompileThreshold=20000");
        command.add("-XX:Tier3BackEdgeThreshold=600000");
        command.add("-XX:+UnlockDiagnosticVMOptions");
        command.add("-XX:ArchiveRelocationMode=0");
        JdkClassArchive.path().ifPresent(archive -> command.add("-XX:SharedArchiveFile=" + archive));
        return command;
    }

    /**
     * Whether this Java has {@code -XX:TrimNativeHeapInterval} (22, backported to 17.0.9 and 21.0.1);
     * the services run on the same Java as the supervisor ({@link ChildProcess#javaExecutable()}).
     */
    static boolean trimsNativeHeap(Runtime.Version version) {
        int feature = version.feature();
        return feature >= 22 || (feature == 21 && version.update() >= 1) || (feature == 17 && version.update() >= 9);
    }

    /** The environment the JVM runs with. */
    public static Map<String, String> environment() {
        return Map.of("MALLOC_ARENA_MAX", "2");
    }
}
