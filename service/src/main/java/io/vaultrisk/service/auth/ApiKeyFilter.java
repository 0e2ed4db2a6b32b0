package io.vaultrisk.service.auth;

import io.vaultrisk.service.error.Problem;
import io.vaultrisk.service.error.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Checks {@code X-API-Key} on every resource method marked {@link RequiresRole}: 401 without a valid key, 403 without the role. */
public class ApiKeyFilter {
    public static final String HEADER = "X-API-Key";
    public static final String PRINCIPAL = "vaultrisk.apiKey";

    @Inject
    ApiKeys keys;

    @Inject
    CurrentKey current;

    @ServerRequestFilter
    public Optional<Response> authenticate(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return Optional.empty();
        }
        RequiresRole required = method.getAnnotation(RequiresRole.class);
        if (required == null) {
            required = resource.getResourceClass().getAnnotation(RequiresRole.class);
        }
        if (required == null) {
            return Optional.empty();
        }
        String instance = "/" + request.getUriInfo().getPath().replaceFirst("^/", "");
        String presented = request.getHeaderString(HEADER);
        if (presented == null || presented.isBlank()) {
            return Optional.of(unauthorized(instance, "this resource needs an API key in the " + HEADER + " header"));
        }
        Optional<ApiKey> key = keys.verify(presented.trim());
        if (key.isEmpty()) {
            return Optional.of(unauthorized(instance, "the API key in " + HEADER + " is unknown or revoked"));
        }
        request.setProperty(PRINCIPAL, key.get());
        current.set(key.get());
        for (Role role : required.value()) {
            if (key.get().holds(role)) {
                return scope(key.get(), request, instance);
            }
        }
        String needed = Arrays.stream(required.value()).map(Role::id).collect(Collectors.joining(" or "));
        return Optional.of(Problem.of(
                        403,
                        "Forbidden",
                        "API key " + key.get().id() + " lacks the role " + needed + " needed here",
                        instance,
                        HEADER)
                .toResponse());
    }

    /** A key scoped to vaults reaches only their {@code /vaults/{address}/…} resources. */
    private static Optional<Response> scope(ApiKey key, ContainerRequestContext request, String instance) {
        String address = request.getUriInfo().getPathParameters().getFirst("address");
        if (address == null || key.mayUse(address)) {
            return Optional.empty();
        }
        ProblemException e = CurrentKey.forbidden(key, "vault", address);
        return Optional.of(
                Problem.of(403, e.title(), e.getMessage(), instance, e.field()).toResponse());
    }

    private static Response unauthorized(String instance, String detail) {
        return Response.fromResponse(Problem.of(401, "Unauthorized", detail, instance, HEADER)
                        .toResponse())
                .header("WWW-Authenticate", "ApiKey header=\"" + HEADER + "\"")
                .build();
    }
}
