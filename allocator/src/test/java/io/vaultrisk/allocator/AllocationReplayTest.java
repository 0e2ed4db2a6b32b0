package io.vaultrisk.allocator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllocationReplayTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void canonical_keysInAnyOrderAndWhitespace_sortedCompactTextAndItsSha256() throws Exception {
        JsonNode a = JSON.readTree("{ \"b\": [1, 0.1, {\"z\": true, \"a\": null}], \"a\": \"x\" }");
        JsonNode b = JSON.readTree("{\"a\":\"x\",\"b\":[1,0.1,{\"a\":null,\"z\":true}]}");
        String expected = "{\"a\":\"x\",\"b\":[1,0.1,{\"a\":null,\"z\":true}]}";

        assertThat(AllocationReplay.canonical(a)).isEqualTo(expected).isEqualTo(AllocationReplay.canonical(b));
        String sha = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(expected.getBytes(StandardCharsets.UTF_8)));
        assertThat(AllocationReplay.inputsHash(a)).isEqualTo("0x" + sha);
        // written and read again (what a receipt file goes through): the same hash
        assertThat(AllocationReplay.inputsHash(JSON.readTree(AllocationReplay.canonical(a))))
                .isEqualTo(AllocationReplay.inputsHash(a));
    }

    @Test
    void solve_minVarianceUncorrelatedSleeves_inverseVarianceWeights() throws Exception {
        // zero means, zero sample covariance, volatilities 1% and 2%: w = (1/σ₁², 1/σ₂²) / Σ = (0.8, 0.2)
        JsonNode request = JSON.readTree("{\"objective\":\"min-variance\",\"scenarios\":"
                + "[[0.01,0.02],[-0.01,0.02],[0.01,-0.02],[-0.01,-0.02]]}");

        AllocationReplay.Replayed r = AllocationReplay.solve(request, List.of("a", "b"), new double[2]);

        assertThat(r.weights()[0]).isCloseTo(0.8, within(1e-6));
        assertThat(r.weights()[1]).isCloseTo(0.2, within(1e-6));
        assertThat(r.weights()[0] + r.weights()[1]).isCloseTo(1.0, within(1e-15));
        // the same inputs again: the same bits (what verify --receipt relies on)
        assertThat(AllocationReplay.solve(request, List.of("a", "b"), new double[2])
                        .weights())
                .isEqualTo(r.weights());
    }

    @Test
    void solve_parameterNotANumber_namesItsJsonField() throws Exception {
        JsonNode request = JSON.readTree(
                "{\"objective\":\"min-cvar\",\"scenarios\":[[0.01,0.02]],\"parameters\":{\"beta\":\"high\"}}");

        assertThatThrownBy(() -> AllocationReplay.solve(request, List.of("a", "b"), new double[2]))
                .isInstanceOf(InvalidAllocationSpecException.class)
                .extracting(e -> ((InvalidAllocationSpecException) e).field())
                .isEqualTo("parameters.beta");
    }
}
