-- The receipt of a published allocation (issue 16): the inputs it was computed from, their SHA-256 (canonical JSON),
-- the optimiser's fractional weights (NULL when the weights were given) and the signer's binding of the hash to the
-- allocation's digest. Written in the transaction that inserts the allocation; append-only like it.
CREATE TABLE allocation_receipts (
    vault             VARCHAR(42)  NOT NULL,
    nonce             BIGINT       NOT NULL,
    inputs            TEXT         NOT NULL,
    inputs_hash       VARCHAR(66)  NOT NULL,
    weights           TEXT,
    receipt_signature VARCHAR(132) NOT NULL,
    PRIMARY KEY (vault, nonce),
    CONSTRAINT allocation_receipts_allocation FOREIGN KEY (vault, nonce) REFERENCES allocations(vault, nonce)
);
