package io.ctscope.analysis.filter;

import java.util.ArrayList;
import java.util.List;

/**
 * The filter options of a command line, as written (each list: the option's values, repeated or
 * comma-separated; empty when the option is not given), named as conntrack names them.
 */
public final class FilterOptions {
    /** {@code -p/--proto}. */
    public List<String> protocols = new ArrayList<>();
    /** {@code -f/--family}. */
    public List<String> families = new ArrayList<>();
    /** {@code -s/--src}: original source CIDRs. */
    public List<String> sources = new ArrayList<>();
    /** {@code -d/--dst}: original destination CIDRs. */
    public List<String> destinations = new ArrayList<>();
    /** {@code -r/--reply-src}: reply source CIDRs. */
    public List<String> replySources = new ArrayList<>();
    /** {@code -q/--reply-dst}: reply destination CIDRs (the translated address under source NAT). */
    public List<String> replyDestinations = new ArrayList<>();
    /** {@code --port}: either original port. */
    public List<String> ports = new ArrayList<>();
    /** {@code --sport}: original source port. */
    public List<String> sourcePorts = new ArrayList<>();
    /** {@code --dport}: original destination port. */
    public List<String> destinationPorts = new ArrayList<>();
    /** {@code --reply-port-src}. */
    public List<String> replySourcePorts = new ArrayList<>();
    /** {@code --reply-port-dst} (the translated port under source NAT). */
    public List<String> replyDestinationPorts = new ArrayList<>();
    /** {@code -m/--mark MARK[/MASK]}. */
    public List<String> marks = new ArrayList<>();
    /** {@code -w/--zone}. */
    public List<String> zones = new ArrayList<>();
    /** {@code --state}. */
    public List<String> states = new ArrayList<>();
    /** {@code -u/--status}. */
    public List<String> statuses = new ArrayList<>();
}
