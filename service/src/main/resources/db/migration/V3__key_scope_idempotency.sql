-- A key scoped to vaults lists their addresses (lower case, comma-separated); NULL: every vault.
ALTER TABLE api_keys ADD COLUMN vaults TEXT;
