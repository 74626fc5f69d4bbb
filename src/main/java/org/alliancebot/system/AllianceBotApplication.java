package org.alliancebot.system;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Spring application: configuration lives in this package and wires the engine to its channels. */
@SpringBootApplication
public class AllianceBotApplication {
}
