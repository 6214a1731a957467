package dev.cadence.render;

import com.github.mustachejava.Code;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.DefaultMustacheVisitor;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheNotFoundException;
import com.github.mustachejava.MustacheVisitor;
import com.github.mustachejava.TemplateContext;
import com.github.mustachejava.codes.IterableCode;
import com.github.mustachejava.codes.NotIterableCode;
import com.github.mustachejava.codes.PartialCode;
import com.github.mustachejava.codes.ValueCode;
import com.github.mustachejava.util.HtmlEscaper;
import dev.cadence.yaml.Location;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;

/**
 * A Mustache.java factory rooted at {@code templates/} whose compiled codes remember where each
 * tag was written (file and line), so that analysis can point at it. Partials ({@code {{> name}}})
 * must stay inside {@code templates/}.
 *
 * <p>Rendering (see {@link Renderer}): names resolve through {@link ContextObjectHandler} (maps
 * only, blank values count as absent, a value tag that finds nothing is reported to the
 * {@link RenderState} of the thread), and {@code {{x}}} is HTML-escaped only while an HTML part
 * is being rendered. Executed outside a {@link RenderState} the codes escape like Mustache.java's.
 */
final class AnalysisMustacheFactory extends DefaultMustacheFactory {

    AnalysisMustacheFactory(Path templatesDir) {
        super(templatesDir.toFile());
        setObjectHandler(new ContextObjectHandler());
    }

    @Override
    public void encode(String value, Writer writer) {
        RenderState state = RenderState.current();
        if (state != null && !state.html()) {
            try {
                writer.write(value);
            } catch (IOException e) {
                throw new MustacheException("failed to write", e);
            }
        } else {
            HtmlEscaper.escape(value, writer);
        }
    }

    /** A code that knows the tag's file and line. */
    interface Located extends Code {
        TemplateContext context();
    }

    static final class LValue extends ValueCode implements Located {
        /** Where the tag is written (set by the analysis; a partial's tags point into the partial). */
        private volatile Location location;

        LValue(TemplateContext tc, DefaultMustacheFactory df, String variable, boolean encoded) {
            super(tc, df, variable, encoded);
        }

        Location location() {
            return location;
        }

        void location(Location at) {
            location = at;
        }

        @Override
        public TemplateContext context() {
            return tc;
        }
    }

    static final class LSection extends IterableCode implements Located {
        LSection(TemplateContext tc, DefaultMustacheFactory df, Mustache m, String variable) {
            super(tc, df, m, variable);
        }

        @Override
        public TemplateContext context() {
            return tc;
        }
    }

    static final class LInverted extends NotIterableCode implements Located {
        LInverted(TemplateContext tc, DefaultMustacheFactory df, Mustache m, String variable) {
            super(tc, df, m, variable);
        }

        @Override
        public TemplateContext context() {
            return tc;
        }
    }

    static final class LPartial extends PartialCode implements Located {
        LPartial(TemplateContext tc, DefaultMustacheFactory df, String variable) {
            super(tc, df, variable);
        }

        @Override
        public TemplateContext context() {
            return tc;
        }

        @Override
        public synchronized void init() {
            try {
                super.init();
            } catch (MustacheNotFoundException e) {
                throw new MustacheException("partial '" + name + "' not found (looked for "
                        + partialName() + " under templates/) @[" + tc.file() + ":" + tc.line() + "]");
            }
        }
    }

    @Override
    public MustacheVisitor createMustacheVisitor() {
        return new DefaultMustacheVisitor(this) {
            @Override
            public void value(TemplateContext tc, String variable, boolean encoded) {
                list.add(new LValue(tc, df, variable, encoded));
            }

            @Override
            public void iterable(TemplateContext tc, String variable, Mustache mustache) {
                list.add(new LSection(tc, df, mustache, variable));
            }

            @Override
            public void notIterable(TemplateContext tc, String variable, Mustache mustache) {
                list.add(new LInverted(tc, df, mustache, variable));
            }

            @Override
            public void partial(TemplateContext tc, String variable, String indent) {
                String v = variable.strip().replace('\\', '/');
                if (v.startsWith("/") || List.of(v.split("/")).contains("..")) {
                    throw new MustacheException("partial '" + variable + "' must stay inside templates/ (no '..', no absolute path)"
                            + " @[" + tc.file() + ":" + tc.line() + "]");
                }
                TemplateContext partialTc = new TemplateContext("{{", "}}", tc.file(), tc.line(), tc.startOfLine());
                list.add(new LPartial(partialTc, df, variable));
            }
        };
    }
}
