package org.alliancebot.storage;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.alliancebot.conversation.ChatId;
import org.alliancebot.conversation.Session;
import org.alliancebot.conversation.SessionStore;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Sessions in a database (an H2 file by default, PostgreSQL when configured), so a restart or a move to another
 * machine does not lose anyone's place. Writes join the caller's transaction, so a session and the update that
 * changed it are committed together.
 */
public final class JdbcSessionStore implements SessionStore {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public JdbcSessionStore(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Optional<Session> get(ChatId chat) {
        List<String> states = jdbc.queryForList("SELECT state FROM sessions WHERE chat_id = ?", String.class,
                chat.value());
        return states.stream().findFirst().map(SessionCodec::decode);
    }

    @Override
    public void put(ChatId chat, Session session) {
        put(chat.value(), SessionCodec.encode(session));
    }

    /** Keeps a session already encoded. */
    void put(String chatId, String state) {
        Timestamp now = Timestamp.from(clock.instant());
        int updated = jdbc.update("UPDATE sessions SET state = ?, updated_at = ? WHERE chat_id = ?", state, now,
                chatId);
        if (updated == 0) {
            try {
                jdbc.update("INSERT INTO sessions (chat_id, state, updated_at) VALUES (?, ?, ?)", chatId, state, now);
            } catch (DuplicateKeyException raced) {
                jdbc.update("UPDATE sessions SET state = ?, updated_at = ? WHERE chat_id = ?", state, now, chatId);
            }
        }
    }

    @Override
    public void delete(ChatId chat) {
        jdbc.update("DELETE FROM sessions WHERE chat_id = ?", chat.value());
    }

    /** Deletes sessions unused for longer than {@code retention}; returns how many. */
    public int deleteIdle(Duration retention) {
        return jdbc.update("DELETE FROM sessions WHERE updated_at < ?",
                Timestamp.from(clock.instant().minus(retention)));
    }
}
