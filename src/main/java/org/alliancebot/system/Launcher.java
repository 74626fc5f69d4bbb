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

    /**
     * The console runs the editors' browser preview on 127.0.0.1 unless told otherwise. When its port is taken
     * (another chat is open) the chat still starts, without the preview, and says so.
     */
    private static void consoleWeb(List<String> args) {
        boolean previewOff = args.contains("--alliance.preview.enabled=false");
        int port = args.stream().filter(a -> a.startsWith("--server.port=")).findFirst()
                .map(a -> Integer.parseInt(a.substring("--server.port=".length()))).orElse(8080);
        if (previewOff || (port != 0 && !portFree(port))) {
            if (!previewOff) {
                System.err.println("Port " + port + " is in use, so the browser preview is off for this chat.");
            }
            args.add("--spring.main.web-application-type=none");
            return;
        }
        if (args.stream().noneMatch(a -> a.startsWith("--server.address="))) {
            args.add("--server.address=127.0.0.1");
        }
        // Actuator on a free port of 127.0.0.1 (health stays on the preview's port, as it always was): a console chat
        // opened beside a running bot never contends for the bot's management port, 8081. Sharing the server's port
        // is not possible while application.properties names a management address, which Spring then refuses.
        if (args.stream().noneMatch(a -> a.startsWith("--management.server.port="))) {
            args.add("--management.server.port=0");
        }
        if (args.stream().noneMatch(a -> a.startsWith("--alliance.preview.enabled="))) {
            args.add("--alliance.preview.enabled=true");
        }
    }

    private static boolean portFree(int port) {
        try (java.net.ServerSocket socket = new java.net.ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    public static int launch(Channel channel, List<String> springArgs) {
        List<String> args = new ArrayList<>(springArgs);
        args.add("--alliance.channel=" + channel.name().toLowerCase(java.util.Locale.ROOT));
        SpringApplication app = new SpringApplication(AllianceBotApplication.class);
        if (channel == Channel.CONSOLE) {
            // The terminal is the person's chat window: log lines, warnings included (Flyway's note about the H2
            // version), would land in the middle of the conversation. Only errors reach it, on standard error.
            args.add("--spring.main.log-startup-info=false");
            args.add("--logging.level.root=ERROR");
            consoleWeb(args);
        }
        ConfigurableApplicationContext context = app.run(args.toArray(String[]::new));
        if (channel == Channel.CONSOLE) {
            return SpringApplication.exit(context);
        }
        return KEEP_RUNNING;
    }
}
