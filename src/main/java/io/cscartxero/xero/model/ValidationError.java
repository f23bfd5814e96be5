package io.cscartxero.xero.model;

public record ValidationError(String message) {
}
