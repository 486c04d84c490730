package dev.ampulla;

import java.io.Console;

/** Whether a person is watching: standard input and output are an interactive terminal, not a pipe or a log file. */
final class Terminal {
    private Terminal() {}

    @SuppressWarnings("SystemConsoleNull") // Java 22's non-null console is handled below
    static boolean attached() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        // From Java 22 System.console() is not null when redirected; Console.isTerminal() then tells. Java 17 lacks it.
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
