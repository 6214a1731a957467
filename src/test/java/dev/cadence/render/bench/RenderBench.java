package dev.cadence.render.bench;

import dev.cadence.ledger.Contact;
import dev.cadence.render.Contexts;
import dev.cadence.render.RenderContext;
import dev.cadence.render.RenderResult;
import dev.cadence.render.Rendered;
import dev.cadence.render.Renderer;
import dev.cadence.render.UnsubscribeToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Render throughput of the built-in templates ({@code sequences/templates}), in process, one
 * thread. Not a test: run by hand from the repository root after {@code mvn test-compile}, e.g.
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) dev.cadence.render.bench.RenderBench 2}
 * with {@code cp.txt} from {@code mvn dependency:build-classpath -Dmdep.outputFile=cp.txt}
 * (seconds per measurement; five rounds, the median is reported).
 * Every (template, step) of the built-in sequences is rendered for 1,000 distinct contacts, half
 * with every field and half with an email only, round robin. Three figures: rendering alone
 * (contexts built beforehand), building the context from the records alone, and both, which is
 * what {@code due} pays per item.
 */
public final class RenderBench {
    private RenderBench() {}

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2;
        List<Contexts.Use> uses = Contexts.builtinUses();
        Renderer renderer = new Renderer(Contexts.BUILTIN_TEMPLATES);
        List<Contact> contacts = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            contacts.add(i % 2 == 0
                    ? Contexts.full().toBuilder().email("c" + i + "@client.example").firstName("Ann" + i).build()
                    : Contact.builder("c" + i + "@client.example").build());
        }
        UnsubscribeToken tokens = UnsubscribeToken.withSecret("bench-secret");
        List<RenderContext> contexts = new ArrayList<>();
        List<String> templates = new ArrayList<>();
        for (int i = 0; i < contacts.size(); i++) {
            Contexts.Use u = uses.get(i % uses.size());
            contexts.add(context(contacts.get(i), u, tokens));
            templates.add(u.template());
        }
        // warm-up, and a check that everything renders
        for (int i = 0; i < 20_000; i++) {
            RenderResult r = renderer.render(templates.get(i % templates.size()), contexts.get(i % contexts.size()));
            if (!(r instanceof Rendered)) throw new IllegalStateException("did not render: " + r);
        }
        System.out.printf("%d templates (%d template/step uses), %d contacts (half full, half email only)%n",
                uses.stream().map(Contexts.Use::template).distinct().count(), uses.size(), contacts.size());

        int rounds = 5;
        double[] render = new double[rounds];
        double[] build = new double[rounds];
        double[] both = new double[rounds];
        long chars = 0;
        for (int round = 0; round < rounds; round++) {
            long n = 0;
            long start = System.nanoTime();
            long end = start + (long) (seconds * 1e9);
            while (System.nanoTime() < end) {
                for (int k = 0; k < 1000; k++, n++) {
                    int i = (int) (n % contexts.size());
                    chars += ((Rendered) renderer.render(templates.get(i), contexts.get(i))).textBody().length();
                }
            }
            render[round] = n / ((System.nanoTime() - start) / 1e9);

            n = 0;
            start = System.nanoTime();
            end = start + (long) (seconds * 1e9);
            while (System.nanoTime() < end) {
                for (int k = 0; k < 1000; k++, n++) {
                    int i = (int) (n % contexts.size());
                    chars += context(contacts.get(i), uses.get(i % uses.size()), tokens).values().size();
                }
            }
            build[round] = n / ((System.nanoTime() - start) / 1e9);

            n = 0;
            start = System.nanoTime();
            end = start + (long) (seconds * 1e9);
            while (System.nanoTime() < end) {
                for (int k = 0; k < 1000; k++, n++) {
                    int i = (int) (n % contexts.size());
                    Contexts.Use u = uses.get(i % uses.size());
                    chars += ((Rendered) renderer.render(u.template(), context(contacts.get(i), u, tokens))).textBody().length();
                }
            }
            both[round] = n / ((System.nanoTime() - start) / 1e9);
            System.out.printf("round %d: render only %,.0f/s, context only %,.0f/s, context + render %,.0f/s%n",
                    round + 1, render[round], build[round], both[round]);
        }
        System.out.printf("median of %d rounds of %.1f s: render only %,.0f renders/s (%.1f µs), context only %,.0f/s,"
                        + " context + render %,.0f renders/s (%.1f µs)  [%d chars]%n", rounds, seconds,
                median(render), 1e6 / median(render), median(build), median(both), 1e6 / median(both), chars % 10);
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        java.util.Arrays.sort(c);
        return c[c.length / 2];
    }

    private static RenderContext context(Contact c, Contexts.Use u, UnsubscribeToken tokens) {
        boolean full = c.firstName() != null;
        return RenderContext.builder(c, Contexts.WORKSPACE_ZONE, Contexts.NOW)
                .sender(Optional.of(full ? Contexts.FULL_SENDER : Contexts.BARE_SENDER))
                .unsubscribe(full ? Optional.of("https://vendor.example/u?t={{token}}") : Optional.empty(), tokens)
                .sequence(u.sequence()).step(u.step())
                .previous(full ? Contexts.previousCall() : null)
                .notes(full ? Contexts.notes() : List.of())
                .build();
    }
}
