package io.cscartxero.console;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the pages write times and numbers (the server's time zone, like the CLI). */
public final class ConsoleFormat {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private final ZoneId zone = ZoneId.systemDefault();

    public String time(Instant instant) {
        return instant == null ? "–" : TIME.format(instant.atZone(zone));
    }

    public String time(LocalDateTime time) {
        return time == null ? "–" : TIME.format(time);
    }

    public String zone() {
        return zone.getId();
    }

    public String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    public String money(java.math.BigDecimal amount) {
        return amount == null ? "–" : amount.toPlainString();
    }
}
