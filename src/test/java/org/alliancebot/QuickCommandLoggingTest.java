package org.alliancebot;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** The quick commands log warnings and errors to standard error, and only when the entry point asks for it. */
class QuickCommandLoggingTest {

    final LoggerContext context = new LoggerContext();

    @AfterEach
    void clear() {
        System.clearProperty(QuickCommandLogging.PROPERTY);
        context.stop();
    }

    @Test
    void whenAskedWarningsGoToStandardErrorAndNothingElseIsTried() {
        System.setProperty(QuickCommandLogging.PROPERTY, "true");

        ExecutionStatus status = new QuickCommandLogging().configure(context);

        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(status).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
        assertThat(((ConsoleAppender<?>) root.getAppender("STDERR")).getTarget()).isEqualTo("System.err");
        assertThat(context.getLogger("ai.djl").getLevel()).isEqualTo(Level.ERROR);
    }

    @Test
    void otherwiseLogbackCarriesOnAsUsual() {
        ExecutionStatus status = new QuickCommandLogging().configure(context);

        assertThat(status).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR")).isNull();
    }
}
