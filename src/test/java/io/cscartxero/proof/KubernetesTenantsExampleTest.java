package io.cscartxero.proof;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * {@code jobs/k8s-tenants.yaml} parses, and says what its comments promise: six tenants with a storefront and a client
 * id each in the ConfigMap, their client secrets (and nothing else tenant-specific) in the Secret, three one-replica
 * Deployments that each {@code serve --tenant} a fixed pair, together every tenant exactly once, all on the same
 * ConfigMap and Secret (one connector database, one token key).
 */
class KubernetesTenantsExampleTest {

    static final Path FILE = Path.of("jobs/k8s-tenants.yaml");
    static final Pattern TENANT_KEY = Pattern.compile("TENANTS_([A-Z0-9]+)_(.+)");

    @Test
    @SuppressWarnings("unchecked")
    void sixTenantsThreeReplicasEachTenantOnceOneSharedDatabase() throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(Files.readString(FILE))) {
            if (doc != null) documents.add((Map<String, Object>) doc);
        }
        assertThat(documents).extracting(d -> d.get("kind"))
                .containsExactly("ConfigMap", "Secret", "Deployment", "Deployment", "Deployment");

        Map<String, String> config = (Map<String, String>) documents.get(0).get("data");
        Map<String, String> secret = (Map<String, String>) documents.get(1).get("stringData");
        Map<String, Set<String>> keysByTenant = new LinkedHashMap<>();
        config.forEach((k, v) -> {
            Matcher m = TENANT_KEY.matcher(k);
            if (m.matches()) keysByTenant.computeIfAbsent(m.group(1).toLowerCase(), t -> new TreeSet<>()).add(m.group(2));
        });
        assertThat(keysByTenant).hasSize(6);
        keysByTenant.values().forEach(keys -> assertThat(keys).contains("CSCART_STOREFRONTS", "XERO_CLIENTID"));
        assertThat(keysByTenant.keySet()).allMatch(name -> name.matches("[a-z0-9-]{1,32}"));
        // each storefront belongs to one tenant
        assertThat(config.entrySet().stream().filter(e -> e.getKey().endsWith("_CSCART_STOREFRONTS"))
                .map(Map.Entry::getValue).distinct().count()).isEqualTo(6);
        assertThat(config).containsKey("SPRING_DATASOURCE_URL").doesNotContainKey("XERO_CLIENT_SECRET");
        assertThat(config.keySet()).noneMatch(k -> k.contains("SECRET") || k.contains("PASSWORD"));
        for (String tenant : keysByTenant.keySet()) {
            assertThat(secret).containsKey("TENANTS_" + tenant.toUpperCase() + "_XERO_CLIENTSECRET");
        }
        assertThat(secret).containsKeys("XERO_TOKEN_ENCRYPTION_KEY", "SPRING_DATASOURCE_PASSWORD");

        List<String> served = new ArrayList<>();
        for (Map<String, Object> deployment : documents.subList(2, 5)) {
            Map<String, Object> spec = (Map<String, Object>) deployment.get("spec");
            assertThat(spec.get("replicas")).isEqualTo(1);
            assertThat(((Map<String, Object>) spec.get("strategy")).get("type")).isEqualTo("Recreate");
            Map<String, Object> pod = (Map<String, Object>) ((Map<String, Object>) spec.get("template")).get("spec");
            List<Map<String, Object>> containers = (List<Map<String, Object>>) pod.get("containers");
            assertThat(containers).hasSize(1);
            List<String> args = (List<String>) containers.get(0).get("args");
            assertThat(args).hasSize(3).startsWith("serve", "--tenant");
            List<String> pair = List.of(args.get(2).split(","));
            assertThat(pair).hasSize(2);
            served.addAll(pair);
            assertThat(containers.get(0).get("envFrom").toString())
                    .contains("configMapRef={name=cscart-xero-tenants}", "secretRef={name=cscart-xero-tenants}");
        }
        assertThat(served).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(keysByTenant.keySet());
    }
}
