-- Whether a mail came over TLS (STARTTLS on the SMTP listener): the protocol
-- (TLSv1.3, TLSv1.2), or NULL for a plain-text hop or another intake.
ALTER TABLE raw_mail ADD COLUMN tls text;
