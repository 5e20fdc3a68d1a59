package org.kinspect.cli;

import com.sun.jdi.Bootstrap;
import com.sun.jdi.ClassType;
import com.sun.jdi.IncompatibleThreadStateException;
import com.sun.jdi.Location;
import com.sun.jdi.Method;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.StackFrame;
import com.sun.jdi.ThreadReference;
import com.sun.jdi.VirtualMachine;
import com.sun.jdi.connect.AttachingConnector;
import com.sun.jdi.connect.Connector;
import com.sun.jdi.connect.IllegalConnectorArgumentsException;
import com.sun.jdi.event.BreakpointEvent;
import com.sun.jdi.event.ClassPrepareEvent;
import com.sun.jdi.event.Event;
import com.sun.jdi.event.EventSet;
import com.sun.jdi.event.VMDeathEvent;
import com.sun.jdi.event.VMDisconnectEvent;
import com.sun.jdi.request.BreakpointRequest;
import com.sun.jdi.request.ClassPrepareRequest;
import com.sun.jdi.request.EventRequest;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a kinspect command in a child JVM under the Java debugger interface and records every call
 * from one package of kinspect into another, in the order they happen.
 *
 * <p>A breakpoint is set on the first instruction of every method another package can call: the
 * public and protected methods and constructors of {@code org.kinspect} classes, and their static
 * initialisers (a class is initialised by its first use, from wherever that is). Private and
 * package-private methods are left out: only their own package calls them (bar reflection), and a
 * lambda's body is a private method of the class that wrote it. At each hit the caller is the
 * nearest frame below that is kinspect's code, so that a call made by DL4J (a layer's forward pass)
 * counts as made by the kinspect code that called DL4J, and a lambda's body, or the class the JVM
 * makes for a lambda or a method reference, counts as code of the class that wrote it.
 *
 * <pre>{@code
 * List<FlowTrace.Call> calls = FlowTrace.record(List.of("samples/models/sine_lstm.keras", "--input", "x.npy"));
 * }</pre>
 */
final class FlowTrace {
    private static final String KINSPECT = "org.kinspect.";
    private static final Pattern LISTENING = Pattern.compile("Listening for transport dt_socket at address: (\\d+)");

    /**
     * One call from one package of kinspect into another.
     *
     * @param thread the thread that made it
     * @param below the packages of kinspect's frames on the thread's stack under the called method,
     *     nearest first, each run of frames of one package once: the calling package first, relative
     *     to {@code org.kinspect} ({@code ""} for the root package)
     * @param caller the calling method, {@code Class.method}
     * @param to the called package
     * @param callee the called method, {@code Class.method} ({@code <init>} a constructor, {@code <clinit>}
     *     a class's initialisation)
     * @param data whether the called class is a record or an enum: plain data, made or read, no stage's work
     */
    record Call(String thread, List<String> below, String caller, String to, String callee, boolean data) {
        /** @return the calling package */
        String from() {
            return below.get(0);
        }
    }

    /**
     * What the child did.
     *
     * @param arguments the command line after {@code kinspect}
     * @param exitCode the command's exit code
     * @param output what it printed (standard output and error together)
     * @param calls the calls between packages, in order
     * @param breakpointHits how many breakpoints were hit (calls within a package included)
     */
    record Recording(List<String> arguments, int exitCode, String output, List<Call> calls, long breakpointHits) {}

    private FlowTrace() {}

