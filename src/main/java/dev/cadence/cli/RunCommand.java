package dev.cadence.cli;

import dev.cadence.channel.Pacer;
import dev.cadence.channel.Transport;
import dev.cadence.channel.Transports;
import dev.cadence.enrollment.Reactivation;
import dev.cadence.enrollment.SilenceRule;
import dev.cadence.error.CadenceException;
import dev.cadence.ledger.Ledger;
import dev.cadence.render.Renderer;
import dev.cadence.render.UnsubscribeToken;
import dev.cadence.runner.RunOptions;
import dev.cadence.runner.RunSummary;
import dev.cadence.runner.Runner;
import dev.cadence.workspace.Workspace;
import dev.cadence.workspace.WorkspaceConfig;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cadence run [--dry-run] [--limit N] [--transport NAME] [--resend-in-doubt] [--format json]}. */
@Command(name = "run", mixinStandardHelpOptions = true,
        header = "Send the automatic touches that are due now (for cron).",
        description = {
                "Sends each due email, sms or webhook touch once, through the",
                "workspace's transport (default: files in outbox/). Only contacts",
                "inside their send window on a business day get one; the others",
                "wait for the next run. A run already in progress makes this one",
                "exit 0 with a notice. A touch a dead run may or may not have sent",
                "is marked in_doubt and never sent again unless --resend-in-doubt.",
                "",
                "Prints one line: sent N, failed N, in_doubt N, skipped N, deferred N.",
                "Exit 0 when all due touches were handled, 3 when some failed or are",
                "in doubt.",
        },
        footer = {
                "",
                "Examples:",
                "  cadence run                          send what is due now",
                "  cadence run --dry-run                render and list, send nothing",
                "  cadence run --transport smtp --limit 50",
                "  cadence -q --log-file run.log run    for cron: quiet, logged",
                "  */15 * * * * cadence -w ~/sales -q run   crontab: every 15 min",
        })
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dry-run", description = "Render and report; write, record and send nothing.")
    boolean dryRun;

    @Option(names = "--limit", paramLabel = "N", description = "Send at most N touches; the rest wait.")
    Integer limit;

    @Option(names = "--transport", paramLabel = "NAME", description = "Transport of cadence.yaml to use.")
    String transportName;

    @Option(names = "--resend-in-doubt",
            description = "Send in_doubt touches again (after checking they were not received).")
    boolean resendInDoubt;

    @Option(names = "--format", paramLabel = "F", defaultValue = "text", description = "text or json.")
    String format;

    @Option(names = "--lease-seconds", hidden = true, paramLabel = "S", description = "Run lease time to live.")
    Integer leaseSeconds;

    @Override
    public Integer call() {
        if (limit != null && limit < 1) throw CadenceException.invalid("--limit must be at least 1, not " + limit);
        if (!format.equals("text") && !format.equals("json")) {
            throw CadenceException.invalid("--format must be text or json, not '" + format + "'");
        }
        if (leaseSeconds != null && leaseSeconds < 1) throw CadenceException.invalid("--lease-seconds must be at least 1");
        try (Session session = Session.of(spec)) {
            Workspace ws = session.workspace();
            if (ws.config().sender().isEmpty()) {
                throw CadenceException.invalid(ws.configFile() + ": no sender; set sender: {name, email} before sending");
            }
            Clock clock = session.clock();
            Ledger ledger = dryRun ? session.existingLedger() : session.ledger();
            String secret = session.env().get("CADENCE_UNSUBSCRIBE_SECRET");
            UnsubscribeToken tokens = secret == null || secret.isEmpty() ? UnsubscribeToken.unkeyed() : UnsubscribeToken.withSecret(secret);
            Transport transport = Transports.open(ws, transportName, session.env(), clock, Pacer.Sleeper.REAL);
            RunOptions options = new RunOptions(limit == null ? 0 : limit, dryRun, resendInDoubt,
                    leaseSeconds == null ? RunOptions.DEFAULT_LEASE_TTL : Duration.ofSeconds(leaseSeconds));
            Runner runner = new Runner(ledger, ws.config(), ControlSupport.library(session), Renderer.of(ws), tokens,
                    transport, clock, Clock.systemUTC(), options);
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (dryRun) runner.progress(out::println);
            RunSummary s = runner.run(Runner.holder());
            if (s.refused() != null) {
                err.println("another run is in progress (" + s.refused() + "); nothing to do");
                if (format.equals("json")) out.println(Runner.json(s));
                return 0;
            }
            if (s.leaseLost()) err.println("the run lease was lost (taken over after it expired); stopped early");
            if (!dryRun) applySilenceRule(ledger, ws, session, clock, err);
            out.println(format.equals("json") ? Runner.json(s) : s.line());
            return s.partial() ? 3 : 0;
        }
    }

    /**
     * The {@code silence} rule of cadence.yaml, applied once per run (issue 6): with
     * {@code enroll: S} the contacts silent past it are enrolled (refusals are the Enroller's);
     * with {@code action: flag} they are only counted here and listed by {@code gaps}.
     */
    private void applySilenceRule(Ledger ledger, Workspace ws, Session session, Clock clock, PrintWriter err) {
        if (ws.config().silence().isEmpty()) return;
        SilenceRule.Applied a = new SilenceRule(ledger, ControlSupport.library(session), ws.config(), clock).apply(false);
        long enrolled = a.answers().stream().filter(x -> x.status() == Reactivation.Status.ENROLLED).count();
        long refused = a.answers().stream().filter(x -> x.status() == Reactivation.Status.REFUSED).count();
        if (enrolled > 0 || refused > 0) {
            err.println("silence rule: " + enrolled + " silent contacts enrolled in "
                    + a.rule().flatMap(WorkspaceConfig.Silence::enroll).orElse("?")
                    + (refused > 0 ? ", " + refused + " refused (see cadence gaps)" : ""));
        }
        if (!a.flagged().isEmpty()) {
            err.println("silence rule: " + a.flagged().size() + " contacts silent past " + a.rule().get().after()
                    + " (listed by cadence gaps)");
        }
    }
}
