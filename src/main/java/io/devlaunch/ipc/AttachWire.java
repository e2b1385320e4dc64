package io.devlaunch.ipc;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.Base64;

/**
 * What an attached client sends after the supervisor's first reply (see {@link Protocol}), one
 * JSON line each: {@code {"in":"…"}} (keys, base64) and {@code {"rows":…,"cols":…}} (its window).
 */
public final class AttachWire {
    static final String IN = "in";
    static final String ROWS = "rows";
    static final String COLS = "cols";

    private AttachWire() {}

    /** What an attached client sends: keys, or its window's size. */
    public sealed interface Input permits Keys, WindowSize {}

    public record Keys(byte[] bytes) implements Input {}

    public record WindowSize(int rows, int columns) implements Input {}

    public static String render(Input in) {
        if (in instanceof Keys k) return "{\"" + IN + "\":\"" + Base64.getEncoder().encodeToString(k.bytes()) + "\"}";
        WindowSize w = (WindowSize) in;
        return "{\"" + ROWS + "\":" + w.rows() + ",\"" + COLS + "\":" + w.columns() + "}";
    }

    /** The supervisor's reading of an attached client's line. */
    static Input parse(String line) throws Protocol.BadRequest {
        Config c = Protocol.parseObject(line);
        if (c.hasPath(IN)) {
            try {
                return new Keys(Base64.getDecoder().decode(Protocol.string(c, IN).orElse("")));
            } catch (IllegalArgumentException e) {
                throw new Protocol.BadRequest("\"" + IN + "\" is not base64");
            }
        }
        if (c.hasPath(ROWS) && c.hasPath(COLS)) {
            try {
                return new WindowSize(c.getInt(ROWS), c.getInt(COLS));
            } catch (ConfigException e) {
                throw new Protocol.BadRequest("\"" + ROWS + "\" and \"" + COLS + "\" must be numbers");
            }
        }
        throw new Protocol.BadRequest("an attached client sends {\"" + IN + "\": …} or {\"" + ROWS + "\": …, \"" + COLS + "\": …}");
    }
}
