package org.alliancebot.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** What the group commit tells the journal about sent rows and failed commits, which decides when calls go first. */
class GroupCommitTest {

    private final javax.sql.DataSource source = Databases.h2();
    private final JdbcTemplate jdbc = new JdbcTemplate(source);
    private final GroupCommit commits = new GroupCommit(jdbc,
            new TransactionTemplate(new DataSourceTransactionManager(source)), Duration.ofHours(1));

    @AfterEach
    void close() {
        commits.close();
    }

    private GroupCommit.Answered answer(long updateId, long chatId) {
        return new GroupCommit.Answered(updateId, chatId, Timestamp.from(Instant.now()), "me", List.of(),
                "[]");
    }

    @Test
    void nothingIsTakenAsCommittingBeforeTheFirstCommit() {
        assertThat(commits.committing()).isFalse();

        commits.write(answer(1, 7));

        assertThat(commits.committing()).isTrue();
    }

    @Test
    void chatHoldsASentRowFromItsSendUntilTheRowsDeleteCommits() {
        commits.write(answer(1, 7));

        commits.sent(1, 7);
        assertThat(commits.holdsSentRow(7)).isTrue();
        assertThat(commits.holdsSentRow(8)).as("another chat").isFalse();
        commits.flush();

        assertThat(commits.holdsSentRow(7)).isFalse();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM outbox", Integer.class)).isZero();
    }

    @Test
    void sentRowDeletedWithAnotherChatsAnswerIsNoLongerHeld() {
        commits.write(answer(1, 7));
        commits.sent(1, 7);

        commits.write(answer(2, 8));

        assertThat(commits.holdsSentRow(7)).isFalse();
    }

    @Test
    void failedCommitKeepsTheSentRowHeldAndIsReportedUntilACommitSucceeds() {
        commits.write(answer(1, 7));
        commits.sent(1, 7);
        jdbc.execute("ALTER TABLE outbox RENAME TO outbox_gone");

        assertThatThrownBy(() -> commits.write(answer(2, 8))).isInstanceOf(DataAccessException.class);
        assertThat(commits.committing()).isFalse();
        assertThat(commits.holdsSentRow(7)).isTrue();

        jdbc.execute("ALTER TABLE outbox_gone RENAME TO outbox");
        commits.write(answer(3, 8));
        assertThat(commits.committing()).isTrue();
        assertThat(commits.holdsSentRow(7)).as("deleted with the next commit").isFalse();
    }
}
