package io.ctscope.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A second, deliberately naive reading of conntrack text with String.split and regular expressions,
 * sharing no code with the parsers, to check ctscope's counts against.
 */
final class IndependentCount {
    final Map<String, Long> events = new TreeMap<>();
    final Map<String, Long> byProtocol = new TreeMap<>();
    final Map<String, Long> byState = new TreeMap<>();
    long entries;

    private static final Pattern XML_TYPE = Pattern.compile("<flow type=\"(\\w+)\"");
    private static final Pattern XML_L4 = Pattern.compile("<layer4 protonum=\"(\\d+)\" protoname=\"(\\w+)\"");
    private static final Pattern XML_STATE = Pattern.compile("<state>(\\w+)</state>");
    private static final Pattern XML_ID = Pattern.compile("<id>(\\d+)</id>");

    /** Counts an event stream: events per type, then the flows left open at the end per protocol and state. */
    static IndependentCount ofEvents(Path file) throws IOException {
        IndependentCount c = new IndependentCount();
        Map<String, String[]> open = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String type;
            String key;
            String proto;
            String state;
            if (line.startsWith("<flow")) {
                Matcher t = XML_TYPE.matcher(line);
                Matcher l4 = XML_L4.matcher(line);
                Matcher id = XML_ID.matcher(line);
                if (!t.find() || !l4.find() || !id.find()) {
                    continue;
                }
                type = t.group(1).toUpperCase();
                proto = l4.group(2);
                Matcher st = XML_STATE.matcher(line);
                state = st.find() ? st.group(1) : null;
                key = id.group(1);
            } else {
                List<String> tok = List.of(line.trim().split("\\s+"));
                int tagAt = -1;
                for (int i = 0; i < tok.size(); i++) {
                    if (tok.get(i).matches("\\[(NEW|UPDATE|DESTROY)\\]")) {
                        tagAt = i;
                        break;
                    }
                }
                if (tagAt < 0) {
                    continue;
                }
                type = tok.get(tagAt).replaceAll("[\\[\\]]", "");
                int p = tagAt + 1;
                if (tok.get(p).startsWith("ipv")) {
                    p += 2;
                }
                proto = tok.get(p);
                if (proto.equals("unknown")) {
                    proto = "unknown/" + tok.get(p + 1);
                }
                p += 2;
                if (tok.get(p).matches("\\d+")) {
                    p++;
                }
                state = tok.get(p).matches("[A-Z_]+") ? tok.get(p) : null;
                String id = null;
                for (String t : tok) {
                    if (t.startsWith("id=")) {
                        id = t; // the last id= is the conntrack id (icmp's id= comes first)
                    }
                }
                boolean icmp = proto.startsWith("icmp");
                boolean hasConntrackId = id != null && (!icmp || tok.stream().filter(x -> x.startsWith("id=")).count() > 2);
                if (hasConntrackId) {
                    key = id;
                } else {
                    // the original tuple: from the first src= up to the second src=
                    StringBuilder sb = new StringBuilder(proto);
                    int srcSeen = 0;
                    for (String t : tok) {
                        if (t.startsWith("src=")) {
                            srcSeen++;
                        }
                        if (srcSeen == 2) {
                            break;
                        }
                        if (srcSeen == 1 && !t.startsWith("packets=") && !t.startsWith("bytes=") && !t.startsWith("[")) {
                            sb.append(' ').append(t);
                        }
                    }
                    key = sb.toString();
                }
            }
            c.events.merge(type, 1L, Long::sum);
            if (type.equals("DESTROY")) {
                open.remove(key);
            } else {
                String[] prev = open.get(key);
                String keptState = state != null ? state : (prev != null ? prev[1] : null);
                open.put(key, new String[] {proto, keptState});
            }
        }
        for (String[] flow : open.values()) {
            c.add(flow[0], flow[1]);
        }
        return c;
    }

    /** Counts a table dump (text): entries per protocol and state. */
    static IndependentCount ofDump(Path file) throws IOException {
        IndependentCount c = new IndependentCount();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.contains("src=") || line.startsWith("conntrack v")) {
                continue;
            }
            String[] tok = line.trim().split("\\s+");
            int p = tok[0].startsWith("ipv") ? 2 : 0;
            String proto = tok[p].equals("unknown") ? "unknown/" + tok[p + 1] : tok[p];
            p += 2;
            if (tok[p].matches("\\d+")) {
                p++;
            }
            String state = tok[p].matches("[A-Z_]+") ? tok[p] : null;
            c.add(proto, state);
        }
        return c;
    }

    private void add(String proto, String state) {
        entries++;
        byProtocol.merge(proto, 1L, Long::sum);
        byState.merge(state == null ? proto : proto + "/" + state, 1L, Long::sum);
    }

    static Map<String, Long> asLongs(Object section) {
        Map<String, Long> out = new TreeMap<>();
        if (section instanceof Map) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) section).entrySet()) {
                out.put(String.valueOf(e.getKey()), ((Number) e.getValue()).longValue());
            }
        }
        return out;
    }

    static Map<String, Long> nonZero(Map<String, Long> m) {
        Map<String, Long> out = new HashMap<>(m);
        out.values().removeIf(v -> v == 0);
        return new TreeMap<>(out);
    }
}
