package dev.cadence.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadence.channel.CsvSafe;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class SmallPartsTest {

    @Test
    void csvSafePrefixesFormulaStarts() {
        assertThat(CsvSafe.cell("=1+1")).isEqualTo("'=1+1");
        assertThat(CsvSafe.cell("+33 1 42")).isEqualTo("'+33 1 42");
        assertThat(CsvSafe.cell("-5")).isEqualTo("'-5");
        assertThat(CsvSafe.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvSafe.cell("\tx")).isEqualTo("'\tx");
        assertThat(CsvSafe.cell("\rx")).isEqualTo("'\rx");
        assertThat(CsvSafe.cell("a=b")).isEqualTo("a=b");
        assertThat(CsvSafe.cell("")).isEmpty();
        assertThat(CsvSafe.cell(null)).isEmpty();
    }

    @Test
    void summaryRendersSnakeCaseJsonAndText() {
        ImportSummary s = new ImportSummary(10, 6, 2, 1, 1, 5, 1);
        assertThat(s.toJson()).isEqualTo(
                "{\"read\":10,\"created\":6,\"updated\":2,\"unchanged\":1,\"rejected\":1,\"enrolled\":5,\"refused\":1}");
        assertThat(s.toText()).isEqualTo("read 10, created 6, updated 2, unchanged 1, rejected 1, enrolled 5, refused 1");
        assertThat(s.partial()).isTrue();
        assertThat(new ImportSummary(3, 3, 0, 0, 0, 0, 0).partial()).isFalse();
        assertThat(new ImportSummary(3, 3, 0, 0, 0, 1, 2).partial()).as("refusals alone are not partial").isFalse();
    }

    @Test
    void customFieldsJsonRoundTrips() {
        String json = ContactRow.customToJson(java.util.Map.of("note", "Zoë \"Z\"\n王芳"));
        assertThat(ContactRow.customFromJson(json)).containsExactly(java.util.Map.entry("note", "Zoë \"Z\"\n王芳"));
        assertThat(ContactRow.customFromJson(null)).isEmpty();
    }

    @Test
    void emailSetIsExactAcrossGrowth() {
        EmailSet set = new EmailSet();
        for (int i = 0; i < 200_000; i++) assertThat(set.addIfAbsent("user" + i + "@example.com", i + 2)).isZero();
        assertThat(set.size()).isEqualTo(200_000);
        assertThat(set.addIfAbsent("user123@example.com", 999_999)).isEqualTo(125);
        assertThat(set.addIfAbsent("user199999@example.com", 999_999)).isEqualTo(200_001);
        assertThat(set.addIfAbsent("王芳@例子.中国", 5)).isZero();
        assertThat(set.addIfAbsent("王芳@例子.中国", 6)).isEqualTo(5);
        assertThat(set.addIfAbsent("user123@example.co", 7)).isZero();
    }

    @Test
    void phoneRegionsOfZones() {
        assertThat(PhoneRegions.forZone(ZoneId.of("Europe/Paris"))).hasValue("FR");
        assertThat(PhoneRegions.forZone("US/Eastern")).hasValue("US");
        assertThat(PhoneRegions.forZone("Asia/Kolkata")).hasValue("IN");
        assertThat(PhoneRegions.forZone("UTC")).isEmpty();
    }

    @Test
    void headerKeysAndSnakeCase() {
        assertThat(Headers.key("E-mail  Address")).isEqualTo("emailaddress");
        assertThat(Headers.snakeCase("Annual Revenue ($)")).isEqualTo("annual_revenue");
        assertThat(Headers.snakeCase("Société  Générale")).isEqualTo("societe_generale");
        assertThat(Headers.snakeCase("Łódź Office")).isEqualTo("lodz_office");
        assertThat(Headers.snakeCase("leadSourceID")).isEqualTo("lead_source_id");
        assertThat(Headers.snakeCase("$$$")).isEmpty();
    }
}
