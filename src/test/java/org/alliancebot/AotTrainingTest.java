package org.alliancebot;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training run for the quick commands' AOT cache runs every one of them, and fails loudly if one fails. */
class AotTrainingTest {

    @Test
    void everyQuickCommandRunsOnTheShippedContent() {
        assertThatCode(() -> AotTraining.train("content")).doesNotThrowAnyException();
    }

    @Test
    void aCommandThatFailsFailsTheTraining(@TempDir Path empty) {
        assertThatThrownBy(() -> AotTraining.train(empty.toString()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("validate " + empty + " exited 1");
    }
}
