-- The market data the service follows, per asset: last price, time and feed round and the online vol estimates (EWMA,
-- its long-run level, GARCH) with their regimes, as JSON, so a restart resumes them (issue 18).
CREATE TABLE market_assets (
    asset       VARCHAR(32)  PRIMARY KEY,
    state       TEXT         NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
