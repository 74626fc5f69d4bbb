package org.alliancebot.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code health}: asks a running bot whether it is healthy; for container health checks, which lack curl. */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = "Exit 0 when the running bot reports UP at its health endpoint, 1 otherwise.")
final class HealthCommand implements Callable<Integer> {

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080/actuator/health",
            description = "health endpoint (default: ${DEFAULT-VALUE})")
    private URI url;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            boolean up = response.statusCode() == 200 && response.body().contains("\"UP\"");
            out.println(up ? "UP" : "DOWN (" + response.statusCode() + ")");
            return up ? 0 : 1;
        } catch (Exception e) {
            out.println("DOWN (" + e.getClass().getSimpleName() + ")");
            return 1;
        } finally {
            out.flush();
        }
    }
}
