package io.devlaunch.output;

/** The colours devlaunch uses: one per service, cycling, and a few for its own messages. */
public final class Palette {
    static final String RESET = "\u001b[0m";
    static final byte[] RESET_BYTES = RESET.getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    public enum Colour {
        CYAN("36"), MAGENTA("35"), YELLOW("33"), BLUE("34"), GREEN("32"), BRIGHT_CYAN("96"), BRIGHT_MAGENTA("95"),
        BRIGHT_YELLOW("93"), BRIGHT_BLUE("94"), RED("31"), BRIGHT_GREEN("92"), BOLD("1"), DIM("2"), BOLD_RED("1;31");

        private final String code;

        Colour(String code) {
            this.code = code;
        }

        String sgr() {
            return "\u001b[" + code + "m";
        }
    }

    private static final Colour[] SERVICE_COLOURS = {
        Colour.CYAN, Colour.MAGENTA, Colour.YELLOW, Colour.BLUE, Colour.GREEN,
        Colour.BRIGHT_CYAN, Colour.BRIGHT_MAGENTA, Colour.BRIGHT_YELLOW, Colour.BRIGHT_BLUE, Colour.BRIGHT_GREEN
    };

    private Palette() {}

    /** The colour of the service at {@code index} in start order. */
    public static Colour forService(int index) {
        return SERVICE_COLOURS[Math.floorMod(index, SERVICE_COLOURS.length)];
    }
}
