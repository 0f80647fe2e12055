package withvalue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gokata.runtime.CancelableContext;
import dev.gokata.runtime.Context;
import dev.gokata.runtime.ContextError;
import dev.gokata.runtime.RecvChan;
import dev.gokata.testkit.Stdout;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hidden tests of the withvalue kata (catalog §12.4): jane is a member, others are not; the id travels in the
 * context under a private key; derived contexts see it, the parent does not.
 *
 * <p>Checked against these wrong solutions (solutions/fixtures/withvalue/):
 * <ul>
 *   <li>the untouched starter: the id never reaches the goroutine: jane is not a member, and every test fails (the
 *       tests of what must not happen, which a starter that passes no id would pass, first check that it does);</li>
 *   <li>{@code original-ctx}: the id is stored in a derived context, but the goroutine gets the context
 *       processRequest was given: jane is not a member;</li>
 *   <li>{@code string-key}: the id is stored under the String "userIDKey", which any package can read or
 *       overwrite: fails key hygiene;</li>
 *   <li>{@code string-key-other-name}: the String "user_id", a name the key-hygiene test does not try: a context
 *       that records the keys it is asked for sees a String;</li>
 *   <li>{@code public-record-key}: the key is a record, but a public one: any package can build
 *       {@code new Membership.UserIdKey()} and read or overwrite the id;</li>
 *   <li>{@code public-key-constant}: the key is a {@code new Object()} in a public static field: any package can
 *       use {@code Membership.USER_ID_KEY} (both fail the test that records the keys userId asks for);</li>
 *   <li>{@code static-field}: processRequest puts the id in a static field and userId reads it from there, never
 *       from the context: two requests at once read each other's id.</li>
 * </ul>
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class MembershipTest {

    @Test
    void givenJane_whenTheRequestIsProcessed_thenSheIsAMember() {
        assertTrue(Membership.processRequest(Context.background(), "jane"),
                "jane is in the database: pass her id to the goroutine through the context (Context.withValue)");
    }

    @Test
    void givenAnUnknownUser_whenTheRequestIsProcessed_thenHeIsNotAMember() {
        assertTheIdReachesTheGoroutine();
        assertFalse(Membership.processRequest(Context.background(), "bob"), "bob is not in the database");
    }

    @Test
    void givenAContextWithoutTheId_whenReadingIt_thenThereIsNone() {
        assertTheIdReachesTheGoroutine();
        assertNull(Membership.userId(Context.background()), "userId of a context that carries none");
    }

    @Test
    void givenTheCommonStringKeys_whenLookedUp_thenTheIdIsNotVisible() {
        assertTheIdReachesTheGoroutine();
        Context plain = Context.withValue(Context.background(), "userIDKey", "mallory");
        plain = Context.withValue(plain, "userId", "mallory");
        plain = Context.withValue(plain, "userID", "mallory");

        assertNull(Membership.userId(plain), "a String key stored by other code must not be taken for the user id: "
                + "use a private key type (a private record), as Go uses an unexported type");
        assertFalse(Membership.processRequest(plain, "bob"), "bob must stay bob, whatever other code stored");
    }

    /**
     * The key userId looks the id up under, seen by a context that records the keys it is asked for: not a value of
     * a JDK type (a String, a number, ...), which any code can build equal, but a private type of the kata's own.
     */
    @Test
    void givenAContextThatRecordsTheKeys_whenTheIdIsLookedUp_thenTheKeyIsOfAPrivateType() {
        assertTheIdReachesTheGoroutine();
        var asked = new ArrayList<Object>();
        Context recording = new Context() {
            @Override
            public RecvChan<Void> done() {
                return Context.background().done();
            }

            @Override
            public Optional<ContextError> err() {
                return Optional.empty();
            }

            @Override
            public Optional<Instant> deadline() {
                return Optional.empty();
            }

            @Override
            public Optional<Object> value(Object key) {
                asked.add(key);
                return Optional.empty();
            }
        };

        assertNull(Membership.userId(recording), "userId of a context that carries none");
        assertFalse(asked.isEmpty(), "userId never asked the context it was given for a value: the id must travel"
                + " in the context (Context.withValue(ctx, key, id), read back with ctx.value(key)), not in a"
                + " variable that every request shares");
        for (Object key : asked) {
            Class<?> type = key.getClass();
            assertFalse(type != Object.class && type.getName().startsWith("java."), "userId looks the id up "
                    + "under the key " + (key instanceof String str ? "\"" + str + "\"" : key) + ", a "
                    + type.getName() + ": any code can build an equal key and read or overwrite the user id. Use "
                    + "a key of a private type of your own (private record UserIdKey() {}), as Go uses an "
                    + "unexported type");
            boolean own = type.getPackageName().equals(Membership.class.getPackageName());
            assertFalse(own && (Modifier.isPublic(type.getModifiers()) || Modifier.isProtected(type.getModifiers())),
                    "userId looks the id up under a key of the type " + type.getName() + ", which is public: any"
                    + " package can build an equal key and read or overwrite the user id. Declare the key type"
                    + " private (private record UserIdKey() {}), as Go's key type is unexported");
            for (Field f : Membership.class.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) && !Modifier.isPrivate(f.getModifiers())) {
                    assertFalse(key.equals(readStatic(f)), "userId looks the id up under the key in the static"
                            + " field " + f.getName() + ", which is not private: other code can take it and read or"
                            + " overwrite the user id. Make the field private (or build the key from a private"
                            + " record type: new UserIdKey())");
                }
            }
        }
    }

    /** The value of the static field {@code f} of Membership. */
    private static Object readStatic(Field f) {
        try {
            f.setAccessible(true);
            return f.get(null);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void givenAValueContext_whenDerived_thenTheChildSeesItAndTheParentIsUnchanged() {
        CancelableContext parent = Context.withCancel(Context.background());
        try {
            assertTrue(Membership.processRequest(Context.withCancel(parent), "jane"), "jane through a child context:"
                    + " hand the goroutine the context Context.withValue returns,"
                    + " not the one processRequest was given");
            assertNull(Membership.userId(parent), "processRequest must not change the context it was given: "
                    + "Context.withValue returns a new, derived context");
            assertEquals(Optional.empty(), parent.value("userIDKey"));
        } finally {
            parent.cancel();
        }
    }

    /**
     * What must not happen (an unknown user is a member, a context without the id yields one, other code's key is
     * read) does not happen either when no id reaches the goroutine at all, as in the starter: those tests check
     * this first, so that they pass only for a solution that passes the id.
     */
    private static void assertTheIdReachesTheGoroutine() {
        assertTrue(Membership.processRequest(Context.background(), "jane"), "first pass the user id to the goroutine"
                + " through the context, so that jane is a member: this test checks what must not happen once it is");
    }

    @Test
    void whenMainRuns_thenItPrintsJanesStatus() {
        List<String> lines = Stdout.capture(() -> Membership.main(new String[0]));

        assertEquals(List.of("membership status of userid : jane : true"), lines, "what main printed");
    }
}
