package io.vaultrisk.cli;

import io.vaultrisk.allocator.GroupCap;
import io.vaultrisk.allocator.PortfolioConstraints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The constraint options of {@code vaultrisk allocate}, read into {@link PortfolioConstraints}. */
final class ConstraintOptions {
    @Option(names = "--current", description = "CSV of current weights, lines 'name,weight' (default: all cash).")
    Path current;

    @Option(
            names = "--turnover-cost",
            defaultValue = "0",
            description = "Cost per unit of weight traded (0.001 = " + "10 bp), paid up front.")
    double turnoverCost;

    @Option(names = "--max-turnover", description = "Cap on the sum of |w - current|.")
    Double maxTurnover;

    @Option(names = "--min-weight", description = "Lower bound for every strategy (default 0: long-only).")
    Double minWeight;

    @Option(names = "--max-weight", description = "Upper bound for every strategy.")
    Double maxWeight;

    @Option(names = "--group", description = "Group cap NAME=S1+S2+...:CAP (repeatable).")
    List<String> groups = new ArrayList<>();

    @Option(
            names = "--margin",
            description = "Margin per unit weight, one per strategy in column order, " + "comma-separated.")
    String margin;

    @Option(names = "--margin-cap", description = "Cap on total margin use, sum of margin_i * |w_i|.")
    Double marginCap;

    @Option(names = "--leverage", description = "Cap on the sum of |w_i| (gross exposure).")
    Double leverage;

    /** Whether no option beyond the budget was given (risk parity takes nothing else). */
    boolean budgetOnly() {
        return minWeight == null
                && maxWeight == null
                && groups.isEmpty()
                && margin == null
                && leverage == null
                && maxTurnover == null
                && current == null
                && turnoverCost == 0;
    }

    /** Checks what needs no scenarios, so that a bad flag is reported before a long simulation. */
    void check(CommandSpec spec) {
        CliSupport.require(
                spec,
                turnoverCost >= 0 && turnoverCost < 1,
                "--turnover-cost",
                "must be in [0, 1), got " + turnoverCost);
    }

    /** The constraints on the strategies {@code names} (scenario columns), budget 1. */
    PortfolioConstraints build(CommandSpec spec, List<String> names) throws IOException {
        int n = names.size();
        double lo = minWeight == null ? 0.0 : minWeight;
        double hi = maxWeight == null ? Double.POSITIVE_INFINITY : maxWeight;
        CliSupport.require(spec, Double.isFinite(lo), "--min-weight", "must be finite");
        CliSupport.require(
                spec,
                !Double.isNaN(hi) && hi >= lo,
                "--max-weight",
                "must be at least --min-weight (" + lo + "), got " + hi);
        double[] lower = new double[n];
        double[] upper = new double[n];
        Arrays.fill(lower, lo);
        Arrays.fill(upper, hi);
        List<GroupCap> caps = new ArrayList<>();
        for (String g : groups) {
            caps.add(group(spec, g, names));
        }
        double[] w0 = current == null ? new double[n] : currentWeights(spec, names);
        double turnoverCap = maxTurnover == null ? Double.POSITIVE_INFINITY : maxTurnover;
        CliSupport.require(spec, turnoverCap >= 0, "--max-turnover", "must be >= 0, got " + turnoverCap);
        double[] m = new double[n];
        if (margin != null) {
            String[] parts = margin.split(",", -1);
            CliSupport.require(
                    spec,
                    parts.length == n,
                    "--margin",
                    "expected " + n + " values (one per strategy), got " + parts.length);
            for (int i = 0; i < n; i++) {
                m[i] = number(spec, parts[i], "--margin");
                CliSupport.require(spec, m[i] >= 0, "--margin", "value " + (i + 1) + " must be >= 0");
            }
        }
        CliSupport.require(spec, marginCap == null || margin != null, "--margin-cap", "needs --margin");
        double mCap = marginCap == null ? Double.POSITIVE_INFINITY : marginCap;
        CliSupport.require(spec, mCap >= 0, "--margin-cap", "must be >= 0, got " + mCap);
        double lev = leverage == null ? Double.POSITIVE_INFINITY : leverage;
        CliSupport.require(spec, lev > 0, "--leverage", "must be > 0, got " + lev);
        return PortfolioConstraints.of(1.0, lower, upper, caps, w0, turnoverCap, turnoverCost, m, mCap, lev);
    }

    private static GroupCap group(CommandSpec spec, String text, List<String> names) {
        int eq = text.indexOf('=');
        int colon = text.lastIndexOf(':');
        CliSupport.require(spec, eq > 0 && colon > eq + 1, "--group", "expected NAME=S1+S2:CAP, got '" + text + "'");
        String name = text.substring(0, eq).strip();
        double cap = number(spec, text.substring(colon + 1), "--group");
        List<Integer> members = new ArrayList<>();
        for (String member : text.substring(eq + 1, colon).split("\\+")) {
            int idx = names.indexOf(member.strip());
            CliSupport.require(
                    spec,
                    idx >= 0,
                    "--group",
                    "unknown strategy '" + member.strip() + "' in '" + text + "' (strategies: "
                            + String.join(", ", names) + ")");
            members.add(idx);
        }
        try {
            return GroupCap.of(
                    name, cap, members.stream().mapToInt(Integer::intValue).toArray());
        } catch (IllegalArgumentException e) {
            throw CliSupport.badInput(spec, "--group", e.getMessage());
        }
    }

    private double[] currentWeights(CommandSpec spec, List<String> names) throws IOException {
        if (!Files.isReadable(current)) {
            throw CliSupport.badInput(spec, "--current", current + ": no such readable file");
        }
        double[] w = new double[names.size()];
        boolean[] seen = new boolean[names.size()];
        List<String> lines = Files.readAllLines(current);
        for (int k = 0; k < lines.size(); k++) {
            String line = lines.get(k).strip();
            if (line.isEmpty() || line.startsWith("#") || (k == 0 && line.equalsIgnoreCase("name,weight"))) {
                continue;
            }
            String[] f = line.split(",", -1);
            String where = current + " line " + (k + 1);
            CliSupport.require(spec, f.length == 2, "--current", where + ": expected 'name,weight'");
            int idx = names.indexOf(f[0].strip());
            CliSupport.require(spec, idx >= 0, "--current", where + ": unknown strategy '" + f[0].strip() + "'");
            CliSupport.require(spec, !seen[idx], "--current", where + ": strategy '" + f[0].strip() + "' twice");
            seen[idx] = true;
            w[idx] = number(spec, f[1], "--current", where);
        }
        return w;
    }

    private static double number(CommandSpec spec, String text, String flag) {
        return number(spec, text, flag, "'" + text.strip() + "'");
    }

    private static double number(CommandSpec spec, String text, String flag, String where) {
        try {
            double v = Double.parseDouble(text.strip());
            CliSupport.require(spec, Double.isFinite(v), flag, where + ": not a finite number");
            return v;
        } catch (NumberFormatException e) {
            throw CliSupport.badInput(spec, flag, where + ": not a number: '" + text.strip() + "'");
        }
    }
}
