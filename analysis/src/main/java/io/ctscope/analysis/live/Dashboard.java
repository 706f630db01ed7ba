package io.ctscope.analysis.live;

import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp;
import org.jline.utils.NonBlockingReader;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code --dashboard} terminal: JLine in raw mode on the alternate screen, redrawn in place by
 * JLine's {@link Display} (it sends only what changed), keys read on their own thread: {@code q} (or
 * Ctrl-C, which raw mode delivers as a key) quits the way SIGINT does. Closing restores the screen and
 * the terminal's modes, so the final report prints on a normal terminal.
 */
public final class Dashboard implements AutoCloseable {
    private final Terminal terminal;
    private final Attributes saved;
    private final Display display;
    private final Thread keys;
    private volatile boolean closed;

    private Dashboard(Terminal terminal, Runnable onQuit) {
        this.terminal = terminal;
        this.saved = terminal.enterRawMode();
        terminal.puts(InfoCmp.Capability.enter_ca_mode);
        terminal.puts(InfoCmp.Capability.cursor_invisible);
        terminal.flush();
        this.display = new Display(terminal, true);
        this.keys = new Thread(() -> readKeys(onQuit), "ctscope-dashboard-keys");
        keys.setDaemon(true);
        keys.start();
    }

    /** Opens the terminal on stderr (so stdout can take the report), or on stdout; refuses without one. */
    public static Dashboard open(Runnable onQuit) throws IOException {
        java.util.logging.Logger.getLogger("org.jline").setLevel(java.util.logging.Level.OFF);
        Terminal t = TerminalBuilder.builder().system(true).dumb(true)
            .systemOutput(TerminalBuilder.SystemOutput.SysErrOrSysOut).build();
        if (t.getType().startsWith(Terminal.TYPE_DUMB)) {
            t.close();
            throw new IOException("--dashboard needs a terminal on stderr or stdout");
        }
        return new Dashboard(t, onQuit);
    }

    private void readKeys(Runnable onQuit) {
        NonBlockingReader reader = terminal.reader();
        try {
            while (!closed) {
                int c = reader.read(200);
                if (c == 'q' || c == 'Q' || c == 3) {
                    onQuit.run();
                    return;
                }
                if (c == NonBlockingReader.EOF) {
                    return;
                }
            }
        } catch (IOException e) {
            // the terminal went away: nothing to quit from
        }
    }

    public int width() {
        return Math.max(1, terminal.getWidth());
    }

    public int height() {
        return Math.max(1, terminal.getHeight());
    }

    public synchronized void draw(List<String> lines) {
        if (closed) {
            return;
        }
        display.resize(height(), width());
        List<AttributedString> shown = new ArrayList<>(lines.size());
        for (String l : lines) {
            shown.add(new AttributedString(l));
        }
        display.update(shown, -1);
        terminal.flush();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        terminal.puts(InfoCmp.Capability.cursor_visible);
        terminal.puts(InfoCmp.Capability.exit_ca_mode);
        terminal.flush();
        terminal.setAttributes(saved);
        try {
            terminal.close();
        } catch (IOException ignored) {
            // closing the terminal at exit
        }
    }
}
