package dev.tessera.samples.arithmetic;

import dev.tessera.samples.demo.DemoContext;
import dev.tessera.samples.demo.DemoPart;
import dev.tessera.samples.demo.DemoResult;
import java.util.LinkedHashMap;
import java.util.Map;

/** The arithmetic section of {@code tessera demo}. */
public final class ArithmeticDemo implements DemoPart {

    @Override
    public String name() {
        return "arithmetic";
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public DemoResult run(DemoContext ctx) throws Exception {
        ArithmeticPipeline.Options o = ArithmeticPipeline.Options.demo(ctx.quick() ? 75 : 300, ctx.seed());
        ArithmeticPipeline.Result r = ArithmeticPipeline.run(o, ctx.log());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("exact_match", r.exactMatch());
        m.put("evaluated", r.evaluated());
        m.put("steps", r.steps());
        m.put("train_seconds", r.trainSeconds());
        m.put("parameters", r.parameters());
        StringBuilder md = new StringBuilder("## Arithmetic (text modality)\n\n");
        md.append(String.format("A %,d-parameter GPT-2 style model (%d layers, d_model %d) trained from scratch on "
                + "3-digit additions written `$123+456=9750$` (answer reversed, loss on the answer only), %d steps "
                + "of batch %d in %.1f s.%n%n", r.parameters(), o.layers(), o.dModel(), r.steps(), o.batch(),
                r.trainSeconds()));
        md.append(String.format("**Held-out exact match: %.1f%%** (%d problems never seen in training).%n%n",
                100 * r.exactMatch(), r.evaluated()));
        md.append("Sample answers (greedy):\n\n```\n");
        r.examples().forEach(e -> md.append(e).append('\n'));
        md.append("```\n");
        ctx.log().printf("arithmetic: held-out exact match %.4f%n", r.exactMatch());
        r.examples().forEach(e -> System.out.println("  " + e));
        return new DemoResult(m, md.toString());
    }
}
