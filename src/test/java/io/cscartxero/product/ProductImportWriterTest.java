package io.cscartxero.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.cscartxero.cscart.CsCartProperties;
import io.cscartxero.cscart.CsCartSchema;
import io.cscartxero.sync.ConnectorDb;
import io.cscartxero.sync.InvalidRecordException;
import io.cscartxero.sync.SyncLink;
import io.cscartxero.testsupport.StoreGenerator;
import io.cscartxero.testsupport.TestDatabase;
import io.cscartxero.testsupport.TestDatabases;
import io.cscartxero.xero.BookkeepingProperties;
import io.cscartxero.xero.XeroProperties;
import io.cscartxero.xero.model.Item;

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
 * The product import's processor ({@link ProductImport#from}) and writer on a generated store (real MariaDB) and a
 * real connector database, the writer given its step execution as an argument.
 */
class ProductImportWriterTest {

    private TestDatabase store;
    private NamedParameterJdbcTemplate cscart;
    private final ConnectorDb db = new ConnectorDb();
    private final StepExecution step = MetaDataInstanceFactory.createStepExecution(
            MetaDataInstanceFactory.createJobExecution("productImportJob", 1L, 81L), "productImportStep", 6L);
    private final BookkeepingProperties bookkeeping = new Binder(new MapConfigurationPropertySource(Map.of("xero.revenue-account-code", "200")))
            .bindOrCreate("xero", XeroProperties.class).bookkeeping();

    @BeforeEach
    void store() {
        store = TestDatabases.create("prodimport");
        StoreGenerator.populateStore(store.dataSource(), "cscart_", 3, 20, 0, 9);
        cscart = new NamedParameterJdbcTemplate(store.dataSource());
    }

    @AfterEach
    void drop() {
        store.drop();
    }

    private ProductImportWriter writer(ProductImportWriter.Target target) {
        CsCartProperties properties = new Binder(new MapConfigurationPropertySource(Map.of("cscart.table-prefix", "cscart_", "cscart.language", "en")))
                .bindOrCreate("cscart", CsCartProperties.class);
        return new ProductImportWriter(new CsCartProductStore(cscart, properties, new CsCartSchema(cscart, properties)), db.links,
                db.recorder, db.errorLog, ConnectorDb.TENANT, target, bookkeeping, id -> bookkeeping.revenueAccountCode(), step,
                db.txManager);
    }

    private static ProductImport item(String id, String code, String name, String price) {
        return ProductImport.from(Item.request(id, code, name, null, new Item.SalesDetails(new BigDecimal(price), "200", null)));
    }

    /** A product whose code no other product has. */
    private Map<String, Object> uniqueProduct() {
        return cscart.getJdbcTemplate().queryForList("SELECT MIN(product_id) AS product_id, product_code FROM cscart_products "
                + "WHERE product_code REGEXP '^[A-Za-z0-9-]+$' GROUP BY product_code HAVING COUNT(*) = 1 ORDER BY product_code LIMIT 1").get(0);
    }

    private long products() {
        return cscart.getJdbcTemplate().queryForObject("SELECT COUNT(*) FROM cscart_products", Long.class);
    }

    @Test
    void anItemWithoutACodeIsAnInvalidRecord() {
        assertThatThrownBy(() -> item("i-0", " ", "Nameless", "1.00")).isInstanceOf(InvalidRecordException.class)
                .satisfies(e -> assertThat(((InvalidRecordException) e).xeroId()).isEqualTo("i-0"));
    }

    @Test
    void withoutACategoryNewItemsAreLoggedAndSkippedMatchedOnesLinked() {
        Map<String, Object> existing = uniqueProduct();
        long before = products();
        Chunk<ProductImport> chunk = new Chunk<>(new ArrayList<>(List.of(item("i-1", "BRAND-NEW-1", "New thing", "5.00"),
                item("i-2", (String) existing.get("product_code"), "Matched", "7.00"))));

        writer(new ProductImportWriter.Target("D", null, null, false)).write(chunk);

        assertThat(products()).isEqualTo(before);
        assertThat(db.links("ITEM")).containsOnlyKeys(existing.get("product_id").toString());
        assertThat(db.links("ITEM").get(existing.get("product_id").toString()).xeroId()).isEqualTo("i-2");
        assertThat(chunk.getItems()).extracting(ProductImport::itemId).containsExactly("i-2");
        assertThat(step.getWriteSkipCount()).isEqualTo(1);
        assertThat(db.errors()).hasSize(2).allSatisfy(row -> {
            assertThat(row.jobExecutionId()).isEqualTo(81L);
            assertThat(row.stepName()).isEqualTo("productImportStep");
        });
        assertThat(db.errors()).anySatisfy(row -> {
            assertThat(row.cscartId()).isEqualTo("xero:i-1");
            assertThat(row.message()).contains("cscart.import.category-id");
        });
        assertThat(db.errors()).as("a warning that skips nothing: the matched product keeps its price").anySatisfy(row -> {
            assertThat(row.cscartId()).isEqualTo(existing.get("product_id").toString());
            assertThat(row.message()).contains("keeps its price");
        });
    }

