package io.cscartxero.xero.model;

/** Xero Phone; {@code phoneType} is DEFAULT, DDI, MOBILE, FAX or OFFICE. */
public record Phone(String phoneType, String phoneNumber) {
}
