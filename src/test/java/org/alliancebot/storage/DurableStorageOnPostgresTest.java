package org.alliancebot.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** PostgreSQL, for several instances; the test also proves the per-chat lock across them. */
class DurableStorageOnPostgresTest extends DurableStorageContract {
    @Override
    DataSource database() {
        return Databases.postgres();
    }

    @Test
    void twoInstancesNeverHandleOneChatAtOnceAndHandleEachUpdateOnce() throws Exception {
        String name = jdbc.queryForObject("SELECT current_database()", String.class);
        JdbcUpdateJournal[] instances = new JdbcUpdateJournal[2];
        for (int i = 0; i < 2; i++) {
            DataSource own = Databases.postgresDataSource(name);
            instances[i] = new JdbcUpdateJournal(new JdbcTemplate(own),
                    new TransactionTemplate(new DataSourceTransactionManager(own)), clock(), chat -> { });
        }
        int chats = 5;
        int perChat = 20;
        for (int u = 1; u <= chats * perChat; u++) {
            instances[u % 2].record(u, u % chats, payload(u));
        }
        AtomicInteger[] busy = new AtomicInteger[chats];
        List<String> overlaps = new CopyOnWriteArrayList<>();
        List<String> handled = new CopyOnWriteArrayList<>();
        for (int c = 0; c < chats; c++) {
            busy[c] = new AtomicInteger();
        }
        ExecutorService workers = Executors.newFixedThreadPool(8);
        List<Future<?>> running = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            for (int c = 0; c < chats; c++) {
                int chatId = c;
                JdbcUpdateJournal instance = instances[round % 2];
                running.add(workers.submit(() -> instance.drainPayloads(chatId, p -> {
                    if (busy[chatId].incrementAndGet() > 1) {
                        overlaps.add("chat " + chatId);
                    }
                    handled.add(chatId + ":" + p);
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    busy[chatId].decrementAndGet();
                })));
            }
        }
        for (Future<?> f : running) {
            f.get();
        }
        workers.shutdown();

        assertThat(overlaps).as("one chat handled by two workers at once").isEmpty();
        assertThat(handled).hasSize(chats * perChat).doesNotHaveDuplicates();
        for (int c = 0; c < chats; c++) {
            String prefix = c + ":";
            List<Integer> order = handled.stream().filter(h -> h.startsWith(prefix))
                    .map(h -> Integer.parseInt(h.replaceAll("\\D+", " ").strip().split(" ")[1])).toList();
            assertThat(order).as("order of chat " + c).isSorted();
        }
    }
}
