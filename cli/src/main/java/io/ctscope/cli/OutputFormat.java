package io.ctscope.cli;

/** How a report is printed. */
enum OutputFormat {
    text, json, csv
}
