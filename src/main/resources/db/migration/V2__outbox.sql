-- Outbox: the Bot API calls that answer an update, kept in the same transaction as the session and the update's
-- "done" mark, and sent after that transaction has committed, so no connection waits on Telegram. A row goes the
-- moment its calls have been made. The instance that decided it owns it while it sends; another instance takes
-- it over only once that claim is old (the owner has died). The calls hold the bot's own words, never what a
-- person typed.
CREATE TABLE outbox (
    update_id  BIGINT PRIMARY KEY,
    chat_id    BIGINT NOT NULL,
    calls      TEXT NOT NULL,
    owner      VARCHAR(64) NOT NULL,
    claimed_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX outbox_chat ON outbox (chat_id, update_id);

-- The instance that received an update answers it, as it would have on its own; another takes over only when that
-- instance has not done so for a long time (it has died). Empty for updates recorded before this column existed.
ALTER TABLE inbox ADD COLUMN received_by VARCHAR(64);
