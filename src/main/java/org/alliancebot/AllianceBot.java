package org.alliancebot;

import org.alliancebot.cli.RootCommand;
import org.alliancebot.system.Launcher;
import picocli.CommandLine;

/**
 * The entry point: picocli reads the command line; quick commands (validate, test, ...) run on the engine alone,
 * the bot and the console chat start the Spring application.
 */
public final class AllianceBot {

    private AllianceBot() {
    }

    public static void main(String[] args) {
        RootCommand root = new RootCommand((telegram, springArgs) ->
                Launcher.launch(telegram ? Launcher.Channel.TELEGRAM : Launcher.Channel.CONSOLE, springArgs));
        int code = new CommandLine(root).execute(args);
        if (code != Launcher.KEEP_RUNNING) {
            System.exit(code);
        }
    }
}
