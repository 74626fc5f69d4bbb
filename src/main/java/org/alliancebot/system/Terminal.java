package org.alliancebot.system;

/** Whether a person is typing at a terminal, as opposed to input piped in from a file or another program. */
final class Terminal {

    private Terminal() {
    }

    static boolean isInteractive() {
        var console = System.console();
        if (console == null) {
            return false;
        }
        // From JDK 22 System.console() is present even when redirected; isTerminal() tells the two apart.
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
