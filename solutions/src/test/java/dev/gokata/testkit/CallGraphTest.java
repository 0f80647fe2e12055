package dev.gokata.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gokata.testkit.CallGraph.Method;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** What the hidden tests' call graph of a student's class follows: its own methods, lambdas and nested classes. */
class CallGraphTest {
    private static final String SAMPLE = "dev/gokata/testkit/CallGraphTest$Sample";
    private static final Method START = new Method(SAMPLE, "start", "()Ljava/lang/String;");

    /** A class that splits its work over a helper, a lambda, a method reference and an anonymous class. */
    @SuppressWarnings("unused")
    static final class Sample {
        static String start() {
            Supplier<String> body = () -> helper();
            Runnable later = Sample::viaReference;
            later.run();
            new Runnable() {
                @Override
                public void run() {
                    Thread.yield();
                }
            }.run();
            return body.get();
        }

        private static String helper() {
            return String.valueOf(1);
        }

        private static void viaReference() {
            System.out.println();
        }

        private static void unrelated() {
            Integer.parseInt("1");
        }
    }

    @Test
    void givenAMethod_whenFollowed_thenItsHelpersLambdasMethodReferencesAndClassesAreReached() throws IOException {
        CallGraph graph = CallGraph.of(Sample.class);

        Set<Method> reached = graph.reachableFrom(START);

        assertTrue(reached.contains(new Method(SAMPLE, "helper", "()Ljava/lang/String;")), "the helper: " + reached);
        assertTrue(reached.contains(new Method(SAMPLE, "viaReference", "()V")), "the reference's target: " + reached);
        assertTrue(reached.stream().anyMatch(m -> m.name().startsWith("lambda$")), "the lambda's body: " + reached);
        assertTrue(reached.contains(new Method(SAMPLE + "$1", "run", "()V")), "the anonymous class's run: " + reached);
        assertFalse(reached.contains(new Method(SAMPLE, "unrelated", "()V")), "a method start never calls: " + reached);
    }

    @Test
    void givenMethodsApart_whenFollowed_thenTheyAndWhatOnlyTheyCallAreNotReached() throws IOException {
        CallGraph graph = CallGraph.of(Sample.class);

        Set<Method> reached = graph.reachableFrom(START, graph.methodsNamed("helper"));

        assertFalse(reached.contains(new Method(SAMPLE, "helper", "()Ljava/lang/String;")), "apart: " + reached);
        assertTrue(reached.contains(new Method(SAMPLE, "viaReference", "()V")), "reached otherwise: " + reached);
    }

    @Test
    void givenAMethod_whenItsCallsAreFollowed_thenOtherClassesCallsAreListedNotFollowed() throws IOException {
        CallGraph graph = CallGraph.of(Sample.class);

        List<String> calls = graph.callsReachableFrom(START).stream()
                .filter(c -> !c.owner().startsWith(SAMPLE))
                .map(c -> c.owner() + "." + c.name()).distinct().sorted().toList();

        assertEquals(List.of("java/io/PrintStream.println", "java/lang/Object.<init>", "java/lang/Runnable.run",
                "java/lang/String.valueOf", "java/lang/Thread.yield", "java/util/function/Supplier.get"), calls);
        assertEquals(List.of(START), graph.methodsNamed("start"));
        assertTrue(graph.methods().stream().noneMatch(m -> m.owner().equals("dev/gokata/testkit/CallGraphTest")),
                "the nest host of a nested class is not its own: " + graph.methods());
    }
}
