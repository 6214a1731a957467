package dev.cadence.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A validated contact ready to upsert, field names as the ledger's {@code contacts} columns.
 * Every optional field is {@code null} when absent (never an empty string); strings are
 * trimmed, names have their whitespace collapsed and keep their casing.
 *
 * @param line        physical line of the source row (0 when not from a file)
 * @param email       the address as given (trimmed), for display and sending
 * @param emailNorm   lower-cased local part and domain: the uniqueness key
 * @param phone       as given (trimmed)
 * @param phoneE164   {@code +15551234567} when it could be derived, else null
 * @param linkedin    {@code https://www.linkedin.com/in/handle}
 * @param timezone    a canonical IANA zone id
 * @param stage       a workspace stage name, or null
 * @param custom      custom fields by snake_case name, in column order; empty values left out
 */
public record ContactRow(
        long line,
        String email,
        String emailNorm,
        String firstName,
        String lastName,
        String company,
        String title,
        String phone,
        String phoneE164,
        String linkedin,
        String timezone,
        String owner,
        String stage,
        Map<String, String> custom) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ContactRow {
        custom = Collections.unmodifiableMap(new LinkedHashMap<>(custom));
    }

    /** This contact with {@code owner} and {@code stage} filled in where the row has none (for {@code --owner}, {@code --stage}). */
    public ContactRow withDefaults(String defaultOwner, String defaultStage) {
        if ((owner != null || defaultOwner == null) && (stage != null || defaultStage == null)) return this;
        return new ContactRow(line, email, emailNorm, firstName, lastName, company, title, phone, phoneE164,
                linkedin, timezone, owner != null ? owner : defaultOwner, stage != null ? stage : defaultStage, custom);
    }

    /** The custom fields as a JSON object (the ledger's {@code custom} column); {@code {}} when none. */
    public String customJson() {
        return customToJson(custom);
    }

    public static String customToJson(Map<String, String> custom) {
        try {
            return JSON.writeValueAsString(custom);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write custom fields as JSON", e);
        }
    }

    /** Reads a JSON object written by {@link #customJson()}; null or blank gives an empty map. */
    public static Map<String, String> customFromJson(String json) {
        if (json == null || json.isBlank()) return Map.of();
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("custom fields are not a JSON object of strings: " + e.getOriginalMessage(), e);
        }
    }
}
