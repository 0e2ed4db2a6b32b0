package io.vaultrisk.service.auth;

import java.time.Instant;
import java.util.Set;

/** A stored API key: never the key itself, only a salted, peppered HMAC-SHA-256 of its secret part. */
public record ApiKey(
        String id, String name, Set<Role> roles, String salt, String hash, boolean revoked, Instant createdAt) {

    public ApiKey {
        roles = Set.copyOf(roles);
    }

    public boolean holds(Role role) {
        return roles.contains(role) || roles.contains(Role.ADMIN);
    }
}
