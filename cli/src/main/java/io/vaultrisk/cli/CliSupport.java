package io.vaultrisk.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * What every command shares: exit codes, one-line errors on stderr (never a stack trace), and JSON on stdout.
 */
public final class CliSupport {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_BAD_INPUT = 2;
    public static final int EXIT_INFEASIBLE = 3;
    public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CliSupport() {}

    /** Throws a usage error naming {@code flag} unless {@code ok}. */
    public static void require(CommandSpec spec, boolean ok, String flag, String message) {
        if (!ok) {
            throw new ParameterException(spec.commandLine(), flag + ": " + message);
        }
    }

    /** A usage error naming a flag, for input found bad after parsing (e.g. the contents of a file). */
    public static ParameterException badInput(CommandSpec spec, String flag, String message) {
        return new ParameterException(spec.commandLine(), flag + ": " + message);
    }

    static int onBadParameter(ParameterException e, String[] args) {
        String name = e.getCommandLine().getCommandName();
        e.getCommandLine()
                .getErr()
                .println("vaultrisk " + name + ": " + oneLine(e.getMessage()) + " (see 'vaultrisk " + name
                        + " --help')");
        return EXIT_BAD_INPUT;
    }

    static int onFailure(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        if (e instanceof IllegalArgumentException) {
            err.println("vaultrisk " + cli.getCommandName() + ": " + oneLine(e.getMessage()));
            return EXIT_BAD_INPUT;
        }
        err.println("vaultrisk " + cli.getCommandName() + ": failed: " + oneLine(String.valueOf(e.getMessage())) + " ("
                + e.getClass().getSimpleName() + ")");
        if (System.getenv("VAULTRISK_DEBUG") != null) {
            e.printStackTrace(err);
        }
        return EXIT_FAILURE;
    }

    static String oneLine(String message) {
        return message == null
                ? ""
                : message.replaceAll("\\s*[\\r\\n]+\\s*", "; ").trim();
    }

    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    public static void printJson(Object node) {
        try {
            System.out.println(JSON.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }
}
