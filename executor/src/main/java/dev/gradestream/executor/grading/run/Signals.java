package dev.gradestream.executor.grading.run;

/** Linux signal numbers (the same on x86-64 and arm64 for all of these) and what they mean to a student. */
public final class Signals {
    public static final int SIGXFSZ = 25;

    private static final String[] NAMES = {null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT",
        "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM",
        "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
        "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS"};

    private Signals() {
    }

    public static String name(int signal) {
        return signal > 0 && signal < NAMES.length ? NAMES[signal] : "signal " + signal;
    }

    /** "crashed with SIGSEGV (invalid memory access)". */
    public static String crash(int signal) {
        String meaning = meaning(signal);
        return "crashed with " + name(signal) + (meaning == null ? "" : " (" + meaning + ")");
    }

    private static String meaning(int signal) {
        return switch (name(signal)) {
            case "SIGSEGV" -> "invalid memory access";
            // Most often not the code's own call: glibc aborts on a double or invalid free() and on a
            // corrupted heap, and a student who never wrote abort() would be misled by "abort() was called".
            case "SIGABRT" -> "abort() was called, by the code or by the C library on an invalid free() or a "
                    + "corrupted heap";
            case "SIGFPE" -> "arithmetic error, such as a division by zero";
            case "SIGBUS" -> "misaligned or unmapped memory access";
            case "SIGILL" -> "illegal instruction";
            case "SIGTRAP" -> "trace or breakpoint trap";
            case "SIGKILL" -> "killed";
            case "SIGPIPE" -> "wrote to a pipe nobody reads";
            case "SIGXCPU" -> "CPU time limit exceeded";
            case "SIGXFSZ" -> "output size limit exceeded";
            case "SIGSYS" -> "forbidden system call";
            case "SIGALRM" -> "its own alarm() went off";
            default -> null;
        };
    }
}
