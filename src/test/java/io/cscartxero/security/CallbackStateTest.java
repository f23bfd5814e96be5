package io.cscartxero.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import io.cscartxero.sandbox.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Any web page can make the browser request connect's local callback address. Such a request without this attempt's
 * {@code state} is answered with a neutral page and ignored (a warning without its values is logged): connect keeps
 * waiting for Xero's real answer, and a forged code is never exchanged.
 */
@ExtendWith(OutputCaptureExtension.class)
class CallbackStateTest {

    private SecretFlows flows;

    @AfterEach
    void close() {
        if (flows != null) {
            flows.close();
        }
    }

    @Test
    void forgedCallbacksAreIgnoredAndTheRealAnswerStillConnects(CapturedOutput logs) throws Exception {
        flows = new SecretFlows(SecretsInLogsTest.KEY);
        SecretFlows.Running running = flows.new Running("connect");
        String consentUrl = running.awaitAuthorizeUrl();
        String state = SecretFlows.query(consentUrl).get("state");

        for (String forged : List.of("?code=forged-code-1&state=forged-state-1", "?code=forged-code-2",
                "?error=access_denied&state=forged-state-3", "?code=forged-code-4&state=" + state.substring(0, state.length() - 1))) {
            HttpResponse<String> answer = flows.get(flows.redirectUri + forged);
            assertThat(answer.statusCode()).isEqualTo(400);
            assertThat(answer.body()).contains("Nothing was done").doesNotContain(state).doesNotContain("forged")
                    .doesNotContainIgnoringCase("state");
        }
        assertThat(running.command.ended()).as("connect is still waiting").isFalse();

        HttpResponse<String> real = flows.get(flows.consentRedirect(consentUrl));
        assertThat(real.statusCode()).isEqualTo(200);
        assertThat(real.body()).contains("Xero granted access");
        SecretFlows.Result connect = running.finish();
        assertThat(connect.exit()).as(connect.out()).isZero();
        assertThat(connect.out()).contains("Connected to ");

        // only the real code was exchanged
        List<RecordedRequest> tokenCalls = flows.harness.sandbox.stats().requests().stream()
                .filter(r -> r.path().equals("/connect/token")).toList();
        assertThat(tokenCalls).hasSize(1);
        assertThat(SecretFlows.formValue(tokenCalls.get(0), "code")).doesNotStartWith("forged");
        // a warning per forged request, without the values it carried or ours
        assertThat(logs.getAll()).containsPattern("WARN .*Ignored a request to the connect callback address");
        assertThat(logs.getAll().split("Ignored a request to the connect callback address", -1)).hasSize(5);
        assertThat(logs.getAll()).doesNotContain("forged-code").doesNotContain("forged-state").doesNotContain(state);
    }
}
