-- The receipt's inputs hash is signed inside each allocation (issue 16, EIP-712 type version 3) and emitted by the
-- vault in Rebalanced: stored with the allocation, as the signature covers it ('0x' and 64 zeros, bytes32(0), for an
-- allocation without a receipt and for every allocation signed before version 3). The separate binding signature of a
-- receipt is no longer written (the allocation's own signature binds the hash); earlier rows keep theirs.
ALTER TABLE allocations ADD COLUMN inputs_hash VARCHAR(66) NOT NULL
    DEFAULT '0x0000000000000000000000000000000000000000000000000000000000000000';
ALTER TABLE allocation_receipts ALTER COLUMN receipt_signature DROP NOT NULL;
-- An executor's report of an executed rebalance carries the hash the vault emitted in Rebalanced (NULL: not reported).
ALTER TABLE executor_events ADD COLUMN inputs_hash VARCHAR(66);
