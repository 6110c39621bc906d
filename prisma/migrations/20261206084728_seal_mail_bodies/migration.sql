-- Mail bodies carry bearer links (password reset, invitation). They were kept in clear until
-- delivered, and without SMTP never delivered, so a database dump held working links. From now on
-- the app seals each body with VERITY_ENCRYPTION_KEY (which lives outside the database) into
-- sealed_text and erases it once delivered or once body_expires_at has passed.
--
-- The clear bodies go with their column: SQL cannot seal them (the key is not in the database).
-- Existing messages keep their recipient, subject, status and timestamps, with no body; one that
-- was still waiting is not sent (a reset can be asked for again, an invitation resent).
ALTER TABLE "mail_outbox" DROP COLUMN "text",
ADD COLUMN     "body_expires_at" TIMESTAMPTZ(6),
ADD COLUMN     "sealed_text" TEXT;

-- The worker's sweep finds bodies due for erasure here; erased rows (null) are not in its range.
CREATE INDEX "mail_outbox_body_expires_at_idx" ON "mail_outbox"("body_expires_at");
