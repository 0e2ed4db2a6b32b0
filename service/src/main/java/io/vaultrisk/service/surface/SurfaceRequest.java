package io.vaultrisk.service.surface;

import com.fasterxml.jackson.databind.JsonNode;
import io.vaultrisk.service.error.ProblemException;

/**
 * {@code POST /surfaces}: {@code chain} in the exchange's book-summary layout (an array of rows, or the exchange's
 * {"result":[…]} envelope), {@code model} ssvi (default) or svi, optional {@code valuationTime} (ms since the epoch).
 */
public record SurfaceRequest(JsonNode chain, String model, Long valuationTime) {

    public SurfaceRequest normalised() {
        JsonNode rows = chain != null && chain.isObject() && chain.has("result") ? chain.get("result") : chain;
        if (rows == null || !rows.isArray()) {
            throw ProblemException.badRequest("chain", "chain must be an array of book-summary rows "
                    + "(or {\"result\":[…]})");
        }
        if (rows.isEmpty()) {
            throw ProblemException.badRequest("chain", "chain has no rows");
        }
        String m = model == null ? "ssvi" : model;
        if (!m.equals("ssvi") && !m.equals("svi")) {
            throw ProblemException.badRequest("model", "model must be ssvi or svi, got '" + m + "'");
        }
        return new SurfaceRequest(rows, m, valuationTime);
    }
}
