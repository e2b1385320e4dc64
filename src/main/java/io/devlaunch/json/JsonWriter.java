package io.devlaunch.json;

import java.util.Collection;
import java.util.Map;

/**
 * JSON written in the order it is given: objects keep the order their fields are written in, so
 * each record's shape and field order are defined once, where it is written ({@code status --json}
 * keeps PRODUCT.md's order). Commas and quoting are this class's; strings go through
 * {@link Json#quote}, which also keeps markup inert. Not thread-safe; one document per writer.
 */
public final class JsonWriter {
    private final StringBuilder sb;
    private final boolean pretty;
    private boolean needComma;
    private boolean empty;      // nothing written yet in the object or array just opened
    private int depth;

    public JsonWriter(StringBuilder sb) {
        this(sb, false);
    }

    public JsonWriter() {
        this(new StringBuilder(64), false);
    }

    /** @param pretty one value a line, indented by 4 (the records in .devlaunch/, which people read) */
    public JsonWriter(StringBuilder sb, boolean pretty) {
        this.sb = sb;
        this.pretty = pretty;
    }

    public JsonWriter beginObject() {
        return open('{');
    }

    public JsonWriter endObject() {
        return close('}');
    }

    public JsonWriter beginArray() {
        return open('[');
    }

    public JsonWriter endArray() {
        return close(']');
    }

    private JsonWriter open(char c) {
        comma();
        sb.append(c);
        needComma = false;
        empty = true;
        depth++;
        return this;
    }

    private JsonWriter close(char c) {
        depth--;
        if (pretty && !empty) newline();
        sb.append(c);
        needComma = true;
        empty = false;
        return this;
    }

    /** The next field's name; its value follows. */
    public JsonWriter name(String name) {
        comma();
        Json.quote(sb, name).append(pretty ? " : " : ":");
        needComma = false;
        afterName = true;
        return this;
    }

    public JsonWriter value(String s) {
        if (s == null) return raw("null");
        comma();
        Json.quote(sb, s);
        needComma = true;
        return this;
    }

    public JsonWriter value(boolean b) {
        return raw(b ? "true" : "false");
    }

    public JsonWriter value(long n) {
        return raw(Long.toString(n));
    }

    /** A value already written as JSON (a row rendered once and sent to many streams). */
    public JsonWriter raw(String json) {
        comma();
        sb.append(json);
        needComma = true;
        return this;
    }

    /**
     * Any of: null, a String, a Boolean, a Number (integral, as JSON has no other kind here), a Map
     * with String keys (written in its iteration order), a Collection.
     */
    public JsonWriter value(Object v) {
        if (v == null || v instanceof String) return value((String) v);
        if (v instanceof Boolean b) return value(b.booleanValue());
        if (v instanceof Number n) return value(n.longValue());
        if (v instanceof Map<?, ?> m) {
            beginObject();
            for (Map.Entry<?, ?> e : m.entrySet()) name((String) e.getKey()).value(e.getValue());
            return endObject();
        }
        if (v instanceof Collection<?> c) {
            beginArray();
            for (Object o : c) value(o);
            return endArray();
        }
        throw new IllegalArgumentException("no JSON form for " + v.getClass().getName());
    }

    /** A field: {@code name(n).value(v)}. */
    public JsonWriter field(String name, Object v) {
        return name(name).value(v);
    }

    public StringBuilder builder() {
        return sb;
    }

    @Override
    public String toString() {
        return sb.toString();
    }

    private boolean afterName;      // a value follows its name on the same line

    private void comma() {
        if (needComma) sb.append(',');
        if (pretty && depth > 0 && !afterName) newline();
        afterName = false;
        empty = false;
    }

    private void newline() {
        sb.append('\n');
        for (int i = 0; i < depth; i++) sb.append("    ");
    }
}
