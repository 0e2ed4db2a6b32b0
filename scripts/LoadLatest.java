import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Open-loop load on {@code GET /api/v1/vaults/{address}/allocation/latest} (scripts/load-latest): requests are sent
 * on a fixed schedule whatever the answers do, and each latency counts from its scheduled time, so a stall shows in
 * the percentiles instead of lowering the rate (no coordinated omission). JDK only: run with {@code java LoadLatest.java}.
 *
 * <p>Usage: {@code java LoadLatest.java BASE_URL ADMIN_KEY RATE SECONDS [VAULT EXECUTOR_KEY]}; without a vault it
 * registers one, publishes one allocation and creates an executor key first.
 */
public class LoadLatest {
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(4))
            .build();

    public static void main(String[] args) throws Exception {
        String base = args[0].replaceAll("/$", "");
        String admin = args[1];
        int rate = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        String vault = args.length > 5 ? args[4] : null;
        String key = args.length > 5 ? args[5] : null;
        if (vault == null) {
            String address = String.format("0x%040x", System.nanoTime());
            String v = call("POST", base + "/api/v1/vaults", admin,
                    "{\"address\":\"" + address + "\",\"chainId\":31337,\"strategies\":[\"a\",\"b\",\"c\"]}", 201);
            vault = field(v, "address");
            String job = call("POST", base + "/api/v1/allocations", admin,
                    "{\"vault\":\"" + vault + "\",\"weightsBps\":[2000,3000,5000]}", 202);
            String id = field(job, "id");
            for (int i = 0; ; i++) {
                String status = field(call("GET", base + "/api/v1/allocations/" + id, admin, null, 200), "status");
                if (status.equals("succeeded")) {
                    break;
                }
                if (!status.matches("queued|running") || i > 300) {
                    throw new IllegalStateException("allocation job " + id + " is " + status);
                }
                Thread.sleep(100);
            }
            key = field(call("POST", base + "/api/v1/keys", admin,
                    "{\"name\":\"load-latest\",\"roles\":[\"executor\"]}", 201), "key");
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/vaults/" + vault + "/allocation/latest"))
                .header("X-API-Key", key)
                .timeout(Duration.ofSeconds(10))
                .build();
        // warm-up at the target rate, not recorded: connections, and the JIT of a service that has just started
        int warmup = Math.min(5, Math.max(1, seconds / 4));
        drive(request, rate, warmup, new long[rate * warmup], new AtomicLong(), new ConcurrentLinkedQueue<>());
        long total = (long) rate * seconds;
        long[] latencies = new long[(int) total];
        AtomicLong errors = new AtomicLong();
        ConcurrentLinkedQueue<String> errorSamples = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        long sentAt = drive(request, rate, seconds, latencies, errors, errorSamples);
        long end = System.nanoTime();
        long done = total;
        Arrays.sort(latencies);
        double elapsed = (end - start) / 1e9;
        System.out.printf(
                "target %d req/s for %d s (after %d s of warm-up): sent %d in %.2f s (%.0f req/s offered), completed %d"
                        + " in %.2f s (%.0f req/s achieved)%n",
                rate, seconds, warmup, total, (sentAt - start) / 1e9, total / ((sentAt - start) / 1e9), done, elapsed,
                done / elapsed);
        System.out.printf(
                "latency from scheduled send: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms%n",
                pct(latencies, 0.50), pct(latencies, 0.90), pct(latencies, 0.99), pct(latencies, 0.999),
                latencies[latencies.length - 1] / 1e6);
        System.out.printf("errors (not 200 or failed): %d%s%n", errors.get(),
                errorSamples.isEmpty() ? "" : " e.g. " + errorSamples);
        System.exit(errors.get() == 0 ? 0 : 1);
    }

    /** Sends rate × seconds requests on schedule; returns when the last was sent, after all have completed. */
    private static long drive(HttpRequest request, int rate, int seconds, long[] latencies, AtomicLong errors,
            ConcurrentLinkedQueue<String> errorSamples) throws InterruptedException {
        long total = (long) rate * seconds;
        CompletableFuture<?>[] all = new CompletableFuture<?>[(int) total];
        long periodNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long scheduled = start + i * periodNanos;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            int n = i;
            all[i] = HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).handle((r, e) -> {
                latencies[n] = System.nanoTime() - scheduled;
                if (e != null || r.statusCode() != 200) {
                    errors.incrementAndGet();
                    if (errorSamples.size() < 5) {
                        errorSamples.add(e != null ? e.toString() : "HTTP " + r.statusCode());
                    }
                }
                return null;
            });
        }
        long sentAt = System.nanoTime();
        CompletableFuture.allOf(all).join();
        return sentAt;
    }

    private static double pct(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    private static String call(String method, String url, String key, String body, int expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("X-API-Key", key)
                .timeout(Duration.ofSeconds(30));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(method + " " + url + " → " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    /** A top-level string field of a small JSON answer (JDK only: no JSON library on this class path). */
    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }
}
