package withvalue;

import static dev.gokata.runtime.Go.go;

import dev.gokata.runtime.CancelableContext;
import dev.gokata.runtime.Chan;
import dev.gokata.runtime.Context;
import dev.gokata.runtime.RecvChan;
import java.util.Map;

/**
 * A request-scoped value, the user id, carried to a goroutine through the context.
 *
 * <p>Implementation note: the key is an instance of a private record, so no other code can build an equal key,
 * read the value or shadow it by accident (Go's unexported key type). The database is read-only, so goroutines
 * share it without a lock.
 */
public final class Membership {
    /** The members: user id to membership status. */
    static final Map<String, Boolean> DB = Map.of("jane", true);

    /** The key of the user id in a context: private, so only this class can store or read it. */
    private record UserIdKey() {
    }

    private Membership() {
    }

    /** Looks up {@code userId}'s membership in a goroutine, passing the id down through the context. */
    public static boolean processRequest(Context ctx, String userId) {
        Context vctx = Context.withValue(ctx, new UserIdKey(), userId);
        return checkMembershipStatus(vctx).recv();
    }

    /** The user id stored in {@code ctx} by {@link #processRequest}, or null if there is none. */
    public static String userId(Context ctx) {
        return (String) ctx.value(new UserIdKey()).orElse(null);
    }

    /** Starts a goroutine that reads the user id from {@code ctx}, looks it up and sends the status. */
    static RecvChan<Boolean> checkMembershipStatus(Context ctx) {
        Chan<Boolean> ch = Chan.make(1);
        go(() -> {
            try {
                String userId = userId(ctx);
                ch.send(userId != null && DB.getOrDefault(userId, false)); // no id, no member (Map.of has no null key)
            } finally {
                ch.close();
            }
        });
        return ch.recvOnly();
    }

    /** Prints {@code membership status of userid : jane : true}. */
    public static void main(String[] args) {
        CancelableContext ctx = Context.withCancel(Context.background());
        try {
            System.out.printf("membership status of userid : %s : %s%n", "jane", processRequest(ctx, "jane"));
        } finally {
            ctx.cancel();
        }
    }
}
