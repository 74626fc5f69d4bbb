package org.alliancebot.system;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the Spring application on a channel. The console chat runs to the end of its input and the app then
 * exits with its code; long-running channels keep the app alive after this returns.
 */
public final class Launcher {

    /** Returned when the app keeps running (a bot) and the caller must not exit the JVM. */
    public static final int KEEP_RUNNING = Integer.MIN_VALUE;

    public enum Channel { CONSOLE, TELEGRAM }

    private Launcher() {
    }

    public static int launch(Channel channel, List<String> springArgs) {
        List<String> args = new ArrayList<>(springArgs);
        args.add("--alliance.channel=" + channel.name().toLowerCase(java.util.Locale.ROOT));
        SpringApplication app = new SpringApplication(AllianceBotApplication.class);
        if (channel == Channel.CONSOLE) {
            // The terminal is the person's chat window: start-up chatter would only get in the way.
            args.add("--spring.main.log-startup-info=false");
            args.add("--spring.main.web-application-type=none");
            args.add("--logging.level.root=WARN");
        }
        ConfigurableApplicationContext context = app.run(args.toArray(String[]::new));
        if (channel == Channel.CONSOLE) {
            return SpringApplication.exit(context);
        }
        return KEEP_RUNNING;
    }
}
