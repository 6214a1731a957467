package dev.cadence.cli;

import dev.cadence.ledger.Contact;
import dev.cadence.ledger.Ledger;
import dev.cadence.ledger.SuppressionReason;
import dev.cadence.sequence.Fixture;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.Function;

/**
 * The fixture workspace (sequences {@code outbound}, exclusive, and {@code nurture}) with a real
 * SQLite ledger holding four contacts, created through the ledger API: Zoë (Paris, custom
 * industry), 李小龙 (Shanghai, custom city), Eve whose company, title, phone and a custom field
 * start like spreadsheet formulas, and an opted-out address. Commands run on 6 March 2026.
 */
final class ControlFixture {
    static final String AS_OF = "2026-03-06T14:00:00Z";
    static final Clock SETUP = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
    static final String EVIL_COMPANY = "=HYPERLINK(\"http://evil.example\",\"click\")";

    final Path ws;
    final Path db;
    final long zoe;
    final long li;
    final long eve;
    final long sup;

    ControlFixture(Path tmp) {
        ws = Fixture.workspace(tmp.resolve("ws"));
        db = ws.resolve("cadence.db");
        try (Ledger l = ledger()) {
            zoe = l.contacts().insert(Contact.builder("Zoe@Example.com").firstName("Zoë").lastName("Martin")
                    .company("Acme, Inc.").timezone("Europe/Paris").owner("ana").stage("new")
                    .custom("industry", "retail").build()).id();
            li = l.contacts().insert(Contact.builder("li@example.cn").firstName("小龙").lastName("李")
                    .company("北京科技").timezone("Asia/Shanghai").owner("kim").stage("new")
                    .custom("city", "北京").build()).id();
            eve = l.contacts().insert(Contact.builder("eve@evil.example").firstName("Eve").company(EVIL_COMPANY)
                    .title("-boss").phone("+1 555 0100").owner("ana").stage("qualified")
                    .custom("motto", "@SUM(A1)").custom("email", "other@evil.example").build()).id();
            sup = l.contacts().insert(Contact.builder("sup@example.com").firstName("Sue").owner("kim").build()).id();
            l.suppressions().add("sup@example.com", SuppressionReason.OPTOUT, "test");
        }
    }

    Ledger ledger() {
        return Ledger.open("jdbc:sqlite:" + db, SETUP);
    }

    <T> T read(Function<Ledger, T> f) {
        try (Ledger l = ledger()) {
            return f.apply(l);
        }
    }

    long count(String table) {
        return read(l -> l.jdbc().queryLong("SELECT COUNT(*) FROM " + table));
    }

    Cli.Result run(String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "-w";
        all[1] = ws.toString();
        all[2] = "--as-of";
        all[3] = AS_OF;
        System.arraycopy(args, 0, all, 4, args.length);
        return Cli.in(ws.getParent()).run(all);
    }
}
