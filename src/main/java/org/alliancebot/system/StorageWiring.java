package org.alliancebot.system;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.alliancebot.conversation.DailyCounts;
import org.alliancebot.conversation.SessionStore;
import org.alliancebot.storage.FileCompacting;
import org.alliancebot.storage.H2FileCompaction;
import org.alliancebot.storage.JdbcCounts;
import org.alliancebot.storage.StorageConfiguration;
import org.alliancebot.telegram.UpdateJournal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Durable storage: sessions and the update journal in the database Spring Boot set up from
 * {@code alliance.storage.url} (an H2 file under ./data by default; PostgreSQL for several instances), with the
 * schema kept by Flyway, and a daily clean-up of what is kept no longer than needed.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class StorageWiring {

    private static final Logger log = LoggerFactory.getLogger(StorageWiring.class);

    @Bean
    StorageConfiguration storage(DataSource dataSource, PlatformTransactionManager transactions,
                                 AllianceProperties properties, @Value("${spring.datasource.url}") String url) {
        return new StorageConfiguration(dataSource, new TransactionTemplate(transactions), Clock.systemUTC(),
                properties.sessions().idle(), properties.sessions().maxSize(), onlyThisProcess(url));
    }

    /**
     * Whether no other process can open the database: an embedded H2 database, which H2 locks to one process
     * (unless it is served over TCP or shared with AUTO_SERVER). Several instances share PostgreSQL, and each may
     * change a session another holds in memory.
     */
    static boolean onlyThisProcess(String url) {
        String upper = url.toUpperCase(java.util.Locale.ROOT);
        return upper.startsWith("JDBC:H2:") && !upper.startsWith("JDBC:H2:TCP:") && !upper.startsWith("JDBC:H2:SSL:")
                && !upper.contains("AUTO_SERVER=TRUE");
    }

    @Bean
    SessionStore sessionStore(StorageConfiguration storage) {
        return storage.sessions();
    }

    @Bean
    UpdateJournal updateJournal(StorageConfiguration storage) {
        return storage.journal();
    }

    @Bean
    Retention retention(StorageConfiguration storage, AllianceProperties properties) {
        return new Retention(storage, properties);
    }

    @Bean
    JdbcCounts jdbcCounts(StorageConfiguration storage) {
        return storage.counts();
    }

    @Bean
    FileCompacting fileCompacting(DataSource dataSource, @Value("${spring.datasource.url}") String url,
                                  @Value("${alliance.storage.compact-every:PT0.2S}") Duration every) {
        return new FileCompacting(new H2FileCompaction(dataSource), onlyThisProcess(url) && isFile(url) ? every : null);
    }

    /** Whether an H2 URL names a file (H2's {@code mem:} databases have none to compact). */
    static boolean isFile(String url) {
        return !url.toUpperCase(java.util.Locale.ROOT).startsWith("JDBC:H2:MEM:");
    }

    @Bean
    CountsEndpoint countsEndpoint(JdbcCounts counts, DailyCounts memory) {
        return new CountsEndpoint(counts, memory);
    }

    @Bean
    CountsFlush countsFlush(JdbcCounts counts, DailyCounts memory) {
        return new CountsFlush(counts, memory);
    }

    /**
     * Writes the counts kept in memory to the database every few seconds, and once more at shutdown: a crash loses
     * at most the counts of one interval, never a session or an update.
     */
    static final class CountsFlush {
        private final JdbcCounts counts;
        private final DailyCounts memory;

        CountsFlush(JdbcCounts counts, DailyCounts memory) {
            this.counts = counts;
            this.memory = memory;
        }

        @Scheduled(initialDelayString = "PT5S", fixedDelayString = "${alliance.stats.flush-every:PT5S}")
        void flush() {
            try {
                counts.flush(memory);
            } catch (RuntimeException e) {
                log.warn("Writing the counts failed ({}); they are kept to be tried again", e.getClass().getSimpleName());
            }
        }

        @PreDestroy
        void flushAtShutdown() {
            flush();
        }
    }

    /** Deletes idle sessions past their retention (default 30 days) and handled updates after a day. */
    static final class Retention {
        private final StorageConfiguration storage;
        private final AllianceProperties properties;

        Retention(StorageConfiguration storage, AllianceProperties properties) {
            this.storage = storage;
            this.properties = properties;
        }

        @Scheduled(initialDelayString = "PT1M", fixedDelayString = "${alliance.sessions.clean-up-every:PT6H}")
        void cleanUp() {
            log.info("Retention clean-up: {}", storage.cleanUp(properties.sessions().retention()));
        }
    }
}
