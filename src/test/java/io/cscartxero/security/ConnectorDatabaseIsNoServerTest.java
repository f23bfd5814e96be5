package io.cscartxero.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.cscartxero.testsupport.ConnectorHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 12: the default connector database (an H2 file) is not a network server. Before, its URL had
 * AUTO_SERVER=TRUE: while the connector ran, H2 listened on every interface (user sa, empty password), published the
 * port and access key in a world-readable data/*.lock.db, and a second process used that server. Now there is no
 * server and no lock file, and a second process on the same file is refused with one line that says why.
 */
class ConnectorDatabaseIsNoServerTest {

    @TempDir
    Path dir;

    private ConnectorHarness harness;

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void theDefaultH2FileStartsNoServerAndASecondProcessIsToldToUseMySql() throws Exception {
        Path data = dir.resolve("data");
        String url = SecurityFixture.defaultConnectorUrl(data);
        assertThat(url).doesNotContainIgnoringCase("AUTO_SERVER").doesNotContainIgnoringCase("TCP");
        harness = ConnectorHarness.start().set("spring.datasource.url", url);
        ConfigurableApplicationContext app = harness.startApp();
        assertThat(app.getBean(JdbcTemplate.class).queryForObject("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE", Long.class)).isZero();

        try (Stream<Path> files = Files.list(data)) {   // no lock file publishing a server's address and key
            assertThat(files.map(p -> p.getFileName().toString())).contains("cscart-xero.mv.db").noneMatch(n -> n.endsWith(".lock.db"));
        }
        // no listening socket appeared for the database (the sandbox's, in this JVM too, is on loopback)
        assertThat(SecurityFixture.listeningSocketsOfThisProcess()).allMatch(SecurityFixture.Listening::loopback);

        // a second process on the same file: exit 2, one line naming the reason and the way to share
        List<String> args = new ArrayList<>(List.of("status"));
        harness.properties().forEach((k, v) -> args.add("--" + k + "=" + v));
        Path log = dir.resolve("second.log");
        Process second = SecurityFixture.launch(log, args);
        assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(log);
        assertThat(second.exitValue()).as(output).isEqualTo(2);
        assertThat(output).contains("cscart-xero.mv.db is in use by another connector process")
                .contains("MySQL/MariaDB").contains("SPRING_DATASOURCE_URL").doesNotContain("\tat ");
    }
}
