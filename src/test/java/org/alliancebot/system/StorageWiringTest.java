package org.alliancebot.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Which databases the wiring compacts, and that compacting never takes the scheduler down. */
class StorageWiringTest {

    private final StorageWiring wiring = new StorageWiring();
    private final DataSource dataSource = mock(DataSource.class);

    @Test
    void compactsTheDefaultH2File() {
        assertThat(wiring.fileCompacting(dataSource, "jdbc:h2:file:./data/alliance;WRITE_DELAY=0").enabled()).isTrue();
    }

    @Test
    void leavesH2InMemoryPostgresAndSharedH2Alone() {
        assertThat(wiring.fileCompacting(dataSource, "jdbc:h2:mem:test").enabled()).isFalse();
        assertThat(wiring.fileCompacting(dataSource, "jdbc:postgresql://db/alliance").enabled()).isFalse();
        assertThat(wiring.fileCompacting(dataSource, "jdbc:h2:tcp://db/alliance").enabled()).isFalse();
    }

    @Test
    void disabledCompactionNeverTouchesTheDatabase() {
        wiring.fileCompacting(dataSource, "jdbc:postgresql://db/alliance").step();

        verifyNoInteractions(dataSource);
    }

    @Test
    void failingCompactionIsSwallowedAndTriedAgainNextTime() throws Exception {
        when(dataSource.getConnection()).thenThrow(new SQLException("the pool is exhausted"));
        StorageWiring.FileCompacting compacting = wiring.fileCompacting(dataSource, "jdbc:h2:file:./data/alliance");

        assertThatCode(() -> {
            compacting.step();
            compacting.step();
        }).doesNotThrowAnyException();

        verify(dataSource, times(2)).getConnection();
    }
}
