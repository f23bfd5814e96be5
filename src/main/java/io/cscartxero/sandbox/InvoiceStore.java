package io.cscartxero.sandbox;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import io.cscartxero.sandbox.ContactJson.ContactInput;
import io.cscartxero.sandbox.InvoiceJson.ContactRef;
import io.cscartxero.sandbox.InvoiceJson.InvoiceInput;
import io.cscartxero.sandbox.InvoiceJson.LineInput;
import io.cscartxero.sandbox.OrgSettings.Account;
import io.cscartxero.sandbox.OrgSettings.TaxRate;
import io.cscartxero.sandbox.StoredInvoice.Line;
import io.cscartxero.sandbox.StoredInvoice.Payment;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The invoices and payments of one tenant (Xero's API docs: PUT vs POST, how updates match records; invoice and line item fields; rounding in Xero; invoice statuses and deleting/voiding; payments). Writes run element by element
 * under the tenant's ledger lock, each validated against everything saved before it.
 * <p>
 * Matching: PUT only creates. POST matches by InvoiceID (unknown → error), else by the InvoiceNumber of an ACCREC
 * invoice, else creates. Omitted elements keep their values. LineItems, when sent, replace the lines by the
 * LineItemID rules: a known LineItemID updates that line (its omitted elements are kept — unverified), a line
 * without (or with an unknown) LineItemID is new, and stored lines not sent are deleted.
 * <p>
 * Messages marked "Xero" come from Xero's spec, staff or docs; "3rd-party" from integrators' reports; the rest are
 * unverified wording.
 */
final class InvoiceStore {

    /** Xero (the summarizeErrors example in Xero's API docs). Types other than ACCREC and ACCPAY are not simulated. */
    static final String TYPE_INVALID = "Invoice not of valid type for creation";
    /** Unverified wording, modelled on the type message: PAID, VOIDED, DELETED cannot be created. */
    static final String STATUS_INVALID_FOR_CREATION = "Invoice not of valid status for creation";
    /** Xero staff (XeroAPI/Xero-NetStandard#79). */
    static final String STATUS_INVALID = "Invoice not of valid status for modification";
    /** Xero (Xero's API docs: invoice statuses and deleting/voiding). */
    static final String HAS_PAYMENTS = "This document cannot be edited as it has a payment or credit note allocated"
            + " to it.";
    /** Xero (spec example of GET /Invoices/{InvoiceID}). */
    static final String NUMBER_TAKEN = "Invoice # must be unique.";
    /** Unverified wording; the docs say "printable ASCII characters only". */
    static final String NUMBER_NOT_ASCII = "Invoice number must contain printable ASCII characters only.";
    /** Xero (spec example of PUT /BankTransactions); used for a missing or empty Contact (unverified there). */
    static final String CONTACT_REQUIRED = "The Contact must contain at least 1 of the following elements to identify"
            + " the contact: Name, ContactID, ContactNumber";
    /** Unverified wording. */
    static final String CONTACT_NOT_FOUND = "The contact with the specified contact details could not be found.";
    /** Xero (integrator help pages, Xero's API docs: invoice statuses and deleting/voiding). */
    static final String CONTACT_ARCHIVED = "The contact with the specified contact details has been archived. The"
            + " contact must be un-archived before creating new invoices or credit notes.";
    /** 3rd-party (benmccann/xero-java-client#5). */
    static final String NO_LINES = "One or more line items must be specified";
    /** A third-party page on Xero's pre-flight errors quotes "Organisation is not subscribed to currency"; the exact form is unverified. */
    static final String CURRENCY = "Organisation is not subscribed to currency %s";
    /** Unverified wording. */
    static final String LINE_AMOUNT_TYPES = "LineAmountTypes must be one of Exclusive, Inclusive, NoTax.";
    /** 3rd-party (integrators' reports); the spec only says "Description needs to be at least 1 char long". */
    static final String DESCRIPTION_REQUIRED = "The description field is mandatory for each line item.";
    /** 3rd-party (WorkGuru help). */
    static final String QUANTITY_NEGATIVE = "Quantity must not be less than zero.";
    /** 3rd-party (benedwards44/Apex-for-Xero#9, calcinai/xero-php#230): non-DRAFT lines need an account. */
    static final String ACCOUNT_REQUIRED = "Account code must be specified";
    /** Unverified wording. */
    static final String ITEM_INVALID = "Item code '%s' is not valid.";
    /** 3rd-party (XeroAPI/xero-php-oauth2#288). */
    static final String DISCOUNT_INVALID = "The discount rate '%s' is invalid. Discount must not be greater than the"
            + " line total.";
    /** Unverified wording; the spec says discounts are "only supported on ACCREC invoices". */
    static final String DISCOUNT_NOT_ACCREC = "Discounts are only supported on ACCREC invoices.";
    /** Unverified wording for the documented maximum. */
    static final String LINE_TOO_LARGE = "Line amount must not be more than 9,999,999,999.99";
    /** 3rd-party (XeroAPI/Xero-Java#353): what Xero says when a unitdp=4 line rounds below 0.01. */
    static final String ACCOUNT_MUST_BE_VALID = "Account must be valid.";
    static final String TAX_RATE_MUST_BE_VALID = "Tax rate must be valid.";
    /**
     * A TaxAmount outside 0 … LineAmount (the opposite sign, or more than the line). 3rd-party: Lightspeed's help page
     * "Xero Error: Tax amount must be between 0-1" (a negative tax on an untaxed line of 1.00) and Dext's "The tax
     * amount cannot be greater than the line amount", which Xero refuses through the API; exact wording unverified.
     */
    static final String TAX_AMOUNT_RANGE = "Tax amount must be between %s and %s";
    /**
     * A non-zero TaxAmount on a line whose tax rate is 0 % (or that has no tax rate). Wording from Xero's answer to an
     * overridden BankTransaction tax, "Tax amount 52.23 is incorrect for INPUT2 tax type, should be 52.28"
     * (XeroAPI/xero-node#768); that Xero refuses it on invoice lines of a 0 % rate is unverified.
     */
    static final String TAX_AMOUNT_ON_ZERO_RATE = "Tax amount %s is incorrect for %s tax type, should be 0.00";
    /** Unverified wording: PUT with the InvoiceID of an existing invoice. */
    static final String ID_EXISTS = "An invoice with InvoiceID %s already exists. Use POST to update an invoice.";
    static final String ID_NOT_FOUND = ItemStore.ID_NOT_FOUND;

    /** Xero (spec example of PUT /Payments). */
    static final String PAYMENT_EXCEEDS = "Payment amount exceeds the amount outstanding on this document";
    /** Xero (an error seen from Xero, wave2-facts "Payments"). */
    static final String PAYMENT_NOT_AUTHORISED = "Payments can only be made against Authorised documents";
    /** Unverified wording. */
    static final String PAYMENT_NO_DOCUMENT = "A payment must specify the Invoice it applies to.";
    /** Unverified wording. */
    static final String PAYMENT_NO_ACCOUNT = "A payment must specify the Account it is paid into.";
    /**
     * Xero (an error seen from Xero, wave2-facts "Payments"): an account that is neither BANK nor has
     * EnablePaymentsToAccount. Xero's text names no account.
     */
    static final String PAYMENT_ACCOUNT_TYPE = "Account type is invalid for making a payment to/from";
    /** Unverified wording. */
    static final String PAYMENT_AMOUNT = "Payment amount must be greater than zero.";
    /** Unverified wording: payments cannot be edited, only deleted (Xero staff, XeroAPI/xero-php-oauth2#91). */
    static final String PAYMENT_ONLY_DELETE = "A payment can only be updated to Status DELETED.";
    /** Unverified wording. */
    static final String PAYMENT_ALREADY_DELETED = "This payment has already been deleted.";

    static final Set<String> INVOICE_TYPES = Set.of("ACCREC", "ACCPAY");
    static final Set<String> CREDIT_TYPES = Set.of("ACCRECCREDIT", "ACCPAYCREDIT");
    /** Unverified wording, modelled on the invoice's. */
    static final String CREDIT_TYPE_INVALID = "Credit Note not of valid type for creation";
    /**
     * Allocations. Unverified wordings: Xero's docs say an allocation needs both documents AUTHORISED, the same
     * contact, and an amount no more than the credit's RemainingCredit and the invoice's AmountDue.
     */
    static final String ALLOCATION_EXCEEDS_CREDIT = "The amount allocated exceeds the remaining credit on this credit"
            + " note.";
    static final String ALLOCATION_EXCEEDS_DUE = "The amount allocated exceeds the amount due on the invoice.";
    static final String ALLOCATION_NOT_AUTHORISED = "Allocations can only be made on AUTHORISED documents.";
    static final String ALLOCATION_CONTACT = "The invoice and the credit note must be for the same contact.";
    static final String ALLOCATION_NO_INVOICE = "An allocation must specify the Invoice it applies to.";
    static final String ALLOCATION_AMOUNT = "Allocation amount must be greater than zero.";
    static final Set<String> LINE_AMOUNT_TYPE_VALUES = Set.of("Exclusive", "Inclusive", "NoTax");
    static final Set<String> STATUSES = Set.of("DRAFT", "SUBMITTED", "AUTHORISED", "DELETED", "VOIDED", "PAID");

    record Outcome(InvoiceInput input, StoredInvoice saved, StoredInvoice candidate, String invoiceId,
            List<String> errors) {
        boolean ok() {
            return errors.isEmpty();
        }
    }

    /** One payment element; references are null when not sent. */
    record PaymentInput(String invoiceId, String invoiceNumber, String accountId, String accountCode, LocalDate date,
            BigDecimal amount, String reference, Boolean isReconciled, String status, ObjectNode raw) {
    }

    record PaymentOutcome(PaymentInput input, Payment saved, List<String> errors) {
        boolean ok() {
            return errors.isEmpty();
        }
    }

    /**
     * Invoices or credit notes, as their reads and writes tell them apart: where they are kept, the type whose number
     * identifies one, how one is found by number, and the types that may be created.
     */
    private record Documents(Map<String, StoredInvoice> byId, String numberedType,
            Function<String, StoredInvoice> byNumber, Set<String> types, String typeInvalid) {
    }

    /** Errors and side effects collected while building one candidate invoice. */
    private static final class Work {
        final List<String> errors = new ArrayList<>();
        ContactRef contactToCreate;

        void error(String message) {
            errors.add(message);
        }
    }

    private final Object lock;
    private final SandboxClock clock;
    private final OrgSettings org;
    private final ContactStore contacts;
    private final ItemStore items;
    private final Map<String, StoredInvoice> invoices = new LinkedHashMap<>();
    // ACCREC numbers (trimmed, lower case) are unique: indexed so a 100,000-invoice back-fill does not scan per element
    private final Map<String, String> accrecIdsByNumber = new java.util.HashMap<>();
    private final Map<String, Payment> payments = new LinkedHashMap<>();
    /** Credit notes (see {@link StoredInvoice}), apart from invoices: GET /Invoices does not list them. */
    private final Map<String, StoredInvoice> credits = new LinkedHashMap<>();
    private final Map<String, Allocation> allocations = new LinkedHashMap<>();
    private final Map<String, Allocation> deletedAllocations = new LinkedHashMap<>();
    private final Documents invoiceDocuments = new Documents(invoices, "ACCREC", this::findAccrecByNumber,
            INVOICE_TYPES, TYPE_INVALID);
    private final Documents creditDocuments = new Documents(credits, "ACCRECCREDIT", this::findCreditByNumber,
            CREDIT_TYPES, CREDIT_TYPE_INVALID);
    private int nextCreditNumber = 1;
    private int nextNumber = 1;
    private Instant lastStamp = Instant.EPOCH;

    InvoiceStore(Object lock, SandboxClock clock, OrgSettings org, ContactStore contacts, ItemStore items) {
        this.lock = lock;
        this.clock = clock;
        this.org = org;
        this.contacts = contacts;
        this.items = items;
    }

    // ---- reads ----

    List<StoredInvoice> all() {
        return all(invoiceDocuments);
    }

    StoredInvoice find(String invoiceId) {
        return find(invoiceDocuments, invoiceId);
    }

    /** An ACCREC invoice by number, case-insensitively and trimmed. */
    StoredInvoice findAccrecByNumber(String number) {
        if (number == null) return null;
        String wanted = number.trim().toLowerCase(Locale.ROOT);
        synchronized (lock) {
            String id = accrecIdsByNumber.get(wanted);
            return id == null ? null : invoices.get(id);
        }
    }

    /** By InvoiceID when {@code idOrNumber} is a GUID, else by (ACCREC) InvoiceNumber. */
    StoredInvoice findByIdOrNumber(String idOrNumber) {
        return findByIdOrNumber(invoiceDocuments, idOrNumber);
    }

    private List<StoredInvoice> all(Documents documents) {
        synchronized (lock) {
            return new ArrayList<>(documents.byId().values());
        }
    }

    private StoredInvoice find(Documents documents, String id) {
        synchronized (lock) {
            return documents.byId().get(id);
        }
    }

    private StoredInvoice findByIdOrNumber(Documents documents, String idOrNumber) {
        return ContactJson.looksLikeGuid(idOrNumber) ? find(documents, ContactJson.guidOrNull(idOrNumber))
                : documents.byNumber().apply(idOrNumber);
    }

    List<Payment> paymentsOf(String invoiceId) {
        synchronized (lock) {
            return payments.values().stream().filter(p -> p.invoiceId().equals(invoiceId)).toList();
        }
    }

    List<Payment> allPayments() {
        synchronized (lock) {
            return new ArrayList<>(payments.values());
        }
    }

    Payment payment(String paymentId) {
        synchronized (lock) {
            return payments.get(paymentId);
        }
    }

    /** Whether a document that is not DELETED has a line with this item code. */
    boolean usesItem(String code) {
        String wanted = InvoiceJson.code(code);
        synchronized (lock) {
            return invoices.values().stream().filter(i -> !"DELETED".equals(i.status()))
                    .flatMap(i -> i.lines().stream()).anyMatch(l -> Objects.equals(InvoiceJson.code(l.itemCode()), wanted));
        }
    }

    void clear() {
        synchronized (lock) {
            invoices.clear();
            accrecIdsByNumber.clear();
            payments.clear();
            credits.clear();
            allocations.clear();
            deletedAllocations.clear();
            nextNumber = 1;
            nextCreditNumber = 1;
        }
    }

    // ---- invoice writes ----

    /** PUT creates; POST matches InvoiceID, else the InvoiceNumber of an ACCREC, else creates. */
    List<Outcome> write(boolean createOnly, List<InvoiceInput> inputs, String pathInvoiceId, String clientId,
            int unitDp) {
        return write(invoiceDocuments, createOnly, inputs, pathInvoiceId, clientId, unitDp);
    }

    private List<Outcome> write(Documents documents, boolean createOnly, List<InvoiceInput> inputs, String pathId,
            String clientId, int unitDp) {
        synchronized (lock) {
            List<Outcome> outcomes = new ArrayList<>();
            for (InvoiceInput in : inputs) outcomes.add(writeOne(documents, createOnly, in, pathId, clientId, unitDp));
            return outcomes;
        }
    }

    private Outcome writeOne(Documents documents, boolean createOnly, InvoiceInput in, String pathId, String clientId,
            int unitDp) {
        StoredInvoice existing = null;
        if (pathId != null) {
            existing = documents.byId().get(pathId);
        } else if (in.invoiceId() != null) {
            existing = documents.byId().get(in.invoiceId());
            if (createOnly && existing != null) return failed(in, null, String.format(ID_EXISTS, in.invoiceId()));
            if (!createOnly && existing == null) return failed(in, null, ID_NOT_FOUND);
        } else if (!createOnly && in.text("InvoiceNumber") != null
                && (in.text("Type") == null || documents.numberedType().equals(in.text("Type")))) {
            existing = documents.byNumber().apply(in.text("InvoiceNumber"));
        }
        return existing == null ? create(in, clientId, unitDp, documents.types(), documents.typeInvalid())
                : update(existing, in, unitDp);
    }

    private Outcome create(InvoiceInput in, String clientId, int unitDp, Set<String> types, String typeInvalid) {
        String type = in.text("Type");
        if (type == null || !types.contains(type)) return failed(in, null, typeInvalid);
        String status = in.text("Status") == null ? "DRAFT" : in.text("Status");
        if (!Set.of("DRAFT", "SUBMITTED", "AUTHORISED").contains(status)) {
            return failed(in, null, STATUS_INVALID_FOR_CREATION);
        }
        Work work = new Work();
        StoredInvoice candidate = build(null, in, type, status, clientId, unitDp, work);
        validate(candidate, null, unitDp, work);
        return save(in, candidate, null, work);
    }

    private Outcome update(StoredInvoice existing, InvoiceInput in, int unitDp) {
        String from = existing.status();
        String to = in.text("Status") == null ? from : in.text("Status");
        // voiding a (partly) paid invoice: "delete the payments first" (Xero's API docs: invoice statuses and deleting/voiding)
        if (to.equals("VOIDED") && existing.hasPayments()) return failed(in, existing.invoiceId(), HAS_PAYMENTS);
        if (!transitionAllowed(from, to)) return failed(in, existing.invoiceId(), STATUS_INVALID);
        if (to.equals("DELETED") || to.equals("VOIDED")) {
            // deleting or voiding changes nothing else (unverified: other sent elements are ignored)
            String locked = org.lockError(existing.date());
            if (locked != null) return failed(in, existing.invoiceId(), locked);
            StoredInvoice saved = existing.withStatus(to, nextStamp());
            save(saved);
            return new Outcome(in, saved, saved, saved.invoiceId(), List.of());
        }
        Work work = new Work();
        StoredInvoice candidate = build(existing, in, existing.type(), to, existing.createdByClientId(), unitDp, work);
        if (existing.hasPayments() && financialChange(existing, candidate)) {
            return new Outcome(in, null, candidate, existing.invoiceId(), List.of(HAS_PAYMENTS));
        }
        validate(candidate, existing, unitDp, work);
        return save(in, candidate, existing, work);
    }

    /**
     * Xero's invoice status table (API docs: invoice statuses and deleting/voiding): DRAFT and SUBMITTED move among DRAFT, SUBMITTED, AUTHORISED and
     * DELETED; AUTHORISED may stay or become VOIDED; PAID only stays PAID (edits of paid invoices); VOIDED and
     * DELETED are final. PAID is reached through payments only.
     */
    static boolean transitionAllowed(String from, String to) {
        if (!STATUSES.contains(to)) return false;
        return switch (from) {
            case "DRAFT", "SUBMITTED" -> Set.of("DRAFT", "SUBMITTED", "AUTHORISED", "DELETED").contains(to);
            case "AUTHORISED" -> to.equals("AUTHORISED") || to.equals("VOIDED");
            case "PAID" -> to.equals("PAID");
            default -> false;
        };
    }

    private Outcome save(InvoiceInput in, StoredInvoice candidate, StoredInvoice existing, Work work) {
        String id = existing == null ? null : existing.invoiceId();
        if (!work.errors.isEmpty()) return new Outcome(in, null, candidate, id, work.errors);
        String contactId = candidate.contactId();
        if (work.contactToCreate != null) {
            // "Posting an invoice with a new contact name creates a NEW contact" (Xero's API docs: PUT vs POST, how updates match records)
            ObjectNode element = XeroJson.object();
            element.put("Name", work.contactToCreate.name());
            if (work.contactToCreate.contactNumber() != null) {
                element.put("ContactNumber", work.contactToCreate.contactNumber());
            }
            ContactInput contactInput = ContactJson.parse(element);
            ContactStore.Outcome created = contacts.write(true, List.of(contactInput)).get(0);
            if (!created.ok()) return new Outcome(in, null, candidate, id, created.errors());
            contactId = created.saved().contactId();
        }
        String number = candidate.invoiceNumber();
        if (number == null && candidate.accrec()) number = nextInvoiceNumber();
        if (number == null && "ACCRECCREDIT".equals(candidate.type())) number = nextCreditNumber();
        StoredInvoice saved = candidate.withNumberAndContact(number, contactId, nextStamp());
        save(saved);
        return new Outcome(in, saved, saved, saved.invoiceId(), List.of());
    }

    /** The invoice as it would be after applying the input; problems go to {@code work}. */
    private StoredInvoice build(StoredInvoice base, InvoiceInput in, String type, String status, String clientId,
            int unitDp, Work work) {
        String contactId = base == null ? null : base.contactId();
        if (base == null || in.contact() != null) contactId = resolveContact(in.contact(), work);
        String number = in.has("InvoiceNumber") ? trimOrNull(in.text("InvoiceNumber"))
                : base == null ? null : base.invoiceNumber();
        String reference = in.has("Reference") ? in.text("Reference") : base == null ? null : base.reference();
        String lineAmountTypes = base == null ? "Exclusive" : base.lineAmountTypes();
        if (in.text("LineAmountTypes") != null) {
            String sent = LINE_AMOUNT_TYPE_VALUES.stream()
                    .filter(v -> v.equalsIgnoreCase(in.text("LineAmountTypes").trim())).findFirst().orElse(null);
            if (sent == null) work.error(LINE_AMOUNT_TYPES);
            else lineAmountTypes = sent;
        }
        String currency = in.text("CurrencyCode") != null ? in.text("CurrencyCode")
                : base == null ? org.baseCurrency() : base.currencyCode();
        BigDecimal rate = in.values().get("CurrencyRate") instanceof BigDecimal sent ? sent
                : base == null ? BigDecimal.ONE : base.currencyRate();
        // foreign currencies: the sent rate, else 1 (Xero would use the XE.com day rate; not simulated)
        if (currency.equals(org.baseCurrency())) rate = BigDecimal.ONE;
        LocalDate date = in.values().get("Date") instanceof LocalDate sent ? sent
                : base == null ? org.today() : base.date();
        LocalDate dueDate = in.has("DueDate") ? (LocalDate) in.values().get("DueDate")
                : base == null ? null : base.dueDate();

        List<Line> lines;
        if (in.lines() != null) {
            lines = mergeLines(base == null ? List.of() : base.lines(), in.lines(), type, lineAmountTypes, unitDp, work);
        } else if (base != null && !lineAmountTypes.equals(base.lineAmountTypes())) {
            String newTypes = lineAmountTypes;
            lines = base.lines().stream().map(l -> retax(l, newTypes)).toList();
        } else {
            lines = base == null ? List.of() : base.lines();
        }
        ObjectNode extras = base == null ? XeroJson.object() : base.extras().deepCopy();
        extras.setAll(in.extras());
        return new StoredInvoice(base == null ? XeroJson.newId() : base.invoiceId(), type, number, reference,
                contactId, status, lineAmountTypes, currency, rate, date, dueDate, lines,
                InvoiceMath.totals(lines, lineAmountTypes), base == null ? InvoiceMath.money(BigDecimal.ZERO)
                        : base.amountPaid(), base == null ? InvoiceMath.money(BigDecimal.ZERO) : base.amountCredited(),
                base == null ? null : base.fullyPaidOnDate(), extras, clientId,
                base == null ? Instant.EPOCH : base.updatedDateUtc());
    }

    /**
     * The contact named by the invoice: ContactID (must exist), else ContactNumber (must exist unless a Name is given
     * too), else Name among ACTIVE contacts. An unknown Name creates a contact when the invoice is saved. Other
     * contact elements are ignored (Xero would update the contact with them — not simulated).
     */
    private String resolveContact(ContactRef ref, Work work) {
        if (ref == null || (ref.contactId() == null && ref.contactNumber() == null && ref.name() == null)) {
            work.error(CONTACT_REQUIRED);
            return null;
        }
        StoredContact contact;
        if (ref.contactId() != null) {
            contact = contacts.find(ref.contactId());
        } else if (ref.contactNumber() != null) {
            contact = contacts.findByNumber(ref.contactNumber());
            if (contact == null && ref.name() != null) {
                work.contactToCreate = ref;
                return null;
            }
        } else {
            contact = contacts.findActiveByName(ref.name());
            if (contact == null) {
                work.contactToCreate = ref;
                return null;
            }
        }
        if (contact == null) {
            work.error(CONTACT_NOT_FOUND);
            return null;
        }
        if (!contact.active()) work.error(CONTACT_ARCHIVED); // ARCHIVED and GDPRREQUEST
        return contact.contactId();
    }

    private List<Line> mergeLines(List<Line> stored, List<LineInput> sent, String type, String lineAmountTypes,
            int unitDp, Work work) {
        Map<String, Line> byId = new HashMap<>();
        stored.forEach(l -> byId.put(l.lineItemId(), l));
        List<Line> lines = new ArrayList<>();
        for (LineInput in : sent) {
            Line base = in.lineItemId() == null ? null : byId.remove(in.lineItemId());
            lines.add(buildLine(base, in, type, lineAmountTypes, unitDp, work));
        }
        return lines;
    }

    /**
     * One line: the stored line (if any) with the sent elements applied, defaults from the item (ItemCode) and the
     * account (TaxType), amounts computed. A missing Quantity or UnitAmount is derived from a sent LineAmount, else
     * Quantity defaults to 1 and UnitAmount to 0 (unverified).
     */
    private Line buildLine(Line base, LineInput in, String type, String lineAmountTypes, int unitDp, Work work) {
        String itemCode = pick(in, "ItemCode", base == null ? null : base.itemCode());
        StoredItem item = items.findByCode(itemCode);
        if (item != null) itemCode = item.code();
        StoredItem.Details defaults = item == null ? StoredItem.Details.EMPTY
                : "ACCREC".equals(type) ? item.salesDetails() : item.purchaseDetails();
        String description = pick(in, "Description", base == null ? null : base.description());
        if (description == null && item != null) {
            description = "ACCREC".equals(type) ? item.description() : item.purchaseDescription();
        }
        String accountCode = pick(in, "AccountCode", base == null ? null : base.accountCode());
        if (in.get("AccountID") instanceof String accountId) {
            Account account = org.accountById(accountId);
            accountCode = account == null ? accountId : account.code(); // an unknown id fails the account check
        }
        if (accountCode == null) accountCode = defaults.accountCode();
        String taxType = pick(in, "TaxType", base == null ? null : base.taxType());
        Account account = org.account(accountCode);
        if (taxType == null) taxType = defaults.taxType();
        if (taxType == null && account != null) taxType = account.taxType();
        if (taxType == null && "NoTax".equals(lineAmountTypes)) taxType = "NONE";

        BigDecimal quantity = pick(in, "Quantity", base == null ? null : base.quantity());
        BigDecimal unitAmount = pick(in, "UnitAmount", base == null ? null : base.unitAmount());
        if (unitAmount == null && defaults.unitPrice() != null) {
            unitAmount = defaults.unitPrice().setScale(unitDp, RoundingMode.HALF_UP);
        }
        BigDecimal sentLineAmount = (BigDecimal) in.get("LineAmount");
        if (quantity == null && unitAmount == null && sentLineAmount != null) {
            quantity = BigDecimal.ONE;
            unitAmount = sentLineAmount.setScale(unitDp, RoundingMode.HALF_UP);
        } else {
            if (quantity == null) {
                quantity = unitAmount != null && unitAmount.signum() != 0 && sentLineAmount != null
                        ? sentLineAmount.divide(unitAmount, InvoiceMath.QUANTITY_DP, RoundingMode.HALF_UP)
                        : BigDecimal.ONE;
            }
            if (unitAmount == null) {
                unitAmount = quantity.signum() != 0 && sentLineAmount != null
                        ? sentLineAmount.divide(quantity, unitDp, RoundingMode.HALF_UP)
                        : BigDecimal.ZERO.setScale(unitDp);
            }
        }
        quantity = quantity.setScale(InvoiceMath.QUANTITY_DP, RoundingMode.HALF_UP);
        BigDecimal discountRate = pick(in, "DiscountRate", base == null ? null : base.discountRate());
        BigDecimal discountAmount = pick(in, "DiscountAmount", base == null ? null : base.discountAmount());
        BigDecimal lineAmount = InvoiceMath.lineAmount(quantity, unitAmount, discountRate, discountAmount);
        TaxRate rate = org.taxRate(taxType);
        BigDecimal tax = InvoiceMath.lineTax(lineAmount, rate == null ? null : rate.rate(), lineAmountTypes);
        if (in.get("TaxAmount") instanceof BigDecimal sentTax && !"NoTax".equals(lineAmountTypes)) {
            tax = overriddenTax(InvoiceMath.money(sentTax), lineAmount, rate, taxType, work);
        }
        // sent Tracking is resolved to the organisation's active categories and options (ids and names), else refused
        ArrayNode tracking = in.has("Tracking") ? org.tracking().resolve((ArrayNode) in.get("Tracking"), work.errors)
                : base == null ? null : base.tracking();
        return new Line(base == null ? XeroJson.newId() : base.lineItemId(), description, quantity, unitAmount,
                itemCode, accountCode, taxType, tax, lineAmount, discountRate, discountAmount, tracking);
    }

    /**
     * A sent TaxAmount (ACCREC and ACCPAY alike). The spec's LineItem.TaxAmount: "auto calculated as a percentage of
     * the line amount based on the tax rate. This value can be overriden if the calculated TaxAmount is not correct";
     * Xero's help ("Adjust the tax amount on unpaid transactions") lets invoices, bills and credit notes carry any
     * "non-standard amount", and XeroAPI/xero-node#768 reports that invoices accept it through the API (bank
     * transactions do not). So an override is kept whatever it differs by — Inclusive too (an API-created inclusive
     * invoice kept TaxAmount 0.99 where 10 % of 10.74 gives 0.98, 3rd-party Stack Overflow report; Xero's own screens
     * offer tax adjustments on tax-exclusive documents only and flag such inclusive invoices), and TotalTax is the sum
     * of the lines' tax. Rules:
     * <ul>
     * <li>NoTax invoices have no tax: a sent TaxAmount is ignored (unverified; the caller skips it);</li>
     * <li>more than 2 dp: rounded half-up to cents like every amount (unverified; Xero rounds a UnitAmount with more
     *     decimals than it accepts, Xero community manager on community.xero.com/developer/discussion/66891);</li>
     * <li>the opposite sign of the LineAmount, or more than it: refused, {@link #TAX_AMOUNT_RANGE};</li>
     * <li>a non-zero amount on a 0 % (or unknown) tax rate: refused, {@link #TAX_AMOUNT_ON_ZERO_RATE}.</li>
     * </ul>
     * Both refusals are ValidationErrors of the invoice element, like every line rule here.
     */
    private static BigDecimal overriddenTax(BigDecimal tax, BigDecimal lineAmount, TaxRate rate, String taxType,
            Work work) {
        BigDecimal low = lineAmount.min(BigDecimal.ZERO);
        BigDecimal high = lineAmount.max(BigDecimal.ZERO);
        if (tax.compareTo(low) < 0 || tax.compareTo(high) > 0) {
            work.error(String.format(TAX_AMOUNT_RANGE, InvoiceMath.money(low).toPlainString(),
                    InvoiceMath.money(high).toPlainString()));
        } else if (tax.signum() != 0 && (rate == null || rate.rate() == null || rate.rate().signum() == 0)) {
            work.error(String.format(TAX_AMOUNT_ON_ZERO_RATE, tax.toPlainString(), taxType == null ? "NONE" : taxType));
        }
        return tax;
    }

    /** A stored line with its tax recomputed for other LineAmountTypes. */
    private Line retax(Line l, String lineAmountTypes) {
        TaxRate rate = org.taxRate(l.taxType());
        BigDecimal tax = InvoiceMath.lineTax(l.lineAmount(), rate == null ? null : rate.rate(), lineAmountTypes);
        return new Line(l.lineItemId(), l.description(), l.quantity(), l.unitAmount(), l.itemCode(), l.accountCode(),
                l.taxType(), tax, l.lineAmount(), l.discountRate(), l.discountAmount(), l.tracking());
    }

    /** Element rules of the whole candidate (every line is checked, not only the sent ones). */
    private void validate(StoredInvoice c, StoredInvoice existing, int unitDp, Work work) {
        boolean draft = "DRAFT".equals(c.status());
        if (c.lines().isEmpty() && !draft) work.error(NO_LINES);
        for (Line l : c.lines()) validateLine(c, l, draft, unitDp, work);
        if (c.invoiceNumber() != null) {
            LedgerChecks.length(work.errors, "InvoiceNumber", c.invoiceNumber(), 255);
            if (!c.invoiceNumber().chars().allMatch(ch -> ch >= 0x20 && ch <= 0x7E)) work.error(NUMBER_NOT_ASCII);
            StoredInvoice clash = c.accrec() ? findAccrecByNumber(c.invoiceNumber()) : null;
            // numbers of voided and deleted invoices stay taken (unverified)
            if (clash != null && !clash.invoiceId().equals(c.invoiceId())) work.error(NUMBER_TAKEN);
        }
        LedgerChecks.length(work.errors, "Reference", c.reference(), 255);
        if (!org.subscribes(c.currencyCode())) work.error(String.format(CURRENCY, c.currencyCode()));
        String locked = org.lockError(c.date());
        if (locked == null && existing != null) locked = org.lockError(existing.date());
        if (locked != null) work.error(locked);
    }

    private void validateLine(StoredInvoice c, Line l, boolean draft, int unitDp, Work work) {
        if (l.description() == null && l.itemCode() == null) work.error(DESCRIPTION_REQUIRED);
        LedgerChecks.length(work.errors, "Description", l.description(), 4000);
        if (l.quantity().signum() < 0) work.error(QUANTITY_NEGATIVE);
        if ((l.discountRate() != null || l.discountAmount() != null) && !c.accrec()) work.error(DISCOUNT_NOT_ACCREC);
        if (l.discountRate() != null && (l.discountRate().signum() < 0
                || l.discountRate().compareTo(BigDecimal.valueOf(100)) > 0)) {
            work.error(String.format(DISCOUNT_INVALID, l.discountRate().toPlainString()));
        }
        if (l.lineAmount().abs().compareTo(new BigDecimal("9999999999.99")) > 0) work.error(LINE_TOO_LARGE);
        if (l.itemCode() != null && items.findByCode(l.itemCode()) == null) {
            work.error(String.format(ITEM_INVALID, l.itemCode()));
        }
        BigDecimal exact = InvoiceMath.exactLineAmount(l.quantity(), l.unitAmount(), l.discountRate(),
                l.discountAmount());
        if (unitDp == 4 && exact.signum() != 0 && l.lineAmount().signum() == 0) {
            // Xero's misleading answer for a 4 dp line that rounds below 0.01 (Xero's API docs: rounding in Xero)
            work.error(ACCOUNT_MUST_BE_VALID);
            work.error(TAX_RATE_MUST_BE_VALID);
            return;
        }
        if (l.accountCode() == null) {
            // drafts may leave the account open (XeroAPI/xero-node#398); zero lines need none (unverified)
            if (!draft && l.lineAmount().signum() != 0) work.error(ACCOUNT_REQUIRED);
            if (l.taxType() != null) LedgerChecks.tax(work.errors, org, l.taxType(), null);
            return;
        }
        Account account = LedgerChecks.lineAccount(work.errors, org, l.accountCode());
        if (account != null) LedgerChecks.tax(work.errors, org, l.taxType(), account);
    }

    /** What a paid invoice may not change: its date, currency, tax mode, or any line's amounts, tax or item. */
    private static boolean financialChange(StoredInvoice a, StoredInvoice b) {
        if (!a.date().equals(b.date()) || !a.currencyCode().equals(b.currencyCode())
                || !a.lineAmountTypes().equals(b.lineAmountTypes()) || a.lines().size() != b.lines().size()) {
            return true;
        }
        Map<String, Line> before = new HashMap<>();
        a.lines().forEach(l -> before.put(l.lineItemId(), l));
        for (Line after : b.lines()) {
            Line old = before.get(after.lineItemId());
            if (old == null || !sameNumber(old.quantity(), after.quantity())
                    || !sameNumber(old.unitAmount(), after.unitAmount())
                    || !sameNumber(old.lineAmount(), after.lineAmount())
                    || !sameNumber(old.taxAmount(), after.taxAmount())
                    || !sameNumber(old.discountRate(), after.discountRate())
                    || !sameNumber(old.discountAmount(), after.discountAmount())
                    || !Objects.equals(old.taxType(), after.taxType())
                    || !Objects.equals(InvoiceJson.code(old.itemCode()), InvoiceJson.code(after.itemCode()))) {
                return true;
            }
        }
        return false;
    }

    // ---- credit notes ----

    /** A credit note applied to an invoice. */
    record Allocation(String allocationId, String creditNoteId, String invoiceId, BigDecimal amount, LocalDate date,
            Instant updatedDateUtc) {
    }

    record AllocationInput(String invoiceId, String invoiceNumber, BigDecimal amount, LocalDate date, ObjectNode raw) {
    }

    record AllocationOutcome(AllocationInput input, Allocation saved, List<String> errors) {
        boolean ok() {
            return errors.isEmpty();
        }
    }

    List<StoredInvoice> allCredits() {
        return all(creditDocuments);
    }

    StoredInvoice findCredit(String creditNoteId) {
        return find(creditDocuments, creditNoteId);
    }

    /** A credit note by CreditNoteNumber (trimmed, case-insensitive); the first one created when several share it. */
    StoredInvoice findCreditByNumber(String number) {
        if (number == null) return null;
        String wanted = numberKey(number);
        synchronized (lock) {
            return credits.values().stream().filter(c -> c.invoiceNumber() != null
                    && numberKey(c.invoiceNumber()).equals(wanted)).findFirst().orElse(null);
        }
    }

    StoredInvoice findCreditByIdOrNumber(String idOrNumber) {
        return findByIdOrNumber(creditDocuments, idOrNumber);
    }

    List<Allocation> allocationsOf(String documentId) {
        synchronized (lock) {
            return allocations.values().stream()
                    .filter(a -> a.creditNoteId().equals(documentId) || a.invoiceId().equals(documentId)).toList();
        }
    }

    /**
     * Creates or updates credit notes like invoices (same line rules and arithmetic; discounts refused as on ACCPAY,
     * the spec: "credit notes in Xero do not support discounts"). PUT creates; POST matches CreditNoteID, else the
     * CreditNoteNumber of an ACCRECCREDIT, else creates.
     */
    List<Outcome> writeCredits(boolean createOnly, List<InvoiceInput> inputs, String pathId, String clientId,
            int unitDp) {
        return write(creditDocuments, createOnly, inputs, pathId, clientId, unitDp);
    }

    /** {@code PUT /CreditNotes/{id}/Allocations}: each allocation moves the invoice's AmountDue and the RemainingCredit. */
    List<AllocationOutcome> allocate(String creditNoteId, List<AllocationInput> inputs) {
        synchronized (lock) {
            List<AllocationOutcome> outcomes = new ArrayList<>();
            for (AllocationInput in : inputs) outcomes.add(allocateOne(credits.get(creditNoteId), in));
            return outcomes;
        }
    }

    private AllocationOutcome allocateOne(StoredInvoice credit, AllocationInput in) {
        List<String> errors = new ArrayList<>();
        StoredInvoice invoice = null;
        if (in.invoiceId() != null) {
            invoice = invoices.get(in.invoiceId());
            if (invoice == null) errors.add(ID_NOT_FOUND);
        } else if (in.invoiceNumber() != null) {
            invoice = findAccrecByNumber(in.invoiceNumber());
            if (invoice == null) errors.add(ID_NOT_FOUND);
        } else {
            errors.add(ALLOCATION_NO_INVOICE);
        }
        BigDecimal amount = in.amount() == null ? null : InvoiceMath.money(in.amount());
        if (amount == null || amount.signum() <= 0) errors.add(ALLOCATION_AMOUNT);
        LocalDate date = in.date() == null ? org.today() : in.date();
        String locked = org.lockError(date);
        if (locked != null) errors.add(locked);
        if (!"AUTHORISED".equals(credit.status())) errors.add(ALLOCATION_NOT_AUTHORISED);
        if (invoice != null) {
            if (!"AUTHORISED".equals(invoice.status())) {
                errors.add(ALLOCATION_NOT_AUTHORISED);
            } else if (amount != null && amount.compareTo(invoice.amountDue()) > 0) {
                errors.add(ALLOCATION_EXCEEDS_DUE);
            }
            if (!Objects.equals(invoice.contactId(), credit.contactId())) errors.add(ALLOCATION_CONTACT);
            if (invoice.accrec() != "ACCRECCREDIT".equals(credit.type())) errors.add(ALLOCATION_CONTACT);
        }
        if (amount != null && "AUTHORISED".equals(credit.status()) && amount.compareTo(credit.remainingCredit()) > 0) {
            errors.add(ALLOCATION_EXCEEDS_CREDIT);
        }
        if (!errors.isEmpty()) return new AllocationOutcome(in, null, errors.stream().distinct().toList());
        Instant stamp = nextStamp();
        Allocation allocation = new Allocation(XeroJson.newId(), credit.invoiceId(), invoice.invoiceId(), amount, date,
                stamp);
        allocations.put(allocation.allocationId(), allocation);
        refreshPaid(invoice, stamp);
        refreshCredit(credits.get(credit.invoiceId()), stamp);
        return new AllocationOutcome(in, allocation, List.of());
    }

    /** The outcome of deleting an allocation: the allocation, and Xero's refusal or null. */
    record AllocationDeletion(Allocation allocation, String error) {
    }

    /** Unverified wording: an allocation can be deleted once. */
    static final String ALLOCATION_ALREADY_DELETED = "This allocation has already been deleted.";

    /**
     * Deletes one allocation of this credit note (null when it has none with this id): the invoice and the credit
     * note are refreshed (AmountDue, RemainingCredit, PAID back to AUTHORISED). The deleted allocation no longer
     * counts and is no longer listed (Xero's documents list live allocations).
     */
    AllocationDeletion deleteAllocation(String creditNoteId, String allocationId) {
        synchronized (lock) {
            Allocation allocation = allocations.get(allocationId);
            if (allocation == null || !allocation.creditNoteId().equals(creditNoteId)) {
                Allocation gone = deletedAllocations.get(allocationId);
                return gone != null && gone.creditNoteId().equals(creditNoteId)
                        ? new AllocationDeletion(gone, ALLOCATION_ALREADY_DELETED) : null;
            }
            String locked = org.lockError(allocation.date());
            if (locked != null) return new AllocationDeletion(allocation, locked);
            allocations.remove(allocationId);
            deletedAllocations.put(allocationId, allocation);
            Instant stamp = nextStamp();
            StoredInvoice invoice = invoices.get(allocation.invoiceId());
            if (invoice != null) refreshPaid(invoice, stamp);
            refreshCredit(credits.get(creditNoteId), stamp);
            return new AllocationDeletion(allocation, null);
        }
    }

    /** A credit note's used amount (allocations and refund payments); fully used → PAID. */
    private void refreshCredit(StoredInvoice credit, Instant stamp) {
        BigDecimal used = allocations.values().stream().filter(a -> a.creditNoteId().equals(credit.invoiceId()))
                .map(Allocation::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        used = used.add(payments.values().stream().filter(p -> p.invoiceId().equals(credit.invoiceId())
                && p.authorised()).map(Payment::amount).reduce(BigDecimal.ZERO, BigDecimal::add));
        used = InvoiceMath.money(used);
        boolean full = used.compareTo(credit.totals().total()) >= 0 && used.signum() > 0;
        save(credit.withPayments(used, InvoiceMath.money(BigDecimal.ZERO), full ? "PAID" : "AUTHORISED",
                full ? org.today() : null, stamp));
    }

    /** The CreditNote element of a payment: CreditNoteID, else CreditNoteNumber. */
    private StoredInvoice creditNoteOf(tools.jackson.databind.JsonNode node) {
        String id = XeroInput.guid("CreditNoteID", node.get("CreditNoteID"));
        if (id != null) return credits.get(id);
        String number = XeroInput.text("CreditNoteNumber", node.get("CreditNoteNumber"));
        return number == null ? null : findCreditByNumber(number);
    }

    /** Payments of a credit note (refunds), like {@link #paymentsOf}. */
    boolean isCredit(String documentId) {
        synchronized (lock) {
            return credits.containsKey(documentId);
        }
    }

    private String nextCreditNumber() {
        while (true) {
            String candidate = String.format("CN-%04d", nextCreditNumber++);
            if (findCreditByNumber(candidate) == null) return candidate;
        }
    }

    // ---- payments ----

    List<PaymentOutcome> pay(List<PaymentInput> inputs) {
        synchronized (lock) {
            List<PaymentOutcome> outcomes = new ArrayList<>();
            for (PaymentInput input : inputs) outcomes.add(payOne(input));
            return outcomes;
        }
    }

    /**
     * Applies one payment to an AUTHORISED invoice (Xero's API docs: payments): the amount must not exceed AmountDue; the
     * account must be a BANK account or have EnablePaymentsToAccount. A fully paid invoice becomes PAID.
     */
    private PaymentOutcome payOne(PaymentInput in) {
        List<String> errors = new ArrayList<>();
        StoredInvoice invoice = null;
        if (in.invoiceId() != null) {
            invoice = invoices.get(in.invoiceId());
            if (invoice == null) errors.add(ID_NOT_FOUND);
        } else if (in.invoiceNumber() != null) {
            invoice = findAccrecByNumber(in.invoiceNumber());
            if (invoice == null) errors.add(ID_NOT_FOUND);
        } else if (in.raw().path("CreditNote").isObject()) {
            invoice = creditNoteOf(in.raw().get("CreditNote"));
            if (invoice == null) errors.add(ID_NOT_FOUND);
        } else {
            errors.add(PAYMENT_NO_DOCUMENT);
        }
        Account account = null;
        if (in.accountId() != null) {
            account = org.accountById(in.accountId());
            if (account == null) errors.add(String.format(LedgerChecks.ACCOUNT_INVALID, in.accountId()));
        } else if (in.accountCode() != null) {
            account = org.account(in.accountCode());
            if (account == null) errors.add(String.format(LedgerChecks.ACCOUNT_INVALID, in.accountCode()));
        } else {
            errors.add(PAYMENT_NO_ACCOUNT);
        }
        if (account != null && !account.active()) {
            errors.add(String.format(LedgerChecks.ACCOUNT_ARCHIVED, account.code()));
        } else if (account != null && !account.bank() && !account.enablePaymentsToAccount()) {
            errors.add(PAYMENT_ACCOUNT_TYPE);
        }
        BigDecimal amount = in.amount() == null ? null : InvoiceMath.money(in.amount());
        if (amount == null || amount.signum() <= 0) errors.add(PAYMENT_AMOUNT);
        LocalDate date = in.date() == null ? org.today() : in.date();
        String locked = org.lockError(date);
        if (locked != null) errors.add(locked);
        if (invoice != null) {
            if ("PAID".equals(invoice.status())) {
                errors.add(PAYMENT_EXCEEDS); // nothing outstanding
            } else if (!"AUTHORISED".equals(invoice.status())) {
                errors.add(PAYMENT_NOT_AUTHORISED);
            } else if (amount != null && amount.compareTo(invoice.creditNote() ? invoice.remainingCredit()
                    : invoice.amountDue()) > 0) {
                errors.add(PAYMENT_EXCEEDS);
            }
        }
        if (!errors.isEmpty()) return new PaymentOutcome(in, null, errors);

        Instant stamp = nextStamp();
        Payment payment = new Payment(XeroJson.newId(), invoice.invoiceId(), account.code(), date, amount,
                in.reference(), "AUTHORISED", Boolean.TRUE.equals(in.isReconciled()), stamp);
        payments.put(payment.paymentId(), payment);
        if (invoice.creditNote()) refreshCredit(invoice, stamp);
        else refreshPaid(invoice, stamp);
        return new PaymentOutcome(in, payment, List.of());
    }

    /** {@code POST /Payments/{PaymentID}} with Status DELETED: the invoice goes back to AUTHORISED. */
    PaymentOutcome deletePayment(String paymentId, PaymentInput in) {
        synchronized (lock) {
            Payment payment = payments.get(paymentId);
            if (!"DELETED".equals(in.status())) return new PaymentOutcome(in, null, List.of(PAYMENT_ONLY_DELETE));
            if (!payment.authorised()) return new PaymentOutcome(in, null, List.of(PAYMENT_ALREADY_DELETED));
            String locked = org.lockError(payment.date());
            if (locked != null) return new PaymentOutcome(in, null, List.of(locked));
            Instant stamp = nextStamp();
            Payment deleted = new Payment(payment.paymentId(), payment.invoiceId(), payment.accountCode(),
                    payment.date(), payment.amount(), payment.reference(), "DELETED", payment.isReconciled(), stamp);
            payments.put(paymentId, deleted);
            StoredInvoice credit = credits.get(payment.invoiceId());
            if (credit != null) refreshCredit(credit, stamp);
            else refreshPaid(invoices.get(payment.invoiceId()), stamp);
            return new PaymentOutcome(in, deleted, List.of());
        }
    }

    private void refreshPaid(StoredInvoice invoice, Instant stamp) {
        List<Payment> live = payments.values().stream()
                .filter(p -> p.invoiceId().equals(invoice.invoiceId()) && p.authorised()).toList();
        BigDecimal paid = InvoiceMath.money(live.stream().map(Payment::amount).reduce(BigDecimal.ZERO,
                BigDecimal::add));
        List<Allocation> credited = allocations.values().stream()
                .filter(a -> a.invoiceId().equals(invoice.invoiceId())).toList();
        BigDecimal credit = InvoiceMath.money(credited.stream().map(Allocation::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add));
        BigDecimal settled = paid.add(credit);
        boolean fullyPaid = settled.compareTo(invoice.totals().total()) >= 0 && settled.signum() > 0;
        LocalDate paidOn = fullyPaid ? java.util.stream.Stream.concat(live.stream().map(Payment::date),
                credited.stream().map(Allocation::date)).max(LocalDate::compareTo).orElse(null) : null;
        save(invoice.withPayments(paid, credit, fullyPaid ? "PAID" : "AUTHORISED", paidOn, stamp));
    }

    /**
     * Test only: sets an invoice's status whatever Xero's API would allow (someone breaking things behind the
     * connector's back, e.g. an approved invoice deleted); nothing else changes. False when there is no such invoice.
     */
    boolean forceStatus(String invoiceId, String status) {
        synchronized (lock) {
            StoredInvoice existing = invoices.get(invoiceId);
            if (existing == null) return false;
            save(existing.withStatus(status, nextStamp()));
            return true;
        }
    }

    private void save(StoredInvoice saved) {
        if (saved.creditNote()) {
            credits.put(saved.invoiceId(), saved);
            return;
        }
        StoredInvoice before = invoices.put(saved.invoiceId(), saved);
        if (before != null && before.accrec() && before.invoiceNumber() != null) {
            accrecIdsByNumber.remove(numberKey(before.invoiceNumber()), before.invoiceId());
        }
        if (saved.accrec() && saved.invoiceNumber() != null) {
            accrecIdsByNumber.putIfAbsent(numberKey(saved.invoiceNumber()), saved.invoiceId());
        }
    }

    private static String numberKey(String number) {
        return number.trim().toLowerCase(Locale.ROOT);
    }

    // ---- helpers ----

    private static Outcome failed(InvoiceInput in, String invoiceId, String message) {
        return new Outcome(in, null, null, invoiceId, List.of(message));
    }

    /** INV-0001, INV-0002, ... skipping numbers already in use. */
    private String nextInvoiceNumber() {
        while (true) {
            String candidate = String.format("INV-%04d", nextNumber++);
            if (findAccrecByNumber(candidate) == null) return candidate;
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T pick(LineInput in, String element, T stored) {
        return in.has(element) ? (T) in.get(element) : stored;
    }

    private static boolean sameNumber(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    private static String trimOrNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** Millisecond timestamps that strictly increase, so "modified since" and the default order are unambiguous. */
    private Instant nextStamp() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (!now.isAfter(lastStamp)) now = lastStamp.plusMillis(1);
        lastStamp = now;
        return now;
    }
}
