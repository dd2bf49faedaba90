package dev.ownstack.server;

import dev.ownstack.server.auth.PasswordHasher;
import dev.ownstack.server.auth.Role;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * What authentication costs, in one run: Argon2id hashing and verification at the configured cost,
 * and the median time of {@code GET /api/session} over HTTP with a key of server.api-keys, a
 * user's key and a session cookie, next to the open {@code GET /health}. Run by bench/auth.sh.
 */
public final class AuthBenchmark {
    private AuthBenchmark() {
    }

    public static void main(String[] args) {
        int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        PasswordHasher hasher = new PasswordHasher();
        String phc = hasher.hash("warm-up-password");
        double hash = median(repetitions, () -> hasher.hash("a-benchmark-password"));
        double verify = median(repetitions, () -> hasher.verify("a-benchmark-password", phc));
        System.out.printf("argon2id m=19456 KiB t=2 p=1: hash %.1f ms, verify %.1f ms (median of %d)%n", hash, verify, repetitions);
        try (SecuredServer server = new SecuredServer()) {
            SecuredServer.Browser browser = server.browser(Role.VIEWER);
            double[] medians = interleaved(requests, java.util.List.of(
                    () -> check(server.call("GET", "/health", null)),
                    () -> check(server.call("GET", "/api/session", null, "Authorization", "Bearer " + TestServer.API_KEY)),
                    () -> check(server.withKey(Role.VIEWER, "GET", "/api/session", null)),
                    () -> check(server.call("GET", "/api/session", null, "Cookie", browser.cookie()))));
            double health = medians[0];
            System.out.printf("GET /health (open)              %.3f ms%n", health);
            System.out.printf("GET /api/session, server key    %.3f ms (%.2fx /health)%n", medians[1], medians[1] / health);
            System.out.printf("GET /api/session, user key      %.3f ms (%.2fx /health)%n", medians[2], medians[2] / health);
            System.out.printf("GET /api/session, session       %.3f ms (%.2fx /health)%n", medians[3], medians[3] / health);
            System.out.printf("(medians of %d sequential requests each, the four kinds taking turns, after as many warm-up rounds)%n", requests);
        }
    }

    private static Object check(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
        return response;
    }

    /** Median milliseconds of each call over {@code count} rounds in which each takes a turn, after {@code count} warm-up rounds. */
    private static double[] interleaved(int count, java.util.List<Supplier<Object>> calls) {
        double[][] times = new double[calls.size()][count];
        for (int round = -count; round < count; round++) {
            for (int i = 0; i < calls.size(); i++) {
                long start = System.nanoTime();
                calls.get(i).get();
                if (round >= 0) {
                    times[i][round] = (System.nanoTime() - start) / 1e6;
                }
            }
        }
        double[] medians = new double[calls.size()];
        for (int i = 0; i < calls.size(); i++) {
            Arrays.sort(times[i]);
            medians[i] = times[i][count / 2];
        }
        return medians;
    }

    /** Median milliseconds of {@code count} calls, after {@code count} warm-up calls. */
    private static double median(int count, Supplier<Object> call) {
        for (int i = 0; i < count; i++) {
            call.get();
        }
        double[] times = new double[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            call.get();
            times[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(times);
        return times[count / 2];
    }
}
