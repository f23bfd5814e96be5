package io.cscartxero.xero.model;

public record Currency(String code, String description) {
}
