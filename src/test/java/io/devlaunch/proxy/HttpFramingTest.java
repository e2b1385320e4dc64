package io.devlaunch.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Where HTTP/1.x exchanges begin and end, as the proxy reads them from the bytes passing. Every
 * conversation is replayed cut at every byte (bytes arrive in any pieces) and at once, and must
 * give the same answer; "between" is asked only where the contract says a connection may be moved.
 */
class HttpFramingTest {
    /** A conversation: pieces in the order they pass, each from the client (">") or the service ("<"). */
    private record Step(boolean fromClient, String bytes) {}

    private static Step c(String s) {
        return new Step(true, s);
    }

    private static Step s(String s) {
        return new Step(false, s);
    }

    /** Replays {@code steps} cut into pieces of every size 1..n, and whole: betweenExchanges after each step. */
    private static List<Boolean> between(Step... steps) {
        List<Boolean> whole = replay(Integer.MAX_VALUE, steps);
        int longest = 0;
        for (Step st : steps) longest = Math.max(longest, st.bytes.length());
        for (int piece = 1; piece <= longest; piece++) assertEquals(whole, replay(piece, steps), "cut into pieces of " + piece);
        return whole;
    }

    private static List<Boolean> replay(int piece, Step... steps) {
        HttpFraming f = new HttpFraming();
        List<Boolean> out = new ArrayList<>();
        for (Step st : steps) {
            byte[] b = st.bytes.getBytes(StandardCharsets.ISO_8859_1);
            for (int from = 0; from < b.length; from += piece) {
                int to = (int) Math.min(b.length, (long) from + piece);
                // At an offset inside a bigger buffer, as a read leaves it: positions are absolute.
                ByteBuffer buf = ByteBuffer.allocateDirect(to - from + 7);
                buf.position(7);
                buf.put(b, from, to - from);
                if (st.fromClient) f.fromClient(buf, 7, buf.position());
                else f.fromService(buf, 7, buf.position());
            }
            out.add(f.betweenExchanges());
        }
        return out;
    }

