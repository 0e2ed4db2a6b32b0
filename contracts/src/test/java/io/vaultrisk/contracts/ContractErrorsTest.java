package io.vaultrisk.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;

@SuppressWarnings("rawtypes") // web3j's Function takes List<Type>
class ContractErrorsTest {

    @Test
    void decode_encodedCustomError_givesNameAndArguments() {
        // custom errors are encoded exactly like a call to a function of the same signature
        String data = FunctionEncoder.encode(
                new Function("TurnoverTooHigh", List.<Type>of(new Uint256(6000), new Uint256(5000)), List.of()));

        assertThat(ContractErrors.DEFAULT.decode(data))
                .hasValueSatisfying(e -> assertThat(e).hasToString("TurnoverTooHigh(6000, 5000)"));
    }

    @Test
    void decode_builtinErrorString_givesMessage() {
        String data = FunctionEncoder.encode(new Function("Error", List.<Type>of(new Utf8String("boom")), List.of()));

        assertThat(ContractErrors.DEFAULT.describe(data)).isEqualTo("Error(boom)");
    }

    @Test
    void decode_panicCode_givesCode() {
        String data = FunctionEncoder.encode(
                new Function("Panic", List.<Type>of(new Uint256(BigInteger.valueOf(0x11))), List.of()));

        assertThat(ContractErrors.DEFAULT.describe(data)).isEqualTo("Panic(17)");
    }

    @Test
    void decode_unknownSelectorOrEmpty_isEmptyAndDescribedRaw() {
        assertThat(ContractErrors.DEFAULT.decode("0xdeadbeef")).isEmpty();
        assertThat(ContractErrors.DEFAULT.describe("0xdeadbeef")).isEqualTo("unknown revert 0xdeadbeef");
        assertThat(ContractErrors.DEFAULT.describe("0x")).isEqualTo("revert without data");
    }
}
