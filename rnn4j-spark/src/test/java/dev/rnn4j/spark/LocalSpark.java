package dev.rnn4j.spark;

import org.apache.spark.sql.SparkSession;

/**
 * One local[2] Spark session for all the module's tests (starting one costs seconds), quiet, without a UI, bound to
 * the loopback address whatever the machine's host name resolves to.
 */
final class LocalSpark {
    private static SparkSession session;

    private LocalSpark() {
    }

    static synchronized SparkSession get() {
        if (session == null) {
            session = SparkSession.builder().master("local[2]").appName("rnn4j-spark tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "4")
                    .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                    .getOrCreate();
            session.sparkContext().setLogLevel("WARN");
        }
        return session;
    }
}
