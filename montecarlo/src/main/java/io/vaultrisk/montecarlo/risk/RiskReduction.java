package io.vaultrisk.montecarlo.risk;

import io.vaultrisk.montecarlo.book.Book;
import io.vaultrisk.montecarlo.book.PerpetualPosition;
import io.vaultrisk.montecarlo.book.Position;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The reduction of a risk run whose paths stay where they were simulated: the driver's side of a run split by path
 * index into {@link PathRange}s, and the one reduction {@link RiskEngine#run} applies to its own paths (as a single
 * range), so a split run and the single machine cannot drift apart.
 *
 * <p>Four passes over the ranges ({@link #next}, each range's answers back in path order with {@link #accept}):
 * <ol>
 *   <li>each observation's smallest and largest value, which span the valuation tables, and the perpetuals'
 *       liquidation counts and funding sums per 4,096-path block;
 *   <li>sums per block (P&amp;L, the P&amp;L explain's mean terms) and a sketch of the sorted losses
 *       ({@link RankSelection});
 *   <li>the candidate tail: every path whose loss is at or above a bracket of the lowest tail rank any measure reads
 *       (the VaR/ES ranks and their intervals, the Euler window), with its index, its positions' losses and its
 *       explain inputs; and the values of the brackets of the P&amp;L quantiles;
 *   <li>centred moment sums per block and the histogram counts.
 * </ol>
 * Sums are added per block in block order, ranks are selected exactly and ties broken by path index, so the report
 * is the same bits for any split along block boundaries. What travels per range is O(blocks + sketch + its share of
 * the tail), never O(paths).
 */
public final class RiskReduction {
    /** A pass over the ranges of a run: what each range sends back to the driver. */
    public interface Pass extends Serializable {
        Serializable run(PathRange range);
    }

    private final SimulationPlan plan;
    private final long startNanos;
    private final List<String> warnings;
    private final int n;
    private final int coin;
    private final double bookValue;
    private final double[] v0;
    private final double coin0;
    private int stage;
    // after pass 1
    private double[][] bounds;
    private long[][] liquidations;
    private double[][] fundingSum;
    private String backend, device;
    // after pass 2
    private double[] pnlSum;
    private double[][] explainSums;
    private int[] minRank, tailStart, quoteStart;
    private double[] marginLevel;
    private int[][] targets;
    private double[][][] brackets;
    private double[] tailFrom, detailFrom, explainFrom, quoteFrom;
    // after pass 3
    private double[][] top, quoteTop;
    private List<Map<Integer, Double>> selected;
    private int[][] tailPaths;
    private double[][][] posLoss, tailSpots, tailVolX;
    private double[][] tailPnl, tailFunding;
    // after pass 4
    private double[][] moments;
    private long[][] histogram;

    RiskReduction(SimulationPlan plan, long startNanos) {
        this.plan = plan;
        this.startNanos = startNanos;
        this.warnings = RiskEngine.planWarnings(plan);
        this.n = Math.toIntExact(plan.settings.paths());
        this.coin = RiskEngine.coinIndex(plan.book, plan.settings.currency());
        List<Position> ps = plan.book.positions();
        v0 = new double[ps.size()];
        double bv = 0;
        for (int i = 0; i < ps.size(); i++) {
            v0[i] = PositionValuer.DEFAULT.value(plan.book, ps.get(i));
            bv += v0[i];
        }
        bookValue = bv;
        coin0 = coin < 0 ? 1.0 : plan.book.market().underlyings().get(coin).spot();
    }

    /**
     * The reduction of the run of {@code book} with {@code settings}; the report's elapsed time counts from {@code
     * startNanos}. Throws what {@link RiskEngine#run} throws for a bad book or setting.
     */
    public static RiskReduction of(Book book, RiskSettings settings, long startNanos) {
        RiskEngine.coinIndex(book, settings.currency());
        return new RiskReduction(new SimulationPlan(book, settings), startNanos);
    }

    /** The reduction of ranges held here, in path order. */
    static RiskReport local(SimulationPlan plan, List<PathRange> ranges, long startNanos) {
        RiskReduction r = new RiskReduction(plan, startNanos);
        for (Pass p = r.next(); p != null; p = r.next()) {
            List<Serializable> answers = new ArrayList<>();
            for (PathRange range : ranges) {
                answers.add(p.run(range));
            }
            r.accept(answers);
        }
        return r.report();
    }

    /** The next pass to run over every range, or null when the report is ready. */
    public Pass next() {
        return switch (stage) {
            case 0 -> new BoundsPass();
            case 1 -> new SumsPass(bounds, coinMargin());
            case 2 -> new TailsPass(bounds, tailFrom, detailFrom, explainFrom, quoteFrom, brackets);
            case 3 -> {
                double[] mean = new double[plan.horizons()];
                double[][] span = new double[plan.horizons()][];
                for (int h = 0; h < mean.length; h++) {
                    mean[h] = pnlSum[h] / n;
                    span[h] = PnlStatistics.span(
                            -sortedLoss(h, PnlStatistics.rank(n, PnlStatistics.LOW)),
                            -sortedLoss(h, PnlStatistics.rank(n, PnlStatistics.HIGH)));
                }
                yield new MomentsPass(bounds, mean, span);
            }
            default -> null;
        };
    }

    /** Every range's answer to the pass {@link #next} gave, in path order. */
    public void accept(List<? extends Serializable> answers) {
        switch (stage) {
            case 0 -> acceptBounds(answers);
            case 1 -> acceptSums(answers);
            case 2 -> acceptTails(answers);
            case 3 -> acceptMoments(answers);
            default -> throw new IllegalStateException("the reduction is complete");
        }
        stage++;
    }

    // ---- pass 1: bounds and perpetual block statistics ----

    record Bounds(
            long first,
            int count,
            double[] min,
            double[] max,
            double[][] blockStats,
            String backend,
            String device,
            List<String> warnings)
            implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    record BoundsPass() implements Pass {
        private static final long serialVersionUID = 1L;

        @Override
        public Serializable run(PathRange r) {
            double[][] b = HorizonValuation.bounds(r.paths.obs());
            SimulatedPaths p = r.paths;
            return new Bounds(p.first(), p.count(), b[0], b[1], p.blockStats(), p.backend(), p.device(), p.warnings());
        }
    }

    private void acceptBounds(List<? extends Serializable> answers) {
        int hs = plan.horizons(), ps = plan.perps.size(), nObs = plan.obsStep.length;
        double[] lo = new double[nObs], hi = new double[nObs];
        Arrays.fill(lo, Double.POSITIVE_INFINITY);
        Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        liquidations = new long[hs][ps];
        fundingSum = new double[hs][ps];
        long at = 0;
        Bounds head = (Bounds) answers.get(0);
        backend = head.backend();
        device = head.device();
        for (Serializable a : answers) {
            Bounds r = (Bounds) a;
            if (r.first() != at) {
                throw new IllegalArgumentException("ranges must cover the paths in order: expected a range from " + at
                        + ", got one from " + r.first());
            }
            at += r.count();
            for (int o = 0; o < nObs; o++) {
                lo[o] = Math.min(lo[o], r.min()[o]);
                hi[o] = Math.max(hi[o], r.max()[o]);
            }
            if (!r.backend().equals(head.backend()) && !backend.contains(r.backend())) {
                backend = backend + "," + r.backend();
            }
            if (!r.device().equals(head.device()) && !device.contains(r.device())) {
                device = device + "; " + r.device();
            }
            r.warnings().stream().filter(w -> !warnings.contains(w)).forEach(warnings::add);
            for (double[] stats : r.blockStats()) { // in block order
                for (int h = 0; h < hs; h++) {
                    for (int p = 0; p < ps; p++) {
                        liquidations[h][p] += (long) stats[h * ps + p];
                        fundingSum[h][p] += stats[hs * ps + h * ps + p];
                    }
                }
            }
        }
        if (at != n) {
            throw new IllegalArgumentException("the ranges hold " + at + " paths, the run " + n);
        }
        bounds = new double[][] {lo, hi};
    }

    // ---- pass 2: block sums and sketches ----

    /**
     * Per horizon: the exact P&amp;L sum's partials, block sums [block][delta, gamma, vega, total] of the explain,
     * sketches of the (quote) losses.
     */
    record Sums(double[][] pnl, double[][][] blocks, RankSelection.Sketch[] loss, RankSelection.Sketch[] quote)
            implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    record SumsPass(double[][] bounds, boolean quote) implements Pass {
        private static final long serialVersionUID = 1L;

        @Override
        public Serializable run(PathRange r) {
            r.valued(bounds);
            SimulationPlan plan = r.plan;
            int hs = plan.horizons(), u = plan.underlyings;
            PnlExplain.BookGreeks g = PnlExplain.BookGreeks.of(plan.book);
            double[] spots0 = spots0(plan);
            double[][][] blocks = new double[hs][r.blocks()][];
            double[][] pnlSums = new double[hs][];
            RankSelection.Sketch[] loss = new RankSelection.Sketch[hs], q = new RankSelection.Sketch[hs];
            for (int h = 0; h < hs; h++) {
                double[][] spots = new double[u][], volX = new double[u][];
                for (int d = 0; d < u; d++) {
                    spots[d] = r.local.obs()[plan.observation(h, d)];
                    int vo = plan.volObservation[h][d];
                    volX[d] = vo >= 0 ? r.local.obs()[vo] : null;
                }
                double[] value = r.value(h), l = r.loss(h);
                double[] pnl = new double[value.length];
                for (int k = 0; k < pnl.length; k++) {
                    pnl[k] = value[k] - r.bookValue;
                }
                for (int b = 0; b < r.blocks(); b++) {
                    blocks[h][b] = PnlExplain.sums(g, spots0, spots, volX, pnl, r.blockFrom(b), r.blockTo(b));
                }
                pnlSums[h] = PnlStatistics.pnlSum(l, 0, l.length);
                loss[h] = RankSelection.sketch(r.sortedLoss(h));
                q[h] = quote ? RankSelection.sketch(r.sortedQuote(h)) : null;
            }
            return new Sums(pnlSums, blocks, loss, q);
        }
    }

    static double[] spots0(SimulationPlan plan) {
        double[] s = new double[plan.underlyings];
        for (int d = 0; d < s.length; d++) {
            s[d] = plan.book.market().underlyings().get(d).spot();
        }
        return s;
    }

    /** Whether the margin's tail is of the quote-currency losses, which the coin view's losses are not. */
    private boolean coinMargin() {
        return coin >= 0;
    }

    private void acceptSums(List<? extends Serializable> answers) {
        int hs = plan.horizons();
        RiskSettings settings = plan.settings;
        pnlSum = new double[hs];
        explainSums = new double[hs][4];
        minRank = new int[hs];
        tailStart = new int[hs];
        quoteStart = new int[hs];
        marginLevel = new double[hs];
        targets = new int[hs][];
        brackets = new double[hs][][];
        tailFrom = new double[hs];
        detailFrom = new double[hs];
        explainFrom = new double[hs];
        quoteFrom = new double[hs];
        MarginMethod mm = settings.margin();
        double[] levels = settings.confidences();
        int window = window(n);
        for (int h = 0; h < hs; h++) {
            List<RankSelection.Sketch> loss = new ArrayList<>(), quote = new ArrayList<>();
            ExactSum pnl = new ExactSum();
            for (Serializable a : answers) {
                Sums s = (Sums) a;
                pnl.addAll(s.pnl()[h]);
                for (double[] b : s.blocks()[h]) { // in block order
                    for (int t = 0; t < 4; t++) {
                        explainSums[h][t] += b[t];
                    }
                }
                loss.add(s.loss()[h]);
                quote.add(s.quote()[h]);
            }
            pnlSum[h] = pnl.value();
            int days = settings.horizonDays()[h];
            marginLevel[h] = mm.calibrated()
                    ? (days == mm.periodDays() ? mm.confidence() : Double.NaN)
                    : (h == 0 ? levels[levels.length - 1] : Double.NaN);
            int min = n - 1, start = n - 1;
            for (double level : levels) {
                int k = TailMeasures.varRank(n, level);
                min = Math.min(min, Math.max(0, k - 1 - window));
                start = Math.min(start, TailMeasures.firstRank(n, level) - 1);
            }
            start = Math.min(start, min);
            quoteStart[h] = -1;
            if (!Double.isNaN(marginLevel[h])) {
                if (coin < 0) {
                    start = Math.min(start, TailMeasures.firstRank(n, marginLevel[h]) - 1);
                } else {
                    quoteStart[h] = TailMeasures.firstRank(n, marginLevel[h]) - 1;
                }
            }
            minRank[h] = min;
            tailStart[h] = start;
            tailFrom[h] = RankSelection.bracket(loss, start)[0];
            detailFrom[h] = RankSelection.bracket(loss, min)[0];
            explainFrom[h] = RankSelection.bracket(loss, TailMeasures.varRank(n, levels[levels.length - 1]) - 1)[0];
            quoteFrom[h] = quoteStart[h] < 0 ? Double.NaN : RankSelection.bracket(quote, quoteStart[h])[0];
            // the order statistics of the P&L summary below the tail
            List<Integer> ranks = new ArrayList<>();
            ranks.add(0);
            for (double p : PnlStatistics.QUANTILES) {
                ranks.add(PnlStatistics.rank(n, p));
            }
            ranks.add(PnlStatistics.rank(n, PnlStatistics.LOW));
            ranks.add(PnlStatistics.rank(n, PnlStatistics.HIGH));
            int cut = start;
            int[] below = ranks.stream()
                    .mapToInt(Integer::intValue)
                    .filter(r -> r < cut)
                    .distinct()
                    .toArray();
            targets[h] = below;
            brackets[h] = new double[below.length][];
            for (int t = 0; t < below.length; t++) {
                brackets[h][t] = RankSelection.bracket(loss, below[t]);
            }
        }
    }

    /** Half-width of the window of paths around the VaR that its Euler contributions average over. */
    static int window(int n) {
        return Math.max(5, (int) Math.ceil(0.5 * Math.sqrt(n)));
    }

    // ---- pass 3: the candidate tail and the quantiles' brackets ----

    /**
     * A range's paths with a loss at or above its horizon's threshold ({@code tailFrom}), in path order: index and
     * loss; of those at or above {@code detailFrom} (the Euler contributions' paths) each position's loss,
     * {@code posLoss[row · positions + i]}; of those at or above {@code explainFrom} (the explain's tail) the horizon
     * spots and vol factors per underlying, the quote P&amp;L and the funding received, {@code explain[row · (2u + 2)
     * + …]}. {@code detailed} and {@code explained} list the candidates that have the rows.
     */
    record TailPaths(int[] path, double[] loss, int[] detailed, double[] posLoss, int[] explained, double[] explain)
            implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    record Tails(TailPaths[] tail, double[][] quoteTop, RankSelection.Window[][] windows) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    record TailsPass(
            double[][] bounds,
            double[] tailFrom,
            double[] detailFrom,
            double[] explainFrom,
            double[] quoteFrom,
            double[][][] brackets)
            implements Pass {
        private static final long serialVersionUID = 1L;

        @Override
        public Serializable run(PathRange r) {
            r.valued(bounds);
            SimulationPlan plan = r.plan;
            int hs = plan.horizons(),
                    u = plan.underlyings,
                    np = plan.book.positions().size();
            TailPaths[] tails = new TailPaths[hs];
            double[][] quoteTop = new double[hs][];
            RankSelection.Window[][] windows = new RankSelection.Window[hs][];
            for (int h = 0; h < hs; h++) {
                double[] l = r.loss(h), value = r.value(h);
                int[] local = indices(l, tailFrom[h]), detailed = within(l, local, detailFrom[h]);
                int[] explained = within(l, local, explainFrom[h]);
                int[] path = new int[local.length], global = new int[detailed.length];
                double[] loss = new double[local.length];
                for (int j = 0; j < local.length; j++) {
                    path[j] = Math.toIntExact(r.first() + local[j]);
                    loss[j] = l[local[j]];
                }
                for (int d = 0; d < detailed.length; d++) {
                    global[d] = path[detailed[d]];
                }
                BookSimulator.PerPerp perp = BookSimulator.perPerpetual(plan, global);
                HorizonValuation hv = r.valuation(h);
                double[] coinSpot = r.coin < 0 ? null : r.local.obs()[plan.observation(h, r.coin)];
                double[] posLoss = new double[detailed.length * np];
                for (int d = 0; d < detailed.length; d++) {
                    int k = local[detailed[d]];
                    int perpIndex = 0;
                    for (int i = 0; i < np; i++) {
                        double pv =
                                hv.isPerpetual(i) ? perp.value()[h][perpIndex++][d] : hv.positionValue(i, r.local, k);
                        posLoss[d * np + i] = r.coin < 0 ? r.v0[i] - pv : r.v0[i] / r.coin0 - pv / coinSpot[k];
                    }
                }
                int w = 2 * u + 2;
                double[] explain = new double[explained.length * w];
                for (int e = 0, d = 0; e < explained.length; e++) {
                    while (detailed[d] != explained[e]) { // explained ⊆ detailed, both in path order
                        d++;
                    }
                    int k = local[explained[e]];
                    for (int x = 0; x < u; x++) {
                        explain[e * w + x] = r.local.obs()[plan.observation(h, x)][k];
                        int vo = plan.volObservation[h][x];
                        explain[e * w + u + x] = vo >= 0 ? r.local.obs()[vo][k] : 0.0;
                    }
                    explain[e * w + 2 * u] = value[k] - r.bookValue;
                    double f = 0;
                    for (int p = 0; p < plan.perps.size(); p++) {
                        f += perp.funding()[h][p][d];
                    }
                    explain[e * w + 2 * u + 1] = f;
                }
                tails[h] = new TailPaths(path, loss, detailed, posLoss, explained, explain);
                if (!Double.isNaN(quoteFrom[h])) {
                    double[] sq = r.sortedQuote(h);
                    quoteTop[h] = Arrays.copyOfRange(sq, RankSelection.lowerBound(sq, quoteFrom[h]), sq.length);
                }
                windows[h] = new RankSelection.Window[brackets[h].length];
                for (int t = 0; t < windows[h].length; t++) {
                    windows[h][t] = RankSelection.window(r.sortedLoss(h), brackets[h][t]);
                }
            }
            return new Tails(tails, quoteTop, windows);
        }

        /** The local paths whose loss is at or above {@code from}, in path order. */
        private static int[] indices(double[] loss, double from) {
            int c = 0;
            for (double x : loss) {
                if (x >= from) {
                    c++;
                }
            }
            int[] out = new int[c];
            for (int k = 0, j = 0; k < loss.length; k++) {
                if (loss[k] >= from) {
                    out[j++] = k;
                }
            }
            return out;
        }

        /** The candidates (indices into {@code local}) whose loss is at or above {@code from}. */
        private static int[] within(double[] loss, int[] local, double from) {
            return java.util.stream.IntStream.range(0, local.length)
                    .filter(j -> loss[local[j]] >= from)
                    .toArray();
        }
    }

    private void acceptTails(List<? extends Serializable> answers) {
        int hs = plan.horizons(), np = plan.book.positions().size(), u = plan.underlyings, w = 2 * u + 2;
        top = new double[hs][];
        quoteTop = new double[hs][];
        selected = new ArrayList<>();
        tailPaths = new int[hs][];
        posLoss = new double[hs][][];
        tailSpots = new double[hs][][];
        tailVolX = new double[hs][][];
        tailPnl = new double[hs][];
        tailFunding = new double[hs][];
        for (int h = 0; h < hs; h++) {
            List<TailPaths> parts = new ArrayList<>();
            List<double[]> quotes = new ArrayList<>();
            Map<Integer, Double> sel = new HashMap<>();
            for (int t = 0; t < targets[h].length; t++) {
                List<RankSelection.Window> ws = new ArrayList<>();
                for (Serializable a : answers) {
                    ws.add(((Tails) a).windows()[h][t]);
                }
                sel.put(targets[h][t], RankSelection.select(ws, targets[h][t]));
            }
            selected.add(sel);
            int e = 0;
            for (Serializable a : answers) {
                Tails t = (Tails) a;
                parts.add(t.tail()[h]);
                e += t.tail()[h].path().length;
                if (t.quoteTop()[h] != null) {
                    quotes.add(t.quoteTop()[h]);
                }
            }
            // rows of each part's candidates: [part][candidate] → detail row, explain row (−1: none)
            int[][] detailRow = new int[parts.size()][], explainRow = new int[parts.size()][];
            for (int p = 0; p < parts.size(); p++) {
                TailPaths t = parts.get(p);
                detailRow[p] = rows(t.path().length, t.detailed());
                explainRow[p] = rows(t.path().length, t.explained());
            }
            // the candidates are the whole run's paths at or above the threshold: its last e ranks, ordered by loss
            // and then path index
            long[][] order = new long[e][];
            int at = 0;
            for (int p = 0; p < parts.size(); p++) {
                for (int j = 0; j < parts.get(p).path().length; j++) {
                    order[at++] = new long[] {parts.get(p).path()[j], p, j};
                }
            }
            Arrays.sort(order, (x, y) -> {
                int c = Double.compare(
                        parts.get((int) x[1]).loss()[(int) x[2]],
                        parts.get((int) y[1]).loss()[(int) y[2]]);
                return c != 0 ? c : Long.compare(x[0], y[0]);
            });
            int skip = tailStart[h] - (n - e);
            if (skip < 0) {
                throw new IllegalStateException(
                        "the candidate tail holds ranks from " + (n - e) + ", the measures need " + tailStart[h]);
            }
            top[h] = new double[n - tailStart[h]];
            for (int j = 0; j < top[h].length; j++) {
                long[] o = order[skip + j];
                top[h][j] = parts.get((int) o[1]).loss()[(int) o[2]];
            }
            int from = skip + (minRank[h] - tailStart[h]), m = n - minRank[h];
            int explainFromRank =
                    TailMeasures.varRank(n, plan.settings.confidences()[plan.settings.confidences().length - 1]) - 1;
            tailPaths[h] = new int[m];
            posLoss[h] = new double[np][m];
            tailSpots[h] = new double[u][m];
            tailVolX[h] = new double[u][m];
            tailPnl[h] = new double[m];
            tailFunding[h] = new double[m];
            for (int j = 0; j < m; j++) {
                long[] o = order[from + j];
                int p = (int) o[1], k = (int) o[2];
                TailPaths t = parts.get(p);
                tailPaths[h][j] = (int) o[0];
                int d = detailRow[p][k];
                if (d < 0) {
                    throw new IllegalStateException("tail path " + o[0] + " came without its positions' losses");
                }
                for (int i = 0; i < np; i++) {
                    posLoss[h][i][j] = t.posLoss()[d * np + i];
                }
                int x = explainRow[p][k];
                if (x < 0) {
                    if (minRank[h] + j >= explainFromRank) {
                        throw new IllegalStateException("tail path " + o[0] + " came without its explain inputs");
                    }
                    continue;
                }
                for (int y = 0; y < u; y++) {
                    tailSpots[h][y][j] = t.explain()[x * w + y];
                    tailVolX[h][y][j] = t.explain()[x * w + u + y];
                }
                tailPnl[h][j] = t.explain()[x * w + 2 * u];
                tailFunding[h][j] = t.explain()[x * w + 2 * u + 1];
            }
            if (quoteStart[h] >= 0) {
                double[] q =
                        quotes.stream().flatMapToDouble(Arrays::stream).sorted().toArray();
                if (q.length < n - quoteStart[h]) {
                    throw new IllegalStateException(
                            "the quote tail holds " + q.length + " losses, the margin needs " + (n - quoteStart[h]));
                }
                quoteTop[h] = Arrays.copyOfRange(q, q.length - (n - quoteStart[h]), q.length);
            }
        }
    }

    /** Row of each of {@code count} candidates in the listed subset, −1 for those not in it. */
    private static int[] rows(int count, int[] subset) {
        int[] out = new int[count];
        Arrays.fill(out, -1);
        for (int r = 0; r < subset.length; r++) {
            out[subset[r]] = r;
        }
        return out;
    }

    /** The loss of 0-based rank r at horizon h (after pass 3). */
    private double sortedLoss(int h, int r) {
        return r >= tailStart[h] ? top[h][r - tailStart[h]] : selected.get(h).get(r);
    }

    // ---- pass 4: centred moments and histogram ----

    /** Per horizon: block sums [block][Σd², Σd³]; histogram counts, then below and above its span. */
    record Moments(double[][][] blocks, long[][] histogram) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    record MomentsPass(double[][] bounds, double[] mean, double[][] span) implements Pass {
        private static final long serialVersionUID = 1L;

        @Override
        public Serializable run(PathRange r) {
            r.valued(bounds);
            int hs = r.plan.horizons();
            double[][][] blocks = new double[hs][r.blocks()][];
            long[][] hist = new long[hs][];
            for (int h = 0; h < hs; h++) {
                double[] l = r.loss(h);
                for (int b = 0; b < r.blocks(); b++) {
                    blocks[h][b] = PnlStatistics.centered(l, r.blockFrom(b), r.blockTo(b), mean[h]);
                }
                long[] bins = new long[PnlStatistics.BINS];
                long[] out = PnlStatistics.histogram(l, 0, l.length, span[h], bins);
                hist[h] = Arrays.copyOf(bins, PnlStatistics.BINS + 2);
                hist[h][PnlStatistics.BINS] = out[0];
                hist[h][PnlStatistics.BINS + 1] = out[1];
            }
            return new Moments(blocks, hist);
        }
    }

    private void acceptMoments(List<? extends Serializable> answers) {
        int hs = plan.horizons();
        moments = new double[hs][2];
        histogram = new long[hs][PnlStatistics.BINS + 2];
        for (int h = 0; h < hs; h++) {
            for (Serializable a : answers) {
                Moments m = (Moments) a;
                for (double[] b : m.blocks()[h]) { // in block order
                    moments[h][0] += b[0];
                    moments[h][1] += b[1];
                }
                for (int i = 0; i < histogram[h].length; i++) {
                    histogram[h][i] += m.histogram()[h][i];
                }
            }
        }
    }

    // ---- the report ----

    /** The report, once every pass is in. */
    public RiskReport report() {
        if (stage != 4) {
            throw new IllegalStateException("the reduction has had " + stage + " of its 4 passes");
        }
        Book book = plan.book;
        RiskSettings settings = plan.settings;
        List<Position> ps = book.positions();
        Map<String, Double> values = new LinkedHashMap<>();
        for (int i = 0; i < ps.size(); i++) {
            values.put(ps.get(i).id(), v0[i]);
        }
        PnlExplain.BookGreeks explainGreeks = PnlExplain.BookGreeks.of(book);
        MarginMethod mm = settings.margin();
        List<RiskReport.HorizonRisk> horizons = new ArrayList<>();
        TailMeasures marginTail = null;
        int marginDays = 0;
        for (int h = 0; h < plan.horizons(); h++) {
            int days = settings.horizonDays()[h];
            TailMeasures[] measures = new TailMeasures[settings.confidences().length];
            RiskReport.HorizonRisk risk = horizon(h, explainGreeks, measures);
            horizons.add(risk);
            if (!Double.isNaN(marginLevel[h])) {
                marginTail = coin < 0
                        ? TailMeasures.of(top[h], n, marginLevel[h])
                        : TailMeasures.of(quoteTop[h], n, marginLevel[h]);
                marginDays = days;
            }
        }
        List<RiskReport.PerpetualRisk> perps = new ArrayList<>();
        for (int p = 0; p < plan.perps.size(); p++) {
            PerpetualPosition pp = plan.perps.get(p);
            List<RiskReport.LiquidationEstimate> est = new ArrayList<>();
            for (int h = 0; h < plan.horizons(); h++) {
                double prob = liquidations[h][p] / (double) n;
                est.add(new RiskReport.LiquidationEstimate(
                        settings.horizonDays()[h], prob, Math.sqrt(prob * (1 - prob) / n), fundingSum[h][p] / n));
            }
            perps.add(new RiskReport.PerpetualRisk(
                    pp.id(),
                    pp.underlying(),
                    pp.settlement().name().toLowerCase(Locale.ROOT),
                    pp.size() > 0 ? "long" : "short",
                    PerpetualMath.liquidationPrice(pp),
                    est));
        }
        List<RiskReport.UnderlyingGreeks> greeks = RiskEngine.greeks(book);
        RiskReport.MarginReport margin = mm.calibrated()
                ? CalibratedMargin.of(book, mm, marginTail, marginDays)
                : RiskEngine.margin(book, marginTail, horizons.get(0).days());
        return new RiskReport(
                book.name(),
                book.quoteCurrency(),
                book.asOf().toString(),
                settings.paths(),
                settings.seed(),
                settings.stepsPerDay(),
                plan.correlation,
                bookValue,
                values,
                horizons,
                perps,
                greeks,
                margin,
                (System.nanoTime() - startNanos) / 1e6,
                warnings,
                settings.currency().label(book.quoteCurrency()),
                settings.liquidationMonitoring().label(),
                backend,
                device);
    }

    private RiskReport.HorizonRisk horizon(int h, PnlExplain.BookGreeks explainGreeks, TailMeasures[] measures) {
        double[] levels = plan.settings.confidences();
        int window = window(n);
        for (int l = 0; l < levels.length; l++) {
            measures[l] = TailMeasures.of(top[h], n, levels[l]);
            if (!measures[l].hasEsInterval()) {
                warnings.add(String.format(
                        Locale.ROOT,
                        "%d day(s) at %s: only %d tail paths, fewer than %d: no ES interval is given; use more paths",
                        plan.settings.horizonDays()[h],
                        levels[l],
                        measures[l].tailCount(),
                        TailMeasures.MIN_TAIL_FOR_ES_INTERVAL));
            }
        }
        List<Position> ps = plan.book.positions();
        double[][] pl = posLoss[h];
        int m = tailPaths[h].length;
        List<RiskReport.LevelRisk> risks = new ArrayList<>();
        for (TailMeasures tm : measures) {
            int varIdx = tm.varRank() - 1 - minRank[h]; // index of the VaR path in the tail
            int lo = Math.max(0, varIdx - window), hi = Math.min(m - 1, varIdx + window);
            List<RiskReport.Contribution> contributions = new ArrayList<>();
            for (int i = 0; i < ps.size(); i++) {
                double es = 0, var = 0;
                for (int j = varIdx; j < m; j++) {
                    es += pl[i][j];
                }
                for (int j = lo; j <= hi; j++) {
                    var += pl[i][j];
                }
                contributions.add(new RiskReport.Contribution(ps.get(i).id(), var / (hi - lo + 1), es / (m - varIdx)));
            }
            risks.add(new RiskReport.LevelRisk(tm, contributions, window));
        }
        RiskReport.PnlSummary summary = PnlStatistics.of(
                n,
                pnlSum[h],
                moments[h][0],
                moments[h][1],
                r -> sortedLoss(h, r),
                PnlStatistics.span(
                        -sortedLoss(h, PnlStatistics.rank(n, PnlStatistics.LOW)),
                        -sortedLoss(h, PnlStatistics.rank(n, PnlStatistics.HIGH))),
                Arrays.copyOf(histogram[h], PnlStatistics.BINS),
                histogram[h][PnlStatistics.BINS],
                histogram[h][PnlStatistics.BINS + 1]);
        return new RiskReport.HorizonRisk(
                plan.settings.horizonDays()[h],
                plan.horizonYears(h),
                risks,
                summary,
                explain(h, explainGreeks, measures));
    }

    /** P&amp;L explain over all paths and over the ES tail at the highest confidence (quote currency). */
    private PnlExplain explain(int h, PnlExplain.BookGreeks g, TailMeasures[] measures) {
        int u = plan.underlyings;
        boolean volsMove = false;
        for (int d = 0; d < u; d++) {
            volsMove |= plan.volObservation[h][d] >= 0;
        }
        double meanFunding = 0;
        for (int p = 0; p < plan.perps.size(); p++) {
            meanFunding += fundingSum[h][p] / n;
        }
        TailMeasures top = measures[measures.length - 1];
        int from = top.varRank() - 1 - minRank[h], m = tailPaths[h].length;
        double[][] spots = new double[u][], volX = new double[u][];
        for (int d = 0; d < u; d++) {
            spots[d] = Arrays.copyOfRange(tailSpots[h][d], from, m);
            volX[d] = plan.volObservation[h][d] >= 0 ? Arrays.copyOfRange(tailVolX[h][d], from, m) : null;
        }
        double years = plan.horizonYears(h);
        return new PnlExplain(
                PnlExplain.meanTerms(g, years, explainSums[h], n, meanFunding),
                PnlExplain.terms(
                        g,
                        years,
                        spots0(plan),
                        spots,
                        volX,
                        Arrays.copyOfRange(tailPnl[h], from, m),
                        Arrays.copyOfRange(tailFunding[h], from, m),
                        0.0,
                        null),
                top.confidence(),
                m - from,
                volsMove ? PnlExplain.MOVING_VOL_NOTE : PnlExplain.FROZEN_VOL_NOTE);
    }
}
