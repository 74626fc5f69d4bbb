package org.alliancebot.storage;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** That compacting never takes its thread down. */
class FileCompactingTest {

    private final DataSource dataSource = mock(DataSource.class);

    @Test
    void failingStepIsSwallowedAndTriedAgainAtTheNext() throws Exception {
        when(dataSource.getConnection()).thenThrow(new SQLException("the pool is exhausted"));
        try (FileCompacting compacting = new FileCompacting(
                new H2FileCompaction(dataSource), null)) {

            assertThatCode(() -> {
                compacting.step();
                compacting.step();
            }).doesNotThrowAnyException();
        }

        verify(dataSource, times(2)).getConnection();
    }
}
