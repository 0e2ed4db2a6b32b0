package io.vaultrisk.service.surface;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.vaultrisk.service.error.ProblemException;
import io.vaultrisk.surface.BookSummaryChainReader;
import io.vaultrisk.surface.ChainFormatException;
import io.vaultrisk.surface.OptionChain;
import io.vaultrisk.surface.SurfaceCalibration;
import io.vaultrisk.surface.SurfaceCalibrator;
import io.vaultrisk.surface.SurfaceModel;

/**
 * {@code POST /surfaces}: {@code chain} in the exchange's book-summary layout (an array of rows, or the exchange's
 * {"result":[…]} envelope), {@code model} ssvi (default) or svi, optional {@code valuationTime} (ms since the epoch).
 */
public record SurfaceRequest(JsonNode chain, String model, Long valuationTime) {

    public SurfaceRequest normalised() {
        JsonNode rows = chain != null && chain.isObject() && chain.has("result") ? chain.get("result") : chain;
        if (rows == null || !rows.isArray()) {
            throw ProblemException.badRequest(
                    "chain", "chain must be an array of book-summary rows " + "(or {\"result\":[…]})");
        }
        if (rows.isEmpty()) {
            throw ProblemException.badRequest("chain", "chain has no rows");
        }
        String m;
        try {
            m = model == null
                    ? SurfaceModel.SSVI.id()
                    : SurfaceModel.parse(model).id();
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("model", e.getMessage());
        }
        return new SurfaceRequest(rows, m, valuationTime);
    }

    /** Fits the chain with the surface module, as {@code vaultrisk surface}; a chain it cannot use is a 400. */
    public SurfaceCalibration fit() {
        OptionChain options;
        try {
            options = BookSummaryChainReader.DEFAULT.parse(
                    JsonNodeFactory.instance.objectNode().set("result", chain).toString(), "request");
        } catch (ChainFormatException e) {
            throw ProblemException.badRequest("chain", e.getMessage());
        }
        try {
            return SurfaceCalibrator.DEFAULT.calibrate(options, SurfaceModel.parse(model));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("chain", e.getMessage());
        }
    }
}
