package org.alliancebot;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.alliancebot.cli.RootCommand;
import org.alliancebot.system.Launcher;

/**
 * The entry point: picocli reads the command line; quick commands (validate, test, ...) run on the engine alone,
 * the bot and the console chat start the Spring application.
 */
public final class AllianceBot {

    /**
     * Lucene notes once, through java.util.logging, that the JDK's incubating vector module is not enabled; it
     * changes nothing at this index size, and would clutter the output of every command. Held in a field because
     * java.util.logging keeps loggers only weakly.
     */
    private static final Logger LUCENE_VECTORS = Logger.getLogger("org.apache.lucene.internal.vectorization");

    private AllianceBot() {
    }

    public static void main(String[] args) {
        quickCommandSetUp();
        RootCommand.AppLauncher launcher = (telegram, springArgs) -> {
            // Spring configures logging itself, from logback-spring.xml.
            System.clearProperty(QuickCommandLogging.PROPERTY);
            return Launcher.launch(telegram ? Launcher.Channel.TELEGRAM : Launcher.Channel.CONSOLE, springArgs);
        };
        int code = RootCommand.commandLine(launcher, args).execute(args);
        if (code != Launcher.KEEP_RUNNING) {
            System.exit(code);
        }
    }

    /**
     * Logging as the quick commands want it: warnings to standard error only ({@link QuickCommandLogging}), unless
     * a logback file is named. The long-running app replaces it when Spring starts.
     */
    static void quickCommandSetUp() {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty(QuickCommandLogging.PROPERTY, "true");
        }
        LUCENE_VECTORS.setLevel(Level.SEVERE);
    }
}
