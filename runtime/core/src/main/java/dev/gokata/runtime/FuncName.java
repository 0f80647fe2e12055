package dev.gokata.runtime;

/**
 * Go's name for the function a Java frame runs, as goroutine dumps and race reports print it: {@code pkg.Type.method};
 * a lambda body {@code lambda$main$0} is Go's closure {@code main.func1} (Java numbers a class's lambdas from 0, Go
 * a function's closures from 1), and a nested class {@code Outer$Inner} reads {@code Outer.Inner}, as a Java reader
 * writes it. An anonymous class keeps its number ({@code Outer$1}): its frame does not say where it was written.
 */
public final class FuncName {
    private FuncName() {
    }

    /** The name of {@code method} of the class named {@code className} (a binary name, as a stack frame has it). */
    public static String of(String className, String method) {
        return nested(className) + '.' + closure(method);
    }

    /** The name of the function that {@code frame} runs. */
    public static String of(StackTraceElement frame) {
        return of(frame.getClassName(), frame.getMethodName());
    }

    private static String closure(String method) {
        if (!method.startsWith("lambda$")) {
            return method;
        }
        int dollar = method.lastIndexOf('$');
        String enclosing = method.substring("lambda$".length(), Math.max(dollar, "lambda$".length()));
        String index = method.substring(dollar + 1);
        if (enclosing.isEmpty() || index.isEmpty() || !index.chars().allMatch(Character::isDigit)) {
            return method;
        }
        return enclosing + ".func" + (Integer.parseInt(index) + 1);
    }

    private static String nested(String className) {
        if (className.indexOf('$') < 0) {
            return className;
        }
        var sb = new StringBuilder(className.length());
        for (int i = 0; i < className.length(); i++) {
            char c = className.charAt(i);
            boolean named = c == '$' && i > 0 && i + 1 < className.length()
                    && Character.isJavaIdentifierStart(className.charAt(i + 1)) && className.charAt(i + 1) != '$';
            sb.append(named ? '.' : c);
        }
        return sb.toString();
    }
}
