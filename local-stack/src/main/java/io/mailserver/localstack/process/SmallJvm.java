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
 *       core), each holding on to freed memory.</li>
 * </ul>
 */
public final class SmallJvm {

    /** Where a heap starts; it grows on demand. */
    static final String INITIAL_HEAP = "24m";

    private SmallJvm() {
    }

    /** {@code java} and the memory options, ready for a main class or {@code -jar}. */
    public static List<String> command(String maxHeap) {
        List<String> command = new ArrayList<>();
        command.add(ChildProcess.javaExecutable());
        command.add("-Xms" + INITIAL_HEAP);
        command.add("-Xmx" + maxHeap);
        command.add("-XX:+UseSerialGC");
        return command;
    }

    /** The environment the JVM runs with. */
    public static Map<String, String> environment() {
        return Map.of("MALLOC_ARENA_MAX", "2");
    }
}
