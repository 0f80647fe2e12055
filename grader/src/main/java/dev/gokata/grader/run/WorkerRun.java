package dev.gokata.grader.run;

import dev.gokata.grader.worker.WorkerEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the worker JVMs of one grading run reported, merged over restarts: the planned units, every finished test,
 * the classes that failed as a whole, and the tests a dead or killed JVM left unfinished, with why.
 *
 * @param units       the graded units in execution order (from the first plan)
 * @param finished    finished events by unique id (a restart's result replaces an earlier one)
 * @param containers  test classes that could not be loaded or failed as a whole
 * @param interrupted tests that started but never finished, with the host's reason
 * @param output      what the worker JVMs printed outside any test (JVM messages), capped
 * @param millis      the wall time of the whole run
 */
public record WorkerRun(List<WorkerEvent.Unit> units, Map<String, WorkerEvent.Finished> finished,
                        List<WorkerEvent.ContainerFailed> containers, Map<String, Interruption> interrupted,
                        String output, long millis) {

    /** A test the run cut short: a timeout of the whole run, a JVM that ended or crashed. */
    public record Interruption(boolean timedOut, String reason) {
    }

    public WorkerRun {
        units = List.copyOf(units);
        finished = new LinkedHashMap<>(finished);
        containers = List.copyOf(containers);
        interrupted = new LinkedHashMap<>(interrupted);
    }

    /** The finished events of a unit: the unit's own and its invocations', in the order they finished. */
    public List<WorkerEvent.Finished> resultsOf(WorkerEvent.Unit unit) {
        var out = new ArrayList<WorkerEvent.Finished>();
        for (var e : finished.entrySet()) {
            if (e.getKey().equals(unit.id()) || e.getKey().startsWith(unit.id() + "/")) {
                out.add(e.getValue());
            }
        }
        return out;
    }
}
