-- The incident guard counts, per (recipient domain, normalized text), the distinct
-- addresses with a hard failure in its window, for every batch the worker commits.
-- On the text index alone it read the window's events of that text for every
-- domain and filtered them by domain; this index holds exactly the pair's hard
-- failures, in time order, with the address.
CREATE INDEX bounce_event_guard_idx ON bounce_event (domain, text_key, received_at) INCLUDE (address_key)
  WHERE type = 'hard' AND action = 'failed' AND text_key IS NOT NULL;
