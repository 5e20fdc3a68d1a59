/**
 * The floor a short kinspect command is measured against: start the JVM and ND4J's native backend
 * (what every command that runs a model needs before it can do anything), then exit. bench/cli.sh
 * compiles it against kinspect.jar and runs it with the launcher's JVM options.
 */
public final class Floor {
    public static void main(String[] args) {
        org.nd4j.linalg.factory.Nd4j.getBackend();
        System.out.println(org.nd4j.linalg.factory.Nd4j.create(new float[] {1f}).sumNumber());
    }
}
