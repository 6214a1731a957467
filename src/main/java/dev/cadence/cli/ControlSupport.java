package dev.cadence.cli;

import dev.cadence.enrollment.EnrollmentControl;
import dev.cadence.error.CadenceException;
import dev.cadence.ledger.Contact;
import dev.cadence.ledger.Ledger;
import dev.cadence.model.FreeText;
import dev.cadence.sequence.SequenceLibrary;
import dev.cadence.sequence.SequenceLoader;
import dev.cadence.workspace.Workspace;
import dev.cadence.yaml.Problems;

/** What the contact and enrollment control commands share: checked text, the sequences, the control core. */
final class ControlSupport {
    private ControlSupport() {}

    /** {@link FreeText#check}, with a bad text as invalid input (exit 2); null stays null when optional. */
    static String text(String what, String value, boolean multiline, boolean required) {
        if (value == null && !required) return null;
        try {
            return FreeText.check(what, value, multiline);
        } catch (IllegalArgumentException e) {
            throw CadenceException.invalid(e.getMessage());
        }
    }

    /**
     * The workspace's sequences. Problems in sequence files do not stop a command that does not
     * use them; a command naming a sequence whose file has problems is refused by {@link #usable}.
     */
    static SequenceLibrary library(Session session) {
        return SequenceLoader.loadAll(session.workspace(), new Problems());
    }

    /** Exit 2 when {@code name}'s file exists but has problems (it cannot be run until fixed). */
    static void usable(SequenceLibrary library, String name) {
        if (library.find(name).isEmpty() && library.declaredNames().contains(name)) {
            throw CadenceException.invalid("sequence '" + name + "' has problems; run 'cadence validate' and fix them first");
        }
    }

    /**
     * A contact filter whose stage and sequence exist: a typo would otherwise silently list
     * nothing (exit 2 with a suggestion instead).
     */
    static dev.cadence.ledger.ContactFilter filter(Session session, String stage, String owner, String sequence,
                                                   String search) {
        if (stage != null) {
            java.util.Set<String> stages = new java.util.LinkedHashSet<>();
            session.workspace().config().stages().forEach(st -> stages.add(st.name()));
            if (!stages.contains(stage)) {
                String close = dev.cadence.yaml.Suggest.closest(stage, stages);
                throw CadenceException.invalid("unknown stage '" + stage + "'"
                        + (close != null ? "; did you mean '" + close + "'?" : "; stages: " + String.join(", ", stages)));
            }
        }
        if (sequence != null) {
            java.util.Set<String> names = library(session).declaredNames();
            if (!names.contains(sequence)) {
                throw CadenceException.invalid("unknown sequence '" + sequence + "'" + SequenceLoader.hint(sequence, names));
            }
        }
        return new dev.cadence.ledger.ContactFilter(stage, owner, sequence, search);
    }

    static EnrollmentControl control(Session session, Ledger ledger) {
        Workspace ws = session.workspace();
        return new EnrollmentControl(ledger, session.clock(), ws.config().timezone(), library(session).declaredNames());
    }

    /** "Zoë Martin <zoe@example.com>" or the email alone. */
    static String who(Contact c) {
        String name = c.displayName();
        return name.equals(c.email()) ? c.email() : name + " <" + c.email() + ">";
    }
}
