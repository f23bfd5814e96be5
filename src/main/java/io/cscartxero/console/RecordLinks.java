package io.cscartxero.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import io.cscartxero.cscart.CsCartProperties;

import org.springframework.stereotype.Component;

/**
 * Links from an error or a difference to the record it is about: in CS-Cart's admin panel when {@code cscart.admin-url}
 * is set (the admin script's address, e.g. {@code https://shop.example.com/admin.php}; stores often rename the script),
 * and in Xero through go.xero.com.
 * <p>
 * Xero: with {@code console.xero-short-code} the links name the organisation (the forms Xero's own MCP server builds:
 * {@code /app/<short code>/invoicing/view/<InvoiceID>}, {@code /app/<short code>/contacts/contact/<ContactID>}, and
 * {@code /organisationlogin/default.aspx?shortcode=…&redirecturl=…} for credit notes); without it the classic
 * addresses, which open in the organisation last used ({@code /AccountsReceivable/View.aspx?InvoiceID=},
 * {@code /Contacts/View/}, {@code /AccountsReceivable/ViewCreditNote.aspx?creditNoteID=}). Items and payments have no
 * documented deep link: none is made.
 */
@Component
@ConditionalOnConsole
public class RecordLinks {

    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,19}");
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final String admin;
    private final String shortCode;

    public RecordLinks(CsCartProperties cscart, ConsoleProperties console) {
        this.admin = adminScript(cscart.adminUrl());
        this.shortCode = console.xeroShortCode();
    }

    static String adminScript(String configured) {
        if (configured == null || configured.isBlank()) {
            return null;
        }
        String url = configured.strip();   // an http(s) address: checked by CsCartProperties
        if (url.contains("?")) {
            url = url.substring(0, url.indexOf('?'));
        }
        return url.endsWith(".php") ? url : (url.endsWith("/") ? url : url + "/") + "admin.php";
    }

    /** The record in CS-Cart's admin panel, or null. */
    public String cscart(String entity, String cscartId) {
        if (admin == null || entity == null || cscartId == null || !NUMBER.matcher(cscartId).matches()) {
            return null;
        }
        return switch (entity) {
            case "INVOICE", "PAYMENT", "CREDIT_NOTE", "ORDER" -> admin + "?dispatch=orders.details&order_id=" + cscartId;
            case "CONTACT", "CUSTOMER" -> admin + "?dispatch=profiles.update&user_id=" + cscartId;
            case "ITEM", "PRODUCT" -> admin + "?dispatch=products.update&product_id=" + cscartId;
            case "PAYMENT_METHOD" -> admin + "?dispatch=payments.update&payment_id=" + cscartId;
            default -> null;
        };
    }

    /** The record in Xero, or null. */
    public String xero(String entity, String xeroId) {
        if (entity == null || xeroId == null || !GUID.matcher(xeroId).matches()) {
            return null;
        }
        if (shortCode != null) {
            String code = URLEncoder.encode(shortCode, StandardCharsets.UTF_8);
            return switch (entity) {
                case "INVOICE" -> "https://go.xero.com/app/" + code + "/invoicing/view/" + xeroId;
                case "CONTACT" -> "https://go.xero.com/app/" + code + "/contacts/contact/" + xeroId;
                case "CREDIT_NOTE" -> "https://go.xero.com/organisationlogin/default.aspx?shortcode=" + code
                        + "&redirecturl=" + URLEncoder.encode("/AccountsReceivable/ViewCreditNote.aspx?creditNoteID=" + xeroId, StandardCharsets.UTF_8);
                default -> null;
            };
        }
        return switch (entity) {
            case "INVOICE" -> "https://go.xero.com/AccountsReceivable/View.aspx?InvoiceID=" + xeroId;
            case "CONTACT" -> "https://go.xero.com/Contacts/View/" + xeroId;
            case "CREDIT_NOTE" -> "https://go.xero.com/AccountsReceivable/ViewCreditNote.aspx?creditNoteID=" + xeroId;
            default -> null;
        };
    }
}
