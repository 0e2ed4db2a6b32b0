-- A key scoped to vaults lists their addresses (lower case, comma-separated); NULL: every vault.
ALTER TABLE api_keys ADD COLUMN vaults TEXT;

-- Idempotency-Key of a submission, per API key: a retried request finds the job it queued (one signature per key).
ALTER TABLE jobs ADD COLUMN idem_owner VARCHAR(32);
ALTER TABLE jobs ADD COLUMN idem_key VARCHAR(200);
CREATE UNIQUE INDEX jobs_idempotency ON jobs(kind, idem_owner, idem_key);
