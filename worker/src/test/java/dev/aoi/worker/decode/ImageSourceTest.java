package dev.aoi.worker.decode;

import dev.aoi.imaging.FrameRejectedException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aoi.common.DeadLetters.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageSourceTest {

    @TempDir
    Path tmp;
    Path root;
    Path outside;
    ImageSource source;

    @BeforeEach
    void files() throws IOException {
        root = Files.createDirectories(tmp.resolve("images"));
        Files.createDirectories(root.resolve("line1"));
        Files.write(root.resolve("line1/a.png"), new byte[] {1, 2, 3});
        outside = Files.write(tmp.resolve("secret.png"), new byte[] {9});
        source = new ImageSource(List.of(root), 1000);
    }

    @Test
    void reads_absolute_paths_and_file_uris_under_a_root() {
        Path file = root.resolve("line1/a.png");
        assertThat(source.read(file.toString())).containsExactly(1, 2, 3);
        assertThat(source.read(file.toUri().toString())).containsExactly(1, 2, 3);
        assertThat(source.read("file://" + file)).containsExactly(1, 2, 3);
        assertThat(source.read(root + "/line1/../line1/./a.png")).containsExactly(1, 2, 3);
    }

    @Test
    void a_link_inside_the_root_to_a_file_inside_is_fine() throws IOException {
        Path link = Files.createSymbolicLink(root.resolve("alias.png"), root.resolve("line1/a.png"));
        assertThat(source.read(link.toString())).containsExactly(1, 2, 3);
    }

    @Test
    void a_root_that_is_itself_a_link_works() throws IOException {
        Path linkedRoot = Files.createSymbolicLink(tmp.resolve("linked"), root);
        ImageSource viaLink = new ImageSource(List.of(linkedRoot), 1000);
        assertThat(viaLink.read(linkedRoot + "/line1/a.png")).containsExactly(1, 2, 3);
        assertRefused(viaLink, outside.toString(), Reason.OUTSIDE_ALLOWED_ROOTS);
    }

    @Test
    void escapes_are_refused() throws IOException {
        assertRefused(source, outside.toString(), Reason.OUTSIDE_ALLOWED_ROOTS);
        assertRefused(source, root + "/../secret.png", Reason.OUTSIDE_ALLOWED_ROOTS);
        assertRefused(source, root + "/line1/../../secret.png", Reason.OUTSIDE_ALLOWED_ROOTS);
        assertRefused(source, "file://" + root + "/../secret.png", Reason.OUTSIDE_ALLOWED_ROOTS);
        assertRefused(source, "file:" + root + "/%2E%2E/secret.png", Reason.OUTSIDE_ALLOWED_ROOTS);
        Path fileLink = Files.createSymbolicLink(root.resolve("evil.png"), outside);
        assertRefused(source, fileLink.toString(), Reason.OUTSIDE_ALLOWED_ROOTS);
        Path dirLink = Files.createSymbolicLink(root.resolve("evil-dir"), tmp);
        assertRefused(source, dirLink + "/secret.png", Reason.OUTSIDE_ALLOWED_ROOTS);
        // a sibling folder whose name merely starts with the root's name is not under it
        Path sibling = Files.createDirectories(tmp.resolve("images2"));
        assertRefused(source, Files.write(sibling.resolve("b.png"), new byte[] {1}).toString(),
                Reason.OUTSIDE_ALLOWED_ROOTS);
        assertRefused(source, "line1/a.png", Reason.OUTSIDE_ALLOWED_ROOTS);
        // an opaque (relative) file: URI names no absolute path: refused, not a NullPointerException
        assertRefused(source, "file:foo", Reason.OUTSIDE_ALLOWED_ROOTS);
        assertRefused(source, "file:line1/a.png", Reason.OUTSIDE_ALLOWED_ROOTS);
    }

    @Test
    void missing_odd_and_oversized_files_are_refused() throws IOException {
        assertRefused(source, root + "/line1/missing.png", Reason.IMAGE_NOT_FOUND);
        assertRefused(source, root + "/nodir/missing.png", Reason.IMAGE_NOT_FOUND);
        assertRefused(source, root + "/line1/a.png/child", Reason.IMAGE_NOT_FOUND);
        assertRefused(source, "s3://bucket/a.png", Reason.IMAGE_NOT_FOUND);
        assertRefused(source, "file://otherhost" + root + "/line1/a.png", Reason.IMAGE_NOT_FOUND);
        assertRefused(source, root + "/line1", Reason.UNREADABLE_IMAGE);
        Files.write(root.resolve("big.png"), new byte[1001]);
        assertRefused(source, root + "/big.png", Reason.IMAGE_TOO_LARGE);
        Files.createSymbolicLink(root.resolve("dangling.png"), root.resolve("nothing.png"));
        assertRefused(source, root + "/dangling.png", Reason.IMAGE_NOT_FOUND);
    }

    @Test
    void a_missing_root_is_a_startup_error_that_names_it() {
        assertThatThrownBy(() -> new ImageSource(List.of(tmp.resolve("nope")), 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
    }

    private static void assertRefused(ImageSource source, String uri, Reason reason) {
        assertThatThrownBy(() -> source.read(uri)).as(uri)
                .isInstanceOfSatisfying(FrameRejectedException.class, e -> assertThat(e.reason()).as(uri + ": " + e.detail())
                        .isEqualTo(reason));
    }
}
