package dev.aoi.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/** The worker's own encoders on odd sizes: what they write decodes, in OpenCV and in the JDK, to what went in. */
class EncodersTest {

    @BeforeAll
    static void opencv() {
        OpenCvLoader.ensureLoaded();
    }

    @ParameterizedTest
    @CsvSource({"1,1", "3,200", "200,3", "129,65", "1792,1792"})
    void the_class_map_png_decodes_pixel_for_pixel(int width, int height) throws IOException {
        byte[] data = new byte[width * height];
        Random random = new Random(width * 31L + height);
        // long runs of a few classes as a model gives them, and every byte value somewhere when there is room
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextInt(50) == 0 ? (byte) random.nextInt(256) : (byte) ((i / 97) % 5);
        }
        byte[] png = ClassMapPng.encode(ClassMap.of(data, width, height));

        Mat decoded = Imgcodecs.imdecode(new MatOfByte(png), Imgcodecs.IMREAD_UNCHANGED);
        try {
            assertThat(decoded.type()).isEqualTo(CvType.CV_8UC1);
            assertThat(decoded.cols()).isEqualTo(width);
            assertThat(decoded.rows()).isEqualTo(height);
            byte[] back = new byte[data.length];
            decoded.get(0, 0, back);
            assertThat(back).isEqualTo(data);
        } finally {
            decoded.release();
        }
        BufferedImage jdk = ImageIO.read(new ByteArrayInputStream(png)); // a second, independent PNG reader
        assertThat(jdk.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
        assertThat(((DataBufferByte) jdk.getRaster().getDataBuffer()).getData()).isEqualTo(data);
    }

    @ParameterizedTest
    @CsvSource({"1,1,3", "3,200,3", "200,3,3", "1792,1792,3", "3,200,1", "1792,1792,1"})
    void jpeg_decodes_to_the_image_it_was_given(int width, int height, int channels) {
        Mat image = new Mat(height, width, channels == 3 ? CvType.CV_8UC3 : CvType.CV_8UC1);
        Mat decoded = null;
        Mat diff = new Mat();
        try {
            // smooth content with a colour gradient: what JPEG at q90 keeps within a few levels
            image.setTo(new Scalar(40, 120, 200));
            Mat noise = new Mat(image.size(), image.type());
            Core.randu(noise, 0, 30);
            Core.add(image, noise, image);
            noise.release();
            byte[] jpeg = JpegEncoder.encode(image, 90);
            assertThat(jpeg).startsWith((byte) 0xFF, (byte) 0xD8);
            decoded = Imgcodecs.imdecode(new MatOfByte(jpeg), Imgcodecs.IMREAD_UNCHANGED);
            if (channels == 3) {
                Imgproc.cvtColor(decoded, decoded, Imgproc.COLOR_BGR2RGB); // OpenCV decodes to BGR
            }
            assertThat(decoded.type()).isEqualTo(image.type());
            assertThat(decoded.cols()).isEqualTo(width);
            assertThat(decoded.rows()).isEqualTo(height);
            Core.absdiff(image, decoded, diff);
            double meanError = Core.mean(diff).val[0];
            assertThat(meanError).as("mean absolute error per sample").isLessThan(12);
        } finally {
            image.release();
            diff.release();
            if (decoded != null) {
                decoded.release();
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"1792,1792"})
    void jpeg_keeps_a_colour_where_it_was(int width, int height) {
        Mat image = new Mat(height, width, CvType.CV_8UC3, new Scalar(30, 30, 30));
        image.submat(100, 300, 200, 400).setTo(new Scalar(255, 40, 40)); // a red block (RGB, what the encoder takes)
        Mat decoded = Imgcodecs.imdecode(new MatOfByte(JpegEncoder.encode(image, 90)), Imgcodecs.IMREAD_COLOR);
        try {
            double[] red = decoded.get(200, 300);
            assertThat(red[2]).isGreaterThan(230);
            assertThat(red[0]).isLessThan(70);
            double[] dark = decoded.get(1000, 1000);
            assertThat(dark[0]).isBetween(25.0, 35.0);
        } finally {
            image.release();
            decoded.release();
        }
    }
}
