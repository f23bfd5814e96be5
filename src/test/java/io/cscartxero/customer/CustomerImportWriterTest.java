package io.cscartxero.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.cscartxero.contact.ContactNames;
import io.cscartxero.cscart.CsCartProperties;
import io.cscartxero.cscart.CsCartSchema;
import io.cscartxero.sync.ConnectorDb;
import io.cscartxero.sync.SyncLink;
import io.cscartxero.testsupport.GeneratedCustomer;
import io.cscartxero.testsupport.StoreGenerator;
import io.cscartxero.testsupport.TestDatabase;
import io.cscartxero.testsupport.TestDatabases;
import io.cscartxero.xero.model.Contact;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The customer import's writer on a generated store (real MariaDB) and a real connector database, given its step
 * execution as an argument: a new contact becomes a customer, a contact with a customer's e-mail is linked to it, one
 * without an e-mail is refused into the error log; links commit with the chunk.
 */
class CustomerImportWriterTest {

    private TestDatabase store;
    private NamedParameterJdbcTemplate cscart;
    private List<GeneratedCustomer> customers;
    private final ConnectorDb db = new ConnectorDb();
    private final StepExecution step = MetaDataInstanceFactory.createStepExecution(
            MetaDataInstanceFactory.createJobExecution("customerImportJob", 1L, 71L), "customerImportStep", 5L);

    @BeforeEach
    void store() {
        store = TestDatabases.create("custimport");
        customers = StoreGenerator.populate(store.dataSource(), "cscart_", 20, 5);
        cscart = new NamedParameterJdbcTemplate(store.dataSource());
    }

    @AfterEach
    void drop() {
        store.drop();
    }

    private CustomerImportWriter writer() {
        CsCartProperties properties = new Binder(new MapConfigurationPropertySource(Map.of("cscart.table-prefix", "cscart_")))
                .bindOrCreate("cscart", CsCartProperties.class);
        return new CustomerImportWriter(new CsCartCustomerStore(cscart, properties, new CsCartSchema(cscart, properties), 1, () -> "en"),
                db.links, db.recorder, db.errorLog, ConnectorDb.TENANT, ContactNames.builder().build(), step);
    }

    private static CustomerImport contact(String id, String first, String last, String email) {
        return CustomerImport.from(Contact.request(id, "", first + " " + last, first, last, email, List.of(), List.of()));
    }

    private long users() {
        return cscart.getJdbcTemplate().queryForObject("SELECT COUNT(*) FROM cscart_users", Long.class);
    }

    /** A generated customer whose e-mail no other account has. */
    private GeneratedCustomer uniqueCustomer() {
        return customers.stream().filter(c -> c.email() != null && c.email().matches("[a-z0-9.]+@[a-z0-9.]+"))
                .filter(c -> cscart.getJdbcTemplate().queryForObject("SELECT COUNT(*) FROM cscart_users WHERE LOWER(email) = ?",
                        Long.class, c.email().toLowerCase()) == 1)
                .findFirst().orElseThrow();
    }

    @Test
    void newContactsBecomeCustomersMatchedOnesAreLinkedRefusedOnesLogged() {
        GeneratedCustomer existing = uniqueCustomer();
        long before = users();
        Chunk<CustomerImport> chunk = new Chunk<>(new ArrayList<>(List.of(
                contact("new-1", "Ann", "Newcomer", "ann.newcomer@example.com"),
                contact("match-2", existing.firstname(), existing.lastname(), existing.email().toUpperCase()),
                contact("noemail-3", "Bob", "Nomail", ""))));

        writer().write(chunk);

        assertThat(users()).as("one customer created, none for the match or the refusal").isEqualTo(before + 1);
        Long created = cscart.getJdbcTemplate().queryForObject("SELECT user_id FROM cscart_users WHERE email = ?", Long.class,
                "ann.newcomer@example.com");
        assertThat(cscart.getJdbcTemplate().queryForObject("SELECT user_type FROM cscart_users WHERE user_id = ?", String.class, created))
                .isEqualTo("C");

        Map<String, SyncLink> links = db.links("CONTACT");
        assertThat(links.get(Long.toString(created)).xeroId()).isEqualTo("new-1");
        assertThat(links.get(Long.toString(existing.userId())).xeroId()).isEqualTo("match-2");
        assertThat(links.get("xero:noemail-3").state()).isEqualTo(SyncLink.State.REJECTED);
        assertThat(db.linkExecution("CONTACT", Long.toString(created))).isEqualTo(71L);

        assertThat(chunk.getItems()).extracting(CustomerImport::contactId).containsExactly("new-1", "match-2");
        assertThat(step.getWriteSkipCount()).isEqualTo(1);
        assertThat(db.errors()).singleElement().satisfies(row -> {
            assertThat(row.jobName()).isEqualTo("customerImportJob");
            assertThat(row.stepName()).isEqualTo("customerImportStep");
            assertThat(row.cscartId()).isEqualTo("xero:noemail-3");
            assertThat(row.message()).contains("no email address");
        });
    }

    @Test
    void theSameChunkWrittenAgainCreatesNoSecondCustomer() {
        long before = users();
        writer().write(new Chunk<>(new ArrayList<>(List.of(contact("new-1", "Ann", "Newcomer", "ann.newcomer@example.com")))));
        writer().write(new Chunk<>(new ArrayList<>(List.of(contact("new-1", "Ann", "Newcomer", "ann.newcomer@example.com")))));
        assertThat(users()).isEqualTo(before + 1);
        assertThat(db.links("CONTACT")).hasSize(1);
        assertThat(db.errors()).isEmpty();
    }
}
