package io.vaultrisk.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.Tag("slow") // starts Anvil: ./run-tests --fast leaves it out
class AnvilNodeTest {

    @Test
    void start_freePort_answersChainIdUntilClosed() throws Exception {
        String rpc;
        try (AnvilNode node = AnvilNode.start();
                Chain chain = Chain.connect(node.rpcUrl())) {
            rpc = node.rpcUrl();
            assertThat(chain.chainId()).isEqualTo(AnvilNode.CHAIN_ID);
            assertThat(chain.web3j().ethAccounts().send().getAccounts()).hasSize(3);
            node.close();
            assertThat(node.isRunning()).isFalse();
        }
        assertThatThrownBy(() -> Chain.connect(rpc)).isInstanceOf(IOException.class);
    }

    @Test
    void locateBinary_explicitPathNotExecutable_namesTheProperty() {
        String old = System.getProperty(AnvilNode.BINARY_PROPERTY);
        System.setProperty(AnvilNode.BINARY_PROPERTY, "/nonexistent/anvil");
        try {
            assertThatThrownBy(AnvilNode::locateBinary)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith(AnvilNode.BINARY_PROPERTY);
        } finally {
            if (old == null) {
                System.clearProperty(AnvilNode.BINARY_PROPERTY);
            } else {
                System.setProperty(AnvilNode.BINARY_PROPERTY, old);
            }
        }
    }
}
