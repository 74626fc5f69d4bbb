package org.alliancebot.system;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.web.server.ConditionalOnManagementPort;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.actuate.endpoint.ApiVersion;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointWebExtension;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /actuator/health} on the server port, where the Docker HEALTHCHECK, the {@code health} command and
 * orchestrators have always asked, while Actuator itself (with the metrics) listens on the management port,
 * 127.0.0.1:8081 by default. The same answer as Actuator's: its JSON, 200 when UP and 503 when not. Spring Boot's
 * own "additional path" for health takes a single path segment only, so cannot serve {@code /actuator/health}.
 * Only wired when the management port differs from the server port; on the same port Actuator answers itself.
 */
@RestController
@ConditionalOnWebApplication
@ConditionalOnManagementPort(ManagementPortType.DIFFERENT)
final class ServerPortHealth {

    private final ObjectProvider<HealthEndpointWebExtension> health;

    ServerPortHealth(ObjectProvider<HealthEndpointWebExtension> health) {
        this.health = health;
    }

    @GetMapping(value = "/actuator/health", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<HealthDescriptor> health() {
        HealthEndpointWebExtension endpoint = health.getIfAvailable();
        if (endpoint == null) {
            // Health is not exposed over HTTP (management.endpoints.web.exposure), so not here either.
            return ResponseEntity.notFound().build();
        }
        WebEndpointResponse<HealthDescriptor> response = endpoint.health(ApiVersion.LATEST,
                WebServerNamespace.SERVER, SecurityContext.NONE);
        return ResponseEntity.status(response.getStatus()).body(response.getBody());
    }
}