    @Test
    void aGetAnsweredWithContentLengthEndsAtTheLastByteOfTheBody() {
        assertEquals(List.of(false, false, true, false, true),
                between(c("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), s("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhel"), s("lo"),
                        c("GET /2 HTTP/1.1\r\nHost: x\r\n\r\n"), s("HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n")));
    }

    @Test
    void chunkedBodiesWithExtensionsAndTrailersEndAtTheBlankLineAfterTheLastChunk() {
        assertEquals(List.of(false, false, false, true),
                between(c("POST /up HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\nwiki\r\n0\r\n\r\n"),
                        s("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n5\r\npedia\r\nA\r\n0123456789\r\n"),
                        s("0\r\nExpires: never\r\n"), s("\r\n")));
    }

    @Test
    void headAnswers204And304HaveNoBodyWhateverTheirHeadersSay() {
        assertEquals(List.of(false, true, false, true, false, true),
                between(c("HEAD / HTTP/1.1\r\n\r\n"), s("HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n"),
                        c("DELETE /x HTTP/1.1\r\n\r\n"), s("HTTP/1.1 204 No Content\r\n\r\n"),
                        c("GET / HTTP/1.1\r\nIf-None-Match: \"a\"\r\n\r\n"), s("HTTP/1.1 304 Not Modified\r\nContent-Length: 9\r\n\r\n")));
    }

    @Test
    void aHundredContinueIsNotTheAnswer() {
        assertEquals(List.of(false, false, false, true),
                between(c("PUT /f HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n"),
                        s("HTTP/1.1 100 Continue\r\n\r\n"), c("abc"), s("HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok")));
    }

    @Test
    void pipelinedRequestsAreBetweenOnlyOnceEveryOneIsAnswered() {
        assertEquals(List.of(false, false, true),
                between(c("GET /a HTTP/1.1\r\n\r\nHEAD /b HTTP/1.1\r\n\r\n"),
                        s("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\na"), s("HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n")));
    }

    @Test
    void aConnectionThatWillCloseIsNeverBetween() {
        assertEquals(List.of(false, false), between(c("GET / HTTP/1.1\r\nConnection: close\r\n\r\n"), s("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")));
        assertEquals(List.of(false, false), between(c("GET / HTTP/1.1\r\n\r\n"), s("HTTP/1.1 200 OK\r\nConnection: Close\r\n\r\n")));
        assertEquals(List.of(false, false), between(c("GET / HTTP/1.0\r\n\r\n"), s("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n")));
        assertEquals(List.of(false, false), between(c("GET / HTTP/1.1\r\n\r\n"), s("HTTP/1.1 200 OK\r\n\r\nbody until the end")));
        assertEquals(List.of(false, true),
                between(c("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"), s("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n")));
    }

    @Test
    void whatIsNotHttpIsPlainBytesFromItsFirstBytes() {
        HttpFraming redis = conversation(c("*1\r\n$4\r\nPING\r\n"));
        assertTrue(redis.opaque());
        HttpFraming smtp = conversation(s("220 mail.example.com ESMTP"));
        assertTrue(smtp.opaque(), "a server that speaks first");
        HttpFraming binary = conversation(c("\u0000\u0000\u0000\u0008\u0004\u00d2\u0016\u002f"));
        assertTrue(binary.opaque(), "postgres' SSLRequest");
        assertFalse(conversation(c("GET / HT")).opaque(), "a request line not finished yet may still be HTTP");
    }

    @Test
    void anUpgradeTo101MakesBothWaysPlainBytesAndAWebSocketsFramesAreFollowed() {
        HttpFraming ws = conversation(c("GET /ws HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"),
                s("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"));
        assertTrue(ws.opaque());
        assertFalse(ws.betweenExchanges());
        WebSocketFrames frames = ws.webSocket();
        assertNotNull(frames);
        assertTrue(frames.atBoundary());
        feed(ws, false, new byte[] {(byte) 0x81, 0x05, 'h', 'e'});
        assertFalse(frames.atBoundary(), "in the middle of a text frame");
        feed(ws, false, new byte[] {'l', 'l', 'o', (byte) 0x82, 126, 0x01});
        assertFalse(frames.atBoundary(), "in a 16-bit length");
        byte[] rest = new byte[1 + 256];
        feed(ws, false, rest);
        assertTrue(frames.atBoundary(), "after a 256-byte binary frame");
        assertArrayEquals(new byte[] {(byte) 0x88, 2, 0x03, (byte) 0xF4}, WebSocketFrames.CLOSE_SERVICE_RESTART, "1012 = 0x03F4");

        HttpFraming refused = conversation(c("GET /ws HTTP/1.1\r\nUpgrade: websocket\r\n\r\n"), s("HTTP/1.1 400 Bad\r\nContent-Length: 0\r\n\r\n"));
        assertNull(refused.webSocket());
        assertTrue(refused.betweenExchanges(), "an upgrade refused leaves plain HTTP");
    }

    @Test
    void aHeadTooLongForAnyServerIsPlainBytes() {
        String huge = "GET /" + "a".repeat(Http1Parser.MAX_LINE) + " HTTP/1.1\r\n\r\n";
        assertTrue(conversation(c(huge)).opaque());
    }

    private static HttpFraming conversation(Step... steps) {
        HttpFraming f = new HttpFraming();
        for (Step st : steps) feed(f, st.fromClient, st.bytes.getBytes(StandardCharsets.ISO_8859_1));
        return f;
    }

    private static void feed(HttpFraming f, boolean fromClient, byte[] b) {
        ByteBuffer buf = ByteBuffer.wrap(b);
        if (fromClient) f.fromClient(buf, 0, b.length);
        else f.fromService(buf, 0, b.length);
    }
}
