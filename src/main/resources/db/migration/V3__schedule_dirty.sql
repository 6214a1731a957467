-- cadence ledger, schema version 3: which enrollments need their due time recomputed.
--
-- enrollments.next_due_at is a cache of the schedule (design §6). The ledger does not know the
-- schedule, so every write of the ledger that can move a due time (an enrollment created, its
-- state changed, a touch or an event recorded for the contact, the contact edited, the address
-- suppressed) sets needs_schedule = 1 on the enrollments concerned, in the same transaction;
-- storing a computed due time (EnrollmentRepository.advance) sets it back to 0. `due`, `preview`
-- and `run` first recompute the flagged enrollments (enrollment.DueRefresher), so the due query
-- stays one indexed range scan and the refresh costs what changed, not the ledger's size.
-- (V3 is reserved for another change landing in parallel.)

ALTER TABLE enrollments ADD COLUMN needs_schedule INTEGER NOT NULL DEFAULT 1;
-- finished enrollments never need it
UPDATE enrollments SET needs_schedule = 0 WHERE state IN ('completed', 'stopped');
-- only the flagged rows are in this index: finding them costs their number
CREATE INDEX enrollments_needs_schedule ON enrollments (id) WHERE needs_schedule = 1;
