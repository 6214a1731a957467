package dev.cadence.importer;

import dev.cadence.error.CadenceException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Which column of a header feeds which contact field, resolved once per file from the header
 * and a {@link MappingSpec}. Precedence per field: explicit {@code field=Column}, then the
 * preset's spellings, then the generic spellings ({@link Presets}); a column feeds at most one
 * field. A full-name column is split into first and last name only when neither a first- nor
 * a last-name column is mapped. Every other column (except ignored ones) becomes a custom
 * field with a snake_case name; a CRM stage column is both a custom field and a stage source.
 * When the phone column was found by name and a mobile column exists too (HubSpot's
 * {@code Mobile Phone Number}, Salesforce's {@code Mobile}), the mobile column stays a custom
 * field and also stands in for an empty phone ({@link #mobileColumn()}). A header ending in
 * exactly {@code line} and {@code error} is a reject file imported again: those two columns
 * are ignored ({@link #dataColumns()}).
 */
public final class ColumnMapping {
    /**
     * Names a custom field may not take because contact fields or the template context use
     * them; a colliding column gets a {@code _2} suffix.
     */
    static final Set<String> RESERVED = Set.of("id", "email_norm", "phone_e164", "name", "full_name",
            "custom", "sender", "sequence", "step", "previous", "last_note", "unsubscribe_url", "today");

    /** How a column is used. */
    public enum Use { FIELD, FULL_NAME, CRM_STAGE, CUSTOM, IGNORED }

    /** One column of the header and what it feeds; {@code target} is a field key or custom-field name. */
    public record Column(int index, String header, Use use, String target) {}

    private final String source;
    private final List<String> header;
    private final Map<ContactField, Integer> fields;
    private final int fullName;
    private final int crmStage;
    private final List<Column> custom;
    private final List<Column> columns;
    private final Optional<String> preset;
    private final int mobile;
    private final int dataColumns;

    /** A second phone column whose value stands in for an empty phone (it stays a custom field too). */
    static final List<String> MOBILE = List.of("Mobile Phone Number", "Mobile Phone", "Mobile", "Mobile Number",
            "Cell Phone", "Cell", "Person - Phone - Mobile");

    private ColumnMapping(String source, List<String> header, Map<ContactField, Integer> fields, int fullName,
                          int crmStage, List<Column> custom, List<Column> columns, Optional<String> preset,
                          int mobile, int dataColumns) {
        this.mobile = mobile;
        this.dataColumns = dataColumns;
        this.source = source;
        this.header = header;
        this.fields = fields;
        this.fullName = fullName;
        this.crmStage = crmStage;
        this.custom = custom;
        this.columns = columns;
        this.preset = preset;
    }

    /**
     * Resolves the mapping of {@code header} (from file {@code source}, used in messages).
     * Throws {@link CadenceException} (exit 2) when no email column is found or an explicit
     * column is not in the header, naming the file and listing the headers found.
     */
    public static ColumnMapping resolve(List<String> header, MappingSpec spec, String source) {
        Presets.Aliases presetAliases = spec.preset().map(Presets.PRESETS::get).orElse(null);
        Map<ContactField, Integer> fields = new EnumMap<>(ContactField.class);
        Set<Integer> taken = new HashSet<>();
        Map<Integer, String> explicitBy = new LinkedHashMap<>();

        for (String ignored : spec.ignored()) {
            int i = findExplicit(header, ignored, source, "ignore");
            taken.add(i);
        }
        // a reject file imported again: its trailing line and error columns are not data
        int dataColumns = hasRejectColumns(header) ? header.size() - 2 : header.size();
        for (int i = dataColumns; i < header.size(); i++) taken.add(i);
        int fullName = -1;
        int crmStage = -1;
        for (Map.Entry<String, String> e : spec.explicit().entrySet()) {
            int i = findExplicit(header, e.getValue(), source, e.getKey());
            String earlier = explicitBy.put(i, e.getKey());
            if (earlier != null || taken.contains(i)) {
                throw CadenceException.invalid(source + ": column '" + header.get(i) + "' is mapped twice ("
                        + (earlier != null ? earlier : "ignore") + " and " + e.getKey() + ")");
            }
            taken.add(i);
            switch (e.getKey()) {
                case MappingSpec.FULL_NAME -> fullName = i;
                case MappingSpec.CRM_STAGE -> crmStage = i;
                default -> fields.put(ContactField.byKey(e.getKey()).orElseThrow(), i);
            }
        }

        for (ContactField f : ContactField.values()) {
            if (fields.containsKey(f)) continue;
            int i = -1;
            if (presetAliases != null) i = find(header, presetAliases.fields().getOrDefault(f, List.of()), taken);
            if (i < 0) i = find(header, Presets.GENERIC.fields().getOrDefault(f, List.of()), taken);
            if (i < 0) i = findWithoutPrefix(header, Presets.GENERIC.fields().getOrDefault(f, List.of()), taken);
            if (i >= 0) {
                fields.put(f, i);
                taken.add(i);
            }
        }
        if (fullName < 0 && !fields.containsKey(ContactField.FIRST_NAME) && !fields.containsKey(ContactField.LAST_NAME)) {
            if (presetAliases != null) fullName = find(header, presetAliases.fullName(), taken);
            if (fullName < 0) fullName = find(header, Presets.GENERIC.fullName(), taken);
            if (fullName >= 0) taken.add(fullName);
        }
        if (crmStage < 0 && !fields.containsKey(ContactField.STAGE)) {
            if (presetAliases != null) crmStage = find(header, presetAliases.crmStage(), taken);
            if (crmStage < 0) crmStage = find(header, Presets.GENERIC.crmStage(), taken);
        }

        if (!fields.containsKey(ContactField.EMAIL)) {
            throw CadenceException.invalid(source + ": no email column found; headers found: " + listHeaders(header)
                    + ". Name the email column with --map email=COLUMN");
        }

        // Phone + Mobile (HubSpot, Salesforce): a row without a phone takes its mobile number;
        // not when the user named the phone column (then that column is the phone)
        int mobile = -1;
        if (fields.containsKey(ContactField.PHONE) && !spec.explicit().containsKey(ContactField.PHONE.key())) {
            Set<Integer> notMobile = new HashSet<>(taken);
            if (crmStage >= 0) notMobile.add(crmStage);
            mobile = find(header, MOBILE, notMobile);
        }

        // custom fields: every column not used above, plus the CRM stage column
        Set<String> used = new HashSet<>(RESERVED);
        for (ContactField f : ContactField.values()) used.add(f.key());
        List<Column> custom = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        Map<Integer, ContactField> byIndex = new LinkedHashMap<>();
        fields.forEach((f, i) -> byIndex.put(i, f));
        Set<Integer> ignoredIdx = new HashSet<>();
        for (String ignored : spec.ignored()) ignoredIdx.add(findExplicit(header, ignored, source, "ignore"));
        for (int i = dataColumns; i < header.size(); i++) ignoredIdx.add(i);
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i);
            if (byIndex.containsKey(i)) {
                columns.add(new Column(i, h, Use.FIELD, byIndex.get(i).key()));
            } else if (i == fullName) {
                columns.add(new Column(i, h, Use.FULL_NAME, "first_name + last_name"));
            } else if (ignoredIdx.contains(i)) {
                columns.add(new Column(i, h, Use.IGNORED, ""));
            } else {
                String name = Headers.snakeCase(h);
                if (name.isEmpty()) name = "column_" + (i + 1);
                String unique = name;
                for (int n = 2; used.contains(unique); n++) unique = name + "_" + n;
                used.add(unique);
                Column c = new Column(i, h, i == crmStage ? Use.CRM_STAGE : Use.CUSTOM, unique);
                custom.add(c);
                columns.add(c);
            }
        }
        return new ColumnMapping(source, List.copyOf(header), Collections.unmodifiableMap(fields), fullName,
                crmStage, List.copyOf(custom), List.copyOf(columns), spec.preset(), mobile, dataColumns);
    }

    /** True when the header ends with exactly {@code line} and {@code error}: the columns a reject file adds. */
    static boolean hasRejectColumns(List<String> header) {
        int n = header.size();
        return n >= 3 && header.get(n - 2).equals("line") && header.get(n - 1).equals("error");
    }

    /**
     * The number of leading columns that are data: all of them, or all but the trailing
     * {@code line} and {@code error} of a reject file imported again (those are ignored).
     */
    public int dataColumns() {
        return dataColumns;
    }

    public String source() {
        return source;
    }

    public List<String> header() {
        return header;
    }

    public Optional<String> preset() {
        return preset;
    }

    /** The column index feeding {@code field}, if any. */
    public OptionalInt column(ContactField field) {
        Integer i = fields.get(field);
        return i == null ? OptionalInt.empty() : OptionalInt.of(i);
    }

    /** The full-name column split into first and last name, if used. */
    public OptionalInt fullNameColumn() {
        return fullName < 0 ? OptionalInt.empty() : OptionalInt.of(fullName);
    }

    /** The CRM stage column (also a custom field), if any. */
    public OptionalInt crmStageColumn() {
        return crmStage < 0 ? OptionalInt.empty() : OptionalInt.of(crmStage);
    }

    /**
     * A mobile column (custom field as well) whose value is the phone of a row whose phone
     * column is empty; present only when the phone column was found by name, not given.
     */
    public OptionalInt mobileColumn() {
        return mobile < 0 ? OptionalInt.empty() : OptionalInt.of(mobile);
    }

    /** The columns that become custom fields, in file order ({@code target} is the field name). */
    public List<Column> customColumns() {
        return custom;
    }

    /** Every column of the header and its use, in file order. */
    public List<Column> columns() {
        return columns;
    }

    /**
     * The mapping as text for {@code --dry-run}, one column a line:
     * <pre>
     * "E-mail Address"      -> email
     * "Annual Revenue ($)"  -> custom annual_revenue
     * </pre>
     */
    public String describe() {
        int width = 0;
        for (Column c : columns) width = Math.max(width, c.header().length() + 2);
        StringBuilder sb = new StringBuilder();
        sb.append("Column mapping for ").append(source)
                .append(preset.map(p -> " (preset " + p + ")").orElse("")).append(":\n");
        for (Column c : columns) {
            String quoted = '"' + c.header() + '"';
            sb.append("  ").append(quoted).append(" ".repeat(width - quoted.length())).append("  -> ");
            switch (c.use()) {
                case FIELD -> sb.append(c.target());
                case FULL_NAME -> sb.append("first_name + last_name (split)");
                case CRM_STAGE -> sb.append("custom ").append(c.target())
                        .append("; sets stage when the value names a workspace stage");
                case CUSTOM -> {
                    sb.append("custom ").append(c.target());
                    if (c.index() == mobile) sb.append("; also phone when the phone column is empty");
                }
                case IGNORED -> sb.append(c.index() >= dataColumns ? "(ignored: added by a reject file)" : "(ignored)");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static int find(List<String> header, List<String> aliases, Set<Integer> taken) {
        for (String alias : aliases) {
            String key = Headers.key(alias);
            for (int i = 0; i < header.size(); i++) {
                if (!taken.contains(i) && Headers.key(header.get(i)).equals(key)) return i;
            }
        }
        return -1;
    }

    /** {@code Contact Email}, {@code Person - Phone}: a generic spelling after a person prefix. */
    private static int findWithoutPrefix(List<String> header, List<String> aliases, Set<Integer> taken) {
        for (String alias : aliases) {
            String key = Headers.key(alias);
            for (int i = 0; i < header.size(); i++) {
                if (taken.contains(i)) continue;
                String h = Headers.key(header.get(i));
                for (String prefix : List.of("person", "contact", "lead")) {
                    if (h.startsWith(prefix) && h.substring(prefix.length()).equals(key)) return i;
                }
            }
        }
        return -1;
    }

    private static int findExplicit(List<String> header, String column, String source, String field) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).equals(column)) return i;
        }
        String key = Headers.key(column);
        for (int i = 0; i < header.size(); i++) {
            if (Headers.key(header.get(i)).equals(key)) return i;
        }
        throw CadenceException.invalid(source + ": column '" + column + "' (given for " + field
                + ") is not in the header; headers found: " + listHeaders(header));
    }

    private static String listHeaders(List<String> header) {
        if (header.isEmpty()) return "(none)";
        List<String> quoted = new ArrayList<>();
        for (String h : header) quoted.add("'" + h + "'");
        return String.join(", ", quoted);
    }
}
