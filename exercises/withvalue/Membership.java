package withvalue;

import static dev.gokata.runtime.Go.go;

import dev.gokata.runtime.CancelableContext;
import dev.gokata.runtime.Chan;
import dev.gokata.runtime.Context;
import dev.gokata.runtime.RecvChan;
import java.util.Map;

/** A request-scoped value, the user id, that must reach a goroutine through the context. */
public final class Membership {
    /** The members: user id to membership status. */
    static final Map<String, Boolean> DB = Map.of("jane", true);

    // TODO: a key type for the user id that no other code can build (a private record, Go's unexported type).

    private Membership() {
    }

    /** Looks up {@code userId}'s membership in a goroutine, passing the id down through the context. */
    public static boolean processRequest(Context ctx, String userId) {
        // TODO: send userId to checkMembershipStatus through the context: Context.withValue(ctx, key, userId).
        return checkMembershipStatus(ctx).recv();
    }

    /** The user id stored in {@code ctx} by {@link #processRequest}, or null if there is none. */
    public static String userId(Context ctx) {
        // TODO: read the user id from ctx with your key.
        return null;
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
