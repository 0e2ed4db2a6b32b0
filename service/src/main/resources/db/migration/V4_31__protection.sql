-- A vault's options venue for protective puts (issue 18 item 4), as its registration declared it (JSON: venue,
-- quoter, sleeve, asset, token, decimals, tenor, moneyness, coverage, tolerance). One per vault; none: no puts.
CREATE TABLE vault_protection (
    vault VARCHAR(42) NOT NULL PRIMARY KEY REFERENCES vaults(address),
    spec  TEXT        NOT NULL
);

-- Each Protection order the risk signer signed for a quote an executor brought: what it authorised (quote hash,
-- premium ceiling), the service's own price it was checked against, and the urgent allocation that triggered it.
-- The order nonce is the vault's protection sequence (separate from the allocations').
CREATE TABLE protection_orders (
    vault            VARCHAR(42)  NOT NULL REFERENCES vaults(address),
    nonce            BIGINT       NOT NULL CHECK (nonce > 0),
    allocation_nonce BIGINT       NOT NULL,
    trigger_text     VARCHAR(300),
    venue            VARCHAR(42)  NOT NULL,
    quote_hash       VARCHAR(66)  NOT NULL,
    premium          VARCHAR(80)  NOT NULL,
    service_premium  VARCHAR(80)  NOT NULL,
    vol              DOUBLE PRECISION NOT NULL,
    vol_source       VARCHAR(200) NOT NULL,
    strike           VARCHAR(80)  NOT NULL,
    expiry           BIGINT       NOT NULL,
    amount           VARCHAR(80)  NOT NULL,
    valid_until      BIGINT       NOT NULL,
    signature        VARCHAR(132) NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT protection_orders_nonce UNIQUE (vault, nonce)
);
