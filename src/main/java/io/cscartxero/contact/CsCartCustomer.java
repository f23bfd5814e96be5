package io.cscartxero.contact;

/**
 * A CS-Cart customer ({@code users.user_type = 'C'}) with the billing and shipping halves of its main profile.
 * Text is as stored; {@code profile} values are empty strings when the customer has no main profile.
 */
public record CsCartCustomer(long userId, long companyId, String status, String email, String firstname,
        String lastname, String company, String phone, String fax, long registeredAt, PostalAddress billing,
        PostalAddress shipping) {

    public record PostalAddress(String firstname, String lastname, String address, String address2, String city,
            String state, String country, String zipcode, String phone) {
    }
}
