package org.alliancebot.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.alliancebot.storage.H2FileCompaction;
import org.junit.jupiter.api.Test;

/** Which databases the wiring compacts, and that compacting never takes its thread down. */
class StorageWiringTest {

    private static final Duration EVERY = Duration.ofHours(1);

    private final StorageWiring wiring = new StorageWiring();
    private final DataSource dataSource = mock(DataSource.class);

    @Test
    void compactsAnEmbeddedH2File() {
        for (String url : new String[] {"jdbc:h2:file:./data/alliance;WRITE_DELAY=0", "jdbc:h2:./data/alliance",
                "jdbc:h2:~/alliance"}) {
            try (StorageWiring.FileCompacting compacting = wiring.fileCompacting(dataSource, url, EVERY)) {
                assertThat(compacting.enabled()).as(url).isTrue();
            }
        }
    }

    @Test
    void leavesH2InMemoryPostgresAndH2OverTheNetworkAlone() {
        for (String url : new String[] {"jdbc:h2:mem:test", "jdbc:postgresql://db/alliance", "jdbc:h2:tcp://db/x"}) {
            try (StorageWiring.FileCompacting compacting = wiring.fileCompacting(dataSource, url, EVERY)) {
                assertThat(compacting.enabled()).as(url).isFalse();
            }
        }
    }

    @Test
    void failingStepIsSwallowedAndTriedAgainAtTheNext() throws Exception {
        when(dataSource.getConnection()).thenThrow(new SQLException("the pool is exhausted"));
        try (StorageWiring.FileCompacting compacting = new StorageWiring.FileCompacting(
                new H2FileCompaction(dataSource), null)) {

            assertThatCode(() -> {
                compacting.step();
                compacting.step();
            }).doesNotThrowAnyException();
        }

        verify(dataSource, times(2)).getConnection();
    }
}
