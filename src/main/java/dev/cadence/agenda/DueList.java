package dev.cadence.agenda;

import dev.cadence.enrollment.DueRefresher;
import dev.cadence.enrollment.Enroller;
import dev.cadence.ledger.Contact;
import dev.cadence.ledger.DueQuery;
import dev.cadence.ledger.Enrollment;
import dev.cadence.ledger.Ledger;
import dev.cadence.ledger.Touch;
import dev.cadence.model.Channel;
import dev.cadence.render.RenderFailure;
import dev.cadence.render.RenderResult;
import dev.cadence.render.Rendered;
import dev.cadence.render.Renderer;
import dev.cadence.render.UnsubscribeToken;
import dev.cadence.schedule.Conditions;
import dev.cadence.schedule.ContactHistory;
import dev.cadence.schedule.NextAction;
import dev.cadence.schedule.Priority;
import dev.cadence.schedule.Schedule;
import dev.cadence.schedule.Variants;
import dev.cadence.sequence.Sequence;
import dev.cadence.sequence.SequenceLibrary;
import dev.cadence.sequence.Step;
import dev.cadence.workspace.Workspace;
import dev.cadence.workspace.WorkspaceConfig;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What is due (design §6, §9), assembled: brings the ledger's due times up to date
 * ({@link DueRefresher}), reads the due enrollments and their contacts' history in a few
 * queries per 500 enrollments ({@link DueQuery}), renders each item ({@link TouchContent}; a
 * failure is kept on the item) on another thread while the next 500 are read, ranks with
 * {@link Priority} and filters. Knows nothing of the command line.
 *
 * <p>After the refresh, every stored step and due time reflects every write to the ledger; what
 * time alone can change is a step's {@code if:}/{@code unless:}, checked when the step comes due.
 * So a due step with a condition (or a suppressed contact) is confirmed with the pure
 * {@link Schedule} at now (a condition that fails is recorded as a skip through the updater and
 * the enrollment's real next step is taken); any other is taken as stored, which keeps the cost
 * per item to rendering it.
 */
public final class DueList {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DueList.class);
    /** Items are rendered on several threads from this many on. */
    private static final int PARALLEL_FROM = 200;

    private final WorkspaceConfig config;
    private final Ledger ledger;
    private final SequenceLibrary library;
    private final Clock clock;
    private final Schedule schedule;
    private final Priority priority;
    private final TouchContent content;
    private final DueRefresher refresher;
    private final Renderer renderer;

    public DueList(Workspace workspace, Ledger ledger, SequenceLibrary library, Clock clock) {
        this(workspace.config(), ledger, library, clock, Renderer.of(workspace));
    }

    public DueList(WorkspaceConfig config, Ledger ledger, SequenceLibrary library, Clock clock, Renderer renderer) {
        this.renderer = renderer;
        this.config = config;
        this.ledger = ledger;
        this.library = library;
        this.clock = clock;
        this.schedule = Schedule.of(config, clock);
        this.priority = new Priority(config.priority().halfLife(), clock);
        this.content = new TouchContent(config, renderer, UnsubscribeToken.unkeyed());
        this.refresher = new DueRefresher(ledger, library, schedule, new Enroller(ledger, library, clock, config.timezone()));
    }

    /** Which items to keep; null or empty means any. */
    public record Filter(Set<Channel> channels, String owner, String sequence, DueItem.Kind kind) {
        public static final Filter ALL = new Filter(Set.of(), null, null, null);

        boolean test(Contact c, String seq, Step step) {
            if (channels != null && !channels.isEmpty() && !channels.contains(step.channel())) return false;
            if (owner != null && !owner.equalsIgnoreCase(c.owner() == null ? "" : c.owner())) return false;
            if (sequence != null && !sequence.equals(seq)) return false;
            return kind == null || kind == (step.automatic() ? DueItem.Kind.AUTO : DueItem.Kind.MANUAL);
        }
    }

    /** The items, in priority order, with what the refresh did and what could not be listed. */
    public record Result(List<DueItem> items, Instant upTo, DueRefresher.Result refresh, List<String> problems) {
        public long failed() {
            return items.stream().filter(i -> i.error().isPresent()).count();
        }
    }

    /** The end of today + {@code days} in the workspace time zone: the default horizon of {@code due}. */
    public static Instant endOfDay(Clock clock, ZoneId zone, int days) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        return today.plusDays(days + 1L).atStartOfDay(zone).toInstant().minusMillis(1);
    }

    public DueRefresher refresher() {
        return refresher;
    }

    /** Everything due up to {@code upTo} (inclusive) that {@code filter} keeps. */
    public Result list(Instant upTo, Filter filter) {
        return list(upTo, filter, true);
    }

    /**
     * {@link #list(Instant, Filter)}; with {@code autoBodies} false, the body of an auto item is
     * left out (empty) where rendering it cannot change anything else of the item (its subject,
     * its error): for a listing that shows only the subjects of auto items. Manual items always
     * have their script.
     */
    public Result list(Instant upTo, Filter filter, boolean autoBodies) {
        long t0 = System.nanoTime();
        // the templates are read and compiled on another core while this one reads the ledger
        java.util.concurrent.ForkJoinTask<?> templates = java.util.concurrent.ForkJoinPool.commonPool().submit(
                () -> renderer.preload(templates()));
        DueRefresher.Result refresh = refresher.refresh();
        long t1 = System.nanoTime();
        Instant now = clock.instant();
        List<String> problems = new ArrayList<>(refresh.problems());
        // The due enrollments are read a page at a time, with their contacts' rows, on this thread
        // (the ledger's connection is used by one thread); each page, once its items are known, is
        // rendered by another thread while this one reads the next, then by whichever thread is free.
        // A page starts after the last row of the previous one as read: an enrollment that a
        // recompute below moved further on would be met again, and is skipped.
        boolean parallel = false;
        List<Slice> slices = new ArrayList<>();
        java.util.Set<Long> seen = new java.util.HashSet<>();
        int read = 0;
        Enrollment after = null;
        while (true) {
            List<Enrollment> page = ledger.due().enrollments(upTo, after, slice);
            if (page.isEmpty()) break;
            read += page.size();
            after = page.get(page.size() - 1);
            List<Enrollment> part = new ArrayList<>(page.size());
            for (Enrollment e : page) if (seen.add(e.id())) part.add(e);
            DueQuery.Rows rows = ledger.due().of(part, true);
            List<Pending> pending = new ArrayList<>(part.size());
            for (Enrollment e : part) {
                // the body is a method of its own: called 10k times it is compiled after a few hundred,
                // while a loop inside one call would run interpreted (C1 alone compiles no loop on stack)
                Pending p = pending(e, rows, now, upTo, filter, problems);
                if (p != null) pending.add(p);
            }
            Slice s = new Slice(pending, now, autoBodies, templates);
            slices.add(s);
            // more pages to come, or a page large enough: the slices go to other threads as well
            parallel = parallel || page.size() >= Math.min(slice, PARALLEL_FROM);
            if (parallel) java.util.concurrent.ForkJoinPool.commonPool().execute(s::render);
            if (page.size() < slice) break;
        }
        long t2 = System.nanoTime();
        templates.join();
        // what no other thread has begun is rendered here, from the last slice back
        for (int i = slices.size() - 1; i >= 0; i--) slices.get(i).render();
        List<DueItem> sorted = new ArrayList<>(read);
        for (Slice rendered : slices) rendered.items(sorted);
        sorted.sort(Comparator.comparing(DueItem::score)
                .thenComparing(i -> i.contact().id())
                .thenComparingLong(DueItem::enrollmentId));
        List<DueItem> ranked = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) ranked.add(sorted.get(i).withRank(i + 1));
        long t3 = System.nanoTime();
        LOG.debug("due: refresh {} ms ({} recomputed), read and schedule {} ms ({} enrollments, {} pages), then render and rank {} ms"
                + " ({} items)", (t1 - t0) / 1_000_000, refresh.recomputed(), (t2 - t1) / 1_000_000, read, slices.size(),
                (t3 - t2) / 1_000_000, ranked.size());
        return new Result(List.copyOf(ranked), upTo, refresh, List.copyOf(problems));
    }

    /** Enrollments per page of the read. */
    private int slice = 500;

    /** Reads {@code n} enrollments per page (tests: paging changes nothing of the result). */
    DueList slice(int n) {
        if (n < 1) throw new IllegalArgumentException("slice " + n);
        this.slice = n;
        return this;
    }

    /** Items to render, rendered once, by the first thread that asks. */
    private final class Slice {
        private final List<Pending> pending;
        private final Instant now;
        private final boolean autoBodies;
        private final java.util.concurrent.ForkJoinTask<?> templates;
        private final java.util.concurrent.atomic.AtomicBoolean claimed = new java.util.concurrent.atomic.AtomicBoolean();
        private final java.util.concurrent.CompletableFuture<DueItem[]> done = new java.util.concurrent.CompletableFuture<>();

        Slice(List<Pending> pending, Instant now, boolean autoBodies, java.util.concurrent.ForkJoinTask<?> templates) {
            this.pending = pending;
            this.now = now;
            this.autoBodies = autoBodies;
            this.templates = templates;
        }

        /** Renders the items unless another thread has begun to. */
        void render() {
            if (!claimed.compareAndSet(false, true)) return;
            try {
                templates.join();
                DueItem[] items = new DueItem[pending.size()];
                for (int i = 0; i < items.length; i++) items[i] = item(pending.get(i), now, autoBodies);
                done.complete(items);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        }

        /** Adds the rendered items to {@code to}, waiting for the thread that renders them; its failure is thrown here. */
        void items(List<DueItem> to) {
            try {
                to.addAll(java.util.Arrays.asList(done.join()));
            } catch (java.util.concurrent.CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) throw r;
                if (e.getCause() instanceof Error r) throw r;
                throw e;
            }
        }
    }

    /** One due enrollment as an item to render, or null when it is not listed (problems are added to {@code problems}). */
    private Pending pending(Enrollment e, DueQuery.Rows rows, Instant now, Instant upTo, Filter filter, List<String> problems) {
        Contact c = rows.contacts().get(e.contactId());
        Optional<Sequence> seq = library.find(e.sequence());
        if (c == null) return null;
        if (seq.isEmpty()) {
            problems.add(c.email() + ": enrollment " + e.id() + " is in sequence '" + e.sequence()
                    + "', which is not defined in sequences/ (or has problems: run cadence validate)");
            return null;
        }
        ContactHistory h = ContactHistory.of(c, rows);
        Optional<Step> storedStep = e.currentStep() == null ? Optional.empty() : seq.get().step(e.currentStep());
        NextAction a;
        boolean agrees;
        if (storedStep.isPresent() && !h.suppressed() && e.nextDueAt() != null
                && (!storedStep.get().conditional() || e.nextDueAt().isAfter(now)
                    || Conditions.whyNot(storedStep.get(), new Conditions.Facts(c, h.touchesOf(e.id()), h.events(),
                            Schedule.enrollmentStart(e, schedule.zoneOf(c)))).isEmpty())) {
            // Fresh (refreshed above: every write that can move it flagged it), and its condition, if
            // any, holds now (or is checked later, when due): the stored step is the schedule's answer.
            Step s = storedStep.get();
            a = new NextAction(s.automatic() ? NextAction.Kind.AUTO : NextAction.Kind.MANUAL, storedStep, e.occurrence(),
                    Optional.of(e.nextDueAt()), Optional.empty(), variant(c, seq.get(), s, h.touchesOf(e.id())), List.of(),
                    Optional.empty(), Optional.empty(), "");
            agrees = true;
        } else {
            // a condition that fails now (or a suppressed contact): the schedule records the skip
            a = schedule.next(seq.get(), e, h);
            String stored = e.currentStep();
            agrees = a.skips().isEmpty() && a.step().map(s -> s.id().equals(stored)).orElse(false)
                    && a.occurrence() == e.occurrence() && (a.kind() == NextAction.Kind.AUTO || a.kind() == NextAction.Kind.MANUAL);
        }
        if (!agrees) {
            // time passing made a condition fail, or the stored step is stale: record and re-read
            refresher.recompute(e.id());
            Enrollment fresh = ledger.enrollments().findById(e.id()).orElseThrow();
            h = new ContactHistory(c, ledger.touches().listByContact(c.id()), rows.eventsOf(c.id()), h.suppressed());
            a = schedule.next(seq.get(), fresh, h);
            e = fresh;
        }
        if (a.kind() != NextAction.Kind.AUTO && a.kind() != NextAction.Kind.MANUAL) return null;
        if (a.dueAt().isEmpty() || a.dueAt().get().isAfter(upTo)) return null;
        Step step = a.step().orElseThrow();
        if (!filter.test(c, seq.get().name(), step)) return null;
        return new Pending(e, c, seq.get(), step, a, h, rows.notesOf(c.id()));
    }

    private record Pending(Enrollment e, Contact c, Sequence seq, Step step, NextAction action, ContactHistory history,
                           List<dev.cadence.ledger.Note> notes) {}

    private DueItem item(Pending p, Instant now, boolean autoBodies) {
        ZoneId zone = schedule.zoneOf(p.c());
        List<Touch> mine = p.history().touchesOf(p.e().id());
        RenderResult r = content.render(p.c(), p.seq(), p.step(), p.action().variant(), mine, p.notes(), now,
                autoBodies || !p.step().automatic());
        Optional<String> subject = Optional.empty();
        Optional<String> body = Optional.empty();
        Optional<String> error = Optional.empty();
        if (r instanceof Rendered ok) {
            subject = ok.subject();
            body = Optional.ofNullable(ok.textBody()); // null: left out (autoBodies false)
        } else if (r instanceof RenderFailure f) {
            error = Optional.of(f.message());
        }
        Priority.Score score = priority.score(p.action(), p.history(), zone, Schedule.enrollmentStart(p.e(), zone));
        Optional<Touch> last = lastTouch(p.history().touches(), now);
        dev.cadence.ledger.Note latest = null;
        for (dev.cadence.ledger.Note n : p.notes()) {
            if (latest == null || LATEST_NOTE.compare(n, latest) > 0) latest = n; // the first of equals, as Stream.max
        }
        Optional<String> lastNote = latest == null ? Optional.empty() : Optional.ofNullable(latest.body());
        Step s = p.step();
        return new DueItem(0, p.e().id(), p.c(), p.seq().name(), s.id(), p.action().occurrence(), s.channel(),
                s.automatic() ? DueItem.Kind.AUTO : DueItem.Kind.MANUAL, p.action().dueAt().orElseThrow(), zone, score,
                s.purpose(), p.action().variant(), TouchContent.template(s, p.action().variant()), subject, body, error,
                last, lastNote);
    }

    private static final Comparator<dev.cadence.ledger.Note> LATEST_NOTE = Comparator.comparing(dev.cadence.ledger.Note::createdAt,
            Comparator.nullsFirst(Comparator.<Instant>naturalOrder())).thenComparingLong(dev.cadence.ledger.Note::id);

    /** The variant recorded for the step in this enrollment, else the deterministic one (as the schedule does). */
    private static Optional<String> variant(Contact c, Sequence seq, Step step, List<Touch> mine) {
        if (step.variants().isEmpty()) return Optional.empty();
        for (Touch t : mine) {
            if (step.id().equals(t.stepId()) && t.variant() != null
                    && step.variants().stream().anyMatch(v -> v.id().equals(t.variant()))) {
                return Optional.of(t.variant());
            }
        }
        return Variants.assign(c.emailNorm(), seq.name(), step);
    }

    /** The contact's last touch that reached it (sent or done), on any sequence, up to now. */
    static Optional<Touch> lastTouch(List<Touch> touches, Instant now) {
        Touch last = null;
        for (Touch t : touches) {
            if (t.status() != dev.cadence.ledger.TouchStatus.SENT && t.status() != dev.cadence.ledger.TouchStatus.DONE) continue;
            Instant at = t.at() != null ? t.at() : t.createdAt();
            if (at == null || at.isAfter(now)) continue;
            Instant lastAt = last == null ? null : last.at() != null ? last.at() : last.createdAt();
            if (last == null || !at.isBefore(lastAt)) last = t;
        }
        return Optional.ofNullable(last);
    }

    /** Every template the library's steps and variants name. */
    private Set<String> templates() {
        Set<String> names = new java.util.LinkedHashSet<>();
        for (Sequence seq : library.all()) {
            for (Step s : seq.steps()) {
                s.template().ifPresent(names::add);
                for (dev.cadence.sequence.Variant v : s.variants()) names.add(v.template());
            }
        }
        return names;
    }

    /** The names of the sequences, for messages. */
    public Set<String> sequenceNames() {
        return library.all().stream().map(Sequence::name).collect(Collectors.toCollection(java.util.TreeSet::new));
    }
}
