-- The vault's on-chain cap per sleeve (basis points, JSON list in sleeve order; NULL: no cap below 10,000): signed
-- weights are rounded so that none exceeds its cap, as the contract reverts an allocation that does.
ALTER TABLE vaults ADD COLUMN caps_bps TEXT;

-- What the vault holds on chain, as its executor reports it after each rebalance (weights in basis points at a block):
-- the turnover of the next allocation is measured from the newest report. Append-only, one row per block.
CREATE TABLE vault_holdings (
    vault        VARCHAR(42)  NOT NULL REFERENCES vaults(address),
    block_number BIGINT       NOT NULL CHECK (block_number >= 0),
    weights_bps  TEXT         NOT NULL,
    reported_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT vault_holdings_block UNIQUE (vault, block_number)
);
