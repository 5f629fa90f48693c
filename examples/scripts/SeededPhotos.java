import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.bytedeco.opencv.global.opencv_core.CV_16SC3;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.add;
import static org.bytedeco.opencv.global.opencv_core.randn;
import static org.bytedeco.opencv.global.opencv_core.setRNGSeed;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/**
 * Fallback generator for bench-e2e.sh when the benchmarks module's BenchmarkPhotos is not built:
 * {@code java -cp framewire.jar SeededPhotos.java DEMO_DIR OUT_DIR WxH COUNT SEED}. Photo i is demo photo
 * (i mod n) resized to WxH with mild Gaussian noise seeded by SEED + i, saved as JPEG quality 92.
 */
public class SeededPhotos {
    public static void main(String[] args) throws Exception {
        Path demo = Path.of(args[0]);
        Path out = Files.createDirectories(Path.of(args[1]));
        String[] wh = args[2].split("x");
        int w = Integer.parseInt(wh[0]);
        int h = Integer.parseInt(wh[1]);
        int count = Integer.parseInt(args[3]);
        long seed = Long.parseLong(args[4]);
        List<Path> sources;
        try (Stream<Path> s = Files.list(demo)) {
            sources = s.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
        }
        for (int i = 0; i < count; i++) {
            Path target = out.resolve(String.format("photo-%05d.jpg", i));
            if (Files.exists(target)) {
                continue;
            }
            Mat src = imread(sources.get(i % sources.size()).toString());
            Mat big = new Mat();
            resize(src, big, new Size(w, h), 0, 0, INTER_CUBIC);
            Mat noise = new Mat(h, w, CV_16SC3);
            setRNGSeed((int) (seed + i));
            randn(noise, new Mat(1, 1, CV_64F, new Scalar(0.0)), new Mat(1, 1, CV_64F, new Scalar(2.0)));
            Mat wide = new Mat();
            big.convertTo(wide, CV_16SC3);
            add(wide, noise, wide);
            wide.convertTo(big, CV_8UC3);
            BytePointer jpeg = new BytePointer();
            imencode(".jpg", big, jpeg, new IntPointer(IMWRITE_JPEG_QUALITY, 92));
            byte[] bytes = new byte[(int) jpeg.limit()];
            jpeg.get(bytes);
            Path tmp = Files.createTempFile(out, "tmp", ".part");
            Files.write(tmp, bytes);
            Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        System.out.println(out);
    }
}
