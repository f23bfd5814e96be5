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
                db.links, db.recorder, db.errorLog, ConnectorDb.TENANT, ContactNames.builder().build(), step, db.txManager);
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

    /**
     * The crash window: CS-Cart (MyISAM) keeps the customers a chunk created while the chunk's transaction rolls back
     * (a crash, stop or failure after the writer ran and before the commit). The link of each created customer was
     * committed on its own right after the INSERT, so it survives; the restart updates the customer even when the
     * contact's e-mail was changed in Xero meanwhile (no e-mail match could find it then), and creates none twice.
     * A contact without e-mail was never created and is refused again.
     */
    @Test
    void customersCreatedByAChunkThatRolledBackKeepTheirLinksAndAreNotCreatedTwice() {
        long before = users();
        Map<String, Long> created = crashAfterWriting(before);

        // meanwhile Ann's e-mail is changed in Xero; the restart reads the contacts again
        Chunk<CustomerImport> restart = new Chunk<>(new ArrayList<>(List.of(contact("new-1", "Ann", "Newcomer", "ann.changed@example.com"),
                CRASH_CHUNK.get(1), CRASH_CHUNK.get(2))));
        writer().write(restart);

        assertThat(users()).as("customers after the restart: none created twice").isEqualTo(before + 2);
        assertLinked(created);
        assertThat(restart.getItems()).extracting(CustomerImport::contactId).containsExactly("new-1", "new-2");
    }

    /**
     * The rest of the window: a crash after the INSERT and before the link's own commit. The restart finds the
     * customer by its e-mail (inserted with the row) and links it; none is created twice, none for no e-mail.
     */
    @Test
    void aCustomerCreatedJustBeforeACrashThatLostItsLinkIsFoundByEmail() {
        long before = users();
        Map<String, Long> created = crashAfterWriting(before);
        db.jdbc.update("DELETE FROM sync_link");   // as if the crash came before the links' commits

        writer().write(new Chunk<>(new ArrayList<>(CRASH_CHUNK)));

        assertThat(users()).as("customers after the restart: none created twice").isEqualTo(before + 2);
        assertLinked(created);
    }

    /** The chunk of the crash-window tests: two new contacts and one without e-mail (refused). */
    private static final List<CustomerImport> CRASH_CHUNK = List.of(contact("new-1", "Ann", "Newcomer", "ann.newcomer@example.com"),
            contact("new-2", "Cy", "Upper", "Cy.Upper@Example.com"), contact("noemail-3", "Bob", "Nomail", ""));

    /** Writes {@link #CRASH_CHUNK} in a chunk transaction that rolls back; returns the customers created, by contact. */
    private Map<String, Long> crashAfterWriting(long before) {
        new org.springframework.transaction.support.TransactionTemplate(db.txManager).executeWithoutResult(tx -> {
            writer().write(new Chunk<>(new ArrayList<>(CRASH_CHUNK)));
            tx.setRollbackOnly();   // the chunk does not commit
        });
        assertThat(users()).as("customers created before the crash").isEqualTo(before + 2);
        return Map.of(
                "new-1", cscart.getJdbcTemplate().queryForObject("SELECT user_id FROM cscart_users WHERE email = 'ann.newcomer@example.com'", Long.class),
                "new-2", cscart.getJdbcTemplate().queryForObject("SELECT user_id FROM cscart_users WHERE email = 'Cy.Upper@Example.com'", Long.class));
    }

    private void assertLinked(Map<String, Long> created) {
        Map<String, SyncLink> links = db.links("CONTACT");
        created.forEach((contact, userId) -> assertThat(links.get(Long.toString(userId))).as("link of %s", contact)
                .satisfies(l -> {
                    assertThat(l.xeroId()).isEqualTo(contact);
                    assertThat(l.state()).isEqualTo(SyncLink.State.SYNCED);
                }));
        assertThat(links.get("xero:noemail-3").state()).isEqualTo(SyncLink.State.REJECTED);
        assertThat(cscart.getJdbcTemplate().queryForObject("SELECT COUNT(*) FROM cscart_users WHERE firstname = 'Bob' AND lastname = 'Nomail'",
                Long.class)).as("customers for the contact without e-mail").isZero();
        assertThat(cscart.getJdbcTemplate().queryForObject("SELECT COUNT(*) FROM cscart_user_profiles WHERE user_id IN (?, ?) AND profile_type = 'P'",
                Long.class, created.get("new-1"), created.get("new-2"))).as("main profiles: one each").isEqualTo(2L);
    }
}
