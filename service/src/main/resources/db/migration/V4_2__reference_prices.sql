-- Reference prices signed with each allocation (issue 16, EIP-712 type version 2): per sleeve, USD per whole unit
-- times 1e18 as a JSON array of decimal strings ('[]' when the signer saw none), and where they came from.
ALTER TABLE allocations ADD COLUMN reference_prices TEXT NOT NULL DEFAULT '[]';
ALTER TABLE allocations ADD COLUMN reference_price_source VARCHAR(40) NOT NULL DEFAULT 'none';
