package org.alliancebot.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import java.time.Duration;
import javax.sql.DataSource;
import org.alliancebot.storage.FileCompacting;
import org.junit.jupiter.api.Test;

/** Which databases the wiring compacts. */
class StorageWiringTest {

    private static final Duration EVERY = Duration.ofHours(1);

    private final StorageWiring wiring = new StorageWiring();
    private final DataSource dataSource = mock(DataSource.class);

    @Test
    void compactsAnEmbeddedH2File() {
        for (String url : new String[] {"jdbc:h2:file:./data/alliance;WRITE_DELAY=0", "jdbc:h2:./data/alliance",
                "jdbc:h2:~/alliance"}) {
            try (FileCompacting compacting = wiring.fileCompacting(dataSource, url, EVERY)) {
                assertThat(compacting.enabled()).as(url).isTrue();
            }
        }
    }

    @Test
    void leavesH2InMemoryPostgresAndH2OverTheNetworkAlone() {
        for (String url : new String[] {"jdbc:h2:mem:test", "jdbc:postgresql://db/alliance", "jdbc:h2:tcp://db/x"}) {
            try (FileCompacting compacting = wiring.fileCompacting(dataSource, url, EVERY)) {
                assertThat(compacting.enabled()).as(url).isFalse();
            }
        }
    }
}
