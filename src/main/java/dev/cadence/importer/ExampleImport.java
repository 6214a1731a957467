package dev.cadence.importer;

import dev.cadence.enrollment.Enroller;
import dev.cadence.importer.ImportJob.EnrollPlan;
import dev.cadence.ledger.Ledger;
import dev.cadence.sequence.Sequence;
import dev.cadence.sequence.SequenceLibrary;
import dev.cadence.sequence.SequenceLoader;
import dev.cadence.workspace.ExampleWorkspace;
import dev.cadence.workspace.Workspace;
import dev.cadence.workspace.WorkspaceConfig;
import dev.cadence.yaml.Problems;
import java.time.Clock;
import java.time.LocalDate;

/**
 * {@code cadence init --example}: imports the sample {@code contacts.csv} into the new
 * workspace's ledger and enrolls every contact, day 1 spread over the last
 * {@link ExampleWorkspace#SPREAD_DAYS} days ({@link ExampleWorkspace#startDate}) so that the
 * first {@code due} has touches of every kind (first emails, follow-ups, calls, overdue ones).
 *
 * <p>Which sequence: a prospect (any stage but customer and lost) goes to
 * {@link ExampleWorkspace#SEQUENCE}; a <em>customer</em> to {@value #CUSTOMER_SEQUENCE}, because
 * prospecting a customer is the mistake cadence exists to prevent; a <em>lost</em> contact to
 * {@value #LOST_SEQUENCE}, the sequence meant for contacts who went quiet. A sequence the
 * workspace no longer has (edited away before a {@code --force}) falls back to the default one.
 */
public final class ExampleImport {
    public static final String CUSTOMER_SEQUENCE = "post-purchase";
    public static final String LOST_SEQUENCE = "reactivation";

    private ExampleImport() {}

    public static ImportJob.Outcome run(Workspace workspace, Ledger ledger, Clock clock) {
        WorkspaceConfig config = workspace.config();
        SequenceLibrary library = SequenceLoader.loadAll(workspace, new Problems());
        Enroller enroller = new Enroller(ledger, library, clock, config.timezone());
        Sequence prospect = enroller.sequence(ExampleWorkspace.SEQUENCE);
        Sequence customer = library.find(CUSTOMER_SEQUENCE).orElse(prospect);
        Sequence lost = library.find(LOST_SEQUENCE).orElse(prospect);
        LocalDate today = LocalDate.now(clock.withZone(config.timezone()));
        EnrollPlan plan = new EnrollPlan() {
            @Override
            public Sequence sequence(long index, ContactRow row) {
                if ("customer".equals(row.stage())) return customer;
                if ("lost".equals(row.stage())) return lost;
                return prospect;
            }

            @Override
            public LocalDate start(long index, ContactRow row) {
                return ExampleWorkspace.startDate((int) index, today);
            }
        };
        ContactReader.Options read = ContactReader.Options.defaults(
                config.stages().stream().map(WorkspaceConfig.StageDef::name).toList(),
                PhoneRegions.forZone(config.timezone()).orElse(null));
        ImportJob job = new ImportJob(ledger, ImportJob.Options.defaults(read).withEnrollment(enroller, plan), null);
        return job.run(workspace.root().resolve(ExampleWorkspace.CONTACTS_FILE));
    }
}
