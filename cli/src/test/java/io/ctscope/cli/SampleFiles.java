package io.ctscope.cli;

/** Paths of the bundled samples, for command-line tests. */
final class SampleFiles {
    private SampleFiles() {
    }

    static String lab(String name) {
        return LabPrerequisites.repoRoot().resolve("samples/lab/recorded").resolve(name).toString();
    }

    static String corpus(String name) {
        return LabPrerequisites.repoRoot().resolve("samples/corpus").resolve(name).toString();
    }
}
