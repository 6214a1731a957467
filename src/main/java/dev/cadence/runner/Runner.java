package dev.cadence.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cadence.channel.DryRunTransport;
import dev.cadence.channel.OutgoingMessage;
import dev.cadence.channel.SendResult;
import dev.cadence.channel.Transport;
import dev.cadence.enrollment.DueRefresher;
import dev.cadence.enrollment.DueUpdater;
import dev.cadence.enrollment.Enroller;
import dev.cadence.enrollment.Outcomes;
import dev.cadence.error.CadenceException;
import dev.cadence.ledger.Contact;
import dev.cadence.ledger.DueQuery;
import dev.cadence.ledger.Enrollment;
import dev.cadence.ledger.EnrollmentState;
import dev.cadence.ledger.Event;
import dev.cadence.ledger.Jdbc;
import dev.cadence.ledger.Ledger;
import dev.cadence.ledger.Note;
import dev.cadence.ledger.RunRepository;
import dev.cadence.ledger.SendRepository;
import dev.cadence.ledger.Touch;
import dev.cadence.ledger.TouchKind;
import dev.cadence.ledger.TouchStatus;
import dev.cadence.model.Channel;
import dev.cadence.model.EventType;
import dev.cadence.render.RenderContext;
import dev.cadence.render.RenderFailure;
import dev.cadence.render.RenderResult;
import dev.cadence.render.Rendered;
import dev.cadence.render.Renderer;
import dev.cadence.render.UnsubscribeToken;
import dev.cadence.schedule.ContactHistory;
import dev.cadence.schedule.NextAction;
import dev.cadence.schedule.Schedule;
import dev.cadence.sequence.Sequence;
import dev.cadence.sequence.SequenceLibrary;
import dev.cadence.sequence.Step;
import dev.cadence.sequence.Variant;
import dev.cadence.workspace.WorkspaceConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The send protocol of design §8, one run:
 * <ol>
 *   <li>take the run lease (a live run holds it: return at once, {@link RunSummary#refused()});
 *       renew it while running, release it at the end;</li>
 *   <li>recover: every {@code sending} touch left by a dead run becomes {@code in_doubt}, never
 *       sent again unless {@code resendInDoubt};</li>
 *   <li>refresh the schedule of the due enrollments ({@link #refresh}), then take them earliest
 *       first;</li>
 *   <li>per enrollment, one short {@code BEGIN IMMEDIATE} transaction re-checks the next action
 *       (suppression, stop rules, caps, held touches: {@link Schedule#next}), the contact's send
 *       window now, the transport and its daily limit, and claims the touch as {@code sending}
 *       with a deterministic Message-ID under the unique (enrollment, step, occurrence) key;</li>
 *   <li>render strictly (a failure fails that touch only); just before sending, suppression and
 *       stop events are read again (an opt-out committed after the claim drops the touch as
 *       {@code skipped}); send; mark {@code sent} with the answer, {@code failed} (temporary:
 *       retried later with backoff), or {@code in_doubt}; a permanent rejection records a
 *       {@code bounce} (suppression, enrollments stopped); then the enrollment advances
 *       ({@link DueUpdater}), in the same transaction as the mark.</li>
 * </ol>
 * The claims, marks and advances are made a batch at a time ({@link Transport#batchSize()}); for
 * a transport of batches the sending runs on a second thread, overlapped with this thread's
 * ledger work ({@link #process}). One touch per enrollment per run. In a dry run nothing is
 * written: no lease, no claim, no mark, and the transport is a {@link DryRunTransport}.
 */
public final class Runner {
    private static final Logger LOG = LoggerFactory.getLogger(Runner.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Ledger ledger;
    private final WorkspaceConfig config;
    private final SequenceLibrary library;
    private final Schedule schedule;
    private final Renderer renderer;
    private final UnsubscribeToken tokens;
    private final Transport transport;
    private final Clock clock;
    private final Clock leaseClock;
    private final RunOptions options;
    private final SendRepository sends;
    private final RunRepository runs;
    private final DueUpdater dueUpdater;
    private Consumer<Touch> afterClaim = t -> { };
    private Consumer<String> progress = s -> { };

    public Runner(Ledger ledger, WorkspaceConfig config, SequenceLibrary library, Renderer renderer,
                  UnsubscribeToken tokens, Transport transport, Clock clock, Clock leaseClock, RunOptions options) {
        this.ledger = ledger;
        this.config = config;
        this.library = library;
        this.schedule = Schedule.of(config, clock);
        this.renderer = renderer;
        this.tokens = tokens;
        this.transport = options.dryRun() && !(transport instanceof DryRunTransport) ? new DryRunTransport(transport, clock) : transport;
        this.clock = clock;
        this.leaseClock = leaseClock;
        this.options = options;
        this.sends = new SendRepository(ledger);
        this.runs = new RunRepository(ledger, leaseClock);
        this.dueUpdater = new DueUpdater(ledger, library, schedule);
    }

    /** Test hook: called after a touch is claimed (committed) and before it is sent. */
    public Runner afterClaim(Consumer<Touch> hook) {
        this.afterClaim = hook;
        return this;
    }

    /** Called once per touch handled, with its line (progress bar, log). */
    public Runner progress(Consumer<String> each) {
        this.progress = each;
        return this;
    }

    /** The transport actually used (a {@link DryRunTransport} in a dry run). */
    public Transport transport() {
        return transport;
    }

    // ------------------------------------------------------------------ the run

    private int sent;
    private int failed;
    private int inDoubt;
    private int skipped;
    private int deferred;
    /** Set by the ledger thread, read by the sender thread too. */
    private volatile boolean leaseLost;
    /** Set by the ledger thread when it leaves {@link #process} (a failure: the sender stops before its next send). */
    private volatile boolean abandoned;
    /** Emails counted against the transport's daily limit in the batch being claimed (-1: not counted yet). */
    private long emailsInLimit = -1;
    /** Time spent per phase (nanoseconds), logged at debug level at the end of a run. */
    private long timeRefresh;
    private long timeClaim;
    private long timeRender;
    private long timeRecheck;
    private long timeMark;
    /** ... waiting for the sender; and the sender's own time sending and flushing. */
    private long timeWait;
    private long timeSend;
    private long timeFlush;
    private final List<String> lines = new ArrayList<>();

    /** One run; {@code holder} names this process in the lease ({@code host:pid:nonce}). */
    public RunSummary run(String holder) {
        if (options.dryRun()) return dryRun();
        Optional<RunRepository.Lease> refused = runs.tryAcquire(holder, options.leaseTtl(), Runner::deadOnThisHost);
        if (refused.isPresent()) {
            RunRepository.Lease l = refused.get();
            return new RunSummary(null, l.holder() + " (lease until " + l.expiresAt() + ")", 0, 0, 0, 0, 0, false, false, List.of());
        }
        long runId = runs.start(ProcessHandle.current().pid(), host());
        runs.attach(holder, runId);
        RunSummary summary = null;
        try {
            List<Touch> recovered = ledger.inTransaction(() -> sends.recoverSending("a run died while sending it"));
            for (Touch t : recovered) {
                inDoubt++;
                line(t, "in_doubt", "left 'sending' by a run that died; not sent again without --resend-in-doubt");
                if (t.enrollmentId() != null) candidatesToRecompute.add(t.enrollmentId());
            }
            if (options.resendInDoubt()) {
                // a person checked them: make them due again (held touches have no due time)
                for (Long id : ledger.jdbc().query("SELECT DISTINCT enrollment_id FROM touches WHERE status = 'in_doubt'"
                        + " AND kind = 'auto' AND enrollment_id IS NOT NULL", r -> r.longValue("enrollment_id"))) {
                    resendable.add(id);
                }
            }
            long t0 = System.nanoTime();
            List<Enrollment> due = refresh();
            timeRefresh = System.nanoTime() - t0;
            process(due, holder);
            LOG.debug("run phases: refresh {} ms, claim {} ms, render {} ms, re-check {} ms, mark+advance {} ms,"
                    + " waiting for the sender {} ms; the sender: send {} ms, flush {} ms", ms(timeRefresh), ms(timeClaim),
                    ms(timeRender), ms(timeRecheck), ms(timeMark), ms(timeWait), ms(timeSend), ms(timeFlush));
            summary = summary(runId);
            return summary;
        } finally {
            try {
                transport.close();
            } finally {
                runs.finish(runId, json(summary == null ? summary(runId) : summary));
                runs.release(holder);
            }
        }
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    private final java.util.Set<Long> resendable = new java.util.HashSet<>();
    private final java.util.Set<Long> candidatesToRecompute = new java.util.LinkedHashSet<>();

    private RunSummary dryRun() {
        process(selectDue(), null);
        return summary(null);
    }

    /** The lease holder of this run (null in a dry run) and when the lease was last renewed. */
    private String holder;
    /** Written by the ledger thread, read by the sender thread too ({@link #leaseFresh()}). */
    private volatile Instant lastRenew;

    /**
     * True while this run still holds its lease: renewed once a third of its time has passed.
     * Checked before every batch is claimed and handed to the sender, and (as
     * {@link #leaseFresh()}) before every send: a batch over a paced or slow transport can
     * outlast the lease; false once another run took it over, which has then already turned this
     * run's {@code sending} touches into {@code in_doubt}: this run stops sending at once.
     * Ledger thread only (it may renew).
     */
    private boolean leaseHeld() {
        if (leaseFresh()) return true;
        if (leaseLost) return false;
        if (!runs.renew(holder, options.leaseTtl())) {
            leaseLost = true;
            LOG.warn("run lease lost (expired and taken over); stopping this run");
            return false;
        }
        lastRenew = leaseClock.instant();
        return true;
    }

    /**
     * True while the lease is certainly held without asking the ledger: renewed less than a
     * third of its time ago and not known lost. The sender thread checks this before every send;
     * when it is false the sender stops and hands the rest back, and the ledger thread renews
     * ({@link #leaseHeld()}) before handing it over again.
     */
    private boolean leaseFresh() {
        if (holder == null) return true;
        if (leaseLost) return false;
        return Duration.between(lastRenew, leaseClock.instant()).compareTo(options.leaseTtl().dividedBy(3)) <= 0;
    }

    /** The due enrollments of this run and how far {@link #claimNext} got through them. */
    private List<Enrollment> due = List.of();
    private int nextDue;
    private int claimedCount;
    private int batchSize;
    /** Nothing more is claimed: the lease was lost, the limit reached, or the server is unreachable. */
    private boolean stopping;

    /**
     * The due enrollments in batches, renewing the lease (holder null: dry run, no lease) as it
     * goes. A transport that batches ({@link Transport#batchSize()} > 1) sends on a second
     * thread, so that the ledger work overlaps the sending: while batch k is on the wire, this
     * thread records batch k-1 (mark + advance) and then claims and renders batch k+1. All ledger
     * access stays on this thread; the sender thread only calls the transport (send, then
     * flush) and hands back what became of each touch. Every touch is still claimed (committed)
     * before it goes, the lease is checked before every send, and a touch is counted only once
     * recorded; a run killed at any point leaves at most two batches claimed and unrecorded (the
     * one on the wire and the one recorded or claimed meanwhile), found {@code in_doubt} by the
     * next run. A batch cut short (it took {@link #MAX_UNRECORDED}, or the lease is due for
     * renewal) puts its rest in front of the queue; the sender gets at most a batch at a time
     * from the queue, and the run claims ahead only when the queue is empty, so the claimed and
     * unrecorded touches never exceed two batches however slow the server. The first batch is not overlapped: the run claims ahead only once the transport
     * has shown it can reach its server; a server lost later fails the rest of the batch on the
     * wire (as without overlap), while the touches claimed meanwhile are never handed to it: their
     * claims are released (no attempt counted) and they are deferred with the rest. A dry run and a transport of batches of
     * one go one batch after the other on this thread.
     */
    private void process(List<Enrollment> due, String holder) {
        this.holder = holder;
        this.lastRenew = leaseClock.instant();
        this.due = due;
        this.batchSize = Math.max(1, transport.batchSize());
        boolean overlap = !options.dryRun() && batchSize > 1;
        ExecutorService sender = overlap ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "cadence-send");
            t.setDaemon(true);
            return t;
        }) : null;
        try {
            // claimed and rendered, not handed over yet (a batch cut short puts its rest in front)
            List<Ready> queue = List.of();
            Flight landed = null;         // back from the sender, not recorded yet
            boolean reached = false;      // a batch came back and the transport could reach its server
            // at every point: the batch in flight + the queue + the landed batch <= 2 batches
            while (true) {
                Future<Flight> inFlight = null;
                if (landed != null && bounced(landed)) {
                    // a hard bounce suppresses its contact: recorded before the next batch is
                    // re-checked, so that another enrollment of the contact claimed meanwhile is dropped
                    record(landed);
                    landed = null;
                }
                // opt-outs and stop events re-read right before the batch goes; lease lost: it does not go
                if (!queue.isEmpty() && leaseHeld()) {
                    int n = Math.min(batchSize, queue.size());
                    inFlight = hand(sender, queue.subList(0, n));
                    queue = List.copyOf(queue.subList(n, queue.size()));
                } else {
                    queue = List.of();
                }
                if (landed != null) {
                    record(landed);       // while the next batch is on the wire
                    landed = null;
                }
                if (inFlight == null) {
                    if (stopping || leaseLost || nextDue >= due.size()) return;
                    queue = claimNext();
                    continue;
                }
                // meanwhile, only when nothing waits: never more than two batches claimed and unrecorded
                if (overlap && reached && queue.isEmpty()) queue = claimNext();
                landed = await(inFlight);
                reached = transport.unreachable().isEmpty();
                if (!overlap || !landed.rest().isEmpty()) {
                    // one batch at a time, or a batch cut short (slow, or the lease to renew):
                    // what went is recorded before the rest goes
                    record(landed);
                    if (!landed.rest().isEmpty()) queue = concat(landed.rest(), queue);
                    landed = null;
                }
                Optional<String> down = transport.unreachable();
                if (down.isPresent() && (!queue.isEmpty() || (!stopping && nextDue < due.size()))) {
                    // nothing more is claimed, and what was claimed meanwhile (or left by a batch cut
                    // short) is not handed to a transport known unreachable: its claims are released;
                    // the rest waits for a later run, no attempt recorded
                    int more = release(queue) + (stopping ? 0 : due.size() - nextDue);
                    queue = List.of();
                    stopping = true;
                    nextDue = due.size();
                    if (more > 0) {
                        deferred += more;
                        String l = "deferred " + more + " more: " + down.get();
                        lines.add(l);
                        progress.accept(l);
                        LOG.warn(l);
                    }
                }
            }
        } finally {
            // a normal end has nothing in flight; after a failure of this thread (a record or a
            // claim that threw) the sender sends nothing more, and is waited for
            abandoned = true;
            if (sender != null) stop(sender);
        }
    }

    /**
     * Undoes the claims of touches never handed to the transport (no attempt counted); how many.
     * None once the lease is lost: the run that took it over owns them (found {@code in_doubt}).
     */
    private int release(List<Ready> claimed) {
        if (claimed.isEmpty() || !leaseHeld()) return 0;
        if (options.dryRun()) return claimed.size();
        // only what is still this run's claim (SendRepository.release): another run's is not counted
        return ledger.inTransaction(() -> {
            int released = 0;
            for (Ready r : claimed) if (sends.release(r.claim().touch(), r.claim().before())) released++;
            return released;
        });
    }

    private static boolean bounced(Flight f) {
        for (Pending p : f.done()) {
            if (p.kind() == Pending.Kind.BOUNCED) return true;
        }
        return false;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Waits for the sender's batch (if any) to end, so that the transport is closed after it. */
    private static void stop(ExecutorService sender) {
        sender.shutdown();
        boolean interrupted = false;
        while (true) {
            try {
                if (sender.awaitTermination(1, TimeUnit.MINUTES)) break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    /**
     * Claims and renders the next batch of the due enrollments: empty when nothing more is to be
     * claimed (all done, the lease lost, the run's limit reached) or none of the batch could be
     * claimed now.
     */
    private List<Ready> claimNext() {
        if (stopping || nextDue >= due.size()) return List.of();
        if (!leaseHeld()) {
            stopping = true;
            return List.of();
        }
        int room = options.limit() > 0 ? options.limit() - claimedCount : Integer.MAX_VALUE;
        if (room <= 0) {
            stopping = true;
            deferred += due.size() - nextDue;
            nextDue = due.size();
            return List.of();
        }
        int n = Math.min(Math.min(batchSize, room), due.size() - nextDue);
        List<Claim> claims = claim(due.subList(nextDue, nextDue + n));
        nextDue += n;
        claimedCount += claims.size();
        long t0 = System.nanoTime();
        List<Ready> ready = new ArrayList<>(claims.size());
        for (Claim c : claims) ready.add(prepare(c));
        timeRender += System.nanoTime() - t0;
        return ready;
    }

    private RunSummary summary(Long runId) {
        return new RunSummary(runId, null, sent, failed, inDoubt, skipped, deferred, options.dryRun(), leaseLost, lines);
    }

    /**
     * Brings the stored due times up to date before selecting ({@link DueRefresher}: the
     * enrollments flagged by changes, plus those recovered from a dead run), then returns the
     * due active enrollments, earliest first.
     */
    List<Enrollment> refresh() {
        Instant now = clock.instant();
        // every change since the last computation (enroll, touch, event, pause, contact edit) flagged
        // its enrollments; recompute those (and chain completed sequences into on_complete)
        DueRefresher.Result refreshed = new DueRefresher(ledger, library, schedule,
                new Enroller(ledger, library, clock, config.timezone())).refresh();
        for (String problem : refreshed.problems()) {
            lines.add(problem);
            progress.accept(problem);
            LOG.warn(problem);
        }
        java.util.Set<Long> candidates = new java.util.LinkedHashSet<>(candidatesToRecompute);
        candidates.addAll(sends.unscheduled());
        // 500 enrollments per transaction: few commits, and the write lock is never held for long
        List<Long> ids = new ArrayList<>(candidates);
        for (int from = 0; from < ids.size(); from += 500) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            ledger.inTransaction(() -> {
                for (long id : chunk) recompute(id);
            });
        }
        List<Enrollment> due = new ArrayList<>(ledger.enrollments().findDue(now, Integer.MAX_VALUE));
        for (Long id : resendable) {
            if (due.stream().noneMatch(d -> d.id() == id)) ledger.enrollments().findById(id).ifPresent(due::add);
        }
        return due;
    }

    /** One enrollment's stored next step brought up to date (skips recorded). */
    private void recompute(long id) {
        DueUpdater.Update u;
        try {
            u = dueUpdater.update(id);
        } catch (CadenceException e) {
            // one broken enrollment (its sequence removed or invalid) must not stop the others
            String l = "deferred enrollment " + id + ": " + e.getMessage();
            lines.add(l);
            progress.accept(l);
            LOG.warn(l);
            return;
        }
        for (Touch t : u.skipped()) {
            skipped++;
            line(t, "skipped", t.note());
        }
    }

    /** The due enrollments without writing anything (dry run). */
    private List<Enrollment> selectDue() {
        List<Enrollment> out = new ArrayList<>(ledger.enrollments().findDue(clock.instant(), Integer.MAX_VALUE));
        for (long id : sends.unscheduled()) ledger.enrollments().findById(id).ifPresent(out::add);
        return out;
    }

    /** A touch claimed for sending, with what the claim read about its contact (notes included). */
    private record Claim(Enrollment enrollment, Sequence sequence, Step step, int occurrence, Optional<String> variant,
                         Contact contact, ContactHistory history, List<Note> notes, Touch touch, Optional<Touch> before,
                         Instant now) {}

    /**
     * A claimed touch made ready on the ledger thread: rendered into its message, or already
     * decided (a render failure, dropped by the re-check before sending).
     */
    private record Ready(Claim claim, OutgoingMessage message, String subject, String body, Pending decided) {
        static Ready decided(Pending p) {
            return new Ready(p.claim(), null, p.subject(), p.body(), p);
        }
    }

    /**
     * A batch back from the sender: what became of the touches it tried (made durable by the
     * transport's flush), and the rest it did not try (its time was up, or the lease was due for
     * renewal), in order; with the time it spent sending and flushing.
     */
    private record Flight(List<Pending> done, List<Ready> rest, long sendNanos, long flushNanos) {}

    /**
     * How long the sender goes on with one batch before it hands back what it sent so far
     * (checked after each send, so one slow send may overrun it): what went is then recorded
     * before anything more is sent, and the rest of the batch goes next, after suppressions and
     * stop events are read again. So a slow or paced transport has its sends recorded at least
     * about once a second (plus one send), and a re-check is never more than about this old. It
     * does not bound what a kill leaves in doubt: that is the claimed and unrecorded touches, at
     * most two batches ({@link #process}).
     */
    static final Duration MAX_UNRECORDED = Duration.ofSeconds(1);
    private long maxUnrecordedNanos = MAX_UNRECORDED.toNanos();

    /** Test hook: how long a slice of a batch may go unrecorded (default {@link #MAX_UNRECORDED}). */
    Runner maxUnrecorded(Duration d) {
        this.maxUnrecordedNanos = d.toNanos();
        return this;
    }

    /**
     * Claims a batch of due enrollments in one transaction (their rows read in a few set
     * queries, {@link DueQuery#byIds}); the touches it claimed, after the {@link #afterClaim} hook.
     * A dry run only reads.
     */
    private List<Claim> claim(List<Enrollment> batch) {
        Instant now = clock.instant();
        List<Claim> claims = new ArrayList<>();
        Jdbc.Work<Void> claimAll = () -> {
            List<Long> ids = new ArrayList<>(batch.size());
            for (Enrollment e : batch) ids.add(e.id());
            DueQuery.Rows rows = ledger.due().byIds(ids, true);
            Map<Long, Enrollment> enrollments = rows.enrollmentsById();
            java.util.Set<Long> claimedContacts = new java.util.HashSet<>();
            emailsInLimit = -1;
            for (Enrollment candidate : batch) {
                Object claimed = check(enrollments.get(candidate.id()), now, rows, claimedContacts);
                if (claimed instanceof Claim c) {
                    claims.add(c);
                } else if (claimed instanceof String deferral) {
                    deferred++;
                    String l = "deferred " + candidate.sequence() + " enrollment " + candidate.id() + ": " + deferral;
                    lines.add(l);
                    progress.accept(l);
                    LOG.info(l);
                }
            }
            return null;
        };
        long t0 = System.nanoTime();
        if (options.dryRun()) {
            try {
                claimAll.run();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        } else {
            ledger.inTransaction(claimAll);
        }
        timeClaim += System.nanoTime() - t0;
        if (!options.dryRun()) for (Claim c : claims) afterClaim.accept(c.touch());
        return claims;
    }

    /**
     * Hands a slice of claimed touches to the sender after reading suppressions and stop events
     * once more (an opt-out committed since the claim drops its touch as {@code skipped});
     * without a sender thread, sends it here and now.
     */
    private Future<Flight> hand(ExecutorService sender, List<Ready> slice) {
        long t0 = System.nanoTime();
        Stops stops = stopsOf(slice);
        List<Ready> checked = new ArrayList<>(slice.size());
        for (Ready r : slice) {
            Optional<String> dropped = stoppedSinceClaim(r.claim(), stops);
            checked.add(dropped.isPresent() ? Ready.decided(new Pending(r.claim(), Pending.Kind.DROPPED, null, null,
                    dropped.get())) : r);
        }
        timeRecheck += System.nanoTime() - t0;
        if (sender == null) return CompletableFuture.completedFuture(fly(checked));
        return sender.submit(() -> fly(checked));
    }

    /** The sender's batch, waited for; its failure (a bug: delivery problems are results) rethrown here. */
    private Flight await(Future<Flight> inFlight) {
        long t0 = System.nanoTime();
        try {
            Flight f = inFlight.get();
            timeSend += f.sendNanos();
            timeFlush += f.flushNanos();
            return f;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a batch was being sent", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        } finally {
            timeWait += System.nanoTime() - t0;
        }
    }

    /**
     * The sender's side (the sender thread, or this one): sends the slice's touches in order,
     * the lease checked before each (and none once the run's thread has failed), until the
     * slice is done or has taken {@link #MAX_UNRECORDED}; then makes what it sent durable
     * ({@link Transport#flush()}: a touch whose file could not be written is failed, not sent).
     * No ledger access here.
     */
    private Flight fly(List<Ready> slice) {
        long start = System.nanoTime();
        List<Pending> done = new ArrayList<>(slice.size());
        int k = 0;
        // the first send follows the ledger thread's lease check at the hand-over (so a lease too
        // short for the sender's check still sends, one at a time); the next ones check it here,
        // and when a renewal is due the ledger thread renews (or finds it lost) before the rest goes
        boolean sentOne = false;
        while (k < slice.size()) {
            Ready r = slice.get(k);
            if (r.decided() == null && (leaseLost || abandoned || (sentOne && !leaseFresh()))) break;
            k++;
            if (r.decided() != null) {
                done.add(r.decided());
            } else {
                done.add(send(r));
                sentOne = true;
            }
            if (System.nanoTime() - start >= maxUnrecordedNanos) break;
        }
        long t1 = System.nanoTime();
        Map<String, String> unwritten = transport.flush();
        if (!unwritten.isEmpty()) {
            for (int i = 0; i < done.size(); i++) {
                Pending p = done.get(i);
                String why = unwritten.get(touchKey(p.claim().touch()));
                if (why != null && p.kind() == Pending.Kind.SENT) {
                    done.set(i, new Pending(p.claim(), Pending.Kind.FAILED, p.subject(), p.body(), why));
                }
            }
        }
        return new Flight(done, List.copyOf(slice.subList(k, slice.size())), t1 - start, System.nanoTime() - t1);
    }

    /** The suppressed contacts and the events of a slice's contacts, read once right before it is sent. */
    private record Stops(java.util.Set<Long> suppressed, Map<Long, List<Event>> events) {}

    private Stops stopsOf(List<Ready> slice) {
        java.util.Set<Long> ids = new java.util.HashSet<>();
        for (Ready r : slice) ids.add(r.claim().contact().id());
        return new Stops(ledger.due().suppressedOf(ids), ledger.due().eventsOf(ids));
    }

    /**
     * Marks a sent slice's touches and advances their enrollments in one transaction; bounces are
     * recorded after it, then everything counted. A dry run only counts.
     */
    private void record(Flight flight) {
        List<Pending> pending = flight.done();
        if (pending.isEmpty()) return;
        if (options.dryRun()) {
            pending.forEach(this::count);
            return;
        }
        long t0 = System.nanoTime();
        ledger.inTransaction(() -> {
            List<Long> ids = new ArrayList<>(pending.size());
            for (Pending p : pending) {
                mark(p);
                if (p.kind() != Pending.Kind.BOUNCED) ids.add(p.claim().enrollment().id());
            }
            // from the histories as they stand after the marks; one broken enrollment fails alone
            dueUpdater.updateAll(ids, c -> { }, Runner::advanceFailed);
        });
        timeMark += System.nanoTime() - t0;
        for (Pending p : pending) {
            if (p.kind() == Pending.Kind.BOUNCED) {
                new Outcomes(ledger, library, config, clock).event(p.claim().contact(), EventType.BOUNCE,
                        p.claim().now(), "rejected by " + transport.name() + ": " + p.detail(), "run");
                advance(p.claim());
            }
            count(p);
        }
    }

    /** What became of one claimed touch, recorded after the batch was sent. */
    private record Pending(Claim claim, Kind kind, String subject, String body, String detail) {
        enum Kind { SENT, FAILED, FAILED_FOR_GOOD, BOUNCED, IN_DOUBT, DROPPED }
    }

    private void mark(Pending p) {
        long id = p.claim().touch().id();
        switch (p.kind()) {
            case SENT -> sends.markSent(id, p.subject(), p.body(), p.detail());
            case FAILED -> sends.markFailed(id, p.subject(), p.body(), p.detail());
            case FAILED_FOR_GOOD -> sends.markFailedForGood(id, p.subject(), p.body(), "permanent: " + p.detail(),
                    Schedule.MAX_FAILED_ATTEMPTS);
            case BOUNCED -> sends.markFailed(id, p.subject(), p.body(), "permanent: " + p.detail());
            case IN_DOUBT -> sends.markInDoubt(id, p.subject(), p.body(), p.detail());
            case DROPPED -> sends.markSkipped(id, p.detail());
        }
    }

    private void count(Pending p) {
        Touch t = p.claim().touch();
        switch (p.kind()) {
            case SENT -> {
                sent++;
                if (options.dryRun()) line(t, "would send", p.subject() == null ? "" : p.subject());
                else line(t, "sent", p.detail());
            }
            case FAILED -> {
                failed++;
                line(t, "failed", p.detail());
            }
            case FAILED_FOR_GOOD -> {
                failed++;
                line(t, "failed", "rejected for good: " + p.detail());
            }
            case BOUNCED -> {
                failed++;
                line(t, "failed", "bounced: " + p.detail());
            }
            case IN_DOUBT -> {
                inDoubt++;
                line(t, "in_doubt", p.detail());
            }
            case DROPPED -> {
                skipped++;
                line(t, "skipped", p.detail());
            }
        }
    }

    /**
     * The claim transaction's check: a {@link Claim} when the enrollment's next action is an auto
     * step due now that may go now; a String saying why it waits (deferred); null when nothing
     * is due after all (the schedule moved: a reply, a suppression, a cap, another run).
     */
    private Object check(Enrollment e, Instant now, DueQuery.Rows rows, java.util.Set<Long> claimedContacts) {
        if (e == null || e.state() != EnrollmentState.ACTIVE) return null;
        Optional<Sequence> seq = library.find(e.sequence());
        if (seq.isEmpty()) return "sequence '" + e.sequence() + "' is not defined (or has problems); run cadence validate";
        Contact contact;
        ContactHistory history;
        List<Note> notes;
        if (claimedContacts.contains(e.contactId())) {
            // a touch claimed earlier in this batch changed the contact's history (caps span sequences): read it again
            contact = ledger.contacts().findById(e.contactId()).orElseThrow();
            history = new ContactHistory(contact, ledger.touches().listByContact(contact.id()),
                    ledger.events().listByContact(contact.id()), ledger.suppressions().isSuppressed(contact.emailNorm()));
        } else {
            contact = rows.contacts().get(e.contactId());
            history = ContactHistory.of(contact, rows);
        }
        notes = rows.notesOf(contact.id());
        NextAction action = schedule.next(seq.get(), e, history);
        Step step;
        int occurrence;
        boolean resend = false;
        if (action.kind() == NextAction.Kind.AUTO && action.isDue(now)) {
            step = action.step().orElseThrow();
            occurrence = action.occurrence();
        } else if (options.resendInDoubt() && resendable.contains(e.id()) && action.kind() == NextAction.Kind.HELD
                && action.step().isPresent() && heldInDoubt(history, e, action)) {
            step = action.step().get();
            occurrence = action.occurrence();
            resend = true;
        } else {
            return null;
        }
        if (!transport.carries(step.channel())) {
            return "transport '" + transport.name() + "' cannot send " + step.channel().id() + " (" + step.id() + ")";
        }
        if (!schedule.sendWindow(seq.get(), contact).contains(now)) {
            return step.id() + ": outside " + contact.email() + "'s send window now (" + schedule.zoneOf(contact) + ")";
        }
        if (step.channel() == Channel.EMAIL && transport.dailyLimit() != Integer.MAX_VALUE) {
            // counted once per batch, then each email claimed in it added
            if (emailsInLimit < 0) emailsInLimit = sends.emailsSentSince(now.minus(Duration.ofHours(24)));
            if (emailsInLimit >= transport.dailyLimit()) {
                return step.id() + ": daily limit of " + transport.dailyLimit() + " emails reached (rolling 24 h)";
            }
        }
        String messageId = messageId(e, step.id(), occurrence);
        final int occ = occurrence;
        Touch touch;
        Optional<Touch> before = Optional.empty();
        if (options.dryRun()) {
            touch = new Touch(0, e.id(), contact.id(), e.sequence(), step.id(), occurrence, step.channel(), TouchKind.AUTO,
                    TouchStatus.SENDING, null, null, null, null, messageId, action.variant().orElse(null), null, 1,
                    action.dueAt().orElse(now), now, now);
        } else {
            String stepId = step.id();
            Optional<Touch> existing = history.touches().stream().filter(t -> t.enrollmentId() != null
                    && t.enrollmentId() == e.id() && stepId.equals(t.stepId()) && t.occurrence() == occ).findFirst();
            Optional<Touch> t = sends.claim(existing, e.id(), contact.id(), e.sequence(), step.id(), occurrence,
                    step.channel(), messageId, action.variant().orElse(null), action.dueAt().orElse(now), resend);
            if (t.isEmpty()) return null;
            touch = t.get();
            before = existing;
            claimedContacts.add(contact.id());
            if (step.channel() == Channel.EMAIL && emailsInLimit >= 0) emailsInLimit++;
        }
        return new Claim(e, seq.get(), step, occurrence, action.variant(), contact, history, notes, touch, before, now);
    }

    private static boolean heldInDoubt(ContactHistory h, Enrollment e, NextAction action) {
        String stepId = action.step().get().id();
        return h.touchesOf(e.id()).stream().anyMatch(t -> stepId.equals(t.stepId()) && t.occurrence() == action.occurrence()
                && t.status() == TouchStatus.IN_DOUBT);
    }

    /** A suppression or a stop event recorded since the claim (read again right before sending). */
    private Optional<String> stoppedSinceClaim(Claim c, Stops stops) {
        Contact contact = c.contact();
        if (stops.suppressed().contains(contact.id())) {
            return Optional.of(contact.email() + " was suppressed before the send; not sent");
        }
        Instant start = Schedule.enrollmentStart(c.enrollment(), schedule.zoneOf(contact));
        for (Event ev : stops.events().getOrDefault(contact.id(), List.of())) {
            if (c.sequence().stopOn().contains(ev.type()) && !ev.at().isBefore(start)) {
                return Optional.of("a " + ev.type().id() + " was recorded before the send; not sent");
            }
        }
        return Optional.empty();
    }

    /** Renders one claimed touch into its message (ledger thread); a failure decides the touch at once. */
    private Ready prepare(Claim c) {
        Touch touch = c.touch();
        String template = c.variant().flatMap(v -> c.step().variants().stream().filter(x -> x.id().equals(v))
                .map(Variant::template).findFirst()).or(() -> c.step().template()).orElse(null);
        if (template == null) {
            return Ready.decided(new Pending(c, Pending.Kind.FAILED, null, null, "step " + c.step().id() + " has no template"));
        }
        List<Touch> emails = options.dryRun() || !c.step().thread() ? List.of() : sentEmails(c);
        Optional<String> firstSubject = emails.stream().map(Touch::subject).filter(x -> x != null && !x.isBlank()).findFirst();
        Touch previous = c.history().touchesOf(c.enrollment().id()).stream()
                .filter(t -> t.id() != touch.id() && (t.status() == TouchStatus.SENT || t.status() == TouchStatus.DONE))
                .max(Comparator.comparing(t -> t.at() == null ? Instant.EPOCH : t.at())).orElse(null);
        RenderContext ctx = RenderContext.of(config, c.contact(), c.sequence(), c.step(), previous,
                c.notes(), tokens, c.now());
        RenderResult r = renderer.render(c.step(), template, ctx, firstSubject);
        if (r instanceof RenderFailure f) return Ready.decided(new Pending(c, Pending.Kind.FAILED, null, null, f.message()));
        Rendered rendered = (Rendered) r;
        String subject = rendered.subject().orElse(null);
        String body = rendered.textBody();
        try {
            return new Ready(c, message(c, rendered, emails), subject, body, null);
        } catch (CadenceException e) {
            // no phone for an sms, no sender: nothing left
            return Ready.decided(new Pending(c, Pending.Kind.FAILED, subject, body, e.getMessage()));
        }
    }

    /** Sends one ready touch through the transport (sender thread); what happened, to be recorded with its slice. */
    private Pending send(Ready ready) {
        Claim c = ready.claim();
        SendResult result;
        try {
            result = transport.send(ready.message());
        } catch (CadenceException e) {
            // an unsafe header: nothing left
            return new Pending(c, Pending.Kind.FAILED, ready.subject(), ready.body(), e.getMessage());
        } catch (RuntimeException e) {
            // one line; the stack trace only with -v (design §9)
            LOG.warn("transport error for touch {}: {}", c.touch().id(), e.toString());
            LOG.debug("transport error for touch " + c.touch().id(), e);
            result = new SendResult.InDoubt("transport error: " + e);
        }
        Pending.Kind kind;
        if (result instanceof SendResult.Sent) kind = Pending.Kind.SENT;
        else if (result instanceof SendResult.InDoubt) kind = Pending.Kind.IN_DOUBT;
        else if (result instanceof SendResult.Permanent) {
            kind = c.touch().channel() == Channel.EMAIL ? Pending.Kind.BOUNCED : Pending.Kind.FAILED_FOR_GOOD;
        } else kind = Pending.Kind.FAILED;
        return new Pending(c, kind, ready.subject(), ready.body(), result.detail());
    }

    /**
     * Recomputes the enrollment after its touch was marked. Inside the batch's transaction an
     * enrollment whose sequence can no longer be read fails alone (nothing was written for it
     * yet); the next run's refresh tries again.
     */
    private void advance(Claim c) {
        try {
            dueUpdater.update(c.enrollment().id());
        } catch (CadenceException e) {
            advanceFailed(c.enrollment().id(), e);
        }
    }

    private static void advanceFailed(long enrollmentId, CadenceException e) {
        LOG.warn("enrollment {}: touch recorded, but its next step could not be computed: {}", enrollmentId, e.getMessage());
    }

    /** The enrollment's emails that went out, oldest first (threading), from the claim's history. */
    private static List<Touch> sentEmails(Claim c) {
        long id = c.enrollment().id();
        return c.history().touches().stream()
                .filter(t -> t.enrollmentId() != null && t.enrollmentId() == id && t.channel() == Channel.EMAIL
                        && t.kind() == TouchKind.AUTO && t.status() == TouchStatus.SENT && t.messageId() != null)
                .sorted(Comparator.comparing((Touch t) -> t.at() == null ? Instant.MAX : t.at()).thenComparingLong(Touch::id))
                .toList();
    }

    private OutgoingMessage message(Claim c, Rendered r, List<Touch> emails) {
        Contact ct = c.contact();
        WorkspaceConfig.Sender sender = config.sender().orElseThrow(() -> CadenceException.invalid(
                "cadence.yaml has no sender: set sender: {name, email} before sending"));
        Optional<String> inReplyTo = Optional.empty();
        List<String> refs = List.of();
        if (c.step().thread() && !emails.isEmpty()) {
            refs = emails.stream().map(Touch::messageId).toList();
            inReplyTo = Optional.of(refs.get(refs.size() - 1));
        }
        String name = ((ct.firstName() == null ? "" : ct.firstName()) + " " + (ct.lastName() == null ? "" : ct.lastName())).strip();
        Optional<String> phone = Optional.ofNullable(ct.phoneE164() != null ? ct.phoneE164() : ct.phone());
        if (c.step().channel() == Channel.SMS && phone.isEmpty()) {
            throw CadenceException.invalid(ct.email() + " has no phone number for the sms step " + c.step().id());
        }
        Optional<String> url = config.unsubscribe().flatMap(WorkspaceConfig.Unsubscribe::url).map(u -> tokens.url(u, ct));
        Map<String, String> fields = new LinkedHashMap<>();
        put(fields, "email", ct.email());
        put(fields, "first_name", ct.firstName());
        put(fields, "last_name", ct.lastName());
        put(fields, "company", ct.company());
        put(fields, "title", ct.title());
        put(fields, "phone", phone.orElse(null));
        put(fields, "timezone", ct.timezone());
        put(fields, "owner", ct.owner());
        put(fields, "stage", ct.stage());
        ct.custom().forEach((k, v) -> put(fields, k, v));
        return new OutgoingMessage(touchKey(c.touch()), c.step().channel(), c.touch().messageId(),
                new OutgoingMessage.Address(sender.name(), sender.email()), sender.replyTo(),
                new OutgoingMessage.Address(name, ct.email()), phone, r.subject(), r.textBody(), r.htmlBody(),
                inReplyTo, refs, config.unsubscribe().flatMap(WorkspaceConfig.Unsubscribe::mailto), url, fields);
    }

    private static void put(Map<String, String> m, String k, String v) {
        if (v != null && !v.isEmpty()) m.put(k, v);
    }

    /** {@code e<enrollment>-<step>-<occurrence>}: the outbox file name and the webhook Idempotency-Key. */
    public static String touchKey(Touch t) {
        return "e" + t.enrollmentId() + "-" + safe(t.stepId()) + "-" + t.occurrence();
    }

    /** {@code <enrollment.step.occurrence.hash@sender-domain>}: the same for every attempt of a touch. */
    String messageId(Enrollment e, String stepId, int occurrence) {
        if (sha256 == null) {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException ex) {
                throw new IllegalStateException(ex);
            }
            idDomain = safe(config.sender().map(s -> s.email().substring(s.email().lastIndexOf('@') + 1))
                    .orElse("cadence.invalid"));
        }
        String seed = e.id() + "|" + e.contactId() + "|" + e.sequence() + "|" + e.createdAt() + "|" + stepId + "|" + occurrence;
        String hash = HexFormat.of().formatHex(sha256.digest(seed.getBytes(StandardCharsets.UTF_8)), 0, 6);
        return "<" + e.id() + "." + safe(stepId) + "." + occurrence + "." + hash + "@" + idDomain + ">";
    }

    /** For {@link #messageId} (the ledger thread's; a digest is reset by each {@code digest}). */
    private MessageDigest sha256;
    private String idDomain;

    private static final java.util.regex.Pattern UNSAFE = java.util.regex.Pattern.compile("[^A-Za-z0-9._-]");

    /** {@code s} with every character but letters, digits, '.', '_' and '-' replaced by '_'. */
    private static String safe(String s) {
        if (s == null) return "";
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
                    || c == '-';
            if (!ok) return UNSAFE.matcher(s).replaceAll("_");
        }
        return s;
    }

    private void line(Touch t, String what, String detail) {
        String l = what + " " + t.sequence() + "/" + t.stepId() + (t.occurrence() > 1 ? "#" + t.occurrence() : "")
                + " enrollment " + t.enrollmentId() + (detail == null || detail.isEmpty() ? "" : ": " + detail);
        lines.add(l);
        progress.accept(l);
        LOG.info(l);
    }

    /** Summary as JSON (stored in {@code runs.summary}, printed by {@code --format json}). */
    public static String json(RunSummary s) {
        ObjectNode o = JSON.createObjectNode();
        if (s.runId() != null) o.put("run", s.runId());
        o.put("dry_run", s.dryRun());
        o.put("sent", s.sent());
        o.put("failed", s.failed());
        o.put("in_doubt", s.inDoubt());
        o.put("skipped", s.skipped());
        o.put("deferred", s.deferred());
        if (s.refused() != null) o.put("refused", s.refused());
        if (s.leaseLost()) o.put("lease_lost", true);
        return o.toString();
    }

    static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    /** A lease holder {@code host:pid:nonce} for this process. */
    public static String holder() {
        return host() + ":" + ProcessHandle.current().pid() + ":" + Long.toHexString(Double.doubleToLongBits(Math.random()));
    }

    /** A holder of this host whose process no longer exists: its lease can be taken at once. */
    static boolean deadOnThisHost(String holder) {
        String[] p = holder.split(":");
        if (p.length < 3 || !p[0].equals(host())) return false;
        try {
            long pid = Long.parseLong(p[1]);
            return ProcessHandle.of(pid).map(ph -> !ph.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
