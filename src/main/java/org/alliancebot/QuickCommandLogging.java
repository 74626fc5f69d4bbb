package org.alliancebot;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * Logging for the quick commands (validate, test, search, safety-check, ...), which run without Spring: warnings
 * only, on standard error, so that standard output holds just the command's answer (and its JSON stays parseable).
 * Set up in code, found by logback as a service, because reading the same from an XML file cost every quick
 * command about 20 ms of start-up. It applies only when {@link #PROPERTY} is set, as the entry point does for the
 * quick commands; otherwise logback carries on as usual (the bot and the console chat use logback-spring.xml).
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class QuickCommandLogging extends ContextAwareBase implements Configurator {

    /** The system property that asks for this configuration. */
    public static final String PROPERTY = "alliance.logging.quick-commands";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (!Boolean.getBoolean(PROPERTY)) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%level %logger{0}: %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        // DJL's tokenizer looks for a GPU and warns that it found none: on a CPU-only machine that is expected.
        context.getLogger("ai.djl").setLevel(Level.ERROR);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
