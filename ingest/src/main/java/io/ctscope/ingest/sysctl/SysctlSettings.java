package io.ctscope.ingest.sysctl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Conntrack sysctl values by canonical name, in the order first read. A later value for a name
 * replaces an earlier one, as with sysctl.conf and sysctl.d; {@link #overridden()} keeps the ones replaced.
 */
public final class SysctlSettings {
    private final Map<String, SysctlSetting> byName = new LinkedHashMap<>();
    private final List<SysctlSetting> overridden = new ArrayList<>();
    private long otherLines;

    public static SysctlSettings empty() {
        return new SysctlSettings();
    }

    /** Sets {@code setting}, replacing any earlier value of the same name. */
    public SysctlSettings put(SysctlSetting setting) {
        SysctlSetting old = byName.put(setting.name(), setting);
        if (old != null) {
            overridden.add(old);
        }
        return this;
    }

    /** Every value of {@code other} replaces this one's of the same name. */
    public SysctlSettings putAll(SysctlSettings other) {
        for (SysctlSetting s : other.byName.values()) {
            put(s);
        }
        otherLines += other.otherLines;
        return this;
    }

    void countOtherLine() {
        otherLines++;
    }

    /** Lines that held a setting of something other than conntrack (e.g. the rest of {@code sysctl -a}). */
    public long otherLines() {
        return otherLines;
    }

    /** The setting for {@code name} in any spelling. */
    public Optional<SysctlSetting> get(String name) {
        return SysctlNames.canonical(name).map(byName::get);
    }

    public OptionalLong value(String name) {
        Optional<SysctlSetting> s = get(name);
        return s.isPresent() ? OptionalLong.of(s.get().value()) : OptionalLong.empty();
    }

    public boolean isEmpty() {
        return byName.isEmpty();
    }

    public int size() {
        return byName.size();
    }

    /** Every setting, in the order first read. */
    public Collection<SysctlSetting> all() {
        return Collections.unmodifiableCollection(byName.values());
    }

    /** The settings of one kind (e.g. {@link SysctlKind#TIMEOUT}); unknown names are in none. */
    public List<SysctlSetting> ofKind(SysctlKind kind) {
        List<SysctlSetting> out = new ArrayList<>();
        for (SysctlSetting s : byName.values()) {
            if (SysctlNames.kind(s.name()).orElse(null) == kind) {
                out.add(s);
            }
        }
        return out;
    }

    /** Values read for a name and then replaced by a later one. */
    public List<SysctlSetting> overridden() {
        return Collections.unmodifiableList(overridden);
    }
}
