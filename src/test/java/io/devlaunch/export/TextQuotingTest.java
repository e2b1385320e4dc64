package io.devlaunch.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextQuotingTest {
    @Test
    void yamlScalarsAreAlwaysDoubleQuotedWithEscapes() {
        assertEquals("\"no\"", YamlText.quote("no"));
        assertEquals("\"a \\\"b\\\" \\\\ c\"", YamlText.quote("a \"b\" \\ c"));
        assertEquals("\"x\\ny\\tz\\r\"", YamlText.quote("x\ny\tz\r"));
        assertEquals("\"\\u0007\\u2028\\u0085\"", YamlText.quote("\u0007\u2028\u0085"));
        assertEquals("\"héllo ✓\"", YamlText.quote("héllo ✓"));
        assertEquals("a b", YamlText.comment("a\r\nb"));
    }

    @Test
    void yamlCommentsHoldNoCharacterThatQuoteWouldEscape() {
        assertEquals("a b c d e f g \"\\", YamlText.comment("a\u0085b\u0007c\td\u2029e\ufefff\u001b\u009fg \"\\"));
        assertEquals("héllo ✓", YamlText.comment("héllo ✓"));
    }

    @Test
    void kubernetesCommentsAreOneLineEach() {
        KubernetesDocument d = new KubernetesDocument("Service", "api", List.of("A: was x\ny\u0085z\u0007", ""), "kind: Service\n");
        assertEquals("# A: was x y z \n#\nkind: Service\n", d.text());
    }

    @Test
    void systemdFreeTextIsOneLineWithSpecifiersDoubled() {
        assertEquals("50%% a b c d", SystemdText.text("50% a\nb\r\u0085c\u2028\u0001d"));
        assertEquals("a b", SystemdText.oneLine("a\r\nb"));
    }

    @Test
    void shellWordsSplitBackIntoTheSameWords() {
        assertEquals("python3 -m http.server", ShellWords.join(List.of("python3", "-m", "http.server")));
        assertEquals("echo 'a b' 'it'\\''s' '$HOME' ''", ShellWords.join(List.of("echo", "a b", "it's", "$HOME", "")));
    }

    @Test
    void systemdWordsEscapeSpecifiersVariablesAndQuotes() {
        assertEquals("/usr/bin/x", SystemdText.execWord("/usr/bin/x"));
        assertEquals("\"a b\"", SystemdText.execWord("a b"));
        assertEquals("\"100%%\"", SystemdText.execWord("100%"));
        assertEquals("\"$$HOME\"", SystemdText.execWord("$HOME"));
        assertEquals("\"\\\"\\\\\\n\\x01\"", SystemdText.execWord("\"\\\n\u0001"));
        assertEquals("\"A=1 %% $x\"", SystemdText.environment("A", "1 % $x"));
    }

    @Test
    void loopbackAddressesOfOtherServicesPortsBecomeTheirNames() {
        Map<Integer, String> owners = Map.of(5432, "db", 8000, "api");
        assertEquals("postgres://u:p@db:5432/x", LoopbackUrls.rewrite("postgres://u:p@localhost:5432/x", "api", owners));
        assertEquals("http://api:8000 http://api:8000/", LoopbackUrls.rewrite("http://127.0.0.1:8000 http://[::1]:8000/", "web", owners));
        assertEquals("db:5432", LoopbackUrls.rewrite("0.0.0.0:5432", "web", owners));
        assertEquals("http://127.0.0.1:8000", LoopbackUrls.rewrite("http://127.0.0.1:8000", "api", owners), "its own port");
        assertEquals("http://127.0.0.1:9999", LoopbackUrls.rewrite("http://127.0.0.1:9999", "api", owners), "nobody's port");
        assertEquals("http://my127.0.0.1:8000", LoopbackUrls.rewrite("http://my127.0.0.1:8000", "web", owners));
        assertEquals("http://127.0.0.1:80001", LoopbackUrls.rewrite("http://127.0.0.1:80001", "web", owners));
    }

    @Test
    void durationsInWholeSecondsOrMilliseconds() {
        assertEquals("60s", TimeSpans.of(java.time.Duration.ofMinutes(1)));
        assertEquals("1500ms", TimeSpans.of(java.time.Duration.ofMillis(1500)));
    }
}
