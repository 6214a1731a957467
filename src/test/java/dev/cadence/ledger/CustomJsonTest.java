package dev.cadence.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The bulk writer's JSON is exactly what ContactRepository.toJson (Jackson) writes. */
class CustomJsonTest {
    private final CustomJson json = new CustomJson();

    private void same(Map<String, String> m) {
        assertThat(json.write(m)).isEqualTo(ContactRepository.toJson(m));
    }

    @Test
    void emptyAndSimple() {
        same(Map.of());
        same(Map.of("industry", "Finance"));
        Map<String, String> m = new LinkedHashMap<>();
        m.put("industry", "Finance");
        m.put("annual_revenue", "1700000");
        m.put("notes", "Prefers \"email\", not C:\\phone\r\nline two\tand\u0000\u001f\u007f");
        m.put("name", "Дмитрий 王芳 é \uD83D\uDE00 \u2028");
        same(m);
        assertThat(json.write(m)).isEqualTo(ContactRepository.toJson(m)); // the builder is reused
    }

    @Test
    void everyCharacterOfTheBasicPlaneAsJacksonWritesIt() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0xFFFF; c++) all.append(c);
        for (int i = 0; i < all.length(); i += 4096) {
            String chunk = all.substring(i, Math.min(all.length(), i + 4096));
            same(Map.of("k" + chunk.substring(0, 10), chunk));
        }
    }

    @Test
    void randomMaps() {
        Random rnd = new Random(7);
        String alphabet = "ab\"\\\n\r\t\b\f\u0001\u001e é€😀,:{}[] ";
        for (int n = 0; n < 2_000; n++) {
            Map<String, String> m = new LinkedHashMap<>();
            int fields = rnd.nextInt(5);
            for (int f = 0; f < fields; f++) {
                StringBuilder k = new StringBuilder("f" + f);
                StringBuilder v = new StringBuilder();
                for (int i = rnd.nextInt(12); i > 0; i--) v.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
                if (rnd.nextInt(4) == 0) k.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
                m.put(k.toString(), v.toString());
            }
            same(m);
        }
    }
}
