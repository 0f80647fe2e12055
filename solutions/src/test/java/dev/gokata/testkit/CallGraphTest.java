package dev.gokata.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** What the hidden tests' call graph of a student's class follows: its own methods, lambdas and method references. */
class CallGraphTest {
    /** A class that splits its work over a helper, a lambda and a method reference; its names say what each does. */
    @SuppressWarnings("unused")
    static final class Sample {
        static String start() {
            Supplier<String> body = () -> helper();
            Runnable later = Sample::viaReference;
            later.run();
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
    void givenAMethod_whenFollowed_thenItsHelpersLambdasAndMethodReferencesAreReached() throws IOException {
        CallGraph graph = CallGraph.of(Sample.class);

        Set<String> reached = graph.reachableFrom("start()Ljava/lang/String;");

        assertTrue(reached.contains("helper()Ljava/lang/String;"), "the helper the lambda calls: " + reached);
        assertTrue(reached.contains("viaReference()V"), "the method reference's target: " + reached);
        assertTrue(reached.stream().anyMatch(m -> m.startsWith("lambda$")), "the lambda's body: " + reached);
        assertFalse(reached.contains("unrelated()V"), "a method start never calls: " + reached);
    }

    @Test
    void givenMethodsApart_whenFollowed_thenTheyAndWhatOnlyTheyCallAreNotReached() throws IOException {
        CallGraph graph = CallGraph.of(Sample.class);

        Set<String> reached = graph.reachableFrom("start()Ljava/lang/String;", graph.methodsNamed("helper"));

        assertFalse(reached.contains("helper()Ljava/lang/String;"), "the method apart: " + reached);
        assertTrue(reached.contains("viaReference()V"), "a method reached otherwise: " + reached);
    }

    @Test
    void givenAMethod_whenItsCallsAreFollowed_thenOtherClassesCallsAreListedNotFollowed() throws IOException {
        CallGraph graph = CallGraph.of(Sample.class);

        List<String> calls = graph.callsReachableFrom("start()Ljava/lang/String;").stream()
                .filter(c -> !c.owner().equals("dev/gokata/testkit/CallGraphTest$Sample"))
                .map(c -> c.owner() + "." + c.name()).distinct().sorted().toList();

        assertEquals(List.of("java/io/PrintStream.println", "java/lang/Runnable.run", "java/lang/String.valueOf",
                "java/util/function/Supplier.get"), calls);
        assertEquals(List.of("start()Ljava/lang/String;"), graph.methodsNamed("start"));
    }
}
