package org.alliancebot.system;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.alliancebot.console.ConsoleChat;
import org.alliancebot.conversation.Conversation;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Runs the terminal chat when the app starts without a Telegram token. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "alliance.channel", havingValue = "console", matchIfMissing = true)
class ConsoleConfiguration {

    @Bean
    ApplicationRunner consoleChat(Conversation conversation) {
        return args -> {
            var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            var out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            new ConsoleChat(conversation, in, out, Terminal.isInteractive()).run();
        };
    }
}
