-- Sessions: where each person is in a topic. Never anything they typed.
CREATE TABLE sessions (
    chat_id    VARCHAR(64) PRIMARY KEY,
    state      TEXT NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX sessions_updated_at ON sessions (updated_at);

-- Inbox: every update, recorded before Telegram is told it arrived, until it has been handled. The payload holds
-- what the person sent, so it is cleared the moment the update is done; the row stays a day to recognise
-- Telegram's re-deliveries by update_id.
CREATE TABLE inbox (
    update_id   BIGINT PRIMARY KEY,
    chat_id     BIGINT NOT NULL,
    payload     TEXT,
    received_at TIMESTAMP WITH TIME ZONE NOT NULL,
    done_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX inbox_pending ON inbox (chat_id, update_id);
CREATE INDEX inbox_done_at ON inbox (done_at);

-- One row per chat, locked while one of its updates is handled, so no two workers or instances ever handle the
-- same chat at once.
CREATE TABLE chat_locks (
    chat_id BIGINT PRIMARY KEY
);
