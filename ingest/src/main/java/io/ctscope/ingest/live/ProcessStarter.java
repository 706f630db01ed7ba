package io.ctscope.ingest.live;

import java.io.IOException;
import java.util.List;

/** Starts a program from an argument array (never a shell). Injected so tests run a fake conntrack. */
@FunctionalInterface
public interface ProcessStarter {
    ProcessStarter SYSTEM = command -> new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();

    Process start(List<String> command) throws IOException;
}
