package dev.cadence.ledger;

import static dev.cadence.ledger.TestLedgers.CLOCK;
import static dev.cadence.ledger.TestLedgers.NOW;
import static dev.cadence.ledger.TestLedgers.url;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cadence.error.CadenceException;
import dev.cadence.error.ExitStatus;
import dev.cadence.model.Channel;
import dev.cadence.model.EventType;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoriesTest {
    @TempDir
    Path dir;
    Path db;
    Ledger ledger;

    @BeforeEach
    void openLedger() {
        db = dir.resolve("cadence.db");
        ledger = Ledger.open(url(db), CLOCK);
    }

    @AfterEach
    void closeLedger() {
        ledger.close();
    }

    private Contact reopenAndFind(long id) {
        ledger.close();
        ledger = Ledger.openExisting(url(db), CLOCK);
        return ledger.contacts().findById(id).orElseThrow();
    }

    @Test
    void contactRoundTripKeepsNonLatinNamesAndAccentedCustomFields() {
        Map<String, String> custom = new LinkedHashMap<>();
        custom.put("société", "Crème Brûlée SARL");
        custom.put("city", "Zürich");
        custom.put("note_jp", "東京 \"quoted\" \\ back");
        Contact given = Contact.builder("  Zoë.Ölund@Exämple.com ")
                .firstName("Zoë").lastName("Ølund-Łukasiewicz").company("Ñandú & Cía")
                .title("Директор").phone("+41 44 668 18 00").phoneE164("+41446681800")
                .linkedin("https://linkedin.com/in/zoe").timezone("Europe/Zurich").owner("ana").stage("new")
                .custom(custom).pausedUntil(LocalDate.of(2026, 4, 1)).build();

        Contact stored = ledger.contacts().insert(given);

        assertThat(stored.id()).isPositive();
        assertThat(stored.createdAt()).isEqualTo(NOW.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        Contact read = reopenAndFind(stored.id());
        assertThat(read).isEqualTo(stored);
        assertThat(read.email()).isEqualTo("  Zoë.Ölund@Exämple.com ");
        assertThat(read.emailNorm()).isEqualTo("zoë.ölund@exämple.com");
        assertThat(read.lastName()).isEqualTo("Ølund-Łukasiewicz");
        assertThat(read.title()).isEqualTo("Директор");
        assertThat(read.custom()).containsExactly(Map.entry("société", "Crème Brûlée SARL"),
                Map.entry("city", "Zürich"), Map.entry("note_jp", "東京 \"quoted\" \\ back"));
        assertThat(read.displayName()).isEqualTo("Zoë Ølund-Łukasiewicz");
        assertThat(ledger.contacts().knownCustomFields()).containsExactly("city", "note_jp", "société");
    }

    @Test
    void emailNormIsUnique() {
        ledger.contacts().insert(Contact.builder("ana@example.com").build());
        assertThatThrownBy(() -> ledger.contacts().insert(Contact.builder("ANA@Example.COM").firstName("Ana").build()))
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(ledger.contacts().count()).isEqualTo(1);
    }

    @Test
    void updateRewritesFieldsAndStampsUpdatedAt() {
        Contact c = ledger.contacts().insert(Contact.builder("ana@example.com").firstName("Ana").custom("plan", "free").build());
        ledger.close();
        Instant later = NOW.plus(Duration.ofDays(2));
        ledger = Ledger.open(url(db), Clock.fixed(later, ZoneOffset.UTC));

        Contact updated = ledger.contacts().update(c.toBuilder().stage("qualified").custom("plan", "pro")
                .custom("région", "Île-de-France").build());

        assertThat(updated.stage()).isEqualTo("qualified");
        assertThat(updated.custom()).containsExactly(Map.entry("plan", "pro"), Map.entry("région", "Île-de-France"));
        assertThat(updated.createdAt()).isEqualTo(c.createdAt());
        assertThat(updated.updatedAt()).isEqualTo(later);
        assertThat(ledger.contacts().knownCustomFields()).containsExactly("plan", "région");
        Contact ghost = new Contact(999, "x@example.com", "x@example.com", null, null, null, null, null, null, null,
                null, null, null, null, null, null, null);
        assertThatThrownBy(() -> ledger.contacts().update(ghost))
                .isInstanceOf(IllegalStateException.class).hasMessage("no contact with id 999 to update");
    }

    @Test
    void findByRefTakesAnIdOrAnEmailInAnyCasing() {
        Contact c = ledger.contacts().insert(Contact.builder("Ana.Lima@Example.com").build());
        assertThat(ledger.contacts().findByRef(String.valueOf(c.id()))).contains(c);
        assertThat(ledger.contacts().findByRef(" ANA.LIMA@example.com")).contains(c);
        assertThat(ledger.contacts().findByEmailNorm("ana.lima@example.com")).contains(c);
        assertThat(ledger.contacts().findByRef("404")).isEmpty();
        assertThat(ledger.contacts().findByRef("99999999999999999999999")).isEmpty();
        assertThatThrownBy(() -> ledger.contacts().getByRef("bob@example.com"))
                .isInstanceOf(CadenceException.class)
                .hasMessage("no contact 'bob@example.com' in the ledger (give a contact id or an email)")
                .extracting(e -> ((CadenceException) e).status()).isEqualTo(ExitStatus.INVALID);
    }

    @Test
    void listFiltersByStageOwnerSequenceAndSearch() {
        ContactRepository contacts = ledger.contacts();
        Contact ana = contacts.insert(Contact.builder("ana@acme.com").firstName("Ana").company("Acme").owner("kim").stage("new").build());
        Contact bob = contacts.insert(Contact.builder("bob@globex.com").firstName("Bob").company("Globex 100%").owner("kim").stage("qualified").build());
        Contact cy = contacts.insert(Contact.builder("cy@initech.com").firstName("Cy").company("Initech").owner("lee").stage("new").build());
        ledger.enrollments().enroll(ana.id(), "cold-outbound", LocalDate.of(2026, 3, 2));
        var stopped = ledger.enrollments().enroll(cy.id(), "cold-outbound", LocalDate.of(2026, 3, 2));
        ledger.enrollments().updateState(stopped.id(), EnrollmentState.STOPPED, "reply");

        assertThat(contacts.list(ContactFilter.ALL)).containsExactly(ana, bob, cy);
        assertThat(contacts.list(ContactFilter.ALL.withStage("new"))).containsExactly(ana, cy);
        assertThat(contacts.list(ContactFilter.ALL.withStage("new").withOwner("kim"))).containsExactly(ana);
        assertThat(contacts.list(ContactFilter.ALL.withSequence("cold-outbound"))).containsExactly(ana);
        assertThat(contacts.list(ContactFilter.ALL.withSearch("GLOBEX"))).containsExactly(bob);
        assertThat(contacts.list(ContactFilter.ALL.withSearch("100%"))).containsExactly(bob);
        assertThat(contacts.list(ContactFilter.ALL.withSearch("%"))).containsExactly(bob);
        assertThat(contacts.list(ContactFilter.ALL.withSearch("initech.com"))).containsExactly(cy);
        assertThat(contacts.count(ContactFilter.ALL.withOwner("kim"))).isEqualTo(2);
        assertThat(contacts.count()).isEqualTo(3);
    }

    @Test
    void suppressionKeepsItsFirstReason() {
        SuppressionRepository s = ledger.suppressions();
        assertThat(s.add("ana@example.com", SuppressionReason.OPTOUT, "event")).isTrue();
        assertThat(s.add("ana@example.com", SuppressionReason.IMPORT, "dnc.csv")).isFalse();
        assertThat(s.add("bob@example.com", SuppressionReason.BOUNCE, "run")).isTrue();

        assertThat(s.isSuppressed("ana@example.com")).isTrue();
        assertThat(s.isSuppressed("cy@example.com")).isFalse();
        assertThat(s.find("ana@example.com")).contains(new Suppression("ana@example.com", SuppressionReason.OPTOUT, "event", NOW.truncatedTo(java.time.temporal.ChronoUnit.MILLIS)));
        assertThat(s.list()).extracting(Suppression::emailNorm, Suppression::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ana@example.com", SuppressionReason.OPTOUT),
                        org.assertj.core.groups.Tuple.tuple("bob@example.com", SuppressionReason.BOUNCE));
    }

    @Test
    void enrollmentLifecycle() {
        Contact c = ledger.contacts().insert(Contact.builder("ana@example.com").build());
        EnrollmentRepository e = ledger.enrollments();
        Enrollment cold = e.enroll(c.id(), "cold-outbound", LocalDate.of(2026, 3, 2));
        assertThat(cold.state()).isEqualTo(EnrollmentState.ACTIVE);
        assertThat(cold.startDate()).isEqualTo(LocalDate.of(2026, 3, 2));
        assertThat(cold.occurrence()).isEqualTo(1);
        assertThat(cold.nextDueAt()).isNull();

        // one open enrollment per sequence
        assertThatThrownBy(() -> e.enroll(c.id(), "cold-outbound", LocalDate.of(2026, 3, 3)))
                .isInstanceOf(CadenceException.class)
                .hasMessage("contact " + c.id() + " is already enrolled in cold-outbound")
                .extracting(x -> ((CadenceException) x).status()).isEqualTo(ExitStatus.REFUSED);
        Enrollment nurture = e.enroll(c.id(), "quarterly-nurture", LocalDate.of(2026, 3, 2));

        Instant due = Instant.parse("2026-03-06T14:00:00Z");
        e.setNextDueAt(cold.id(), due);
        e.advance(nurture.id(), "check-in", 2, Instant.parse("2026-06-01T14:00:00Z"));
        assertThat(e.findDue(Instant.parse("2026-03-06T15:00:00Z"), 10)).extracting(Enrollment::id).containsExactly(cold.id());
        assertThat(e.findDue(Instant.parse("2026-03-06T13:59:59Z"), 10)).isEmpty();
        assertThat(e.findById(nurture.id()).orElseThrow()).extracting(Enrollment::currentStep, Enrollment::occurrence)
                .containsExactly("check-in", 2);

        assertThat(e.updateState(cold.id(), EnrollmentState.PAUSED, null, LocalDate.of(2026, 4, 1))).isTrue();
        assertThat(e.findDue(Instant.parse("2026-03-07T00:00:00Z"), 10)).isEmpty();
        assertThat(e.findById(cold.id()).orElseThrow().pausedUntil()).isEqualTo(LocalDate.of(2026, 4, 1));
        assertThat(e.findActiveByContact(c.id())).extracting(Enrollment::id).containsExactly(cold.id(), nurture.id());

        assertThat(e.updateState(cold.id(), EnrollmentState.STOPPED, "reply")).isTrue();
        Enrollment stopped = e.findById(cold.id()).orElseThrow();
        assertThat(stopped.state()).isEqualTo(EnrollmentState.STOPPED);
        assertThat(stopped.stopReason()).isEqualTo("reply");
        // a finished enrollment never changes, and nothing is recorded for it
        assertThat(e.updateState(cold.id(), EnrollmentState.ACTIVE, "again")).isFalse();
        assertThat(e.changesByContact(c.id()))
                .extracting(EnrollmentChange::sequence, EnrollmentChange::from, EnrollmentChange::to,
                        EnrollmentChange::reason, EnrollmentChange::pausedUntil)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("cold-outbound", EnrollmentState.ACTIVE,
                                EnrollmentState.PAUSED, null, LocalDate.of(2026, 4, 1)),
                        org.assertj.core.groups.Tuple.tuple("cold-outbound", EnrollmentState.PAUSED,
                                EnrollmentState.STOPPED, "reply", null));
        assertThat(stopped.nextDueAt()).isNull();
        assertThat(stopped.pausedUntil()).isNull();
        // finished is final
        assertThat(e.updateState(cold.id(), EnrollmentState.ACTIVE, null)).isFalse();
        assertThat(e.findActiveByContact(c.id())).extracting(Enrollment::id).containsExactly(nurture.id());
        assertThat(e.findByContact(c.id())).extracting(Enrollment::id).containsExactly(cold.id(), nurture.id());
        // once stopped, the contact may be enrolled in it again
        assertThat(e.enroll(c.id(), "cold-outbound", LocalDate.of(2026, 5, 1)).state()).isEqualTo(EnrollmentState.ACTIVE);
    }

    @Test
    void touchesAreUniquePerEnrollmentStepAndOccurrence() {
        Contact c = ledger.contacts().insert(Contact.builder("ana@example.com").build());
        Enrollment en = ledger.enrollments().enroll(c.id(), "cold-outbound", LocalDate.of(2026, 3, 2));
        Instant at = Instant.parse("2026-03-02T14:00:00Z");
        Touch intro = new Touch(0, en.id(), c.id(), "cold-outbound", "intro", 1, Channel.EMAIL, TouchKind.AUTO,
                TouchStatus.SENDING, null, null, "Une idée pour Ñandú", "Bonjour Zoë,\n…", "<t1@cadence>", "a", null, 1,
                at, null, null);
        Touch stored = ledger.touches().insert(intro);
        assertThat(stored.id()).isPositive();

        assertThatThrownBy(() -> ledger.touches().insert(intro))
                .isInstanceOf(DuplicateKeyException.class);
        Touch again = new Touch(0, en.id(), c.id(), "cold-outbound", "intro", 2, Channel.EMAIL, TouchKind.AUTO,
                TouchStatus.SENT, null, null, null, null, "<t2@cadence>", null, null, 1, at, at.plusSeconds(60), null);
        ledger.touches().insert(again); // next occurrence of a repeating step is fine

        // off-sequence touches have no enrollment: any number of them
        ledger.touches().insert(Touch.offSequence(c.id(), Channel.CALL, "no-answer", "left a voicemail", at.plusSeconds(3600)));
        ledger.touches().insert(Touch.offSequence(c.id(), Channel.CALL, "connected", "Café mardi ☕", at.plusSeconds(7200)));

        assertThat(ledger.touches().listByContact(c.id()))
                .extracting(Touch::stepId, Touch::occurrence, Touch::channel, Touch::status, Touch::note)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("intro", 2, Channel.EMAIL, TouchStatus.SENT, null),
                        org.assertj.core.groups.Tuple.tuple(null, 1, Channel.CALL, TouchStatus.DONE, "left a voicemail"),
                        org.assertj.core.groups.Tuple.tuple(null, 1, Channel.CALL, TouchStatus.DONE, "Café mardi ☕"),
                        org.assertj.core.groups.Tuple.tuple("intro", 1, Channel.EMAIL, TouchStatus.SENDING, null));
        Touch read = ledger.touches().listByEnrollment(en.id()).get(1);
        assertThat(read).isEqualTo(stored);
        assertThat(read.subject()).isEqualTo("Une idée pour Ñandú");
        assertThat(read.kind()).isEqualTo(TouchKind.AUTO);
        assertThat(read.dueAt()).isEqualTo(at);
    }

    @Test
    void notesAndEventsInOrder() {
        Contact c = ledger.contacts().insert(Contact.builder("ana@example.com").build());
        Note n1 = ledger.notes().add(c.id(), "Prefers calls after 4 p.m. — señora Ana", "kim");
        ledger.notes().add(c.id(), "Budget in Q3", null);
        assertThat(ledger.notes().listByContact(c.id())).extracting(Note::body)
                .containsExactly("Prefers calls after 4 p.m. — señora Ana", "Budget in Q3");
        assertThat(ledger.notes().listByContact(c.id()).get(0)).isEqualTo(n1);
        assertThat(ledger.notes().latest(c.id())).map(Note::body).contains("Budget in Q3");

        Event reply = ledger.events().add(Event.of(c.id(), EventType.REPLY, Instant.parse("2026-03-05T10:00:00Z"),
                "« Oui, parlons-en »", "cli"));
        ledger.events().add(Event.of(c.id(), EventType.OPENED, Instant.parse("2026-03-04T10:00:00Z"), null, "import"));
        assertThat(ledger.events().listByContact(c.id())).extracting(Event::type)
                .containsExactly(EventType.OPENED, EventType.REPLY);
        assertThat(ledger.events().listByContact(c.id()).get(1)).isEqualTo(reply);
        assertThat(reply.note()).isEqualTo("« Oui, parlons-en »");
    }
}
