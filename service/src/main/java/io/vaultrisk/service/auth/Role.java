package io.vaultrisk.service.auth;

import java.util.Locale;

/**
 * What a key may do: risk submits runs, executor reads allocations, admin manages keys and vaults (and may do all),
 * viewer only reads the dashboard (the key a demo can hand out: it changes nothing).
 */
public enum Role {
    RISK,
    EXECUTOR,
    ADMIN,
    VIEWER;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String text) {
        for (Role r : values()) {
            if (r.id().equals(text)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown role '" + text + "' (allowed: risk, executor, admin, viewer)");
    }
}