    /**
     * @param arguments the command line after {@code kinspect}
     * @param workingDirectory where the child runs
     * @return what the child did and the calls between packages it made
     */
    static Recording record(List<String> arguments, Path workingDirectory) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx2g",
                "-agentlib:jdwp=transport=dt_socket,server=y,suspend=y,address=127.0.0.1:0",
                "-cp", System.getProperty("java.class.path"), KinspectCommand.class.getName()));
        command.addAll(arguments);
        try {
            Process child = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true)
                    .start();
            try {
                BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                        StandardCharsets.UTF_8));
                int port = port(lines);
                ByteArrayOutputStream output = new ByteArrayOutputStream();
                Thread drain = new Thread(() -> {
                    try {
                        lines.lines().forEach(line -> output.writeBytes((line + "\n").getBytes(StandardCharsets.UTF_8)));
                    } catch (UncheckedIOException e) {
                        // the child is gone; what it printed is in output
                    }
                });
                drain.start();
                Recorder recorder = new Recorder(attach(port));
                recorder.run();
                if (!child.waitFor(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the traced command did not end");
                }
                drain.join();
                return new Recording(List.copyOf(arguments), child.exitValue(), output.toString(StandardCharsets.UTF_8), recorder.calls,
                        recorder.hits);
            } finally {
                child.destroyForcibly();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int port(BufferedReader lines) throws IOException {
        String line;
        while ((line = lines.readLine()) != null) {
            Matcher matcher = LISTENING.matcher(line);
            if (matcher.find()) {
                return Integer.parseInt(matcher.group(1));
            }
        }
        throw new IllegalStateException("the child JVM never said where its debugger listens");
    }

    private static VirtualMachine attach(int port) throws IOException {
        AttachingConnector connector = Bootstrap.virtualMachineManager().attachingConnectors().stream()
                .filter(candidate -> candidate.transport().name().equals("dt_socket")).findFirst().orElseThrow();
        Map<String, Connector.Argument> arguments = connector.defaultArguments();
        arguments.get("hostname").setValue("127.0.0.1");
        arguments.get("port").setValue(Integer.toString(port));
        try {
            return connector.attach(arguments);
        } catch (IllegalConnectorArgumentsException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param className a class name as the JVM gives it
     * @return its package relative to {@code org.kinspect}, {@code ""} for the root package; null
     *     for a class that is not kinspect's
     */
    static String kinspectPackage(String className) {
        if (!className.startsWith(KINSPECT)) {
            return null;
        }
        // A lambda's class is named after the class that wrote it: org.kinspect.X$$Lambda$12/0x...
        String name = className.replaceFirst("\\$\\$Lambda.*$", "");
        int lastDot = name.lastIndexOf('.');
        return lastDot < KINSPECT.length() ? "" : name.substring(KINSPECT.length(), lastDot);
    }

    private static String methodName(Location location) {
        String type = location.declaringType().name();
        return type.substring(type.lastIndexOf('.') + 1).replaceFirst("\\$\\$Lambda.*$", "")
                + "." + location.method().name();
    }

    /** Sets the breakpoints as kinspect's classes load and records the hits. */
    private static final class Recorder {
        private final VirtualMachine machine;
        private final List<Call> calls = new ArrayList<>();
        private long hits;

        Recorder(VirtualMachine machine) {
            this.machine = machine;
        }

        void run() {
            ClassPrepareRequest prepared = machine.eventRequestManager().createClassPrepareRequest();
            prepared.addClassFilter("org.kinspect.*");
            prepared.setSuspendPolicy(EventRequest.SUSPEND_EVENT_THREAD);
            prepared.enable();
            machine.allClasses().stream().filter(type -> type.name().startsWith(KINSPECT)).forEach(this::watch);
            machine.resume();
            try {
                while (true) {
                    EventSet events = machine.eventQueue().remove();
                    for (Event event : events) {
                        if (event instanceof ClassPrepareEvent prepare) {
                            watch(prepare.referenceType());
                        } else if (event instanceof BreakpointEvent breakpoint) {
                            hits++;
                            record(breakpoint.thread(), breakpoint.location());
                        } else if (event instanceof VMDeathEvent || event instanceof VMDisconnectEvent) {
                            return;
                        }
                    }
                    events.resume();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (com.sun.jdi.VMDisconnectedException e) {
                // the command ended
            }
        }

        private void watch(ReferenceType type) {
            if (type.name().contains("$$Lambda")) {
                return; // a lambda's class runs the writer's own code
            }
            for (Method method : type.methods()) {
                boolean callableFromOutside = method.isPublic() || method.isProtected() || method.isStaticInitializer();
                if (!callableFromOutside || method.isAbstract() || method.isNative() || method.location() == null) {
                    continue;
                }
                BreakpointRequest request = machine.eventRequestManager().createBreakpointRequest(method.location());
                request.setSuspendPolicy(EventRequest.SUSPEND_EVENT_THREAD);
                request.enable();
            }
        }

        /** @return whether the type is a record or an enum (an enum constant's own class included) */
        private static boolean isData(ReferenceType type) {
            if (!(type instanceof ClassType classType)) {
                return false;
            }
            for (ClassType parent = classType.superclass(); parent != null; parent = parent.superclass()) {
                if (parent.name().equals("java.lang.Record") || parent.name().equals("java.lang.Enum")) {
                    return true;
                }
            }
            return false;
        }

        private void record(ThreadReference thread, Location entered) {
            String to = kinspectPackage(entered.declaringType().name());
            List<StackFrame> frames;
            try {
                frames = thread.frames();
            } catch (IncompatibleThreadStateException e) {
                throw new IllegalStateException(e);
            }
            String caller = null;
            List<String> below = new ArrayList<>();
            for (StackFrame frame : frames.subList(1, frames.size())) {
                String from = kinspectPackage(frame.location().declaringType().name());
                if (from == null) {
                    continue;
                }
                if (caller == null) {
                    if (from.equals(to)) {
                        return; // a call within the package
                    }
                    caller = methodName(frame.location());
                }
                if (below.isEmpty() || !below.get(below.size() - 1).equals(from)) {
                    below.add(from);
                }
            }
            if (caller != null) {
                calls.add(new Call(thread.name(), below, caller, to, methodName(entered), isData(entered.declaringType())));
            }
        }
    }
}
