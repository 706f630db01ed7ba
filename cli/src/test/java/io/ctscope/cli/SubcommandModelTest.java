package io.ctscope.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link Main} builds picocli's model of only the subcommand a command line names (start-up); whatever
 * runs must behave as with every subcommand there.
 */
class SubcommandModelTest {
    private static List<String> names(CommandLine cl) {
        return List.copyOf(cl.getSubcommands().keySet());
    }

    @Test
    void shouldBuildOnlyTheNamedSubcommand() {
        assertEquals(List.of("report"), names(Main.newCommandLine(new String[] {"report", "--top", "3", "x"})));
        assertEquals(List.of("ingest"), names(Main.newCommandLine(new String[] {"ingest", "--queue", "q", "-"})));
        assertEquals(List.of("live"), names(Main.newCommandLine(new String[] {"live"})));
    }

    @Test
    void shouldBuildEverySubcommandForHelpAndForWhatItDoesNotKnow() {
        List<String> all = List.of("report", "ingest", "whatif", "doctor", "live", "ship", "fleet", "fleet-fold", "help");
        assertEquals(all, names(Main.newCommandLine()));
        for (String[] args : List.of(new String[] {"help", "report"}, new String[] {"--help"}, new String[0],
            new String[] {"reprot", "x"}, new String[] {"--version"})) {
            assertEquals(all, names(Main.newCommandLine(args)), String.join(" ", args));
        }
    }

    @Test
    void shouldNameEachSubcommandAsItsAnnotationDoes() {
        CtscopeCommand.SUBCOMMANDS.forEach((name, type) ->
            assertEquals(name, type.getAnnotation(CommandLine.Command.class).name()));
    }

    private static String run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return code + "\n" + out + "\n" + err;
    }

    @Test
    void shouldRunTheNamedSubcommandAsWithEveryOneBuilt() {
        for (String[] args : List.of(new String[] {"report", "--help"}, new String[] {"ingest", "--help"},
            new String[] {"whatif", "--help"}, new String[] {"report", "--format", "xml", "x"},
            new String[] {"report", "--nonsense"}, new String[] {"report", "--format", "JSON", "/nonexistent"})) {
            assertEquals(run(Main.newCommandLine(), args), run(Main.newCommandLine(args), args), String.join(" ", args));
        }
    }
}
