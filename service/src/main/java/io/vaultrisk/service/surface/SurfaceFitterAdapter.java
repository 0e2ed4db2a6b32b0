package io.vaultrisk.service.surface;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The compute step of {@code POST /surfaces}: one implementation backed by the surface module (the same fit as
 * {@code vaultrisk surface}). Without an implementation in the build, surfaces answer 501.
 */
public interface SurfaceFitterAdapter {

    /** Fits the chain (exchange book-summary rows); the JSON of {@code vaultrisk surface --json}. */
    JsonNode fit(SurfaceRequest request);
}
