package io.vaultrisk.montecarlo.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultrisk.kernels.ProgressSink;
import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.book.BookReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The passes of a split run's reduction, driven by hand as a cluster's driver does, and what they send. */
class RiskReductionTest {
    static final RiskSettings SETTINGS = RiskSettings.of(30_000, 7, new int[] {1, 7}, new double[] {0.95, 0.99});

    static long bytes(Serializable o) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(b)) {
            out.writeObject(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.size();
    }

    @Test
    void passes_threeRanges_sendAFractionOfThePathsAndGiveTheRun() {
        Book book = BookReader.DEFAULT.read(Path.of("../examples/books/eth-vault.json"));
        long[] cuts = {0, 8192, 20480, 30_000};
        List<PathRange> ranges = new ArrayList<>();
        long pathsBytes = 0;
        for (int i = 0; i + 1 < cuts.length; i++) {
            PathRange r = RiskEngine.DEFAULT.simulateRange(
                    book, SETTINGS, cuts[i], (int) (cuts[i + 1] - cuts[i]), ProgressSink.NONE);
            ranges.add(r);
            pathsBytes += bytes(r.paths()); // what a task sent when the driver reduced the paths themselves
        }
        RiskReduction reduction = RiskReduction.of(book, SETTINGS, System.nanoTime());
        long sent = 0;
        int passes = 0;
        for (RiskReduction.Pass p = reduction.next(); p != null; p = reduction.next()) {
            List<Serializable> answers = new ArrayList<>();
            for (PathRange r : ranges) {
                Serializable a = p.run(r);
                sent += bytes(a) + bytes(p);
                answers.add(a);
            }
            reduction.accept(answers);
            passes++;
        }
        RiskReport split = reduction.report();
        RiskEngine.DEFAULT.run(book, SETTINGS, ProgressSink.NONE);
        RiskReport whole = RiskEngine.DEFAULT.run(book, SETTINGS, ProgressSink.NONE);

        System.out.printf(
                "bytes per task, %d paths in 3 ranges: paths %d, reduction passes %d%n",
                SETTINGS.paths(), pathsBytes / 3, sent / 3);
        assertThat(passes).isEqualTo(4);
        assertThat(split.horizons().get(1).level(0.99).measures())
                .isEqualTo(whole.horizons().get(1).level(0.99).measures());
        assertThat(split.horizons().get(0).level(0.95).contributions())
                .isEqualTo(whole.horizons().get(0).level(0.95).contributions());
        // the tail at 95% is 5% of the paths (with its window and interval), the rest is per block or per sketch
        assertThat(sent).isLessThan(pathsBytes / 3);
    }
}
