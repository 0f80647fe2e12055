package dev.gokata.grader.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gokata.grader.FakeCourse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The course a class command reports on: its katas, in the catalogue's order. */
class CourseOptionTest {

    @Test
    void givenKatasNamedOutOfOrder_whenTheClassIsGraded_thenTheReportsKatasAreInCourseOrder() {
        var option = new CourseOption();
        option.course = FakeCourse.resource("twokatas");
        option.title = "t";

        var katas = option.reportCourse(List.of("echo", "adder"), Map.of()).katas();

        assertEquals(List.of("adder", "echo"), katas.stream().map(Course.Kata::id).toList());
    }
}
