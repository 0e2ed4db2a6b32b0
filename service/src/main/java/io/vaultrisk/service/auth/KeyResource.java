package io.vaultrisk.service.auth;

import io.vaultrisk.service.error.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Admin: create, list and revoke API keys. The plain key is returned once, at creation. */
@Path("/api/v1/keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RequiresRole(Role.ADMIN)
@Tag(name = "admin")
public class KeyResource {
    @Inject
    ApiKeys keys;

    /** {@code vaults}: the only vaults the key may act on (absent or empty: every vault; not for admin keys). */
    public record CreateKey(String name, List<String> roles, List<String> vaults) {}

    public record KeyView(
            String id,
            String name,
            List<String> roles,
            List<String> vaults,
            boolean revoked,
            Instant createdAt,
            String key) {
        static KeyView of(ApiKey k, String plain) {
            return new KeyView(
                    k.id(),
                    k.name(),
                    k.roles().stream().sorted().map(Role::id).toList(),
                    k.vaults().stream().sorted().toList(),
                    k.revoked(),
                    k.createdAt(),
                    plain);
        }
    }

    @POST
    @Operation(summary = "Create an API key with roles risk, executor and/or admin; the key is shown only here")
    public Response create(CreateKey body) {
        if (body == null) {
            throw ProblemException.badRequest(null, "request body is required: {\"name\":…,\"roles\":[…]}");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (body.roles() != null) {
            for (int i = 0; i < body.roles().size(); i++) {
                try {
                    roles.add(Role.parse(body.roles().get(i)));
                } catch (IllegalArgumentException e) {
                    throw ProblemException.badRequest("roles[" + i + "]", e.getMessage());
                }
            }
        }
        ApiKeys.Created created = keys.create(body.name(), roles, body.vaults());
        return Response.created(URI.create("/api/v1/keys/" + created.key().id()))
                .entity(KeyView.of(created.key(), created.plainText()))
                .build();
    }

    @GET
    @Operation(summary = "List API keys (never their secrets)")
    public List<KeyView> list() {
        return keys.list().stream().map(k -> KeyView.of(k, null)).toList();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke an API key")
    public KeyView revoke(@PathParam("id") String id) {
        return KeyView.of(keys.revoke(id), null);
    }
}
