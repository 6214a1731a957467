-- cadence ledger, schema version 2: the history of enrollment state changes.
--
-- enrollments.state, stop_reason and paused_until are state columns: a pause followed by a
-- resume leaves no trace there. Every change of state (pause, resume, unenroll, stop on a
-- reply, completion) is also appended here, so a contact's timeline shows what happened, when
-- and why. Append-only, like notes and events.

CREATE TABLE enrollment_changes (
    id             ${id},
    enrollment_id  BIGINT NOT NULL REFERENCES enrollments (id),
    contact_id     BIGINT NOT NULL REFERENCES contacts (id),
    sequence       TEXT NOT NULL,
    from_state     TEXT NOT NULL CHECK (from_state IN ('active', 'paused', 'completed', 'stopped')),
    to_state       TEXT NOT NULL CHECK (to_state IN ('active', 'paused', 'completed', 'stopped')),
    reason         TEXT,
    paused_until   TEXT,                    -- date, for a pause with an end
    at             BIGINT NOT NULL
);
CREATE INDEX enrollment_changes_contact ON enrollment_changes (contact_id, at);
