package org.alliancebot;

import java.lang.reflect.InvocationTargetException;

/**
 * The jar's entry point. Compiled for Java 17 (the oldest Java that Spring Boot's launcher runs on), so that on a
 * Java too old for the bot it loads, and says in one line what is needed, instead of the JVM failing to load the
 * real entry point with an {@code UnsupportedClassVersionError}.
 */
public final class JavaVersionCheck {

    static final int NEEDED = 21;

    private JavaVersionCheck() {
    }

    public static void main(String[] args) throws Throwable {
        int found = Runtime.version().feature();
        if (found < NEEDED) {
            System.err.println("Alliance Bot needs Java " + NEEDED + " or newer, and this is Java " + found + " ("
                    + System.getProperty("java.home") + "): set JAVA_HOME to a newer JDK.");
            System.exit(1);
        }
        try {
            Class.forName("org.alliancebot.AllianceBot").getMethod("main", String[].class)
                    .invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
