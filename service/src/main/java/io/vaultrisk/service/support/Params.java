package io.vaultrisk.service.support;

import io.vaultrisk.service.error.ProblemException;

/** Query parameters parsed here, not by JAX-RS, whose conversion failures would be a bare 404. */
public final class Params {
    private Params() {}

    public static int intIn(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        int v;
        try {
            v = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(name, name + " must be an integer, got '" + value + "'");
        }
        if (v < min || v > max) {
            throw ProblemException.badRequest(name, name + " must be in " + min + ".." + max + ", got " + v);
        }
        return v;
    }

    /** A path id: a positive whole number, else a 400 naming {@code name}. */
    public static long idIn(String name, String value) {
        try {
            long v = Long.parseLong(value == null ? "" : value.trim());
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.badRequest(name, name + " must be a positive whole number, got '" + value + "'");
    }

    /** {@code include=request}: whether a job read shows the stored request (absent: no; anything else: 400). */
    public static boolean includeRequest(String include) {
        if (include == null || include.isBlank()) {
            return false;
        }
        if (include.trim().equals("request")) {
            return true;
        }
        throw ProblemException.badRequest("include", "include may only be 'request'");
    }
}
