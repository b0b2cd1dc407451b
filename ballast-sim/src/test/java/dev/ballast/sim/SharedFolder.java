package dev.ballast.sim;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The workplace's ../shared folder (traces, conformance vectors) beside the checkout, found from
 * wherever the test runs. A test that needs it is skipped where it is absent, unless {@code
 * BALLAST_REQUIRE_SHARED} is set (as CI does), where that is a failure: CI must never pass with the
 * real-data tests left out.
 */
public final class SharedFolder {
  private SharedFolder() {}

  /** {@code ../shared/<sub>} from the nearest folder above the working directory that has it. */
  public static Path locate(String sub) {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("../shared").resolve(sub).normalize();
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return Path.of("../shared").resolve(sub);
  }

  /** Skips the calling test where {@code dir} is absent, or fails it where CI requires the folder. */
  public static void assumePresent(Path dir) {
    if (Files.isDirectory(dir)) {
      return;
    }
    if (System.getenv("BALLAST_REQUIRE_SHARED") != null) {
      throw new AssertionError("BALLAST_REQUIRE_SHARED is set but " + dir.toAbsolutePath().normalize() + " is missing (the checkout needs ../shared beside it)");
    }
    Assumptions.abort("not present: " + dir.toAbsolutePath().normalize());
  }
}
