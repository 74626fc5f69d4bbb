package org.alliancebot.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Unmatched;

/** {@code chat}: the console chat, even when a Telegram token is set. */
@Command(name = "chat", mixinStandardHelpOptions = true,
        description = {"Chat with the bot in this terminal. Reads standard input to its end, so a conversation can",
                "be piped in: printf '1\\n2\\n' | java -jar alliance-bot.jar chat"})
final class ChatCommand implements Callable<Integer> {

    @ParentCommand
    private RootCommand root;

    @Unmatched
    private List<String> springArgs = new ArrayList<>();

    @Override
    public Integer call() {
        return root.launcher().launch(false, springArgs);
    }
}
