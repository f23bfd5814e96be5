/**
 * End-to-end cases that cross features (customers and products both ways, the real CS-Cart demo store's first run).
 * Everything else is tested in the package of the code it tests; the bad-input ({@code badinput}), proof
 * ({@code proof}) and benchmark ({@code bench}) suites keep their own packages.
 */
package io.cscartxero.it;

