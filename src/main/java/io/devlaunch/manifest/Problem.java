package io.devlaunch.manifest;

/** One thing wrong with a manifest: where, which key, and what to do about it. */
public record Problem(Location location, String message) {

    @Override
    public String toString() {
        return location + ": " + message;
    }
}
