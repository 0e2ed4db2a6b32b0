package io.vaultrisk.cli;

import io.vaultrisk.montecarlo.stress.Scenario;
import io.vaultrisk.montecarlo.stress.ScenarioLibrary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The crash demo's hourly price path of BTC and ETH, shaped from one bundled historical scenario's published moves
 * (montecarlo's stress package): not tick data, which this repository may not ship. The shape is stated, not
 * observed: {@link #CALM_HOURS} hours of alternating ±{@link #CALM_MOVE} moves (both assets together) that seed the
 * service's EWMA vol, the scenario's whole move over {@link #CRASH_HOURS} hours in two legs ({@link #FIRST_LEG} of the
 * log move in the first ten hours, a four-hour pause, the rest in the last ten, as the two crashes of 12-13 March 2020
 * went), then {@link #AFTER_HOURS} calm hours at the trough. Prices start at the demo deployment's.
 *
 * @param rows the prices after each hour, one row per hour: {BTC, ETH} in USD
 * @param crashStart index of the first crash hour
 * @param crashEnd index after the last crash hour
 */
record CrashPath(Scenario scenario, double btc0, double eth0, List<double[]> rows, int crashStart, int crashEnd) {

    static final String DEFAULT_SCENARIO = "black-thursday-2020-03-12";
    static final int CALM_HOURS = 30;
    static final int CRASH_HOURS = 24;
    static final int AFTER_HOURS = 6;
    static final double CALM_MOVE = 0.0055;
    static final double FIRST_LEG = 0.6;
    private static final int LEG_HOURS = 10;

    /** The bundled scenario named {@code id} ({@code crash}: Black Thursday, 12 March 2020), if there is one. */
    static Optional<Scenario> scenario(String id) {
        String wanted = "crash".equals(id) ? DEFAULT_SCENARIO : id;
        return ScenarioLibrary.historical().stream()
                .filter(s -> s.id().equals(wanted))
                .findFirst();
    }

    /** The ids {@link #scenario} accepts, for the error of an unknown one. */
    static List<String> ids() {
        List<String> ids = new ArrayList<>(List.of("crash"));
        ScenarioLibrary.historical().forEach(s -> ids.add(s.id()));
        return ids;
    }

    static CrashPath of(Scenario s, double btc0, double eth0) {
        Double btc = s.returns().get("BTC"), eth = s.returns().get("ETH");
        if (btc == null || eth == null) {
            throw new IllegalArgumentException("scenario " + s.id() + " has no BTC and ETH moves");
        }
        double lb = Math.log1p(btc), le = Math.log1p(eth);
        List<double[]> rows = new ArrayList<>();
        double b = btc0, e = eth0;
        for (int h = 0; h < CALM_HOURS; h++) {
            double m = h % 2 == 0 ? CALM_MOVE : -CALM_MOVE;
            b *= Math.exp(m);
            e *= Math.exp(m);
            rows.add(new double[] {b, e});
        }
        int crashStart = rows.size();
        // the calm phase ends where it began (an even number of alternating moves): the crash is relative to start
        b = btc0;
        e = eth0;
        for (int h = 0; h < CRASH_HOURS; h++) {
            double share;
            if (h < LEG_HOURS) {
                share = FIRST_LEG / LEG_HOURS;
            } else if (h >= CRASH_HOURS - LEG_HOURS) {
                share = (1 - FIRST_LEG) / LEG_HOURS;
            } else {
                share = 0;
            }
            b *= Math.exp(share * lb);
            e *= Math.exp(share * le);
            rows.add(new double[] {b, e});
        }
        int crashEnd = rows.size();
        for (int h = 0; h < AFTER_HOURS; h++) {
            double m = h % 2 == 0 ? CALM_MOVE : -CALM_MOVE;
            b *= Math.exp(m);
            e *= Math.exp(m);
            rows.add(new double[] {b, e});
        }
        return new CrashPath(s, btc0, eth0, List.copyOf(rows), crashStart, crashEnd);
    }

    /** What the path is, in one sentence for the output and the report. */
    String provenance() {
        return String.format(
                Locale.ROOT,
                "%s (%s): BTC %+.2f%%, ETH %+.2f%% as published (%s); hourly path shaped from the bundled scenario's"
                        + " published daily moves, not tick data: %d calm hours of ±%.2f%% moves (synthetic), the"
                        + " move over %d hours in two legs (%.0f%% in 10 h, a 4 h pause, the rest in 10 h), %d calm"
                        + " hours at the trough",
                scenario.name(),
                scenario.date(),
                100 * scenario.returns().get("BTC"),
                100 * scenario.returns().get("ETH"),
                scenario.measure(),
                CALM_HOURS,
                100 * CALM_MOVE,
                CRASH_HOURS,
                100 * FIRST_LEG,
                AFTER_HOURS);
    }
}
