-- Counts for editors' funnels: per UTC day, an event and where it happened (a tree and a node, an article, a
-- safety category and tier). No chat id, no hash of one, no text, no search term. Several instances add to the
-- same row. Kept 400 days.
CREATE TABLE counts (
    on_day  DATE NOT NULL,
    event   VARCHAR(32) NOT NULL,
    subject VARCHAR(128) NOT NULL,
    detail  VARCHAR(128) NOT NULL,
    n       BIGINT NOT NULL,
    PRIMARY KEY (on_day, event, subject, detail)
);
