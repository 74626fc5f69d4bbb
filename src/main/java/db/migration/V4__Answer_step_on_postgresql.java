package db.migration;

import java.sql.Connection;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * On PostgreSQL, the first steps of answering a chat's update as one function, so that they cost one round trip
 * instead of four: take the chat's row lock, delete the answer just sent, look for an answer not yet sent and for
 * the earliest update waiting, record the update that has just arrived as done when nothing waits before it, and
 * read the chat's session. Each statement of a PL/pgSQL function reads what was committed when that statement
 * began, so what is read after the lock is granted includes whatever the lock's last holder committed; one plain
 * statement doing the same would read from before the wait. H2 (one process on its own file) needs none of this,
 * so nothing is made there. Java, not SQL, because Flyway has no SQL migration for one database only.
 */
public class V4__Answer_step_on_postgresql extends BaseJavaMigration {

    static final String FUNCTION = """
            CREATE OR REPLACE FUNCTION answer_step(p_chat BIGINT, p_sent BIGINT, p_arrival BIGINT,
                    p_now TIMESTAMP WITH TIME ZONE, p_dead_before TIMESTAMP WITH TIME ZONE, p_owner VARCHAR)
            RETURNS TABLE (unsent_id BIGINT, unsent_calls TEXT, unsent_owner VARCHAR, unsent_stale INT,
                    pending_id BIGINT, pending_by VARCHAR, pending_stale INT, arrival_kept BOOLEAN,
                    session_state TEXT)
            LANGUAGE plpgsql AS $$
            BEGIN
                -- Waits while another worker or instance holds this chat.
                PERFORM l.chat_id FROM chat_locks l WHERE l.chat_id = p_chat FOR UPDATE;
                IF p_sent IS NOT NULL THEN
                    DELETE FROM outbox o WHERE o.update_id = p_sent;
                END IF;
                SELECT o.update_id, o.calls, o.owner, CASE WHEN o.claimed_at < p_dead_before THEN 1 ELSE 0 END
                    INTO unsent_id, unsent_calls, unsent_owner, unsent_stale
                    FROM outbox o WHERE o.chat_id = p_chat ORDER BY o.update_id LIMIT 1;
                IF unsent_id IS NULL THEN
                    SELECT i.update_id, i.received_by, CASE WHEN i.received_at < p_dead_before THEN 1 ELSE 0 END
                        INTO pending_id, pending_by, pending_stale
                        FROM inbox i WHERE i.chat_id = p_chat AND i.done_at IS NULL ORDER BY i.update_id LIMIT 1;
                    IF p_arrival IS NOT NULL AND (pending_id IS NULL OR pending_id > p_arrival) THEN
                        INSERT INTO inbox (update_id, chat_id, received_at, done_at, received_by)
                            VALUES (p_arrival, p_chat, p_now, p_now, p_owner) ON CONFLICT DO NOTHING;
                        arrival_kept := FOUND;
                        IF arrival_kept THEN
                            SELECT s.state INTO session_state FROM sessions s WHERE s.chat_id = p_chat::TEXT;
                        END IF;
                    END IF;
                END IF;
                RETURN NEXT;
            END
            $$""";

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(FUNCTION);
        }
    }
}
