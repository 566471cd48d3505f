-- A case the case system no longer sends to interview (withdrawn, terminated, issued elsewhere) is
-- withdrawn: kept, with the date and reason, and offered to no month read after that; a committed
-- batch that seated it keeps it. Reinstating clears both.
ALTER TABLE cases ADD COLUMN withdrawn TEXT NULL;
ALTER TABLE cases ADD COLUMN withdrawn_reason TEXT NULL CHECK ((withdrawn IS NULL) = (withdrawn_reason IS NULL));
