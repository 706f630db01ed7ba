package io.ctscope.fleet.topic;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The Kafka client properties of a run: {@code --kafka HOST:PORT} as {@code bootstrap.servers}, then the
 * standard client properties of {@code --kafka-config FILE} (TLS, SASL, client id ...) passed through as they
 * are. Every value of a property that may hold a secret (passwords, keys, JAAS configs, tokens) is kept aside,
 * so {@link #scrub} can blank it out of any message before it is printed.
 */
public final class KafkaSettings {
    private final Properties properties = new Properties();
    private final List<String> secrets = new ArrayList<>();
    private final String bootstrap;

    private KafkaSettings(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /**
     * @throws FleetException when the file cannot be read
     */
    public static KafkaSettings of(String bootstrap, Path configFile) {
        KafkaSettings s = new KafkaSettings(bootstrap);
        if (configFile != null) {
            try (Reader r = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
                s.properties.load(r);
            } catch (IOException | IllegalArgumentException e) {
                throw new FleetException(configFile + ": cannot read the Kafka client properties ("
                    + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getClass().getSimpleName()) + ")");
            }
        }
        for (String key : s.properties.stringPropertyNames()) {
            if (isSecret(key)) {
                String v = s.properties.getProperty(key);
                if (v != null && !v.isEmpty()) {
                    s.secrets.add(v);
                }
            }
        }
        s.properties.setProperty("bootstrap.servers", bootstrap);
        return s;
    }

    static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("secret") || k.contains("jaas") || k.contains("token")
            || k.endsWith(".key") || k.contains("keystore.key") || k.contains("credential");
    }

    public String bootstrap() {
        return bootstrap;
    }

    /** The client properties with {@code overrides} on top (what ctscope must set for exactly-once). */
    public Properties with(Map<String, Object> overrides) {
        Properties p = new Properties();
        p.putAll(properties);
        p.putAll(overrides);
        return p;
    }

    /** {@code message} with every secret value replaced by {@code ****}. */
    public String scrub(String message) {
        String m = message == null ? "" : message;
        for (String s : secrets) {
            m = m.replace(s, "****");
        }
        return m;
    }
}
