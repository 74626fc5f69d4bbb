package org.alliancebot.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
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
        description = "A chat bot that helps people judge the relationship with their therapist.")
public final class RootCommand implements Callable<Integer> {

    /** The subcommands, by name, in the order help lists them. */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> all = new LinkedHashMap<>();
        all.put("chat", ChatCommand::new);
        all.put("validate", ValidateCommand::new);
        all.put("test", TestCommand::new);
        all.put("search", SearchCommand::new);
        all.put("safety-check", SafetyCheckCommand::new);
        all.put("diagram", DiagramCommand::new);
        all.put("health", HealthCommand::new);
        all.put("stats", StatsCommand::new);
        return all;
    }

    /**
     * The command line for these arguments. Picocli reads every command's annotations by reflection when it is
     * built, a good part of a quick command's start-up; when the first argument names a subcommand, only that one
     * is built, since no other can run. Otherwise (no subcommand, help, a typo) all are, so that help and errors
     * list them all.
     */
    public static CommandLine commandLine(AppLauncher launcher, String... args) {
        CommandLine cli = new CommandLine(new RootCommand(launcher));
        cli.setExecutionStrategy(parsed -> {
            try {
                return new CommandLine.RunLast().execute(parsed);
            } finally {
                Models.awaitLoads();
            }
        });
        Supplier<Object> named = args.length == 0 ? null : SUBCOMMANDS.get(args[0]);
        if (named != null) {
            cli.addSubcommand(args[0], named.get());
        } else {
            SUBCOMMANDS.forEach((name, command) -> cli.addSubcommand(name, command.get()));
        }
        return cli;
    }

    private final AppLauncher launcher;

    @Unmatched
    private List<String> springArgs = new ArrayList<>();

    private RootCommand(AppLauncher launcher) {
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
