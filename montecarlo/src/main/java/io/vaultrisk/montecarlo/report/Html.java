package io.vaultrisk.montecarlo.report;

/** Text placed in the HTML reports (stress, backtest, frontier, bench): escaped once, here. */
public final class Html {
    private Html() {}

    /** {@code s} with &amp;, &lt;, &gt; and &quot; escaped for element text and quoted attributes; null is empty. */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
