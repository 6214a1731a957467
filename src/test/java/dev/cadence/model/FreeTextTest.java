package dev.cadence.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FreeTextTest {
    @Test
    void keepsPrintableTextNewlinesAndTabsAndTrims() {
        assertThat(FreeText.check("note", "  Zoë 北京 👩‍💻\r\nline\ttwo \n", true)).isEqualTo("Zoë 北京 👩‍💻\nline\ttwo");
        assertThat(FreeText.check("reason", " on leave ", false)).isEqualTo("on leave");
    }

    @Test
    void refusesOtherControlCharactersNamingThemAndWhere() {
        assertThatThrownBy(() -> FreeText.check("note", "  ab\u0000c", true))
                .hasMessage("note: control character U+0000 at character 5 is not allowed (only newlines and tabs are)");
        assertThatThrownBy(() -> FreeText.check("note", "a\rb", true))
                .hasMessage("note: control character U+000D at character 2 is not allowed (only newlines and tabs are)");
        assertThatThrownBy(() -> FreeText.check("note", "\u001Fhidden", true))
                .hasMessageContaining("U+001F at character 1");
        assertThatThrownBy(() -> FreeText.check("note", "x\u0085y", true)).hasMessageContaining("U+0085");
        assertThatThrownBy(() -> FreeText.check("reason", "two\nlines", false))
                .hasMessage("reason: control character U+000A at character 4 is not allowed (it must be one line of text)");
    }

    @Test
    void refusesEmptyText() {
        assertThatThrownBy(() -> FreeText.check("note", null, true)).hasMessage("note is empty");
        assertThatThrownBy(() -> FreeText.check("note", " \n\t\u3000", true)).hasMessage("note is empty");
    }
}