    @Test
    void withACategoryANewItemBecomesADisabledProductInIt() {
        long before = products();
        Chunk<ProductImport> chunk = new Chunk<>(new ArrayList<>(List.of(item("i-1", "BRAND-NEW-1", "New thing", "5.00"))));

        writer(new ProductImportWriter.Target("D", 2L, 1L, false)).write(chunk);

        assertThat(products()).isEqualTo(before + 1);
        Map<String, Object> row = cscart.getJdbcTemplate().queryForMap(
                "SELECT product_id, status FROM cscart_products WHERE product_code = 'BRAND-NEW-1'");
        assertThat(row.get("status")).isEqualTo("D");
        assertThat(cscart.getJdbcTemplate().queryForObject("SELECT category_id FROM cscart_products_categories WHERE product_id = ?",
                Long.class, row.get("product_id"))).isEqualTo(2L);
        SyncLink link = db.links("ITEM").get(row.get("product_id").toString());
        assertThat(link.xeroId()).isEqualTo("i-1");
        assertThat(link.xeroKey()).isEqualTo("BRAND-NEW-1");
        assertThat(db.linkExecution("ITEM", row.get("product_id").toString())).isEqualTo(81L);
        assertThat(db.errors()).isEmpty();
    }

    /**
     * The crash window for products: the products a chunk inserted stay in CS-Cart (MyISAM) while the chunk rolls
     * back. Their links were committed on their own right after the rows: the restart updates them even when an
     * item's code was changed in Xero meanwhile; and a crash before those commits (links lost) is found by code.
     * No product is created twice.
     */
    @Test
    void productsCreatedByAChunkThatRolledBackAreNotCreatedTwice() {
        long before = products();
        List<ProductImport> items = List.of(item("i-1", "CRASH-NEW-1", "New thing", "5.00"), item("i-2", "crash-new-2", "Other thing", "7.50"));
        ProductImportWriter.Target target = new ProductImportWriter.Target("D", 2L, 1L, false);
        new org.springframework.transaction.support.TransactionTemplate(db.txManager).executeWithoutResult(tx -> {
            writer(target).write(new Chunk<>(new ArrayList<>(items)));
            tx.setRollbackOnly();   // the chunk does not commit
        });
        assertThat(products()).as("products created before the crash").isEqualTo(before + 2);
        Map<String, Long> created = new java.util.HashMap<>();
        for (ProductImport item : items) {
            created.put(item.itemId(), cscart.getJdbcTemplate().queryForObject("SELECT product_id FROM cscart_products WHERE product_code = ?",
                    Long.class, item.code()));
        }

        // i-1's code is changed in Xero before the restart
        writer(target).write(new Chunk<>(new ArrayList<>(List.of(item("i-1", "CRASH-RENAMED-1", "New thing", "5.00"), items.get(1)))));
        assertThat(products()).as("products after the restart: none created twice").isEqualTo(before + 2);
        assertLinked(created);

        // a crash before the links' own commits: found by code
        db.jdbc.update("DELETE FROM sync_link");
        writer(target).write(new Chunk<>(new ArrayList<>(List.of(items.get(1)))));
        assertThat(products()).as("products after a restart without links").isEqualTo(before + 2);
        assertThat(db.links("ITEM").get(created.get("i-2").toString()).xeroId()).isEqualTo("i-2");
        assertThat(db.errors()).isEmpty();
    }

    private void assertLinked(Map<String, Long> created) {
        Map<String, SyncLink> links = db.links("ITEM");
        created.forEach((itemId, productId) -> {
            assertThat(links.get(productId.toString()).xeroId()).as("link of %s", itemId).isEqualTo(itemId);
            assertThat(cscart.getJdbcTemplate().queryForObject("SELECT COUNT(*) FROM cscart_products_categories WHERE product_id = ?",
                    Long.class, productId)).as("category rows of %s", itemId).isEqualTo(1L);
        });
    }
}
