package io.devlaunch.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The wire format: what each side writes, the other reads back, and what is refused before parsing. */
class ProtocolTest {
    @Test
    void requestsRoundTrip() throws Exception {
        Protocol.RestartRequest r = new Protocol.RestartRequest(List.of("web", "a \"quoted\"\\name"), true, false);
        assertEquals("{\"cmd\":\"restart\",\"services\":[\"web\",\"a \\\"quoted\\\"\\\\name\"],\"reset\":true,\"withDependents\":false}",
                Protocol.render(r));
        assertEquals(r, Protocol.parseRequest(Protocol.render(r)));
        assertEquals(new Protocol.Ping(), Protocol.parseRequest(Protocol.render(new Protocol.Ping())));
        assertEquals(new Protocol.RestartRequest(List.of(), false, false),
                Protocol.parseRequest("{\"cmd\":\"restart\",\"services\":[],\"later\":{\"field\":1}}"), "unknown fields are ignored");
    }

    @Test
    void stopAndStartRoundTripAndNeedAName() throws Exception {
        Protocol.StopRequest stop = new Protocol.StopRequest(List.of("web", "db"));
        assertEquals("{\"cmd\":\"stop\",\"services\":[\"web\",\"db\"]}", Protocol.render(stop));
        assertEquals(stop, Protocol.parseRequest(Protocol.render(stop)));
        Protocol.StartRequest start = new Protocol.StartRequest(List.of("web"));
        assertEquals("{\"cmd\":\"start\",\"services\":[\"web\"]}", Protocol.render(start));
        assertEquals(start, Protocol.parseRequest(Protocol.render(start)));
        assertEquals("request refused: \"start\" needs at least one service in \"services\"",
                assertThrows(Protocol.BadRequest.class, () -> Protocol.parseRequest("{\"cmd\":\"start\",\"services\":[]}")).getMessage());
        assertTrue(assertThrows(Protocol.BadRequest.class, () -> Protocol.parseRequest("{\"cmd\":\"stop\"}"))
                .getMessage().endsWith("\"services\" must be a list of service names"), "no \"[] for all\" for a stop");
    }

    @Test
    void repliesRoundTripWhateverALineContains() throws Exception {
        String nasty = "tab\there \"quotes\" back\\slash \u0001\u001b[31mred\u007f é 漢字 \uD83D\uDE00";
        String rendered = Protocol.render(new Protocol.Line(nasty));
        assertTrue(rendered.chars().noneMatch(c -> c < 0x20), "one line on the wire: " + rendered);
        assertEquals(new Protocol.Line(nasty), Protocol.parseReply(rendered));
        assertEquals(new Protocol.Done(false, "no\nway"), Protocol.parseReply(Protocol.render(new Protocol.Done(false, "no\nway"))));
        assertEquals("{\"alive\":true}", Protocol.render(new Protocol.Alive()));
        assertInstanceOf(Protocol.Alive.class, Protocol.parseReply("{\"alive\":true}"));
        assertInstanceOf(Protocol.Alive.class, Protocol.parseReply("{\"progress\":42}"), "a newer server's kind of reply is not an error");
    }

    @Test
    void anAttachStreamsAnyBytesBothWays() throws Exception {
        Protocol.AttachRequest r = new Protocol.AttachRequest("backend");
        assertEquals("{\"cmd\":\"attach\",\"service\":\"backend\"}", Protocol.render(r));
        assertEquals(r, Protocol.parseRequest(Protocol.render(r)));
        byte[] any = new byte[256];
        for (int i = 0; i < any.length; i++) any[i] = (byte) i;       // a terminal's bytes need not be UTF-8
        String out = Protocol.render(new Protocol.Output(any));
        assertTrue(out.chars().noneMatch(c -> c < 0x20 || c == '\n'), out);
        org.junit.jupiter.api.Assertions.assertArrayEquals(any, ((Protocol.Output) Protocol.parseReply(out)).bytes());
        AttachWire.Keys keys = (AttachWire.Keys) AttachWire.parse(AttachWire.render(new AttachWire.Keys(any)));
        org.junit.jupiter.api.Assertions.assertArrayEquals(any, keys.bytes());
        assertEquals(new AttachWire.WindowSize(40, 120), AttachWire.parse(AttachWire.render(new AttachWire.WindowSize(40, 120))));
        org.junit.jupiter.api.Assertions.assertThrows(Protocol.BadRequest.class, () -> AttachWire.parse("{\"in\":\"not base64!\"}"));
        org.junit.jupiter.api.Assertions.assertThrows(Protocol.BadRequest.class, () -> AttachWire.parse("{\"rows\":\"x\",\"cols\":1}"));
        org.junit.jupiter.api.Assertions.assertThrows(Protocol.BadRequest.class, () -> Protocol.parseRequest("{\"cmd\":\"attach\"}"));
    }

    @Test
    void nestingIsMeasuredWithoutRecursionAndStringsDoNotCount() {
        assertEquals(100_000, Protocol.nesting("[".repeat(100_000)));
        assertEquals(1, Protocol.nesting("{\"a\":\"[[[[{{{{\\\"[[[\"}"));
        assertEquals(3, Protocol.nesting("{\"a\":[{}],\"b\":[[]]}"));
    }

    @Test
    void refusalsSayWhatIsWrong() {
        assertEquals("request refused: nested 9 levels deep (a control message is a flat JSON object)",
                assertThrows(Protocol.BadRequest.class, () -> Protocol.parseRequest("[".repeat(9))).getMessage());
        assertEquals("request refused: not a JSON object ({\"cmd\": …})",
                assertThrows(Protocol.BadRequest.class, () -> Protocol.parseRequest("ping")).getMessage());
        assertTrue(assertThrows(Protocol.BadRequest.class, () -> Protocol.parseRequest("{\"cmd\":\"restart\",\"services\":[1]}"))
                .getMessage().endsWith("\"services\" must be a list of service names ([] for all)"));
        assertTrue(assertThrows(Protocol.BadRequest.class, () -> Protocol.parseRequest("{\"cmd\":\"restart\"}"))
                .getMessage().endsWith("\"services\" must be a list of service names ([] for all)"));
        assertTrue(assertThrows(Protocol.BadRequest.class, () -> Protocol.parseRequest("{\"cmd\":7}"))
                .getMessage().endsWith("\"cmd\" must be a string"));
        assertTrue(assertThrows(java.io.IOException.class, () -> Protocol.parseReply("garbage"))
                .getMessage().startsWith("the supervisor sent something that is not a control reply"));
    }
}
