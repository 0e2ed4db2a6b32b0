package io.vaultrisk.service.error;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.vaultrisk.protocol.InvalidWeightsException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into RFC 9457 problem+json. Client mistakes (bad JSON, wrong types, unknown ids) are 4xx naming
 * the field; anything unexpected is a 500 whose detail says nothing about internals (the stack trace goes to the log).
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response r = Problem.of(e.status(), e.title(), e.getMessage(), path(uri), e.field())
                .toResponse();
        return e.retryAfterSeconds() == null
                ? r
                : Response.fromResponse(r)
                        .header("Retry-After", e.retryAfterSeconds())
                        .build();
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        return jsonProblem(e, uri);
    }

    // Quarkus ships mappers for these exact types (400 with an empty body); the most specific mapper wins, so each
    // type the body reader throws is named here to get a problem+json that names the field.
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return jsonProblem(e, uri);
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e, UriInfo uri) {
        return jsonProblem(e, uri);
    }

    @ServerExceptionMapper
    public Response unrecognized(UnrecognizedPropertyException e, UriInfo uri) {
        return jsonProblem(e, uri);
    }

    @ServerExceptionMapper
    public Response mapping(JsonMappingException e, UriInfo uri) {
        return jsonProblem(e, uri);
    }

    @ServerExceptionMapper
    public Response parse(JsonParseException e, UriInfo uri) {
        return jsonProblem(e, uri);
    }

    @ServerExceptionMapper
    public Response illegalArgument(IllegalArgumentException e, UriInfo uri) {
        // domain factories (records' of(...)) explain what is wrong in the message; it names the field
        return Problem.of(400, "Invalid request", e.getMessage(), path(uri), null)
                .toResponse();
    }

    @ServerExceptionMapper
    public Response invalidWeights(InvalidWeightsException e, UriInfo uri) {
        return problem(ProblemException.badRequest(e.field(), e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException j) {
            return jsonProblem(j, uri);
        }
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("request failed", e);
        }
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "HTTP " + status : type.getReasonPhrase();
        String detail = switch (status) {
            case 404 -> "no resource at " + path(uri);
            case 405 -> "method not allowed on " + path(uri);
            case 406 -> "this resource produces application/json only";
            case 415 -> "the request body must be application/json";
            default -> e.getMessage();
        };
        return Problem.of(status, title, detail, path(uri), null).toResponse();
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e, UriInfo uri) {
        if (e instanceof JsonProcessingException j) {
            return jsonProblem(j, uri);
        }
        if (e instanceof java.io.IOException) {
            // the body could not be read: a malformed chunked body (Vert.x closed the connection, HttpFilters has
            // answered 400 where it could) or a client gone mid-request; nothing failed here
            LOG.debugf("request body of %s not readable: %s", path(uri), e);
            return Problem.of(
                            400,
                            "Bad request",
                            "the request body could not be read (malformed chunked encoding or a closed connection)",
                            path(uri),
                            "body")
                    .toResponse();
        }
        LOG.error("unexpected failure on " + path(uri), e);
        return Problem.of(
                        500,
                        "Internal error",
                        "the request failed unexpectedly; the server log has details",
                        path(uri),
                        null)
                .toResponse();
    }

    private static Response jsonProblem(JsonProcessingException e, UriInfo uri) {
        String field = null;
        String detail;
        if (e instanceof JsonParseException p) {
            detail = "malformed JSON at line " + p.getLocation().getLineNr() + ", column "
                    + p.getLocation().getColumnNr() + ": " + p.getOriginalMessage();
        } else if (e instanceof JsonMappingException m) {
            field = fieldPath(m);
            if (m instanceof UnrecognizedPropertyException u) {
                detail = "unknown field '" + field + "'";
            } else if (m instanceof InvalidFormatException f) {
                detail = "field '" + field + "' has the wrong type: " + describe(f.getValue()) + " is not a "
                        + simpleType(f.getTargetType());
            } else if (m instanceof MismatchedInputException mi && coercedValue(mi) != null) {
                // a coercion refused (StrictJson): the value as sent, not Jackson's message naming Java types
                detail = "field '" + field + "' has the wrong type: " + coercedValue(mi) + " is not a "
                        + simpleType(mi.getTargetType());
            } else if (m instanceof MismatchedInputException mi) {
                detail = (field == null || field.isEmpty() ? "request body" : "field '" + field + "'")
                        + " has the wrong type: expected " + simpleType(mi.getTargetType());
            } else {
                detail = (field == null || field.isEmpty() ? "" : "field '" + field + "': ") + m.getOriginalMessage();
            }
        } else {
            detail = "malformed JSON: " + e.getOriginalMessage();
        }
        if (field != null && field.isEmpty()) {
            field = null;
        }
        return Problem.of(400, "Invalid request", detail, path(uri), field).toResponse();
    }

    private static final java.util.regex.Pattern COERCION =
            java.util.regex.Pattern.compile("^Cannot coerce [\\w -]+? value \\((.{1,80}?)\\) to ");

    /** The JSON value of a refused coercion ("2000" or 2000.9), or null when the exception is not one. */
    private static String coercedValue(MismatchedInputException e) {
        java.util.regex.Matcher m = COERCION.matcher(String.valueOf(e.getOriginalMessage()));
        return m.find() ? m.group(1) : null;
    }

    static String fieldPath(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String describe(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }

    private static String simpleType(Class<?> type) {
        if (type == null) {
            return "value of the expected type";
        }
        if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
            return "integer";
        }
        if (type == double.class || type == Double.class || type == float.class) {
            return "number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "boolean";
        }
        if (type == String.class) {
            return "string";
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "array";
        }
        return "object";
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }
}
