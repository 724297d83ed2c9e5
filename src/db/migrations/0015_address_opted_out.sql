-- Whether an address's denylisting is the recipient's own opt-out (an SMS STOP
-- reply): only its opt-in (START) lifts such a denylist, never one an operator
-- or a complaint set (docs/states-and-policy.md). A constant default: no rewrite.
ALTER TABLE address ADD COLUMN opted_out boolean NOT NULL DEFAULT false;
