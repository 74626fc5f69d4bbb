package org.alliancebot.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code alliance-bot} with no subcommand: the Telegram bot when {@code TELEGRAM_BOT_TOKEN} is set, otherwise the
 * console chat. Options it does not know (such as {@code --alliance.content.dir=...}) go on to Spring.
 */
@Command(name = "alliance-bot", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "A chat bot that helps people judge the relationship with their therapist.",
        subcommands = {ChatCommand.class, ValidateCommand.class, TestCommand.class, SearchCommand.class,
                SafetyCheckCommand.class, DiagramCommand.class, HealthCommand.class})
public final class RootCommand implements Callable<Integer> {

    private final AppLauncher launcher;

    @Unmatched
    private List<String> springArgs = new ArrayList<>();

    public RootCommand(AppLauncher launcher) {
        this.launcher = launcher;
    }

    /** Starts the long-running app; the entry point passes it in so this package does not depend on wiring. */
    @FunctionalInterface
    public interface AppLauncher {
        int launch(boolean telegram, List<String> springArgs);
    }

    AppLauncher launcher() {
        return launcher;
    }

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        List<String> strays = springArgs.stream().filter(a -> !a.startsWith("--")).toList();
        if (!strays.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "Unknown command or argument: " + String.join(" ", strays)
                    + "\nCommands: " + String.join(", ", spec.subcommands().keySet()));
        }
        String token = System.getenv("TELEGRAM_BOT_TOKEN");
        return launcher.launch(token != null && !token.isBlank(), springArgs);
    }
}
