package io.cscartxero.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class SandboxMainTest {

    @Test
    void parseOverridesDefaults() {
        SandboxSettings s = SandboxMain.parse(new String[] {"--port", "0", "--client-id", "id1", "--client-secret",
                "s1", "--tenant-id", "t1", "--minute-limit", "10"});
        assertThat(s.port()).isZero();
        assertThat(s.clientId()).isEqualTo("id1");
        assertThat(s.clientSecret()).isEqualTo("s1");
        assertThat(s.tenantId()).isEqualTo("t1");
        assertThat(s.tenantName()).isEqualTo("Sandbox Company (CS-Cart demo)");
        assertThat(s.minuteLimit()).isEqualTo(10);
        assertThat(s.minuteWindow()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void parseRejectsBadInput() {
        assertThatThrownBy(() -> SandboxMain.parse(new String[] {"--port"})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SandboxMain.parse(new String[] {"--port", "x"}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SandboxMain.parse(new String[] {"--colour", "red"}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void runPrintsEverythingNeededAndTheCodeWorks() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (XeroSandbox sandbox = SandboxMain.run(SandboxSettings.defaults().withPort(0)
                .withCredentials("cli-id", "cli-secret"), new PrintStream(buffer, true, StandardCharsets.UTF_8))) {
            String out = buffer.toString(StandardCharsets.UTF_8);
            assertThat(out).contains(sandbox.baseUrl()).contains(sandbox.apiUrl()).contains("cli-id")
                    .contains("cli-secret").contains(SandboxSettings.DEFAULT_TENANT_ID).contains("client_credentials")
                    .contains("Organisation   : base USD");
            Matcher m = Pattern.compile("Authorization code[^\\n]*\\n\\s+(\\S+)").matcher(out);
            assertThat(m.find()).isTrue();

            SandboxHttp http = new SandboxHttp(sandbox);
            SandboxHttp.Reply reply = http.token(Map.of("grant_type", "authorization_code", "code", m.group(1),
                    "redirect_uri", SandboxMain.EXAMPLE_REDIRECT_URI), SandboxHttp.basic("cli-id", "cli-secret"));
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().get("refresh_token").asString()).isNotBlank();
        }
    }
}
