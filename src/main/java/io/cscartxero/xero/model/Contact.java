package io.cscartxero.xero.model;

import java.util.List;

/**
 * A Xero Contact as sent and as returned (Xero's PascalCase names come from {@link XeroJson}). Response-only
 * fields ({@code statusAttributeString}, {@code validationErrors}, {@code hasValidationErrors}) are null on requests.
 */
public record Contact(
        String contactID,
        String contactNumber,
        String contactStatus,
        String name,
        String firstName,
        String lastName,
        String emailAddress,
        List<Address> addresses,
        List<Phone> phones,
        String updatedDateUTC,
        String statusAttributeString,
        List<ValidationError> validationErrors,
        Boolean hasValidationErrors) {

    /** A contact to send: no response-only fields. */
    public static Contact request(String contactID, String contactNumber, String name, String firstName, String lastName,
            String emailAddress, List<Address> addresses, List<Phone> phones) {
        return new Contact(contactID, contactNumber, null, name, firstName, lastName, emailAddress, addresses, phones,
                null, null, null, null);
    }

    public Contact withContactID(String id) {
        return new Contact(id, contactNumber, contactStatus, name, firstName, lastName, emailAddress, addresses, phones,
                updatedDateUTC, statusAttributeString, validationErrors, hasValidationErrors);
    }

    public Contact withName(String newName) {
        return new Contact(contactID, contactNumber, contactStatus, newName, firstName, lastName, emailAddress, addresses,
                phones, updatedDateUTC, statusAttributeString, validationErrors, hasValidationErrors);
    }
}
