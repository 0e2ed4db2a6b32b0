package io.vaultrisk.service.auth;

import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * A stored API key: never the key itself, only a salted, peppered HMAC-SHA-256 of its secret part. {@code vaults}
 * (lower-case addresses) scopes it to those vaults; empty, it may act on every vault.
 */
public record ApiKey(
        String id,
        String name,
        Set<Role> roles,
        Set<String> vaults,
        String salt,
        String hash,
        boolean revoked,
        Instant createdAt) {

    public ApiKey {
        roles = Set.copyOf(roles);
        vaults = Set.copyOf(vaults);
    }

    public boolean holds(Role role) {
        return roles.contains(role) || roles.contains(Role.ADMIN);
    }

    /** Whether this key may read or act on that vault's allocations, stress and risk. */
    public boolean mayUse(String vault) {
        return vaults.isEmpty() || (vault != null && vaults.contains(vault.toLowerCase(Locale.ROOT)));
    }

    ApiKey asRevoked() {
        return new ApiKey(id, name, roles, vaults, salt, hash, true, createdAt);
    }
}
