package dev.ownstack.warehouse.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/** Peak heap and peak resident set size of this JVM, for benchmarks that compare steps run one after another. */
public final class MemoryPeaks {
    private MemoryPeaks() {
    }

    /** Resets the heap pools' peaks and, on Linux, the process's peak RSS ({@code VmHWM}). */
    public static void reset() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        try {
            // Linux: "5" resets the process's peak resident set size (VmHWM)
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | RuntimeException e) {
            // no reset: the peak RSS is then the process's peak so far
        }
    }

    /** The sum of the heap pools' peak use since the last {@link #reset()}, in bytes. */
    public static long heap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    }

    /** The peak RSS in bytes ({@code VmHWM} of {@code /proc/self/status}), or -1 where it cannot be read. */
    public static long residentSet() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }
}
