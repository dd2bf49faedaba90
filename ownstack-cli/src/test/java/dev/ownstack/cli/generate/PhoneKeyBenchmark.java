package dev.ownstack.cli.generate;

import dev.ownstack.model.identity.keys.PhoneKey;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Phone normalisation per number, on the generator's phone numbers: {@link PhoneKey#parse} (the
 * fast path, libphonenumber for the rest) against {@link PhoneKey#parseWithLibphonenumber}, in
 * the same run, alternating rounds, timed in this thread's CPU time (so that other work on the
 * machine does not count). Checks that both give the same keys.
 *
 * <pre>java ... PhoneKeyBenchmark [PHONES] [ROUNDS]</pre>
 */
public final class PhoneKeyBenchmark {
    private PhoneKeyBenchmark() {
    }

    public static void main(String[] args) {
        int people = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<String> phones = GeneratedPhones.of(people, 42);
        PhoneKey key = new PhoneKey("GB");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double bestFast = Double.MAX_VALUE;
        double bestSlow = Double.MAX_VALUE;
        for (int round = 0; round < rounds; round++) {
            long fastKeys = 0;
            long slowKeys = 0;
            long start = threads.getCurrentThreadCpuTime();
            fastKeys = run(phones, key::parse);
            long middle = threads.getCurrentThreadCpuTime();
            slowKeys = run(phones, key::parseWithLibphonenumber);
            long end = threads.getCurrentThreadCpuTime();
            if (fastKeys != slowKeys) {
                throw new IllegalStateException("the fast path gave " + fastKeys + " keys, libphonenumber " + slowKeys);
            }
            bestFast = Math.min(bestFast, (middle - start) / 1e3 / phones.size());
            bestSlow = Math.min(bestSlow, (end - middle) / 1e3 / phones.size());
        }
        System.out.printf(Locale.ROOT, "%d generated phone numbers, best of %d rounds, CPU time per number:%n", phones.size(), rounds);
        System.out.printf(Locale.ROOT, "fast path\t%.2f us%nlibphonenumber\t%.2f us%nratio\t%.1fx%n", bestFast, bestSlow, bestSlow / bestFast);
    }

    /** A checksum of the keys, so that the work is not optimised away and both answers can be compared. */
    private static long run(List<String> phones, Function<String, java.util.Optional<PhoneKey.Parsed>> parse) {
        long sum = 0;
        for (String phone : phones) {
            sum += parse.apply(phone).map(parsed -> (long) parsed.e164().hashCode()).orElse(1L);
        }
        return sum;
    }
}
