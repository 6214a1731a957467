package dev.cadence.importer;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import dev.cadence.error.CadenceException;
import java.net.IDN;
import java.text.Normalizer;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Turns a {@link CsvRow} into a {@link ContactRow} or a list of reasons to reject it. Pure,
 * immutable and thread-safe; one instance per file.
 *
 * <p>Rules: the row has as many cells as the header; email is required and pragmatic (one
 * {@code @}, non-empty local part, a domain with a dot, no spaces, international domains
 * allowed), {@code email_norm} is its lower-cased form; names, company, title and owner are
 * trimmed with inner whitespace collapsed, casing kept; time zones must be IANA names (case
 * does not matter; HubSpot's {@code america_slash_new_york} form is understood); a phone is
 * kept as given and its E.164 form derived when the number is valid, read in the country of
 * the contact's time zone, else in the default region (an unreadable phone is never a reject);
 * LinkedIn accepts profile URLs, {@code in/handle} or a bare handle and normalises to
 * {@code https://www.linkedin.com/in/handle} (any other value is kept as given, with a
 * warning: a lead is never lost over it); a {@code stage} column must name a workspace
 * stage, while a CRM stage column only sets the stage when it does. Control characters reject
 * a row: none at all in names and the email; in other contact fields tabs and line breaks are
 * collapsed into one space (a multi-line job title), in custom fields they are kept.
 */
public final class RowValidator {
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private final ColumnMapping mapping;
    private final Map<String, String> stages = new LinkedHashMap<>();
    private final String defaultRegion;
    private final int email, firstName, lastName, company, title, phone, linkedin, timezone, owner, stage;
    private final int fullName, crmStage, mobile;

    /**
     * @param stageNames    the workspace's stage names ({@code cadence.yaml} {@code stages})
     * @param defaultRegion region for phone numbers without a country code when the contact's
     *                      time zone gives none ({@code US}, {@code FR}); null for none, so only
     *                      {@code +}-prefixed numbers get an E.164 form
     */
    public RowValidator(ColumnMapping mapping, Collection<String> stageNames, String defaultRegion) {
        this.mapping = mapping;
        for (String s : stageNames) stages.put(s.toLowerCase(Locale.ROOT), s);
        if (defaultRegion != null && !PHONES.getSupportedRegions().contains(defaultRegion.toUpperCase(Locale.ROOT))) {
            throw CadenceException.invalid("unknown phone region '" + defaultRegion
                    + "': give an ISO 3166 country code such as US, GB or FR");
        }
        this.defaultRegion = defaultRegion == null ? null : defaultRegion.toUpperCase(Locale.ROOT);
        this.email = index(mapping.column(ContactField.EMAIL));
        this.firstName = index(mapping.column(ContactField.FIRST_NAME));
        this.lastName = index(mapping.column(ContactField.LAST_NAME));
        this.company = index(mapping.column(ContactField.COMPANY));
        this.title = index(mapping.column(ContactField.TITLE));
        this.phone = index(mapping.column(ContactField.PHONE));
        this.linkedin = index(mapping.column(ContactField.LINKEDIN));
        this.timezone = index(mapping.column(ContactField.TIMEZONE));
        this.owner = index(mapping.column(ContactField.OWNER));
        this.stage = index(mapping.column(ContactField.STAGE));
        this.fullName = index(mapping.fullNameColumn());
        this.crmStage = index(mapping.crmStageColumn());
        this.mobile = index(mapping.mobileColumn());
    }

    public ColumnMapping mapping() {
        return mapping;
    }

    /** Validates one row; duplicates are not looked at here (see {@link ContactReader}). */
    public RowResult validate(CsvRow row) {
        List<FieldError> errors = new ArrayList<>(2);
        int expected = mapping.header().size();
        if (row.size() != expected) {
            String hint = "";
            for (String f : row.fields()) {
                if (f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
                    hint = " (a quoted cell spans several lines: is a closing quote missing?)";
                    break;
                }
            }
            errors.add(new FieldError("columns", "expected " + expected + " cells as in the header, found "
                    + row.size() + hint));
            return new RowResult.Rejected(row, errors);
        }

        String rawEmail = cell(row, email);
        String emailValue = null, emailNorm = null;
        if (rawEmail == null) {
            errors.add(new FieldError("email", "missing"));
        } else {
            String problem = emailProblem(rawEmail);
            if (problem != null) {
                errors.add(new FieldError("email", notAnEmail(rawEmail, problem)));
            } else {
                emailValue = rawEmail;
                emailNorm = normaliseEmail(rawEmail);
            }
        }

        String first = name(row, firstName, "first_name", errors);
        String last = name(row, lastName, "last_name", errors);
        if (fullName >= 0) {
            String full = name(row, fullName, "name", errors);
            if (full != null) {
                String[] split = splitFullName(full);
                first = split[0];
                last = split[1];
            }
        }
        String companyValue = text(row, company, ContactField.COMPANY.key(), errors);
        String titleValue = text(row, title, ContactField.TITLE.key(), errors);
        String ownerValue = text(row, owner, ContactField.OWNER.key(), errors);

        String zone = null;
        String rawZone = text(row, timezone, ContactField.TIMEZONE.key(), errors);
        if (rawZone != null) {
            zone = TimeZones.canonical(rawZone);
            if (zone == null) errors.add(new FieldError("timezone", TimeZones.unknownMessage(rawZone)));
        }

        String phoneValue = text(row, phone, ContactField.PHONE.key(), errors);
        if (phoneValue == null && mobile >= 0 && cell(row, phone) == null) {
            String m = cell(row, mobile);
            // a control character in it rejects the row through its custom field below
            if (m != null && firstControl(m, true, true) < 0) phoneValue = collapse(m);
        }
        String e164 = null;
        if (phoneValue != null) {
            String region = zone == null ? defaultRegion : PhoneRegions.forZone(zone).orElse(defaultRegion);
            e164 = e164(phoneValue, region);
        }

        String linkedinValue = null;
        List<FieldError> warnings = List.of();
        String rawLinkedin = text(row, linkedin, ContactField.LINKEDIN.key(), errors);
        if (rawLinkedin != null) {
            linkedinValue = linkedInUrl(rawLinkedin);
            if (linkedinValue == null) {
                // never lose a lead over a secondary field: keep the value as given and say so
                linkedinValue = rawLinkedin;
                warnings = List.of(new FieldError("linkedin", "'" + printable(rawLinkedin)
                        + "' is not a LinkedIn profile URL (https://www.linkedin.com/in/HANDLE); kept as given"));
            }
        }

        String stageValue = null;
        String rawStage = text(row, stage, ContactField.STAGE.key(), errors);
        if (rawStage != null) {
            stageValue = stages.get(rawStage.toLowerCase(Locale.ROOT));
            if (stageValue == null) {
                errors.add(new FieldError("stage", "unknown stage '" + printable(rawStage) + "'; workspace stages: "
                        + String.join(", ", stages.values())));
            }
        }

        Map<String, String> custom = new LinkedHashMap<>();
        for (ColumnMapping.Column c : mapping.customColumns()) {
            String v = row.field(c.index()).strip();
            if (v.isEmpty()) continue;
            int bad = firstControl(v, true, true);
            if (bad >= 0) {
                errors.add(controlError(c.target(), bad));
                continue;
            }
            custom.put(c.target(), v);
            if (c.index() == crmStage && stageValue == null) {
                stageValue = stages.get(v.toLowerCase(Locale.ROOT));
            }
        }

        if (!errors.isEmpty()) return new RowResult.Rejected(row, errors);
        return new RowResult.Valid(new ContactRow(row.line(), emailValue, emailNorm, first, last, companyValue,
                titleValue, phoneValue, e164, linkedinValue, zone, ownerValue, stageValue, custom), 0, row, warnings);
    }

    // ---- cells

    private static int index(OptionalInt i) {
        return i.isPresent() ? i.getAsInt() : -1;
    }

    /** The trimmed cell, null when absent or blank. */
    private static String cell(CsvRow row, int index) {
        if (index < 0) return null;
        String v = row.field(index).strip();
        return v.isEmpty() ? null : v;
    }

    /** A name: no control character at all, inner whitespace collapsed. */
    private static String name(CsvRow row, int index, String field, List<FieldError> errors) {
        String v = cell(row, index);
        if (v == null) return null;
        int bad = firstControl(v, false, false);
        if (bad >= 0) {
            errors.add(controlError(field, bad));
            return null;
        }
        return collapse(v);
    }

    /**
     * Another (single-line) contact field: tabs and line breaks are collapsed with the other
     * whitespace into one space; other control characters (NUL, BEL, …) reject the row.
     */
    private static String text(CsvRow row, int index, String field, List<FieldError> errors) {
        String v = cell(row, index);
        if (v == null) return null;
        int bad = firstControl(v, true, true);
        if (bad >= 0) {
            errors.add(controlError(field, bad));
            return null;
        }
        return collapse(v);
    }

    private static int firstControl(String v, boolean allowTab, boolean allowLineBreaks) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c >= 0x20 && c < 0x7f) continue;
            if (Character.getType(c) != Character.CONTROL) continue;
            if (c == '\t' && allowTab) continue;
            if ((c == '\n' || c == '\r') && allowLineBreaks) continue;
            return c;
        }
        return -1;
    }

    private static FieldError controlError(String field, int c) {
        String what = switch (c) {
            case '\n' -> "a line break";
            case '\r' -> "a carriage return";
            case '\t' -> "a tab";
            case 0 -> "a NUL byte";
            default -> "a control character";
        };
        return new FieldError(field, String.format("contains %s (U+%04X)", what, c));
    }

    static String collapse(String v) {
        StringBuilder sb = null;
        boolean space = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            boolean ws = Character.isWhitespace(c) || c == '\u00A0';
            if (ws) {
                if (sb == null) {
                    if (c == ' ' && (i + 1 >= v.length() || !isSpace(v.charAt(i + 1)))) continue;
                    sb = new StringBuilder(v.length()).append(v, 0, i);
                }
                space = true;
            } else {
                if (sb != null) {
                    if (space && sb.length() > 0) sb.append(' ');
                    sb.append(c);
                }
                space = false;
            }
        }
        return sb == null ? v : sb.toString();
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || c == '\u00A0';
    }

    /** Prints a value inside a message with control characters made visible. */
    private static String printable(String v) {
        StringBuilder sb = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (Character.getType(c) == Character.CONTROL) sb.append(String.format("\\u%04X", (int) c));
            else sb.append(c);
        }
        return sb.length() > 120 ? sb.substring(0, 117) + "..." : sb.toString();
    }

    /** "Smith, Anna" → Anna / Smith; "Anna Maria de la Cruz" → Anna / Maria de la Cruz; "王芳" → 王芳 / null. */
    static String[] splitFullName(String full) {
        int comma = full.indexOf(',');
        if (comma >= 0) {
            String last = full.substring(0, comma).strip();
            String first = full.substring(comma + 1).strip();
            return new String[] {first.isEmpty() ? null : first, last.isEmpty() ? null : last};
        }
        int space = full.indexOf(' ');
        if (space < 0) return new String[] {full, null};
        return new String[] {full.substring(0, space), full.substring(space + 1)};
    }

    // ---- email

    /** {@code 'bob@' is not an email address: no domain after the @}: the reason of an email reject, everywhere. */
    static String notAnEmail(String raw, String problem) {
        return "'" + printable(raw) + "' is not an email address: " + problem;
    }

    /** Why {@code e} is not an address we can send to, or null when it is fine. */
    static String emailProblem(String e) {
        for (int i = 0; i < e.length(); i++) {
            char c = e.charAt(i);
            if (Character.getType(c) == Character.CONTROL && c != ' ' && c != '\t') {
                return c == '\n' || c == '\r' ? "it contains a line break" : "it contains a control character";
            }
            if (Character.isWhitespace(c) || c == '\u00A0') return "it contains a space";
        }
        int at = e.indexOf('@');
        if (at < 0) return "no @";
        if (e.indexOf('@', at + 1) >= 0) return "more than one @";
        String local = e.substring(0, at);
        String domain = e.substring(at + 1);
        if (local.isEmpty()) return "nothing before the @";
        if (domain.isEmpty()) return "no domain after the @";
        if (local.length() > 64) return "the part before the @ is longer than 64 characters";
        if (e.length() > 254) return "longer than 254 characters";
        if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) return "misplaced dot before the @";
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if ("(),:;<>[]\\\"".indexOf(c) >= 0) return "'" + c + "' is not allowed before the @";
        }
        if (domain.indexOf('.') < 0) return "the domain '" + domain + "' has no dot";
        if (domain.startsWith(".") || domain.endsWith(".") || domain.contains("..")) {
            return "the domain '" + domain + "' has a misplaced dot";
        }
        boolean ascii = true;
        // label by label (no dot at either end, no empty label: checked above), without split()
        for (int start = 0; start < domain.length(); ) {
            int end = domain.indexOf('.', start);
            if (end < 0) end = domain.length();
            if (domain.charAt(start) == '-' || domain.charAt(end - 1) == '-') {
                return "the domain '" + domain + "' is not valid";
            }
            for (int i = start; i < end; ) {
                int cp = domain.codePointAt(i);
                i += Character.charCount(cp);
                if (cp < 0x80) {
                    if (cp >= 'a' && cp <= 'z' || cp >= 'A' && cp <= 'Z' || cp >= '0' && cp <= '9' || cp == '-') continue;
                } else {
                    ascii = false;
                }
                if (!(Character.isLetterOrDigit(cp) || cp == '-' || Character.getType(cp) == Character.NON_SPACING_MARK
                        || Character.getType(cp) == Character.COMBINING_SPACING_MARK)) {
                    return "'" + new String(Character.toChars(cp)) + "' is not allowed in the domain";
                }
            }
            start = end + 1;
        }
        String tld = domain.substring(domain.lastIndexOf('.') + 1);
        if (tld.length() < 2) return "the domain '" + domain + "' does not end in a real top-level domain";
        if (!ascii) {
            try {
                IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED);
            } catch (IllegalArgumentException ex) {
                return "the international domain '" + domain + "' is not valid";
            }
        }
        return null;
    }

    /** The uniqueness key of a valid address: lower-cased (and NFC for non-ASCII). */
    static String normaliseEmail(String e) {
        String lower = e.toLowerCase(Locale.ROOT);
        for (int i = 0; i < lower.length(); i++) {
            if (lower.charAt(i) >= 0x80) return Normalizer.normalize(lower, Normalizer.Form.NFC);
        }
        return lower;
    }

    // ---- phone and LinkedIn

    /** E.164 form of a valid number, or null. {@code region} may be null (then only +numbers parse). */
    static String e164(String phone, String region) {
        try {
            Phonenumber.PhoneNumber n = PHONES.parse(dialable(phone), region == null ? "ZZ" : region);
            if (!PHONES.isValidNumber(n)) return null;
            return PHONES.format(n, PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            return null;
        }
    }

    /**
     * {@code +1 (212) 555-0123} → {@code +12125550123}: the punctuation libphonenumber ignores
     * anyway removed up front, which spares it a quarter of its regular-expression work. Input
     * with anything else (letters, an extension, {@code #}) is returned unchanged.
     */
    static String dialable(String phone) {
        StringBuilder sb = new StringBuilder(phone.length());
        for (int i = 0; i < phone.length(); i++) {
            char c = phone.charAt(i);
            if (c >= '0' && c <= '9' || c == '+' && sb.length() == 0) sb.append(c);
            else if (" ()-./\u00A0".indexOf(c) < 0) return phone;
        }
        return sb.toString();
    }

    /** {@code https://www.linkedin.com/in/handle}, or null when {@code v} is not a profile reference. */
    static String linkedInUrl(String v) {
        String s = v.strip();
        String lower = s.toLowerCase(Locale.ROOT);
        int start = 0;
        boolean hasScheme = false;
        for (String scheme : List.of("https://", "http://")) {
            if (lower.startsWith(scheme)) {
                start = scheme.length();
                hasScheme = true;
                break;
            }
        }
        int slash = lower.indexOf('/', start);
        String host = slash < 0 ? lower.substring(start) : lower.substring(start, slash);
        String path;
        if (host.equals("linkedin.com") || host.endsWith(".linkedin.com")) {
            path = slash < 0 ? "" : s.substring(slash + 1);
        } else if (hasScheme) {
            return null;
        } else {
            path = s.startsWith("/") ? s.substring(1) : s;
        }
        String handle;
        if (path.toLowerCase(Locale.ROOT).startsWith("in/")) {
            handle = path.substring(3);
            int end = handle.length();
            for (char stop : new char[] {'/', '?', '#'}) {
                int i = handle.indexOf(stop);
                if (i >= 0 && i < end) end = i;
            }
            handle = handle.substring(0, end);
        } else if (!hasScheme && !host.contains(".") && path.indexOf('/') < 0) {
            handle = path; // a bare handle
        } else {
            return null;
        }
        if (handle.isEmpty() || handle.length() > 100) return null;
        for (int i = 0; i < handle.length(); ) {
            int cp = handle.codePointAt(i);
            i += Character.charCount(cp);
            if (!(Character.isLetterOrDigit(cp) || cp == '-' || cp == '_' || cp == '%')) return null;
        }
        return "https://www.linkedin.com/in/" + handle;
    }

    // ---- time zones

    /** IANA zone lookup, case-insensitive, built once. */
    static final class TimeZones {
        private static final Map<String, String> BY_LOWER = new HashMap<>();
        private static final Map<String, String> BY_CITY = new HashMap<>();

        static {
            for (String id : ZoneId.getAvailableZoneIds()) {
                BY_LOWER.put(id.toLowerCase(Locale.ROOT), id);
                int slash = id.lastIndexOf('/');
                if (slash > 0 && Character.isUpperCase(id.charAt(0)) && !id.startsWith("Etc/")) {
                    BY_CITY.putIfAbsent(Headers.key(id.substring(slash + 1)), id);
                }
            }
        }

        private TimeZones() {}

        /** The canonical id for {@code v}, or null. */
        static String canonical(String v) {
            String s = v.strip().toLowerCase(Locale.ROOT);
            String id = BY_LOWER.get(s);
            if (id == null && s.contains("_slash_")) id = BY_LOWER.get(s.replace("_slash_", "/"));
            if (id == null && s.contains(" ")) id = BY_LOWER.get(s.replace(' ', '_'));
            return id;
        }

        static String unknownMessage(String v) {
            String city = BY_CITY.get(Headers.key(v));
            return "unknown time zone '" + v + "'; use an IANA name such as "
                    + (city != null ? city + " (did you mean that?)" : "America/New_York or Europe/Paris");
        }
    }
}
