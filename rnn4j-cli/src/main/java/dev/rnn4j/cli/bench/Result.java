package dev.rnn4j.cli.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One measured row, as a peer reports it on its standard output (one JSON line): which library, version and thread
 * count, which workload and mode, the median ms, or {@code ms: null} and a note when the library cannot run it.
 */
public record Result(String peer, String version, int threads, String row, String mode, Double ms, String note) {

    public boolean measured() {
        return ms != null;
    }

    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("peer", peer);
        m.put("version", version);
        m.put("threads", threads);
        m.put("row", row);
        m.put("mode", mode);
        m.put("ms", ms);
        if (note != null) {
            m.put("note", note);
        }
        return JsonLine.write(m);
    }

    public static Result fromJson(String line) {
        Map<String, Object> m = JsonLine.parse(line);
        Object threads = m.get("threads");
        return new Result((String) m.get("peer"), (String) m.get("version"),
                threads == null ? 0 : ((Double) threads).intValue(), (String) m.get("row"), (String) m.get("mode"),
                (Double) m.get("ms"), (String) m.get("note"));
    }
}
