package io.vaultrisk.cli;

import io.vaultrisk.kernels.ProgressSink;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A progress bar on stderr for long runs: redrawn in place at most ten times a second, only when stderr is a
 * terminal (or VAULTRISK_PROGRESS=1) and never with --json.
 */
public final class ProgressBar implements ProgressSink, AutoCloseable {
    private static final int WIDTH = 30;
    private final String label;
    private final long total;
    private final boolean enabled;
    private final PrintStream out;
    private final AtomicLong done = new AtomicLong();
    private final long startNanos = System.nanoTime();
    private volatile long lastDraw;

    public ProgressBar(String label, long total, boolean json) {
        this(
                label,
                total,
                !json
                        && (System.getenv("VAULTRISK_STDERR_TTY") != null
                                || "1".equals(System.getenv("VAULTRISK_PROGRESS"))),
                System.err);
    }

    /** For tests: drawing decided by the caller, onto {@code out}. */
    ProgressBar(String label, long total, boolean enabled, PrintStream out) {
        this.label = label;
        this.total = Math.max(1, total);
        this.enabled = enabled;
        this.out = out;
    }

    @Override
    public void advance(long units) {
        long now = done.addAndGet(units);
        if (!enabled) {
            return;
        }
        long t = System.nanoTime();
        if (t - lastDraw > 100_000_000L || now >= total) {
            lastDraw = t;
            draw(now);
        }
    }

    private synchronized void draw(long now) {
        double f = Math.min(1.0, (double) now / total);
        int filled = (int) Math.round(f * WIDTH);
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        String eta = f > 0.02 && f < 1 ? String.format(" eta %.0fs", seconds * (1 - f) / f) : "";
        out.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] "
                + String.format("%3.0f%%", 100 * f) + String.format(" %.1fs", seconds) + eta + "   ");
        out.flush();
    }

    @Override
    public void close() {
        if (enabled && lastDraw != 0) {
            out.print("\r" + " ".repeat(WIDTH + label.length() + 30) + "\r");
            out.flush();
        }
    }
}
