package dev.rnn4j.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.UUID;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A weights file sent to the executors once, as a broadcast of its bytes, and loaded at most once per JVM: the
 * first task of an executor that asks reads it, the others (and later tasks) share that {@link LoadedModel}.
 * The driver loads it too when shipping, so a missing or unreadable file fails there, before any job. A JVM keeps
 * the last few models it used; an evicted one is read again from the broadcast if asked for.
 */
final class ShippedModel implements Serializable {
    /** The models this JVM has loaded, the least recently used dropped beyond {@link #KEPT}. */
    private static final int KEPT = 4;
    private static final Map<String, LoadedModel> LOADED = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, LoadedModel> eldest) {
            return size() > KEPT;
        }
    };

    private static final java.util.concurrent.atomic.AtomicLong READS = new java.util.concurrent.atomic.AtomicLong();

    private final String key = UUID.randomUUID().toString();
    private final ModelSpec spec;
    private final String name;
    private final Broadcast<byte[]> bytes;

    private ShippedModel(ModelSpec spec, String name, Broadcast<byte[]> bytes) {
        this.spec = spec;
        this.name = name;
        this.bytes = bytes;
    }

    static ShippedModel ship(SparkSession spark, Path file, ModelSpec spec) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("model file " + file + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the model file " + file + ": " + e.getMessage(), e);
        }
        String name = file.getFileName().toString();
        LoadedModel here = LoadedModel.read(spec, file.toString(), content);
        ShippedModel shipped = new ShippedModel(spec, name,
                JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(content));
        synchronized (LOADED) {
            LOADED.put(shipped.key, here);
        }
        return shipped;
    }

    /** This JVM's copy of the model, loaded on first use (tasks that ask meanwhile wait for it). */
    LoadedModel get() {
        synchronized (LOADED) {
            return LOADED.computeIfAbsent(key, k -> {
                READS.incrementAndGet();
                return LoadedModel.read(spec, name, bytes.value());
            });
        }
    }

    /** How many times this JVM has read a model from its broadcast. */
    static long reads() {
        return READS.get();
    }
}
