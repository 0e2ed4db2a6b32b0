package io.vaultrisk.service.auth;

import io.vaultrisk.service.error.ProblemException;
import jakarta.enterprise.context.RequestScoped;

/** The API key of the request being served (set by {@link ApiKeyFilter}), for checks that need the request body. */
@RequestScoped
public class CurrentKey {
    private ApiKey key;

    void set(ApiKey key) {
        this.key = key;
    }

    /** The id of the request's API key (null on a public resource). */
    public String id() {
        return key == null ? null : key.id();
    }

    /** 403 naming {@code field} when the key is scoped to other vaults ({@code vault} null: all vaults at once). */
    public void requireVault(String field, String vault) {
        if (key != null && !key.mayUse(vault)) {
            throw forbidden(key, field, vault);
        }
    }

    static ProblemException forbidden(ApiKey key, String field, String vault) {
        return new ProblemException(
                403,
                "Forbidden",
                vault == null
                        ? "API key " + key.id() + " is scoped to vaults " + key.vaults() + ": name one of them"
                        : "API key " + key.id() + " is not scoped to vault " + vault,
                field);
    }
}
