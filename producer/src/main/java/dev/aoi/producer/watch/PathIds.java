package dev.aoi.producer.watch;

import dev.aoi.common.ImageIds;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Image ids from relative paths: {@code cam1/lot7/frame 01.png} becomes {@code cam1:lot7:frame_01.png-h<10 hex>}.
 * Directory separators become {@code :}; characters outside the id alphabet become {@code _}; whenever anything was
 * replaced (or the id had to be shortened) a hash of the exact path is appended, so two paths never share an id and
 * the same path always gets the same one (a re-publish overwrites downstream instead of duplicating).
 */
public final class PathIds {

    private static final int HASH_CHARS = 10;

    private PathIds() {
    }

    /** The id of {@code relativePath} (with {@code /} separators), after {@code prefix} (may be empty). */
    public static String fromRelativePath(String prefix, String relativePath) {
        String raw = prefix + relativePath.replace('/', ':');
        StringBuilder sb = new StringBuilder(raw.length());
        boolean replaced = false;
        for (int i = 0; i < raw.length(); i++) {
            char ch = raw.charAt(i);
            if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '.'
                    || ch == '_' || ch == ':' || ch == '-') {
                sb.append(ch);
            } else {
                sb.append('_');
                replaced = true;
            }
        }
        // ':' inside a path name itself would collide with a separator; the hash keeps them apart
        replaced |= relativePath.indexOf(':') >= 0;
        String suffix = "-h" + hash(relativePath);
        if (sb.length() > ImageIds.MAX_LENGTH) {
            sb.setLength(ImageIds.MAX_LENGTH - suffix.length());
            replaced = true;
        }
        String id = replaced ? sb + suffix : sb.toString();
        return ImageIds.requireValid(id);
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
