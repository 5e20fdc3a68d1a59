import java.nio.file.Files;
import java.nio.file.Path;
import org.kinspect.InspectedModel;

/** Converts each model given (relative to the fixtures folder) into this folder, as FOLDER__NAME.zip. */
public class ConvertEach {
    public static void main(String[] args) throws Exception {
        Path fixtures = Path.of(args[0]);
        Path out = Path.of(args[1]);
        for (int i = 2; i < args.length; i++) {
            Path target = out.resolve(args[i].replace('/', '_').replaceAll("\\.(keras|h5)$", "") + ".zip");
            Files.deleteIfExists(target);
            InspectedModel.open(fixtures.resolve(args[i])).save(target);
            System.out.println(target + " " + Files.size(target));
        }
    }
}
